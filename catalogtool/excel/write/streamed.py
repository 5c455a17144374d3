"""A table's rows kept as plain values until the workbook is saved, then written straight into the sheet XML.

openpyxl keeps an object of about half a kilobyte for every cell and serialises
each through ElementTree: for a province's 100,000 rows that was most of the
time and over a gigabyte of memory.  The table sheets (tables.py, grouped.py)
therefore hand their rows here instead of making cells: the values the writer
already holds for the column widths, one small style number per cell, and each
row's height.  Everything else about the sheet (titles, header row, widths,
print setup, merged cells) stays openpyxl's.  `save` then writes these rows as
the very XML openpyxl writes for such cells (same styles, same order of style
ids, so the same bytes), one row at a time.

Text longer than a cell holds raises CellTooLong while the rows are added, as
`cells.put` does, so the export still refuses it before anything is written.
The table sheets add their rows through table_rows.put_table, which makes the
same rows and styles as `add_rows` without working each cell's style out anew;
`add_rows` and `_write_plain` stay as the plain ways the fast ones are tested against.
"""

from __future__ import annotations

import weakref
from array import array
from collections.abc import Callable, Sequence
from typing import Any

from openpyxl.cell.cell import Cell
from openpyxl.compat import safe_string
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._writer import WorksheetWriter
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from catalogtool.excel import cells
from catalogtool.excel.write import styles

# (font, alignment, border, fill, number format): what styles.apply gives a cell.
Style = tuple[Any, Any, Any, Any, "str | None"]


class Rows:
    """The streamed rows of one sheet, from row `first` down."""

    __slots__ = ("first", "height", "keys", "styles", "values", "width")

    def __init__(self, first: int, width: int) -> None:
        self.first = first
        self.width = width
        self.values: list[Sequence[Any]] = []
        self.keys: list[array[int]] = []  # per row, each cell's index into `styles`
        self.height: list[float] = []
        self.styles: list[Any] = []  # openpyxl StyleArrays, in the order the cells first use them

    @property
    def last(self) -> int:
        return self.first + len(self.values) - 1


_ROWS: weakref.WeakKeyDictionary[Worksheet, Rows] = weakref.WeakKeyDictionary()


def rows_of(ws: Worksheet) -> Rows | None:
    return _ROWS.get(ws)


def style_index(ws: Worksheet, stream: Rows, made: dict[tuple[int, int, int, int, str | None, bool], int],
                 style: Style, quoted: bool) -> int:
    """The index in `stream.styles` of this style, made now (as add_rows makes it) if it is new."""
    font, alignment, border, fill, number_format = style
    key = (id(font), id(alignment), id(border), id(fill), number_format, quoted)
    index = made.get(key)
    if index is None:
        scratch = Cell(ws)  # never put in the sheet: only its style is kept
        if quoted:
            scratch.quotePrefix = True
        styles.apply(scratch, font, alignment, border=border, fill=fill, number_format=number_format)
        index = made[key] = len(stream.styles)
        stream.styles.append(scratch._style)
    return index


def add_rows(ws: Worksheet, first: int, rows: Sequence[Sequence[Any]], style_of: Callable[[int, int, Any], Style]
             ) -> None:
    """Give `ws` these rows from row `first`, each cell styled by `style_of(row offset, column index, value)`.

    Styles are made (fonts, fills and number formats registered with the workbook) in
    the order the cells use them, as setting them cell by cell would.
    """
    width = max((len(row) for row in rows), default=0)
    stream = Rows(first, width)
    made: dict[tuple[int, int, int, int, str | None, bool], int] = {}
    for offset, row in enumerate(rows):
        keys = array("H")
        for col, value in enumerate(row):
            quoted = False
            if isinstance(value, str) and value:
                stored = cells.stored_length(value)
                if stored > cells.MAX_CELL_CHARS:
                    raise cells.CellTooLong(f"{ws.title}!{get_column_letter(col + 1)}{first + offset}", stored)
                quoted = cells.needs_quote_prefix(value)
            keys.append(style_index(ws, stream, made, style_of(offset, col, value), quoted))
        stream.values.append(row)
        stream.keys.append(keys)
    stream.height = [20.0] * len(rows)
    _ROWS[ws] = stream


