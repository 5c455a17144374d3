"""Reading a plan's amounts and dates for the plan rules, as exact decimals and dates or not at all.

A plan's fields may hold anything (a hostile or half-typed file): what cannot be
read as an amount or a date is None here, and the schema rule says what is wrong
with its shape.  Amounts are read from the text the author wrote (catalogtool.money),
so no amount ever passes through a float.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from catalogtool.money import exact_enough, to_decimal
from catalogtool.rules.context import DocContext


def number_at(ctx: DocContext, pointer: str) -> Decimal | None:
    """The exact number at `pointer` as written, or None (missing, text, boolean, 1e6, 0x10, .nan)."""
    value = ctx.doc.value_at(pointer)
    implicit = ctx.doc.implicit.get(pointer)
    return to_decimal(value, implicit.source if implicit is not None else None)


LIMIT = Decimal("10000000000000")  # ¥10,000,000,000,000: 13 digits before the point, 15 in all


def fits(number: Decimal) -> bool:
    """Whether a number is small and short enough to compute and print exactly (15 significant digits)."""
    return exact_enough(number) and abs(number) < LIMIT


def amount_at(ctx: DocContext, pointer: str) -> Decimal | None:
    """An amount fit to compare with a threshold: written plainly, above zero, within LIMIT (plan-amount
    reports the others)."""
    number = number_at(ctx, pointer)
    return number if number is not None and number > 0 and fits(number) else None


def is_number(value: Any) -> bool:
    """Whether YAML gave a number here (the schema accepts it; whether it is a plain amount is another matter)."""
    return isinstance(value, int | float) and not isinstance(value, bool)


def date_of(value: Any) -> dt.date | None:
    """A date written YYYY-MM-DD (the loader keeps dates as the text written), else None."""
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value.strip()) if len(value.strip()) == 10 else None
    except ValueError:
        return None


def years_later(day: dt.date, years: int) -> dt.date:
    """The same day `years` later; 29 February becomes 1 March in a year without it."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return dt.date(day.year + years, 3, 1)


def last_day_within(start: dt.date, years: int) -> dt.date | None:
    """The last day of a period of `years` years from `start` (2025-03-01, 1 -> 2026-02-28); None past year 9999."""
    try:
        return years_later(start, years) - dt.timedelta(days=1)
    except (ValueError, OverflowError):
        return None


def filled(value: Any) -> bool:
    """Whether a reason or a target is given: a non-blank text, or a number."""
    if isinstance(value, str):
        return bool(value.strip())
    return is_number(value)


def plan_year(ctx: DocContext) -> int | None:
    """The plan's `year`, when it is a whole number."""
    data = ctx.data
    year = data.get("year") if isinstance(data, dict) else None
    return year if isinstance(year, int) and not isinstance(year, bool) else None
