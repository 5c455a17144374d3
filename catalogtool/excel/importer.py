"""Read workbooks back into documents: those `export` wrote (loss-free), and plain published tables.

An exported workbook carries a hidden sheet with each document's header fields
and where its sheets are; the items themselves are read from the visible rows,
so edits made in Excel or WPS (changed text, added, deleted or moved rows, added
or reordered columns) come back.  A row's hidden 保留字段 cell holds what its
visible cells could not show exactly (an empty list, a key no column has); such a
value is used only while the cell still shows what export wrote, so an edit wins.

A workbook without that sheet is read as a published catalog table: a header row
with 编码 / 一级目录 / 二级目录 / 三级目录 / 服务内容 ... in any order, found anywhere
in the first rows (under a title, say), merged cells and blank repeated cells
filled down.

Every problem names the sheet and cell, e.g. `购买服务目录!C17`.
"""

from __future__ import annotations

import io
import json
import re
import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter, range_boundaries
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from catalogtool.errors import CatalogToolError
from catalogtool.excel import cells
from catalogtool.excel.columns import (
    ACCESS_COLUMNS,
    ASSISTANCE_COLUMNS,
    EXCLUDED_COLUMNS,
    LEVEL_NAMES,
    META_MARK,
    META_SHEET,
    RESERVED_HEADER,
    SECTIONS,
    Column,
    catalog_columns,
)

_LEVEL_HEADER_RE = re.compile(f"^([{LEVEL_NAMES}])级目录$")
_SPACE_RE = re.compile(r"[\s\u3000]+")
_PAREN_RE = re.compile(r"[（(][^）)]*[）)]")


# --------------------------------------------------------------------------- results


@dataclass(frozen=True, slots=True)
class ImportProblem:
    """A problem found in the workbook, at `sheet!cell` (cell may be empty for a whole sheet)."""

    level: str  # "error" | "warning"
    sheet: str
    cell: str
    zh: str
    en: str

    @property
    def where(self) -> str:
        return f"{self.sheet}!{self.cell}" if self.cell else self.sheet

    def text(self, lang: str) -> str:
        return f"{self.where}: {self.en if lang == 'en' else self.zh}"


@dataclass(slots=True)
class ImportedDocument:
    """One document read from the workbook: where to write it (relative path) and its data."""

    path: str
    data: dict[str, Any]
    source: str = ""  # the sheet(s) it came from
    missing: list[str] = field(default_factory=list)  # required header fields the workbook did not give


@dataclass(slots=True)
class ImportResult:
    documents: list[ImportedDocument] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)
    township: dict[str, str] | None = None
    published: bool = False

    @property
    def ok(self) -> bool:
        return not any(p.level == "error" for p in self.problems)

    def error(self, sheet: str, cell: str, zh: str, en: str) -> None:
        self.problems.append(ImportProblem("error", sheet, cell, zh, en))

    def warn(self, sheet: str, cell: str, zh: str, en: str) -> None:
        self.problems.append(ImportProblem("warning", sheet, cell, zh, en))


# --------------------------------------------------------------------------- opening