def register(ws: Worksheet, stream: Rows) -> None:
    """Give `ws` rows made elsewhere (table_rows.py)."""
    _ROWS[ws] = stream


def set_heights(ws: Worksheet, heights: Sequence[float]) -> None:
    stream = _ROWS[ws]
    stream.height = list(heights)


def _escape(text: str) -> str:
    """As ElementTree escapes element text."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    return text


def _write(stream: Rows, ws: Worksheet, write: Callable[[str], Any]) -> None:
    """The rows as openpyxl's etree writer writes such cells (a blank styled cell as `<c r s t="n" />`).

    Style ids are taken from the workbook when a style is first written, as openpyxl
    takes them; `_write_plain` is the same written plainly (tests compare them).
    """
    letters = [get_column_letter(i) for i in range(1, stream.width + 1)]
    # per style: ' s="id"' (or "" for a cell without style), and the blank cell's tail; None until first written
    attrs: list[str | None] = [None] * len(stream.styles)
    blanks: list[str | None] = [None] * len(stream.styles)
    styled = [any(style) for style in stream.styles]
    cell_styles = ws.parent._cell_styles
    heights: dict[float, str] = {}
    escapes: dict[str, str] = {}  # the names every row of a tree repeats, escaped once
    chunk: list[str] = []
    number = stream.first - 1
    for row, keys, height in zip(stream.values, stream.keys, stream.height, strict=True):
        number += 1
        at = str(number)
        shown = heights.get(height)
        if shown is None:
            shown = heights[height] = safe_string(height)
        parts = [f'<row r="{at}" ht="{shown}" customHeight="1">']
        append = parts.append
        for col, value in enumerate(row):
            key = keys[col]
            attr = attrs[key]
            if attr is None:
                if styled[key]:
                    attr = f' s="{cell_styles.add(stream.styles[key])}"'
                    blanks[key] = f'{attr} t="n" />'
                else:
                    attr = ""
                attrs[key] = attr
            if value is None or value == "":
                if attr:
                    append(f'<c r="{letters[col]}{at}"{blanks[key]}')
                continue
            if type(value) is str:
                body = escapes.get(value)
                if body is None:
                    body = _text_body(value)
                    if len(escapes) < 65536:
                        escapes[value] = body
                append(f'<c r="{letters[col]}{at}"{attr}{body}')
            elif isinstance(value, bool):
                append(f'<c r="{letters[col]}{at}"{attr} t="b"><v>{safe_string(value)}</v></c>')
            elif isinstance(value, (int, float)):
                append(f'<c r="{letters[col]}{at}"{attr} t="n"><v>{safe_string(value)}</v></c>')
            else:
                append(f'<c r="{letters[col]}{at}"{attr}{_text_body(str(value))}')
        append("</row>")
        chunk.append("".join(parts))
        if len(chunk) >= 256:
            write("".join(chunk))
            chunk.clear()
    if chunk:
        write("".join(chunk))


def _text_body(value: str) -> str:
    """What follows a text cell's reference and style: its type and inline string."""
    text = cells.encode_text(value) if ("_x" in value or "\r" in value) else value
    space = ' xml:space="preserve"' if (text[0].isspace() or text[-1].isspace()) and not text.isspace() else ""
    if "&" in text or "<" in text or ">" in text:
        text = _escape(text)
    return f' t="inlineStr"><is><t{space}>{text}</t></is></c>'


