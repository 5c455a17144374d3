"""The data sheets: one per section of each document (准入清单, 负面清单, 协助事项清单, the catalog tree).

Each sheet's columns are its section's table (the kind's, catalogtool.kinds);
its title is the document's, its subtitle the issuer, number, dates and what
the table adds (an approval, a scope).  Each sheet also gets a defined name,
which import uses to find it again after a user renames the sheet, and the
hidden sheet keeps each document's header fields and where its sheets are.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.workbook.defined_name import DefinedName

from catalogtool import money
from catalogtool.excel.contract import DEFINED_NAME_PREFIX
from catalogtool.excel.write.context import Context, SheetInfo, text
from catalogtool.excel.write.grouped import write_grouped
from catalogtool.excel.write.groups import catalog_of, categories, group, total
from catalogtool.excel.write.layout import quote_sheet, sheet_name
from catalogtool.excel.write.tables import write_list, write_tree
from catalogtool.kinds import Kind
from catalogtool.kinds.columns import value_at
from catalogtool.kinds.layout import Subtitle, Table
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
    every = [source for source, _ in sources]
    return [
        _write_document(wb, number, source, kind, township, infos, ctx, suffixes[number - 1], every)
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
        if len(same) > 1 and not unique and any(s.table and s.table.group_ref for s in kind.sections):
            out.append(_purchaser_suffix(source, same))  # one plan per purchaser: name the purchaser
            continue
        out.append(f"{year}" if len(same) > 1 and unique else "")
    return out


def _purchaser_suffix(source: Source, same: Sequence[Source]) -> str:
    """（太和镇）: the document's region name without what every one of them starts with (清远市清新区)."""
    names = [text(value_at(s.data, ("region", "name"))) for s in same]
    name = text(value_at(source.data, ("region", "name")))
    if not name or names.count(name) > 1:
        return ""
    common = 0  # what all names start with, up to its last 省/市/区/县/旗 (not 清远市清新区太 of 太和镇, 太平镇)
    for index, chars in enumerate(zip(*names, strict=False)):
        if len(set(chars)) > 1:
            break
        if chars[0] in "省市区县旗":
            common = index + 1
    return f"（{name[common:] or name}）"


def _write_document(
    wb: Workbook, number: int, source: Source, kind: Kind, township: Township | None, infos: list[SheetInfo],
    ctx: Context, suffix: str = "", every: Sequence[Source] = (),
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
        order: list[int] | None = None
        if table.tree:
            title = doc_title + (f"（{township.name}适用事项）" if township else "")
            count_text = write_tree(ws, title, subtitle, entries, table, township, source.path, ctx)
        elif table.group_ref is not None:
            title = doc_title + table.title_suffix
            catalog = catalog_of(source, every)
            groups = group(entries, table, categories(catalog) if catalog is not None else None)
            block = _plan_block(source, kind, catalog, entries, table)
            count_text, order = write_grouped(ws, title, subtitle, block, entries, table, groups, source.path, ctx)
        else:
            title = doc_title + table.title_suffix
            count_text = write_list(ws, title, subtitle, entries, table, source.path, ctx)
        wb.defined_names[defined] = DefinedName(defined, attr_text=f"{quote_sheet(name)}!$A$3")
        meta["sections"][section.key] = {"sheet": name, "defined_name": defined, "present": section.key in data}
        if order is not None and order != sorted(order):  # rows by category: the document's order, for import
            meta["sections"][section.key]["order"] = order
            meta["sections"][section.key]["codes"] = [text(entries[i].get("code")) for i in order]
        infos.append(SheetInfo(name, title, source, count_text))
    return meta


def _plan_block(source: Source, kind: Kind, catalog: Source | None, entries: list[Any], table: Table) -> str:
    """The header block of a grouped sheet: 购买主体, 所依据的目录 and 预算总额 (the exact sum of the projects)."""
    data = source.data
    parts = []
    purchaser = text(data.get("purchaser"))
    if purchaser:
        parts.append(f"{field_label('purchaser', 'zh', kind.id)}：{purchaser}")
    wanted = data.get("catalog")
    if catalog is not None and text(catalog.data.get("title")):
        shown = f"《{text(catalog.data.get('title'))}》"
    elif isinstance(wanted, dict):
        shown = text(wanted.get("path")) or " ".join(
            bit for bit in (text(wanted.get("region")), f"{text(wanted.get('year'))}年" if wanted.get("year") else "")
            if bit)
    else:
        shown = ""
    if shown:
        parts.append(f"{field_label('catalog', 'zh', kind.id)}：{shown}")
    if table.sums:
        sums = total(entries, range(len(entries)), table.sums[0])
        label = field_label("total", "zh", kind.id)
        parts.append(f"{label}：{money.yuan(sums) if sums is not None else money.yuan(Decimal(0))}")
    return "　　".join(parts)


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
