"""One entry as one row: the cells its columns show, and 保留字段 for what they cannot show exactly.

This encoding is what makes a guide import back loss-free (see excel/read/exported_rows.py).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from re import compile as re_compile
from typing import Any

from catalogtool.excel import cells
from catalogtool.kinds.codecs import CellValueError, Code, Codec, Flag, Names, Text, as_text
from catalogtool.kinds.columns import MISSING, Column, value_at


def _is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, (str, list, dict)) and len(value) == 0)


def display(value: Any) -> str | None:
    """What a cell shows for a value its codec cannot write (JSON for a mapping or list)."""
    if value is None or value is MISSING:
        return None
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False) if value else None
    text = as_text(value)
    return text or None


def roundtrips(codec: Codec, value: Any) -> tuple[Any, bool]:
    """(cell value, whether reading that cell gives `value` back exactly)."""
    cell = codec.encode(value)
    if cell is None:
        return None, False
    if isinstance(cell, str) and _ILLEGAL_SEARCH(cell) is not None:
        return cells.strip_illegal(cell) or None, False
    if type(cell) is str:
        key = (codec, cell)
        back = _DECODED.get(key, _UNREAD)
        if back is _UNREAD:  # the same texts come back often (a list of providers, a law cited by every item)
            try:
                back = codec.decode(cell)
            except CellValueError:
                back = _UNREADABLE
            if len(_DECODED) >= 4096:
                _DECODED.clear()
            _DECODED[key] = back  # only ever compared, never handed out
        if back is _UNREADABLE:
            return cell, False
        return cell, _same(back, value)
    try:
        back = codec.decode(cell)
    except CellValueError:
        return cell, False
    return cell, _same(back, value)


_UNREAD, _UNREADABLE = object(), object()
_DECODED: dict[tuple[Codec, str], Any] = {}


def _same(a: Any, b: Any) -> bool:
    """Equal, and of the same JSON type all the way down (1 is not True, 1.0 is not 1 for text)."""
    kind = type(a)
    if kind is str:
        return type(b) is str and a == b
    if kind is dict and type(b) is dict:
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if kind is list and type(b) is list:
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, str) or isinstance(b, str):
        return type(a) is type(b) and a == b
    return bool(a == b)


def encode_entry(
    entry: dict[str, Any], columns: Sequence[Column], *, structural: Iterable[str] = ()
) -> tuple[dict[int, Any], list[list[Any]]]:
    """Cell values by column index, and the 保留字段 entries [path, shown, value] of one entry.

    A value goes to 保留字段 when its cell cannot show it exactly: an empty value
    ("" or [] or null, shown as a blank), a value of another type than the
    column's, or a key no column has.  Exactly what `encode_entry_plain` gives
    (tests compare them), with what depends only on the columns worked out once
    per column list and the common cells (text in a text column, a flag) told
    without encoding and decoding them: a province's export encodes 100,000 entries.
    """
    plan = _plan(columns, structural)
    out: dict[int, Any] = {}
    reserved: list[list[Any]] = []
    for index, key, path, codec, fast in plan.fields:
        value = entry.get(key, MISSING) if path is None else value_at(entry, path)
        if value is MISSING:
            continue
        kind = type(value)
        if fast == _TEXT and kind is str and value and _ILLEGAL_SEARCH(value) is None:
            out[index] = value  # Text.encode gives it as it is, and as_text reads it back
            continue
        if fast == _FLAG and kind is bool:
            out[index] = "是" if value else "否"
            continue
        if fast == _NAMES and kind is list and value and all(type(name) is str for name in value):
            joined = "、".join(value)
            if joined and joined.count("、") == len(value) - 1 and _NAMES_UNSAFE(joined) is None:
                out[index] = joined  # Names.decode splits it into these very names
                continue
        full = path if path is not None else (key,)
        if _is_empty(value):
            reserved.append([list(full), None, value])
            continue
        cell, exact = roundtrips(codec, value)
        if cell == "":
            cell, exact = None, False
        if exact:
            out[index] = cell
        else:
            shown = cell if cell is not None else display(value)
            out[index] = shown
            reserved.append([list(full), as_text(shown) if shown is not None else None, value])
    covered, prefixes, skip = plan.covered, plan.prefixes, plan.skip
    for key, value in entry.items():  # _uncovered's first level, inline: most keys have a column
        path = (str(key),)
        if path in covered or key in skip:
            continue
        if path in prefixes and isinstance(value, dict) and value:
            _uncovered(value, covered, set(), path, reserved, prefixes)
        else:
            reserved.append([list(path), None, value])
    return out, reserved


_TEXT, _FLAG, _NAMES, _OTHER = 1, 2, 3, 0
_ILLEGAL_SEARCH = cells.ILLEGAL_RE.search
# What keeps names joined with 、 from reading back as those names: another separator (codecs.LIST_SPLIT_RE),
# an empty name (、、 or 、 at an end), space around a name, a JSON list, a character no cell holds.
_NAMES_UNSAFE = re_compile(
    r"[,，;；/／\n]|、、|^、|、$|\s、|、\s|^\s|\s$|^\[|" + cells.ILLEGAL_RE.pattern).search


class _Plan:
    """What encoding an entry for these columns needs that depends only on the columns."""

    __slots__ = ("columns", "covered", "fields", "prefixes", "skip")

    def __init__(self, columns: Sequence[Column], structural: frozenset[str]) -> None:
        self.columns = columns  # kept so that the id the plan is cached by stays this list's
        self.fields: list[tuple[int, str, tuple[str, ...] | None, Codec, int]] = []
        self.covered: set[tuple[str, ...]] = set()
        for index, col in enumerate(columns):
            if col.path is None or col.role == "level":
                continue
            self.covered.add(col.path)
            fast = _FAST.get(type(col.codec), _OTHER)
            single = len(col.path) == 1
            self.fields.append((index, col.path[0], None if single else col.path, col.codec, fast))
        self.prefixes = {path[:end] for path in self.covered for end in range(1, len(path) + 1)}
        self.skip = structural


_FAST = {Text: _TEXT, Code: _TEXT, Flag: _FLAG, Names: _NAMES}
_PLANS: dict[tuple[int, tuple[str, ...]], _Plan] = {}


def _plan(columns: Sequence[Column], structural: Iterable[str]) -> _Plan:
    skip = structural if isinstance(structural, tuple) else tuple(structural)
    key = (id(columns), skip)
    plan = _PLANS.get(key)
    if plan is None or plan.columns is not columns:
        if len(_PLANS) > 256:  # column lists of sheets long written
            _PLANS.clear()
        plan = _PLANS[key] = _Plan(columns, frozenset(skip))
    return plan


def encode_entry_plain(
    entry: dict[str, Any], columns: Sequence[Column], *, structural: Iterable[str] = ()
) -> tuple[dict[int, Any], list[list[Any]]]:
    """encode_entry as the rules above say it, cell by cell: the reference the fast one is tested against."""
    out: dict[int, Any] = {}
    reserved: list[list[Any]] = []
    covered: set[tuple[str, ...]] = set()
    for index, col in enumerate(columns):
        if col.path is None or col.role == "level":
            continue
        covered.add(col.path)
        value = value_at(entry, col.path)
        if value is MISSING:
            continue
        if _is_empty(value):
            reserved.append([list(col.path), None, value])
            continue
        cell, exact = roundtrips(col.codec, value)
        if cell == "":
            cell, exact = None, False
        if exact:
            out[index] = cell
        else:
            shown = cell if cell is not None else display(value)
            out[index] = shown
            reserved.append([list(col.path), as_text(shown) if shown is not None else None, value])
    skip = set(structural)
    _uncovered(entry, covered, skip, (), reserved)
    return out, reserved


def _uncovered(
    node: dict[str, Any], covered: set[tuple[str, ...]], skip: set[str], prefix: tuple[str, ...],
    out: list[list[Any]], prefixes: set[tuple[str, ...]] | None = None,
) -> None:
    for key, value in node.items():
        path = (*prefix, str(key))
        if path in covered or (not prefix and key in skip):
            continue
        below = path in prefixes if prefixes is not None else any(c[: len(path)] == path for c in covered)
        if below and isinstance(value, dict) and value:
            _uncovered(value, covered, skip, path, out, prefixes)
        else:
            out.append([list(path), None, value])


def reserved_text(reserved: list[list[Any]]) -> str | None:
    """The 保留字段 cell: compact JSON, or empty when the row shows everything."""
    if not reserved:
        return None
    return json.dumps(reserved, ensure_ascii=False, separators=(",", ":"))
