"""A catalog item's `providers` (or a plan project's `provider_types`) names a type of provider
that may not, or is not known to, provide services bought by government.

Why: 财政部令第102号 第六条 names who may provide (企业, 社会组织, 事业单位 other than
公益一类, 农村集体经济组织, 基层群众性自治组织, 个人), and 第八条 excludes
公益一类事业单位 and 群团组织 that use 事业编制 and are funded by the budget; an item
that names them cannot be bought from them.  For township services the 2017 opinion
on township service capacity (中共中央办公厅 国务院办公厅《关于加强乡镇政府服务能力建设的意见》)
also names 农民专业合作组织, 公益性服务机构 and 个体工商户, which are accepted too.
Option: `extra` (a list of further provider types a repository accepts, e.g.
`provider-type: {extra: [供销合作社]}`); it cannot admit a type that 第八条 excludes.
In a plan, a type 第八条 excludes is plan-provider's to report (once, not twice).

Good::

    providers: [社会组织, 企业]
    providers: [农民专业合作组织, 个体工商户]

Bad::

    providers: [公益一类事业单位]       # excluded by 财政部令第102号 第八条
    providers: [社会组织机构]           # not a provider type: did you mean 社会组织?
"""

from __future__ import annotations

from collections.abc import Iterator

from catalogtool.kinds import CATALOG, PURCHASE_PLAN
from catalogtool.problems import Finding, Level, Message
from catalogtool.rules.context import DocContext
from catalogtool.rules.options import TEXT_LIST, RuleOption
from catalogtool.rules.spec import RuleSpec, Scope, documentation
from catalogtool.textnorm import normalize_name

DOC_ZH = """目录事项的 `providers`（或年度计划项目的 `provider_types`）中有不得承接政府购买服务的主体类型，或不属于已知承接主体类型的名称。

原因：财政部令第102号第六条规定了承接主体（企业、社会组织、公益一类以外的事业单位、农村集体经济组织、
基层群众性自治组织、个人），第八条规定公益一类事业单位、使用事业编制且由财政拨款保障的群团组织不作为
承接主体；事项写了这些主体，就不能向它们购买。乡镇服务方面，中共中央办公厅、国务院办公厅
《关于加强乡镇政府服务能力建设的意见》（2017 年）还提到农民专业合作组织、公益性服务机构和个体工商户，
这些类型同样接受。选项：`extra`（本仓库另外接受的承接主体类型，例如
`provider-type: {extra: [供销合作社]}`）；第八条排除的类型不能通过它放行。年度计划中第八条排除的类型由
plan-provider 报告（只报告一次）。

正确示例：

    providers: [社会组织, 企业]
    providers: [农民专业合作组织, 个体工商户]

错误示例：

    providers: [公益一类事业单位]       # 财政部令第102号第八条排除
    providers: [社会组织机构]           # 不是承接主体类型：是否想写“社会组织”？
"""

ID = "provider-type"
PROVIDER_TYPES = (
    # 财政部令第102号 第六条
    "企业", "社会组织", "事业单位", "农村集体经济组织", "基层群众性自治组织", "个人",
    # 关于加强乡镇政府服务能力建设的意见 (2017): township providers
    "农民专业合作组织", "公益性服务机构", "个体工商户",
)
MESSAGES = {
    "excluded": Message("承接主体“{value}”不能承接政府购买服务：财政部令第102号第八条规定，公益一类事业单位、"
                 "使用事业编制且由财政拨款保障的群团组织，不作为政府购买服务的购买主体和承接主体",
                 "{value} may not provide services bought by government: 财政部令第102号 Art. 8 excludes "
                 "公益一类事业单位 and 群团组织 that use 事业编制 and are funded by the budget"),
    "unknown": Message("承接主体类型“{value}”不在允许范围内{hint_zh}；可选：{options}",
                "provider type {value} is not allowed{hint_en}; choose one of: {options}"),
}


def excluded_by_article_8(value: str) -> bool:
    """公益一类事业单位, or a 群团组织 said to be budget-funded or on 事业编制 (第八条)."""
    key = normalize_name(value)
    return "公益一类" in key or ("群团组织" in key and ("财政拨款" in key or "事业编制" in key))




def check(ctx: DocContext) -> Iterator[Finding]:
    extra = [e for e in ctx.options.get("extra") or () if e.strip() and e not in PROVIDER_TYPES]
    allowed = [*PROVIDER_TYPES, *extra]
    keys = {normalize_name(a) for a in allowed}
    plan = ctx.kind_spec is PURCHASE_PLAN
    field = "provider_types" if plan else "providers"
    excluded: dict[str, bool] = {}  # the same few types recur in every item
    for item in ctx.items:
        providers = item.data.get(field)
        if not isinstance(providers, list):
            continue  # a missing or malformed list is the schema's to report
        for index, value in enumerate(providers):
            if not isinstance(value, str) or not value.strip():
                continue
            out = excluded.get(value)
            if out is None:
                out = excluded[value] = excluded_by_article_8(value)
            if out:
                if not plan:  # in a plan, plan-provider reports it
                    yield Finding(ID, "excluded", f"{item.pointer}/{field}/{index}", {"value": value})
            elif value not in allowed:
                yield Finding(ID, "unknown", f"{item.pointer}/{field}/{index}",
                              {"value": value, "options": "、".join(allowed), **_hint(value, allowed, keys)})


def _hint(value: str, allowed: list[str], keys: set[str]) -> dict[str, str]:
    """Did you mean: the same type in another spelling (`社會組織`), or the closest type."""
    key = normalize_name(value)
    same = [a for a in allowed if normalize_name(a) == key] if key in keys else []
    import difflib  # only when something is misspelt: not at start-up
    close = same or difflib.get_close_matches(value, allowed, n=1, cutoff=0.5)
    if not close:
        return {"hint_zh": "", "hint_en": ""}
    return {"hint_zh": f"（是否想写“{close[0]}”？）", "hint_en": f" (did you mean {close[0]}?)"}


RULE = RuleSpec(
    id=ID,
    level=Level.ERROR,
    scope=Scope.DOCUMENT,
    kinds=(CATALOG, PURCHASE_PLAN),
    summary=Message("承接主体类型不在允许范围内，或属于财政部令第102号第八条不得承接的主体",
                    "a provider type that is unknown, or excluded by Ministry of Finance Decree No. 102, Article 8"),
    source=Message(
        "财政部令第102号《政府购买服务管理办法》第六条、第八条；"
        "中共中央办公厅 国务院办公厅《关于加强乡镇政府服务能力建设的意见》（2017年）",
        "Measures for the Administration of Government Purchase of Services (Ministry of Finance Decree "
        "No. 102), Articles 6 and 8; General Office of the CPC Central Committee and General Office of the "
        "State Council, Opinions on strengthening the service capacity of township governments (2017)"),
    doc=documentation(DOC_ZH, __doc__),
    messages=MESSAGES,
    options=(
        RuleOption("extra", TEXT_LIST, (), Message(
            "本仓库另外允许的承接主体类型（如地方文件列出的其他类型）；第八条排除的主体即使列在这里也报告",
            "more provider types this repository allows (as named by local rules); types Art. 8 excludes are still reported")),
    ),
    check=check,
)
