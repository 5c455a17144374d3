"""Read workbooks back into documents: those `export` wrote (loss-free), and plain published tables.

An exported workbook carries a hidden sheet with each document's header fields
and where its sheets are; the items themselves are read from the visible rows,
so edits made in Excel or WPS (changed text, added, deleted or moved rows, added
or reordered columns) come back.  A row's hidden 保留字段 cell holds what its
visible cells could not show exactly (an empty list, a key no column has); such a
value is used only while the cell still shows what export wrote, so an edit wins.
A workbook without that sheet is read as a published catalog table (published.py).

Nothing is dropped or moved without a word: a cell that cannot be read as it
looks (a formula never calculated, an error value such as #REF!) is an error,
and so is a row whose place in the catalog is unclear (a deleted level column, a
row naming another directory but leaving a deeper level blank); columns and
sheets that are not read are named in warnings.  Every problem names the sheet
and cell, e.g. `购买服务目录!C17`, and each document knows which cell each of its
entries and fields came from (`ImportedDocument.locate`).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from openpyxl.utils import get_column_letter, range_boundaries
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from catalogtool.excel import cells
from catalogtool.excel.columns import (
    ACCESS_COLUMNS,
    ASSISTANCE_COLUMNS,
    EXCLUDED_COLUMNS,
    FORMAT_VERSION,
    LEVEL_NAMES,
    META_MARK,
    META_SHEET,
    RESERVED_HEADER,
    SECTIONS,
    Column,
    catalog_columns,
)
from catalogtool.excel.published import read_published
from catalogtool.excel.reading import (
    MAX_UNPACKED_BYTES,
    ImportedDocument,
    ImportProblem,
    ImportResult,
    Origin,
    Reading,
    check_header_row,
    display_text,
    level_label,
    norm_header,
    open_checked,
    open_workbook,
    ref,
    safe_relpath,
)
from catalogtool.problems import Message

__all__ = ["MAX_UNPACKED_BYTES", "ImportProblem", "ImportResult", "ImportedDocument", "open_workbook",
           "read_workbook"]

_LEVEL_HEADER_RE = re.compile(f"^([{LEVEL_NAMES}])级目录$")


def read_workbook(source: Path | bytes, display: str = "") -> ImportResult:
    """Documents and problems from a workbook file (or its bytes)."""
    name = display or (str(source) if isinstance(source, Path) else "workbook")
    wb, census = open_checked(source, name)
    reading = Reading(ImportResult(), census)
    meta_ws = _export_sheet(wb, reading)
    if meta_ws is not None:
        _read_exported(wb, meta_ws, reading)
    elif _written_by_export(wb, reading):
        reading.error(
            META_SHEET, "",
            Message("这是 catalogtool 导出的工作簿，但其中记录文件信息的隐藏工作表已被删除：文件信息（标题、行政区划等）和各张清单"
            "无法按导出格式导回，未导入任何文件；请在原来导出的工作簿中修改，或重新导出",
            "this workbook was written by catalogtool export, but its hidden sheet with the documents' header "
            "fields was deleted: the documents cannot be read back as exported, so nothing was imported; edit the "
            "workbook as exported, or export again"),
        )
    else:
        read_published(wb, reading)
    return reading.result


def _export_sheet(wb: Workbook, reading: Reading) -> Worksheet | None:
    """The sheet holding the export information, found by what it holds whatever it is now called:
    its mark in A1, or (the mark deleted) the export information itself from A3."""
    found = []
    for ws in wb.worksheets:
        mark = reading.raw(ws, 1, 1)
        start = reading.raw(ws, 3, 1)
        if mark == META_MARK or (isinstance(start, str) and _META_START.match(start)):
            found.append(ws)
    if len(found) > 1:  # a copy of the sheet: the one with the name export gave it, else the first
        found.sort(key=lambda ws: ws.title != META_SHEET)
    return found[0] if found else None


_META_START = re.compile(r'^\{"format":[^,]*,"generator":"catalogtool"')


def _written_by_export(wb: Workbook, reading: Reading) -> bool:
    """Does the workbook carry what only export writes (its defined names, a 保留字段 column)?"""
    if any(str(name).startswith("catalogtool_doc") for name in wb.defined_names):
        return True
    reserved = norm_header(RESERVED_HEADER)
    return any(reserved in reading.header_texts(ws, row).values()
               for ws in wb.worksheets for row in reading.data_rows(ws, 0, 20))


def _set_path(target: dict[str, Any], path: list[str] | tuple[str, ...], value: Any) -> None:
    node = target
    for key in path[:-1]:
        child = node.get(key)
        if not isinstance(child, dict):
            child = {}
            node[key] = child
        node = child
    node[path[-1]] = value


# --------------------------------------------------------------------------- exported workbooks


def _read_meta(ws: Worksheet, reading: Reading) -> dict[str, Any] | None:
    """The export information on the hidden sheet, checked to have the shape export writes."""
    parts: list[str] = []
    for row in reading.data_rows(ws, 2):
        value = reading.value(ws, row, 1)
        if value is None or value == "" or (parts and row != 3 + len(parts)):
            break
        parts.append(value if isinstance(value, str) else str(value))
    try:
        meta = cells.load_json("".join(parts))
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


_SIGNATURE = {"catalog": "一级目录", "access": "需专职人员", "assistance": "指导与保障", "excluded": "不得准入的理由"}


def _by_signature(wb: Workbook, section: str, claimed: set[str], reading: Reading) -> Worksheet | None:
    """The one unclaimed sheet whose header row has the section's telling column, if exactly one has."""
    wanted = _SIGNATURE.get(section)
    found = [
        ws for ws in wb.worksheets
        if ws.title not in claimed
        and wanted in reading.header_texts(ws, _header_row_of(ws, reading)).values()
    ]
    return found[0] if len(found) == 1 else None


