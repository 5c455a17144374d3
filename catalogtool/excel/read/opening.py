"""Opening a workbook for `import` safely: what is not an .xlsx workbook, or is absurdly large, is refused
before openpyxl reads it.

Refused: an .xls, a WPS or OpenDocument file, a renamed text file, a damaged
archive, what unpacks to more than MAX_UNPACKED_BYTES, and what census.py finds
absurd (too many rows or cells).  Every refusal is a CatalogToolError (exit 2)
saying why.  The census's counting and the reading of the cells are one walk of
each sheet (one_pass.py); the reference way (the census, then openpyxl's sheet
parser) says what is wrong with a workbook that walk gives up on.
"""

from __future__ import annotations

import io
import warnings
import zipfile
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook

from catalogtool.errors import CatalogToolError, os_reason
from catalogtool.excel.read.census import ARCHIVE_ERRORS, SheetCensus, census_of_loaded, take_census
from catalogtool.excel.read.one_pass import open_in_one_pass
from catalogtool.excel.read.sheet import Book, read_sheets
from catalogtool.problems import Message

# A workbook may unpack to at most this many bytes; a county's guide is a few megabytes,
# and a zip bomb must not get as far as openpyxl.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_PARTS = 10_000  # an .xlsx has a few dozen parts

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _not_xlsx(name: str) -> CatalogToolError:
    return CatalogToolError(
        Message(f"{name} 不是有效的 .xlsx 工作簿（如为 .xls 或 WPS 格式，请在 Excel/WPS 中另存为 .xlsx）",
        f"{name} is not a valid .xlsx workbook (if it is an .xls or WPS file, save it as .xlsx in Excel or WPS)"),
    )


def _too_big(name: str, size: int, what: Message) -> CatalogToolError:
    mb, limit = size / 1024 / 1024, MAX_UNPACKED_BYTES // 1024 // 1024
    return CatalogToolError(
        Message(f"{name} {what.zh} {mb:.0f} MB，超过导入上限 {limit} MB；目录与清单的工作簿通常只有几 MB，请检查文件是否正确",
        f"{name} {what.en} {mb:.0f} MB, more than the import limit of {limit} MB; guides are a few MB, "
        "so check that this is the right file"),
    )


def read_source(source: Path | bytes, name: str) -> bytes:
    """The workbook's bytes, checked to be an .xlsx archive that unpacks to a sane size."""
    if isinstance(source, Path):
        try:
            if source.stat().st_size > MAX_UNPACKED_BYTES:
                raise _too_big(name, source.stat().st_size, Message("有", "is"))
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
                raise _too_big(name, unpacked, Message("解压后有", "unpacks to"))
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


def open_checked(source: Path | bytes, name: str) -> tuple[Book, dict[str, SheetCensus]]:
    """The workbook (values as last calculated) and the census of its sheets, or CatalogToolError (exit 2)
    saying why it cannot be read: not an .xlsx file, damaged, or too large to read.

    Each sheet is read in one pass (one_pass.py); a workbook that pass gives up on is read the reference
    way, which also says what is wrong with it."""
    content = read_source(source, name)
    opened = open_in_one_pass(content, name) if ONE_PASS else None
    if opened is None:
        return open_reference(content, name)
    defined_names, sheets, census = opened
    return Book(defined_names, sheets), census


ONE_PASS = True  # tests turn it off to compare with the reference way


def open_reference(content: bytes, name: str) -> tuple[Book, dict[str, SheetCensus]]:
    """The census of every sheet (census.py), then openpyxl's own sheet parser: two walks of each sheet."""
    census = take_census(content, name)
    if census is None:
        raise _damaged(name)
    wb = load(content, name, data_only=True, read_only=True)
    try:
        book = Book(wb.defined_names, read_sheets(wb, {title: sheet.merged for title, sheet in census.items()}))
    except Exception as exc:  # what openpyxl's sheet parser meets in a damaged sheet
        raise _damaged(name, f"{type(exc).__name__}: {exc}") from None
    finally:
        wb.close()
    for ws in book.worksheets:
        if ws.title not in census:  # found by openpyxl some other way: count what it read
            census[ws.title] = census_of_loaded(ws)
    return book, census
