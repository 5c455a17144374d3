"""Each sheet's XML read once: the census's counting (census.py) and openpyxl's cell values in the same pass.

Reading a province's workbook used to parse every sheet twice, the census's
safety walk and then openpyxl's sheet reader, and openpyxl made an object per
inline string.  Here one iterparse walk over each sheet does both: the census
counts exactly as `census.take_census` does (same limits, same order, same
Sheet!cell in a refusal), and each row's cells get the values and types
openpyxl's `WorkSheetParser.parse_cell` gives them (data only); a cell of any
shape but the plain ones (a number, a shared or inline string, a boolean, text,
an error value) is handed to `parse_cell` itself, and the sheet's other parts
openpyxl reads (column widths, merged ranges, extensions, ...) to its own code
too, so what it would refuse or warn about is refused or warned about.

The walk runs once openpyxl has opened the workbook (read-only: its parts, not
its sheets), so shared strings are counted first, as the census would refuse
them.  Anything out of the ordinary (a part that will not parse, a value openpyxl
would fail on, a sheet openpyxl finds that the walk does not) makes
`open_in_one_pass` give up, and the caller reads the workbook the reference way
(opening.py), which says exactly what it always said; a refusal for size is
raised here as the census raises it.
"""

from __future__ import annotations

import io
import operator
import warnings
import zipfile
from typing import Any
from xml.etree.ElementTree import Element

from openpyxl import load_workbook
from openpyxl.cell.text import Text
from openpyxl.utils.cell import column_index_from_string, coordinate_from_string
from openpyxl.worksheet import _reader
from openpyxl.worksheet._reader import WorkSheetParser

from catalogtool.errors import CatalogToolError
from catalogtool.excel.read import census as _census
from catalogtool.excel.read.census import SheetCensus, census_of_loaded
from catalogtool.excel.read.sheet import Sheet, read_sheet
from catalogtool.excel.read.sheet_xml import (
    AREA,
    CELL_KIND,
    COL,
    DIGITS,
    INLINE,
    OTHER_CELL,
    OTHER_ROW,
    PLAIN_CHILDREN,
    ROW_KIND,
    VALUE,
    Frame,
    Ints,
    Kinds,
    batches,
    handlers_of,
    is_t,
    read_row,
    row_number,
)
from catalogtool.problems import Message