def open_workbook(source: Path | bytes, display: str = "") -> Workbook:
    """Open an .xlsx file, or raise CatalogToolError (exit 2) saying why it cannot be read."""
    name = display or (str(source) if isinstance(source, Path) else "workbook")
    if isinstance(source, Path):
        try:
            content = source.read_bytes()
        except OSError as exc:
            raise CatalogToolError(f"无法读取 {name}：{exc.strerror or exc}",
                                   f"cannot read {name}: {exc.strerror or exc}") from None
    else:
        content = source
    if content[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise CatalogToolError(
            f"{name} 是旧版 Excel 97-2003（.xls）文件或已加密：请在 Excel 或 WPS 中另存为 .xlsx（并取消密码）后再导入",
            f"{name} is an old Excel 97-2003 (.xls) file or is encrypted: save it as .xlsx "
            "(without a password) in Excel or WPS, then import that",
        )
    if not zipfile.is_zipfile(io.BytesIO(content)):
        raise CatalogToolError(
            f"{name} 不是 .xlsx 工作簿（不是 Excel 2007 及以后版本的文件格式）",
            f"{name} is not an .xlsx workbook (Excel 2007 or later)",
        )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about styles and extensions it drops
            return load_workbook(io.BytesIO(content), data_only=True)
    except Exception as exc:
        raise CatalogToolError(
            f"{name} 无法作为 .xlsx 工作簿打开（{type(exc).__name__}: {exc}）；文件可能已损坏",
            f"{name} cannot be opened as an .xlsx workbook ({type(exc).__name__}: {exc}); it may be damaged",
        ) from None


def read_workbook(source: Path | bytes, display: str = "") -> ImportResult:
    """Documents and problems from a workbook file (or its bytes)."""
    wb = open_workbook(source, display)
    if META_SHEET in wb.sheetnames and wb[META_SHEET]["A1"].value == META_MARK:
        return _read_exported(wb)
    return _read_published(wb)


# --------------------------------------------------------------------------- shared helpers


def _ref(ws: Worksheet, row: int, col: int) -> str:
    return f"{get_column_letter(col)}{row}"


def _norm_header(value: Any) -> str:
    if value is None:
        return ""
    return _SPACE_RE.sub("", cells.as_text(cells.read(value)))


def _set_path(target: dict[str, Any], path: list[str] | tuple[str, ...], value: Any) -> None:
    node = target
    for key in path[:-1]:
        child = node.get(key)
        if not isinstance(child, dict):
            child = {}
            node[key] = child
        node = child
    node[path[-1]] = value


def _cell_value(ws: Worksheet, row: int, col: int) -> Any:
    return cells.read(ws.cell(row, col).value)


# --------------------------------------------------------------------------- exported workbooks


def _read_meta(wb: Workbook, result: ImportResult) -> dict[str, Any] | None:
    ws = wb[META_SHEET]
    parts = []
    row = 3
    while True:
        value = ws.cell(row, 1).value
        if value is None or value == "":
            break
        parts.append(cells.read(value) if isinstance(value, str) else str(value))
        row += 1
    try:
        meta = json.loads("".join(parts))
    except ValueError:
        meta = None
    if not isinstance(meta, dict) or not isinstance(meta.get("documents"), list):
        result.error(META_SHEET, "A3", "隐藏工作表中的导出信息已损坏，无法按导出格式读取",
                     "the export information on the hidden sheet is damaged; cannot read the workbook as exported")
        return None
    if meta.get("format", 1) > 1:
        result.error(META_SHEET, "A2", f"工作簿由更新版本的 catalogtool 导出（格式 {meta.get('format')}），请升级后再导入",
                     f"the workbook was written by a newer catalogtool (format {meta.get('format')}); upgrade to import it")
        return None
    return meta


_SIGNATURE = {"catalog": "一级目录", "access": "需专职人员", "assistance": "指导与保障", "excluded": "不得准入的理由"}


def _by_signature(wb: Workbook, section: str, claimed: set[str]) -> Worksheet | None:
    """The one unclaimed sheet whose header row has the section's telling column, if exactly one has."""
    wanted = _SIGNATURE.get(section)
    found = [
        ws for ws in wb.worksheets
        if ws.title not in claimed and ws.title != META_SHEET
        and wanted in {_norm_header(c.value) for c in ws[_header_row_of(ws)]}
    ]
    return found[0] if len(found) == 1 else None


def _locate(wb: Workbook, info: dict[str, Any]) -> tuple[Worksheet | None, int]:
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
                    if "编码" not in {_norm_header(c.value) for c in ws[row]}:
                        row = _header_row_of(ws)
                    return ws, row
        except (ValueError, TypeError, AttributeError):
            pass
    name = info.get("sheet")
    if isinstance(name, str) and name in wb.sheetnames:
        return wb[name], _header_row_of(wb[name])
    return None, 0


def _header_row_of(ws: Worksheet) -> int:
    """The row holding the 编码 header (row 3 as exported, lower if rows were inserted above)."""
    for row in range(1, min(ws.max_row, 20) + 1):
        if "编码" in {_norm_header(c.value) for c in ws[row]}:
            return row
    return 3


def _read_exported(wb: Workbook) -> ImportResult:
    result = ImportResult()
    meta = _read_meta(wb, result)
    if meta is None:
        return result
    township = meta.get("township")
    if isinstance(township, dict):
        result.township = {"code": str(township.get("code", "")), "name": str(township.get("name", ""))}
    used_paths: set[str] = set()
    claimed = {name for doc in meta["documents"] if isinstance(doc, dict)
               for info in (doc.get("sections") or {}).values() if isinstance(info, dict)
               for name in [info.get("sheet")] if isinstance(name, str) and name in wb.sheetnames}
    for number, doc in enumerate(meta["documents"], start=1):
        if not isinstance(doc, dict) or not isinstance(doc.get("header"), dict):
            result.error(META_SHEET, "A3", f"第 {number} 个文档的导出信息已损坏",
                         f"the export information of document {number} is damaged")
            continue
        kind = doc.get("kind")
        data: dict[str, Any] = dict(doc["header"])
        sheets = []
        for key, section, _ in SECTIONS.get(str(kind), ()):
            info = (doc.get("sections") or {}).get(key)
            if not isinstance(info, dict):
                continue
            ws, header_row = _locate(wb, info)
            if ws is None:
                ws = _by_signature(wb, section, claimed)
                header_row = _header_row_of(ws) if ws is not None else 3
            if ws is None:
                result.error(str(info.get("sheet", "?")), "",
                             f"找不到工作表“{info.get('sheet')}”（已删除？），其中的事项无法导入",
                             f"sheet {info.get('sheet')!r} is missing (deleted?); its items cannot be imported")
                continue
            sheets.append(ws.title)
            claimed.add(ws.title)
            if section == "catalog":
                entries = _read_catalog_sheet(ws, header_row, result)
            else:
                entries = _read_list_sheet(ws, header_row, section, result)
            if info.get("present", True) or entries:
                data[key] = entries
        path = _safe_relpath(str(doc.get("path") or f"{kind or 'document'}.yaml"), used_paths)
        used_paths.add(path)
        result.documents.append(ImportedDocument(path, data, "、".join(sheets)))
    if result.township:
        result.warn(
            "说明", "",
            f"这是{result.township['name']}的乡镇指南，只含乡镇适用的事项；导入得到的目录不是全区完整目录",
            f"this is the township guide of {result.township['name']}: it holds only the items townships may buy, "
            "so the imported catalog is not the full county catalog",
        )
    return result


def _safe_relpath(path: str, used: set[str]) -> str:
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


def _header_map(ws: Worksheet, header_row: int) -> dict[str, int]:
    found: dict[str, int] = {}
    for col in range(1, ws.max_column + 1):
        text = _norm_header(ws.cell(header_row, col).value)
        if text and text not in found:
            found[text] = col
    return found


def _reserved(ws: Worksheet, row: int, col: int | None, result: ImportResult) -> dict[tuple[str, ...], tuple[Any, Any]]:
    if col is None:
        return {}
    raw = _cell_value(ws, row, col)
    if raw is None:
        return {}
    try:
        entries = json.loads(cells.as_text(raw))
        out = {}
        for path, shown, value in entries:
            out[tuple(str(p) for p in path)] = (shown, value)
        return out
    except (ValueError, TypeError):
        result.warn(ws.title, _ref(ws, row, col), "保留字段已被改动，无法读取，已忽略",
                    "the 保留字段 cell was changed and cannot be read; ignored")
        return {}


def _read_fields(
    ws: Worksheet, row: int, columns: list[tuple[Column, int]], reserved: dict[tuple[str, ...], tuple[Any, Any]],
    result: ImportResult, entry: dict[str, Any],
) -> None:
    """Fill `entry` from the row's field cells and its 保留字段."""
    handled: set[tuple[str, ...]] = set()
    for col, index in columns:
        assert col.path is not None
        raw = _cell_value(ws, row, index)
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
            result.warn(ws.title, _ref(ws, row, index),
                        f"{col.header}“{cells.as_text(raw)}”是数字，已按文本读取；如原编码有前导 0，请补回",
                        f"{col.header} {cells.as_text(raw)} is a number; read as text, restore any leading zeros")
        try:
            _set_path(entry, path, cells.CODECS[col.codec].parse(raw))
        except cells.CellValueError as exc:
            result.error(ws.title, _ref(ws, row, index), f"{col.header}：{exc.zh}", f"{col.header}: {exc.en}")
    for path, (_shown, value) in reserved.items():
        if path not in handled:
            _set_path(entry, path, value)


def _columns_for(ws: Worksheet, header_row: int, known: list[Column], result: ImportResult,
                 required: tuple[str, ...]) -> tuple[list[tuple[Column, int]], int | None, dict[str, int]]:
    headers = _header_map(ws, header_row)
    by_header = {_norm_header(c.header): c for c in known}
    fields: list[tuple[Column, int]] = []
    reserved_col = headers.get(_norm_header(RESERVED_HEADER))
    for text, index in headers.items():
        col = by_header.get(text)
        if col is None:
            if not _LEVEL_HEADER_RE.match(text) and text != _norm_header(RESERVED_HEADER):
                result.warn(ws.title, _ref(ws, header_row, index), f"列“{text}”不是导出的列，已忽略",
                            f"column {text!r} is not one that export writes; ignored")
            continue
        if col.role == "field" and col.path is not None:
            fields.append((col, index))
    for name in required:
        if _norm_header(name) not in headers:
            result.error(ws.title, _ref(ws, header_row, 1), f"第 {header_row} 行表头中缺少“{name}”列",
                         f"the header row {header_row} has no {name!r} column")
    return fields, reserved_col, headers


def _data_rows(ws: Worksheet, header_row: int, used_cols: list[int]) -> list[int]:
    rows = []
    for row in range(header_row + 1, ws.max_row + 1):
        if any(_cell_value(ws, row, c) is not None for c in used_cols):
            rows.append(row)
    return rows


def _read_list_sheet(ws: Worksheet, header_row: int, section: str, result: ImportResult) -> list[dict[str, Any]]:
    known = {"access": ACCESS_COLUMNS, "assistance": ASSISTANCE_COLUMNS, "excluded": EXCLUDED_COLUMNS}[section]
    fields, reserved_col, _ = _columns_for(ws, header_row, known, result, ("编码", "事项名称"))
    used = [i for _, i in fields] + ([reserved_col] if reserved_col else [])
    entries = []
    for row in _data_rows(ws, header_row, used):
        entry: dict[str, Any] = {}
        _read_fields(ws, row, fields, _reserved(ws, row, reserved_col, result), result, entry)
        entries.append(entry)
    return entries


def _read_catalog_sheet(ws: Worksheet, header_row: int, result: ImportResult) -> list[dict[str, Any]]:
    fields, reserved_col, headers = _columns_for(ws, header_row, catalog_columns(len(LEVEL_NAMES)), result,
                                                 ("编码",))
    levels: dict[int, int] = {}
    for text, index in headers.items():
        match = _LEVEL_HEADER_RE.match(text)
        if match:
            levels[LEVEL_NAMES.index(match.group(1)) + 1] = index
    if not levels:
        result.error(ws.title, _ref(ws, header_row, 1), "表头中没有“一级目录”“二级目录”等目录列",
                     "the header row has no 一级目录/二级目录 ... columns")
        return []
    used = [i for _, i in fields] + list(levels.values()) + ([reserved_col] if reserved_col else [])
    top: list[dict[str, Any]] = []
    stack: list[dict[str, Any]] = []  # open directories, stack[i] at depth i + 1
    for row in _data_rows(ws, header_row, used):
        names = {level: _cell_value(ws, row, col) for level, col in levels.items()}
        filled = [level for level, value in names.items() if value is not None]
        reserved = _reserved(ws, row, reserved_col, result)
        if not filled:
            result.error(ws.title, _ref(ws, row, levels[min(levels)]),
                         "这一行没有目录或事项名称（一级目录、二级目录……列都为空），无法确定它在目录中的位置",
                         "this row has no name in any level column, so its place in the catalog is unknown")
            continue
        depth = max(filled)
        node: dict[str, Any] = {}
        name_raw = names[depth]
        shown_name = reserved.pop(("name",), None)
        if shown_name is not None and cells.as_text(name_raw) == shown_name[0]:
            node["name"] = shown_name[1]
        else:
            node["name"] = cells.as_text(name_raw)
        _read_fields(ws, row, fields, reserved, result, node)
        if depth > len(stack) + 1:
            result.error(ws.title, _ref(ws, row, levels[depth]),
                         f"{_level_label(depth)}“{node['name']}”上面没有{_level_label(depth - 1)}，"
                         "请检查行的顺序或所填的列",
                         f"level-{depth} entry {node['name']!r} has no level-{depth - 1} entry above it; "
                         "check the row order or the column used")
            depth = len(stack) + 1
        del stack[depth - 1:]
        for level in range(1, depth):
            given = names.get(level)
            if given is not None and cells.as_text(given) != _text(stack[level - 1].get("name")):
                result.warn(ws.title, _ref(ws, row, levels[level]),
                            f"{_level_label(level)}写的是“{cells.as_text(given)}”，但上方最近的{_level_label(level)}行是"
                            f"“{_text(stack[level - 1].get('name'))}”；按行的位置归入后者（要移动事项，请移动整行）",
                            f"the level-{level} name says {cells.as_text(given)!r} but the nearest level-{level} row "
                            f"above is {_text(stack[level - 1].get('name'))!r}; the row's position wins "
                            "(move the whole row to move an item)")
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


def _level_label(level: int) -> str:
    return f"{LEVEL_NAMES[level - 1]}级目录" if 1 <= level <= len(LEVEL_NAMES) else f"{level}级目录"


def _text(value: Any) -> str:
    return "" if value is None else cells.as_text(value)


# --------------------------------------------------------------------------- published tables

SYNONYMS: dict[str, tuple[str, ...]] = {
    "seq": ("序号", "编号序号"),
    "code": ("编码", "代码", "目录编码", "事项编码", "分类编码", "目录代码", "编号"),
    "level1": ("一级目录", "一级", "一级分类", "一级目录名称", "一级事项"),
    "level2": ("二级目录", "二级", "二级分类", "二级目录名称", "二级事项"),
    "level3": ("三级目录", "三级", "三级分类", "三级目录名称", "三级事项"),
    "level4": ("四级目录", "四级", "四级分类", "四级目录名称", "四级事项"),
    "content": ("服务内容", "具体内容", "内容", "服务内容及要求", "主要内容", "服务内容说明", "内容说明",
                "服务内容描述", "事项内容", "服务说明", "具体服务内容"),
    "providers": ("承接主体", "承接主体类型", "承接主体范围", "承接主体要求"),
    "township": ("乡镇适用", "乡镇是否适用", "是否适用乡镇", "适用乡镇", "乡镇可购买", "是否乡镇适用"),
    "basis": ("设定依据", "依据", "政策依据", "法律依据", "设立依据", "法规政策依据", "购买依据"),
    "notes": ("备注",),
    "purchasers": ("购买主体",),
    "procurement_code": ("采购品目", "政府采购品目", "采购品目编码", "品目编码", "政府采购品目编码"),
    "description": ("说明",),
}
_FIELD_CODEC = {
    "code": "code", "content": "text", "providers": "list", "township": "bool", "basis": "basis",
    "notes": "text", "purchasers": "list", "procurement_code": "code", "description": "text",
}
_LOOKUP = {name: key for key, names in SYNONYMS.items() for name in names}
_ENUM_PREFIX_RE = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[.、．]\s*)")
_DEFAULT_CODE_RE = re.compile(r"^[A-Z](?:\d{2})*$")


