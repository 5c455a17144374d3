"""Budgets in figures: a plan's amounts summed by catalog category, by method and by funding source (统计),
and, for a county's export of several plans, one row per plan (汇总表).

Every sum is an exact Decimal (catalogtool.money) written as a number in the ¥
format, so the printed figures are the YAML's to the fen and a spreadsheet can
add them again.  Which fields are summed and broken down is the table's
(`Table.sums`, `Table.breakdowns`, catalogtool.kinds); nothing here names a kind.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from catalogtool.excel import cells
from catalogtool.excel.write import styles
from catalogtool.excel.write.context import text
from catalogtool.excel.write.groups import amount, catalog_of, categories, group, money_cell
from catalogtool.excel.write.headings import header_row, title_rows
from catalogtool.excel.write.layout import setup_print
from catalogtool.kinds.codecs import MONEY
from catalogtool.kinds.columns import field_header, value_at
from catalogtool.kinds.layout import Table
from catalogtool.labels import field_label
from catalogtool.sources import Source

BLANK = "（未填写）"


def grouped_tables(source: Source) -> list[tuple[Table, list[Any]]]:
    """The grouped sections of a document (a plan's projects), with their entries."""
    kind = source.kind
    out = []
    for section in kind.sections if kind is not None else ():
        entries = source.data.get(section.key)
        if section.table is not None and section.table.group_ref is not None and section.table.sums:
            out.append((section.table, entries if isinstance(entries, list) else []))
    return out


def _sum(entries: Sequence[Any], indices: Sequence[int], path: tuple[str, ...]) -> Decimal:
    return sum((a for i in indices if (a := amount(entries[i], path)) is not None), Decimal(0))


def _money_row(ws: Worksheet, row: int, values: Sequence[Any], money_cols: Sequence[int], *,
               bold: bool = False) -> None:
    font = styles.BOLD_FONT if bold else styles.BODY_FONT
    for col, value in enumerate(values, start=1):
        cell = ws.cell(row, col)
        cells.put(cell, value)
        number = isinstance(value, (int, float))
        if col in money_cols and number:
            styles.apply(cell, font, styles.RIGHT, border=styles.BORDER, number_format=MONEY.number_format)
        else:
            styles.apply(cell, font, styles.CENTER if number else styles.LEFT, border=styles.BORDER)


def _section(ws: Worksheet, row: int, heading: str, headers: Sequence[str], rows: Sequence[Sequence[Any]],
             money_cols: Sequence[int]) -> int:
    """A titled table whose last row is its 合计 (bold); returns the row after it."""
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(headers))
    cells.put(ws.cell(row, 1), heading)
    ws.cell(row, 1).font = styles.SECTION_FONT
    header_row(ws, row + 1, headers)
    for offset, values in enumerate(rows, start=2):
        _money_row(ws, row + offset, values, money_cols, bold=offset == len(rows) + 1)
    return row + len(rows) + 3


def write_plan_stats(ws: Worksheet, row: int, source: Source, sources: Sequence[Source]) -> int:
    """A plan's budget by category (一级、二级目录), by each breakdown field (method, funding); returns the next row."""
    kind = source.kind
    kind_id = kind.id if kind is not None else ""
    for table, entries in grouped_tables(source):
        path = table.sums[0]
        title = text(source.data.get("title"))
        catalog = catalog_of(source, sources)
        groups = group(entries, table, categories(catalog) if catalog is not None else None)
        everything = [i for g in groups for i in g.indices]
        grand = money_cell(_sum(entries, everything, path))
        if catalog is not None:
            rows = [[g.names[0] if g.names else "", g.names[1] if len(g.names) > 1 else "", len(g.indices),
                     money_cell(_sum(entries, g.indices, path))] for g in groups]
            rows.append(["合计", "", len(everything), grand])
            row = _section(ws, row, f"《{title}》预算按目录类别统计", ["一级目录", "二级目录", "项目数", "预算金额（元）"],
                           rows, [4])
        for field in table.breakdowns:
            label = field_header(table.head, ".".join(field)) or field_label(".".join(field), "zh", kind_id)
            by: dict[str, list[int]] = {}
            for index in everything:
                by.setdefault(text(value_at(entries[index], field)) or BLANK, []).append(index)
            ranked = sorted(by.items(), key=lambda item: (-_sum(entries, item[1], path), item[0]))
            rows = [[name, len(indices), money_cell(_sum(entries, indices, path))] for name, indices in ranked]
            rows.append(["合计", len(everything), grand])
            row = _section(ws, row, f"《{title}》预算按{label}统计", [label, "项目数", "预算金额（元）"], rows, [3])
    return row


def write_summary(ws: Worksheet, plans: Sequence[Source], title: str) -> None:
    """汇总表: one row per plan (purchaser, projects, budget, the amount under each value of the first
    breakdown: each procurement method), with a 合计 row."""
    tables = [(source, table, entries) for source in plans for table, entries in grouped_tables(source)]
    if not tables:
        return
    table = tables[0][1]
    path = table.sums[0]
    field = table.breakdowns[0] if table.breakdowns else None
    values: list[str] = []
    for _, _, entries in tables:
        for entry in entries:
            if field is not None and isinstance(entry, dict):
                name = text(value_at(entry, field)) or BLANK
                if name not in values:
                    values.append(name)
    label = field_header(table.head, ".".join(field)) if field else None
    headers = ["序号", "购买主体", "行政区划代码", "项目数", "预算总额（元）", *(f"{label}：{v}" for v in values)]
    rows: list[list[Any]] = []
    totals = [Decimal(0)] * (1 + len(values))
    count = 0
    for number, (source, _, entries) in enumerate(tables, start=1):
        indices = [i for i, e in enumerate(entries) if isinstance(e, dict)]
        sums = [_sum(entries, indices, path)]
        for value in values:
            assert field is not None
            sums.append(_sum(entries, [i for i in indices if (text(value_at(entries[i], field)) or BLANK) == value],
                             path))
        totals = [a + b for a, b in zip(totals, sums, strict=True)]
        count += len(indices)
        purchaser = text(source.data.get("purchaser")) or text(value_at(source.data, ("region", "name")))
        rows.append([number, purchaser, text(value_at(source.data, ("region", "code"))), len(indices),
                     *(money_cell(s) if s else None for s in sums)])
    rows.append(["合计", f"{len(tables)} 个购买主体", None, count, *(money_cell(s) for s in totals)])
    widths = [6, 30, 12, 8, 18, *([16] * len(values))]
    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    title_rows(ws, title, "金额单位：元；各采购方式一列为该方式下项目预算金额之和", len(headers))
    header_row(ws, 3, headers)
    ws.row_dimensions[3].height = 36
    money_cols = list(range(5, 6 + len(values)))
    for offset, values_row in enumerate(rows):
        _money_row(ws, 4 + offset, values_row, money_cols, bold=offset == len(rows) - 1)
    setup_print(ws, title_rows="3:3", header_text=title, freeze="C4",
                print_area=f"A1:{get_column_letter(len(headers))}{3 + len(rows)}")
