"""Renderers of a diff, chosen by name, and the wording and helpers they share.

Every renderer is `render(changes, *, lang, color=False, old_label="", new_label="")`
and returns text (`str`) or, for xlsx, the workbook's bytes.  Renderers are
imported only when used, so `diff --format json` never loads rich or openpyxl.
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from catalogtool.diff.changes import CHANGE_TYPES, Change
from catalogtool.diff.core import PATH_FIELD, SET_FIELDS, same
from catalogtool.kinds import KINDS
from catalogtool.labels import field_label
from catalogtool.problems import Message

Renderer = Callable[..., "str | bytes"]

# --------------------------------------------------------------------------- wording

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
    described = KINDS.get(kind)
    return described.short_name.text(lang) if described is not None else kind


def none_text(lang: str) -> str:
    return Message("（无）", "(none)").text(lang)


def format_value(value: Any, lang: str, field: str = "") -> str:
    """A field value as one line of text, the way the published lists write it.

    `field` is the value's field (dotted), so the keys of a mapping value are named
    as the nested fields are (`funding` → 需要经费, 经费来源).
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
        return Message("、", ", ").text(lang).join(format_value(v, lang, field) for v in value)
    if isinstance(value, dict):
        if {"level", "title"} <= value.keys():
            # A legal basis, as published lists print it: 【行政法规】《社会救助暂行办法》第十三条
            return f"【{value.get('level')}】《{value.get('title')}》{value.get('article') or ''}"
        sep = Message("；", "; ").text(lang)
        colon = Message("：", ": ").text(lang)
        parts = []
        for k, v in value.items():
            key = f"{field}.{k}" if field else str(k)
            parts.append(f"{field_label(key, lang)}{colon}{format_value(v, lang, key)}")
        return sep.join(parts)
    return str(value)


# --------------------------------------------------------------------------- old → new pieces

# A piece of a rendered change: ("equal" | "delete" | "insert", text).
Piece = tuple[str, str]


def text_pieces(old: str, new: str) -> list[Piece]:
    """Character-level difference of two texts, tidied so it reads as whole edits.

    Raw character diffs of Chinese text cut words apart (一个字 kept between two
    edits); runs of one or two unchanged characters between edits are folded into
    the edits.
    """
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    chunks: list[tuple[str, str]] = []  # (old part, new part); equal when both are the same text
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        chunks.append((old[i1:i2], new[j1:j2]) if op != "equal" else (old[i1:i2], old[i1:i2]))
    equal = [op == "equal" for op, *_ in matcher.get_opcodes()]
    merged: list[tuple[str, str, bool]] = []
    for index, ((o, n), is_equal) in enumerate(zip(chunks, equal, strict=True)):
        short = is_equal and len(o) <= 2 and 0 < index < len(chunks) - 1
        if merged and (not is_equal or short) and not merged[-1][2]:
            mo, mn, _ = merged[-1]
            merged[-1] = (mo + o, mn + n, False)
        else:
            merged.append((o, n, is_equal and not short))
    pieces: list[Piece] = []
    for o, n, is_equal in merged:
        if is_equal:
            pieces.append(("equal", o))
            continue
        if o:
            pieces.append(("delete", o))
        if n:
            pieces.append(("insert", n))
    return pieces


INLINE_MIN_CHARS = 16


def _inline(old: str, new: str) -> bool:
    """Whether edits read better inside the text than as whole old → new values.

    Short values (dates, 文号, short names) and texts rewritten more than halfway
    read better whole.
    """
    if min(len(old), len(new)) < INLINE_MIN_CHARS:
        return False
    return difflib.SequenceMatcher(None, old, new, autojunk=False).ratio() >= 0.5


def list_pieces(old: Sequence[Any], new: Sequence[Any], lang: str, field: str = "") -> list[Piece]:
    """A set-like list: kept entries plain, dropped ones deleted, new ones inserted."""
    pieces: list[Piece] = []
    for value in new:
        kept = any(same(value, o) for o in old)
        pieces.append(("equal" if kept else "insert", format_value(value, lang, field)))
    for value in old:
        if not any(same(value, n) for n in new):
            pieces.append(("delete", format_value(value, lang, field)))
    return pieces


def field_pieces(name: str, old: Any, new: Any, lang: str) -> tuple[list[Piece], str]:
    """The pieces showing one field's change, and the separator to put between them."""
    if isinstance(old, str) and isinstance(new, str) and _inline(old, new):
        return text_pieces(old, new), ""
    if name in SET_FIELDS and isinstance(old, list) and isinstance(new, list):
        return list_pieces(old, new, lang, name), Message("、", ", ").text(lang)
    if name == PATH_FIELD:
        old = " / ".join(map(str, old or []))
        new = " / ".join(map(str, new or []))
    pieces: list[Piece] = []
    if old is not None:
        pieces.append(("delete", format_value(old, lang, name)))
    if new is not None:
        pieces.append(("insert", format_value(new, lang, name)))
    return pieces, " → "


# --------------------------------------------------------------------------- facts about a change


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


def location(change: Change, lang: str, *, old: bool = False) -> str:
    """Where the entry sits: its catalog directories, its directory level, its category."""
    item = (change.old if old else item_of(change)) or {}
    path = [str(p) for p in item.get("_path") or []]
    if change.section == "categories":
        label = level_label(change, lang)
        return f"{label} · {' / '.join(path)}" if path else label
    if change.section == "excluded":
        return Message("负面清单", "excluded").text(lang)
    if path:
        return " / ".join(path)
    category = item.get("category")
    return str(category) if category else ""


def level_label(change: Change, lang: str) -> str:
    """一级目录, 二级目录 ... for a directory entry; empty for anything else."""
    if change.section != "categories":
        return ""
    path = item_of(change).get("_path") or []
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


# --------------------------------------------------------------------------- the registry


def _text(changes: list[Change], **options: Any) -> str:
    from catalogtool.diff.render_text import render_text

    return render_text(changes, **options)


def _markdown(changes: list[Change], **options: Any) -> str:
    from catalogtool.diff.render_markdown import render_markdown

    return render_markdown(changes, **options)


def _json(changes: list[Change], **options: Any) -> str:
    from catalogtool.diff.render_json import render_json

    return render_json(changes, **options)


def _xlsx(changes: list[Change], *, lang: str = "zh", **_: Any) -> bytes:
    from catalogtool.excel.write.compare_sheet import diff_workbook_bytes

    return diff_workbook_bytes(changes, lang)


RENDERERS: dict[str, Renderer] = {"text": _text, "markdown": _markdown, "json": _json, "xlsx": _xlsx}
BINARY_FORMATS = frozenset({"xlsx"})
