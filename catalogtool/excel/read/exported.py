"""A workbook `export` wrote, read back by its hidden sheet: each document's header fields, and where
each of its sheets is now.

A sheet is found by its defined name (Excel and WPS keep it pointing at a
renamed sheet), else by the name export gave it, else as the one unclaimed sheet
with its table's telling column (`Table.signature`); its header row is the one
holding 编码, wherever rows were inserted above it.  Sheets holding a table that
belongs to no document, and a township guide read as a catalog, are named in
warnings.
"""

from __future__ import annotations

from typing import Any

from openpyxl.utils import range_boundaries

from catalogtool import kinds
from catalogtool.excel.contract import FORMAT_VERSION
from catalogtool.excel.read.exported_rows import read_list_sheet, read_tree_sheet
from catalogtool.excel.read.reading import Reading, safe_relpath
from catalogtool.excel.read.sheet import Book, Sheet
from catalogtool.imported import ImportedDocument
from catalogtool.kinds.codecs import as_text, load_json
from catalogtool.kinds.layout import Table
from catalogtool.problems import Message

# The headers a table's code column goes by (编码, 项目编号): a sheet holding one is a table of entries.
KEY_HEADERS = tuple(dict.fromkeys(
    section.table.key_header for kind in kinds.KINDS.values() for section in kind.sections if section.table))


def _read_meta(ws: Sheet, reading: Reading) -> dict[str, Any] | None:
    """The export information on the hidden sheet, checked to have the shape export writes."""
    parts: list[str] = []
    for row in reading.data_rows(ws, 2):
        value = reading.value(ws, row, 1)
        if value is None or value == "" or (parts and row != 3 + len(parts)):
            break
        parts.append(value if isinstance(value, str) else str(value))
    try:
        meta = load_json("".join(parts))
    except ValueError:
        meta = None
    version = meta.get("format", 1) if isinstance(meta, dict) else None
    if type(version) is not int:  # not True, 1.0 or "1" either: export writes the number
        version = None
    if version is not None and version > FORMAT_VERSION:
        reading.error(ws.title, "A2", Message(f"工作簿由更新版本的 catalogtool 导出（格式 {version}），请升级后再导入",
                      f"the workbook was written by a newer catalogtool (format {version}); upgrade to import it"))
        return None
    if not isinstance(meta, dict) or version != FORMAT_VERSION or not isinstance(meta.get("documents"), list):
        reading.error(ws.title, "A3", Message("隐藏工作表中的导出信息已损坏，无法按导出格式读取",
                      "the export information on the hidden sheet is damaged; cannot read the workbook as exported"))
        return None
    return meta