class _Walk:
    """One sheet walked: the census of it, and (for a sheet openpyxl reads) its values as openpyxl gives them."""

    def __init__(self, title: str, budget: _census._Counter, ws: Any, wb: Any) -> None:
        self.census = SheetCensus(title)
        self.budget = budget
        self.sheet: Sheet | None = None
        self.parser: WorkSheetParser | None = None
        if ws is not None:
            self.sheet = Sheet(ws.title, ws.sheet_state, [])
            self.parser = WorkSheetParser(None, ws._shared_strings, data_only=True, epoch=wb.epoch,
                                          date_formats=wb._date_formats, timedelta_formats=wb._timedelta_formats)
        self.texts: dict[str, str] = {}
        self.styles = Ints()

    def run(self, source: Any) -> None:
        census, budget, title = self.census, self.budget, self.census.title
        handlers = handlers_of(self.parser) if self.parser is not None else {}
        kinds = Kinds(handlers)
        reading = self.parser is not None
        styles, dates = self.styles, self.parser.date_formats if self.parser is not None else set()
        shared = self.parser.shared_strings if self.parser is not None else []
        limit = _census.MAX_CELLS
        columns = _census._COLUMNS
        row = col = last_row = last_col = 0
        data_rows = row_elements = 0
        in_rows = 0  # open openpyxl rows: a cell inside one is cleared with its row
        frames: list[Frame] = []  # the open openpyxl rows' cells, read as they end
        cells = census.cells
        for batch in batches(source):
            for event, element in batch:
                kind = kinds[element.tag]
                if not kind:
                    continue
                if event == "start":
                    if kind in (ROW_KIND, OTHER_ROW):
                        r = element.get("r")
                        row = int(float(r)) if r else row + 1
                        col = 0
                        budget.spend(1, title, row, 1)
                        row_elements += 1
                        if row_elements > _census.MAX_ROW_ELEMENTS:
                            raise _census._too_big(budget.name, title, _census._cell_ref(row, 1),
                                                   Message(f"写有超过 {_census.MAX_ROW_ELEMENTS} 行（含只设了格式或行高的空行）",
                                                           f"has more than {_census.MAX_ROW_ELEMENTS} rows written (counting "
                                                           "blank rows that only carry a format or a height)"))
                        if kind == ROW_KIND:
                            in_rows += 1
                            if reading:
                                frames.append(Frame())
                    continue
                if kind <= OTHER_CELL:
                    ref = element.get("r")
                    canonical = True
                    if ref:
                        letters = ref.rstrip(DIGITS)
                        digits = ref[len(letters):]
                        index = columns.get(letters)
                        if index is not None and digits and digits[0] != "0":  # A1 as every writer writes it
                            row, col = int(digits), index
                        else:
                            letters, row = coordinate_from_string(ref)
                            col = columns.get(letters) or column_index_from_string(letters)
                            canonical = False
                    else:
                        col += 1
                    if row > last_row:
                        last_row = row
                    if col > last_col:
                        last_col = col
                    budget.used += 1
                    if budget.used > limit:
                        budget.spend(0, title, row, col)  # says so, naming this cell
                    t = element.get("t")
                    size = len(element)
                    plain = size == 0 or (size == 1 and element[0].tag in PLAIN_CHILDREN)
                    if size == 0:
                        holds = False
                    elif plain:
                        child = element[0]
                        holds = (t == "inlineStr") if child.tag == INLINE else (t != "inlineStr" and bool(child.text))
                    else:
                        holds = _census._holds_data(element, census, row, col)
                    if holds:
                        held = cells.get(row)
                        if held is None:
                            data_rows += 1
                            if data_rows > _census.MAX_DATA_ROWS:
                                raise _census._too_big(budget.name, title, _census._cell_ref(row, col),
                                                       Message(f"有超过 {_census.MAX_DATA_ROWS} 行数据",
                                                               f"has more than {_census.MAX_DATA_ROWS} rows of data"))
                            held = cells[row] = set()
                        held.add(col)
                    if frames:
                        frame = frames[-1]
                        frame.elements.append(element)
                        if frame.general or kind != CELL_KIND or not canonical or not plain:
                            frame.general = True
                            continue
                        if ref:
                            frame.column = col
                        else:
                            frame.column += 1
                        style: Any = element.get("s", 0)
                        if style:
                            style = styles[style]
                        if size == 0:
                            continue
                        child = element[0]
                        if t == "inlineStr":
                            if child.tag != INLINE:
                                continue
                            if len(child) == 1 and not child.attrib and is_t(child[0].tag):
                                value: Any = child[0].text or ""
                            else:
                                value = Text.from_tree(child).content
                            frame.values[frame.column] = value
                            continue
                        text = child.text if child.tag == VALUE else None
                        if not text:
                            continue
                        if t is None or t == "n":
                            if style in dates:
                                frame.general = True
                                continue
                            value = _reader._cast_number(text)
                        elif t == "s":
                            value = shared[int(text)]
                        elif t == "b":
                            value = bool(int(text))
                        elif t == "str":
                            value = text
                        elif t == "d":
                            value = _reader.from_ISO8601(text)
                        else:
                            value = text
                            if t == "e":
                                frame.errors.append(frame.column)
                        frame.values[frame.column] = value
                    elif not in_rows:
                        element.clear()
                    continue
                if kind == ROW_KIND:
                    in_rows -= 1
                    if reading:
                        self._row_end(element, frames.pop())
                    element.clear()
                elif kind == OTHER_ROW:
                    element.clear()
                elif kind == AREA:
                    ref = element.get("ref")
                    if ref:
                        first_row, first_col, size = _census._area(ref, last_row, last_col)
                        budget.spend(size, title, first_row, first_col)
                        if _census._local(element.tag) == "mergeCell":
                            census.merged.append(ref)
                    if not reading:
                        element.clear()  # else openpyxl reads it with its <mergeCells>/<hyperlinks>, cleared then
                elif kind == COL:
                    budget.spend(1, title, 1, 1)
                handler = handlers.get(element.tag)
                if handler is not None:
                    handler(element)
                    element.clear()
                elif kind == COL and not in_rows:
                    element.clear()

    def _row_end(self, element: Element, frame: Frame) -> None:
        """A row's cells, as read when each ended, or (a row of another shape) read again as openpyxl reads it."""
        parser, sheet = self.parser, self.sheet
        assert parser is not None and sheet is not None
        if (frame.general or len(frame.elements) != len(element)
                or not all(map(operator.is_, frame.elements, element))):
            read_row(parser, sheet, element, self.texts, self.styles)
            return
        r = element.get("r")
        number = row_number(r) if r is not None else parser.row_counter + 1
        parser.row_counter = number
        parser.col_counter = frame.column
        if frame.values:
            texts = self.texts
            values = {column: texts.setdefault(value, value) if isinstance(value, str) else value
                      for column, value in frame.values.items()}
            sheet.rows.setdefault(number, {}).update(values)
            for column in frame.errors:
                sheet.errors.add((number, column))


Opened = tuple[Any, list[Sheet], dict[str, SheetCensus]]  # the defined names, the sheets read, their census


def open_in_one_pass(content: bytes, name: str) -> Opened | None:
    """The workbook's defined names, sheets and census in one walk of each sheet; None when the reference way
    (opening.py) must say what is wrong.  Raises CatalogToolError for a workbook beyond the census's limits."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            _census._count_shared_strings(archive, name)
    except (CatalogToolError, *_census.ARCHIVE_ERRORS):
        return None  # the census counts the sheets first: let it say which it refuses
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # as opening.load: openpyxl warns about styles and extensions it drops
            wb = load_workbook(io.BytesIO(content), data_only=True, read_only=True)
    except Exception:
        return None
    try:
        return _walk_all(wb, content, name)
    except CatalogToolError:
        raise
    except Exception:
        return None
    finally:
        wb.close()


def _walk_all(wb: Any, content: bytes, name: str) -> Opened:
    budget = _census._Counter(name)
    by_path = {ws._worksheet_path: ws for ws in wb.worksheets}
    census: dict[str, SheetCensus] = {}
    sheets: dict[int, Sheet] = {}
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        names = set(archive.namelist())
        for title, part in _census._sheet_parts(archive):
            if part not in names:
                continue
            ws = by_path.get(part)
            walk = _Walk(title, budget, ws if ws is not None and id(ws) not in sheets else None, wb)
            with archive.open(part) as source:
                walk.run(source)
            census[title] = walk.census
            if walk.sheet is not None:
                sheets[id(ws)] = walk.sheet
    merged = {title: sheet.merged for title, sheet in census.items()}
    read = []
    for ws in wb.worksheets:
        sheet = sheets.get(id(ws))
        if sheet is None:
            sheet = read_sheet(wb, ws, merged.get(ws.title, []))
        else:
            sheet.set_merged(merged.get(ws.title, []))
        read.append(sheet)
    for sheet in read:
        if sheet.title not in census:  # found by openpyxl some other way: count what it read
            census[sheet.title] = census_of_loaded(sheet)
    return wb.defined_names, read, census
