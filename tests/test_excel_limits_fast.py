"""The limit check's shortcut (excel/write/limits.py `_surely_fits`) is sound: an entry it lets through
without encoding has no cell, 保留字段 included, anywhere near what an Excel cell holds.

Its argument is that every cell an entry fills is at most 8 times the entry's
ASCII JSON plus 1000; this checks that bound on the cells encode_entry really
makes, for every kind's table columns and for hostile and generated values.
"""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from catalogtool.excel import cells
from catalogtool.excel.write import limits
from catalogtool.excel.write.rows import encode_entry, reserved_text
from catalogtool.kinds import KINDS

TABLES = [(section.table.columns(4) if section.table.tree else section.table.columns(), section.table.tree)
          for kind in KINDS.values() for section in kind.sections if section.table is not None]
FIELDS = sorted({column.path[0] for columns, _ in TABLES for column in columns if column.path} | {"children", "x"})

texts = st.one_of(st.text(max_size=50), st.sampled_from(['"', "\\", "\x01", "😀", "长", "\n", "、"]).map(lambda c: c * 300))
scalars = st.one_of(texts, st.integers(-10**20, 10**20), st.floats(), st.booleans(), st.none())
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=5) | st.dictionaries(
    st.sampled_from(FIELDS) | st.text(max_size=8), inner, max_size=5), max_leaves=25)
entries = st.dictionaries(st.sampled_from(FIELDS), values, max_size=10)


def _longest(entry: dict[str, Any], tree: bool, columns: Any) -> int:
    out, reserved = encode_entry(entry, columns, structural=("name", "children") if tree else ())
    lengths = [cells.stored_length(v) for v in out.values() if isinstance(v, str)]
    text = reserved_text(reserved)
    if text is not None:
        lengths.append(cells.stored_length(text))
    return max(lengths, default=0)


@given(entries, st.sampled_from(range(len(TABLES))))
@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_every_cell_is_within_the_bound(entry: dict[str, Any], which: int) -> None:
    columns, tree = TABLES[which]
    structural = ("name", "children") if tree else ()
    shown = entry
    if tree and isinstance(entry.get("children"), list) and entry["children"]:
        shown = {k: v for k, v in entry.items() if k != "children"}
    try:
        bound = len(json.dumps(shown, ensure_ascii=True)) * 8 + 1000
    except (TypeError, ValueError):
        return
    assert _longest(entry, tree, columns) <= bound
    assert limits._surely_fits(entry, structural) == (bound <= limits.LIMIT)


def test_a_long_value_is_still_encoded_and_checked() -> None:
    entry = {"name": "长" * 5000}
    assert not limits._surely_fits(entry, ())
    assert limits._surely_fits({"name": "短"}, ())
    assert not limits._surely_fits({"name": "短", "when": __import__("datetime").date(2025, 1, 1)}, ())