def _header_key(value: Any) -> str | None:
    text = _norm_header(value)
    if not text:
        return None
    key = _LOOKUP.get(text)
    if key is None:
        key = _LOOKUP.get(_PAREN_RE.sub("", text))
    return key


class _Merged:
    """Cell values with merged ranges resolved to their top-left value."""

    def __init__(self, ws: Worksheet) -> None:
        self.ws = ws
        self.owner: dict[tuple[int, int], tuple[int, int]] = {}
        self.spans: dict[tuple[int, int], int] = {}
        for merged in ws.merged_cells.ranges:
            min_col, min_row, max_col, max_row = merged.bounds
            for r in range(min_row, max_row + 1):
                for c in range(min_col, max_col + 1):
                    self.owner[(r, c)] = (min_row, min_col)
                    self.spans[(r, c)] = max_col - min_col + 1

    def value(self, row: int, col: int) -> Any:
        r, c = self.owner.get((row, col), (row, col))
        return cells.read(self.ws.cell(r, c).value)

    def span(self, row: int, col: int) -> int:
        return self.spans.get((row, col), 1)


def _find_header(ws: Worksheet, merged: _Merged) -> tuple[int, dict[str, int]] | None:
    for row in range(1, min(ws.max_row, 30) + 1):
        found: dict[str, int] = {}
        for col in range(1, ws.max_column + 1):
            key = _header_key(merged.value(row, col))
            if key and key not in found:
                found[key] = col
        level_count = sum(1 for k in found if k.startswith("level"))
        if level_count >= 2 and ("content" in found or "code" in found):
            return row, found
    return None


