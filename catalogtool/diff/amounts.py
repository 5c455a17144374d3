"""Money in a diff: which fields hold yuan, the exact change of an amount, and a plan's budget total.

A finance officer reading two years' plans asks how much each amount moved and
what the whole plan costs now.  The kind says which fields are money
(`Kind.money_fields`) and which entry field sums to its budget
(`Kind.budget_field`); amounts are read with catalogtool.money (Decimal, from the
shortest text of the number) and never added as floats.  An amount that is not a
plain number (text, NaN, a huge float) is shown as written and left out of sums.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from catalogtool.diff.changes import FieldChange
from catalogtool.kinds import Kind
from catalogtool.money import EXACT, as_number, in_fen, signed_yuan, to_decimal, yuan
from catalogtool.problems import Message


def declared(kind: Kind) -> tuple[frozenset[str], str | None]:
    """The kind's money fields (dotted) and budget field."""
    return frozenset(kind.money_fields), kind.budget_field


def amount(value: Any) -> Decimal | None:
    """An amount as an exact decimal, or None when it is not a plain finite number."""
    return to_decimal(value)


def mark_money(fields: dict[str, FieldChange], money: frozenset[str]) -> dict[str, FieldChange]:
    """The same field changes, those of money fields marked so renderers show yuan and the change."""
    if not money:
        return fields
    return {name: FieldChange(fc.old, fc.new, money=True) if name in money else fc for name, fc in fields.items()}


def money_text(value: Any, none: str) -> str:
    """An amount as finance tables print it (¥216,000.00); anything else as written."""
    if value is None:
        return none
    parsed = amount(value)
    return yuan(parsed) if parsed is not None and in_fen(parsed) else str(value)


def change_note(fc: FieldChange, lang: str) -> str:
    """（+¥12,000.00） after old → new; empty when the change is not known."""
    change = fc.change
    if change is None:
        return ""
    text = signed_yuan(change) if in_fen(change) else ("+" if change > 0 else "−") + format(abs(change), "f")
    return f"{Message('（', ' (').text(lang)}{text}{Message('）', ')').text(lang)}"


def budget_total(doc: Mapping[str, Any], kind: Kind, field: str) -> Decimal | None:
    """The sum of the budget field over the document's item entries; None when an item's budget is
    missing or not a plain amount, since a sum that leaves it out would mislead a finance reader."""
    total = Decimal(0)
    for entry in kind.items(doc if isinstance(doc, dict) else dict(doc)):
        value = amount(entry.data.get(field))
        if value is None:
            return None
        total = EXACT.add(total, value)
    return total


def budget_change(old: Mapping[str, Any], new: Mapping[str, Any], kind: Kind,
                  header: Mapping[str, FieldChange]) -> FieldChange | None:
    """The change of the sum of the projects' budgets, as the pseudo-field BUDGET_FIELD of the header.

    None when the kind has no budget, when the sum did not change, or when a written
    `total` already says it (total equal to the sum in both editions).  A side
    without the document (a plan added or removed) has no sum.
    """
    money, field = declared(kind)
    if field is None:
        return None
    before = budget_total(old, kind, field) if old else None
    after = budget_total(new, kind, field) if new else None
    if (old and before is None) or (new and after is None) or before == after:
        return None  # a side whose budget cannot be summed, or no change
    for name in money & set(header):
        written_old, written_new = amount(header[name].old), amount(header[name].new)
        if (written_old, written_new) == (before, after):
            return None
    return FieldChange(None if before is None else as_number(before), None if after is None else as_number(after),
                       money=True)
