"""The pieces of a sheet's XML walk (one_pass.py): what each element is, openpyxl's handling of the parts
other than cells, the parser's events a chunk at a time, and a row read as openpyxl's `parse_row` reads it."""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterator
from typing import Any
from xml.etree.ElementTree import Element, TreeBuilder, XMLParser

from openpyxl.cell.text import Text
from openpyxl.utils.cell import column_index_from_string, coordinate_to_tuple
from openpyxl.worksheet import _reader
from openpyxl.worksheet._reader import WorkSheetParser

from catalogtool.excel.read import census as _census
from catalogtool.excel.read.sheet import Sheet

ROW, VALUE, INLINE = _reader.ROW_TAG, _reader.VALUE_TAG, _reader.INLINE_STRING
CANONICAL = re.compile(r"([A-Z]{1,3})([1-9][0-9]*)")  # A1 as every writer writes it: both readers agree on it
DIGITS = "0123456789"


class Ints(dict[str, int]):
    """int() of a style id, worked out once per distinct text (raising as int() does)."""

    def __missing__(self, text: str) -> int:
        value = self[text] = int(text)
        return value


def handlers_of(parser: WorkSheetParser) -> dict[str, Any]:
    """What openpyxl's `WorkSheetParser.parse` does at the end of each element other than a row."""
    out: dict[str, Any] = {
        _reader.COL_TAG: parser.parse_column_dimensions, _reader.PROT_TAG: parser.parse_sheet_protection,
        _reader.EXT_TAG: parser.parse_extensions, _reader.CF_TAG: parser.parse_formatting,
        _reader.LEGACY_TAG: parser.parse_legacy, _reader.ROW_BREAK_TAG: parser.parse_row_breaks,
        _reader.COL_BREAK_TAG: parser.parse_col_breaks, _reader.CUSTOM_VIEWS_TAG: parser.parse_custom_views,
    }
    from openpyxl.worksheet.datavalidation import DataValidationList
    from openpyxl.worksheet.dimensions import SheetFormatProperties
    from openpyxl.worksheet.filters import AutoFilter
    from openpyxl.worksheet.header_footer import HeaderFooter
    from openpyxl.worksheet.hyperlink import HyperlinkList
    from openpyxl.worksheet.merge import MergeCells
    from openpyxl.worksheet.page import PageMargins, PrintOptions, PrintPageSetup
    from openpyxl.worksheet.properties import WorksheetProperties
    from openpyxl.worksheet.scenario import ScenarioList
    from openpyxl.worksheet.table import TablePartList
    from openpyxl.worksheet.views import SheetViewList

    for tag, kind in ((_reader.PRINT_TAG, PrintOptions), (_reader.MARGINS_TAG, PageMargins),
                      (_reader.PAGE_TAG, PrintPageSetup), (_reader.HEADER_TAG, HeaderFooter),
                      (_reader.FILTER_TAG, AutoFilter), (_reader.VALIDATION_TAG, DataValidationList),
                      (_reader.PROPERTIES_TAG, WorksheetProperties), (_reader.VIEWS_TAG, SheetViewList),
                      (_reader.FORMAT_TAG, SheetFormatProperties), (_reader.SCENARIOS_TAG, ScenarioList),
                      (_reader.TABLE_TAG, TablePartList), (_reader.HYPERLINK_TAG, HyperlinkList),
                      (_reader.MERGE_TAG, MergeCells)):
        out[tag] = kind.from_tree
    return out


def row_number(r: str) -> int:
    """A <row>'s r as openpyxl's `parse_row` reads it."""
    try:
        return int(r)
    except ValueError:
        val = float(r)
        if val.is_integer():
            return int(val)
        raise ValueError(f"{r} is not a valid row number") from None


# What an element is to the walk, by its tag: nothing, a row, a cell, a merged range or hyperlink, a column.
CELL_KIND, OTHER_CELL, ROW_KIND, OTHER_ROW, AREA, COL, HANDLED = 1, 2, 3, 4, 5, 6, 7
PLAIN_CHILDREN = {VALUE, INLINE}


