"""How a column's values become cell values and back: one codec object per type of value, declared once.

A codec's `encode` gives what a cell shows for a document value (text, a number,
or None when the cell cannot show that value), and its `decode` reads a
non-blank cell back into the document's type, raising CellValueError (with a
bilingual Message) when the cell cannot be read so.  `decode(encode(v)) == v`
for every value a codec can show, which the workbook writer checks before
relying on it.  Columns (catalogtool.kinds.columns) name their codec; export and
import both go through it.  Pure: the workbook itself is excel's business.
"""

from __future__ import annotations

import datetime as _dt
import json
import re
from abc import ABC, abstractmethod
from decimal import Decimal
from typing import Any, ClassVar

from catalogtool import money
from catalogtool.lazy_pattern import compile_later
from catalogtool.problems import Message

# As deep as the YAML loader lets a document nest: JSON read from a workbook is written back as YAML.
MAX_JSON_DEPTH = 64

YES = ("是", "√", "✓", "✔", "Y", "YES", "TRUE", "T", "1", "适用", "需要", "要", "有")
NO = ("否", "×", "✗", "✘", "N", "NO", "FALSE", "F", "0", "不适用", "不需要", "不要", "无")
LIST_SPLIT_RE = compile_later(r"[、,，;；/／\n]+")
LINE_SPLIT_RE = re.compile(r"\n+")
_BASIS_RE = compile_later(r"^\s*(?:[【\[［](?P<level>[^】\]］]*)[】\]］])?\s*《(?P<title>.+)》(?P<article>.*?)\s*$")


class CellValueError(ValueError):
    """A cell whose text cannot be read as the column's type; the message is bilingual."""

    def __init__(self, message: Message) -> None:
        super().__init__(message.zh)
        self.message = message


# --------------------------------------------------------------------------- values as text


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


def json_list(text: str, item: type) -> list[Any] | None:
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


# --------------------------------------------------------------------------- codecs


class Codec(ABC):
    """How one column's values become cell values and back.

    `encode` returns the cell value (str, number, or None when the cell cannot show
    the value); `decode` takes a non-blank cell value (already decoded from the
    sheet's XML) and returns the document value, raising CellValueError when it cannot.
    """

    name: ClassVar[str]
    numeric: ClassVar[bool] = False  # its cells hold numbers, shown with thousands separators
    code: ClassVar[bool] = False  # a code: a number in its cell may have lost leading zeros
    multiline: ClassVar[bool] = False  # free text: a second row of one entry adds lines to it
    number_format: ClassVar[str] = "#,##0"  # how a whole number in its cell prints (numeric codecs)

    @abstractmethod
    def encode(self, value: Any) -> Any: ...

    @abstractmethod
    def decode(self, cell: Any) -> Any: ...

    def __repr__(self) -> str:
        return f"<codec {self.name}>"


class Text(Codec):
    name = "text"
    multiline = True

    def encode(self, value: Any) -> Any:
        if isinstance(value, str):
            return value if value else None
        if isinstance(value, bool) or value is None:
            return None
        if isinstance(value, (int, float)):
            return number_text(value)
        return None

    def decode(self, cell: Any) -> str:
        return as_text(cell)


class Code(Text):
    name = "code"
    multiline = False
    code = True


class Flag(Codec):
    name = "bool"

    def encode(self, value: Any) -> Any:
        if isinstance(value, bool):
            return "是" if value else "否"
        return None

    def decode(self, cell: Any) -> bool:
        if isinstance(cell, bool):
            return cell
        text = as_text(cell).strip().upper()
        if text in YES:
            return True
        if text in NO:
            return False
        raise CellValueError(
            Message(f"应填写“是”或“否”，而不是“{as_text(cell)}”",
            f"expected 是 (yes) or 否 (no), not {as_text(cell)!r}"),
        )


class Number(Codec):
    name = "number"
    numeric = True

    def encode(self, value: Any) -> Any:
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

    def decode(self, cell: Any) -> int | float:
        if isinstance(cell, bool):
            raise CellValueError(Message("应填写数字", "expected a number"))
        if isinstance(cell, (int, float)):
            return int(cell) if isinstance(cell, float) and cell.is_integer() and abs(cell) < 1e15 else cell
        text = as_text(cell).strip().replace(",", "").replace("，", "").removesuffix("元").strip()
        try:
            number = float(text)
        except ValueError:
            raise CellValueError(
                Message(f"应填写数字（单位：元），而不是“{as_text(cell)}”",
                f"expected a number (yuan), not {as_text(cell)!r}"),
            ) from None
        if number != number or number in (float("inf"), float("-inf")):
            raise CellValueError(Message(f"应填写数字，而不是“{text}”", f"expected a number, not {text!r}"))
        if number.is_integer() and "." not in text and "e" not in text.lower():
            return int(text)
        return number


