"""A workbook's sheets counted before openpyxl opens them: which cells hold data, and whether the file is absurd.

openpyxl makes an object for every cell written in the file and for every cell a
merged range covers, and a sheet's `max_row` is the row of its lowest cell: one
cell typed at row 1,048,576 makes a loop to `max_row` create a million rows of
cells (minutes and gigabytes).  So each sheet's XML is streamed once first:

* a sheet with more than MAX_DATA_ROWS rows holding data, or more than MAX_ROW_ELEMENTS
  rows written at all (openpyxl reads an empty row nearly as slowly as a full one), or a workbook whose
  cells, rows, merged areas and hyperlinked ranges add up to more than MAX_CELLS,
  is refused (naming Sheet!cell) before openpyxl is given it;
* the readers visit only the rows and columns that hold data (`SheetCensus`);
* formulas stored without a calculated value are found on the way.

Nothing here knows about catalogs; a file that cannot be parsed is left for
`reading.load` to refuse as damaged.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO, Any
from xml.etree.ElementTree import Element, ParseError, fromstring, iterparse

from openpyxl.utils import get_column_letter
from openpyxl.utils.cell import column_index_from_string, coordinate_from_string, range_boundaries
from openpyxl.utils.exceptions import CellCoordinatesException

from catalogtool.errors import CatalogToolError
from catalogtool.problems import Message

# A county's catalog has hundreds of rows and a few tens of thousands of cells, a province's
# workbook 200 catalogs and 1.7 million cells.  Import keeps about 100 bytes per cell holding
# data (sheet.py and the census), so MAX_CELLS keeps a workbook's cells under about 300 MB.
MAX_DATA_ROWS = 100_000  # rows holding data on one sheet
MAX_CELLS = 2_500_000  # cells, rows, columns and merged cells of the whole workbook
# Rows written on one sheet, with or without cells: Excel writes a row only when it holds a cell or a
# format, so twice the data rows allowed leaves room for formatted blank rows and no more.
MAX_ROW_ELEMENTS = 2 * MAX_DATA_ROWS

# Errors of a malformed archive or part: what zipfile, zlib and the XML parser raise on a damaged file.
ARCHIVE_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, RuntimeError, OSError,
                  ValueError, EOFError, KeyError, ParseError, zlib.error, CellCoordinatesException)


@dataclass(slots=True)
class SheetCensus:
    """The cells of one sheet that hold data (a value, an inline string or a formula), by row."""

    title: str
    cells: dict[int, set[int]] = field(default_factory=dict)
    uncached: set[tuple[int, int]] = field(default_factory=set)  # formulas without a calculated value
    merged: list[str] = field(default_factory=list)  # the merged ranges, as A1:C2

    def rows(self, after: int = 0, upto: int | None = None) -> list[int]:
        """The rows holding data below row `after` (and not below `upto`), in order."""
        return sorted(r for r in self.cells if r > after and (upto is None or r <= upto))

    def columns(self, row: int) -> list[int]:
        """The columns of `row` holding data, in order."""
        return sorted(self.cells.get(row, ()))

    def holds(self, row: int, col: int) -> bool:
        return col in self.cells.get(row, ())

    @property
    def empty(self) -> bool:
        return not self.cells


class _Locals(dict[str, str]):
    """Each tag's local name, worked out once: a sheet has millions of elements and a handful of tags."""

    def __missing__(self, tag: str) -> str:
        local = self[tag] = tag.rpartition("}")[2]
        return local


_LOCALS = _Locals()
_local = _LOCALS.__getitem__


def _attr(element: Element, name: str) -> str | None:
    """An attribute by its local name, whatever its namespace (r:id, say)."""
    for key, value in element.attrib.items():
        if _local(key) == name:
            return value
    return None