def _locate(wb: Workbook, info: dict[str, Any], reading: Reading) -> tuple[Worksheet | None, int]:
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
                    if "编码" not in reading.header_texts(ws, row).values():
                        row = _header_row_of(ws, reading)
                    return ws, row
        except (ValueError, TypeError, AttributeError):
            pass
    name = info.get("sheet")
    if isinstance(name, str) and name in wb.sheetnames:
        return wb[name], _header_row_of(wb[name], reading)
    return None, 0


def _find_code_header(ws: Worksheet, reading: Reading) -> int | None:
    """The row holding the 编码 header in the first 20 rows, if any."""
    for row in reading.data_rows(ws, 0, 20):
        if "编码" in reading.header_texts(ws, row).values():
            return row
    return None


def _header_row_of(ws: Worksheet, reading: Reading) -> int:
    """The row holding the 编码 header (row 3 as exported, lower if rows were inserted above)."""
    return _find_code_header(ws, reading) or 3


def _read_exported(wb: Workbook, meta_ws: Worksheet, reading: Reading) -> None:
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
        data: dict[str, Any] = dict(doc["header"])
        sheets = []
        for key, section, _ in SECTIONS.get(str(kind), ()):
            info = _sections(doc).get(key)
            if info is None:
                continue
            ws, header_row = _locate(wb, info, reading)
            if ws is None:
                ws = _by_signature(wb, section, claimed, reading)
                header_row = _header_row_of(ws, reading) if ws is not None else 3
            if ws is None:
                reading.error(str(info.get("sheet", "?")), "",
                              Message(f"找不到工作表“{info.get('sheet')}”（已删除？），其中的事项无法导入",
                              f"sheet {info.get('sheet')!r} is missing (deleted?); its items cannot be imported"))
                continue
            sheets.append(ws.title)
            claimed.add(ws.title)
            read.add(ws.title)
            if section == "catalog":
                entries = _read_catalog_sheet(ws, header_row, reading)
            else:
                entries = _read_list_sheet(ws, header_row, section, reading)
            if info.get("present", True) or entries:
                data[key] = entries
        stored = doc.get("path")
        path = safe_relpath(stored if isinstance(stored, str) and stored else f"{kind or 'document'}.yaml", used_paths)
        used_paths.add(path)
        where = sheets[0] if sheets else meta_ws.title
        result.documents.append(ImportedDocument(path, data, "、".join(sheets), cells=reading.cell_map(data, where)))
    for ws in wb.worksheets:
        if ws.title in read or ws.title == meta_ws.title or ws.sheet_state != "visible":
            continue
        if _find_code_header(ws, reading) is not None:
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


