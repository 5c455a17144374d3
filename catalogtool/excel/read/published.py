"""Published catalog tables read as documents: any visible sheet whose header row names the table's
columns in the words departments use (published_header.py), its rows made into a tree (published_tree.py).

Which kind a published table is read as, and in which words its columns may be
headed, the kinds say (`Kind.published`, each column's aliases).  Columns not
known, repeated rows and sheets without a header are named in warnings, so
nothing is left out unsaid.
"""

from __future__ import annotations

from catalogtool.excel.read.published_header import Header, Merged, find_header, header_words
from catalogtool.excel.read.published_tree import read_tree
from catalogtool.excel.read.reading import Reading, check_header_row, ref, safe_relpath
from catalogtool.excel.read.sheet import Book, Sheet
from catalogtool.imported import ImportedDocument
from catalogtool.kinds import KINDS, Kind
from catalogtool.kinds.base import PublishedTable
from catalogtool.kinds.columns import Column
from catalogtool.problems import Message


def read_published(wb: Book, reading: Reading) -> None:
    """Each visible sheet with a header row as one document; sheets without one named in warnings."""
    result = reading.result
    result.published = True
    used_paths: set[str] = set()
    skipped: list[Sheet] = []
    empty: list[tuple[Sheet, Header]] = []  # a header with nothing under it that became an entry
    tables = _published_tables()
    for ws in wb.worksheets:
        if ws.sheet_state != "visible":
            continue
        merged = Merged(ws, reading)
        found_header = _find_header(ws, merged, tables, reading)
        if found_header is None:
            if not reading.sheet(ws).empty:
                skipped.append(ws)
            continue
        header, (kind, published, _) = found_header
        check_header_row(ws, header.row, reading)
        for col, text, first in header.ignored:
            if first:
                reading.warn(ws.title, ref(header.row, col),
                             Message(f"列“{text}”与 {first} 列是同一项，只读取 {first} 列，本列已忽略",
                             f"column {text!r} means the same as column {first}; only column {first} is read"))
            else:
                reading.warn(ws.title, ref(header.row, col),
                             Message(f"列“{text}”不是目录表认得的列，已忽略（认得的列名见 docs/excel.md）",
                             f"column {text!r} is not a catalog table column; ignored (see docs/excel.md)"))
        found = read_tree(ws, merged, header, kind, published.section, reading)
        if found is None:
            empty.append((ws, header))
            continue
        data, header_cells = found
        path = safe_relpath(f"{ws.title}.yaml", used_paths)
        used_paths.add(path)
        missing = [key for key in published.required if key not in data]
        result.documents.append(ImportedDocument(path, data, ws.title, missing,
                                                 reading.cell_map(data, ws.title, header_cells)))
    for ws, header in empty:
        _say_empty(ws, header, reading, fatal=not result.documents)
    if not result.documents and not empty:
        sheet = wb.worksheets[0].title if wb.worksheets else "?"
        reading.error(
            sheet, "",
            Message("没有找到目录表头：需要一行表头，含“编码”“一级目录”“二级目录”“三级目录”“服务内容”等列（顺序不限）",
            "no catalog header row found: a row with columns such as 编码, 一级目录, 二级目录, 三级目录, 服务内容 "
            "(in any order) is needed"),
        )
        return
    for ws in skipped:
        reading.warn(ws.title, "", Message(f"工作表“{ws.title}”中没有找到目录表头，已跳过",
                     f"no catalog header row found on sheet {ws.title!r}; skipped"))


def _say_empty(ws: Sheet, header: Header, reading: Reading, *, fatal: bool) -> None:
    """A header under which no entry was read: one message, an error when nothing at all can be imported.

    When the rows under it were there but each was refused, their own errors have said why.
    """
    if reading.data_rows(ws, header.row):
        if fatal and not any(p.level == "error" and p.sheet == ws.title for p in reading.result.problems):
            reading.error(ws.title, ref(header.row, 1), Message("表头下的行都没有目录或事项名称，没有可导入的事项",
                          "no row under the header names a directory or an item; nothing to import"))
        return
    if fatal:
        reading.error(ws.title, ref(header.row, 1),
                      Message(f"表头下没有事项行：第 {header.row} 行是目录表头，但下面是空的，没有可导入的事项",
                      f"no item rows under the header: row {header.row} is a catalog header with nothing below it"))
    else:
        reading.warn(ws.title, ref(header.row, 1), Message("表头下没有事项行，已跳过",
                     "no item rows under the header; skipped"))


_Published = tuple[Kind, PublishedTable, dict[str, Column]]


def _published_tables() -> list[_Published]:
    """Each kind that says how its published tables read: the kind, how, and the words its columns go by."""
    out = []
    for kind in KINDS.values():
        published = kind.published
        section = kind.section(published.section) if published is not None else None
        if published is not None and section is not None and section.table is not None:
            out.append((kind, published, header_words(section.table)))
    return out


def _find_header(ws: Sheet, merged: Merged, tables: list[_Published], reading: Reading
                 ) -> tuple[Header, _Published] | None:
    for table in tables:
        header = find_header(ws, merged, table[2], table[1].anchors, reading)
        if header is not None:
            return header, table
    return None
