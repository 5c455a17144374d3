"""Money as exact decimals: amounts in yuan read from what the author wrote, summed and printed to the fen.

YAML has no decimal type: `3600.10` loads as a float.  The loader keeps the source
text of every implicitly typed scalar (`Document.implicit`), so an amount is read
back from that text and never goes through binary floating point.  Where only
the value is at hand (data from a workbook or another tool), a float is read
through `repr`, the shortest text that gives the same float, which is the decimal
written for any amount of up to 15 significant digits.  All arithmetic is Decimal.
"""

from __future__ import annotations

from decimal import MAX_EMAX, MIN_EMIN, Context, Decimal, InvalidOperation
from typing import Any

from catalogtool.lazy_pattern import compile_later

FEN = Decimal("0.01")
# What an amount may be written as: digits, at most one point, no exponent, no separators.
# A leading zero is not allowed: YAML 1.1 reads `040` as the octal number 32.
PLAIN_DECIMAL = compile_later(r"[+-]?(0|[1-9][0-9]*)(\.[0-9]+)?")
MAX_DIGITS = 15  # a float keeps 15 significant digits exactly: ¥9,999,999,999,999.99 and no further
# Arithmetic that never rounds: Decimal's default context keeps 28 digits, and a hostile amount (the
# loader bounds a number's length) may have hundreds.  Use EXACT.add / EXACT.subtract on amounts.
EXACT = Context(prec=100_000, Emax=MAX_EMAX, Emin=MIN_EMIN)


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
    """Whether an amount is a whole number of fen (at most two decimals that matter).

    Worked on the digits, not with quantize: a Decimal context rounds to 28 digits, and a
    hostile amount may have hundreds."""
    if not amount.is_finite():
        return False
    _, digits, exponent = amount.as_tuple()
    assert isinstance(exponent, int)
    extra = -exponent - 2
    return extra <= 0 or not any(digits[-extra:])


def significant_digits(amount: Decimal) -> int:
    """How many digits an amount has from its first non-zero digit to its last (216000 has 3)."""
    digits = "".join(map(str, amount.as_tuple().digits)).strip("0")
    return len(digits)


def exact_enough(amount: Decimal) -> bool:
    """Whether an amount has at most MAX_DIGITS significant digits (a spreadsheet keeps it exactly)."""
    return amount.is_finite() and significant_digits(amount) <= MAX_DIGITS


def yuan(amount: Decimal, *, symbol: bool = True) -> str:
    """¥216,000.00: thousands separators and always two decimals, as finance tables print money."""
    text = f"{amount:,.2f}"  # format rounds half-even to the fen whatever the size; no context limit
    if text.startswith("-") and not text.strip("-0.,"):
        text = text[1:]  # -0.00
    return f"¥{text}" if symbol else text


def plain(amount: Decimal) -> str:
    """An amount as YAML and JSON write it: 216000, 3600.5 (no exponent, no trailing zeros)."""
    text = format(amount, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def signed_yuan(change: Decimal) -> str:
    """A change of amount: +¥6,000.00, −¥1,200.50, ¥0.00."""
    if change > 0:
        return "+" + yuan(change)
    if change < 0:
        return "−" + yuan(-change)
    return yuan(abs(change))


def as_number(amount: Decimal) -> int | float:
    """An amount as the number YAML, JSON and a spreadsheet cell hold: an int when whole, else the float
    whose shortest text is the amount (exact for amounts of up to MAX_DIGITS digits)."""
    if amount == int(amount):  # int() of a Decimal is exact, whatever its size
        return int(amount)
    return float(plain(amount))
