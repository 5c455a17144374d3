"""A plan project's provider that cannot be: a type in `provider_types` that the catalog item does
not name among its `providers`, a type that 财政部令第102号 第八条 excludes, or a
`provider.credit_code` that is not a valid unified social credit code.

Why: the catalog item says who may provide the service, and the plan may narrow
that, never widen it (checked when the plan's catalog is available, see
plan-catalog-ref; a type that is not a provider type at all is provider-type's to
report).  第八条: 公益一类事业单位 and 群团组织 that use 事业编制 and are funded by
budget appropriation are neither purchasers nor providers.  The credit code
(统一社会信用代码, GB 32100) has 18 characters, digits and capital letters without
I, O, S, V and Z, the last one a check character computed from the first seventeen.

Good::

    provider_types: [社会组织]          # the item names 社会组织 and 企业
    provider: {credit_code: 52441803MJL123454G}

Bad::

    provider_types: [个人]              # the item does not name 个人
    provider_types: [公益一类事业单位]
    provider: {credit_code: 52441803MJL123454H}    # the check character is G
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator
from typing import Any

from catalogtool.credit_code import ALPHABET, check_character, problem
from catalogtool.kinds import CATALOG, PURCHASE_PLAN
from catalogtool.problems import Finding, Level, Message
from catalogtool.rules.context import DocContext
from catalogtool.rules.plan_catalogs import Editions, catalog_facts, edition_facts
from catalogtool.rules.provider_type import ID as PROVIDER_TYPE
from catalogtool.rules.provider_type import PROVIDER_TYPES, excluded_by_article_8
from catalogtool.rules.spec import Load, RuleSpec, Scope, documentation
from catalogtool.textnorm import normalize_name

DOC_ZH = """年度购买计划中项目的承接主体有问题：`provider_types` 中有目录事项的 `providers` 没有列出的类型，
有财政部令第102号第八条排除的类型，或者 `provider.credit_code` 不是有效的统一社会信用代码。

原因：目录事项规定了由谁承接，计划可以缩小范围，不能扩大（计划所依据的目录可用时核对，见
plan-catalog-ref；根本不是承接主体类型的名称由 provider-type 报告）。第八条规定，公益一类事业单位、
使用事业编制且由财政拨款保障的群团组织，不作为政府购买服务的购买主体和承接主体。统一社会信用代码
（GB 32100）共 18 位，由数字和除 I、O、S、V、Z 以外的大写字母组成，最后一位是由前 17 位算出的校验码。

正确示例：

    provider_types: [社会组织]          # 目录事项列有 社会组织、企业
    provider: {credit_code: 52441803MJL123454G}

错误示例：

    provider_types: [个人]              # 目录事项没有列出 个人
    provider_types: [公益一类事业单位]
    provider: {credit_code: 52441803MJL123454H}    # 校验码应为 G
