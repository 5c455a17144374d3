"""The 新旧对照表: one row per change, old and new side by side, coloured by kind of change.

Used by `export --since` (a sheet of the guide) and by `diff --format xlsx` (a
workbook of its own, via `diff_workbook_bytes`).  Rows follow the order of the
changes given (the diff sorts them in catalog order).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from catalogtool.diff.amounts import change_note, money_text
from catalogtool.diff.changes import Change
from catalogtool.errors import CatalogToolError
from catalogtool.excel import cells
from catalogtool.excel.write import styles
from catalogtool.excel.write.headings import header_row, title_rows
from catalogtool.excel.write.layout import (
    apply_widths,
    fit_widths,
    row_height,
    save_workbook_bytes,
    setup_print,
)
from catalogtool.kinds.codecs import format_basis, number_text
from catalogtool.kinds.columns import Bounds
from catalogtool.labels import field_label
from catalogtool.problems import Message

TYPE_LABELS = {
    "zh": {"added": "新增", "removed": "删除", "changed": "修改", "recoded": "重新编码", "header": "文件信息"},
    "en": {"added": "added", "removed": "removed", "changed": "changed", "recoded": "recoded",
           "header": "header"},
}
SECTION_LABELS = {
    "zh": {"items": "", "excluded": "负面清单", "categories": "目录分类"},
    "en": {"items": "", "excluded": "negative list", "categories": "directory"},
}
HEADERS = {
    "zh": ["序号", "原编码", "原名称", "原内容", "新编码", "新名称", "新内容", "变更类型", "变更字段",
           "所属目录", "文件"],
    "en": ["No.", "Old code", "Old name", "Old content", "New code", "New name", "New content", "Change",
           "Fields changed", "Directory", "File"],
}
_BOUNDS = [
    Bounds(5, 6, wrap=False), Bounds(7, 10, wrap=False), Bounds(10, 18), Bounds(16, 36),
    Bounds(7, 10, wrap=False), Bounds(10, 18), Bounds(16, 36), Bounds(6, 10), Bounds(14, 34),
    Bounds(10, 24), Bounds(10, 24),
]
_CENTER_COLS = {0, 1, 4, 7}
_CONTENT_KEY = {"items": "content", "excluded": "reason", "categories": "description"}


def describe(value: Any, lang: str = "zh", field: str = "") -> str:
    """A field value as a reader wants to see it in the comparison; `field` names a mapping's keys."""
    none = "（无）" if lang != "en" else "(none)"
    if value is None or value == "" or value == [] or value == {}:
        return none
    if isinstance(value, bool):
        return ("是" if value else "否") if lang != "en" else ("yes" if value else "no")
    if isinstance(value, (int, float)):
        return number_text(value)
    if isinstance(value, list):
        if all(isinstance(v, dict) and ("title" in v or "level" in v) for v in value):
            return "\n".join(format_basis(v) for v in value)
        if all(isinstance(v, str) for v in value):
            return "、".join(value)
        return "；".join(describe(v, lang, field) for v in value)
    if isinstance(value, dict):
        keys = {k: f"{field}.{k}" if field else str(k) for k in value}
        colon, sep = ("：", "；") if lang != "en" else (": ", "; ")
        return sep.join(f"{field_label(keys[k], lang)}{colon}{describe(v, lang, keys[k])}" for k, v in value.items())
    return str(value)


def _path_text(view: dict[str, Any] | None) -> str:
    if not view:
        return ""
    path = view.get("_path")
    if isinstance(path, list):
        return " / ".join(str(p) for p in path if p)
    return str(path) if path else ""


def _fields_text(change: Change, lang: str) -> str:
    shown_elsewhere = {"name", _CONTENT_KEY.get(change.section, "content")}
    colon = "：" if lang != "en" else ": "
    lines = []
    if change.type == "recoded":
        lines.append(f"{field_label('code', lang)}{colon}{change.old_code} → {change.new_code}")
    for name, delta in change.fields.items():
        label = field_label(name, lang, change.kind)
        if name in shown_elsewhere and change.type != "header":
            lines.append(label)
        elif delta.money:  # yuan and the change: 预算金额（元）：¥216,000.00 → ¥228,000.00（+¥12,000.00）
            none = describe(None, lang)
            lines.append(f"{label}{colon}{money_text(delta.old, none)} → {money_text(delta.new, none)}"
                         f"{change_note(delta, lang)}")
        else:
            lines.append(f"{label}{colon}{describe(delta.old, lang, name)} → {describe(delta.new, lang, name)}")
    return "\n".join(lines)


