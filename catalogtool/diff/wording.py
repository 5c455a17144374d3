"""How the diff's reports word a change: what the text and Markdown renderers share.

The names of change types, kinds and directory levels, a field value as one line
of text, the summary line, and facts about a change a report prints (where the
entry sits, its descriptive text, its name and code).  Kinds and pools are asked,
never named: a directory pool says it has children, the negative list has a label.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from catalogtool.diff.amounts import change_note, declared, money_text
from catalogtool.diff.changes import BUDGET_FIELD, CHANGE_TYPES, Change, FieldChange
from catalogtool.diff.entries import PATH_FIELD
from catalogtool.kinds import Kind, Pool, get_or_plain
from catalogtool.labels import field_label
from catalogtool.problems import Message

TYPE_LABELS = {
    "header": Message("文件信息", "header"),
    "added": Message("新增", "added"),
    "removed": Message("删除", "removed"),
    "changed": Message("修改", "changed"),
    "recoded": Message("重新编码", "recoded"),
}
# Report order: what a reviewer reads first.
TYPE_ORDER = ("header", "added", "removed", "changed", "recoded")


LEVEL_LABELS = (Message("一级目录", "level-1 directory"), Message("二级目录", "level-2 directory"),
                Message("三级目录", "level-3 directory"), Message("四级目录", "level-4 directory"))


def type_label(change_type: str, lang: str) -> str:
    return TYPE_LABELS.get(change_type, Message(change_type, change_type)).text(lang)


def kind_label(kind: str, lang: str) -> str:
    """The kind's short name; a kind we do not know is named by its id."""
    return get_or_plain(kind).short_name.text(lang)


def none_text(lang: str) -> str:
    return Message("（无）", "(none)").text(lang)


def format_value(value: Any, lang: str, field: str = "", kind: Kind | None = None) -> str:
    """A field value as one line of text, the way the published lists write it.

    `field` is the value's field (dotted), so the keys of a mapping value are named
    as the nested fields are (`funding` → 需要经费, 经费来源); with `kind`, in that
    kind's words, and its money fields nested in a mapping as yuan.
    """
    if value is None:
        return none_text(lang)
    if isinstance(value, bool):
        return Message("是", "yes").text(lang) if value else Message("否", "no").text(lang)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, list):
        if not value:
            return Message("（空）", "(empty)").text(lang)
        return Message("、", ", ").text(lang).join(format_value(v, lang, field, kind) for v in value)
    if isinstance(value, dict):
        if {"level", "title"} <= value.keys():
            # A legal basis, as published lists print it: 【行政法规】《社会救助暂行办法》第十三条
            return f"【{value.get('level')}】《{value.get('title')}》{value.get('article') or ''}"
        if {"dimension", "name", "target"} <= value.keys():
            # A performance indicator, as a plan's table prints it: 满意度·服务对象满意度 ≥90%
            return f"{value.get('dimension')}·{value.get('name')} {value.get('target')}{value.get('unit') or ''}"
        if value.keys() == {"start", "end"}:
            # A period, as a plan's table prints it: 2025-03-01 至 2026-02-28
            return (format_value(value["start"], lang) + Message(" 至 ", " to ").text(lang)
                    + format_value(value["end"], lang))
        sep = Message("；", "; ").text(lang)
        colon = Message("：", ": ").text(lang)
        kind_id = kind.id if kind is not None else ""
        parts = []
        for k, v in value.items():
            key = f"{field}.{k}" if field else str(k)
            shown = (money_text(v, none_text(lang)) if kind is not None and key in kind.money_fields
                     else format_value(v, lang, key, kind))
            parts.append(f"{field_label(key, lang, kind_id)}{colon}{shown}")
        return sep.join(parts)
    return str(value)


# --------------------------------------------------------------------------- facts about a change


def _pool_of(change: Change) -> Pool | None:
    return get_or_plain(change.kind).pool(change.section)


def _is_directory(change: Change) -> bool:
    pool = _pool_of(change)
    return pool is not None and pool.children is not None


def counts(changes: Iterable[Change]) -> dict[str, int]:
    """Number of changes of each type, every type present."""
    counter = Counter(c.type for c in changes)
    return {t: counter.get(t, 0) for t in CHANGE_TYPES}