def _header_map(ws: Worksheet, header_row: int, reading: Reading) -> dict[str, int]:
    """Header text -> column; a second column with the same header is named and ignored."""
    check_header_row(ws, header_row, reading)
    found: dict[str, int] = {}
    for col, text in reading.header_texts(ws, header_row).items():
        if text in found:
            first = get_column_letter(found[text])
            reading.warn(ws.title, ref(header_row, col),
                         Message(f"列“{text}”与 {first} 列重名，只读取 {first} 列，本列已忽略",
                         f"column {text!r} repeats column {first}; only column {first} is read, this one is ignored"))
            continue
        found[text] = col
    return found


def _reserved(ws: Worksheet, row: int, col: int | None, reading: Reading) -> dict[tuple[str, ...], tuple[Any, Any]]:
    if col is None:
        return {}
    raw = reading.value(ws, row, col)
    if raw is None:
        return {}
    try:
        entries = cells.load_json(cells.as_text(raw))
        if not isinstance(entries, list):
            raise ValueError("not a list")
        out = {}
        for entry in entries:
            if not (isinstance(entry, list) and len(entry) == 3 and isinstance(entry[0], list) and entry[0]
                    and all(isinstance(p, (str, int)) and not isinstance(p, bool) for p in entry[0])):
                raise ValueError("not a [path, shown, value] entry")
            path, shown, value = entry
            out[tuple(str(p) for p in path)] = (shown, value)
        return out
    except ValueError:
        reading.warn(ws.title, ref(row, col), Message("保留字段已被改动，无法读取，已忽略",
                     "the 保留字段 cell was changed and cannot be read; ignored"))
        return {}


def _read_fields(
    ws: Worksheet, row: int, columns: list[tuple[Column, int]], reserved: dict[tuple[str, ...], tuple[Any, Any]],
    reading: Reading, entry: dict[str, Any],
) -> None:
    """Fill `entry` from the row's field cells and its 保留字段."""
    handled: set[tuple[str, ...]] = set()
    for col, index in columns:
        assert col.path is not None
        raw = reading.value(ws, row, index)
        path = col.path
        handled.add(path)
        if path in reserved:
            shown, value = reserved[path]
            current = None if raw is None else cells.as_text(raw)
            if current == shown:
                _set_path(entry, path, value)
                continue
        if raw is None:
            continue
        if col.codec == "code" and isinstance(raw, (int, float)) and not isinstance(raw, bool):
            reading.warn(ws.title, ref(row, index),
                         Message(f"{col.header}“{cells.as_text(raw)}”是数字，已按文本读取；如原编码有前导 0，请补回",
                         f"{col.header} {cells.as_text(raw)} is a number; read as text, restore any leading zeros"))
        try:
            _set_path(entry, path, cells.CODECS[col.codec].parse(raw))
        except cells.CellValueError as exc:
            reading.error(ws.title, ref(row, index), Message(f"{col.header}：{exc.message.zh}", f"{col.header}: {exc.message.en}"))
    for path, (_shown, value) in reserved.items():
        if path not in handled:
            _set_path(entry, path, value)


