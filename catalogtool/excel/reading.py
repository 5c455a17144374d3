"""Reading a workbook for `import`: opening it safely, reading its cells honestly, and what comes out.

Shared by importer.py (workbooks `export` wrote) and published.py (published
catalog tables).  Opening refuses what is not an .xlsx workbook (an .xls, a WPS
or OpenDocument file, a renamed text file, a damaged archive), what unpacks to
more than MAX_UNPACKED_BYTES and what census.py finds absurd (too many rows or
cells), before openpyxl reads it.  Cells are read through `Reading`, which
visits only the rows and columns that hold data (a cell typed at row 1,048,576
costs one row, not a million), and reports a formula that was never calculated
or an error value such as #REF! at its cell instead of reading it as empty;
`Reading` also records which cell each entry and field came from, for
`ImportedDocument.locate`.
"""

from __future__ import annotations

import io
import re
import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from catalogtool.document import join_pointer, split_pointer
from catalogtool.errors import CatalogToolError, os_reason
from catalogtool.excel import cells
from catalogtool.excel.census import ARCHIVE_ERRORS, SheetCensus, census_of_loaded, take_census
from catalogtool.excel.columns import LEVEL_NAMES
from catalogtool.problems import Message

# A workbook may unpack to at most this many bytes; a county's guide is a few megabytes,
# and a zip bomb must not get as far as openpyxl.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_PARTS = 10_000  # an .xlsx has a few dozen parts

_SPACE_RE = re.compile(r"[\s\u3000]+")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


# --------------------------------------------------------------------------- results


@dataclass(frozen=True, slots=True)
class ImportProblem:
    """A problem found in the workbook, at `sheet!cell` (cell may be empty for a whole sheet)."""

    level: str  # "error" | "warning"
    sheet: str
    cell: str
    message: Message

    @property
    def where(self) -> str:
        return f"{self.sheet}!{self.cell}" if self.cell else self.sheet

    def text(self, lang: str) -> str:
        return f"{self.where}: {self.message.text(lang)}"


@dataclass(slots=True)
class ImportedDocument:
    """One document read from the workbook: where to write it (relative path) and its data.

    `cells` maps JSON pointers into `data` to the (sheet, cell) they came from:
    each entry to the cell holding its name, each field to its cell in that row,
    the document itself to its sheet (cell "").
    """

    path: str
    data: dict[str, Any]
    source: str = ""  # the sheet(s) it came from
    missing: list[str] = field(default_factory=list)  # required header fields the workbook did not give
    cells: dict[str, tuple[str, str]] = field(default_factory=dict)

    def locate(self, pointer: str) -> tuple[str, str]:
        """The (sheet, cell) a JSON pointer into `data` came from: the nearest mapped pointer above it."""
        tokens = split_pointer(pointer)
        for end in range(len(tokens), -1, -1):
            candidate = "".join(join_pointer("", t) for t in tokens[:end])
            if candidate in self.cells:
                return self.cells[candidate]
        return self.cells.get("", (self.source.split("、")[0], ""))