"""

ID = "plan-provider"
MESSAGES = {
    "not-in-item": Message("承接主体类型“{value}”不在目录事项 {ref}（{name}）的承接主体中；该事项的承接主体为：{providers}",
                           "provider type {value} is not among the providers of catalog item {ref} ({name}): {providers}"),
    "excluded": Message("承接主体类型“{value}”不能承接政府购买服务：财政部令第102号第八条规定，公益一类事业单位、"
                        "使用事业编制且由财政拨款保障的群团组织，不作为政府购买服务的购买主体和承接主体",
                        "{value} may not provide services bought by government: 财政部令第102号 Art. 8 excludes "
                        "公益一类事业单位 and 群团组织 that use 事业编制 and are funded by the budget"),
    "credit-length": Message("统一社会信用代码 {code} 有 {length} 位，应为 18 位", "the credit code {code} has {length} characters, not 18"),
    "credit-character": Message("统一社会信用代码 {code} 的第 {position} 位“{char}”不能用在代码中（只用数字和除 I、O、S、V、Z 以外的大写字母）{hint_zh}",
                                "character {position} of the credit code {code}, {char}, is not used in credit codes "
                                "(digits and capital letters other than I, O, S, V and Z){hint_en}"),
    "credit-check": Message("统一社会信用代码 {code} 的校验码（第 18 位）应为 {expected}，这里是 {actual}；请核对代码是否抄错",
                            "the check character (the 18th) of the credit code {code} should be {expected}, not "
                            "{actual}; check the code for a mistyped character"),
}


def collect(ctx: DocContext) -> dict[str, Any]:
    """A catalog's items; a plan's edition, its own findings, and the provider types to hold against its catalog."""
    if ctx.kind_spec is CATALOG:
        return catalog_facts(ctx)
    extra = (ctx.config.options.get(PROVIDER_TYPE) or {}).get("extra") or ()
    known = {normalize_name(t) for t in (*PROVIDER_TYPES, *extra) if isinstance(t, str)}
    found: list[tuple[str, str, dict[str, Any]]] = []
    against: list[tuple[str, str, str]] = []
    for project in ctx.items:
        types = project.data.get("provider_types")
        ref = project.data.get("catalog_ref")
        for index, value in enumerate(types if isinstance(types, list) else ()):
            if not isinstance(value, str) or not value.strip():
                continue
            pointer = f"{project.pointer}/provider_types/{index}"
            if excluded_by_article_8(value):
                found.append((pointer, "excluded", {"value": value}))
            elif isinstance(ref, str) and normalize_name(value) in known:
                against.append((pointer, ref, value))
        provider = project.data.get("provider")
        code = provider.get("credit_code") if isinstance(provider, dict) else None
        if isinstance(code, str):
            found.extend(_credit_code(f"{project.pointer}/provider/credit_code", code))
    return {**edition_facts(ctx), "found": found, "against": against}


def _character_hint(char: str) -> dict[str, str]:
    """How to mend a character that has no place in a credit code: full width, small, or a letter for a digit."""
    plain = unicodedata.normalize("NFKC", char).upper()
    if plain != char and len(plain) == 1 and plain in ALPHABET:
        how = "大写" if char.isascii() else "半角大写" if plain.isalpha() else "半角"
        return {"hint_zh": f"；请改为{how}的“{plain}”", "hint_en": f"; write {plain}"}
    looks = {"I": "1", "O": "0", "S": "5", "V": "U", "Z": "2"}.get(plain)
    if looks is not None:
        return {"hint_zh": f"；是否把“{looks}”抄成了“{char}”？", "hint_en": f"; is it {looks} mistyped as {char}?"}
    return {"hint_zh": "", "hint_en": ""}


def _credit_code(pointer: str, code: str) -> Iterator[tuple[str, str, dict[str, Any]]]:
    what = problem(code)
    if what == "length":
        yield pointer, "credit-length", {"code": code, "length": len(code)}
    elif what == "character":
        position, char = next((i, c) for i, c in enumerate(code, 1) if c not in ALPHABET)
        yield pointer, "credit-character", {"code": code, "position": position, "char": char, **_character_hint(char)}
    elif what == "check":
        yield pointer, "credit-check", {"code": code, "expected": check_character(code[:17]), "actual": code[17]}


def finish(facts: Iterable[tuple[str, dict[str, Any]]], load: Load) -> Iterator[tuple[str, Finding]]:
    editions = Editions(facts, load)
    for path, plan in editions.plans():
        for pointer, key, args in plan.get("found", ()):
            yield path, Finding(ID, key, pointer, args)
        catalog, _, _ = editions.of(plan)  # a catalog file that cannot be read is plan-catalog-ref's to report
        if catalog is None:
            continue
        for pointer, ref, value in plan.get("against", ()):
            item = catalog["items"].get(ref)
            providers = item["providers"] if item is not None else None
            if providers is None or normalize_name(value) in {normalize_name(p) for p in providers}:
                continue  # no such item (plan-catalog-ref says so), or the item names no providers
            yield path, Finding(ID, "not-in-item", pointer, {
                "value": value, "ref": ref, "name": item["name"] if item else "", "providers": "、".join(providers)})


RULE = RuleSpec(
    id=ID,
    level=Level.ERROR,
    scope=Scope.RUN,
    kinds=(CATALOG, PURCHASE_PLAN),
    summary=Message("计划项目的承接主体类型不在目录事项的承接主体中、属于第八条排除的主体，或统一社会信用代码无效",
                    "a plan's provider type outside the catalog item's providers or excluded by Article 8, or an "
                    "invalid unified social credit code"),
    source=Message(
        "财政部令第102号《政府购买服务管理办法》第八条；GB 32100-2015《法人和其他组织统一社会信用代码编码规则》",
        "Measures for the Administration of Government Purchase of Services (Ministry of Finance Decree "
        "No. 102), Article 8; GB 32100-2015, the coding rules of the unified social credit code"),
    doc=documentation(DOC_ZH, __doc__),
    messages=MESSAGES,
    collect=collect,
    finish=finish,
)
