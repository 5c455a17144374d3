"""The fast ways export writes its table rows give the very bytes of the plain ways they replace.

Each shortcut keeps the plain way it replaces (rows.encode_entry_plain,
streamed._write_plain, streamed.add_rows with tables' cell style, layout.fit_widths
and row_height, clean._clean); the whole export is run both ways on the examples
with their values replaced by hostile ones (long texts, line breaks, carriage
returns, control characters, XML's special characters, `_xHHHH_`, CJK and
full-width text, leading spaces, formulas, numbers and decimals, empty values,
other types, unknown keys) and the workbooks must be byte-identical.
"""

from __future__ import annotations

import copy
import datetime as _dt
import random
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from catalogtool.excel import cells
from catalogtool.excel.write import clean, grouped, layout, limits, streamed, table_rows, tables
from catalogtool.excel.write.layout import (
    display_width,
    fit_widths,
    header_need,
    row_height,
    row_heights,
    widths_for,
)
from catalogtool.excel.write.rows import encode_entry, encode_entry_plain
from catalogtool.excel.write.workbook import export_bytes
from catalogtool.kinds.columns import Bounds, Column
from catalogtool.kinds.layout import Table
from catalogtool.loader import load_file
from catalogtool.sources import Source
from catalogtool.townships import Township

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "examples" / "2025").rglob("*.yaml"))

TEXTS = [
    "公共服务", "  前后有空格 ", " ", "\u3000全角空格开头", "行一\n行二\n\n行四", "回车\r\n在此", "_x0041_ 字面",
    "_x000D_", "a & b < c > d \"q\" 'a'", "&amp;", "=SUM(A1)", "+1", "-负号", "@x", "0101", "1,234.5", "2024-01-01",
    "12:30", "TRUE", "false", "控制\x01字符\x1f", "\ufffe\uffff", "\ud800孤立", "\x00", "\t制表", "零宽\u200b字符",
    "ＡＢＣ全角１２３", "𠀀𠀁扩展B", "e\u0301 组合", "长" * 3000, "x" * 4682, ("一二三四五六七八九十" * 40 + "\n") * 5,
    "、", "甲、乙", "甲,乙", "[\"json\"]", "【行政法规】《办法》第一条", "《标题》", "是", "否", "√", "", "\r",
    "trailing\n", "\n", "汉字" * 21, "𠮷", "x > y", "<tag>", "a&b", "]]>",
]
OTHERS: list[Any] = [0, 1, -7, 3.25, 1e16, 2.5e-7, 10**15, 10**20, True, False, None, [], {}, ["甲", "乙"],
                     ["甲、乙", " 丙"], [1, 2], [{"level": "法律", "title": "某法", "article": "第一条"}],
                     [{"title": "某法"}], [{"x": 1}], {"a": "b"}, {"code": 1}, 1.0, 0.1 + 0.2,
                     3600.5, 216000]


def _examples() -> list[tuple[str, dict[str, Any]]]:
    out = []
    for path in EXAMPLES:
        data = load_file(path).data
        if isinstance(data, dict) and "kind" in data:
            out.append((path.relative_to(ROOT / "examples" / "2025").as_posix(), data))
    return out


def _value(rnd: random.Random) -> Any:
    if rnd.random() < 0.6:
        return rnd.choice(TEXTS)
    return copy.deepcopy(rnd.choice(OTHERS))


def _mutate(node: Any, rnd: random.Random, rate: float) -> Any:
    """The same shape, with some values replaced, some keys added and some removed."""
    if isinstance(node, dict):
        out: dict[Any, Any] = {}
        for key, value in node.items():
            if key == "kind":
                out[key] = value
            elif key == "children" and isinstance(value, list):
                out[key] = [_mutate(child, rnd, rate) for child in value]
            elif rnd.random() < rate / 4:
                continue
            elif rnd.random() < rate and not isinstance(value, (dict, list)):
                out[key] = _value(rnd)
            else:
                out[key] = _mutate(value, rnd, rate)
        if rnd.random() < rate / 3:
            out[rnd.choice(["extra", "备注2", "notes", "funding", "x.y"])] = _value(rnd)
        return out
    if isinstance(node, list):
        return [_mutate(child, rnd, rate) for child in node]
    return _value(rnd) if rnd.random() < rate else node


