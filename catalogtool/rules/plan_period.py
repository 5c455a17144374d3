"""A plan project's `period` (or its provider's `contract_period`) that ends before it starts, runs
longer than one year without `period_reason`, runs longer than three years, or does not start
in the plan's year.

Why: 财政部令第102号 第二十四条: a contract for government purchase of services
runs for no more than one year in general; where the budget is assured, a project
whose content is fixed, continuous, steadily funded and stable in price may be
contracted for up to three years.  A period longer than one year must therefore
say why (`period_reason`), and none may be longer than three.  One year from
2025-03-01 is up to 2026-02-28 (from 29 February, up to 28 February).  A plan is
the year's budget, so its projects start in that year.

Good::

    period: {start: 2025-03-01, end: 2026-02-28}
    period: {start: 2025-01-01, end: 2027-12-31}
    period_reason: 服务内容固定、连续性强，经费来源稳定，签订三年期合同

Bad::

    period: {start: 2025-07-01, end: 2025-03-31}     # ends before it starts
    period: {start: 2025-01-01, end: 2026-06-30}     # longer than one year, no period_reason
    period: {start: 2025-01-01, end: 2028-06-30}     # longer than three years
    period: {start: 2024-10-01, end: 2025-09-30}     # in the 2025 plan
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from catalogtool.kinds import PURCHASE_PLAN
from catalogtool.problems import Finding, Level, Message
from catalogtool.rules.context import DocContext
from catalogtool.rules.plan_values import date_of, filled, last_day_within, plan_year
from catalogtool.rules.spec import RuleSpec, Scope, documentation

DOC_ZH = """年度购买计划中项目的实施期限 `period`（或承接主体的合同期限 `contract_period`）结束日期早于开始日期，
超过一年却没有写 `period_reason`，超过三年，或者不是从计划年度开始。

原因：财政部令第102号第二十四条规定，政府购买服务合同履行期限一般不超过1年；在预算保障的前提下，
对于购买内容相对固定、连续性强、经费来源稳定、价格变化幅度小的政府购买服务项目，可以签订履行期限
不超过3年的政府购买服务合同。所以超过一年的期限要写明理由（`period_reason`），任何期限都不能超过三年。
从 2025-03-01 起的一年到 2026-02-28 为止（从 2 月 29 日起的，到次年 2 月 28 日为止）。年度计划是当年的
预算，项目应当在计划年度内开始。

正确示例：

    period: {start: 2025-03-01, end: 2026-02-28}
    period: {start: 2025-01-01, end: 2027-12-31}
    period_reason: 服务内容固定、连续性强，经费来源稳定，签订三年期合同

错误示例：

    period: {start: 2025-07-01, end: 2025-03-31}     # 结束早于开始
    period: {start: 2025-01-01, end: 2026-06-30}     # 超过一年，没有写 period_reason
    period: {start: 2025-01-01, end: 2028-06-30}     # 超过三年
    period: {start: 2024-10-01, end: 2025-09-30}     # 在 2025 年度计划中
"""

ID = "plan-period"
MESSAGES = {
    "end-before-start": Message("{what}的结束日期 {end} 早于开始日期 {start}", "the {what_en} ends on {end}, before it starts on {start}"),
    "long-no-reason": Message("{what} {start} 至 {end} 超过一年（一年期到 {limit} 为止），须在 period_reason 中写明理由："
                              "购买内容相对固定、连续性强、经费来源稳定、价格变化幅度小（财政部令第102号第二十四条）",
                              "the {what_en} {start} to {end} is longer than one year (which ends on {limit}): say why in "
                              "period_reason (fixed content, continuity, stable funding and prices; 财政部令第102号 Art. 24)"),
    "too-long": Message("{what} {start} 至 {end} 超过三年（最长到 {limit} 为止）；政府购买服务合同履行期限不超过3年（财政部令第102号第二十四条）",
                        "the {what_en} {start} to {end} is longer than three years (the longest ends on {limit}); "
                        "财政部令第102号 Art. 24 allows at most three"),
    "start-year": Message("{what}从 {start} 开始，不在计划年度 {year} 年内；年度计划的项目应在本年度开始",
                          "the {what_en} starts on {start}, outside the plan's year {year}; a plan's projects start in its year"),
}
_WHAT = {"period": ("实施期限", "period"), "provider/contract_period": ("合同期限", "contract period")}


def check(ctx: DocContext) -> Iterator[Finding]:
    year = plan_year(ctx)
    for project in ctx.items:
        reason = filled(project.data.get("period_reason"))
        for field, (what, what_en) in _WHAT.items():
            pointer = f"{project.pointer}/{field}"
            period = ctx.doc.value_at(pointer)
            if not isinstance(period, dict):
                continue
            start, end = date_of(period.get("start")), date_of(period.get("end"))
            args = {"what": what, "what_en": what_en}
            # The project's period starts in the plan's year; a contract may have been signed in an
            # earlier year (the second year of a three-year contract), so its start is not held to it.
            if field == "period" and start is not None and year is not None and start.year != year:
                yield Finding(ID, "start-year", f"{pointer}/start", {**args, "start": start.isoformat(), "year": year})
            if start is None or end is None:
                continue  # a missing or malformed date is the schema's to report
            yield from _length(start, end, reason, f"{pointer}/end", args)


def _length(start: dt.date, end: dt.date, reason: bool, pointer: str, args: dict[str, str]) -> Iterator[Finding]:
    dates = {**args, "start": start.isoformat(), "end": end.isoformat()}
    if end < start:
        yield Finding(ID, "end-before-start", pointer, dates)
        return
    three, one = last_day_within(start, 3), last_day_within(start, 1)
    if three is not None and end > three:
        yield Finding(ID, "too-long", pointer, {**dates, "limit": three.isoformat()})
    elif one is not None and end > one and not reason:
        yield Finding(ID, "long-no-reason", pointer, {**dates, "limit": one.isoformat()})


RULE = RuleSpec(
    id=ID,
    level=Level.ERROR,
    scope=Scope.DOCUMENT,
    kinds=(PURCHASE_PLAN,),
    summary=Message("实施期限或合同期限结束早于开始、超过一年未写理由、超过三年，或不在计划年度开始",
                    "a period that ends before it starts, is longer than one year without a reason or longer "
                    "than three years, or does not start in the plan's year"),
    source=Message(
        "财政部令第102号《政府购买服务管理办法》第二十四条（合同履行期限一般不超过1年，符合条件的可以不超过3年）",
        "Measures for the Administration of Government Purchase of Services (Ministry of Finance Decree "
        "No. 102), Article 24 (a contract runs for one year in general, up to three where the conditions are met)"),
    doc=documentation(DOC_ZH, __doc__),
    messages=MESSAGES,
    check=check,
)
