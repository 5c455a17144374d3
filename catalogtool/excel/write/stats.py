"""The statistics sheet (统计): items per catalog directory and per department, each with a bar chart,
and a plan's budget by category, method and funding source (plan_stats.py).

Computed from the documents as shown (a township's guide counts its own items),
so the figures always match the sheets beside them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from openpyxl.chart import BarChart, Reference
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet

from catalogtool.excel import cells
from catalogtool.excel.write import styles
from catalogtool.excel.write.context import text
from catalogtool.excel.write.headings import header_row
from catalogtool.excel.write.layout import setup_print
from catalogtool.excel.write.plan_stats import write_plan_stats
from catalogtool.kinds.base import Tally
from catalogtool.sources import Source
from catalogtool.townships import Township


def write_stats(ws: Worksheet, sources: Sequence[Source], township: Township | None) -> None:
    widths = [24, 24, 10, 12, 10, 10, 10]
    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.merge_cells("A1:D1")
    cells.put(ws["A1"], "事项统计" + (f"（{township.name}）" if township else ""))
    ws["A1"].font = styles.TITLE_FONT
    ws["A1"].alignment = styles.TITLE_ALIGN
    ws.row_dimensions[1].height = 32
    row = 3
    for source in sources:
        kind = source.kind
        for section in kind.sections if kind is not None else ():
            if section.table is not None and section.table.tree:
                row = _tree_stats(ws, row, source.data, section.key, township)
    for source in sources:
        row = write_plan_stats(ws, row, source, sources)
    row = _department_stats(ws, row, sources)
    setup_print(ws, title_rows=None, header_text="事项统计")


def _table(ws: Worksheet, row: int, headers: Sequence[str], rows: Sequence[Sequence[Any]],
           bold_rows: Iterable[int] = ()) -> int:
    header_row(ws, row, headers)
    bold = set(bold_rows)
    for offset, values in enumerate(rows, start=1):
        for index, value in enumerate(values, start=1):
            cell = ws.cell(row + offset, index)
            cells.put(cell, value)
            styles.apply(cell, styles.BOLD_FONT if offset - 1 in bold else styles.BODY_FONT,
                         styles.CENTER if isinstance(value, (int, float)) else styles.LEFT, border=styles.BORDER)
    return row + len(rows) + 1


def _bar_chart(title: str, ws: Worksheet, first_row: int, last_row: int, cats_col: int,
               value_cols: Sequence[int], head_row: int) -> BarChart:
    """A horizontal bar chart of a table's columns, first category on top, sized to its bars."""
    chart = BarChart()
    chart.type = "bar"
    chart.style = 10
    chart.title = title
    chart.y_axis.title = "事项数"
    chart.y_axis.numFmt = "0"
    chart.y_axis.majorGridlines = None
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.x_axis.scaling.orientation = "maxMin"  # first category on top, as in the table
    chart.gapWidth = 60
    for col in value_cols:
        data = Reference(ws, min_col=col, min_row=head_row, max_row=last_row)
        chart.add_data(data, titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=cats_col, min_row=first_row, max_row=last_row))
    chart.legend.position = "b"
    bars = last_row - first_row + 1
    per_bar = 0.75 if len(value_cols) == 1 else 0.9
    chart.height = max(6.0, 3.5 + per_bar * bars)
    chart.width = 15.0
    return chart


def _chart_rows(chart: BarChart) -> int:
    """Rows of the default height (15 pt, 0.53 cm) a chart covers."""
    return int(chart.height / 0.5) + 2


def _tree_stats(ws: Worksheet, row: int, data: dict[str, Any], key: str, township: Township | None) -> int:
    """Items per 一级 and 二级目录 of a tree, with how many of them townships may buy."""
    nodes: list[Any] = data[key] if isinstance(data.get(key), list) else []
    level1: list[list[Any]] = []
    level2: list[list[Any]] = []
    for top in nodes:
        if not isinstance(top, dict):
            continue
        total = town = 0
        subs = 0
        for sub in top.get("children") or [] if isinstance(top.get("children"), list) else []:
            if not isinstance(sub, dict):
                continue
            items = _leaves(sub)
            n = len(items)
            t = sum(1 for i in items if i.get("township") is True)
            level2.append([text(top.get("name")), text(sub.get("name")), n, t])
            total += n
            town += t
            subs += 1
        level1.append([text(top.get("name")), subs, total, town])
    title = text(data.get("title"))
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=4)
    cells.put(ws.cell(row, 1), f"《{title}》按一级目录统计" if title else "按一级目录统计")
    ws.cell(row, 1).font = styles.SECTION_FONT
    row += 1
    totals = ["合计", sum(r[1] for r in level1), sum(r[2] for r in level1), sum(r[3] for r in level1)]
    row = _table(ws, row, ["一级目录", "二级目录数", "事项数", "其中乡镇适用"], [*level1, totals],
                 bold_rows=[len(level1)])
    row += 1
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=4)
    cells.put(ws.cell(row, 1), "按二级目录统计")
    ws.cell(row, 1).font = styles.SECTION_FONT
    row += 1
    first = row
    end = _table(ws, row, ["一级目录", "二级目录", "事项数", "其中乡镇适用"], level2)
    if level2:
        chart = _bar_chart("各二级目录事项数", ws, first + 1, first + len(level2), 2,
                           [3] if township else [3, 4], first)
        ws.add_chart(chart, f"F{first}")
        end = max(end, first + _chart_rows(chart))
    return end + 1


def _leaves(node: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    stack = [node]
    while stack:
        current = stack.pop()
        children = current.get("children")
        if "children" not in current:
            out.append(current)
        elif isinstance(children, list):
            stack.extend(c for c in reversed(children) if isinstance(c, dict))
    return out


def _department_stats(ws: Worksheet, row: int, sources: Sequence[Source]) -> int:
    headers: list[str] = []
    counts: dict[str, Counter[str]] = {}
    for source in sources:
        kind = source.kind
        if kind is None or kind.tally is None:
            continue
        counter = _tally(kind.tally, [entry.data for entry in kind.items(source.data)])
        if not counter:
            continue
        header = kind.tally.header
        if header in headers:
            header = f"{header}（{source.path}）"
        headers.append(header)
        counts[header] = counter
    if not headers:
        return row
    departments = sorted({d for c in counts.values() for d in c},
                         key=lambda d: (-sum(c[d] for c in counts.values()), d))
    rows = []
    for dept in departments:
        values = [counts[h][dept] for h in headers]
        rows.append([dept, *values, sum(values)])
    if row > 3:
        ws.row_breaks.append(Break(id=row - 1))  # the department table starts a page
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=4)
    cells.put(ws.cell(row, 1), "按责任单位统计")
    ws.cell(row, 1).font = styles.SECTION_FONT
    row += 1
    first = row
    end = _table(ws, row, ["责任单位", *headers, "合计"], rows)
    chart = _bar_chart("各责任单位事项数（合计）", ws, first + 1, first + len(rows), 1,
                       [2 + len(headers)], first)
    ws.add_chart(chart, f"{get_column_letter(len(headers) + 4)}{first}")
    return max(end, first + _chart_rows(chart)) + 1


def _tally(tally: Tally, items: list[dict[str, Any]]) -> Counter[str]:
    """How many items name each department (or, for a list of names, each name)."""
    counter: Counter[str] = Counter()
    for item in items:
        value = item.get(tally.field)
        if not tally.many:
            counter[text(value) or "（未填写）"] += 1
        elif isinstance(value, list):
            counter.update(name for name in value if isinstance(name, str) and name)
    return counter