def hostile_sources(seed: int, rate: float = 0.3) -> list[Source]:
    rnd = random.Random(seed)
    return [Source(name, _mutate(data, rnd, rate)) for name, data in _examples()]


def _plain_put_table(ws: Any, first: int, columns: Sequence[Column], rows: list[list[Any]], fonts: Sequence[Any],
                     fills: Sequence[Any]) -> list[float]:
    def style_of(offset: int, col: int, value: Any) -> streamed.Style:
        return table_rows.cell_style(value, columns[col], font=fonts[offset], fill=fills[offset])

    streamed.add_rows(ws, first, rows, style_of)
    need = header_need([c.header for c in columns])
    for row in rows:
        for index, value in enumerate(row):
            if value is not None:
                need[index] = max(need[index], float(display_width(value if isinstance(value, str) else str(value))))
    return need


def _plain_heights(rows: Any, widths: Sequence[float], *, hidden: Sequence[bool] | None = None) -> list[float]:
    return [row_height(row, widths, hidden=hidden) for row in rows]


@pytest.fixture
def plain(monkeypatch: pytest.MonkeyPatch) -> Any:
    """Switch every shortcut to the plain way it replaces."""
    def switch() -> None:
        for module in (tables, grouped, limits):
            monkeypatch.setattr(module, "encode_entry", encode_entry_plain)
        monkeypatch.setattr(tables, "put_table", _plain_put_table)
        monkeypatch.setattr(tables, "row_heights", _plain_heights)
        monkeypatch.setattr(streamed, "WRITE_ROWS", [streamed._write_plain])
        monkeypatch.setattr(clean, "_plain_copy", lambda value: clean._DIRTY)
    return switch


def _both(sources: list[Source], switch: Any, **options: Any) -> tuple[Any, Any]:
    def run() -> Any:
        try:
            data, notices = export_bytes(sources, date=_dt.date(2025, 1, 1), **options)
        except Exception as error:
            return type(error).__name__, str(error)
        return data, [(n.level, n.message.zh) for n in notices]

    fast = run()
    switch()
    return fast, run()


@pytest.mark.parametrize("seed", range(12))
def test_export_of_hostile_values_gives_the_bytes_of_the_plain_way(seed: int, plain: Any) -> None:
    sources = hostile_sources(seed)
    fast, slow = _both(sources, plain)
    assert isinstance(fast[0], bytes), fast
    assert fast == slow


def test_export_of_the_examples_and_a_township_guide_gives_the_bytes_of_the_plain_way(plain: Any) -> None:
    sources = [Source(name, data) for name, data in _examples()]
    township = Township("441803100", "太和镇", named=True)
    fast = [export_bytes(sources, date=_dt.date(2025, 1, 1))[0],
            export_bytes(sources, township=township, date=_dt.date(2025, 1, 1))[0]]
    plain()
    slow = [export_bytes(sources, date=_dt.date(2025, 1, 1))[0],
            export_bytes(sources, township=township, date=_dt.date(2025, 1, 1))[0]]
    assert fast == slow


def test_text_too_long_is_refused_at_the_same_cell_both_ways(plain: Any) -> None:
    sources = [Source(name, data) for name, data in _examples()]
    catalog = next(s for s in sources if s.data["kind"] == "purchase-catalog")
    catalog.data["categories"][0]["children"][0]["notes"] = "\r" * 5000  # 35,000 characters once escaped
    fast, slow = _both(sources, plain)
    assert fast == slow
    assert fast[0] == "ExportError"


def _plain_values() -> st.SearchStrategy[Any]:
    scalars = st.one_of(st.sampled_from(TEXTS), st.text(max_size=12), st.integers(), st.floats(allow_nan=False),
                        st.booleans(), st.none())
    return st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                         st.dictionaries(st.sampled_from(["a", "title", "level"]),
                                                                         inner, max_size=3)), max_leaves=6)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from(["code", "name", "content", "township", "providers", "basis", "notes",
                                        "budget", "extra", "children", "funding"]), _plain_values(), max_size=8))
