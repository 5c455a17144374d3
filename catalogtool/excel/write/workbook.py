"""Build the Excel guide: a cover, one sheet per list, statistics, and optionally a comparison.

The sheet layout is also the import contract (see excel/read/): every item is one
row; columns are found by their header text; a catalog's tree is the order of the
rows and the level column that holds each row's name; values a cell cannot show
exactly (an empty list, an unknown key, a wrong type) are kept, with what the cell
showed, in the hidden 保留字段 column of that row; the document headers (title,
region ...) are kept as JSON on a hidden sheet.  Nothing here validates: the
command refuses documents that do not load before they get here.

This module only puts the workbook together; each sheet has a module of its own
(see the package docstring).  The documents come validated, and the changes
since an older edition computed, by the export command (catalogtool.export_inputs).
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import json
import re
from collections.abc import Sequence
from typing import Any

from openpyxl import Workbook

from catalogtool.diff.changes import Change
from catalogtool.excel import cells
from catalogtool.excel.contract import FORMAT_VERSION, META_MARK, META_SHEET
from catalogtool.excel.write.clean import clean_document
from catalogtool.excel.write.context import Context, Notice, SheetInfo
from catalogtool.excel.write.cover import workbook_title, write_cover
from catalogtool.excel.write.layout import save_workbook_bytes, sheet_name
from catalogtool.excel.write.limits import check_document, refuse_cell
from catalogtool.excel.write.plan_stats import grouped_tables, write_summary
from catalogtool.excel.write.sheets import write_documents
from catalogtool.excel.write.stats import write_stats
from catalogtool.kinds import Kind
from catalogtool.kinds.columns import value_at
from catalogtool.problems import Message
from catalogtool.sources import Source, sort_sources
from catalogtool.townships import Township, apply_township

_ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


def default_date(sources: Sequence[Source]) -> _dt.date | None:
    """The date a workbook is stamped with unless told: the latest effective or approval date of the inputs.

    Taken from the documents so that the same YAML always gives the same bytes; None when
    they give no date, and then the cover leaves 编制日期 blank rather than print one they do not hold.
    """
    found: list[_dt.date] = []
    for source in sources:
        data = source.data
        for value in (data.get("effective"), value_at(data, ("approval", "date"))):
            if isinstance(value, str) and _ISO_DATE.match(value):
                with contextlib.suppress(ValueError):
                    found.append(_dt.date.fromisoformat(value))
    return max(found) if found else None


def build_workbook(
    sources: Sequence[Source],
    *,
    township: Township | None = None,
    title: str | None = None,
    date: _dt.date | None = None,
    changes: list[Change] | None = None,
    since_label: str = "",
) -> tuple[Workbook, list[Notice]]:
    """The whole guide as an openpyxl Workbook, and the warnings met on the way.

    Raises ExportError when something cannot be written at all (text longer than a
    cell holds).
    """
    ctx = Context()
    ordered = sort_sources(sources)
    cleaned = []
    for source in ordered:
        kind = source.kind
        if kind is None or not kind.exportable:
            ctx.error(Message(f"{source.path}：不是可导出的文档（kind 为 {source.kind_name or '空'}）",
                      f"{source.path}: not a document that can be exported (kind {source.kind_name or 'missing'})"))
            continue
        cleaned.append(Source(source.path, clean_document(source, kind, ctx), source.origin))
        check_document(cleaned[-1], kind, ctx)
    ctx.raise_errors()
    shown = apply_township(cleaned, township)
    when = date or default_date(cleaned)
    book_title = workbook_title(shown, township, title)

    wb: Workbook | None = None
    try:
        wb = _write_sheets(shown, township, book_title, when, changes, since_label, ctx)
    except cells.CellTooLong as error:
        refuse_cell(error, ctx)
    ctx.raise_errors()
    assert wb is not None
    props = wb.properties
    props.title = book_title
    props.subject = "乡镇年度购买服务指南" if township else "政府购买服务目录与社区工作事项清单"
    props.creator = "catalogtool"
    props.lastModifiedBy = "catalogtool"
    props.keywords = "catalogtool"
    wb.active = 0
    return wb, ctx.notices


def _write_sheets(shown: list[Source], township: Township | None, book_title: str, when: _dt.date | None,
                  changes: list[Change] | None, since_label: str, ctx: Context) -> Workbook:
    """Every sheet, cover and hidden sheet included; cells.put raises CellTooLong rather than let a cell be cut."""
    wb = Workbook()
    cover = wb.active
    cover.title = sheet_name("说明", [])
    ctx.taken.append(cover.title)

    infos: list[SheetInfo] = []
    documents: list[tuple[Source, Kind]] = [(source, kind) for source in shown if (kind := source.kind) is not None]
    meta_docs = write_documents(wb, documents, township, infos, ctx)
    plans = [source for source in shown if grouped_tables(source)]
    if len(plans) > 1:  # a county's plans: the finance bureau's overview, one row per purchaser
        summary_name = sheet_name("汇总表", ctx.taken)
        ctx.taken.append(summary_name)
        summary_title = f"{_region_of(shown)}{_year_of(plans)}年度政府购买服务计划汇总表"
        write_summary(wb.create_sheet(summary_name), plans, summary_title)
        infos.append(SheetInfo(summary_name, summary_title, None, f"{len(plans)} 个购买主体"))
    if shown:
        stats_name = sheet_name("统计", ctx.taken)
        ctx.taken.append(stats_name)
        write_stats(wb.create_sheet(stats_name), shown, township)
        infos.append(SheetInfo(stats_name, "分类及责任单位事项统计" + ("、预算统计" if plans else ""), None))
    if changes is not None:
        from catalogtool.excel.write.compare_sheet import write_compare_sheet

        compare_name = sheet_name("新旧对照表", ctx.taken)
        ctx.taken.append(compare_name)
        write_compare_sheet(wb, changes, "zh", name=compare_name, since=since_label)
        infos.append(SheetInfo(compare_name, f"与{since_label or '上一版'}相比的变化（{len(changes)} 处）",
                               None))
    write_cover(cover, book_title, shown, township, when, infos)
    _write_meta(wb, meta_docs, township, when)
    return wb


def _region_of(sources: Sequence[Source]) -> str:
    """The county the plans belong to: the name of a county-level document's region, if any."""
    for source in sources:
        code, name = value_at(source.data, ("region", "code")), value_at(source.data, ("region", "name"))
        if isinstance(code, str) and len(code) == 6 and isinstance(name, str):
            return name
    return ""


