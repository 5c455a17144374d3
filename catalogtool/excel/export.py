"""Build the Excel guide: a cover, one sheet per list, statistics, and optionally a comparison.

The sheet layout is also the import contract (see importer.py): every item is one
row; columns are found by their header text; a catalog's tree is the order of the
rows and the level column that holds each row's name; values a cell cannot show
exactly (an empty list, an unknown key, a wrong type) are kept, with what the cell
showed, in the hidden 保留字段 column of that row; the document headers (title,
region ...) are kept as JSON on a hidden sheet.  Nothing here validates: the
command refuses documents that do not load before they get here.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.utils import get_column_letter
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet

from catalogtool.diff.changes import Change
from catalogtool.excel import cells, styles
from catalogtool.excel.layout import (
    Bounds,
    apply_widths,
    fit_widths,
    quote_sheet,
    row_height,
    save_workbook_bytes,
    setup_print,
    sheet_name,
)

FORMAT_VERSION = 1
META_SHEET = "_catalogtool"
META_MARK = "catalogtool-export"
RESERVED_HEADER = "保留字段（请勿修改）"
KIND_ORDER = ("purchase-catalog", "access-list", "assistance-list")
KIND_LABELS = {
    "purchase-catalog": "政府购买服务指导性目录",
    "access-list": "社区工作事项准入清单",
    "assistance-list": "基层群众自治组织协助政府工作事项清单",
}
# section key of each kind -> (section id, sheet name)
SECTIONS: dict[str, tuple[tuple[str, str, str], ...]] = {
    "purchase-catalog": (("categories", "catalog", "购买服务目录"),),
    "access-list": (("items", "access", "准入清单"), ("excluded", "excluded", "负面清单")),
    "assistance-list": (("items", "assistance", "协助事项清单"),),
}
LEVEL_NAMES = "一二三四五六七八九"
_ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
MAX_LEVELS = len(LEVEL_NAMES)


# --------------------------------------------------------------------------- columns


_DEFAULT_BOUNDS = Bounds(8, 20)


@dataclass(frozen=True, slots=True)
class Column:
    """One column of a list sheet.  `role` is seq (序号), level (目录名称), field or reserved."""

    header: str
    path: tuple[str, ...] | None = None
    codec: str = "text"
    bounds: Bounds = _DEFAULT_BOUNDS
    align: str = "left"
    role: str = "field"
    level: int = 0
    optional: bool = False
    printed: bool = True


SEQ = Column("序号", role="seq", bounds=Bounds(5, 6, wrap=False), align="center")
RESERVED = Column(RESERVED_HEADER, role="reserved", bounds=Bounds(10, 10, wrap=False), printed=False)
_LEVEL_BOUNDS = (Bounds(8, 14), Bounds(10, 18), Bounds(12, 22), Bounds(12, 20))


def level_header(level: int) -> str:
    return f"{LEVEL_NAMES[level - 1]}级目录"


def catalog_columns(levels: int) -> list[Column]:
    levels = max(4, min(levels, MAX_LEVELS))
    cols = [SEQ, Column("编码", ("code",), "code", Bounds(7, 11, wrap=False), "center")]
    for level in range(1, levels + 1):
        bounds = _LEVEL_BOUNDS[min(level, 4) - 1]
        cols.append(Column(level_header(level), ("name",), "text", bounds, role="level", level=level,
                           optional=level > 3))
    cols += [
        Column("服务内容", ("content",), "text", Bounds(20, 46)),
        Column("承接主体", ("providers",), "list", Bounds(10, 16)),
        Column("乡镇适用", ("township",), "bool", Bounds(6, 6, wrap=False), "center"),
        Column("设定依据", ("basis",), "basis", Bounds(16, 34)),
        Column("备注", ("notes",), "text", Bounds(8, 20)),
        # On screen, not in print: the printed guide keeps the eleven columns townships expect.
        Column("购买主体", ("purchasers",), "list", Bounds(10, 18), optional=True, printed=False),
        Column("采购品目", ("procurement_code",), "code", Bounds(6, 10), "center", optional=True,
               printed=False),
        Column("说明", ("description",), "text", Bounds(10, 30), optional=True, printed=False),
        RESERVED,
    ]
    return cols


_COMMON_HEAD = [
    SEQ,
    Column("编码", ("code",), "code", Bounds(7, 10, wrap=False), "center"),
    Column("事项名称", ("name",), "text", Bounds(10, 18)),
    Column("类别", ("category",), "text", Bounds(6, 10)),
    Column("事项内容", ("content",), "text", Bounds(18, 40)),
    Column("责任单位", ("department",), "text", Bounds(10, 16)),
    Column("设定依据", ("basis",), "basis", Bounds(14, 30)),
]

ACCESS_COLUMNS = [
    *_COMMON_HEAD,
    Column("期限", ("term",), "text", Bounds(5, 6), "center"),
    Column("需要经费", ("funding", "required"), "bool", Bounds(5, 6, wrap=False), "center"),
    Column("经费来源", ("funding", "source"), "text", Bounds(8, 16)),
    Column("经费金额（元/年）", ("funding", "amount"), "number", Bounds(8, 10, wrap=False), "center"),
    Column("需专门场所", ("premises_required",), "bool", Bounds(6, 6, wrap=False), "center"),
    Column("需专职人员", ("staff_required",), "bool", Bounds(6, 6, wrap=False), "center"),
    Column("批准机关", ("approval", "body"), "text", Bounds(8, 16), optional=True),
    Column("批准日期", ("approval", "date"), "date", Bounds(10, 11, wrap=False), "center", optional=True),
    Column("批准文号", ("approval", "document_number"), "text", Bounds(8, 16), optional=True),
    Column("备注", ("notes",), "text", Bounds(8, 16)),
    RESERVED,
]

ASSISTANCE_COLUMNS = [
    *_COMMON_HEAD,
    Column("指导与保障", ("guidance",), "text", Bounds(12, 26)),
    Column("经费来源", ("funding", "source"), "text", Bounds(8, 16)),
    Column("经费金额（元/年）", ("funding", "amount"), "number", Bounds(8, 10, wrap=False), "center"),
    Column("评估方式", ("evaluation",), "text", Bounds(8, 18)),
    Column("对应购买事项", ("purchase_ref",), "code", Bounds(7, 9), "center", optional=True),
    Column("备注", ("notes",), "text", Bounds(8, 16)),
    RESERVED,
]

EXCLUDED_COLUMNS = [
    SEQ,
    Column("编码", ("code",), "code", Bounds(7, 10, wrap=False), "center"),
    Column("事项名称", ("name",), "text", Bounds(14, 30)),
    Column("不得准入的理由", ("reason",), "text", Bounds(30, 80)),
    RESERVED,
]

SECTION_COLUMNS: dict[str, list[Column]] = {
    "access": ACCESS_COLUMNS,
    "assistance": ASSISTANCE_COLUMNS,
    "excluded": EXCLUDED_COLUMNS,
}


# --------------------------------------------------------------------------- inputs and notices


@dataclass(frozen=True, slots=True)
class Township:
    code: str
    name: str


@dataclass(frozen=True, slots=True)
class Notice:
    """Something the user should know about the export (a warning) or that stops it (an error)."""

    level: str  # "warning" | "error"
    zh: str
    en: str

    def text(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh


class ExportError(Exception):
    def __init__(self, notices: list[Notice]) -> None:
        super().__init__("; ".join(n.zh for n in notices))
        self.notices = notices


@dataclass(slots=True)
class Source:
    """One document to export: its data and the name it is known by (its relative path)."""

    path: str
    data: dict[str, Any]

    @property
    def kind(self) -> str:
        kind = self.data.get("kind")
        return kind if isinstance(kind, str) else ""


@dataclass(slots=True)
class _Ctx:
    notices: list[Notice] = field(default_factory=list)
    taken: list[str] = field(default_factory=list)

    def warn(self, zh: str, en: str) -> None:
        self.notices.append(Notice("warning", zh, en))

    def error(self, zh: str, en: str) -> None:
        self.notices.append(Notice("error", zh, en))


# --------------------------------------------------------------------------- data helpers


def _text(value: Any) -> str:
    if value is None:
        return ""
    return cells.as_text(value) if not isinstance(value, (dict, list)) else json.dumps(value, ensure_ascii=False)


def _who(path: str, entry: Any) -> tuple[str, str]:
    if isinstance(entry, dict):
        code, name = _text(entry.get("code")), _text(entry.get("name"))
        label = f"{code}（{name}）" if code and name else code or name or "?"
    else:
        label = "?"
    return f"{path} 编码 {label}", f"{path} code {label}"


def _clean(value: Any, where: tuple[str, str], ctx: _Ctx, key: str = "") -> Any:
    """A copy of `value` with characters no workbook can store removed, warning once per string."""
    if isinstance(value, str):
        bad = cells.illegal_chars(value)
        if not bad:
            return value
        shown = "、".join(bad)
        field_zh = f"字段 {key} " if key else ""
        field_en = f"field {key} " if key else ""
        ctx.warn(
            f"{where[0]}：{field_zh}含 Excel 无法保存的控制字符 {shown}，已删除",
            f"{where[1]}: {field_en}contains characters Excel cannot store ({', '.join(bad)}); removed",
        )
        return cells.strip_illegal(value)
    if isinstance(value, dict):
        return {k: _clean(v, where, ctx, f"{key}.{k}" if key else str(k)) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean(v, where, ctx, key) for v in value]
    return value


def _get(entry: dict[str, Any], path: tuple[str, ...]) -> Any:
    node: Any = entry
    for key in path:
        if not isinstance(node, dict) or key not in node:
            return cells.MISSING
        node = node[key]
    return node


def _is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, (str, list, dict)) and len(value) == 0)


def _display(value: Any) -> str | None:
    if value is None or value is cells.MISSING:
        return None
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False) if value else None
    text = cells.as_text(value)
    return text or None


def encode_entry(
    entry: dict[str, Any], columns: Sequence[Column], *, structural: Iterable[str] = ()
) -> tuple[dict[int, Any], list[list[Any]]]:
    """Cell values by column index, and the 保留字段 entries [path, shown, value] of one entry.

    A value goes to 保留字段 when its cell cannot show it exactly: an empty value
    ("" or [] or null, shown as a blank), a value of another type than the
    column's, or a key no column has.
    """
    out: dict[int, Any] = {}
    reserved: list[list[Any]] = []
    covered: set[tuple[str, ...]] = set()
    for index, col in enumerate(columns):
        if col.path is None or col.role == "level":
            continue
        covered.add(col.path)
        value = _get(entry, col.path)
        if value is cells.MISSING:
            continue
        codec = cells.CODECS[col.codec]
        if _is_empty(value):
            reserved.append([list(col.path), None, value])
            continue
        cell, exact = cells.roundtrips(codec, value)
        if cell == "":
            cell, exact = None, False
        if exact:
            out[index] = cell
        else:
            shown = cell if cell is not None else _display(value)
            out[index] = shown
            reserved.append([list(col.path), cells.as_text(shown) if shown is not None else None, value])
    skip = set(structural)
    _uncovered(entry, covered, skip, (), reserved)
    return out, reserved


def _uncovered(
    node: dict[str, Any], covered: set[tuple[str, ...]], skip: set[str], prefix: tuple[str, ...],
    out: list[list[Any]],
) -> None:
    for key, value in node.items():
        path = (*prefix, str(key))
        if path in covered or (not prefix and key in skip):
            continue
        below = any(c[: len(path)] == path for c in covered)
        if below and isinstance(value, dict) and value:
            _uncovered(value, covered, skip, path, out)
        else:
            out.append([list(path), None, value])


def reserved_text(reserved: list[list[Any]]) -> str | None:
    if not reserved:
        return None
    return json.dumps(reserved, ensure_ascii=False, separators=(",", ":"))


# --------------------------------------------------------------------------- township guides


def township_filter(data: dict[str, Any]) -> dict[str, Any]:
    """A catalog keeping only `township: true` items and the directories above them."""

    def keep(nodes: Any) -> Any:
        if not isinstance(nodes, list):
            return nodes
        kept = []
        for node in nodes:
            if not isinstance(node, dict):
                continue
            if "children" in node:
                children = keep(node["children"])
                if isinstance(children, list) and children:
                    copied = dict(node)
                    copied["children"] = children
                    kept.append(copied)
            elif node.get("township") is True:
                kept.append(node)
        return kept

    out = dict(data)
    if "categories" in out:
        out["categories"] = keep(out["categories"])
    return out


def apply_township(sources: list[Source], township: Township | None) -> list[Source]:
    if township is None:
        return sources
    return [
        Source(s.path, township_filter(s.data)) if s.kind == "purchase-catalog" else s for s in sources
    ]


# --------------------------------------------------------------------------- the workbook


@dataclass(slots=True)
class _SheetInfo:
    name: str
    title: str
    kind: str
    source: Source | None
    count_text: str = ""


def default_date(sources: Sequence[Source]) -> _dt.date:
    """The date a workbook is stamped with unless told: the latest effective or approval date of the inputs.

    Taken from the documents so that the same YAML always gives the same bytes.
    """
    found: list[_dt.date] = []
    years: list[int] = []
    for source in sources:
        data = source.data
        for value in (data.get("effective"), _get(data, ("approval", "date"))):
            if isinstance(value, str) and _ISO_DATE.match(value):
                with contextlib.suppress(ValueError):
                    found.append(_dt.date.fromisoformat(value))
        if isinstance(data.get("year"), int) and not isinstance(data.get("year"), bool):
            years.append(data["year"])
    if found:
        return max(found)
    if years and 1980 <= max(years) <= 9999:
        return _dt.date(max(years), 1, 1)
    return _dt.date(2000, 1, 1)


def workbook_title(sources: Sequence[Source], township: Township | None, title: str | None) -> str:
    if title:
        return title
    years = sorted({int(s.data["year"]) for s in sources if isinstance(s.data.get("year"), int)})
    year = f"{years[-1]}" if years else ""
    if township is not None:
        return f"{township.name}{year}年度购买服务指南" if year else f"{township.name}年度购买服务指南"
    if len(sources) == 1 and isinstance(sources[0].data.get("title"), str):
        return sources[0].data["title"]
    region = _region_name(sources)
    return f"{region}{year}年度目录与清单" if year else f"{region}目录与清单"


def _region_name(sources: Sequence[Source]) -> str:
    for source in sources:
        region = source.data.get("region")
        if isinstance(region, dict) and isinstance(region.get("name"), str):
            return region["name"]
    return ""


def _region_text(sources: Sequence[Source]) -> str:
    seen: list[str] = []
    for source in sources:
        region = source.data.get("region")
        if isinstance(region, dict):
            name, code = _text(region.get("name")), _text(region.get("code"))
            text = f"{name}（{code}）" if name and code else name or code
            if text and text not in seen:
                seen.append(text)
    return "；".join(seen)


def sort_sources(sources: Iterable[Source]) -> list[Source]:
    rank = {k: i for i, k in enumerate(KIND_ORDER)}
    return sorted(sources, key=lambda s: (rank.get(s.kind, 9), s.path))


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
    ctx = _Ctx()
    ordered = sort_sources(sources)
    cleaned = []
    for source in ordered:
        if source.kind not in SECTIONS:
            ctx.error(f"{source.path}：不是可导出的文档（kind 为 {source.kind or '空'}）",
                      f"{source.path}: not a document that can be exported (kind {source.kind or 'missing'})")
            continue
        cleaned.append(Source(source.path, _clean_document(source, ctx)))
    _raise_errors(ctx)
    shown = apply_township(cleaned, township)
    when = date or default_date(cleaned)
    book_title = workbook_title(shown, township, title)

    wb = Workbook()
    cover = wb.active
    cover.title = sheet_name("说明", [])
    ctx.taken.append(cover.title)

    infos: list[_SheetInfo] = []
    meta_docs: list[dict[str, Any]] = []
    suffixes = _sheet_suffixes(shown)
    for number, source in enumerate(shown, start=1):
        meta_docs.append(_write_document(wb, number, source, township, infos, ctx, suffixes[number - 1]))
    stats_name = None
    if shown:
        stats_name = sheet_name("统计", ctx.taken)
        ctx.taken.append(stats_name)
        stats = wb.create_sheet(stats_name)
        _write_stats(stats, shown, township)
        infos.append(_SheetInfo(stats_name, "分类及责任单位事项统计", "stats", None))
    if changes is not None:
        from catalogtool.excel.compare_sheet import write_compare_sheet

        compare_name = sheet_name("新旧对照表", ctx.taken)
        ctx.taken.append(compare_name)
        write_compare_sheet(wb, changes, "zh", name=compare_name, since=since_label)
        infos.append(_SheetInfo(compare_name, f"与{since_label or '上一版'}相比的变化（{len(changes)} 处）",
                                "compare", None))
    _write_cover(cover, book_title, shown, township, when, infos)
    _write_meta(wb, meta_docs, township, when)
    _raise_errors(ctx)
    props = wb.properties
    props.title = book_title
    props.subject = "乡镇年度购买服务指南" if township else "政府购买服务目录与社区工作事项清单"
    props.creator = "catalogtool"
    props.lastModifiedBy = "catalogtool"
    props.keywords = "catalogtool"
    wb.active = 0
    return wb, ctx.notices


def export_bytes(sources: Sequence[Source], **options: Any) -> tuple[bytes, list[Notice]]:
    """The workbook as bytes: the same inputs and options always give the same bytes."""
    wb, notices = build_workbook(sources, **options)
    date = options.get("date") or default_date(sources)
    return save_workbook_bytes(wb, _dt.datetime.combine(date, _dt.time(0, 0))), notices


def _raise_errors(ctx: _Ctx) -> None:
    errors = [n for n in ctx.notices if n.level == "error"]
    if errors:
        raise ExportError(errors)


def _clean_document(source: Source, ctx: _Ctx) -> dict[str, Any]:
    data = source.data
    out: dict[str, Any] = {}
    for key, value in data.items():
        if key in ("categories", "items", "excluded") and isinstance(value, list):
            out[key] = value
        else:
            out[key] = _clean(value, (f"{source.path} 文件信息", f"{source.path} header"), ctx, str(key))
    for key in ("items", "excluded"):
        if isinstance(out.get(key), list):
            out[key] = [_clean(e, _who(source.path, e), ctx) for e in out[key]]
    if isinstance(out.get("categories"), list):
        out["categories"] = _clean_tree(out["categories"], source.path, ctx)
    return out


def _clean_tree(nodes: list[Any], path: str, ctx: _Ctx) -> list[Any]:
    result = []
    for node in nodes:
        if isinstance(node, dict):
            copied = {k: v for k, v in node.items() if k != "children"}
            copied = _clean(copied, _who(path, node), ctx)
            if "children" in node:
                children = node["children"]
                copied["children"] = _clean_tree(children, path, ctx) if isinstance(children, list) else children
            result.append(copied)
        else:
            result.append(node)
    return result


# --------------------------------------------------------------------------- list sheets


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
    wb: Workbook, number: int, source: Source, township: Township | None, infos: list[_SheetInfo], ctx: _Ctx,
    suffix: str = "",
) -> dict[str, Any]:
    data = source.data
    kind = source.kind
    header = {k: v for k, v in data.items() if not (k in {s[0] for s in SECTIONS[kind]} and isinstance(v, list))}
    meta: dict[str, Any] = {"path": source.path, "kind": kind, "header": header, "sections": {}}
    doc_title = _text(data.get("title")) or KIND_LABELS[kind]
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
        infos.append(_SheetInfo(name, title, kind, source, count_text))
    return meta


def _subtitle(data: dict[str, Any], entries: list[Any], kind: str, section: str = "") -> str:
    parts = []
    for label, key in (("发布单位", "issuer"), ("文号", "document_number"), ("施行日期", "effective"),
                       ("失效日期", "expires")):
        value = data.get(key)
        if value is not None and _text(value):
            parts.append(f"{label}：{_text(value)}")
    approval = data.get("approval")
    if kind == "access-list" and isinstance(approval, dict) and section != "excluded":
        bits = [_text(approval.get(k)) for k in ("body", "date", "document_number") if approval.get(k)]
        if bits:
            parts.append("审定：" + " ".join(bits))
    scope = data.get("scope")
    if kind == "assistance-list" and isinstance(scope, str) and scope:
        parts.append(f"适用：{scope}")
    return "　　".join(parts)


def _title_rows(ws: Worksheet, title: str, subtitle: str, last_col: int) -> None:
    last = get_column_letter(last_col)
    ws.merge_cells(f"A1:{last}1")
    ws.merge_cells(f"A2:{last}2")
    cell = ws["A1"]
    cells.put(cell, title)
    cell.font = styles.TITLE_FONT
    cell.alignment = styles.TITLE_ALIGN
    ws.row_dimensions[1].height = 32
    sub = ws["A2"]
    cells.put(sub, subtitle)
    sub.font = styles.SUBTITLE_FONT
    sub.alignment = styles.SUBTITLE_ALIGN
    ws.row_dimensions[2].height = 20


def _printed_width(columns: Sequence[Column]) -> int:
    return max(i for i, c in enumerate(columns, start=1) if c.printed)


def _header_row(ws: Worksheet, columns: Sequence[Column]) -> None:
    for index, col in enumerate(columns, start=1):
        cell = ws.cell(3, index)
        cells.put(cell, col.header)
        cell.font = styles.HEADER_FONT
        cell.fill = styles.HEADER_FILL
        cell.border = styles.BORDER
        cell.alignment = styles.CENTER


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


def _check_length(value: Any, where: tuple[str, str], header: str, ctx: _Ctx) -> None:
    if isinstance(value, str) and len(value) > cells.MAX_CELL_CHARS:
        ctx.error(
            f"{where[0]}：{header} 有 {len(value)} 个字符，超过 Excel 单元格上限 {cells.MAX_CELL_CHARS}，无法导出",
            f"{where[1]}: {header} has {len(value)} characters, more than an Excel cell holds "
            f"({cells.MAX_CELL_CHARS}); cannot export",
        )


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


def _write_list(
    ws: Worksheet, title: str, subtitle: str, entries: list[Any], columns: list[Column], path: str, ctx: _Ctx
) -> int:
    _title_rows(ws, title, subtitle, _printed_width(columns))
    _header_row(ws, columns)
    rows: list[list[Any]] = []
    count = 0
    for entry in entries:
        row: list[Any] = [None] * len(columns)
        if not isinstance(entry, dict):
            ctx.warn(f"{path}：{ws.title} 中有一项不是映射（{_text(entry)[:30]}），未导出",
                     f"{path}: an entry of {ws.title} is not a mapping ({_text(entry)[:30]}); not exported")
            continue
        count += 1
        values, reserved = encode_entry(entry, columns)
        for index, value in values.items():
            row[index] = value
        row[0] = count
        row[len(columns) - 1] = reserved_text(reserved)
        for index, value in enumerate(row):
            _check_length(value, _who(path, entry), columns[index].header, ctx)
        rows.append(row)
    for offset, row in enumerate(rows):
        for index, value in enumerate(row):
            cell = ws.cell(4 + offset, index + 1)
            cells.put(cell, value)
            _style_cell(cell, columns[index])
    hidden = _hidden_flags(columns, rows, None)
    _finish_sheet(ws, columns, rows, hidden, title)
    return count


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


def _walk(nodes: list[Any], path: str, ctx: _Ctx) -> list[tuple[int, dict[str, Any], list[str]]]:
    """(depth, node, ancestor names) in document order."""
    out: list[tuple[int, dict[str, Any], list[str]]] = []

    def visit(current: list[Any], depth: int, names: list[str]) -> None:
        for node in current:
            if not isinstance(node, dict):
                ctx.warn(f"{path}：目录中有一项不是映射（{_text(node)[:30]}），未导出",
                         f"{path}: a catalog entry is not a mapping ({_text(node)[:30]}); not exported")
                continue
            out.append((depth, node, names))
            children = node.get("children")
            if isinstance(children, list) and children:
                visit(children, depth + 1, [*names, _text(node.get("name"))])

    visit(nodes, 1, [])
    return out


def _write_catalog(
    ws: Worksheet, title: str, subtitle: str, nodes: list[Any], township: Township | None, path: str, ctx: _Ctx
) -> int:
    depth = _catalog_depth(nodes)
    if depth > MAX_LEVELS:
        ctx.error(f"{path}：目录有 {depth} 级，导出最多支持 {MAX_LEVELS} 级",
                  f"{path}: the catalog has {depth} levels; export supports at most {MAX_LEVELS}")
        return 0
    columns = catalog_columns(depth)
    level_index = {c.level: i for i, c in enumerate(columns) if c.role == "level"}
    _title_rows(ws, title, subtitle, _printed_width(columns))
    _header_row(ws, columns)
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
            shown = _display(name)
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
        for index, value in enumerate(row):
            _check_length(value, _who(path, node), columns[index].header, ctx)
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


# --------------------------------------------------------------------------- cover


def _write_cover(
    ws: Worksheet, title: str, sources: Sequence[Source], township: Township | None, when: _dt.date,
    infos: list[_SheetInfo],
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
        info.append(("适用乡镇", f"{township.name}（{township.code}）"))
    if years:
        info.append(("年度", "、".join(str(y) for y in years)))
    issuers = []
    for source in sources:
        issuer = _text(source.data.get("issuer"))
        if issuer and issuer not in issuers:
            issuers.append(issuer)
    info.append(("发布单位", "；".join(issuers)))
    info.append(("编制日期", when.isoformat()))
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
    headers = ["序号", "工作表", "标题", "发布单位", "文号", "施行日期", "事项数"]
    contents_header = row
    for index, text in enumerate(headers, start=1):
        cell = ws.cell(row, index)
        cells.put(cell, text)
        cell.font = styles.HEADER_FONT
        cell.fill = styles.HEADER_FILL
        cell.border = styles.BORDER
        cell.alignment = styles.CENTER
    row += 1
    for number, info_row in enumerate(infos, start=1):
        data = info_row.source.data if info_row.source else {}
        values = [
            number,
            info_row.name,
            info_row.title,
            _text(data.get("issuer")),
            _text(data.get("document_number")),
            _text(data.get("effective")),
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
    if any(s.kind == "purchase-catalog" for s in sources):
        notes.insert(1, "购买服务目录中加粗的行是一级、二级（和三级）目录，带序号的行是可购买的事项；"
                        "购买主体、采购品目、说明三列（如有）只在屏幕上显示，不打印。")
    if township:
        notes.insert(0, f"本指南只列出{township.name}可以作为购买主体购买的事项（目录中“乡镇适用”为“是”的事项）；"
                        "社区工作事项清单适用于全区各村（社区），全文列出。")
    notes = [f"{number}. {text}" for number, text in enumerate(notes, start=1)]
    for text in notes:
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(widths))
        cell = ws.cell(row, 1)
        cells.put(cell, text)
        cell.font = styles.BODY_FONT
        cell.alignment = styles.LEFT
        ws.row_dimensions[row].height = row_height([text], [sum(widths)])
        row += 1
    setup_print(ws, title_rows=None, header_text="", freeze=None)
    ws.print_area = f"A1:{last}{row - 1}"
    del contents_header


def _section_title(ws: Worksheet, row: int, text: str, last: str) -> int:
    ws.merge_cells(f"A{row}:{last}{row}")
    cell = ws.cell(row, 1)
    cells.put(cell, text)
    cell.font = styles.SECTION_FONT
    cell.alignment = styles.SUBTITLE_ALIGN
    ws.row_dimensions[row].height = 22
    return row + 1


# --------------------------------------------------------------------------- statistics


def _write_stats(ws: Worksheet, sources: Sequence[Source], township: Township | None) -> None:
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
        if source.kind == "purchase-catalog":
            row = _catalog_stats(ws, row, source, township)
    row = _department_stats(ws, row, sources)
    setup_print(ws, title_rows=None, header_text="事项统计")


def _table(ws: Worksheet, row: int, headers: Sequence[str], rows: Sequence[Sequence[Any]],
           bold_rows: Iterable[int] = ()) -> int:
    for index, text in enumerate(headers, start=1):
        cell = ws.cell(row, index)
        cells.put(cell, text)
        cell.font = styles.HEADER_FONT
        cell.fill = styles.HEADER_FILL
        cell.border = styles.BORDER
        cell.alignment = styles.CENTER
    bold = set(bold_rows)
    for offset, values in enumerate(rows, start=1):
        for index, value in enumerate(values, start=1):
            cell = ws.cell(row + offset, index)
            cells.put(cell, value)
            cell.font = styles.BOLD_FONT if offset - 1 in bold else styles.BODY_FONT
            cell.border = styles.BORDER
            cell.alignment = styles.CENTER if isinstance(value, (int, float)) else styles.LEFT
    return row + len(rows) + 1


def _bar_chart(title: str, ws: Worksheet, first_row: int, last_row: int, cats_col: int,
               value_cols: Sequence[int], header_row: int) -> BarChart:
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
        data = Reference(ws, min_col=col, min_row=header_row, max_row=last_row)
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


def _catalog_stats(ws: Worksheet, row: int, source: Source, township: Township | None) -> int:
    data = source.data
    nodes: list[Any] = data["categories"] if isinstance(data.get("categories"), list) else []
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
            level2.append([_text(top.get("name")), _text(sub.get("name")), n, t])
            total += n
            town += t
            subs += 1
        level1.append([_text(top.get("name")), subs, total, town])
    title = _text(data.get("title"))
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
    header_row = row
    end = _table(ws, row, ["一级目录", "二级目录", "事项数", "其中乡镇适用"], level2)
    if level2:
        chart = _bar_chart("各二级目录事项数", ws, header_row + 1, header_row + len(level2), 2,
                           [3] if township else [3, 4], header_row)
        ws.add_chart(chart, f"F{header_row}")
        end = max(end, header_row + _chart_rows(chart))
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
    columns: list[tuple[str, str]] = []  # (header, kind)
    counts: dict[str, Counter[str]] = {}
    for source in sources:
        data = source.data
        counter: Counter[str] = Counter()
        if source.kind in ("access-list", "assistance-list"):
            for entry in data.get("items") or [] if isinstance(data.get("items"), list) else []:
                if isinstance(entry, dict):
                    counter[_text(entry.get("department")) or "（未填写）"] += 1
            header = "准入事项" if source.kind == "access-list" else "协助事项"
        else:
            for top in data.get("categories") or [] if isinstance(data.get("categories"), list) else []:
                if isinstance(top, dict):
                    for item in _leaves(top):
                        purchasers = item.get("purchasers")
                        if isinstance(purchasers, list):
                            for name in purchasers:
                                if isinstance(name, str) and name:
                                    counter[name] += 1
            header = "目录事项（购买主体）"
        if not counter:
            continue
        if any(h == header for h, _ in columns):
            header = f"{header}（{source.path}）"
        columns.append((header, source.kind))
        counts[header] = counter
    if not columns:
        return row
    departments = sorted({d for c in counts.values() for d in c},
                         key=lambda d: (-sum(c[d] for c in counts.values()), d))
    rows = []
    for dept in departments:
        values = [counts[h][dept] for h, _ in columns]
        rows.append([dept, *values, sum(values)])
    if row > 3:
        ws.row_breaks.append(Break(id=row - 1))  # the department table starts a page
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=4)
    cells.put(ws.cell(row, 1), "按责任单位统计")
    ws.cell(row, 1).font = styles.SECTION_FONT
    row += 1
    header_row = row
    end = _table(ws, row, ["责任单位", *[h for h, _ in columns], "合计"], rows)
    chart = _bar_chart("各责任单位事项数（合计）", ws, header_row + 1, header_row + len(rows), 1,
                       [2 + len(columns)], header_row)
    ws.add_chart(chart, f"{get_column_letter(len(columns) + 4)}{header_row}")
    return max(end, header_row + _chart_rows(chart)) + 1


# --------------------------------------------------------------------------- metadata


def _write_meta(wb: Workbook, docs: list[dict[str, Any]], township: Township | None, when: _dt.date) -> None:
    ws = wb.create_sheet(META_SHEET)
    ws.sheet_state = "hidden"
    payload = {
        "format": FORMAT_VERSION,
        "generator": "catalogtool",
        "date": when.isoformat(),
        "township": {"code": township.code, "name": township.name} if township else None,
        "documents": docs,
    }
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    ws["A1"] = META_MARK
    ws["A2"] = "本工作表供 catalogtool import 使用，请勿修改。"
    chunk = 30000
    for index in range(0, max(len(text), 1), chunk):
        cells.put(ws.cell(3 + index // chunk, 1), text[index : index + chunk])
