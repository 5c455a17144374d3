"""A workbook's cell values as import reads them: only the cells that hold something, read in one pass.

openpyxl's normal mode makes an object of about half a kilobyte for every cell
(a province's workbook took 1.4 GB and over a minute); its read-only mode
re-reads the sheet for every cell asked for.  So each sheet is read once, row by
row, keeping only the cells that hold a value (the same values and types as
openpyxl gives: numbers, dates, booleans, error values), and the readers ask this
`Sheet` for cells by row and column.  one_pass.py fills it in the census's walk;
`read_sheet` fills it with openpyxl's own sheet parser (the reference way, and
for a sheet that walk does not reach).  Merged ranges come from the census.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet._reader import WorkSheetParser
from openpyxl.worksheet.cell_range import CellRange


@dataclass(frozen=True, slots=True)
class CellValue:
    """What the readers ask of a cell: its value and openpyxl's data type ("e" for an error value)."""

    value: Any
    data_type: str = "n"


_EMPTY = CellValue(None)


@dataclass(slots=True)
class MergedCells:
    ranges: list[CellRange] = field(default_factory=list)


class Sheet:
    """One worksheet's non-empty cells, by row and column."""

    def __init__(self, title: str, sheet_state: str, merged: list[str]) -> None:
        self.title = title
        self.sheet_state = sheet_state
        self.merged_cells = MergedCells()
        self.set_merged(merged)
        self.rows: dict[int, dict[int, Any]] = {}
        self.errors: set[tuple[int, int]] = set()

    def set_merged(self, merged: list[str]) -> None:
        self.merged_cells = MergedCells([CellRange(ref) for ref in merged])

    def cell(self, row: int, column: int) -> CellValue:
        value = self.rows.get(row, {}).get(column)
        if value is None:
            return _EMPTY
        return CellValue(value, "e" if (row, column) in self.errors else "n")

    def filled(self) -> Iterator[tuple[int, int, Any]]:
        for row, values in self.rows.items():
            for col, value in values.items():
                yield row, col, value


class Book:
    """The sheets of a workbook, read, and what the readers ask of the workbook itself (its defined names)."""

    def __init__(self, defined_names: Any, worksheets: list[Sheet]) -> None:
        self.defined_names = defined_names
        self.worksheets = worksheets
        self.sheetnames = [ws.title for ws in self.worksheets]
        self._by_title = {ws.title: ws for ws in self.worksheets}

    def __getitem__(self, title: str) -> Sheet:
        return self._by_title[title]


def read_sheets(wb: Workbook, merged: dict[str, list[str]]) -> list[Sheet]:
    """Every worksheet of a workbook opened read-only, read by openpyxl's own sheet parser."""
    return [read_sheet(wb, ws, merged.get(ws.title, [])) for ws in wb.worksheets]


def read_sheet(wb: Workbook, ws: Any, merged: list[str]) -> Sheet:
    sheet = Sheet(ws.title, ws.sheet_state, merged)
    texts: dict[str, str] = {}  # the same text in many cells (a directory's name on each of its rows) kept once
    with ws._get_source() as source:  # what ReadOnlyWorksheet reads rows with, without padding them
        parser = WorkSheetParser(source, ws._shared_strings, data_only=wb.data_only, epoch=wb.epoch,
                                 date_formats=wb._date_formats, timedelta_formats=wb._timedelta_formats)
        for number, cells in parser.parse():
            values: dict[int, Any] = {}
            for cell in cells:
                value = cell["value"]
                if value is None:
                    continue
                if isinstance(value, str):
                    value = texts.setdefault(value, value)
                column = cell["column"]
                values[column] = value
                if cell["data_type"] == "e":
                    sheet.errors.add((number, column))
            if values:
                sheet.rows.setdefault(number, {}).update(values)
    return sheet
