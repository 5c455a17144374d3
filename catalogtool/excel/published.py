"""Published catalog tables read as a purchase catalog: the header found by its words, merged and
blank repeated cells filled down.

A header row with 编码 / 一级目录 / 二级目录 / 三级目录 / 服务内容 ... in any order
(SYNONYMS lists the words known) is looked for in the first 30 rows of every
visible sheet.  A blank level is filled down from the rows above only while the
row is still in the same directories (every level above it blank, merged down or
the same); an entry whose name cell is merged over several rows is one entry, its
other cells added together.  Columns not known, repeated rows and sheets without
a header are named in warnings, so nothing is left out unsaid.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from catalogtool.excel import cells
from catalogtool.excel.reading import (
    ImportedDocument,
    Origin,
    Reading,
    check_header_row,
    display_text,
    level_label,
    norm_header,
    ref,
    safe_relpath,
)
from catalogtool.problems import Message

_PAREN_RE = re.compile(r"[（(][^）)]*[）)]")


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
_FIELD_HEADER = {
    "code": "编码", "content": "服务内容", "providers": "承接主体", "township": "乡镇适用", "basis": "设定依据",
    "notes": "备注", "purchasers": "购买主体", "procurement_code": "采购品目", "description": "说明",
}
_LOOKUP = {name: key for key, names in SYNONYMS.items() for name in names}
_ENUM_PREFIX_RE = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[.、．]\s*)")
_DEFAULT_CODE_RE = re.compile(r"^[A-Z](?:\d{2})*$")


def _header_key(value: Any) -> str | None:
    text = norm_header(value)
    if not text:
        return None
    key = _LOOKUP.get(text)
    if key is None:
        key = _LOOKUP.get(_PAREN_RE.sub("", text))
    return key


class _Merged:
    """Cell values with merged ranges resolved to their top-left value."""

    def __init__(self, ws: Worksheet, reading: Reading) -> None:
        self.ws = ws
        self.reading = reading
        self.owners: dict[tuple[int, int], tuple[int, int]] = {}
        self.spans: dict[tuple[int, int], int] = {}
        for merged in ws.merged_cells.ranges:
            min_col, min_row, max_col, max_row = merged.bounds
            for r in range(min_row, max_row + 1):
                for c in range(min_col, max_col + 1):
                    self.owners[(r, c)] = (min_row, min_col)
                    self.spans[(r, c)] = max_col - min_col + 1

    def owner(self, row: int, col: int) -> tuple[int, int]:
        return self.owners.get((row, col), (row, col))

    def value(self, row: int, col: int) -> Any:
        """The value shown, checked (a formula never calculated is reported)."""
        return self.reading.value(self.ws, *self.owner(row, col))

    def raw(self, row: int, col: int) -> Any:
        """The value shown, unchecked: for looking for the header row."""
        return cells.read(self.ws.cell(*self.owner(row, col)).value)

    def carried(self, row: int, col: int) -> bool:
        """Is this cell the continuation of a cell merged down from a row above?"""
        return self.owner(row, col)[0] < row

    def span(self, row: int, col: int) -> int:
        return self.spans.get((row, col), 1)


@dataclass(slots=True)
class _Header:
    row: int
    columns: dict[str, int]  # field key (code, level1, content ...) -> column
    ignored: list[tuple[int, str, str]]  # (column, header text, why) of the header cells not read


def _find_header(ws: Worksheet, merged: _Merged, reading: Reading) -> _Header | None:
    for row in reading.data_rows(ws, 0, 30):
        found: dict[str, int] = {}
        ignored: list[tuple[int, str, str]] = []
        for col in reading.columns(ws, row):
            if merged.owner(row, col)[1] != col:
                continue  # merged across from the column on the left: the same header
            value = merged.raw(row, col)
            key = _header_key(value)
            if key is None:
                if norm_header(value):
                    ignored.append((col, norm_header(value), ""))
            elif key in found:
                ignored.append((col, norm_header(value), get_column_letter(found[key])))
            else:
                found[key] = col
        level_count = sum(1 for k in found if k.startswith("level"))
        if level_count >= 2 and ("content" in found or "code" in found):
            return _Header(row, found, ignored)
    return None


def read_published(wb: Workbook, reading: Reading) -> None:
    result = reading.result
    result.published = True
    used_paths: set[str] = set()
    skipped: list[Worksheet] = []
    empty: list[tuple[Worksheet, _Header]] = []  # a header with nothing under it that became an entry
    for ws in wb.worksheets:
        if ws.sheet_state != "visible":
            continue
        merged = _Merged(ws, reading)
        header = _find_header(ws, merged, reading)
        if header is None:
            if not reading.sheet(ws).empty:
                skipped.append(ws)
            continue
        check_header_row(ws, header.row, reading)
        for col, text, first in header.ignored:
            if first:
                reading.warn(ws.title, ref(header.row, col),
                             Message(f"列“{text}”与 {first} 列是同一项，只读取 {first} 列，本列已忽略",
                             f"column {text!r} means the same as column {first}; only column {first} is read"))
            else:
                reading.warn(ws.title, ref(header.row, col),
                             Message(f"列“{text}”不是目录表认得的列，已忽略（认得的列名见 docs/excel.md）",
                             f"column {text!r} is not a catalog table column; ignored (see docs/excel.md)"))
        found = _published_catalog(ws, merged, header, reading)
        if found is None:
            empty.append((ws, header))
            continue
        data, header_cells = found
        path = safe_relpath(f"{ws.title}.yaml", used_paths)
        used_paths.add(path)
        missing = [key for key in ("title", "region", "year", "issuer") if key not in data]
        result.documents.append(ImportedDocument(path, data, ws.title, missing,
                                                 reading.cell_map(data, ws.title, header_cells)))
    for ws, header in empty:
        _say_empty(ws, header, reading, fatal=not result.documents)
    if not result.documents and not empty:
        sheet = wb.worksheets[0].title if wb.worksheets else "?"
        reading.error(
            sheet, "",
            Message("没有找到目录表头：需要一行表头，含“编码”“一级目录”“二级目录”“三级目录”“服务内容”等列（顺序不限）",
            "no catalog header row found: a row with columns such as 编码, 一级目录, 二级目录, 三级目录, 服务内容 "
            "(in any order) is needed"),
        )
        return
    for ws in skipped:
        reading.warn(ws.title, "", Message(f"工作表“{ws.title}”中没有找到目录表头，已跳过",
                     f"no catalog header row found on sheet {ws.title!r}; skipped"))


def _say_empty(ws: Worksheet, header: _Header, reading: Reading, *, fatal: bool) -> None:
    """A header under which no entry was read: one message, an error when nothing at all can be imported.

    When the rows under it were there but each was refused, their own errors have said why.
    """
    if reading.data_rows(ws, header.row):
        if fatal and not any(p.level == "error" and p.sheet == ws.title for p in reading.result.problems):
            reading.error(ws.title, ref(header.row, 1), Message("表头下的行都没有目录或事项名称，没有可导入的事项",
                          "no row under the header names a directory or an item; nothing to import"))
        return
    if fatal:
        reading.error(ws.title, ref(header.row, 1),
                      Message(f"表头下没有事项行：第 {header.row} 行是目录表头，但下面是空的，没有可导入的事项",
                      f"no item rows under the header: row {header.row} is a catalog header with nothing below it"))
    else:
        reading.warn(ws.title, ref(header.row, 1), Message("表头下没有事项行，已跳过",
                     "no item rows under the header; skipped"))


def _published_title(ws: Worksheet, merged: _Merged, header_row: int, reading: Reading
                     ) -> tuple[str, tuple[int, int]] | None:
    for row in reading.data_rows(ws, 0, header_row - 1):
        for col in reading.columns(ws, row):
            if merged.owner(row, col) != (row, col):
                continue
            value = merged.value(row, col)
            if isinstance(value, str) and value.strip():
                return value.strip(), (row, col)
    return None


def _published_catalog(
    ws: Worksheet, merged: _Merged, header: _Header, reading: Reading
) -> tuple[dict[str, Any], dict[str, tuple[str, str]]] | None:
    columns = header.columns
    level_cols = {int(k[-1]): c for k, c in columns.items() if k.startswith("level")}
    level_owner = set(level_cols.values())
    field_cols = {k: c for k, c in columns.items() if k in _FIELD_CODEC}
    data: dict[str, Any] = {"kind": "purchase-catalog", "schema": 1}
    header_cells: dict[str, tuple[str, str]] = {}
    title = _published_title(ws, merged, header.row, reading)
    if title:
        data["title"] = title[0]
        header_cells["/title"] = (ws.title, ref(*title[1]))
        year = re.search(r"(20\d{2})\s*年", title[0])
        if year:
            data["year"] = int(year.group(1))
            header_cells["/year"] = header_cells["/title"]
    roots: list[dict[str, Any]] = []
    nodes: dict[tuple[str, ...], dict[str, Any]] = {}
    defined: dict[tuple[str, ...], int] = {}  # path -> the row that gave it (its name at its own level)
    previous: dict[int, str] = {}
    previous_path: tuple[str, ...] = ()
    for row in reading.data_rows(ws, header.row):
        values = {key: merged.value(row, col) for key, col in field_cols.items()}
        names: dict[int, str] = {}
        carried: set[int] = set()
        for level, col in level_cols.items():
            owner_row, owner_col = merged.owner(row, col)
            if owner_col != col and owner_col in level_owner:
                continue  # merged across from a higher level's column: the same name, not a deeper one
            value = merged.value(row, col)
            if value is not None and merged.span(row, col) < 3:
                names[level] = _ENUM_PREFIX_RE.sub("", cells.as_text(value)).strip()
                if owner_row < row:
                    carried.add(level)
        if not names:
            if any(v is not None for v in values.values()):
                reading.warn(ws.title, ref(row, min(level_cols.values())),
                             Message("这一行没有目录名称，已跳过", "this row has no catalog name; skipped"))
            continue
        depth = max(names)
        path = _published_path(ws, row, depth, names, carried, previous, level_cols, reading)
        if path is None:
            continue
        key = tuple(path)
        continued = key == previous_path and depth in carried and key in defined
        if continued:  # the name cell is merged down over several rows: one entry, written over them
            _published_more(ws, row, merged, field_cols, values, nodes[key], reading)
        else:
            if key in defined:
                reading.warn(ws.title, ref(row, level_cols[depth]),
                             Message(f"第 {defined[key]} 行已有“{'／'.join(path)}”，本行作为另一个同名条目导入；如是重复的行，请删除",
                             f"row {defined[key]} already gives {'/'.join(path)!r}; this row is imported as another "
                             "entry of that name (delete it if it is a repeat)"))
                for stale in [k for k in nodes if k[: len(key)] == key]:  # the earlier entry and its subtree
                    del nodes[stale]
                    defined.pop(stale, None)
            _place(key, roots, nodes, ws.title, row, level_cols, reading)
            defined[key] = row
            node = nodes[key]
            origin = reading.origins[id(node)][1]
            origin.at = (row, level_cols[depth])
            origin.fields.update({(k,): (row, c) for k, c in field_cols.items()})
            _published_fields(ws, row, merged, field_cols, values, node, reading)
        previous = {level: names[level] for level in names if level <= depth}
        previous_path = key
    if not roots:
        return None  # read_published says so, once
    _assign_codes(roots)
    for node in _nodes_in(roots):
        if "children" in node and "content" in node:
            content = node.pop("content")
            origin = reading.origins[id(node)][1]
            at = origin.fields.get(("content",))
            if "description" in node:
                node["description"] = f"{content}\n{node['description']}"
                reading.warn(ws.title, ref(*at) if at else "",
                             Message(f"“{node.get('name')}”是目录（下面有事项），目录没有服务内容；已把服务内容并入说明",
                             f"{node.get('name')!r} is a directory (it has entries below it), which has no content; "
                             "the content was added to its description"))
            else:
                node["description"] = content
                if at is not None:
                    origin.fields[("description",)] = at
    data["categories"] = roots
    return data, header_cells


def _nodes_in(roots: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every node of a catalog tree, parents before children."""
    out: list[dict[str, Any]] = []
    stack = list(reversed(roots))
    while stack:
        node = stack.pop()
        out.append(node)
        stack.extend(reversed(node.get("children", [])))
    return out