def _too_big(name: str, sheet: str, cell: str, what: Message) -> CatalogToolError:
    return CatalogToolError(
        Message(f"{name} 的工作表“{sheet}”{what.zh}（到 {sheet}!{cell} 为止），超过导入上限；"
        "目录与清单通常只有几百到几千行，请检查文件是否正确（例如删除表格下方误填的单元格）",
        f"sheet {sheet!r} of {name} {what.en} (as far as {sheet}!{cell}), beyond the import limit; "
        "catalogs and lists have hundreds to thousands of rows, so check the file (delete stray cells far below "
        "the table, say)"),
    )


def _sheet_parts(archive: zipfile.ZipFile) -> list[tuple[str, str]]:
    """(title, part name) of each worksheet, as openpyxl finds them: the workbook part named in
    [Content_Types].xml, its <sheet> elements and their relationships."""
    workbook = "xl/workbook.xml"
    types = fromstring(archive.read("[Content_Types].xml"))
    for override in types:
        content_type = override.get("ContentType") or ""
        if _local(override.tag) == "Override" and content_type.endswith(".main+xml") and "sheet" in content_type:
            workbook = (override.get("PartName") or workbook).lstrip("/")
            break
    folder, base = posixpath.split(workbook)
    targets: dict[str, str] = {}
    rels_name = posixpath.join(folder, "_rels", f"{base}.rels")
    if rels_name in archive.namelist():
        for rel in fromstring(archive.read(rels_name)):
            target, rid = rel.get("Target"), rel.get("Id")
            if not target or not rid or rel.get("TargetMode") == "External":
                continue
            if not (rel.get("Type") or "").endswith("/worksheet"):
                continue
            targets[rid] = target[1:] if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
    parts = []
    for element in fromstring(archive.read(workbook)).iter():
        if _local(element.tag) != "sheet":
            continue
        title, rid = element.get("name"), _attr(element, "id")
        if title is not None and rid in targets:
            parts.append((title, targets[rid]))
    return parts


def _area(ref: str, last_row: int, last_col: int) -> tuple[int, int, int]:
    """(first row, first column, number of cells) of a range such as A1:C4; a whole column (A:A)
    or row (1:1) reaches as far as the sheet's cells do."""
    min_col, min_row, max_col, max_row = range_boundaries(ref)
    min_col, min_row = min_col or 1, min_row or 1
    max_col, max_row = max_col or max(last_col, min_col), max_row or max(last_row, min_row)
    return min_row, min_col, max(max_row - min_row + 1, 1) * max(max_col - min_col + 1, 1)


def _cell_ref(row: int, col: int) -> str:
    return f"{get_column_letter(col)}{row}" if 1 <= col <= 18278 else f"R{row}C{col}"


