"""Cell values that survive Excel, WPS and LibreOffice: text stays text, and comes back as written.

Writing:

* every string goes into the workbook as a text cell (`data_type "s"`), never as a
  formula, whatever it starts with; strings that Excel would turn into something
  else when a user edits the cell (`=` `+` `-` `@` formulas, numbers such as
  `0101`, dates, TRUE/FALSE) also get the quote prefix (Excel's leading `'`);
* characters no workbook can hold (C0 control characters other than tab and line
  feed, U+FFFE/U+FFFF, lone surrogates) are removed, and the caller is told which,
  so it can warn naming the item;
* a carriage return and literal `_xHHHH_` sequences are written with OOXML's own
  escapes (`_x000D_`, `_x005F_`), which `decode_text` undoes on the way back.

Reading back gives each cell's value as written (`read`); turning it into the
document's types is the column's codec's job (catalogtool.kinds.codecs).
No openpyxl here: cells are duck-typed, so the writer and the reader share it.
"""

from __future__ import annotations

import re
from typing import Any

MAX_CELL_CHARS = 32767
# Not storable in an XLSX cell at all (XML 1.0 forbids them, Excel rejects them).
ILLEGAL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_OOXML_ESCAPE_RE = re.compile(r"_(x[0-9A-Fa-f]{4}_)")
_OOXML_UNESCAPE_RE = re.compile(r"_x([0-9A-Fa-f]{4})_")
# Text that Excel re-interprets when a user opens the cell for editing.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
_NUMBER_LIKE = re.compile(
    r"^\s*[-+]?(?:\d[\d,]*\.?\d*|\.\d+)(?:[eE][-+]?\d+)?%?\s*$"
    r"|^\s*\d{1,4}[-/.年]\d{1,2}(?:[-/.月]\d{1,2}日?)?\s*$"
    r"|^\s*\d{1,2}:\d{2}(?::\d{2})?\s*$"
    r"|^(?i:true|false)$"
)


# --------------------------------------------------------------------------- text safety


def illegal_chars(text: str) -> list[str]:
    """The characters of `text` that a workbook cannot store, as `U+XXXX`, in order, once each."""
    seen: list[str] = []
    for match in ILLEGAL_RE.finditer(text):
        name = f"U+{ord(match.group()):04X}"
        if name not in seen:
            seen.append(name)
    return seen


def strip_illegal(text: str) -> str:
    return ILLEGAL_RE.sub("", text)


def encode_text(text: str) -> str:
    """Text as stored in the sheet XML: OOXML escapes for `_xHHHH_` and carriage returns."""
    if "_x" in text:
        text = _OOXML_ESCAPE_RE.sub(r"_x005F_\1", text)
    if "\r" in text:
        text = text.replace("\r", "_x000D_")
    return text


def decode_text(text: str) -> str:
    """Undo `encode_text` (and Excel's own escapes in files it saved)."""
    if "_x" not in text:
        return text
    return _OOXML_UNESCAPE_RE.sub(lambda m: chr(int(m.group(1), 16)), text)


def needs_quote_prefix(text: str) -> bool:
    """Would Excel turn this text into a formula, number, date or boolean when the cell is edited?"""
    return text.startswith(_FORMULA_START) or bool(_NUMBER_LIKE.match(text))


class CellTooLong(ValueError):
    """Text longer than a cell holds: openpyxl would silently cut it, so it is never stored."""

    def __init__(self, where: str, length: int) -> None:
        super().__init__(f"{where}: {length} characters")
        self.where = where
        self.length = length


def stored_length(text: str) -> int:
    """How many characters `text` takes in a cell as stored (with its OOXML escapes): what the limit applies to."""
    return len(encode_text(text)) if ("_x" in text or "\r" in text) else len(text)


def put(cell: Any, value: Any) -> None:
    """Store `value` in `cell`: strings always as text (never a formula), numbers as numbers.

    The caller has already removed illegal characters (see `illegal_chars`).  Text longer
    than MAX_CELL_CHARS raises CellTooLong: openpyxl would cut it without a word.
    """
    if value is None or value == "":
        cell.value = None
        return
    if isinstance(value, bool):
        cell.value = value
        return
    if isinstance(value, (int, float)):
        cell.value = value
        return
    text = str(value)
    stored = encode_text(text)
    if len(stored) > MAX_CELL_CHARS:
        raise CellTooLong(f"{cell.parent.title}!{cell.coordinate}", len(stored))
    cell.value = stored if text else None
    cell.data_type = "s"  # even for "=..." which openpyxl would have made a formula
    if needs_quote_prefix(text):
        cell.quotePrefix = True


def read(value: Any) -> Any:
    """A cell's value as the importer sees it: text decoded, blanks as None."""
    if isinstance(value, str):
        return decode_text(value) if value != "" else None
    return value
