"""One entry as one row: the cells its columns show, and 保留字段 for what they cannot show exactly.

This encoding is what makes a guide import back loss-free (see excel/read/exported_rows.py).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from catalogtool.excel import cells
from catalogtool.kinds.codecs import CellValueError, Codec, as_text
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
    if isinstance(cell, str) and cells.illegal_chars(cell):
        return cells.strip_illegal(cell) or None, False
    try:
        back = codec.decode(cell)
    except CellValueError:
        return cell, False
    return cell, _same(back, value)


def _same(a: Any, b: Any) -> bool:
    """Equal, and of the same JSON type all the way down (1 is not True, 1.0 is not 1 for text)."""
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
    column's, or a key no column has.
    """
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
    """The 保留字段 cell: compact JSON, or empty when the row shows everything."""
    if not reserved:
        return None
    return json.dumps(reserved, ensure_ascii=False, separators=(",", ":"))