def _published_path(ws: Worksheet, row: int, depth: int, names: dict[int, str], carried: set[int],
                    previous: dict[int, str], level_cols: dict[int, int], reading: Reading) -> list[str] | None:
    """The row's place: its names, blank upper levels filled down from the rows above.

    A blank level is filled down only while every level above it on the row was blank,
    merged down or the same as in the row above: a row that names a new 一级目录 and
    leaves 二级目录 blank does not belong to the previous group's 二级目录.
    """
    following = True  # the row is still in the same directories as the row above
    new_at: tuple[int, str] | None = None
    for level in range(1, depth):
        if level not in level_cols:
            continue
        if level in names:
            if following and level not in carried and names[level] != previous.get(level):
                following = False
                new_at = (level, names[level])
            continue
        if following and level in previous:
            names[level] = previous[level]
    path: list[str] = []
    for level in range(1, depth + 1):
        if level not in level_cols:
            continue
        if level not in names:
            if new_at is not None and level in previous:
                nlevel, nname = new_at
                reading.error(
                    ws.title, ref(row, level_cols[level]),
                    Message(f"{level_label(level)}为空：本行的{level_label(nlevel)}“{nname}”与上一行不同，"
                    f"不能沿用上一行的{level_label(level)}“{previous[level]}”；请填写{level_label(level)}",
                    f"the level-{level} name is empty: the row gives a new level-{nlevel} name {nname!r}, so the "
                    f"level-{level} name {previous[level]!r} of the row above does not carry over; fill it in"),
                )
            else:
                reading.error(ws.title, ref(row, level_cols[level]),
                              Message(f"{level_label(level)}为空，上方也没有可沿用的名称",
                              f"the level-{level} name is empty and there is none above to repeat"))
            return None
        path.append(names[level])
    return path


