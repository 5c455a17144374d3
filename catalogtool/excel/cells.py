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

Reading turns cell values into the document's types: the codecs below format a
value for a cell and parse the cell back, and `parse(format(v)) == v` for every
value they accept, which the exporter checks before relying on it.
"""

from __future__ import annotations

import datetime as _dt
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from catalogtool.problems import Message

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

MISSING: Any = object()  # a key absent from the document (not the same as an empty value)
# As deep as the YAML loader lets a document nest: JSON read from a workbook is written back as YAML.
MAX_JSON_DEPTH = 64


class CellValueError(ValueError):
    """A cell whose text cannot be read as the column's type; the message is bilingual."""

    def __init__(self, message: Message) -> None:
        super().__init__(message.zh)
        self.message = message


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


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and value == "")


def number_text(value: float | int) -> str:
    """A number as a person writes it: 12000, not 12000.0."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value)


def as_text(value: Any) -> str:
    """Any cell value as text (numbers without a spurious .0, dates as YYYY-MM-DD)."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, (int, float)):
        return number_text(value)
    if isinstance(value, _dt.datetime):
        if value.time() == _dt.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, _dt.date):
        return value.isoformat()
    return str(value)


# --------------------------------------------------------------------------- codecs

YES = ("是", "√", "✓", "✔", "Y", "YES", "TRUE", "T", "1", "适用", "需要", "要", "有")
NO = ("否", "×", "✗", "✘", "N", "NO", "FALSE", "F", "0", "不适用", "不需要", "不要", "无")
LIST_SPLIT_RE = re.compile(r"[、,，;；/／\n]+")
LINE_SPLIT_RE = re.compile(r"\n+")
LEVELS = ("法律", "行政法规", "地方性法规", "部门规章", "地方政府规章", "党内法规", "规范性文件")
_BASIS_RE = re.compile(r"^\s*(?:[【\[［](?P<level>[^】\]］]*)[】\]］])?\s*《(?P<title>.+)》(?P<article>.*?)\s*$")


@dataclass(frozen=True, slots=True)
class Codec:
    """How one column's values become cell values and back.

    `format` returns the cell value (str, number or None for blank); `parse` takes a
    non-blank cell value (already decoded) and returns the document value, raising
    CellValueError when it cannot.
    """

    name: str
    format: Callable[[Any], Any]
    parse: Callable[[Any], Any]


def _fmt_text(value: Any) -> Any:
    if isinstance(value, str):
        return value if value else None
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return number_text(value)
    return None


def _parse_text(value: Any) -> str:
    return as_text(value)


def _parse_code(value: Any) -> str:
    return as_text(value)


def _fmt_bool(value: Any) -> Any:
    if isinstance(value, bool):
        return "是" if value else "否"
    return None


def _parse_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = as_text(value).strip().upper()
    if text in YES:
        return True
    if text in NO:
        return False
    raise CellValueError(
        Message(f"应填写“是”或“否”，而不是“{as_text(value)}”",
        f"expected 是 (yes) or 否 (no), not {as_text(value)!r}"),
    )


def _fmt_number(value: Any) -> Any:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        # openpyxl writes numbers with 16 significant digits ("%.16g"); others go to 保留字段.
        written = f"{value:.16g}"
        try:
            back = float(written)
        except ValueError:
            return None
        if back != value or (isinstance(value, int) and abs(value) >= 10**15):
            return None
        return value
    return None


def _parse_number(value: Any) -> int | float:
    if isinstance(value, bool):
        raise CellValueError(Message("应填写数字", "expected a number"))
    if isinstance(value, (int, float)):
        return int(value) if isinstance(value, float) and value.is_integer() and abs(value) < 1e15 else value
    text = as_text(value).strip().replace(",", "").replace("，", "").removesuffix("元").strip()
    try:
        number = float(text)
    except ValueError:
        raise CellValueError(
            Message(f"应填写数字（单位：元），而不是“{as_text(value)}”",
            f"expected a number (yuan), not {as_text(value)!r}"),
        ) from None
    if number != number or number in (float("inf"), float("-inf")):
        raise CellValueError(Message(f"应填写数字，而不是“{text}”", f"expected a number, not {text!r}"))
    if number.is_integer() and "." not in text and "e" not in text.lower():
        return int(text)
    return number


