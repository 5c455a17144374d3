"""The cover sheet (说明) and the title a workbook goes by.

The cover is what a township office files: who issued the lists, for where and
when, a table of contents whose sheet names link to the sheets, and how to use
the workbook (including what import brings back).
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.worksheet import Worksheet

from catalogtool import kinds
from catalogtool.excel import cells
from catalogtool.excel.write import styles
from catalogtool.excel.write.context import SheetInfo, text
from catalogtool.excel.write.headings import header_row
from catalogtool.excel.write.layout import quote_sheet, row_height, setup_print
from catalogtool.sources import Source
from catalogtool.townships import Township


def workbook_title(sources: Sequence[Source], township: Township | None, title: str | None) -> str:
    if title:
        return title
    years = sorted({int(s.data["year"]) for s in sources if isinstance(s.data.get("year"), int)})
    year = f"{years[-1]}" if years else ""
    if township is not None:
        return f"{township.name}{year}年度购买服务指南" if year else f"{township.name}年度购买服务指南"
    if len(sources) == 1 and isinstance(sources[0].data.get("title"), str):
        return str(sources[0].data["title"])
    region = _region_name(sources)
    return f"{region}{year}年度目录与清单" if year else f"{region}目录与清单"


def _region_name(sources: Sequence[Source]) -> str:
    for source in sources:
        region = source.data.get("region")
        name = region.get("name") if isinstance(region, dict) else None
        if isinstance(name, str):
            return name
    return ""


def _region_text(sources: Sequence[Source]) -> str:
    seen: list[str] = []
    for source in sources:
        region = source.data.get("region")
        if isinstance(region, dict):
            name, code = text(region.get("name")), text(region.get("code"))
            shown = f"{name}（{code}）" if name and code else name or code
            if shown and shown not in seen:
                seen.append(shown)
    return "；".join(seen)


def write_cover(
    ws: Worksheet, title: str, sources: Sequence[Source], township: Township | None, when: _dt.date | None,
    infos: list[SheetInfo],
) -> None:
    widths = [10, 16, 44, 22, 20, 11, 22]
    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    last = get_column_letter(len(widths))
    ws.merge_cells(f"A1:{last}1")
    cells.put(ws["A1"], title)
    ws["A1"].font = styles.COVER_TITLE_FONT
    ws["A1"].alignment = styles.TITLE_ALIGN
    ws.row_dimensions[1].height = 40
    years = sorted({s.data["year"] for s in sources if isinstance(s.data.get("year"), int)})
    region = _region_name(sources)
    subtitle = region + (township.name if township else "")
    if years:
        subtitle += f" · {'、'.join(str(y) for y in years)}年度"
    ws.merge_cells(f"A2:{last}2")
    cells.put(ws["A2"], subtitle)
    ws["A2"].font = styles.SUBTITLE_FONT
    ws["A2"].alignment = styles.TITLE_ALIGN
    ws.row_dimensions[2].height = 22

    row = 4
    row = _section_title(ws, row, "一、基本信息", last)
    info: list[tuple[str, str]] = [("行政区划", _region_text(sources))]
    if township:
        info.append(("适用乡镇", f"{township.name}（{township.code}）" if township.named else township.name))
    if years:
        info.append(("年度", "、".join(str(y) for y in years)))
    issuers = []
    for source in sources:
        issuer = text(source.data.get("issuer"))
        if issuer and issuer not in issuers:
            issuers.append(issuer)
    info.append(("发布单位", "；".join(issuers)))
    info.append(("编制日期", when.isoformat() if when else ""))  # blank, never a date the documents do not give
    info.append(("生成方式", "由 catalogtool 根据 YAML 源文件自动生成"))
    for label, value in info:
        label_cell = ws.cell(row, 1)
        cells.put(label_cell, label)
        label_cell.font = styles.LABEL_FONT
        label_cell.fill = styles.LABEL_FILL
        label_cell.alignment = styles.CENTER
        label_cell.border = styles.BORDER
        ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=len(widths))
        value_cell = ws.cell(row, 2)
        cells.put(value_cell, value)
        value_cell.font = styles.BODY_FONT
        value_cell.alignment = styles.LEFT
        for col in range(2, len(widths) + 1):
            ws.cell(row, col).border = styles.BORDER
        row += 1

    row += 1
    row = _section_title(ws, row, "二、文件目录（点击工作表名称可跳转）", last)
    header_row(ws, row, ["序号", "工作表", "标题", "发布单位", "文号", "施行日期", "事项数"])
    row += 1
    for number, info_row in enumerate(infos, start=1):
        data = info_row.source.data if info_row.source else {}
        values = [
            number,
            info_row.name,
            info_row.title,
            text(data.get("issuer")),
            text(data.get("document_number")),
            text(data.get("effective")),
            info_row.count_text,
        ]
        for index, shown in enumerate(values, start=1):
            cell = ws.cell(row, index)
            cells.put(cell, shown or None)
            cell.font = styles.BODY_FONT
            cell.border = styles.BORDER
            cell.alignment = styles.CENTER if index in (1, 6) else styles.LEFT
        ws.row_dimensions[row].height = row_height(values, widths)
        link = ws.cell(row, 2)
        link.hyperlink = Hyperlink(ref=link.coordinate, location=f"{quote_sheet(info_row.name)}!A1",
                                   display=info_row.name)
        link.font = styles.LINK_FONT
        row += 1

    row += 1
    row = _section_title(ws, row, "三、使用说明", last)
    notes = [
        "各工作表第 3 行为表头，已冻结并设置筛选；打印为 A4 横向、按页宽缩放，每页重复表头，页脚标注页码。",
        "设定依据按“【效力层级】《文件名称》条款”列出，一条依据一行。",
        "本工作簿由 YAML 源文件生成，修改请以源文件为准；在本表中修改事项后，可用 catalogtool import 导回 YAML"
        "（说明、统计、新旧对照表三张表不导回）。请勿修改隐藏的“保留字段”列和隐藏工作表。",
    ]
    present = {source.kind_name for source in sources}
    notes[1:1] = [note for kind in kinds.KINDS.values() if kind.id in present for note in kind.cover_notes]
    if township:
        notes.insert(0, f"本指南只列出{township.name}可以作为购买主体购买的事项（目录中“乡镇适用”为“是”的事项）；"
                        "社区工作事项清单适用于全区各村（社区），全文列出。")
    notes = [f"{number}. {note}" for number, note in enumerate(notes, start=1)]
    for note in notes:
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(widths))
        cell = ws.cell(row, 1)
        cells.put(cell, note)
        cell.font = styles.BODY_FONT
        cell.alignment = styles.LEFT
        ws.row_dimensions[row].height = row_height([note], [sum(widths)])
        row += 1
    setup_print(ws, title_rows=None, header_text="", freeze=None)
    ws.print_area = f"A1:{last}{row - 1}"


def _section_title(ws: Worksheet, row: int, title: str, last: str) -> int:
    ws.merge_cells(f"A{row}:{last}{row}")
    cell = ws.cell(row, 1)
    cells.put(cell, title)
    cell.font = styles.SECTION_FONT
    cell.alignment = styles.SUBTITLE_ALIGN
    ws.row_dimensions[row].height = 22
    return row + 1