def _columns_for(ws: Worksheet, header_row: int, known: list[Column], reading: Reading,
                 required: tuple[str, ...]) -> tuple[list[tuple[Column, int]], int | None, dict[str, int]]:
    headers = _header_map(ws, header_row, reading)
    by_header = {norm_header(c.header): c for c in known}
    fields: list[tuple[Column, int]] = []
    reserved_col = headers.get(norm_header(RESERVED_HEADER))
    for text, index in headers.items():
        col = by_header.get(text)
        if col is None:
            if not _LEVEL_HEADER_RE.match(text) and text != norm_header(RESERVED_HEADER):
                reading.warn(ws.title, ref(header_row, index), Message(f"列“{text}”不是导出的列，已忽略",
                             f"column {text!r} is not one that export writes; ignored"))
            continue
        if col.role == "field" and col.path is not None:
            fields.append((col, index))
    for name in required:
        if norm_header(name) not in headers:
            reading.error(ws.title, ref(header_row, 1), Message(f"第 {header_row} 行表头中缺少“{name}”列",
                          f"the header row {header_row} has no {name!r} column"))
    for col in known:
        if (col.role == "field" and not col.optional and col.header not in required
                and norm_header(col.header) not in headers):
            reading.warn(ws.title, ref(header_row, 1),
                         Message(f"第 {header_row} 行表头中没有“{col.header}”列（已删除？），各行的{col.header}都不会导入",
                         f"the header row {header_row} has no {col.header!r} column (deleted?); "
                         "that field is not imported for any row"))
    return fields, reserved_col, headers


def _data_rows(ws: Worksheet, header_row: int, used_cols: list[int], reading: Reading) -> list[int]:
    """The rows below the header with something in a column that is read."""
    used = set(used_cols)
    rows = []
    for row in reading.data_rows(ws, header_row):
        filled = [c for c in reading.columns(ws, row) if c in used]
        if any([reading.value(ws, row, c) is not None for c in filled]):  # every cell: each is checked
            rows.append(row)
    return rows


def _field_origin(ws: Worksheet, row: int, at: int, fields: list[tuple[Column, int]]) -> Origin:
    return Origin(ws.title, (row, at), {col.path: (row, index) for col, index in fields if col.path is not None})


def _read_list_sheet(ws: Worksheet, header_row: int, section: str, reading: Reading) -> list[dict[str, Any]]:
    known = {"access": ACCESS_COLUMNS, "assistance": ASSISTANCE_COLUMNS, "excluded": EXCLUDED_COLUMNS}[section]
    fields, reserved_col, headers = _columns_for(ws, header_row, known, reading, ("编码", "事项名称"))
    used = [i for _, i in fields] + ([reserved_col] if reserved_col else [])
    name_col = headers.get("事项名称") or headers.get("编码") or min(used, default=1)
    entries = []
    for row in _data_rows(ws, header_row, used, reading):
        entry: dict[str, Any] = {}
        _read_fields(ws, row, fields, _reserved(ws, row, reserved_col, reading), reading, entry)
        reading.origin(entry, _field_origin(ws, row, name_col, fields))
        entries.append(entry)
    return entries


