"""The headings every table sheet shares: two title rows above the table, and its header row.

One place, so the guide's sheets and the comparison sheet look alike in print.
"""

from __future__ import annotations

from collections.abc import Sequence

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from catalogtool.excel import cells
from catalogtool.excel.write import styles


def title_rows(ws: Worksheet, title: str, subtitle: str, last_col: int) -> None:
    """Row 1 the title, row 2 a line about the source, both merged across the printed columns."""
    last = get_column_letter(last_col)
    ws.merge_cells(f"A1:{last}1")
    ws.merge_cells(f"A2:{last}2")
    cell = ws["A1"]
    cells.put(cell, title)
    cell.font = styles.TITLE_FONT
    cell.alignment = styles.TITLE_ALIGN
    ws.row_dimensions[1].height = 32
    sub = ws["A2"]
    cells.put(sub, subtitle)
    sub.font = styles.SUBTITLE_FONT
    sub.alignment = styles.SUBTITLE_ALIGN
    ws.row_dimensions[2].height = 20


def header_row(ws: Worksheet, row: int, headers: Sequence[str]) -> None:
    """Column headers from column A: 黑体 on light grey, boxed and centred."""
    for index, text in enumerate(headers, start=1):
        cell = ws.cell(row, index)
        cells.put(cell, text)
        styles.apply(cell, styles.HEADER_FONT, styles.CENTER, border=styles.BORDER, fill=styles.HEADER_FILL)