class Kinds(dict[str, int]):
    def __init__(self, handlers: dict[str, Any]) -> None:
        super().__init__()
        self.handlers = handlers

    def __missing__(self, tag: str) -> int:
        name = _census._local(tag)
        if name == "row":
            kind = ROW_KIND if tag == ROW else OTHER_ROW
        elif name == "c":
            kind = CELL_KIND if tag == _reader.CELL_TAG else OTHER_CELL
        elif name in ("mergeCell", "hyperlink"):
            kind = AREA
        elif name == "col":
            kind = COL
        else:
            kind = HANDLED if tag in self.handlers else 0
        self[tag] = kind
        return kind


class Frame:
    """An open row's cells so far: each cell element, and the values of those of the plain shapes."""

    __slots__ = ("column", "elements", "errors", "general", "values")

    def __init__(self) -> None:
        self.elements: list[Element] = []
        self.values: dict[int, Any] = {}
        self.errors: list[int] = []
        self.column = 0  # openpyxl's column counter
        self.general = False  # a cell of another shape: the row is read again as openpyxl reads it


CHUNK = 1 << 18


def batches(source: Any) -> Iterator[list[tuple[str, Element]]]:
    """iterparse's (event, element) pairs, a list of them for each chunk of the part parsed."""
    parser = XMLParser(target=TreeBuilder())
    queue: deque[tuple[str, Element]] = deque()
    parser._setevents(queue, ("start", "end"))  # type: ignore[attr-defined]  # what XMLPullParser does
    while chunk := source.read(CHUNK):
        parser.feed(chunk)
        if queue:
            yield list(queue)
            queue.clear()
    parser.close()
    yield list(queue)


def read_row(parser: WorkSheetParser, sheet: Sheet, element: Element, texts: dict[str, str], styles: Ints) -> None:
    """openpyxl's `parse_row` and `parse_cell` (data only), keeping the cells that hold a value."""
    r = element.get("r")
    number = row_number(r) if r is not None else parser.row_counter + 1
    parser.row_counter = number
    column = 0
    values: dict[int, Any] = {}
    shared, dates = parser.shared_strings, parser.date_formats
    for cell in element:
        data_type = cell.get("t", "n")
        coordinate = cell.get("r")
        style: Any = cell.get("s", 0)
        if style:
            style = styles[style]
        if coordinate:
            found = CANONICAL.fullmatch(coordinate)
            if found is not None:
                column = _census._COLUMNS.get(found[1]) or column_index_from_string(found[1])
            else:
                column = coordinate_to_tuple(coordinate)[1]  # the row is the <row>'s, as openpyxl keeps it
        else:
            column += 1
        if data_type == "inlineStr":
            inline = cell.find(INLINE)
            if inline is None:
                continue
            if len(inline) == 1 and not inline.attrib and is_t(inline[0].tag):
                value: Any = inline[0].text or ""
            else:
                value = Text.from_tree(inline).content
            data_type = "s"
        else:
            text = cell.findtext(VALUE, None) or None
            if text is None:
                continue
            if data_type == "n":
                if style in dates:
                    parser.row_counter, parser.col_counter = number, column - (0 if coordinate else 1)
                    parsed = parser.parse_cell(cell)
                    value, data_type = parsed["value"], parsed["data_type"]
                else:
                    value = _reader._cast_number(text)
            elif data_type == "s":
                value = shared[int(text)]
            elif data_type == "b":
                value = bool(int(text))
            elif data_type == "str":
                value, data_type = text, "s"
            elif data_type == "d":
                value = _reader.from_ISO8601(text)
            else:
                value = text
        if value is None:
            continue
        if isinstance(value, str):
            value = texts.setdefault(value, value)
        values[column] = value
        if data_type == "e":
            sheet.errors.add((number, column))
    parser.col_counter = column
    if values:
        sheet.rows.setdefault(number, {}).update(values)




def is_t(tag: str) -> bool:
    """Is this a <t> element (in any namespace), which openpyxl's Text reads as the plain text?"""
    return tag == "t" or tag.endswith("}t")
