"""A field's change as pieces to show: what stayed, what was deleted, what was inserted.

Long texts edited in place show their edits inside the text; set-like lists show
kept, dropped and new entries; anything else is whole old → new values.  Each
renderer marks the pieces its own way (colour, `[-…-]{+…+}`, <del>/<ins>).
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from typing import Any

from catalogtool.diff.amounts import money_text
from catalogtool.diff.entries import PATH_FIELD
from catalogtool.diff.fields import SET_FIELDS, same
from catalogtool.diff.wording import format_value
from catalogtool.problems import Message

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


def field_pieces(name: str, old: Any, new: Any, lang: str, *, money: bool = False) -> tuple[list[Piece], str]:
    """The pieces showing one field's change, and the separator to put between them.

    A `money` field shows yuan (¥216,000.00); its change in yuan is catalogtool.diff.amounts.change_note.
    """
    if money:
        return [(op, money_text(value, format_value(None, lang))) for op, value in (("delete", old), ("insert", new))
                if value is not None], " → "
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
