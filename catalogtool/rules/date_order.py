"""`expires` is before `effective`, or `effective` lies outside `year` and the year before.

Why: a 2025 catalog that takes effect in 2023, or expires before it starts, is a
typo that reaches print.  A document may take effect late in the previous year
(a 2025 guide issued in December 2024).

Good::

    year: 2025
    effective: 2024-12-20
    expires: 2025-12-31

Bad::

    year: 2025
    effective: 2025-03-01
    expires: 2024-12-31
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from catalogtool.problems import Finding, Level, Message
from catalogtool.rules.context import DocContext
from catalogtool.rules.spec import RuleSpec, Scope, documentation

DOC_ZH = """失效日期 `expires` 早于施行日期 `effective`，或施行日期不在年度 `year` 或其上一年内。

原因：2025 年度的目录 2023 年就施行，或者还没施行就已失效，都是会印进正式文件的笔误。
文件可以在上一年年底施行（例如 2024 年 12 月印发的 2025 年度指南）。

正确示例：

    year: 2025
    effective: 2024-12-20
    expires: 2025-12-31

错误示例：

    year: 2025
    effective: 2025-03-01
    expires: 2024-12-31
"""

ID = "date-order"
MESSAGES = {
    "expires": Message("失效日期 {expires} 早于施行日期 {effective}", "expires {expires} is before effective {effective}"),
    "year": Message("施行日期 {effective} 不在 {year} 年度或上一年度内", "effective {effective} is outside {year} and the year before"),
}


def _date(value: Any) -> dt.date | None:
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def check(ctx: DocContext) -> Iterator[Finding]:
    data = ctx.data
    if not isinstance(data, dict):
        return
    effective, expires = _date(data.get("effective")), _date(data.get("expires"))
    if effective and expires and expires < effective:
        yield Finding(ID, "expires", "/expires", {"expires": expires.isoformat(), "effective": effective.isoformat()})
    year = data.get("year")
    if effective and isinstance(year, int) and not isinstance(year, bool) and effective.year not in (year, year - 1):
        yield Finding(ID, "year", "/effective", {"effective": effective.isoformat(), "year": year})


RULE = RuleSpec(
    id=ID,
    level=Level.ERROR,
    scope=Scope.DOCUMENT,
    summary=Message("失效日期早于施行日期，或施行日期不在本年度及上一年度内", "expires before effective, or effective outside year and the year before"),
    source=Message(
        "catalogtool 文件格式：失效日期不早于施行日期，施行日期在本年度或上一年度内",
        "the catalogtool file format: the expiry date is not before the effective date, and the effective "
        "date lies in the year or the year before"),
    doc=documentation(DOC_ZH, __doc__),
    messages=MESSAGES,
    check=check,
)