def _read_published(wb: Workbook) -> ImportResult:
    result = ImportResult(published=True)
    used_paths: set[str] = set()
    for ws in wb.worksheets:
        if ws.sheet_state != "visible":
            continue
        merged = _Merged(ws)
        header = _find_header(ws, merged)
        if header is None:
            continue
        header_row, columns = header
        data = _published_catalog(ws, merged, header_row, columns, result)
        if data is None:
            continue
        path = _safe_relpath(f"{ws.title}.yaml", used_paths)
        used_paths.add(path)
        missing = [key for key in ("title", "region", "year", "issuer") if key not in data]
        result.documents.append(ImportedDocument(path, data, ws.title, missing))
    if not result.documents:
        sheet = wb.worksheets[0].title if wb.worksheets else "?"
        result.error(
            sheet, "",
            "没有找到目录表头：需要一行表头，含“编码”“一级目录”“二级目录”“三级目录”“服务内容”等列（顺序不限）",
            "no catalog header row found: a row with columns such as 编码, 一级目录, 二级目录, 三级目录, 服务内容 "
            "(in any order) is needed",
        )
    return result


def _published_catalog(
    ws: Worksheet, merged: _Merged, header_row: int, columns: dict[str, int], result: ImportResult
) -> dict[str, Any] | None:
    level_cols = {int(k[-1]): c for k, c in columns.items() if k.startswith("level")}
    max_level = max(level_cols)
    title = None
    for row in range(1, header_row):
        for col in range(1, ws.max_column + 1):
            value = merged.value(row, col)
            if isinstance(value, str) and value.strip():
                title = value.strip()
                break
        if title:
            break
    data: dict[str, Any] = {"kind": "purchase-catalog", "schema": 1}
    if title:
        data["title"] = title
        year = re.search(r"(20\d{2})\s*年", title)
        if year:
            data["year"] = int(year.group(1))
    roots: list[dict[str, Any]] = []
    nodes: dict[tuple[str, ...], dict[str, Any]] = {}
    previous: dict[int, str] = {}
    for row in range(header_row + 1, ws.max_row + 1):
        values = {key: merged.value(row, col) for key, col in columns.items()}
        if all(v is None for k, v in values.items() if k != "seq"):
            continue
        names: dict[int, str] = {}
        for level, col in level_cols.items():
            value = merged.value(row, col)
            if value is not None and merged.span(row, col) < 3:
                names[level] = _ENUM_PREFIX_RE.sub("", cells.as_text(value)).strip()
        if not names:
            result.warn(ws.title, _ref(ws, row, min(level_cols.values())),
                        "这一行没有目录名称，已跳过", "this row has no catalog name; skipped")
            continue
        depth = max(names)
        for level in range(1, depth):  # blank repeated cells: fill down from the rows above
            if level in level_cols and level not in names and level in previous:
                names[level] = previous[level]
        path: list[str] = []
        for level in range(1, depth + 1):
            if level not in level_cols:
                continue
            if level not in names:
                result.error(ws.title, _ref(ws, row, level_cols[level]),
                             f"{_level_label(level)}为空，上方也没有可沿用的名称",
                             f"the level-{level} name is empty and there is none above to repeat")
                break
            path.append(names[level])
        else:
            _place(tuple(path), roots, nodes)
            node = nodes[tuple(path)]
            previous = {level: names[level] for level in names if level <= depth}
            _published_fields(ws, row, columns, values, node, result)
    if not roots:
        result.warn(ws.title, _ref(ws, header_row, 1), "表头下没有事项行", "no item rows under the header")
        return None
    _assign_codes(roots)
    for node in nodes.values():
        if "children" in node and "content" in node:
            node.setdefault("description", node.pop("content"))
    del max_level
    data["categories"] = roots
    return data