def _write_plain(stream: Rows, ws: Worksheet, write: Callable[[str], Any]) -> None:
    """_write as it was first written, cell by cell: the reference it is tested against."""
    letters = [get_column_letter(i) for i in range(1, stream.width + 1)]
    ids: list[str | None] = [None] * len(stream.styles)  # style ids, taken when first written, as openpyxl does
    styled = [any(style) for style in stream.styles]
    cell_styles = ws.parent._cell_styles
    for offset, (row, keys, height) in enumerate(zip(stream.values, stream.keys, stream.height, strict=True)):
        number = stream.first + offset
        parts = [f'<row r="{number}" ht="{safe_string(height)}" customHeight="1">']
        for col, value in enumerate(row):
            key = keys[col]
            if value is None or value == "":
                if not styled[key]:
                    continue
                start = f'<c r="{letters[col]}{number}"'
                sid = ids[key] or _take(ids, key, cell_styles, stream)
                parts.append(f'{start} s="{sid}" t="n" />')
                continue
            start = f'<c r="{letters[col]}{number}"'
            if styled[key]:
                start += f' s="{ids[key] or _take(ids, key, cell_styles, stream)}"'
            if isinstance(value, bool):
                parts.append(f'{start} t="b"><v>{safe_string(value)}</v></c>')
            elif isinstance(value, (int, float)):
                parts.append(f'{start} t="n"><v>{safe_string(value)}</v></c>')
            else:
                text = cells.encode_text(str(value))
                stripped = text.strip()
                space = ' xml:space="preserve"' if stripped and stripped != text else ""
                parts.append(f'{start} t="inlineStr"><is><t{space}>{_escape(text)}</t></is></c>')
        parts.append("</row>")
        write("".join(parts))


def _take(ids: list[str | None], key: int, cell_styles: Any, stream: Rows) -> str:
    ids[key] = sid = str(cell_styles.add(stream.styles[key]))
    return sid


WRITE_ROWS = [_write]  # tests put _write_plain here to compare


class _SheetWriter(WorksheetWriter):  # type: ignore[misc]
    """openpyxl's sheet writer, with the streamed rows after the sheet's own cells (its title and header rows)."""

    def __init__(self, ws: Worksheet, stream: Rows) -> None:
        self.stream = stream
        super().__init__(ws)

    def write_dimensions(self) -> None:
        from openpyxl.worksheet.dimensions import SheetDimension

        ws, stream = self.ws, self.stream
        found = list(ws._cells)
        min_row = min([r for r, _ in found] + [stream.first])
        min_col = min([c for _, c in found] + [1])
        max_row = max([r for r, _ in found] + [stream.last])
        max_col = max([c for _, c in found] + [stream.width])
        self.xf.send(SheetDimension(f"{get_column_letter(min_col)}{min_row}:{get_column_letter(max_col)}{max_row}"
                                    ).to_tree())

    def write_rows(self) -> None:
        xf = self.xf.send(True)
        with xf.element("sheetData"):
            for row_idx, row in self.rows():
                if row_idx >= self.stream.first:
                    raise ValueError(f"{self.ws.title}: row {row_idx} has cells of its own and streamed ones")
                self.write_row(xf, row, row_idx)
            WRITE_ROWS[0](self.stream, self.ws, xf._file)
        self.xf.send(None)


class Writer(ExcelWriter):  # type: ignore[misc]
    """openpyxl's workbook writer, writing streamed sheets with _SheetWriter."""

    def write_worksheet(self, ws: Worksheet) -> None:
        stream = _ROWS.get(ws)
        if stream is None or not stream.values:
            super().write_worksheet(ws)
            return
        from openpyxl.drawing.spreadsheet_drawing import SpreadsheetDrawing

        ws._drawing = SpreadsheetDrawing()
        ws._drawing.charts = ws._charts
        ws._drawing.images = ws._images
        writer = _SheetWriter(ws, stream)
        writer.write()
        ws._rels = writer._rels
        self._archive.write(writer.out, ws.path[1:])
        self.manifest.append(ws)
        writer.cleanup()
