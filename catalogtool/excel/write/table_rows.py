"""A table sheet's rows handed to streamed.py in one pass that also measures them for the column widths.

A province's guide has over a million table cells, so each is looked at once:
its style is found by what it depends on (the row's font and fill, the column,
whether the value is a formatted number or text that needs the quote prefix)
instead of being worked out cell by cell; the text that no cell can hold is
refused (CellTooLong) as streamed.add_rows refuses it; and what each column's
content asks for (layout.fit_widths' `need`) is taken in the same pass, looking
only at texts that could ask for more than the column already has.  The styles,
the order they are made in and the widths come out exactly as streamed.add_rows
with `cell_style` and fit_widths give them (tests compare both ways).
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Sequence
from typing import Any

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from catalogtool.excel import cells
from catalogtool.excel.write import streamed, styles
from catalogtool.excel.write.layout import display_width, header_need
from catalogtool.kinds.columns import Column

_ALIGN = {"center": styles.CENTER, "right": styles.RIGHT}
# encode_text at most multiplies a text's length by 7 (a carriage return becomes _x000D_)
_SURELY_FITS = cells.MAX_CELL_CHARS // 7


def cell_style(value: Any, col: Column, *, font: Any = None, fill: Any = None) -> streamed.Style:
    """(font, alignment, border, fill, number format) of a table cell holding `value`."""
    number_format: str | None = None
    if col.codec.numeric:
        if isinstance(value, (int, float)) and not isinstance(value, bool) and (
                isinstance(value, int) or "." in col.codec.number_format):  # money prints fen: ¥3,600.50
            number_format = col.codec.number_format
    elif col.role != "seq":
        number_format = "@"
    return font or styles.BODY_FONT, _ALIGN.get(col.align, styles.LEFT), styles.BORDER, fill, number_format


def put_table(ws: Worksheet, first: int, columns: Sequence[Column], rows: list[list[Any]], fonts: Sequence[Any],
              fills: Sequence[Any]) -> list[float]:
    """Give `ws` these rows from row `first`, each in its font and fill (None: the body's); return the columns' need.

    The rows are streamed (streamed.py); what is returned is what layout.fit_widths
    would find each column asks for, headers included.
    """
    width = max((len(row) for row in rows), default=0)
    stream = streamed.Rows(first, width)
    made: dict[tuple[int, int, int, int, str | None, bool], int] = {}
    # per (row font, row fill): per column, the style index of each kind of value (bit 1: a formatted number,
    # bit 2: text with the quote prefix), -1 until a cell needs it
    by_look: dict[tuple[int, int], list[list[int]]] = {}
    numeric = [col.codec.numeric for col in columns]
    dotted = [col.codec.numeric and "." in col.codec.number_format for col in columns]
    need = header_need([col.header for col in columns])
    cap = [col.bounds.high - 2 for col in columns]  # asking more gives no wider a column
    quote = cells.needs_quote_prefix
    maybe = _MAYBE_QUOTED
    for offset, row in enumerate(rows):
        font, fill = fonts[offset], fills[offset]
        look = (id(font), id(fill))
        found = by_look.get(look)
        if found is None:
            found = by_look[look] = [[-1, -1, -1, -1] for _ in range(width)]
        keys = array("H")
        for col, value in enumerate(row):
            kind = 0
            if isinstance(value, str):
                if value:
                    size = len(value)
                    if size > _SURELY_FITS and cells.stored_length(value) > cells.MAX_CELL_CHARS:
                        raise cells.CellTooLong(f"{ws.title}!{get_column_letter(col + 1)}{first + offset}",
                                                cells.stored_length(value))
                    first_char = value[0]
                    ask = maybe.get(first_char)
                    if ask is None:
                        ask = maybe[first_char] = _maybe_quoted(first_char)
                    if ask and quote(value):
                        kind = 2
                    if col < len(need) and 2 * size > need[col] < cap[col]:
                        measured = float(display_width(value))
                        if measured > need[col]:
                            need[col] = measured
            elif value is not None:
                if numeric[col] and isinstance(value, (int, float)) and not isinstance(value, bool) and (
                        isinstance(value, int) or dotted[col]):
                    kind = 1
                if col < len(need) and need[col] < cap[col]:
                    measured = float(display_width(str(value)))
                    if measured > need[col]:
                        need[col] = measured
            index = found[col][kind]
            if index < 0:
                index = found[col][kind] = streamed.style_index(ws, stream, made, cell_style(
                    value, columns[col], font=font, fill=fill), kind == 2)
            keys.append(index)
        stream.values.append(row)
        stream.keys.append(keys)
    stream.height = [20.0] * len(rows)
    streamed.register(ws, stream)
    return need


# Whether text starting with a character may need the quote prefix: only text starting with a formula sign,
# a space, a digit, a sign or point, or the t/f of TRUE/FALSE can (cells.needs_quote_prefix; tested on every character).
_MAYBE_QUOTED: dict[str, bool] = {}
_MAYBE_RE = re.compile(r"[\s\d.+\-=@]|(?i:t|f)")


def _maybe_quoted(char: str) -> bool:
    return _MAYBE_RE.match(char) is not None
