"""A plan project's procurement `method` that is unknown or does not fit its amount: at or above the
公开招标数额标准 a method other than 公开招标 without `method_reason`; 单一来源采购 without
`method_reason`; a non-procurement route (an option `routes`) or 其他 at or above the
分散采购限额标准; 询价, a method for goods only (a warning: the plan buys services).

Why: 政府采购法 第二十六条 lists the methods (竞争性磋商 and 框架协议采购 are methods the
Ministry of Finance has since recognised); 第二十七条: where a purchase reaches the open
tender threshold, another method needs the approval of the procurement supervision
department (设区的市、自治州以上人民政府采购监督管理部门) before procurement begins, and
the threshold of a local budget is set by the provincial people's government;
第三十一条 allows a single source only in the cases it lists; 第三十二条 allows 询价 for goods
of uniform specification and standard, in ready supply and of stable price, so a service is not
bought by it.  Below the decentralised
procurement limit a purchase outside the central procurement catalogue need not follow
a procurement method and may take a route the repository names.  Options: `tender_threshold` (default 2,000,000 yuan) and
`procurement_limit` (default 300,000 yuan) are starting values only (each province sets
its figures under 财库〔2019〕69号): set your province's in catalogtool.yaml.  `routes` lists the non-procurement routes
allowed below the limit (e.g. [委托, 定点服务]).

Good::

    {amount: 216000, method: 竞争性磋商}
    {amount: 2600000, method: 公开招标}
    {amount: 80000, method: 单一来源采购, method_reason: 只能从唯一供应商处采购（政府采购法第三十一条第一项）}

Bad::

    {amount: 2600000, method: 竞争性磋商}      # at the tender threshold, no reason given
    {amount: 80000, method: 单一来源}          # not a method: did you mean 单一来源采购?
    {amount: 450000, method: 其他}             # above the procurement limit
    {amount: 60000, method: 询价}              # a method for goods (warning)
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import Any

from catalogtool.kinds import PURCHASE_PLAN
from catalogtool.kinds.purchase_plan import METHODS
from catalogtool.money import to_decimal, yuan
from catalogtool.problems import Finding, Level, Message
from catalogtool.rules.context import DocContext
from catalogtool.rules.options import MONEY, TEXT_LIST, RuleOption
from catalogtool.rules.plan_values import amount_at, filled
from catalogtool.rules.spec import RuleSpec, Scope, documentation

DOC_ZH = """年度购买计划中项目的采购方式 `method` 不是已知的方式，或与预算金额不相称：达到公开招标数额标准却不用
公开招标，又没有写 `method_reason`；单一来源采购没有写 `method_reason`；非政府采购的购买方式（选项 `routes`）
或“其他”用于达到分散采购限额标准的项目；采用询价（只适用于货物，提示为警告）。

原因：政府采购法第二十六条列出了采购方式（竞争性磋商、框架协议采购是财政部此后认定的方式）；第二十七条规定，
达到公开招标数额标准、因特殊情况需要采用公开招标以外方式的，应当在采购活动开始前获得设区的市、自治州以上
人民政府采购监督管理部门的批准，属于地方预算的项目，数额标准由省、自治区、直辖市人民政府规定；第三十一条
规定了可以采用单一来源方式的情形；第三十二条规定询价适用于规格、标准统一、现货货源充足且价格变化幅度小的货物，
购买服务不宜采用。集中采购目录以外、分散采购限额标准以下的项目不必按政府采购方式采购，可以采用本仓库配置的其他购买方式。
选项：`tender_threshold`（公开招标数额标准，默认 2000000 元）和 `procurement_limit`（分散采购限额标准，
默认 300000 元）的默认值只是起步的参考值：数额标准由各省按财库〔2019〕69号另行规定，
请按本省规定在 catalogtool.yaml 中设置；`routes` 列出限额以下允许的非政府采购方式（例如 [委托, 定点服务]）。

