"""The data sheets: one per section of each document (准入清单, 负面清单, 协助事项清单, the catalog tree).

Each sheet's columns are its section's table (the kind's, catalogtool.kinds);
its title is the document's, its subtitle the issuer, number, dates and what
the table adds (an approval, a scope).  Each sheet also gets a defined name,
which import uses to find it again after a user renames the sheet, and the
hidden sheet keeps each document's header fields and where its sheets are.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.workbook.defined_name import DefinedName

from catalogtool.excel.contract import DEFINED_NAME_PREFIX
from catalogtool.excel.write.context import Context, SheetInfo, text
from catalogtool.excel.write.layout import quote_sheet, sheet_name
from catalogtool.excel.write.tables import write_list, write_tree
from catalogtool.kinds import Kind
from catalogtool.kinds.layout import Subtitle
from catalogtool.labels import field_label
from catalogtool.sources import Source
from catalogtool.townships import Township

# What every sheet's subtitle says first, when the document gives it.
_SUBTITLE_HEAD = (("发布单位", "issuer"), ("文号", "document_number"), ("施行日期", "effective"), ("失效日期", "expires"))


def write_documents(
    wb: Workbook, sources: Sequence[tuple[Source, Kind]], township: Township | None, infos: list[SheetInfo],
    ctx: Context,
) -> list[dict[str, Any]]:
    """Add every document's sheets; return what the hidden sheet keeps of each (header, sheet names)."""
    suffixes = _sheet_suffixes(sources)
    return [
        _write_document(wb, number, source, kind, township, infos, ctx, suffixes[number - 1])
        for number, (source, kind) in enumerate(sources, start=1)
    ]


def _sheet_suffixes(sources: Sequence[tuple[Source, Kind]]) -> list[str]:
    """What tells sheets of several documents of one kind apart: their years, when those differ."""
    out = []
    for source, kind in sources:
        same = [s for s, k in sources if k is kind]
        years = [s.data.get("year") for s in same]
        year = source.data.get("year")
        unique = isinstance(year, int) and years.count(year) == 1
        out.append(f"{year}" if len(same) > 1 and unique else "")
    return out


def _write_document(
    wb: Workbook, number: int, source: Source, kind: Kind, township: Township | None, infos: list[SheetInfo],
    ctx: Context, suffix: str = "",
) -> dict[str, Any]:
    data = source.data
    header = {k: v for k, v in data.items() if not (k in kind.data_keys and isinstance(v, list))}
    meta: dict[str, Any] = {"path": source.path, "kind": kind.id, "header": header, "sections": {}}
    doc_title = text(data.get("title")) or kind.name.zh
    for section in kind.sections:
        table = section.table
        value = data.get(section.key)
        if table is None or (section.key in data and not isinstance(value, list)):
            continue  # kept in the header as it is; validation reports it
        name = sheet_name(f"{section.sheet_name}{suffix}", ctx.taken)
        ctx.taken.append(name)
        ws = wb.create_sheet(name)
        defined = f"{DEFINED_NAME_PREFIX}{number}_{section.key}"
        entries = value if isinstance(value, list) else []
        subtitle = _subtitle(data, table.subtitle)
        if table.tree:
            title = doc_title + (f"（{township.name}适用事项）" if township else "")
            count_text = write_tree(ws, title, subtitle, entries, table, township, source.path, ctx)
        else:
            title = doc_title + table.title_suffix
            count_text = write_list(ws, title, subtitle, entries, table, source.path, ctx)
        wb.defined_names[defined] = DefinedName(defined, attr_text=f"{quote_sheet(name)}!$A$3")
        meta["sections"][section.key] = {"sheet": name, "defined_name": defined, "present": section.key in data}
        infos.append(SheetInfo(name, title, source, count_text))
    return meta


def _subtitle(data: dict[str, Any], extra: Sequence[Subtitle]) -> str:
    parts = []
    for label, key in _SUBTITLE_HEAD:
        value = data.get(key)
        if value is not None and text(value):
            parts.append(f"{label}：{text(value)}")
    for line in extra:
        value = data.get(line.key)
        label = line.label or field_label(line.key, "zh")
        if line.parts:
            if isinstance(value, dict):
                bits = [text(value.get(k)) for k in line.parts if value.get(k)]
                if bits:
                    parts.append(f"{label}：" + " ".join(bits))
        elif isinstance(value, str) and value:
            parts.append(f"{label}：{value}")
    return "　　".join(parts)