class _Counter:
    """The budget shared by every sheet of one workbook."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.used = 0

    def spend(self, count: int, sheet: str, row: int, col: int) -> None:
        self.used += count
        if self.used > MAX_CELLS:
            raise _too_big(self.name, sheet, _cell_ref(row, col),
                           Message(f"与前面的工作表共有超过 {MAX_CELLS} 个单元格（含只设了格式的空白单元格和合并单元格）",
                                   f"brings the workbook to more than {MAX_CELLS} cells (counting formatted blank and "
                                   "merged cells)"))


_COLUMNS = {get_column_letter(col): col for col in range(1, 703)}  # A to ZZ, the columns a table uses


def _events(source: IO[bytes]) -> Iterator[tuple[str, Element]]:
    yield from iterparse(source, events=("start", "end"))


def _count_sheet(archive: zipfile.ZipFile, title: str, part: str, budget: _Counter) -> SheetCensus:
    census = SheetCensus(title)
    row = col = last_row = last_col = 0
    data_rows = row_elements = 0
    with archive.open(part) as source:
        for event, element in _events(source):
            tag = _local(element.tag)
            if event == "start":
                if tag == "row":
                    r = element.get("r")
                    row = int(float(r)) if r else row + 1
                    col = 0
                    budget.spend(1, title, row, 1)
                    row_elements += 1
                    if row_elements > MAX_ROW_ELEMENTS:
                        raise _too_big(budget.name, title, _cell_ref(row, 1),
                                       Message(f"写有超过 {MAX_ROW_ELEMENTS} 行（含只设了格式或行高的空行）",
                                               f"has more than {MAX_ROW_ELEMENTS} rows written (counting blank rows "
                                               "that only carry a format or a height)"))
                continue
            if tag == "c":
                ref = element.get("r")
                if ref:
                    letters, row = coordinate_from_string(ref)
                    col = _COLUMNS.get(letters) or column_index_from_string(letters)
                else:
                    col += 1
                last_row, last_col = max(last_row, row), max(last_col, col)
                budget.spend(1, title, row, col)
                if _holds_data(element, census, row, col):
                    if row not in census.cells:
                        data_rows += 1
                        if data_rows > MAX_DATA_ROWS:
                            raise _too_big(budget.name, title, _cell_ref(row, col),
                                           Message(f"有超过 {MAX_DATA_ROWS} 行数据", f"has more than {MAX_DATA_ROWS} rows of data"))
                        census.cells[row] = set()
                    census.cells[row].add(col)
                element.clear()
            elif tag == "row":
                element.clear()
            elif tag in ("mergeCell", "hyperlink"):
                ref = element.get("ref")
                if ref:
                    first_row, first_col, size = _area(ref, last_row, last_col)
                    budget.spend(size, title, first_row, first_col)
                    if tag == "mergeCell":
                        census.merged.append(ref)
                element.clear()
            elif tag == "col":
                budget.spend(1, title, 1, 1)
                element.clear()
    return census


def _holds_data(cell: Element, census: SheetCensus, row: int, col: int) -> bool:
    value = formula = inline = None
    for child in cell:
        tag = _local(child.tag)
        if tag == "v":
            value = child
        elif tag == "f":
            formula = child
        elif tag == "is":
            inline = child
    if formula is not None and not (value is not None and value.text) and cell.get("t") != "str":
        census.uncached.add((row, col))
        return True
    if cell.get("t") == "inlineStr":
        return inline is not None
    return value is not None and bool(value.text)


def _count_shared_strings(archive: zipfile.ZipFile, name: str) -> None:
    """Every shared string becomes a Python string: millions of them are as absurd as a grid of millions of cells."""
    for part in [n for n in archive.namelist() if n.lower().endswith("sharedstrings.xml")]:
        count = 0
        with archive.open(part) as source:
            for event, element in _events(source):
                if event == "end" and _local(element.tag) == "si":
                    count += 1
                    element.clear()
                    if count > MAX_CELLS:
                        raise CatalogToolError(
                            Message(f"{name} 中有超过 {MAX_CELLS} 段不同的文字，超过导入上限；请检查文件是否正确",
                            f"{name} holds more than {MAX_CELLS} distinct texts, beyond the import limit; "
                            "check that this is the right file"),
                        )


def census_of_loaded(ws: Any) -> SheetCensus:
    """The census of a sheet already read (sheet.Sheet), from the cells it holds: for a sheet the XML
    walk did not find under the same title."""
    census = SheetCensus(ws.title)
    for row, col, value in ws.filled():
        if value != "":
            census.cells.setdefault(row, set()).add(col)
    return census


def take_census(content: bytes, name: str) -> dict[str, SheetCensus] | None:
    """Every worksheet's census by title, or None when the file cannot be parsed (the caller refuses it as damaged).

    Raises CatalogToolError (exit 2) for a workbook beyond MAX_DATA_ROWS or MAX_CELLS.
    """
    budget = _Counter(name)
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            out = {title: _count_sheet(archive, title, part, budget)
                   for title, part in _sheet_parts(archive) if part in archive.namelist()}
            _count_shared_strings(archive, name)
    except ARCHIVE_ERRORS:
        return None
    return out
