"""The rows of a published catalog table made into a tree: blank repeated cells filled down, merged
name cells read as one entry, codes given where the table has none.

A blank level is filled down from the rows above only while the row is still in
the same directories (every level above it blank, merged down or the same); an
entry whose name cell is merged over several rows is one entry, its other cells
added together.  Each cell is read by its column's codec, a legal basis
leniently (a line not in the 【层级】《文件名称》 form becomes the title, with a
warning); repeated rows are named in warnings.
"""

from __future__ import annotations

import re
from typing import Any

from catalogtool.excel.read.published_header import Header, Merged
from catalogtool.excel.read.reading import (
    Origin,
    Reading,
    display_text,
    level_label,
    ref,
    warn_number_code,
)
from catalogtool.excel.read.sheet import Sheet
from catalogtool.kinds import Kind, codecs
from catalogtool.kinds.codecs import LINE_SPLIT_RE, CellValueError, as_text, parse_basis_line
from catalogtool.kinds.columns import MISSING, Column, put_at, value_at
from catalogtool.problems import Message

_ENUM_PREFIX_RE = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[.、．]\s*)")
_DEFAULT_CODE_RE = re.compile(r"^[A-Z](?:\d{2})*$")


def read_tree(
    ws: Sheet, merged: Merged, header: Header, kind: Kind, section: str, reading: Reading
) -> tuple[dict[str, Any], dict[str, tuple[str, str]]] | None:
    """A document of `kind` whose `section` is the tree the rows under `header` make, and the cells its
    title gave; None when no row names anything."""
    level_cols = header.levels()
    level_owner = set(level_cols.values())
    field_cols = header.fields()
    data: dict[str, Any] = {"kind": kind.id, "schema": 1}
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
        values = {column: merged.value(row, col) for column, col in field_cols.items()}
        names: dict[int, str] = {}
        carried: set[int] = set()
        for level, col in level_cols.items():
            owner_row, owner_col = merged.owner(row, col)
            if owner_col != col and owner_col in level_owner:
                continue  # merged across from a higher level's column: the same name, not a deeper one
            value = merged.value(row, col)
            if value is not None and merged.span(row, col) < 3:
                names[level] = _ENUM_PREFIX_RE.sub("", as_text(value)).strip()
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
            origin.fields.update({column.path: (row, c) for column, c in field_cols.items() if column.path})
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
    data[section] = roots
    return data, header_cells


def _published_title(ws: Sheet, merged: Merged, header_row: int, reading: Reading
                     ) -> tuple[str, tuple[int, int]] | None:
    for row in reading.data_rows(ws, 0, header_row - 1):
        for col in reading.columns(ws, row):
            if merged.owner(row, col) != (row, col):
                continue
            value = merged.value(row, col)
            if isinstance(value, str) and value.strip():
                return value.strip(), (row, col)
    return None


def _nodes_in(roots: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every node of a catalog tree, parents before children."""
    out: list[dict[str, Any]] = []
    stack = list(reversed(roots))
    while stack:
        node = stack.pop()
        out.append(node)
        stack.extend(reversed(node.get("children", [])))
    return out


def _published_path(ws: Sheet, row: int, depth: int, names: dict[int, str], carried: set[int],
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


def _published_value(ws: Sheet, row: int, column: Column, col: int, raw: Any, reading: Reading) -> Any:
    """A field cell's value in the document's type, or None after reporting why it cannot be read."""
    if column.codec is codecs.BASIS:
        return _lenient_basis(ws, row, col, raw, reading)
    if column.codec.code and isinstance(raw, (int, float)) and not isinstance(raw, bool):
        warn_number_code(ws, row, col, column, raw, reading)
    try:
        return column.codec.decode(raw)
    except CellValueError as exc:
        reading.error(ws.title, ref(row, col), exc.message)
        return None


def _published_fields(ws: Sheet, row: int, merged: Merged, columns: dict[Column, int],
                      values: dict[Column, Any], node: dict[str, Any], reading: Reading) -> None:
    for column, col in columns.items():
        raw = values.get(column)
        if raw is None or column.path is None:
            continue
        if column.codec is codecs.BASIS and merged.carried(row, col):
            value: Any = _quiet_basis(raw)  # merged down over several entries: its warnings were given once
        else:
            value = _published_value(ws, row, column, col, raw, reading)
        if value is not None:
            put_at(node, column.path, value)


def _quiet_basis(raw: Any) -> list[dict[str, str]]:
    """A merged-down basis cell read again for the next entry, without repeating its warnings."""
    out = []
    for line in LINE_SPLIT_RE.split(as_text(raw)):
        line = line.strip()
        if line:
            try:
                out.append(parse_basis_line(line))
            except CellValueError:
                out.append({"title": line})
    return out


def _published_more(ws: Sheet, row: int, merged: Merged, columns: dict[Column, int],
                    values: dict[Column, Any], node: dict[str, Any], reading: Reading) -> None:
    """Another row of an entry whose name cell is merged down: text is added on, lists extended."""
    for column, col in columns.items():
        raw = values.get(column)
        path = column.path
        if raw is None or path is None or merged.carried(row, col):
            continue  # merged down too: the same value as above
        value = _published_value(ws, row, column, col, raw, reading)
        if value is None:
            continue
        old = value_at(node, path)
        if old is None or old is MISSING:
            put_at(node, path, value)
            reading.origins[id(node)][1].fields[path] = (row, col)
        elif isinstance(old, list) and isinstance(value, list):
            put_at(node, path, old + [v for v in value if v not in old])
        elif column.codec.multiline and isinstance(old, str) and isinstance(value, str):
            if value != old:
                put_at(node, path, f"{old}\n{value}")
        elif old != value:
            header = column.header
            reading.error(ws.title, ref(row, col),
                          Message(f"{header}“{as_text(raw)}”与上面同一事项（名称单元格合并）的“{display_text(old)}”不同，"
                          "无法确定用哪一个",
                          f"{header} {as_text(raw)!r} differs from {display_text(old)!r} given above for the same "
                          "entry (its name cell is merged); which one is meant is unclear"))


def _lenient_basis(ws: Sheet, row: int, col: int, raw: Any, reading: Reading) -> list[dict[str, str]]:
    out = []
    for line in LINE_SPLIT_RE.split(as_text(raw)):
        line = line.strip()
        if not line:
            continue
        try:
            entry = parse_basis_line(line)
        except CellValueError:
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
