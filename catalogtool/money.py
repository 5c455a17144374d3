"""Money as exact decimals: amounts in yuan read from what the author wrote, summed and printed to the fen.

YAML has no decimal type: `3600.10` loads as a float.  The loader keeps the source
text of every implicitly typed scalar (`Document.implicit`), so an amount is read
back from that text and never goes through binary floating point.  Where only
the value is at hand (data from a workbook or another tool), a float is read
through `repr`, the shortest text that gives the same float, which is the decimal
written for any amount of up to 15 significant digits.  All arithmetic is Decimal.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

FEN = Decimal("0.01")
# What an amount may be written as: digits, at most one point, no exponent, no separators.
PLAIN_DECIMAL = re.compile(r"[+-]?[0-9]+(\.[0-9]+)?")
MAX_DIGITS = 15  # a float keeps 15 significant digits exactly: ¥9,999,999,999,999.99 and no further


def to_decimal(value: Any, written: str | None = None) -> Decimal | None:
    """The exact decimal an amount stands for, or None when it is not a plain number.

    `written` is the YAML source of the value when the loader recorded one; a
    boolean, text, an exponent, `0x..`, `1_000` or `.inf` is not an amount.
    """
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
        return None
    if written is not None:
        text = written.strip()
        if not PLAIN_DECIMAL.fullmatch(text):
            return None
        return Decimal(text)
    if isinstance(value, Decimal):
        return value if value.is_finite() else None
    if isinstance(value, int):
        return Decimal(value)
    text = repr(value)
    if "e" in text or "E" in text or "n" in text:  # 1e+20, inf, nan: not written as a plain amount
        return None
    try:
        return Decimal(text)
    except InvalidOperation:  # pragma: no cover - repr of a finite float always parses
        return None


def in_fen(amount: Decimal) -> bool:
    """Whether an amount is a whole number of fen (at most two decimals that matter)."""
    return amount == amount.quantize(FEN) if amount.adjusted() < 28 else True


def exact_enough(amount: Decimal) -> bool:
    """Whether an amount has at most MAX_DIGITS significant digits (a spreadsheet keeps it exactly)."""
    digits = amount.normalize().as_tuple().digits
    return len(digits) <= MAX_DIGITS


def yuan(amount: Decimal, *, symbol: bool = True) -> str:
    """¥216,000.00: thousands separators and always two decimals, as finance tables print money."""
    text = f"{amount.quantize(FEN):,.2f}"
    return f"¥{text}" if symbol else text


def plain(amount: Decimal) -> str:
    """An amount as YAML and JSON write it: 216000, 3600.5 (no exponent, no trailing zeros)."""
    normal = amount.normalize()
    if normal == normal.to_integral_value():
        return str(normal.quantize(Decimal(1)))
    return format(normal, "f")


def signed_yuan(change: Decimal) -> str:
    """A change of amount: +¥6,000.00, −¥1,200.50, ¥0.00."""
    if change > 0:
        return "+" + yuan(change)
    if change < 0:
        return "−" + yuan(-change)
    return yuan(change)


def as_number(amount: Decimal) -> int | float:
    """An amount as the number YAML, JSON and a spreadsheet cell hold: an int when whole, else the float
    whose shortest text is the amount (exact for amounts of up to MAX_DIGITS digits)."""
    if amount == amount.to_integral_value():
        return int(amount)
    return float(plain(amount))