def change_row(change: Change, lang: str = "zh") -> list[Any]:
    """The cells of one change: old code/name/content, new code/name/content, type, fields, path, file."""
    content_key = _CONTENT_KEY.get(change.section, "content")
    old, new = change.old or {}, change.new or {}
    type_label = TYPE_LABELS.get(lang, TYPE_LABELS["zh"]).get(change.type, change.type)
    section = SECTION_LABELS.get(lang, SECTION_LABELS["zh"]).get(change.section, change.section)
    if section and change.type != "header":
        type_label += f"（{section}）" if lang != "en" else f" ({section})"
    if change.type == "header":
        doc_label = "（文件信息）" if lang != "en" else "(document header)"
        return [None, None, doc_label, None, None, doc_label, None, type_label,
                _fields_text(change, lang), None, change.document or None]
    old_code = change.old_code if change.type == "recoded" else (change.code if change.type != "added" else "")
    new_code = change.new_code if change.type == "recoded" else (change.code if change.type != "removed" else "")
    old_name = _text(old.get("name")) if change.type != "added" else ""
    new_name = _text(new.get("name")) if change.type != "removed" else ""
    if change.type == "removed" and not old_name:
        old_name = change.name
    if change.type == "added" and not new_name:
        new_name = change.name
    return [
        None,
        old_code or None,
        old_name or None,
        _text(old.get(content_key)) or None if change.type != "added" else None,
        new_code or None,
        new_name or None,
        _text(new.get(content_key)) or None if change.type != "removed" else None,
        type_label,
        _fields_text(change, lang) or None,
        _path_text(new if change.type != "removed" else old) or None,
        change.document or None,
    ]


def _text(value: Any) -> str:
    if value is None:
        return ""
    return value if isinstance(value, str) else describe(value)


def summary_text(changes: Sequence[Change], lang: str = "zh") -> str:
    counts = Counter(c.type for c in changes)
    if lang == "en":
        parts = [f"{counts[t]} {t}" for t in ("added", "removed", "changed", "recoded") if counts[t]]
        if counts["header"]:
            parts.append("document header changed")
        return "Changes: " + (", ".join(parts) if parts else "none")
    labels = TYPE_LABELS["zh"]
    parts = [f"{labels[t]} {counts[t]} 项" for t in ("added", "removed", "changed", "recoded") if counts[t]]
    if counts["header"]:
        parts.append("文件信息有变化")
    return "变化情况：" + ("，".join(parts) if parts else "没有变化")


def write_compare_sheet(
    wb: Workbook, changes: Sequence[Change], lang: str = "zh", *, name: str | None = None, since: str = ""
) -> Worksheet:
    """Add the comparison sheet to `wb` and return it."""
    lang = "en" if lang == "en" else "zh"
    headers = list(HEADERS[lang])
    rows = [change_row(c, lang) for c in changes]
    keep = list(range(9))
    if any(r[9] for r in rows):
        keep.append(9)
    if len({c.document for c in changes if c.document}) > 1:
        keep.append(10)
    headers = [headers[i] for i in keep]
    bounds = [_BOUNDS[i] for i in keep]
    rows = [[r[i] for i in keep] for r in rows]
    for number, row in enumerate(rows, start=1):
        row[0] = number
    ws = wb.create_sheet(name or ("新旧对照表" if lang == "zh" else "Changes"))
    last = get_column_letter(len(headers))
    title = ("新旧对照表" if lang == "zh" else "Comparison of editions") + (
        f"（与 {since} 相比）" if since and lang == "zh" else (f" (since {since})" if since else "")
    )
    title_rows(ws, title, summary_text(changes, lang), len(headers))
    header_row(ws, 3, headers)
    for offset, (change, row) in enumerate(zip(changes, rows, strict=True)):
        fill = styles.CHANGE_FILLS.get(change.type)
        for index, value in enumerate(row):
            cell = ws.cell(4 + offset, index + 1)
            if isinstance(value, str):
                value = cells.strip_illegal(value)
            cells.put(cell, value)
            cell.font = styles.BODY_FONT
            cell.border = styles.BORDER
            cell.alignment = styles.CENTER if keep[index] in _CENTER_COLS else styles.LEFT
            if fill is not None:
                cell.fill = fill
    widths = fit_widths(headers, bounds, rows)
    apply_widths(ws, widths)
    ws.row_dimensions[3].height = row_height(headers, widths)
    for offset, row in enumerate(rows):
        ws.row_dimensions[4 + offset].height = row_height(row, widths)
    setup_print(ws, title_rows="3:3", header_text=title, freeze="A4",
                filter_ref=f"A3:{last}{max(3 + len(rows), 4)}")
    return ws


def diff_workbook_bytes(changes: list[Change], lang: str) -> bytes:
    """A workbook holding only the comparison sheet, as deterministic XLSX bytes (for `diff --format xlsx`)."""
    wb = Workbook()
    default = wb.active
    try:
        write_compare_sheet(wb, changes, lang)
    except cells.CellTooLong as error:  # never a cut cell: say which one cannot be written
        raise CatalogToolError(
            Message(f"{error.where}：这个单元格将有 {error.length} 个字符，超过 Excel 单元格能容纳的 {cells.MAX_CELL_CHARS} 个字符，"
            "无法写成 .xlsx；请改用 --format text、markdown 或 json",
            f"{error.where}: this cell would hold {error.length} characters, more than an Excel cell holds "
            f"({cells.MAX_CELL_CHARS}); cannot write .xlsx: use --format text, markdown or json"),
        ) from None
    wb.remove(default)
    wb.active = 0
    wb.properties.creator = "catalogtool"
    wb.properties.lastModifiedBy = "catalogtool"
    wb.properties.title = "新旧对照表" if lang != "en" else "Comparison of editions"
    return save_workbook_bytes(wb, None)  # a comparison has no date of its own: none is invented
