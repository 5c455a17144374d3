"""The header of a published catalog table: found by its words, in any order, through merged cells.

A header row with 编码 / 一级目录 / 二级目录 / 三级目录 / 服务内容 ... in any order is
looked for in the first 30 rows of a sheet.  The words known are the table's
own headers and each column's aliases (catalogtool.kinds.columns), the same
columns export writes; a word in brackets after one (服务内容（具体要求）) is let be.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from openpyxl.utils import get_column_letter

from catalogtool.excel import cells
from catalogtool.excel.read.reading import Reading, norm_header
from catalogtool.excel.read.sheet import Sheet
from catalogtool.kinds.columns import Column
from catalogtool.kinds.layout import Table

_PAREN_RE = re.compile(r"[（(][^）)]*[）)]")


class Merged:
    """Cell values with merged ranges resolved to their top-left value."""

    def __init__(self, ws: Sheet, reading: Reading) -> None:
        self.ws = ws
        self.reading = reading
        self.owners: dict[tuple[int, int], tuple[int, int]] = {}
        self.spans: dict[tuple[int, int], int] = {}
        for merged in ws.merged_cells.ranges:
            min_col, min_row, max_col, max_row = merged.bounds
            for r in range(min_row, max_row + 1):
                for c in range(min_col, max_col + 1):
                    self.owners[(r, c)] = (min_row, min_col)
                    self.spans[(r, c)] = max_col - min_col + 1

    def owner(self, row: int, col: int) -> tuple[int, int]:
        return self.owners.get((row, col), (row, col))

    def value(self, row: int, col: int) -> Any:
        """The value shown, checked (a formula never calculated is reported)."""
        return self.reading.value(self.ws, *self.owner(row, col))

    def raw(self, row: int, col: int) -> Any:
        """The value shown, unchecked: for looking for the header row."""
        return cells.read(self.ws.cell(*self.owner(row, col)).value)

    def carried(self, row: int, col: int) -> bool:
        """Is this cell the continuation of a cell merged down from a row above?"""
        return self.owner(row, col)[0] < row

    def span(self, row: int, col: int) -> int:
        return self.spans.get((row, col), 1)


@dataclass(slots=True)
class Header:
    row: int
    columns: dict[Column, int]  # the table's column -> the sheet's column, in the sheet's order
    ignored: list[tuple[int, str, str]]  # (column, header text, why) of the header cells not read

    def levels(self) -> dict[int, int]:
        """Level -> the sheet's column of that level's names."""
        return {col.level: index for col, index in self.columns.items() if col.role == "level"}

    def fields(self) -> dict[Column, int]:
        return {col: index for col, index in self.columns.items() if col.role == "field"}


def header_words(table: Table) -> dict[str, Column]:
    """Every word a published table may head a column with (its header or an alias) -> the column.

    Only the levels export always writes (一级 to 四级目录), and not 保留字段, which only export writes.
    """
    return {word: col for col in table.columns(4) if col.role != "reserved" for word in (col.header, *col.aliases)}


def _column_named(value: Any, words: dict[str, Column]) -> Column | None:
    text = norm_header(value)
    if not text:
        return None
    col = words.get(text)
    if col is None:
        col = words.get(_PAREN_RE.sub("", text))
    return col


def find_header(ws: Sheet, merged: Merged, words: dict[str, Column], anchors: tuple[str, ...],
                reading: Reading) -> Header | None:
    """The first row (of the first 30) naming two level columns and one of the `anchors` fields."""
    for row in reading.data_rows(ws, 0, 30):
        found: dict[Column, int] = {}
        ignored: list[tuple[int, str, str]] = []
        for col in reading.columns(ws, row):
            if merged.owner(row, col)[1] != col:
                continue  # merged across from the column on the left: the same header
            value = merged.raw(row, col)
            column = _column_named(value, words)
            if column is None:
                if norm_header(value):
                    ignored.append((col, norm_header(value), ""))
            elif column in found:
                ignored.append((col, norm_header(value), get_column_letter(found[column])))
            else:
                found[column] = col
        level_count = sum(1 for c in found if c.role == "level")
        if level_count >= 2 and any(c.path == (anchor,) for c in found for anchor in anchors):
            return Header(row, found, ignored)
    return None
