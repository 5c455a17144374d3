"""Read workbooks back into documents: those `export` wrote (loss-free), and plain published tables.

An exported workbook carries a hidden sheet with each document's header fields
and where its sheets are (exported.py); the items themselves are read from the
visible rows (exported_rows.py), so edits made in Excel or WPS (changed text,
added, deleted or moved rows, added or reordered columns) come back.  A row's
hidden 保留字段 cell holds what its visible cells could not show exactly (an empty
list, a key no column has); such a value is used only while the cell still shows
what export wrote, so an edit wins.  A workbook without that sheet is read as a
published catalog table (published.py).

Nothing is dropped or moved without a word: a cell that cannot be read as it
looks (a formula never calculated, an error value such as #REF!) is an error,
and so is a row whose place in the catalog is unclear (a deleted level column, a
row naming another directory but leaving a deeper level blank); columns and
sheets that are not read are named in warnings.  Every problem names the sheet
and cell, e.g. `购买服务目录!C17`, and each document knows which cell each of its
entries and fields came from (`ImportedDocument.locate`).
"""

from __future__ import annotations

import re
from pathlib import Path

from catalogtool.excel.contract import DEFINED_NAME_PREFIX, META_MARK, META_SHEET
from catalogtool.excel.read.exported import read_exported
from catalogtool.excel.read.opening import open_checked
from catalogtool.excel.read.published import read_published
from catalogtool.excel.read.reading import Reading, norm_header
from catalogtool.excel.read.sheet import Book, Sheet
from catalogtool.imported import ImportResult
from catalogtool.kinds.columns import RESERVED_HEADER
from catalogtool.problems import Message


def read_workbook(source: Path | bytes, display: str = "") -> ImportResult:
    """Documents and problems from a workbook file (or its bytes)."""
    name = display or (str(source) if isinstance(source, Path) else "workbook")
    wb, census = open_checked(source, name)
    reading = Reading(ImportResult(), census)
    meta_ws = _export_sheet(wb, reading)
    if meta_ws is not None:
        read_exported(wb, meta_ws, reading)
    elif _written_by_export(wb, reading):
        reading.error(
            META_SHEET, "",
            Message("这是 catalogtool 导出的工作簿，但其中记录文件信息的隐藏工作表已被删除：文件信息（标题、行政区划等）和各张清单"
            "无法按导出格式导回，未导入任何文件；请在原来导出的工作簿中修改，或重新导出",
            "this workbook was written by catalogtool export, but its hidden sheet with the documents' header "
            "fields was deleted: the documents cannot be read back as exported, so nothing was imported; edit the "
            "workbook as exported, or export again"),
        )
    else:
        read_published(wb, reading)
    return reading.result


def _export_sheet(wb: Book, reading: Reading) -> Sheet | None:
    """The sheet holding the export information, found by what it holds whatever it is now called:
    its mark in A1, or (the mark deleted) the export information itself from A3."""
    found = []
    for ws in wb.worksheets:
        mark = reading.raw(ws, 1, 1)
        start = reading.raw(ws, 3, 1)
        if mark == META_MARK or (isinstance(start, str) and _META_START.match(start)):
            found.append(ws)
    if len(found) > 1:  # a copy of the sheet: the one with the name export gave it, else the first
        found.sort(key=lambda ws: ws.title != META_SHEET)
    return found[0] if found else None


_META_START = re.compile(r'^\{"format":[^,]*,"generator":"catalogtool"')


def _written_by_export(wb: Book, reading: Reading) -> bool:
    """Does the workbook carry what only export writes (its defined names, a 保留字段 column)?"""
    if any(str(name).startswith(DEFINED_NAME_PREFIX) for name in wb.defined_names):
        return True
    reserved = norm_header(RESERVED_HEADER)
    return any(reserved in reading.header_texts(ws, row).values()
               for ws in wb.worksheets for row in reading.data_rows(ws, 0, 20))
