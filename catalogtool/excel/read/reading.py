"""Reading a workbook's cells honestly for `import`, and remembering where each entry came from.

Shared by exported.py (workbooks `export` wrote) and published.py (published
catalog tables), once opening.py has let the workbook in.  Cells are read
through `Reading`, which visits only the rows and columns that hold data (a cell
typed at row 1,048,576 costs one row, not a million), and reports a formula that
was never calculated or an error value such as #REF! at its cell instead of
reading it as empty; `Reading` also records which cell each entry and field came
from, for `ImportedDocument.locate`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

from openpyxl.utils import get_column_letter

from catalogtool.document import join_pointer
from catalogtool.excel import cells
from catalogtool.excel.read.census import SheetCensus
from catalogtool.excel.read.sheet import Sheet
from catalogtool.imported import CellMap, ImportResult
from catalogtool.kinds import kind_of
from catalogtool.kinds.codecs import as_text
from catalogtool.kinds.columns import LEVEL_NAMES, Column
from catalogtool.problems import Message

_SPACE_RE = re.compile(r"[\s\u3000]+")


@dataclass(slots=True)
class Origin:
    """Where an entry came from: the cell naming it, and the cell of each of its fields."""

    sheet: str
    at: tuple[int, int]  # (row, column)
    fields: dict[tuple[str, ...], tuple[int, int]] = field(default_factory=dict)


@dataclass(slots=True)
class Reading:
    """One workbook being read: the result so far, which cells hold data (census.py), and where each
    entry came from."""

    result: ImportResult
    census: dict[str, SheetCensus] = field(default_factory=dict)
    reported: set[tuple[str, int, int]] = field(default_factory=set)
    # id(entry) -> (entry, origin); the entry is kept so its id cannot be reused
    origins: dict[int, tuple[dict[str, Any], Origin]] = field(default_factory=dict)

    def error(self, sheet: str, cell: str, message: Message) -> None:
        self.result.error(sheet, cell, message)

    def warn(self, sheet: str, cell: str, message: Message) -> None:
        self.result.warn(sheet, cell, message)

    def sheet(self, ws: Sheet) -> SheetCensus:
        return self.census.get(ws.title) or SheetCensus(ws.title)

    def data_rows(self, ws: Sheet, after: int = 0, upto: int | None = None) -> list[int]:
        """The rows of `ws` below `after` (up to `upto`) that hold data, in order: never every row to `max_row`."""
        return self.sheet(ws).rows(after, upto)

    def columns(self, ws: Sheet, row: int) -> list[int]:
        """The columns of `row` that hold data, in order."""
        return self.sheet(ws).columns(row)

    def raw(self, ws: Sheet, row: int, col: int) -> Any:
        """A cell's value unchecked (for recognising a sheet, not for reading it)."""
        return cells.read(ws.cell(row, col).value) if self.sheet(ws).holds(row, col) else None

    def header_texts(self, ws: Sheet, row: int) -> dict[int, str]:
        """Column -> header text of the cells of `row` that hold text (unchecked: headers are looked for)."""
        found = {}
        for col in self.columns(ws, row):
            text = norm_header(ws.cell(row, col).value)
            if text:
                found[col] = text
        return found

    def value(self, ws: Sheet, row: int, col: int) -> Any:
        """A cell's value as the importer sees it; a formula never calculated or an error value
        is reported (once) and read as empty."""
        census = self.census.get(ws.title) or SheetCensus(ws.title)
        if not census.uncached and not ws.errors:  # the common case, asked hundreds of thousands of times
            if col not in census.cells.get(row, ()):
                return None
            found = ws.rows.get(row, {}).get(col)
            if isinstance(found, str):
                return cells.decode_text(found) if found != "" else None
            return found
        key = (ws.title, row, col)
        if (row, col) in census.uncached:
            if key not in self.reported:
                self.reported.add(key)
                self.error(ws.title, ref(row, col),
                           Message("单元格是公式但没有计算结果；请在 Excel 或 WPS 中打开并保存后再导入（或把公式改为文字）",
                           "the cell holds a formula that was never calculated; open and save the workbook in "
                           "Excel or WPS before importing (or replace the formula by text)"))
            return None
        if not census.holds(row, col):
            return None  # without asking openpyxl, which would make the cell
        cell = ws.cell(row, col)
        if cell.data_type == "e":
            if key not in self.reported:
                self.reported.add(key)
                self.error(ws.title, ref(row, col),
                           Message(f"单元格是错误值 {cell.value}（公式出错？）；请改正后再导入",
                           f"the cell holds the error value {cell.value} (a broken formula?); correct it first"))
            return None
        return cells.read(cell.value)

    def origin(self, entry: dict[str, Any], origin: Origin) -> None:
        self.origins[id(entry)] = (entry, origin)

    def cell_map(self, data: dict[str, Any], sheet: str, header: dict[str, tuple[str, str]] | None = None
                 ) -> CellMap:
        """JSON pointer -> (sheet, cell) for a document read from the workbook."""
        out = CellMap({"": (sheet, ""), **(header or {})})

        def visit(entry: Any, pointer: str) -> None:
            if not isinstance(entry, dict):
                return
            found = self.origins.get(id(entry))
            if found is not None and found[0] is entry:
                origin = found[1]
                out.add(pointer, origin.sheet, origin.at, origin.fields)  # funding -> its first column, say
            children = entry.get("children")
            if isinstance(children, list):
                for index, child in enumerate(children):
                    visit(child, join_pointer(join_pointer(pointer, "children"), index))

        kind = kind_of(data)
        for key in kind.data_keys if kind is not None else ():
            value = data.get(key)
            if isinstance(value, list):
                for index, entry in enumerate(value):
                    visit(entry, join_pointer(join_pointer("", key), index))
        return out