正确示例：

    {amount: 216000, method: 竞争性磋商}
    {amount: 2600000, method: 公开招标}
    {amount: 80000, method: 单一来源采购, method_reason: 只能从唯一供应商处采购（政府采购法第三十一条第一项）}

错误示例：

    {amount: 2600000, method: 竞争性磋商}      # 达到公开招标数额标准，没有写理由
    {amount: 80000, method: 单一来源}          # 不是采购方式：是否想写“单一来源采购”？
    {amount: 450000, method: 其他}             # 超过分散采购限额标准
    {amount: 60000, method: 询价}              # 询价适用于货物（警告）
"""

ID = "plan-method"
OPEN_TENDER = "公开招标"
INQUIRY = "询价"
SINGLE_SOURCE = "单一来源采购"
OTHER = "其他"
DEFAULT_TENDER = 2_000_000
DEFAULT_LIMIT = 300_000
MESSAGES = {
    "unknown": Message("采购方式“{method}”不是已知的方式{hint_zh}；可选：{options}",
                       "{method} is not a known procurement method{hint_en}; choose one of: {options}"),
    "needs-approval": Message("预算金额 {amount} 达到公开招标数额标准 {threshold}，采用{method}须在采购活动开始前获得设区的市、"
                              "自治州以上人民政府采购监督管理部门批准（政府采购法第二十七条）；请在 method_reason 中写明理由和批准情况",
                              "the amount {amount} reaches the open-tender threshold {threshold}: {method} needs the "
                              "procurement supervision department's approval before procurement begins (政府采购法 "
                              "Art. 27); give the reason and the approval in method_reason"),
    "single-source": Message("单一来源采购须写明理由（method_reason），说明属于政府采购法第三十一条的哪种情形",
                             "单一来源采购 (single source) needs method_reason: which case of 政府采购法 Art. 31 applies"),
    "over-limit": Message("预算金额 {amount} 达到分散采购限额标准 {limit}，属于政府采购，不能用“{method}”，应采用政府采购法规定的采购方式",
                          "the amount {amount} reaches the procurement limit {limit}: this is government "
                          "procurement, so {method} cannot be used; choose a procurement method of the law"),
    "inquiry": Message("询价适用于规格、标准统一、现货货源充足且价格变化幅度小的货物（政府采购法第三十二条），"
                       "购买服务请改用竞争性磋商、竞争性谈判等方式",
                       "询价 (request for quotations) is a method for goods of uniform specification, in ready supply "
                       "and of stable price (政府采购法 Art. 32); buy a service by 竞争性磋商, 竞争性谈判 or another method"),
}


def check(ctx: DocContext) -> Iterator[Finding]:
    routes = [r for r in ctx.options.get("routes") or () if isinstance(r, str) and r.strip() and r not in METHODS]
    threshold = _money(ctx.options.get("tender_threshold"), DEFAULT_TENDER)
    limit = _money(ctx.options.get("procurement_limit"), DEFAULT_LIMIT)
    for project in ctx.items:
        method = project.data.get("method")
        if not isinstance(method, str) or not method.strip():
            continue  # missing or not text: the schema's to report
        pointer = f"{project.pointer}/method"
        if method not in METHODS and method not in routes:
            options = [*METHODS, *routes]
            yield Finding(ID, "unknown", pointer, {"method": method, "options": "、".join(options), **_hint(method, options)})
            continue
        amount = amount_at(ctx, f"{project.pointer}/amount")
        reason = filled(project.data.get("method_reason"))
        if amount is not None and (method == OTHER or method in routes) and amount >= limit:
            yield Finding(ID, "over-limit", pointer, {"amount": yuan(amount), "limit": yuan(limit), "method": method})
        elif method == SINGLE_SOURCE and not reason:
            yield Finding(ID, "single-source", pointer)
        elif amount is not None and amount >= threshold and method != OPEN_TENDER and not reason:
            yield Finding(ID, "needs-approval", pointer, {"amount": yuan(amount), "threshold": yuan(threshold), "method": method})
        if method == INQUIRY:
            yield Finding(ID, "inquiry", pointer, level=Level.WARNING)


def _money(value: Any, default: int) -> Decimal:
    """An option's amount (the configuration checked it is a positive number), else the default."""
    amount = to_decimal(value)
    return amount if amount is not None and amount > 0 else Decimal(default)


