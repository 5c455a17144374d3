"""Streamed table rows (excel/write/streamed.py) are written exactly as openpyxl writes the same cells."""

from __future__ import annotations

import datetime as _dt
import io
import zipfile
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

from catalogtool.excel import cells
from catalogtool.excel.write import streamed, styles
from catalogtool.excel.write.layout import save_workbook_bytes

ROWS: list[list[Any]] = [
    [1, "A01", "公共服务", None, "  前后有空格 ", True],
    [2, "=SUM(A1)", "a & b < c > d", "", "0101", False],
    [3, "行一\n行二", "回车\r在此", "_x0041_ 字面", 3.25, 1234567],
    [None, " ", "-负号开头", "2024-01-01", 0, None],
]


def _style(offset: int, col: int, value: Any) -> streamed.Style:
    font = styles.BOLD_FONT if offset % 2 else styles.BODY_FONT
    fill = styles.DIRECTORY_FILLS[0] if offset == 3 else None
    number_format = "0.00" if isinstance(value, float) else ("@" if col else None)
    return font, styles.LEFT if col else styles.CENTER, styles.BORDER, fill, number_format


def _heading(wb: Workbook) -> Any:
    ws = wb.active
    ws.title = "表"
    cells.put(ws["A1"], "标题")
    ws["A1"].font = styles.TITLE_FONT
    ws.row_dimensions[1].height = 32
    return ws


def _by_cells() -> bytes:
    wb = Workbook()
    ws = _heading(wb)
    for offset, row in enumerate(ROWS):
        for col, value in enumerate(row):
            cell = ws.cell(4 + offset, col + 1)
            cells.put(cell, value)
            font, alignment, border, fill, number_format = _style(offset, col, value)
            styles.apply(cell, font, alignment, border=border, fill=fill, number_format=number_format)
        ws.row_dimensions[4 + offset].height = 20 + offset * 7.5
    return save_workbook_bytes(wb, _dt.datetime(2025, 1, 1))


def _by_stream() -> bytes:
    wb = Workbook()
    ws = _heading(wb)
    streamed.add_rows(ws, 4, ROWS, _style)
    streamed.set_heights(ws, [20 + offset * 7.5 for offset in range(len(ROWS))])
    return save_workbook_bytes(wb, _dt.datetime(2025, 1, 1))


def test_streamed_rows_give_the_bytes_cells_give() -> None:
    by_cells, by_stream = _by_cells(), _by_stream()
    with zipfile.ZipFile(io.BytesIO(by_cells)) as a, zipfile.ZipFile(io.BytesIO(by_stream)) as b:
        assert a.namelist() == b.namelist()
        for name in a.namelist():
            assert a.read(name) == b.read(name), name
    assert by_cells == by_stream


def test_streamed_rows_read_back_as_written() -> None:
    ws = load_workbook(io.BytesIO(_by_stream()))["表"]
    for offset, row in enumerate(ROWS):
        for col, value in enumerate(row):
            cell = ws.cell(4 + offset, col + 1)
            expected = None if value in (None, "") else value
            assert cells.read(cell.value) == expected, (offset, col)
            assert cell.quotePrefix == (isinstance(value, str) and bool(value) and cells.needs_quote_prefix(value))
    assert ws.row_dimensions[5].height == 27.5
    assert ws["B4"].font.bold is False and ws["B5"].font.bold is True
    assert ws["E6"].number_format == "0.00"
    assert ws.calculate_dimension() == "A1:F7"


def test_text_too_long_is_refused_while_rows_are_added() -> None:
    wb = Workbook()
    with pytest.raises(cells.CellTooLong) as caught:
        streamed.add_rows(wb.active, 4, [["短", "长" * (cells.MAX_CELL_CHARS + 1)]], _style)
    assert caught.value.where == "Sheet!B4"
