"""A table sheet's rows: a list (one row per entry) or a tree (one row per node, in document order).

Every entry is one row under a frozen, filtered header on row 3.  A tree is the
order of its rows and the level column that holds each row's name; each row
repeats its ancestors' names so a filter on a directory shows all of it, and
directory rows are bold on grey.  Both return the count the cover lists.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from catalogtool.excel.write import streamed, styles
from catalogtool.excel.write.context import Context, text
from catalogtool.excel.write.headings import header_row, title_rows
from catalogtool.excel.write.layout import (
    apply_widths,
    row_height,
    row_heights,
    setup_print,
    widths_for,
)
from catalogtool.excel.write.rows import display, encode_entry, reserved_text
from catalogtool.excel.write.table_rows import put_table
from catalogtool.kinds.columns import MAX_LEVELS, MISSING, Column, level_header
from catalogtool.kinds.layout import Table
from catalogtool.problems import Message
from catalogtool.townships import Township

# --------------------------------------------------------------------------- what lists and trees share


def _printed_width(columns: Sequence[Column]) -> int:
    return max(i for i, c in enumerate(columns, start=1) if c.printed)


def put_rows(ws: Worksheet, columns: Sequence[Column], rows: list[list[Any]], fonts: Sequence[Any],
             fills: Sequence[Any]) -> list[float]:
    """The table's rows from row 4, each row in its font and fill (None: the body's), streamed (streamed.py).

    Returns what each column's content asks for (table_rows.put_table), for `_finish_sheet`.
    """
    return put_table(ws, 4, columns, rows, fonts, fills)


def _finish_sheet(
    ws: Worksheet, columns: Sequence[Column], rows: list[list[Any]], hidden: list[bool], title: str,
    need: Sequence[float],
) -> None:
    last_row = 3 + len(rows)
    last_col = get_column_letter(len(columns))
    printed = [c.printed for c in columns]
    last_printed = max(i for i, p in enumerate(printed, start=1) if p)
    unprinted = [h or not p for h, p in zip(hidden, printed, strict=True)]
    widths = widths_for(need, [c.bounds for c in columns], hidden=unprinted)  # as fit_widths gives them
    apply_widths(ws, widths, hidden)
    ws.row_dimensions[3].height = row_height([c.header for c in columns], widths, hidden=hidden)
    streamed.set_heights(ws, row_heights(rows, widths, hidden=hidden))
    setup_print(
        ws,
        title_rows="3:3",
        header_text=title,
        freeze="A4",
        filter_ref=f"A3:{last_col}{max(last_row, 4)}",
        print_area=f"A1:{get_column_letter(last_printed)}{max(last_row, 3)}",
    )


def _hidden_flags(columns: Sequence[Column], rows: list[list[Any]], township: Township | None) -> list[bool]:
    flags = []
    for index, col in enumerate(columns):
        if col.role == "reserved":
            flags.append(True)
        elif col.optional:
            flags.append(all(r[index] is None for r in rows))
        elif township is not None and col.path == ("township",):
            flags.append(True)
        else:
            flags.append(False)
    return flags


# --------------------------------------------------------------------------- lists


def write_list(ws: Worksheet, title: str, subtitle: str, entries: list[Any], table: Table, path: str,
               ctx: Context) -> str:
    """One row per entry; returns what the cover counts (N 项)."""
    columns = table.columns()
    title_rows(ws, title, subtitle, _printed_width(columns))
    header_row(ws, 3, [c.header for c in columns])
    rows: list[list[Any]] = []
    count = 0
    for entry in entries:
        row: list[Any] = [None] * len(columns)
        if not isinstance(entry, dict):
            ctx.warn(Message(f"{path}：{ws.title} 中有一项不是映射（{text(entry)[:30]}），未导出",
                     f"{path}: an entry of {ws.title} is not a mapping ({text(entry)[:30]}); not exported"))
            continue
        count += 1
        values, reserved = encode_entry(entry, columns)
        for index, value in values.items():
            row[index] = value
        row[0] = count
        row[len(columns) - 1] = reserved_text(reserved)
        rows.append(row)
    need = put_rows(ws, columns, rows, [None] * len(rows), [None] * len(rows))
    hidden = _hidden_flags(columns, rows, None)
    _finish_sheet(ws, columns, rows, hidden, title, need)
    return f"{count} 项"


# --------------------------------------------------------------------------- trees


def _depth(nodes: list[Any], depth: int = 1) -> int:
    deepest = depth - 1
    stack = [(nodes, depth)]
    while stack:
        current, level = stack.pop()
        for node in current:
            if isinstance(node, dict):
                deepest = max(deepest, level)
                if isinstance(node.get("children"), list):
                    stack.append((node["children"], level + 1))
    return deepest


def _walk(nodes: list[Any], path: str, ctx: Context) -> list[tuple[int, dict[str, Any], list[str]]]:
    """(depth, node, ancestor names) in document order."""
    out: list[tuple[int, dict[str, Any], list[str]]] = []

    def visit(current: list[Any], depth: int, names: list[str]) -> None:
        for node in current:
            if not isinstance(node, dict):
                ctx.warn(Message(f"{path}：目录中有一项不是映射（{text(node)[:30]}），未导出",
                         f"{path}: a catalog entry is not a mapping ({text(node)[:30]}); not exported"))
                continue
            out.append((depth, node, names))
            children = node.get("children")
            if isinstance(children, list) and children:
                visit(children, depth + 1, [*names, text(node.get("name"))])

    visit(nodes, 1, [])
    return out


def write_tree(ws: Worksheet, title: str, subtitle: str, nodes: list[Any], table: Table, township: Township | None,
               path: str, ctx: Context) -> str:
    """One row per node; returns what the cover counts (directories per level, then items)."""
    count = _write_tree_rows(ws, title, subtitle, nodes, table, township, path, ctx)
    return _tree_count_text(_level_counts(nodes), count, township, table.items_label)


def _write_tree_rows(ws: Worksheet, title: str, subtitle: str, nodes: list[Any], table: Table,
                     township: Township | None, path: str, ctx: Context) -> int:
    depth = _depth(nodes)
    if depth > MAX_LEVELS:
        ctx.error(Message(f"{path}：目录有 {depth} 级，导出最多支持 {MAX_LEVELS} 级",
                  f"{path}: the catalog has {depth} levels; export supports at most {MAX_LEVELS}"))
        return 0
    columns = table.columns(depth)
    level_index = {c.level: i for i, c in enumerate(columns) if c.role == "level"}
    title_rows(ws, title, subtitle, _printed_width(columns))
    header_row(ws, 3, [c.header for c in columns])
    rows: list[list[Any]] = []
    kinds: list[int] = []  # 0 for an item, else the directory's depth
    count = 0
    for level, node, names in _walk(nodes, path, ctx):
        row: list[Any] = [None] * len(columns)
        values, reserved = encode_entry(node, columns, structural=("name", "children"))
        for index, value in values.items():
            row[index] = value
        for ancestor_level, name in enumerate(names, start=1):
            row[level_index[ancestor_level]] = name or None
        name = node.get("name", MISSING)
        if isinstance(name, str) and name:
            row[level_index[level]] = name
        elif name is not MISSING:
            shown = display(name)
            row[level_index[level]] = shown
            reserved.insert(0, [["name"], shown, name])
        children = node.get("children", MISSING)
        if children is not MISSING and not (isinstance(children, list) and children):
            reserved.append([["children"], None, children])
        is_item = "children" not in node
        if is_item:
            count += 1
            row[0] = count
        row[-1] = reserved_text(reserved)
        rows.append(row)
        kinds.append(0 if is_item else level)
    need = put_rows(ws, columns, rows, [styles.BOLD_FONT if directory else None for directory in kinds],
                    [styles.DIRECTORY_FILLS[min(directory, 3) - 1] if directory else None for directory in kinds])
    hidden = _hidden_flags(columns, rows, township)
    _finish_sheet(ws, columns, rows, hidden, title, need)
    return count


def _level_counts(nodes: list[Any]) -> Counter[int]:
    counts: Counter[int] = Counter()
    stack = [(nodes, 1)]
    while stack:
        current, level = stack.pop()
        for node in current:
            if isinstance(node, dict) and "children" in node:
                counts[level] += 1
                if isinstance(node["children"], list):
                    stack.append((node["children"], level + 1))
    return counts


def _tree_count_text(levels: Counter[int], items: int, township: Township | None, label: str) -> str:
    parts = [f"{level_header(level)} {levels[level]} 个" for level in sorted(levels)]
    parts.append(f"{'乡镇' if township else ''}{label} {items} 项")
    return "，".join(parts)