def _place(path: tuple[str, ...], roots: list[dict[str, Any]], nodes: dict[tuple[str, ...], dict[str, Any]]) -> None:
    for depth in range(1, len(path) + 1):
        key = path[:depth]
        if key in nodes:
            continue
        node: dict[str, Any] = {"name": key[-1]}
        nodes[key] = node
        if depth == 1:
            roots.append(node)
        else:
            parent = nodes[key[:-1]]
            parent.setdefault("children", []).append(node)


def _published_fields(ws: Worksheet, row: int, columns: dict[str, int], values: dict[str, Any],
                      node: dict[str, Any], result: ImportResult) -> None:
    for key, codec_name in _FIELD_CODEC.items():
        raw = values.get(key)
        if raw is None:
            continue
        col = columns[key]
        if key == "basis":
            node["basis"] = _lenient_basis(ws, row, col, raw, result)
            continue
        try:
            node[key] = cells.CODECS[codec_name].parse(raw)
        except cells.CellValueError as exc:
            result.error(ws.title, _ref(ws, row, col), exc.zh, exc.en)


def _lenient_basis(ws: Worksheet, row: int, col: int, raw: Any, result: ImportResult) -> list[dict[str, str]]:
    out = []
    for line in cells.LINE_SPLIT_RE.split(cells.as_text(raw)):
        line = line.strip()
        if not line:
            continue
        try:
            entry = cells.parse_basis_line(line)
        except cells.CellValueError:
            result.warn(ws.title, _ref(ws, row, col),
                        f"设定依据“{line}”没有写成 【层级】《文件名称》条款，已整行作为文件名称导入，请核对",
                        f"legal basis {line!r} is not written as 【level】《title》article; imported whole as the title")
            entry = {"title": line}
        if "level" not in entry:
            result.warn(ws.title, _ref(ws, row, col), f"设定依据“{line}”没有写明效力层级（如【行政法规】）",
                        f"legal basis {line!r} does not state its level (e.g. 【行政法规】)")
        out.append(entry)
    return out


