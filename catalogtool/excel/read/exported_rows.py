"""The rows of a sheet `export` wrote, read back into entries: a list's rows, or a tree's.

Columns are found by their headers (the table's, catalogtool.kinds), each cell
read by its column's codec; a row's 保留字段 gives back what its cells could not
show, while they still show what export wrote.  A tree's row goes under the
nearest directory rows above it, its level being the level column holding its
name; a row whose place is unclear is an error at its cell.
"""

from __future__ import annotations

import re
from typing import Any

from openpyxl.utils import get_column_letter

from catalogtool.excel.read.reading import (
    Origin,
    Reading,
    check_header_row,
    display_text,
    level_label,
    norm_header,
    ref,
    warn_number_code,
)
from catalogtool.excel.read.sheet import Sheet
from catalogtool.kinds.codecs import CellValueError, as_text, load_json
from catalogtool.kinds.columns import LEVEL_NAMES, MAX_LEVELS, RESERVED_HEADER, SEQ, Column, put_at
from catalogtool.kinds.layout import Table
from catalogtool.problems import Message

_LEVEL_HEADER_RE = re.compile(f"^([{LEVEL_NAMES}])级目录$")
_SUMMARY_SEQ_RE = re.compile(r"^(?:小计|合计|[一二三四五六七八九十]+|（[一二三四五六七八九十]+）|\([一二三四五六七八九十]+\))$")


def _header_map(ws: Sheet, header_row: int, reading: Reading) -> dict[str, int]:
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


def _reserved(ws: Sheet, row: int, col: int | None, reading: Reading) -> dict[tuple[str, ...], tuple[Any, Any]]:
    if col is None:
        return {}
    raw = reading.value(ws, row, col)
    if raw is None:
        return {}
    try:
        entries = load_json(as_text(raw))
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
    ws: Sheet, row: int, columns: list[tuple[Column, int]], reserved: dict[tuple[str, ...], tuple[Any, Any]],
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
            current = None if raw is None else as_text(raw)
            if current == shown:
                put_at(entry, path, value)
                continue
        if raw is None:
            continue
        if col.codec.code and isinstance(raw, (int, float)) and not isinstance(raw, bool):
            warn_number_code(ws, row, index, col, raw, reading)
        try:
            put_at(entry, path, col.codec.decode(raw))
        except CellValueError as exc:
            reading.error(ws.title, ref(row, index), Message(f"{col.header}：{exc.message.zh}", f"{col.header}: {exc.message.en}"))
    for path, (_shown, value) in reserved.items():
        if path not in handled:
            put_at(entry, path, value)


def _columns_for(ws: Sheet, header_row: int, known: list[Column], reading: Reading
                 ) -> tuple[list[tuple[Column, int]], int | None, dict[str, int]]:
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
    for col in known:
        if col.required and norm_header(col.header) not in headers:
            reading.error(ws.title, ref(header_row, 1), Message(f"第 {header_row} 行表头中缺少“{col.header}”列",
                          f"the header row {header_row} has no {col.header!r} column"))
    for col in known:
        if (col.role == "field" and not col.optional and not col.required
                and norm_header(col.header) not in headers):
            reading.warn(ws.title, ref(header_row, 1),
                         Message(f"第 {header_row} 行表头中没有“{col.header}”列（已删除？），各行的{col.header}都不会导入",
                         f"the header row {header_row} has no {col.header!r} column (deleted?); "
                         "that field is not imported for any row"))
    return fields, reserved_col, headers


def _data_rows(ws: Sheet, header_row: int, used_cols: list[int], reading: Reading) -> list[int]:
    """The rows below the header with something in a column that is read."""
    used = set(used_cols)
    rows = []
    for row in reading.data_rows(ws, header_row):
        filled = [c for c in reading.columns(ws, row) if c in used]
        if any([reading.value(ws, row, c) is not None for c in filled]):  # every cell: each is checked
            rows.append(row)
    return rows


def _column_of(fields: list[tuple[Column, int]], path: tuple[str, ...]) -> int | None:
    return next((index for col, index in fields if col.path == path), None)


def _field_origin(ws: Sheet, row: int, at: int, fields: list[tuple[Column, int]]) -> Origin:
    return Origin(ws.title, (row, at), {col.path: (row, index) for col, index in fields if col.path is not None})


def read_list_sheet(ws: Sheet, header_row: int, table: Table, reading: Reading) -> list[dict[str, Any]]:
    """One entry per row that holds something in a column read."""
    fields, reserved_col, headers = _columns_for(ws, header_row, table.columns(), reading)
    used = [i for _, i in fields] + ([reserved_col] if reserved_col else [])
    name_col = _column_of(fields, ("name",)) or _column_of(fields, ("code",)) or min(used, default=1)
    seq_col = headers.get(norm_header(SEQ.header))
    entries = []
    for row in _data_rows(ws, header_row, used, reading):
        if seq_col is not None and _summary_row(reading.raw(ws, row, seq_col)):
            continue  # a category heading, 小计 or 合计 (excel/write/grouped.py): not an entry
        entry: dict[str, Any] = {}
        _read_fields(ws, row, fields, _reserved(ws, row, reserved_col, reading), reading, entry)
        reading.origin(entry, _field_origin(ws, row, name_col, fields))
        entries.append(entry)
    return entries


def _summary_row(seq: Any) -> bool:
    """Whether a 序号 cell marks a row that is no entry: 一, （二）, 小计, 合计."""
    return isinstance(seq, str) and bool(_SUMMARY_SEQ_RE.match(seq.strip()))


def read_tree_sheet(ws: Sheet, header_row: int, table: Table, reading: Reading) -> list[dict[str, Any]]:
    """The tree the rows make: each row's level is the deepest level column holding a name."""
    fields, reserved_col, headers = _columns_for(ws, header_row, table.columns(MAX_LEVELS), reading)
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
        if shown_name is not None and as_text(name_raw) == shown_name[0]:
            node["name"] = shown_name[1]
        else:
            node["name"] = as_text(name_raw)
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


def _check_ancestors(ws: Sheet, row: int, depth: int, names: dict[int, Any], levels: dict[int, int],
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
        given_text = as_text(given)
        if given_text != above:
            reading.warn(ws.title, ref(row, levels[level]),
                         Message(f"{level_label(level)}写的是“{given_text}”，但上方最近的{level_label(level)}行是"
                         f"“{above}”；按行的位置归入后者（要移动事项，请移动整行）",
                         f"the level-{level} name says {given_text!r} but the nearest level-{level} row "
                         f"above is {above!r}; the row's position wins (move the whole row to move an item)"))
            if other is None:
                other = (level, given_text, above)