def _hint(value: str, options: list[str]) -> dict[str, str]:
    import difflib  # only when something is misspelt: not at start-up
    close = difflib.get_close_matches(value.strip(), options, n=1, cutoff=0.5)
    if not close:
        return {"hint_zh": "", "hint_en": ""}
    return {"hint_zh": f"（是否想写“{close[0]}”？）", "hint_en": f" (did you mean {close[0]}?)"}


def check_options(options: Mapping[str, Any]) -> tuple[str, Message] | None:
    """The open-tender threshold cannot be below the procurement limit: what is tendered is procured."""
    threshold = _money(options.get("tender_threshold"), DEFAULT_TENDER)
    limit = _money(options.get("procurement_limit"), DEFAULT_LIMIT)
    if threshold >= limit:
        return None
    where = "tender_threshold" if "tender_threshold" in options else "procurement_limit"
    return where, Message(
        f"规则 {ID} 的公开招标数额标准 tender_threshold（{yuan(threshold)}）不能低于分散采购限额标准 "
        f"procurement_limit（{yuan(limit)}）：达到公开招标数额的项目必然属于政府采购",
        f"rule {ID}: tender_threshold ({yuan(threshold)}) cannot be below procurement_limit ({yuan(limit)}): "
        "whatever must be tendered is government procurement")


RULE = RuleSpec(
    id=ID,
    level=Level.ERROR,
    scope=Scope.DOCUMENT,
    kinds=(PURCHASE_PLAN,),
    summary=Message("采购方式未知，或与预算金额不相称（公开招标数额标准、分散采购限额标准），或单一来源采购未写理由，"
                    "或以询价购买服务",
                    "an unknown procurement method, one that does not fit the amount under the thresholds, "
                    "a single source without a reason, or a service bought by request for quotations"),
    source=Message(
        "《中华人民共和国政府采购法》第二十六条、第二十七条、第三十一条、第三十二条；"
        "财政部《地方预算单位政府集中采购目录及标准指引（2020年版）》（财库〔2019〕69号）",
        "Government Procurement Law of the PRC, Articles 26, 27, 31 and 32; Ministry of Finance, Guideline on the "
        "centralised procurement catalogue and thresholds of local budget units (2020 edition), Cai Ku [2019] No. 69"),
    doc=documentation(DOC_ZH, __doc__),
    messages=MESSAGES,
    options=(
        RuleOption("tender_threshold", MONEY, DEFAULT_TENDER, Message(
            "公开招标数额标准（元）：预算金额达到此数的项目应当公开招标，采用其他方式须写明 method_reason；"
            "默认值只是参考，请按本省公布的标准设置",
            "the open-tender threshold in yuan: projects at or above it are tendered openly, or say why in "
            "method_reason; the default is the usual city/county figure, set your province's")),
        RuleOption("procurement_limit", MONEY, DEFAULT_LIMIT, Message(
            "分散采购限额标准（元）：预算金额达到此数的项目属于政府采购，不能用“其他”或 routes 中的方式；"
            "默认值只是参考，请按本省公布的标准设置",
            "the decentralised procurement limit in yuan: projects at or above it are government procurement and "
            "cannot use 其他 or a route; the default is the usual city/county figure, set your province's")),
        RuleOption("routes", TEXT_LIST, (), Message(
            "分散采购限额标准以下允许的非政府采购购买方式，例如 [委托, 定点服务]",
            "non-procurement routes allowed below the procurement limit, e.g. [委托, 定点服务]")),
    ),
    check_options=check_options,
    check=check,
)