def _place(path: tuple[str, ...], roots: list[dict[str, Any]], nodes: dict[tuple[str, ...], dict[str, Any]],
           sheet: str, row: int, level_cols: dict[int, int], reading: Reading) -> None:
    levels = sorted(level_cols)
    for depth in range(1, len(path) + 1):
        key = path[:depth]
        if key in nodes:
            continue
        node: dict[str, Any] = {"name": key[-1]}
        nodes[key] = node
        reading.origin(node, Origin(sheet, (row, level_cols[levels[depth - 1]])))
        if depth == 1:
            roots.append(node)
        else:
            parent = nodes[key[:-1]]
            parent.setdefault("children", []).append(node)


def _published_value(ws: Worksheet, row: int, key: str, col: int, raw: Any, reading: Reading) -> Any:
    """A field cell's value in the document's type, or None after reporting why it cannot be read."""
    if key == "basis":
        return _lenient_basis(ws, row, col, raw, reading)
    if _FIELD_CODEC[key] == "code" and isinstance(raw, (int, float)) and not isinstance(raw, bool):
        header = _FIELD_HEADER[key]
        reading.warn(ws.title, ref(row, col),
                     Message(f"{header}“{cells.as_text(raw)}”是数字，已按文本读取；如原编码有前导 0，请补回",
                     f"{header} {cells.as_text(raw)} is a number; read as text, restore any leading zeros"))
    try:
        return cells.CODECS[_FIELD_CODEC[key]].parse(raw)
    except cells.CellValueError as exc:
        reading.error(ws.title, ref(row, col), exc.message)
        return None