def test_encode_entry_is_the_plain_encoding(entry: dict[str, Any]) -> None:
    from catalogtool.kinds import KINDS

    for kind in KINDS.values():
        for section in kind.sections:
            if section.table is None:
                continue
            table: Table = section.table
            columns = table.columns()
            for structural in ((), ("name", "children")):
                assert encode_entry(entry, columns, structural=structural) == \
                    encode_entry_plain(entry, columns, structural=structural)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.one_of(st.none(), st.sampled_from(TEXTS), st.text(max_size=60), st.integers()),
                         min_size=4, max_size=4), max_size=6),
       st.lists(st.floats(min_value=4, max_value=60).map(lambda w: round(w, 1)), min_size=4, max_size=4),
       st.lists(st.booleans(), min_size=4, max_size=4))
def test_row_heights_are_row_height_of_each_row(rows: list[list[Any]], widths: list[float], hidden: list[bool]) -> None:
    assert row_heights(rows, widths, hidden=hidden) == [row_height(row, widths, hidden=hidden) for row in rows]


def test_widths_from_need_are_fit_widths() -> None:
    bounds = [Bounds(5, 6, wrap=False), Bounds(8, 20), Bounds(18, 40), Bounds(10, 10)]
    headers = ["序号", "名称", "很长的服务内容标题文字", "保留字段"]
    rows: list[list[Any]] = [[1, "甲" * 30, "乙" * 100, None], [22, "abc", "x\ny" * 20, "{}"]]
    need = header_need(headers)
    for row in rows:
        for index, value in enumerate(row):
            if value is not None:
                need[index] = max(need[index], float(display_width(str(value))))
    for budget in (layout.PRINT_WIDTH_UNITS, 50.0):
        assert widths_for(need, bounds, budget=budget) == fit_widths(headers, bounds, rows, budget=budget)


def test_text_that_surely_fits_a_cell_does() -> None:
    """table_rows measures a text's stored length only above MAX_CELL_CHARS // 7: escapes grow a text at most 7 times."""
    assert cells.stored_length("\r" * (cells.MAX_CELL_CHARS // 7)) <= cells.MAX_CELL_CHARS
    assert cells.stored_length("_x0041_" * (cells.MAX_CELL_CHARS // 7 // 7)) <= cells.MAX_CELL_CHARS


def test_text_whose_first_character_rules_out_the_quote_prefix_never_needs_it() -> None:
    """table_rows asks cells.needs_quote_prefix only of text whose first character can start what it looks for."""
    tails = ["rue", "ALSE", "1"]
    for code in range(0x110000):
        char = chr(code)
        if table_rows._maybe_quoted(char):
            continue
        for tail in tails:
            assert not cells.needs_quote_prefix(char + tail), hex(code)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.one_of(st.text(alphabet="、,，;；/／\n[] \u3000\t\x01甲乙", max_size=4),
                          st.sampled_from(TEXTS)), max_size=4))
def test_a_list_of_names_is_encoded_as_plainly(names: list[str]) -> None:
    from catalogtool.kinds.codecs import LIST

    columns = [Column("序号", role="seq"), Column("承接主体", ("providers",), LIST)]
    entry = {"providers": names}
    assert encode_entry(entry, columns) == encode_entry_plain(entry, columns)


def test_an_entry_the_zip_thread_cannot_write_is_an_error_when_the_archive_closes() -> None:
    import io
    import zipfile

    archive = layout._FixedZip(io.BytesIO(), layout.ZIP_EPOCH, undated=False)
    archive.writestr("a.xml", "<a/>")
    archive.writestr("b.xml", object())  # not bytes: zipfile refuses it in the writing thread
    with pytest.raises(TypeError):
        archive.close()
    out = io.BytesIO()
    with layout._FixedZip(out, layout.ZIP_EPOCH, undated=False) as archive:
        for number in range(10):
            archive.writestr(f"{number}.xml", f"<n>{number}</n>" * 1000)
    with zipfile.ZipFile(out) as back:
        assert back.namelist() == [f"{number}.xml" for number in range(10)]
        assert back.read("7.xml") == b"<n>7</n>" * 1000
