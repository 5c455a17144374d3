"""The data sheets: each document's lists (准入清单, 负面清单, 协助事项清单) and its catalog tree.

Every item is one row under a frozen, filtered header on row 3; a catalog's tree
is the order of its rows and the level column that holds each row's name, with
each row repeating its ancestors' names so a filter on a directory shows all of
it.  Each sheet also gets a defined name, which import uses to find it again
after a user renames the sheet.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.worksheet import Worksheet

from catalogtool.excel import cells, styles
from catalogtool.excel.columns import (
    MAX_LEVELS,
    SECTION_COLUMNS,
    SECTIONS,
    Column,
    catalog_columns,
    level_header,
)
from catalogtool.excel.headings import header_row, title_rows
from catalogtool.excel.layout import (
    apply_widths,
    fit_widths,
    quote_sheet,
    row_height,
    setup_print,
    sheet_name,
)
from catalogtool.excel.model import KIND_LABELS, Context, SheetInfo, Source, text
from catalogtool.excel.rows import display, encode_entry, reserved_text
from catalogtool.labels import field_label
from catalogtool.problems import Message
from catalogtool.townships import Township


def write_documents(
    wb: Workbook, sources: Sequence[Source], township: Township | None, infos: list[SheetInfo], ctx: Context
) -> list[dict[str, Any]]:
    """Add every document's sheets; return what the hidden sheet keeps of each (header, sheet names)."""
    suffixes = _sheet_suffixes(sources)
    return [
        _write_document(wb, number, source, township, infos, ctx, suffixes[number - 1])
        for number, source in enumerate(sources, start=1)
    ]


def _sheet_suffixes(sources: Sequence[Source]) -> list[str]:
    """What tells sheets of several documents of one kind apart: their years, when those differ."""
    out = []
    for source in sources:
        same = [s for s in sources if s.kind == source.kind]
        years = [s.data.get("year") for s in same]
        year = source.data.get("year")
        unique = isinstance(year, int) and years.count(year) == 1
        out.append(f"{year}" if len(same) > 1 and unique else "")
    return out


def _write_document(
    wb: Workbook, number: int, source: Source, township: Township | None, infos: list[SheetInfo], ctx: Context,
    suffix: str = "",
) -> dict[str, Any]:
    data = source.data
    kind = source.kind
    header = {k: v for k, v in data.items() if not (k in {s[0] for s in SECTIONS[kind]} and isinstance(v, list))}
    meta: dict[str, Any] = {"path": source.path, "kind": kind, "header": header, "sections": {}}
    doc_title = text(data.get("title")) or KIND_LABELS[kind]
    for key, section, base in SECTIONS[kind]:
        value = data.get(key)
        if key in data and not isinstance(value, list):
            continue  # kept in the header as it is; validation reports it
        name = sheet_name(f"{base}{suffix}", ctx.taken)
        ctx.taken.append(name)
        ws = wb.create_sheet(name)
        defined = f"catalogtool_doc{number}_{key}"
        entries = value if isinstance(value, list) else []
        if section == "catalog":
            title = doc_title + (f"（{township.name}适用事项）" if township else "")
            count = _write_catalog(ws, title, _subtitle(data, entries, kind), entries, township, source.path, ctx)
            levels = _catalog_level_counts(entries)
            count_text = _catalog_count_text(levels, count, township)
        else:
            title = doc_title if section != "excluded" else f"{doc_title}——负面清单"
            count = _write_list(ws, title, _subtitle(data, entries, kind, section), entries,
                                SECTION_COLUMNS[section], source.path, ctx)
            count_text = f"{count} 项"
        wb.defined_names[defined] = DefinedName(defined, attr_text=f"{quote_sheet(name)}!$A$3")
        meta["sections"][key] = {"sheet": name, "defined_name": defined, "present": key in data}
        infos.append(SheetInfo(name, title, kind, source, count_text))
    return meta


def _subtitle(data: dict[str, Any], entries: list[Any], kind: str, section: str = "") -> str:
    parts = []
    for label, key in (("发布单位", "issuer"), ("文号", "document_number"), ("施行日期", "effective"),
                       ("失效日期", "expires")):
        value = data.get(key)
        if value is not None and text(value):
            parts.append(f"{label}：{text(value)}")
    approval = data.get("approval")
    if kind == "access-list" and isinstance(approval, dict) and section != "excluded":
        bits = [text(approval.get(k)) for k in ("body", "date", "document_number", "meeting") if approval.get(k)]
        if bits:
            parts.append(f"{field_label('approval', 'zh')}：" + " ".join(bits))
    scope = data.get("scope")
    if kind == "assistance-list" and isinstance(scope, str) and scope:
        parts.append(f"适用：{scope}")
    return "　　".join(parts)


