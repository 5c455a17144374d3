"""The direct YAML emitter (catalogtool/yaml_fast.py) writes what PyYAML's serializer and emitter write.

`yaml_writer.body` is compared with `yaml_writer.body_reference` (the same style
decisions put through PyYAML's nodes and emitter) on the examples, on
generated documents and on hostile text in every place a scalar can stand: a
value, a key, a code, a date field, a flow list, a literal block.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from catalogtool.yaml_writer import body, body_reference, dump_document

ROOT = Path(__file__).resolve().parent.parent

HOSTILE = [
    "", " ", "  lead", "trail ", "NO", "no", "yes", "Off", "~", "null", "Null", "true", "1:20", "1_000", "0x1F",
    "0o17", "1e3", "+1", "-1", ".5", ".inf", "-.inf", ".nan", "2025-01-01", "2025-1-1", "2025-01-01 10:00:00",
    "２０２５-０１-０１", "=", "<<", "- item", "-", "--", "---", "...", "? q", "?", ":", "a: b", "a:b", "a #c", "a#c",
    "#c", "[x]", "{x}", "a, b", "a,b", "&a", "*a", "!tag", "|", ">", "'q'", '"q"', "it's", 'say "hi"', "%x", "@x",
    "`x`", "back\\slash", "line\nbreak", "two\n\nbreaks\n", "ends\n\n\n", "\n", "\nlead", " \nspace", "tab\there",
    "\t", "cr\rhere", "nel\x85here", "ls\u2028ps\u2029", "nbsp\xa0here", "\xa0", "bom\ufeff", "\ufeff", "ctl\x01\x1f",
    "del\x7f", "bell\x07", "emoji 😀 here", "😀", "bidi \u202eevil\u202c", "\u200f\u200e", "\u2066iso\u2069",
    "zero\u200bwidth", "全角　空格", "（括号）", "、顿号", "编码：A01", "乡镇：甲；乙", "a" * 5000, "长" * 5000,
    ("word " * 1200).strip(), ("词 " * 2100).strip(), "x" * 4090 + " y z", "a" * 130, "k" * 127,
    "surrogate?" , "\ue000private", "\ufffd", "\uffff?",
]

KEYS = ["name", "code", "effective", "date", "providers", "purchasers", "notes", "scope", "region", "items",
        "children", "evaluation", "price", "catalog_ref", "x", "NO", "a: b", "1", "", "长" * 130, "line\nkey"]

scalars = st.one_of(
    st.sampled_from(HOSTILE), st.text(max_size=40), st.integers(-10**20, 10**20), st.booleans(), st.none(),
    st.floats(allow_nan=True), st.text(alphabet="0123456789-: .", max_size=12),
    st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x4E80) | st.sampled_from(" ：、（）"),
            max_size=30),
)
keys = st.one_of(st.sampled_from(KEYS), st.text(max_size=12))
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=5),
                      max_leaves=30)


def _same(data: Any) -> None:
    assert body(data) == body_reference(data)


@given(st.dictionaries(keys, values, min_size=1, max_size=8))
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_generated_documents(data: dict[str, Any]) -> None:
    _same(data)


@given(st.sampled_from(["catalog", "community-list", "access-list", "plan", "assistance-list"]),
       st.lists(st.dictionaries(keys, values, max_size=6), max_size=4), st.dictionaries(keys, scalars, max_size=4))
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_generated_documents_of_each_kind(kind: str, entries: list[Any], header: dict[str, Any]) -> None:
    for section in ("items", "entries", "projects"):
        _same({"kind": kind, **header, section: entries, "region": {"code": "440101", "name": "越秀区"}})


@pytest.mark.parametrize("text", HOSTILE)
@pytest.mark.parametrize("key", ["name", "code", "effective", "providers", "notes"])
def test_hostile_text_in_every_place(text: str, key: str) -> None:
    document = {
        "kind": "catalog", "title": text, "region": {"code": text, "name": text},
        "items": [{key: text, "name": "甲"}, {"name": text, key: [text, "乙"], "children": [{key: text}]},
                  {text: text, "providers": [text], "evaluation": {text: text}}],
        text: {key: text}, "empty": [], "none": {},
    }
    _same(document)
    _same({key: text})
    _same({"providers": [text, text]})


@pytest.mark.parametrize("path", sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "examples").rglob("*.yaml")))
def test_examples(path: str) -> None:
    data = yaml.load((ROOT / path).read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    _same(data)


def test_generated_repository(tmp_path: Path) -> None:
    import sys

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from generate import generate

    generate(tmp_path, 3, 300)
    files = sorted(tmp_path.rglob("*.yaml"))
    assert files
    for file in files:
        data = yaml.load(file.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        _same(data)
        text = dump_document(data)
        assert yaml.load(text, Loader=yaml.CSafeLoader) == data