# --------------------------------------------------------------------------- shared helpers


def ref(row: int, col: int) -> str:
    return f"{get_column_letter(col)}{row}"


def norm_header(value: Any) -> str:
    if value is None:
        return ""
    return _SPACE_RE.sub("", as_text(cells.read(value)))


def check_header_row(ws: Sheet, row: int, reading: Reading) -> None:
    """Report uncalculated formulas in a header row (headers are otherwise read without checks)."""
    for found_row, col in sorted(reading.sheet(ws).uncached):
        if found_row == row:
            reading.value(ws, row, col)


def safe_relpath(path: str, used: set[str]) -> str:
    """A relative output path from the stored one: no absolute paths, no `..`, unique."""
    parts = [p for p in PurePosixPath(path.replace("\\", "/")).parts if p not in ("", ".", "..", "/")]
    parts = [re.sub(r'[<>:"|?*\x00-\x1f]', "_", p) for p in parts]
    rel = "/".join(parts) or "document.yaml"
    if not rel.endswith((".yaml", ".yml")):
        rel += ".yaml"
    candidate, counter = rel, 2
    while candidate in used:
        stem, dot, ext = rel.rpartition(".")
        candidate = f"{stem}-{counter}{dot}{ext}"
        counter += 1
    return candidate


def level_label(level: int) -> str:
    return f"{LEVEL_NAMES[level - 1]}级目录" if 1 <= level <= len(LEVEL_NAMES) else f"{level}级目录"


def display_text(value: Any) -> str:
    return "" if value is None else as_text(value)


def warn_number_code(ws: Sheet, row: int, col: int, column: Column, raw: Any, reading: Reading) -> None:
    """A code typed as a number (Excel drops its leading zeros): read as text, with a word."""
    reading.warn(ws.title, ref(row, col),
                 Message(f"{column.header}“{as_text(raw)}”是数字，已按文本读取；如原编码有前导 0，请补回",
                         f"{column.header} {as_text(raw)} is a number; read as text, restore any leading zeros"))
