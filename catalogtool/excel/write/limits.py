"""Text that no Excel cell can hold (more than 32,767 characters), found before anything is written.

Excel cuts such a cell or refuses the whole file, so export must refuse it
instead.  The cells each entry fills are computed as the sheets compute them
(rows.encode_entry), so a list that only grows too long once its parts are
joined, or a 保留字段 cell, is found too; each is named where the user can fix
it, at the file:line:column of the value.  Cells put together from several
values (a sheet's subtitle, the cover, the comparison sheet) are checked once
the sheets are written (cells.put refuses them), at their Sheet!cell.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from catalogtool.document import join_pointer
from catalogtool.excel import cells
from catalogtool.excel.write.context import HEADER_LABELS, Context
from catalogtool.excel.write.rows import encode_entry, reserved_text
from catalogtool.kinds import Kind
from catalogtool.kinds.columns import Column
from catalogtool.problems import Message
from catalogtool.sources import Source

LIMIT = cells.MAX_CELL_CHARS


def _too_long(ctx: Context, where: str, label: Message, length: int) -> None:
    ctx.error(
        Message(f"{where}: {label.zh}有 {length} 个字符，超过 Excel 单元格能容纳的 {LIMIT} 个字符，无法导出；请缩短或分成几项",
        f"{where}: {label.en} has {length} characters, more than an Excel cell holds ({LIMIT}); "
        "cannot export: shorten it or split it"),
    )


def check_document(source: Source, kind: Kind, ctx: Context) -> None:
    """Report every value of `source` whose cell would exceed the limit, at its file:line:column."""
    data = source.data
    for key, value in data.items():
        if key in kind.data_keys and isinstance(value, list):
            continue
        _check_strings(value, join_pointer("", key), str(key), source, ctx)
    for section in kind.sections:
        entries = data.get(section.key)
        if section.table is None or not isinstance(entries, list):
            continue
        columns = section.table.columns()
        if section.table.tree:
            _check_tree(entries, join_pointer("", section.key), columns, source, ctx)
            continue
        for index, entry in enumerate(entries):
            if isinstance(entry, dict):
                _check_entry(entry, join_pointer(join_pointer("", section.key), index), columns, (), source, ctx)


def _check_strings(value: Any, pointer: str, key: str, source: Source, ctx: Context) -> None:
    """Header fields: each string is shown whole in some cell (the cover, a title row)."""
    if isinstance(value, str):
        if cells.stored_length(value) > LIMIT:
            _too_long(ctx, source.at(pointer), Message(HEADER_LABELS.get(key, key), key), cells.stored_length(value))
    elif isinstance(value, dict):
        for child_key, child in value.items():
            _check_strings(child, join_pointer(pointer, child_key), f"{key}.{child_key}", source, ctx)
    elif isinstance(value, list):
        for index, child in enumerate(value):
            _check_strings(child, join_pointer(pointer, index), key, source, ctx)


def _check_tree(nodes: list[Any], pointer: str, columns: Sequence[Column], source: Source, ctx: Context) -> None:
    stack = [(nodes, pointer)]
    while stack:
        current, at = stack.pop()
        for index, node in enumerate(current):
            if not isinstance(node, dict):
                continue
            here = join_pointer(at, index)
            name = node.get("name")
            if isinstance(name, str) and cells.stored_length(name) > LIMIT:
                _too_long(ctx, source.at(join_pointer(here, "name")), Message("名称", "name"), cells.stored_length(name))
            _check_entry(node, here, columns, ("name", "children"), source, ctx)
            children = node.get("children")
            if isinstance(children, list):
                stack.append((children, join_pointer(here, "children")))


def _surely_fits(entry: dict[str, Any], structural: tuple[str, ...]) -> bool:
    """True when no cell of the entry can come near the limit, told without encoding it.

    Every cell the entry fills, its 保留字段 included, is made of the entry's own
    values: at most each value shown once, written as JSON once and escaped once
    more, plus a few marks per value.  The entry as ASCII JSON is at least as long
    as each of its texts in UTF-16 units (what a cell's length counts), so a
    fraction of the limit leaves room for all of that.  A value JSON has no
    writing for (a date, a Decimal) makes the caller encode the entry instead.
    """
    shown = entry
    if "children" in structural and isinstance(entry.get("children"), list) and entry["children"]:
        shown = {key: value for key, value in entry.items() if key != "children"}  # rows of their own
    try:
        return len(json.dumps(shown, ensure_ascii=True, default=_unsure)) * 8 + 1000 <= LIMIT
    except (TypeError, ValueError):
        return False


def _unsure(value: Any) -> Any:
    raise TypeError(type(value).__name__)


def _check_entry(entry: dict[str, Any], pointer: str, columns: Sequence[Column], structural: tuple[str, ...],
                 source: Source, ctx: Context) -> None:
    if _surely_fits(entry, structural):
        return
    values, reserved = encode_entry(entry, columns, structural=structural)
    for index, value in values.items():
        column = columns[index]
        if isinstance(value, str) and cells.stored_length(value) > LIMIT and column.path is not None:
            at = pointer + "".join(join_pointer("", key) for key in column.path)
            _too_long(ctx, source.at(at), Message(column.header, ".".join(column.path)), cells.stored_length(value))
    text = reserved_text(reserved)
    if text is not None and cells.stored_length(text) > LIMIT:
        path, _, _ = max(reserved, key=lambda kept: len(json.dumps(kept, ensure_ascii=False)))
        at = pointer + "".join(join_pointer("", str(key)) for key in path)
        ctx.error(
            Message(f"{source.at(at)}: 这一项有单元格无法原样显示的内容，记在隐藏的“保留字段”中共 {cells.stored_length(text)} 个字符，"
            f"超过 Excel 单元格能容纳的 {LIMIT} 个字符，无法导出；请缩短或分成几项",
            f"{source.at(at)}: this entry's values that no cell shows as they are take {cells.stored_length(text)} "
            "characters in "
            f"the hidden 保留字段 cell, more than an Excel cell holds ({LIMIT}); cannot export: shorten or split them"),
        )


def refuse_cell(error: cells.CellTooLong, ctx: Context) -> None:
    """A cell put together from several values (a subtitle, say) that came out too long, at its Sheet!cell."""
    ctx.error(
        Message(f"{error.where}: 这个单元格由几项文字合成，共 {error.length} 个字符，超过 Excel 单元格能容纳的 {LIMIT} 个字符，"
        "无法导出；请缩短其中的文字",
        f"{error.where}: this cell, put together from several values, would hold {error.length} characters, "
        f"more than an Excel cell holds ({LIMIT}); cannot export"),
    )
