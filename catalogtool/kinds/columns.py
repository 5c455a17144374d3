"""The columns of a sheet, declared once: what export writes and what import reads back by.

A column is found by its header text, so a header is a promise to import: change
one and old workbooks no longer import.  Each kind module declares its tables
from these columns (catalogtool.kinds.layout.Table); the header of a field's
column is its name in catalogtool.labels (tests/test_labels.py keeps them
equal), and `aliases` are the other words published tables head it with.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from catalogtool.kinds.codecs import BASIS, CODE, TEXT, Codec

LEVEL_NAMES = "一二三四五六七八九"
MAX_LEVELS = len(LEVEL_NAMES)
RESERVED_HEADER = "保留字段（请勿修改）"

MISSING: Any = object()  # a key absent from the document (not the same as an empty value)


@dataclass(frozen=True, slots=True)
class Bounds:
    """How wide a column may get, in Excel's width units: `low`..`high`; `wrap` columns may shrink to
    `low` to fit the page."""

    low: float
    high: float
    wrap: bool = True


_DEFAULT_BOUNDS = Bounds(8, 20)


@dataclass(frozen=True, slots=True)
class Column:
    """One column of a table sheet.

    `role` is seq (序号), level (a tree's 一级目录 ... column, holding a name), field
    (the value at `path`) or reserved (保留字段).  An `optional` column is hidden when
    empty and not missed when deleted; a `required` one must be there to import;
    an unprinted one shows on screen only.
    """

    header: str
    path: tuple[str, ...] | None = None
    codec: Codec = TEXT
    bounds: Bounds = _DEFAULT_BOUNDS
    align: str = "left"
    role: str = "field"
    level: int = 0
    optional: bool = False
    printed: bool = True
    required: bool = False
    aliases: tuple[str, ...] = ()


SEQ = Column("序号", role="seq", bounds=Bounds(5, 6, wrap=False), align="center", aliases=("编号序号",))
RESERVED = Column(RESERVED_HEADER, role="reserved", bounds=Bounds(10, 10, wrap=False), printed=False)
_LEVEL_BOUNDS = (Bounds(8, 14), Bounds(10, 18), Bounds(12, 22), Bounds(12, 20))


def level_header(level: int) -> str:
    return f"{LEVEL_NAMES[level - 1]}级目录"


def level_column(level: int) -> Column:
    """The column of a tree's level `level`: the names of its entries at that depth."""
    bounds = _LEVEL_BOUNDS[min(level, 4) - 1]
    numeral = LEVEL_NAMES[level - 1]
    aliases = (f"{numeral}级", f"{numeral}级分类", f"{numeral}级目录名称", f"{numeral}级事项")
    return Column(level_header(level), ("name",), TEXT, bounds, role="level", level=level,
                  optional=level > 3, aliases=aliases)


def value_at(entry: dict[str, Any], path: tuple[str, ...]) -> Any:
    """The value at `path` in nested mappings, or MISSING."""
    node: Any = entry
    for key in path:
        if not isinstance(node, dict) or key not in node:
            return MISSING
        node = node[key]
    return node


def put_at(entry: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    """Set the value at `path`, making the mappings on the way (replacing what is not one)."""
    node = entry
    for key in path[:-1]:
        child = node.get(key)
        if not isinstance(child, dict):
            child = {}
            node[key] = child
        node = child
    node[path[-1]] = value


def field_header(columns: Sequence[Column], key: str) -> str | None:
    """The header of the column showing field `key` (dotted, as `funding.source`; `basis.title` is
    shown in 设定依据), or None when no column shows it."""
    parts = tuple(key.split("."))
    for end in range(len(parts), 0, -1):
        for col in columns:
            if col.role == "field" and col.path == parts[:end]:
                return col.header
    return None


# The first columns of every community list (准入清单, 协助事项清单), as FORMAT.md §1.2-1.3 print them.
LIST_HEAD = (
    Column("编码", ("code",), CODE, Bounds(7, 10, wrap=False), "center", required=True),
    Column("事项名称", ("name",), TEXT, Bounds(10, 18), required=True),
    Column("类别", ("category",), TEXT, Bounds(6, 10)),
    Column("事项内容", ("content",), TEXT, Bounds(18, 40)),
    Column("责任单位", ("department",), TEXT, Bounds(10, 16)),
    Column("设定依据", ("basis",), BASIS, Bounds(14, 30)),
)