def summary_text(changes: Sequence[Change], lang: str) -> str:
    """One line: 共 7 处变更：新增 2，删除 1 …; or that nothing changed."""
    if not changes:
        return Message("没有变更。", "No changes.").text(lang)
    n = counts(changes)
    parts = [f"{type_label(t, lang)} {n[t]}" for t in TYPE_ORDER if n[t]]
    if lang == "en":
        return f"{len(changes)} change{'s' if len(changes) != 1 else ''}: " + ", ".join(parts)
    return f"共 {len(changes)} 处变更：" + "，".join(parts)


def item_of(change: Change) -> dict[str, Any]:
    """The entry as it is now (or was, if removed)."""
    return (change.new if change.type != "removed" else change.old) or change.old or {}


def body_text(change: Change) -> str:
    """The entry's descriptive text: content, the reason of an excluded task, or a directory's description."""
    item = item_of(change)
    for key in ("content", "reason", "description"):
        value = item.get(key)
        if isinstance(value, str) and value:
            return value
    return ""


def budget_text(change: Change, lang: str) -> str:
    """An added or removed entry's budget (预算金额（元）：¥80,000.00), for a kind that has one; else empty."""
    described = get_or_plain(change.kind)
    _, field = declared(described)
    value = item_of(change).get(field) if field else None
    if field is None or value is None:
        return ""
    return f"{field_label(field, lang, change.kind)}{Message('：', ': ').text(lang)}{money_text(value, none_text(lang))}"


def budget_of(changes: Iterable[Change]) -> FieldChange | None:
    """The change of a document's budget total, from its header change: the sum of its entries' budgets,
    or its written total when that says the same."""
    for change in changes:
        if change.type != "header":
            continue
        if BUDGET_FIELD in change.fields:
            return change.fields[BUDGET_FIELD]
        money, field = declared(get_or_plain(change.kind))
        if field is not None:
            return next((fc for name, fc in change.fields.items() if name in money), None)
    return None


def money_move(fc: FieldChange, lang: str) -> str:
    """¥386,000.00 → ¥402,000.00（+¥16,000.00）"""
    none = none_text(lang)
    return f"{money_text(fc.old, none)} → {money_text(fc.new, none)}{change_note(fc, lang)}"


def budget_line(budget: FieldChange, lang: str) -> str:
    """预算合计：¥386,000.00 → ¥402,000.00（+¥16,000.00）, the line under a plan's heading."""
    return f"{Message('预算合计：', 'Budget total: ').text(lang)}{money_move(budget, lang)}"


def location(change: Change, lang: str, *, old: bool = False) -> str:
    """Where the entry sits: its catalog directories, its directory level, its category."""
    item = (change.old if old else item_of(change)) or {}
    path = [str(p) for p in item.get(PATH_FIELD) or []]
    if _is_directory(change):
        label = level_label(change, lang)
        return f"{label} · {' / '.join(path)}" if path else label
    pool = _pool_of(change)
    if pool is not None and pool.label is not None:
        return pool.label.text(lang)
    if path:
        return " / ".join(path)
    category = item.get("category")
    return str(category) if category else ""


def level_label(change: Change, lang: str) -> str:
    """一级目录, 二级目录 ... for a directory entry; empty for anything else."""
    if not _is_directory(change):
        return ""
    path = item_of(change).get(PATH_FIELD) or []
    return LEVEL_LABELS[min(len(path), len(LEVEL_LABELS) - 1)].text(lang)


def display_name(change: Change, lang: str) -> str:
    """The entry's name; a directory entry says which level it is, so it is not taken for an item."""
    level = level_label(change, lang)
    return f"{change.name}{Message('（', ' (').text(lang)}{level}{Message('）', ')').text(lang)}" if level else change.name


def code_text(change: Change) -> str:
    if change.type == "recoded":
        return f"{change.old_code} → {change.new_code}"
    return change.code


def documents(changes: Sequence[Change]) -> list[tuple[str, str]]:
    """The (document, kind) pairs in the order they first appear."""
    seen: dict[tuple[str, str], None] = {}
    for c in changes:
        seen.setdefault((c.document, c.kind), None)
    return list(seen)