def _published_fields(ws: Worksheet, row: int, merged: _Merged, columns: dict[str, int], values: dict[str, Any],
                      node: dict[str, Any], reading: Reading) -> None:
    for key, col in columns.items():
        raw = values.get(key)
        if raw is None:
            continue
        if key == "basis" and merged.carried(row, col):
            value: Any = _quiet_basis(raw)  # merged down over several entries: its warnings were given once
        else:
            value = _published_value(ws, row, key, col, raw, reading)
        if value is not None:
            node[key] = value


def _quiet_basis(raw: Any) -> list[dict[str, str]]:
    """A merged-down basis cell read again for the next entry, without repeating its warnings."""
    out = []
    for line in cells.LINE_SPLIT_RE.split(cells.as_text(raw)):
        line = line.strip()
        if line:
            try:
                out.append(cells.parse_basis_line(line))
            except cells.CellValueError:
                out.append({"title": line})
    return out


def _published_more(ws: Worksheet, row: int, merged: _Merged, columns: dict[str, int], values: dict[str, Any],
                    node: dict[str, Any], reading: Reading) -> None:
    """Another row of an entry whose name cell is merged down: text is added on, lists extended."""
    for key, col in columns.items():
        raw = values.get(key)
        if raw is None or merged.carried(row, col):
            continue  # merged down too: the same value as above
        value = _published_value(ws, row, key, col, raw, reading)
        if value is None:
            continue
        old = node.get(key)
        if old is None:
            node[key] = value
            reading.origins[id(node)][1].fields[(key,)] = (row, col)
        elif isinstance(old, list) and isinstance(value, list):
            node[key] = old + [v for v in value if v not in old]
        elif _FIELD_CODEC[key] == "text" and isinstance(old, str) and isinstance(value, str):
            if value != old:
                node[key] = f"{old}\n{value}"
        elif old != value:
            header = _FIELD_HEADER[key]
            reading.error(ws.title, ref(row, col),
                          Message(f"{header}“{cells.as_text(raw)}”与上面同一事项（名称单元格合并）的“{display_text(old)}”不同，"
                          "无法确定用哪一个",
                          f"{header} {cells.as_text(raw)!r} differs from {display_text(old)!r} given above for the same "
                          "entry (its name cell is merged); which one is meant is unclear"))


def _lenient_basis(ws: Worksheet, row: int, col: int, raw: Any, reading: Reading) -> list[dict[str, str]]:
    out = []
    for line in cells.LINE_SPLIT_RE.split(cells.as_text(raw)):
        line = line.strip()
        if not line:
            continue
        try:
            entry = cells.parse_basis_line(line)
        except cells.CellValueError:
            reading.warn(ws.title, ref(row, col),
                         Message(f"设定依据“{line}”没有写成 【层级】《文件名称》条款，已整行作为文件名称导入，请核对",
                         f"legal basis {line!r} is not written as 【level】《title》article; imported whole as the title"))
            entry = {"title": line}
        if "level" not in entry:
            reading.warn(ws.title, ref(row, col), Message(f"设定依据“{line}”没有写明效力层级（如【行政法规】）",
                         f"legal basis {line!r} does not state its level (e.g. 【行政法规】)"))
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