def _assign_codes(roots: list[dict[str, Any]]) -> None:
    """Give every node a code: its own if the table had one, else derived from a child's or generated."""

    def derive(node: dict[str, Any], depth: int) -> str | None:
        if "code" in node:
            return str(node["code"])
        for child in node.get("children", []):
            code = derive(child, depth + 1)
            if code and _DEFAULT_CODE_RE.match(code) and len(code) == 1 + 2 * depth:
                return code[: 1 + 2 * (depth - 1)]
        return None

    def fill(nodes: list[dict[str, Any]], parent_code: str, depth: int) -> None:
        used = {str(n["code"]) for n in nodes if "code" in n}
        counter = 0
        for node in nodes:
            if "code" not in node:
                code = derive(node, depth)
                while code is None or code in used:
                    counter += 1
                    code = chr(ord("A") + counter - 1) if depth == 1 and counter <= 26 else (
                        f"{parent_code}{counter:02d}" if depth > 1 else f"Z{counter:02d}")
                node["code"] = code
                used.add(code)
            _reorder(node)
            if "children" in node:
                fill(node["children"], str(node["code"]), depth + 1)

    fill(roots, "", 1)


def _reorder(node: dict[str, Any]) -> None:
    keys = ["code", "name"]
    items = {k: node.pop(k) for k in keys if k in node}
    rest = dict(node)
    node.clear()
    node.update(items)
    node.update(rest)
