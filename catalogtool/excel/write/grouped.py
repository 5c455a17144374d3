"""A grouped list sheet (年度购买计划): projects under their catalog categories, with 小计 and 合计 rows.

Each category is a heading row (一、养老服务 / （一）居家养老服务) above its projects
and a 小计 row below them (a 二级 group only when its 一级 has several); a 合计 row ends the sheet.  Those rows say what they are
in the 序号 column (一, （一）, 小计, 合计), which import reads to pass them by
(catalogtool.excel.read.exported_rows); projects have their number there.  The sums
are exact decimals written as numbers with the ¥ format, so they print as
¥216,000.00 and Excel or WPS can add them up again.  Grouping puts projects in
catalog order; the document's own order is returned for the hidden sheet, so import
restores it while the sheet's rows are as exported.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from openpyxl.worksheet.worksheet import Worksheet

from catalogtool import money
from catalogtool.excel.write import styles
from catalogtool.excel.write.context import Context, text
from catalogtool.excel.write.groups import Group, money_cell, total
from catalogtool.excel.write.headings import header_row, title_rows
from catalogtool.excel.write.rows import encode_entry, reserved_text
from catalogtool.excel.write.tables import _finish_sheet, _hidden_flags, _printed_width, put_rows
from catalogtool.kinds.layout import Table
from catalogtool.problems import Message

NUMERALS = "一二三四五六七八九十"
SUBTOTAL = "小计"
TOTAL = "合计"


def numeral(number: int) -> str:
    """1 -> 一, 12 -> 十二, 35 -> 三十五 (headings of up to 99 categories; more read as digits)."""
    if number <= 10:
        return NUMERALS[number - 1]
    if number < 20:
        return "十" + NUMERALS[number - 11]
    if number < 100:
        tens, ones = divmod(number, 10)
        return NUMERALS[tens - 1] + "十" + (NUMERALS[ones - 1] if ones else "")
    return str(number)


def write_grouped(ws: Worksheet, title: str, subtitle: str, block: str, entries: list[Any], table: Table,
                  groups: list[Group], path: str, ctx: Context) -> tuple[str, list[int]]:
    """Write the sheet; return what the cover counts and the document index of each project row, in order."""
    columns = table.columns()
    title_rows(ws, title, "\n".join(line for line in (subtitle, block) if line), _printed_width(columns))
    if block:
        ws["A2"].alignment = styles.LEFT
        ws.row_dimensions[2].height = 36 if subtitle else 20
    header_row(ws, 3, [c.header for c in columns])
    name_col = next(i for i, c in enumerate(columns) if c.path == ("name",))
    sum_cols = [(i, c.path) for i, c in enumerate(columns) if c.path in table.sums]
    rows: list[list[Any]] = []
    kinds: list[int] = []  # 0 a project, 1/2 a heading of that level, 3 a 小计 or 合计
    order: list[int] = []
    for entry in entries:
        if not isinstance(entry, dict):
            ctx.warn(Message(f"{path}：{ws.title} 中有一项不是映射（{text(entry)[:30]}），未导出",
                     f"{path}: an entry of {ws.title} is not a mapping ({text(entry)[:30]}); not exported"))

    def summary(label: str, name: str, indices: Sequence[int]) -> None:
        row: list[Any] = [None] * len(columns)
        row[0], row[name_col] = label, name
        for col, field in sum_cols:
            assert field is not None
            row[col] = money_cell(total(entries, indices, field))
        rows.append(row)
        kinds.append(3)

    subgroups = Counter(grp.names[0] for grp in groups if grp.names)
    level1: tuple[str, list[int]] | None = None  # the open 一级 group: its name and projects
    level1_count = level2_count = 0
    for grp in groups:
        if grp.names and (level1 is None or grp.names[0] != level1[0]):
            if level1 is not None:
                summary(SUBTOTAL, f"{level1[0]}{SUBTOTAL}", level1[1])
            level1_count += 1
            level2_count = 0
            level1 = (grp.names[0], [])
            rows.append(_heading(columns, name_col, numeral(level1_count), grp.names[0]))
            kinds.append(1)
        if len(grp.names) > 1:
            level2_count += 1
            rows.append(_heading(columns, name_col, f"（{numeral(level2_count)}）", grp.names[1]))
            kinds.append(2)
        for index in grp.indices:
            values, reserved = encode_entry(entries[index], columns)
            row: list[Any] = [None] * len(columns)
            for col, value in values.items():
                row[col] = value
            order.append(index)
            row[0] = len(order)
            row[-1] = reserved_text(reserved)
            rows.append(row)
            kinds.append(0)
        if level1 is not None:
            level1[1].extend(grp.indices)
        if len(grp.names) > 1 and subgroups[grp.names[0]] > 1:  # one 二级 group: its 一级 小计 says it all
            summary(SUBTOTAL, f"{grp.names[1]}{SUBTOTAL}", grp.indices)
    if level1 is not None:
        summary(SUBTOTAL, f"{level1[0]}{SUBTOTAL}", level1[1])
    summary(TOTAL, f"{TOTAL}（{len(order)} 个项目）", order)
    fills = [styles.DIRECTORY_FILLS[kind - 1] if kind in (1, 2) else (styles.LABEL_FILL if kind == 3 else None)
             for kind in kinds]
    need = put_rows(ws, columns, rows, [styles.BOLD_FONT if kind else None for kind in kinds], fills)
    _finish_sheet(ws, columns, rows, _hidden_flags(columns, rows, None), title, need)
    sums = total(entries, order, table.sums[0]) if table.sums else None
    return f"{len(order)} 个项目" + (f"，预算 {money.yuan(sums)}" if sums is not None else ""), order


def _heading(columns: Sequence[Any], name_col: int, label: str, name: str) -> list[Any]:
    row: list[Any] = [None] * len(columns)
    row[0], row[name_col] = label, name
    return row