class Names(Codec):
    """A list of names in one cell, 、-separated (承接主体, 购买主体)."""

    name = "list"

    def encode(self, value: Any) -> Any:
        if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
            return "、".join(value)
        return None

    def decode(self, cell: Any) -> list[str]:
        text = as_text(cell)
        loaded = json_list(text, str)
        if loaded is not None:
            return loaded
        return [part.strip() for part in LIST_SPLIT_RE.split(text) if part.strip()]


class Basis(Codec):
    """Legal bases, one a line, cited as 【层级】《文件名称》条款."""

    name = "basis"

    def encode(self, value: Any) -> Any:
        if not isinstance(value, list) or not value:
            return None
        lines = []
        for entry in value:
            if not isinstance(entry, dict):
                return None
            lines.append(format_basis(entry))
        return "\n".join(lines)

    def decode(self, cell: Any) -> list[dict[str, str]]:
        text = as_text(cell)
        loaded = json_list(text, dict)
        if loaded is not None:
            return loaded
        return [parse_basis_line(line) for line in LINE_SPLIT_RE.split(text) if line.strip()]


class Date(Codec):
    name = "date"

    def encode(self, value: Any) -> Any:
        return value if isinstance(value, str) and value else None

    def decode(self, cell: Any) -> str:
        return as_text(cell)


MONEY_LIMIT = 10**15  # a cell's number keeps every digit below it (¥999,999,999,999,999 at most)


class Money(Codec):
    """Yuan, exact to the fen: a number cell printed ¥216,000.00, read back as the same decimal.

    A cell holds the amount as `money.as_number` writes it (an int when whole), so
    Excel and WPS can sum the column; text such as ¥216,000.00, 216000元 or 21.6万
    is read too.  A float from a formula (3600.1 * 3 = 10800.300000000001) is read
    at the 15 significant digits a spreadsheet keeps.
    """

    name = "money"
    numeric = True
    number_format = '"¥"#,##0.00'

    def encode(self, value: Any) -> Any:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return None
        amount = money.to_decimal(value)
        if amount is None or not money.exact_enough(amount) or abs(amount) >= MONEY_LIMIT:
            return None  # kept in 保留字段: no cell shows it exactly
        return money.as_number(amount)

    def decode(self, cell: Any) -> int | float:
        if isinstance(cell, bool):
            raise CellValueError(Message("应填写金额（元）", "expected an amount (yuan)"))
        if isinstance(cell, int):
            return cell
        if isinstance(cell, float):
            if cell != cell or cell in (float("inf"), float("-inf")):
                raise CellValueError(Message(f"金额 {cell!r} 不是有效的数字", f"amount {cell!r} is not a valid number"))
            amount = Decimal(repr(cell))
            if not money.exact_enough(amount):  # what the spreadsheet shows: 15 significant digits
                amount = amount.quantize(Decimal(1).scaleb(amount.adjusted() - money.MAX_DIGITS + 1))
            return money.as_number(amount)
        return money.as_number(_money_text(as_text(cell)))


def _money_text(text: str) -> Decimal:
    """¥216,000.00, 216000元, 21.6万, 21.6万元 as the decimal they stand for."""
    plain = re.sub(r"[\s,，¥￥]", "", text).removesuffix("元")
    scale = 1
    if plain.endswith("万"):
        plain, scale = plain[:-1], 10000
    if not money.PLAIN_DECIMAL.fullmatch(plain):
        raise CellValueError(
            Message(f"应填写金额（元），例如 216000 或 ¥216,000.00，而不是“{text}”",
                    f"expected an amount in yuan, e.g. 216000 or ¥216,000.00, not {text!r}"))
    return Decimal(plain) * scale


TEXT = Text()
CODE = Code()
BOOL = Flag()
NUMBER = Number()
LIST = Names()
BASIS = Basis()
DATE = Date()
MONEY = Money()