@dataclass(slots=True)
class ImportResult:
    documents: list[ImportedDocument] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)
    township: dict[str, str] | None = None
    published: bool = False

    @property
    def ok(self) -> bool:
        return not any(p.level == "error" for p in self.problems)

    def error(self, sheet: str, cell: str, message: Message) -> None:
        self.problems.append(ImportProblem("error", sheet, cell, message))

    def warn(self, sheet: str, cell: str, message: Message) -> None:
        self.problems.append(ImportProblem("warning", sheet, cell, message))


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

    def sheet(self, ws: Worksheet) -> SheetCensus:
        return self.census.get(ws.title) or SheetCensus(ws.title)

    def data_rows(self, ws: Worksheet, after: int = 0, upto: int | None = None) -> list[int]:
        """The rows of `ws` below `after` (up to `upto`) that hold data, in order: never every row to `max_row`."""
        return self.sheet(ws).rows(after, upto)

    def columns(self, ws: Worksheet, row: int) -> list[int]:
        """The columns of `row` that hold data, in order."""
        return self.sheet(ws).columns(row)

    def raw(self, ws: Worksheet, row: int, col: int) -> Any:
        """A cell's value unchecked (for recognising a sheet, not for reading it)."""
        return cells.read(ws.cell(row, col).value) if self.sheet(ws).holds(row, col) else None

    def header_texts(self, ws: Worksheet, row: int) -> dict[int, str]:
        """Column -> header text of the cells of `row` that hold text (unchecked: headers are looked for)."""
        found = {}
        for col in self.columns(ws, row):
            text = norm_header(ws.cell(row, col).value)
            if text:
                found[col] = text
        return found

    def value(self, ws: Worksheet, row: int, col: int) -> Any:
        """A cell's value as the importer sees it; a formula never calculated or an error value
        is reported (once) and read as empty."""
        key = (ws.title, row, col)
        census = self.sheet(ws)
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
                 ) -> dict[str, tuple[str, str]]:
        """JSON pointer -> (sheet, cell) for a document read from the workbook."""
        out: dict[str, tuple[str, str]] = {"": (sheet, "")}
        out.update(header or {})

        def visit(entry: Any, pointer: str) -> None:
            if not isinstance(entry, dict):
                return
            found = self.origins.get(id(entry))
            if found is not None and found[0] is entry:
                origin = found[1]
                out[pointer] = (origin.sheet, ref(*origin.at))
                for path, at in origin.fields.items():
                    out[pointer + "".join(join_pointer("", k) for k in path)] = (origin.sheet, ref(*at))
                for path, at in origin.fields.items():  # funding -> its first column, say
                    for depth in range(1, len(path)):
                        prefix = pointer + "".join(join_pointer("", k) for k in path[:depth])
                        out.setdefault(prefix, (origin.sheet, ref(*at)))
            children = entry.get("children")
            if isinstance(children, list):
                for index, child in enumerate(children):
                    visit(child, join_pointer(join_pointer(pointer, "children"), index))

        for key in ("categories", "items", "excluded"):
            value = data.get(key)
            if isinstance(value, list):
                for index, entry in enumerate(value):
                    visit(entry, join_pointer(join_pointer("", key), index))
        return out


# --------------------------------------------------------------------------- opening


def _not_xlsx(name: str) -> CatalogToolError:
    return CatalogToolError(
        Message(f"{name} 不是有效的 .xlsx 工作簿（如为 .xls 或 WPS 格式，请在 Excel/WPS 中另存为 .xlsx）",
        f"{name} is not a valid .xlsx workbook (if it is an .xls or WPS file, save it as .xlsx in Excel or WPS)"),
    )


def _too_big(name: str, size: int, what_zh: str, what_en: str) -> CatalogToolError:
    mb, limit = size / 1024 / 1024, MAX_UNPACKED_BYTES // 1024 // 1024
    return CatalogToolError(
        Message(f"{name} {what_zh} {mb:.0f} MB，超过导入上限 {limit} MB；目录与清单的工作簿通常只有几 MB，请检查文件是否正确",
        f"{name} {what_en} {mb:.0f} MB, more than the import limit of {limit} MB; guides are a few MB, "
        "so check that this is the right file"),
    )