def _sections(doc: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """A document's sheets as the hidden sheet records them; what has another shape is left out."""
    sections = doc.get("sections")
    if not isinstance(sections, dict):
        return {}
    return {key: info for key, info in sections.items() if isinstance(info, dict)}


def _by_signature(wb: Book, table: Table, claimed: set[str], reading: Reading) -> Sheet | None:
    """The one unclaimed sheet whose header row has the table's telling column, if exactly one has."""
    wanted = table.signature
    found = [
        ws for ws in wb.worksheets
        if ws.title not in claimed
        and wanted in reading.header_texts(ws, _header_row_of(ws, reading, table.key_header)).values()
    ]
    return found[0] if len(found) == 1 else None


def _locate(wb: Book, info: dict[str, Any], reading: Reading, key: str) -> tuple[Sheet | None, int]:
    """The sheet of a section and its header row: by defined name (Excel and WPS keep it
    pointing at a renamed sheet), else by sheet name."""
    defined = info.get("defined_name")
    if isinstance(defined, str) and defined in wb.defined_names:
        try:
            for title, ref in wb.defined_names[defined].destinations:
                if title in wb.sheetnames:
                    _, min_row, _, _ = range_boundaries(ref.replace("$", ""))
                    ws = wb[title]
                    row = int(min_row or 3)
                    if key not in reading.header_texts(ws, row).values():
                        row = _header_row_of(ws, reading, key)
                    return ws, row
        except (ValueError, TypeError, AttributeError):
            pass
    name = info.get("sheet")
    if isinstance(name, str) and name in wb.sheetnames:
        return wb[name], _header_row_of(wb[name], reading, key)
    return None, 0


def _find_code_header(ws: Sheet, reading: Reading, keys: tuple[str, ...] = ("编码",)) -> int | None:
    """The row holding a code header (编码, or a table's own: 项目编号) in the first 20 rows, if any."""
    for row in reading.data_rows(ws, 0, 20):
        if any(key in reading.header_texts(ws, row).values() for key in keys):
            return row
    return None


def _header_row_of(ws: Sheet, reading: Reading, key: str = "编码") -> int:
    """The row holding the code header (row 3 as exported, lower if rows were inserted above)."""
    return _find_code_header(ws, reading, (key,)) or 3


def _document_order(entries: list[dict[str, Any]], info: dict[str, Any]) -> list[dict[str, Any]]:
    """The entries in the document's order, when the sheet grouped them (rows by category) and its rows
    are still those exported: the same codes in the same order.  Otherwise the sheet's order wins."""
    order, codes = info.get("order"), info.get("codes")
    if not (isinstance(order, list) and isinstance(codes, list) and len(order) == len(entries)
            and sorted(o for o in order if type(o) is int) == list(range(len(entries)))):
        return entries
    if [as_text(e.get("code")) if e.get("code") is not None else "" for e in entries] != codes:
        return entries
    out: list[dict[str, Any]] = [{}] * len(entries)
    for entry, position in zip(entries, order, strict=True):
        out[position] = entry
    return out


def read_exported(wb: Book, meta_ws: Sheet, reading: Reading) -> None:
    """Every document the hidden sheet lists, its entries read from its sheets wherever they are now."""
    result = reading.result
    meta = _read_meta(meta_ws, reading)
    if meta is None:
        return
    township = meta.get("township")
    if isinstance(township, dict):
        result.township = {"code": str(township.get("code", "")), "name": str(township.get("name", ""))}
    used_paths: set[str] = set()
    claimed = {name for doc in meta["documents"] if isinstance(doc, dict)
               for info in _sections(doc).values()
               for name in [info.get("sheet")] if isinstance(name, str) and name in wb.sheetnames}
    claimed.add(meta_ws.title)
    read: set[str] = set()
    for number, doc in enumerate(meta["documents"], start=1):
        if not isinstance(doc, dict) or not isinstance(doc.get("header"), dict):
            reading.error(meta_ws.title, "A3", Message(f"第 {number} 个文档的导出信息已损坏",
                          f"the export information of document {number} is damaged"))
            continue
        kind = doc.get("kind")
        known = kinds.get(kind if isinstance(kind, str) else None)
        data: dict[str, Any] = dict(doc["header"])
        sheets = []
        for section in known.sections if known is not None else ():
            info = _sections(doc).get(section.key)
            table = section.table
            if info is None or table is None:
                continue
            ws, header_row = _locate(wb, info, reading, table.key_header)
            if ws is None:
                ws = _by_signature(wb, table, claimed, reading)
                header_row = _header_row_of(ws, reading, table.key_header) if ws is not None else 3
            if ws is None:
                reading.error(str(info.get("sheet", "?")), "",
                              Message(f"找不到工作表“{info.get('sheet')}”（已删除？），其中的事项无法导入",
                              f"sheet {info.get('sheet')!r} is missing (deleted?); its items cannot be imported"))
                continue
            sheets.append(ws.title)
            claimed.add(ws.title)
            read.add(ws.title)
            if table.tree:
                entries = read_tree_sheet(ws, header_row, table, reading)
            else:
                entries = _document_order(read_list_sheet(ws, header_row, table, reading), info)
            if info.get("present", True) or entries:
                data[section.key] = entries
        stored = doc.get("path")
        path = safe_relpath(stored if isinstance(stored, str) and stored else f"{kind or 'document'}.yaml", used_paths)
        used_paths.add(path)
        where = sheets[0] if sheets else meta_ws.title
        result.documents.append(ImportedDocument(path, data, "、".join(sheets), cells=reading.cell_map(data, where)))
    for ws in wb.worksheets:
        if ws.title in read or ws.title == meta_ws.title or ws.sheet_state != "visible":
            continue
        if _find_code_header(ws, reading, KEY_HEADERS) is not None:
            reading.warn(ws.title, "",
                         Message(f"工作表“{ws.title}”不属于导出的任何文件，其中的事项没有导入（要导入，请把这些行移到对应的工作表中）",
                         f"sheet {ws.title!r} belongs to none of the exported documents; its rows were not imported "
                         "(move them to the matching sheet to import them)"))
    if result.township:
        reading.warn(
            "说明", "",
            Message(f"这是{result.township['name']}的乡镇指南，只含乡镇适用的事项；导入得到的目录不是全区完整目录",
            f"this is the township guide of {result.township['name']}: it holds only the items townships may buy, "
            "so the imported catalog is not the full county catalog"),
        )