def _year_of(plans: Sequence[Source]) -> str:
    years = sorted({str(y) for s in plans if isinstance(y := s.data.get("year"), int)})
    return "、".join(years)


def export_bytes(sources: Sequence[Source], **options: Any) -> tuple[bytes, list[Notice]]:
    """The workbook as bytes: the same inputs and options always give the same bytes."""
    wb, notices = build_workbook(sources, **options)
    date = options.get("date") or default_date(sources)
    stamp = _dt.datetime.combine(date, _dt.time(0, 0)) if date else None
    return save_workbook_bytes(wb, stamp), notices


def _write_meta(wb: Workbook, docs: list[dict[str, Any]], township: Township | None, when: _dt.date | None) -> None:
    """The hidden sheet import starts from: each document's header fields and where its sheets are."""
    ws = wb.create_sheet(META_SHEET)
    ws.sheet_state = "hidden"
    payload = {
        "format": FORMAT_VERSION,
        "generator": "catalogtool",
        "date": when.isoformat() if when else None,
        "township": {"code": township.code, "name": township.name} if township else None,
        "documents": docs,
    }
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    ws["A1"] = META_MARK
    ws["A2"] = "本工作表供 catalogtool import 使用，请勿修改。"
    row, start = 3, 0
    while True:  # pieces of 30,000 characters, smaller where escapes would take a piece past a cell's limit
        end = min(len(text), start + 30000)
        while cells.stored_length(text[start:end]) > cells.MAX_CELL_CHARS:
            end = start + (end - start) // 2
        cells.put(ws.cell(row, 1), text[start:end])
        row, start = row + 1, end
        if start >= len(text):
            break