def read_source(source: Path | bytes, name: str) -> bytes:
    """The workbook's bytes, checked to be an .xlsx archive that unpacks to a sane size."""
    if isinstance(source, Path):
        try:
            if source.stat().st_size > MAX_UNPACKED_BYTES:
                raise _too_big(name, source.stat().st_size, "有", "is")
            content = source.read_bytes()
        except OSError as exc:
            zh, en = os_reason(exc)
            raise CatalogToolError(Message(f"无法读取 {name}：{zh}", f"cannot read {name}: {en}")) from None
    else:
        content = source
    if content[:8] == _OLE_MAGIC:
        raise CatalogToolError(
            Message(f"{name} 是旧版 Excel 97-2003（.xls）或 WPS 表格文件，或已加密：请在 Excel 或 WPS 中另存为 .xlsx"
            "（并取消密码）后再导入",
            f"{name} is an old Excel 97-2003 (.xls) or WPS file, or is encrypted: save it as .xlsx "
            "(without a password) in Excel or WPS, then import that"),
        )
    # Listing a zip builds an object per entry: millions of tiny entries would exhaust memory
    # before any size could be summed, so count the central directory's entries first.
    if content.count(b"PK\x01\x02") > MAX_PARTS:
        raise _not_xlsx(name)
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            infos = archive.infolist()
            # zipfile stops each member at its declared size, so the declared sizes bound what is unpacked.
            unpacked = sum(info.file_size for info in infos)
            if unpacked > MAX_UNPACKED_BYTES:
                raise _too_big(name, unpacked, "解压后有", "unpacks to")
            opendocument = False
            if "mimetype" in archive.namelist():
                with archive.open("mimetype") as part:
                    opendocument = b"opendocument" in part.read(100)
    except ARCHIVE_ERRORS:
        # A zip archive that cannot be read (a damaged entry, say) is a damaged workbook; anything else is not one.
        raise (_damaged(name) if content[:2] == b"PK" else _not_xlsx(name)) from None
    if opendocument:
        raise CatalogToolError(
            Message(f"{name} 是 OpenDocument 表格（.ods）：请在 WPS 或 LibreOffice 中另存为 .xlsx 后再导入",
            f"{name} is an OpenDocument spreadsheet (.ods): save it as .xlsx in WPS or LibreOffice, then import that"),
        )
    names = {info.filename for info in infos}
    if "[Content_Types].xml" not in names or not any(n.lower().startswith("xl/") for n in names):
        raise _not_xlsx(name)
    return content


def _damaged(name: str, reason: str = "") -> CatalogToolError:
    return CatalogToolError(
        Message(f"{name} 无法作为 .xlsx 工作簿打开，文件可能已损坏（如为 .xls 或 WPS 格式，请在 Excel/WPS 中另存为 .xlsx）",
        f"{name} cannot be opened as an .xlsx workbook{f' ({reason})' if reason else ''}; it may be damaged"),
    )


def load(content: bytes, name: str, **options: Any) -> Workbook:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about styles and extensions it drops
            return load_workbook(io.BytesIO(content), **options)
    except Exception as exc:
        raise _damaged(name, f"{type(exc).__name__}: {exc}") from None


def open_checked(source: Path | bytes, name: str) -> tuple[Workbook, dict[str, SheetCensus]]:
    """The workbook (values as last calculated) and the census of its sheets, or CatalogToolError (exit 2)
    saying why it cannot be read: not an .xlsx file, damaged, or too large to read."""
    content = read_source(source, name)
    census = take_census(content, name)
    if census is None:
        raise _damaged(name)
    wb = load(content, name, data_only=True)
    for ws in wb.worksheets:
        if ws.title not in census:  # found by openpyxl some other way: count what it read
            census[ws.title] = census_of_loaded(ws)
    return wb, census


def open_workbook(source: Path | bytes, display: str = "") -> Workbook:
    """Open an .xlsx file (values as last calculated), or raise CatalogToolError (exit 2) saying why it cannot be read."""
    name = display or (str(source) if isinstance(source, Path) else "workbook")
    return open_checked(source, name)[0]


# --------------------------------------------------------------------------- shared helpers


def ref(row: int, col: int) -> str:
    return f"{get_column_letter(col)}{row}"


def norm_header(value: Any) -> str:
    if value is None:
        return ""
    return _SPACE_RE.sub("", cells.as_text(cells.read(value)))


def check_header_row(ws: Worksheet, row: int, reading: Reading) -> None:
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
    return "" if value is None else cells.as_text(value)