def _fmt_list(value: Any) -> Any:
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return "、".join(value)
    return None


def load_json(text: str) -> Any:
    """JSON kept in a cell (保留字段, the hidden export sheet), at most MAX_JSON_DEPTH deep.

    Raises ValueError for anything else, however it is malformed.
    """
    try:
        value = json.loads(text)
    except RecursionError:
        raise ValueError("JSON nested too deeply") from None
    stack = [(value, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, (dict, list)):
            if depth > MAX_JSON_DEPTH:
                raise ValueError("JSON nested too deeply")
            stack.extend((child, depth + 1) for child in (node.values() if isinstance(node, dict) else node))
    return value


def _json_list(text: str, item: type) -> list[Any] | None:
    """The list a cell holds as JSON (`[...]` of `item`s), or None when it holds plain text."""
    stripped = text.strip()
    if not stripped.startswith("["):
        return None
    try:
        loaded = load_json(stripped)
    except ValueError:
        return None
    if isinstance(loaded, list) and all(isinstance(v, item) for v in loaded):
        return loaded
    return None


def _parse_list(value: Any) -> list[str]:
    text = as_text(value)
    loaded = _json_list(text, str)
    if loaded is not None:
        return loaded
    return [part.strip() for part in LIST_SPLIT_RE.split(text) if part.strip()]


def format_basis(entry: dict[str, Any]) -> str:
    """A legal basis as officials cite it: 【行政法规】《社会救助暂行办法》第十三条."""
    level = entry.get("level")
    title = entry.get("title")
    article = entry.get("article")
    out = f"【{level}】" if isinstance(level, str) and level else ""
    out += f"《{title}》" if isinstance(title, str) else ""
    if isinstance(article, str):
        out += article
    return out


def _fmt_basis(value: Any) -> Any:
    if not isinstance(value, list) or not value:
        return None
    lines = []
    for entry in value:
        if not isinstance(entry, dict):
            return None
        lines.append(format_basis(entry))
    return "\n".join(lines)


def parse_basis_line(line: str) -> dict[str, str]:
    match = _BASIS_RE.match(line)
    if not match:
        raise CellValueError(
            Message(f"设定依据“{line}”应写成 【层级】《文件名称》条款，例如 【行政法规】《社会救助暂行办法》第十三条",
            f"legal basis {line!r} should read 【level】《title》article, e.g. 【行政法规】《社会救助暂行办法》第十三条"),
        )
    out: dict[str, str] = {}
    level = match.group("level")
    if level is not None:
        out["level"] = level.strip()
    out["title"] = match.group("title")
    article = match.group("article")
    if article:
        out["article"] = article
    return out


def _parse_basis(value: Any) -> list[dict[str, str]]:
    text = as_text(value)
    loaded = _json_list(text, dict)
    if loaded is not None:
        return loaded
    return [parse_basis_line(line) for line in LINE_SPLIT_RE.split(text) if line.strip()]


def _fmt_date(value: Any) -> Any:
    return value if isinstance(value, str) and value else None


def _parse_date(value: Any) -> str:
    return as_text(value)


CODECS: dict[str, Codec] = {
    "text": Codec("text", _fmt_text, _parse_text),
    "code": Codec("code", _fmt_text, _parse_code),
    "bool": Codec("bool", _fmt_bool, _parse_bool),
    "number": Codec("number", _fmt_number, _parse_number),
    "list": Codec("list", _fmt_list, _parse_list),
    "basis": Codec("basis", _fmt_basis, _parse_basis),
    "date": Codec("date", _fmt_date, _parse_date),
}


def roundtrips(codec: Codec, value: Any) -> tuple[Any, bool]:
    """(cell value, whether reading that cell gives `value` back exactly)."""
    cell = codec.format(value)
    if cell is None:
        return None, False
    if isinstance(cell, str):
        if illegal_chars(cell):
            return strip_illegal(cell) or None, False
        try:
            back = codec.parse(cell)
        except CellValueError:
            return cell, False
    else:
        try:
            back = codec.parse(cell)
        except CellValueError:
            return cell, False
    return cell, _same(back, value)


def _same(a: Any, b: Any) -> bool:
    """Equal, and of the same JSON type all the way down (1 is not True, 1.0 is not 1 for text)."""
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, str) or isinstance(b, str):
        return type(a) is type(b) and a == b
    return bool(a == b)