def _read_catalog_sheet(ws: Worksheet, header_row: int, reading: Reading) -> list[dict[str, Any]]:
    fields, reserved_col, headers = _columns_for(ws, header_row, catalog_columns(len(LEVEL_NAMES)), reading,
                                                 ("编码",))
    levels: dict[int, int] = {}
    for text, index in headers.items():
        match = _LEVEL_HEADER_RE.match(text)
        if match:
            levels[LEVEL_NAMES.index(match.group(1)) + 1] = index
    if not levels:
        reading.error(ws.title, ref(header_row, 1), Message("表头中没有“一级目录”“二级目录”等目录列",
                      "the header row has no 一级目录/二级目录 ... columns"))
        return []
    # Export always writes 一级 to 四级目录, and each row repeats the names above its own: with
    # 三级目录 deleted, an item's row would read as one more 二级目录 named like its parent.
    lacking = [level for level in range(1, max(max(levels), 3) + 1) if level not in levels]
    if lacking:
        shown = "、".join(f"“{level_label(level)}”" for level in lacking)
        reading.error(ws.title, ref(header_row, 1),
                      Message(f"第 {header_row} 行表头中缺少{shown}列（已删除？）：事项的层级由名称所在的列决定，缺了这一列就无法确定",
                      f"the header row {header_row} lacks the {', '.join(level_label(n) for n in lacking)} column "
                      "(deleted?): an entry's level is the column its name is in, so it cannot be told"))
        return []
    used = [i for _, i in fields] + list(levels.values()) + ([reserved_col] if reserved_col else [])
    top: list[dict[str, Any]] = []
    stack: list[dict[str, Any]] = []  # open directories, stack[i] at depth i + 1
    for row in _data_rows(ws, header_row, used, reading):
        names = {level: reading.value(ws, row, col) for level, col in levels.items()}
        filled = [level for level, value in names.items() if value is not None]
        reserved = _reserved(ws, row, reserved_col, reading)
        if not filled:
            reading.error(ws.title, ref(row, levels[min(levels)]),
                          Message("这一行没有目录或事项名称（一级目录、二级目录……列都为空），无法确定它在目录中的位置",
                          "this row has no name in any level column, so its place in the catalog is unknown"))
            continue
        depth = max(filled)
        node: dict[str, Any] = {}
        name_raw = names[depth]
        shown_name = reserved.pop(("name",), None)
        if shown_name is not None and cells.as_text(name_raw) == shown_name[0]:
            node["name"] = shown_name[1]
        else:
            node["name"] = cells.as_text(name_raw)
        _read_fields(ws, row, fields, reserved, reading, node)
        reading.origin(node, _field_origin(ws, row, levels[depth], fields))
        if depth > len(stack) + 1:
            reading.error(ws.title, ref(row, levels[depth]),
                          Message(f"{level_label(depth)}“{node['name']}”上面没有{level_label(depth - 1)}，"
                          "请检查行的顺序或所填的列",
                          f"level-{depth} entry {node['name']!r} has no level-{depth - 1} entry above it; "
                          "check the row order or the column used"))
            depth = len(stack) + 1
        del stack[depth - 1:]
        _check_ancestors(ws, row, depth, names, levels, stack, reading)
        if stack:
            parent = stack[-1]
            children = parent.get("children")
            if not isinstance(children, list):
                children = []
                parent["children"] = children
            children.append(node)
        else:
            top.append(node)
        stack.append(node)
    return top


def _check_ancestors(ws: Worksheet, row: int, depth: int, names: dict[int, Any], levels: dict[int, int],
                     stack: list[dict[str, Any]], reading: Reading) -> None:
    """A row goes under the nearest directory rows above it; its own upper-level names must agree.

    A name that differs only gets a warning (the row's position wins).  But once a row
    names a different directory at some level, a blank deeper level cannot be taken
    from the rows above: they belong to the other directory, so that is an error.
    """
    other: tuple[int, str, str] | None = None  # the first level whose name differs: (level, given, above)
    for level in range(1, depth):
        given = names.get(level)
        above = display_text(stack[level - 1].get("name"))
        if given is None:
            if other is not None:
                olevel, ogiven, oabove = other
                reading.error(
                    ws.title, ref(row, levels[level]),
                    Message(f"{level_label(level)}为空，而本行的{level_label(olevel)}是“{ogiven}”，不是上方的“{oabove}”："
                    f"无法确定这一行属于哪个{level_label(level)}；请填写{level_label(level)}，或把整行移到所属目录下",
                    f"the level-{level} name is empty while the row's level-{olevel} name {ogiven!r} differs from "
                    f"{oabove!r} above: the row's level-{level} directory is unknown; fill it in or move the whole "
                    "row under its directory"),
                )
                return
            continue
        given_text = cells.as_text(given)
        if given_text != above:
            reading.warn(ws.title, ref(row, levels[level]),
                         Message(f"{level_label(level)}写的是“{given_text}”，但上方最近的{level_label(level)}行是"
                         f"“{above}”；按行的位置归入后者（要移动事项，请移动整行）",
                         f"the level-{level} name says {given_text!r} but the nearest level-{level} row "
                         f"above is {above!r}; the row's position wins (move the whole row to move an item)"))
            if other is None:
                other = (level, given_text, above)