# --------------------------------------------------------------------------- what both kinds of sheet share


def _printed_width(columns: Sequence[Column]) -> int:
    return max(i for i, c in enumerate(columns, start=1) if c.printed)


def _style_cell(cell: Any, col: Column, *, font: Any = None, fill: Any = None) -> None:
    cell.font = font or styles.BODY_FONT
    cell.border = styles.BORDER
    cell.alignment = styles.CENTER if col.align == "center" else styles.LEFT
    if fill is not None:
        cell.fill = fill
    if col.codec == "number":
        if isinstance(cell.value, int) and not isinstance(cell.value, bool):
            cell.number_format = "#,##0"
    elif col.role != "seq":
        cell.number_format = "@"


def _finish_sheet(
    ws: Worksheet, columns: Sequence[Column], rows: list[list[Any]], hidden: list[bool], title: str
) -> None:
    last_row = 3 + len(rows)
    last_col = get_column_letter(len(columns))
    printed = [c.printed for c in columns]
    last_printed = max(i for i, p in enumerate(printed, start=1) if p)
    unprinted = [h or not p for h, p in zip(hidden, printed, strict=True)]
    widths = fit_widths([c.header for c in columns], [c.bounds for c in columns], rows, hidden=unprinted)
    apply_widths(ws, widths, hidden)
    ws.row_dimensions[3].height = row_height([c.header for c in columns], widths, hidden=hidden)
    for offset, row in enumerate(rows):
        ws.row_dimensions[4 + offset].height = row_height(row, widths, hidden=hidden)
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


def _write_list(
    ws: Worksheet, title: str, subtitle: str, entries: list[Any], columns: list[Column], path: str, ctx: Context
) -> int:
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
    for offset, row in enumerate(rows):
        for index, value in enumerate(row):
            cell = ws.cell(4 + offset, index + 1)
            cells.put(cell, value)
            _style_cell(cell, columns[index])
    hidden = _hidden_flags(columns, rows, None)
    _finish_sheet(ws, columns, rows, hidden, title)
    return count


# --------------------------------------------------------------------------- the catalog


def _catalog_depth(nodes: list[Any], depth: int = 1) -> int:
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


def _write_catalog(
    ws: Worksheet, title: str, subtitle: str, nodes: list[Any], township: Township | None, path: str, ctx: Context
) -> int:
    depth = _catalog_depth(nodes)
    if depth > MAX_LEVELS:
        ctx.error(Message(f"{path}：目录有 {depth} 级，导出最多支持 {MAX_LEVELS} 级",
                  f"{path}: the catalog has {depth} levels; export supports at most {MAX_LEVELS}"))
        return 0
    columns = catalog_columns(depth)
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
        name = node.get("name", cells.MISSING)
        if isinstance(name, str) and name:
            row[level_index[level]] = name
        elif name is not cells.MISSING:
            shown = display(name)
            row[level_index[level]] = shown
            reserved.insert(0, [["name"], shown, name])
        children = node.get("children", cells.MISSING)
        if children is not cells.MISSING and not (isinstance(children, list) and children):
            reserved.append([["children"], None, children])
        is_item = "children" not in node
        if is_item:
            count += 1
            row[0] = count
        row[-1] = reserved_text(reserved)
        rows.append(row)
        kinds.append(0 if is_item else level)
    for offset, row in enumerate(rows):
        directory = kinds[offset]
        font = styles.BOLD_FONT if directory else None
        fill = styles.DIRECTORY_FILLS[min(directory, 3) - 1] if directory else None
        for index, value in enumerate(row):
            cell = ws.cell(4 + offset, index + 1)
            cells.put(cell, value)
            _style_cell(cell, columns[index], font=font, fill=fill)
    hidden = _hidden_flags(columns, rows, township)
    _finish_sheet(ws, columns, rows, hidden, title)
    return count


def _catalog_level_counts(nodes: list[Any]) -> Counter[int]:
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


def _catalog_count_text(levels: Counter[int], items: int, township: Township | None) -> str:
    parts = [f"{level_header(level)} {levels[level]} 个" for level in sorted(levels)]
    parts.append(f"{'乡镇可购买' if township else '可购买'}事项 {items} 项")
    return "，".join(parts)
