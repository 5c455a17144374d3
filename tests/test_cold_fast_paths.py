"""The cold path's shortcuts against the plain way of getting the same answer.

The builder handles common events inline and remembers how YAML typed a plain scalar;
text-hygiene and cell-length look at distinct texts before walking with pointers;
prohibited-purchase rules a text out with one search.  Each must give exactly what
the plain way gives, which is written out here as the reference.
"""

from __future__ import annotations

import gc
import random
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from yaml.constructor import SafeConstructor

from catalogtool import yaml_events
from catalogtool.config import Config
from catalogtool.document import Document, escape_token
from catalogtool.engine import check_document
from catalogtool.loader import load_bytes, load_file
from catalogtool.problems import Finding
from catalogtool.rules import prohibited_purchase, text_hygiene
from catalogtool.rules.context import DocContext
from catalogtool.textnorm import hygiene_issues

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from generate import catalog, task_list  # noqa: E402

from fuzz.documents import hostile_document  # noqa: E402

_STR = "tag:yaml.org,2002:str"


def _reference(text: str) -> tuple[Any, dict[str, tuple[int, int, int, int]], dict[str, tuple[str, str]]]:
    """Data, positions and implicit types from PyYAML's composer, for documents without anchors or tags."""
    node = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # the parser the loader uses
    positions: dict[str, tuple[int, int, int, int]] = {}
    implicit: dict[str, tuple[str, str]] = {}
    constructor = SafeConstructor()

    def value(node: Any, pointer: str, key_at: tuple[int, int] | None) -> Any:
        at = (node.start_mark.line + 1, node.start_mark.column + 1)
        plain = isinstance(node, yaml.ScalarNode) and not node.style  # libyaml says "", PyYAML None
        if plain and node.value == "" and key_at is not None:
            at = key_at  # an empty value is placed at its key
        positions[pointer] = (*(key_at or at), *at)
        if isinstance(node, yaml.MappingNode):
            out = {}
            for key, child in node.value:
                out[key.value] = value(child, f"{pointer}/{escape_token(key.value)}",
                                       (key.start_mark.line + 1, key.start_mark.column + 1))
            return out
        if isinstance(node, yaml.SequenceNode):
            return [value(child, f"{pointer}/{i}", None) for i, child in enumerate(node.value)]
        if node.tag == _STR or not plain:
            return node.value
        short = node.tag.rsplit(":", 1)[-1]
        if short != "null" or node.value:
            implicit[pointer] = (node.value, short)
        if short not in ("int", "float", "bool", "null"):
            return node.value  # dates stay text; YAML 1.1's `=` is kept as written
        return constructor.construct_object(node)

    data = value(node, "", None)
    return data, positions, implicit


def _documents() -> Iterator[tuple[str, str]]:
    rng = random.Random(12)
    yield "catalog", catalog("440101", 2025, 60, rng)
    yield "access-list", task_list("access-list", "440101001", "440101", 2025, 30, rng)
    yield "assistance-list", task_list("assistance-list", "440101001", "440101", 2025, 30, rng)
    for path in sorted((ROOT / "examples").rglob("*.yaml")):
        yield path.name, path.read_text(encoding="utf-8")
    for _ in range(300):
        made = hostile_document(rng)
        try:
            yield made.name, made.content.decode("utf-8")
        except UnicodeDecodeError:
            continue


def test_the_builder_gives_what_the_composer_gives() -> None:
    """Data, positions and implicit types as PyYAML's own composer sees them, memo cold and warm."""
    compared = 0
    for name, text in _documents():
        if any(mark in text for mark in ("&", "*", "!", "<<")):
            continue  # anchors, tags and merges: not what the reference handles
        for warm in (False, True):
            if not warm:
                yaml_events.TYPED.clear()
            doc = load_bytes(text.encode("utf-8"), name)
            if doc.data is None or doc.findings:
                break  # syntax errors and duplicate keys: the loader's own tests
            data, positions, implicit = _reference(text)
            assert doc.data == data, name
            assert doc.positions == positions, name
            assert {k: (v.source, v.tag) for k, v in doc.implicit.items()} == implicit, name
            compared += 1
    assert compared > 100


def test_the_typed_memo_gives_the_same_document_cold_and_warm() -> None:
    for name, text in _documents():
        yaml_events.TYPED.clear()
        cold = load_bytes(text.encode("utf-8"), name)
        warm = load_bytes(text.encode("utf-8"), name)
        assert (warm.data, warm.positions, warm.implicit, warm.findings) == \
               (cold.data, cold.positions, cold.implicit, cold.findings), name


def test_the_typed_memo_still_checks_the_number_limit() -> None:
    from catalogtool.config import LoadLimits

    load_bytes(b"a: 123456\n", "warm.yaml")  # remembered
    doc = load_bytes(b"a: 123456\n", "short.yaml", LoadLimits(max_number_length=4))
    assert doc.data is None and [f.key for f in doc.findings] == ["number"]


def _hygiene_reference(ctx: DocContext) -> Iterator[Finding]:
    """text-hygiene's loop over every text value with its pointer, without the distinct-text shortcut."""
    for pointer, value in ctx.text_values:
        reported: set[str] = set()
        for issue in hygiene_issues(value):
            if issue.kind in reported or issue.kind not in text_hygiene.MESSAGES:
                continue
            if issue.kind == "trailing-space" and not issue.char.strip("\n"):
                continue
            reported.add(issue.kind)
            detail = issue.char if issue.kind in text_hygiene._SHOW_TEXT else issue.detail
            yield Finding(text_hygiene.ID, issue.kind, pointer, {"position": issue.index + 1, "detail": detail})


_TEXTS = ["养老服务", " 养老服务", "养老服务 ", "养老\u200b服务", "助餐&nbsp;助浴", "第一行\n", "多行\n文本\n", "\n",
          "a<br>b", "[编辑]", "资料[1]", "点击查看更多>>", "8 m( r+ ~8 r/ b6 Q' H) N", "\ufffd", "\ue000", "GB/T 2260",
          "\u2028", "\t", "", "清新财[2025]12号", "返回顶部", "12345热线", "\x07", "\u00a0", "上一篇：", "A0101"]


def test_text_hygiene_reports_what_the_walk_over_every_text_reports() -> None:
    rng = random.Random(7)
    documents: list[Any] = [{"kind": "purchase-catalog", "values": list(_TEXTS)}]
    documents += [{"a": t, "b": [t, {"c": t}]} for t in _TEXTS]
    for _ in range(300):
        documents.append({"x": [rng.choice(_TEXTS) + rng.choice(_TEXTS) for _ in range(rng.randint(1, 4))]})
    for path in sorted((ROOT / "examples").rglob("*.yaml")):
        documents.append(load_file(path).data)
    for data in documents:
        ctx = DocContext(Document("t.yaml", data=data), Config(), text_hygiene.ID)
        assert list(text_hygiene.check(ctx)) == list(_hygiene_reference(ctx)), data


def test_prohibited_purchase_search_never_rules_out_a_signal() -> None:
    signals = {"works": ["改建", "新建", "工程施工"], "goods": ["货物", "设备购置"]}
    words = tuple(w for ws in signals.values() for w in ws)
    anywhere = prohibited_purchase._any_word(words)
    assert anywhere is not None
    pieces = ["整改", "建议", "重新", "建立", "建档", "货", "物", "设备", "购置", "工程", "施工", "改", "建", "新", "服务", "·"]
    rng = random.Random(3)
    hits = 0
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 6)))
        found = prohibited_purchase._first_signal(text, signals, set())
        hits += found is not None
        if anywhere.search(text) is None:
            assert found is None, text
    assert hits > 100
    # Where one search would not be exact, there is none.
    assert prohibited_purchase._any_word(("改建", "")) is None
    assert prohibited_purchase._any_word(("改·建",)) is None


def test_the_collector_is_left_as_it_was_found() -> None:
    path = ROOT / "examples" / "2025" / "purchase-catalog.yaml"
    assert gc.isenabled()
    check_document(load_file(path), Config())
    assert gc.isenabled()
    gc.disable()
    try:
        check_document(load_file(path), Config())
        assert not gc.isenabled()
    finally:
        gc.enable()


# ---------------------------------------------------------------- the schema's yes/no code

def _subset(schema: Any) -> Any:
    from catalogtool.schema_subset import subset_source
    from catalogtool.schemas import _is_date

    namespace: dict[str, Any] = {"_formats": {"date": _is_date}}
    exec(compile(subset_source(schema), "<subset>", "exec"), namespace)
    return namespace["valid"]


def _kind_documents() -> list[Any]:
    from plan_factory import make_plan

    rng = random.Random(5)
    docs = [load_file(path).data for path in sorted((ROOT / "examples").glob("20*/**/*.yaml"))]
    for text in (catalog("440101", 2025, 40, rng), task_list("access-list", "440101001", "440101", 2025, 20, rng),
                 task_list("assistance-list", "440101001", "440101", 2025, 20, rng)):
        docs.append(load_bytes(text.encode("utf-8"), "made.yaml").data)
    docs += [make_plan(rng, n) for n in range(1, 13)]
    return docs


def _places(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    for key, value in node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ():
        out += _places(value, (*prefix, key))
    return out


def _mutated(doc: Any, place: tuple[Any, ...], action: str, value: Any) -> Any:
    import copy

    doc = copy.deepcopy(doc)
    if not place:
        return value
    parent = doc
    for token in place[:-1]:
        parent = parent[token]
    last = place[-1]
    if action == "replace":
        parent[last] = value
    elif action == "delete":
        del parent[last]
    elif isinstance(parent[last], dict):  # add a key: unknown, or one that only some nodes may have
        parent[last][value] = "服务"
    return doc


_ODD = [None, True, False, 0, 1, -1, 1.0, 1.5, 2025, 3000, "", "x", "2025-02-30", "2025-01-10", "2025-01-10\n",
        "441803\n", "《社会救助暂行办法》", "公司", "社会组织", "法律", "公开招标", [], ["企业", "企业"], ["企业"], [1, True],
        {}, {"code": "A"}, {"code": "A", "name": "x"}, {"path": "x.yaml"}, {"region": "441803", "year": 2025}, "０１"]
_KEYS = ["unknown_key", "children", "content", "township", "providers", "basis", "path", "region", "year", "catalog"]


def test_the_yes_no_schema_code_never_passes_what_jsonschema_rejects() -> None:
    """Every kind's schema is handled; valid documents pass; no mutation passes that jsonschema rejects."""
    from catalogtool import kinds
    from catalogtool.schemas import load_schema, validator

    rng = random.Random(11)
    passed = failed = 0
    for doc in _kind_documents():
        name = kinds.get(doc["kind"]).schema
        valid, full = _subset(load_schema(name)), validator(name)
        assert valid(doc) and full.is_valid(doc), doc.get("title")
        places = _places(doc)
        for _ in range(50):
            action = rng.choice(["replace", "replace", "delete", "add-key"])
            value = rng.choice(_KEYS if action == "add-key" else _ODD)
            mutated = _mutated(doc, rng.choice(places), action, value)
            try:
                answer = valid(mutated)
            except Exception:  # the caller asks the full validator
                answer = False
            if answer:
                assert full.is_valid(mutated), mutated
            else:  # exact too, but for an integer written as a float (1.0): the full validator decides
                assert not full.is_valid(mutated) or type(value) is float, mutated
            passed += answer
            failed += not answer
    assert passed > 200 and failed > 600


_PARTS: list[Any] = [
    {"type": ["string", "null"], "minLength": 2, "maxLength": 3},
    {"type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": 10},
    {"minimum": 1, "pattern": "^a$", "minItems": 1, "required": ["a"]},
    {"anyOf": [{"type": "integer"}, {"type": "string", "enum": ["a", "b"]}]},
    {"oneOf": [{"required": ["a"], "not": {"required": ["b"]}}, {"required": ["b"]}]},
    {"not": {"anyOf": [{"required": ["a"]}, {"properties": {"a": {"const": "x"}}}]}},
    {"if": {"properties": {"t": {"const": "x"}}, "required": ["t"]}, "then": {"required": ["a"]},
     "else": {"properties": {"a": {"not": {}}}}},
    {"allOf": [{"type": "object"}, {"properties": {"a": {"type": "integer", "maximum": 3}}}]},
    {"type": "object", "additionalProperties": {"type": "string"}, "properties": {"a": {"type": "boolean"}}},
    {"type": "array", "items": {"type": "array", "uniqueItems": True, "items": {"const": 1}}, "maxItems": 2},
    {"$ref": "#/$defs/d", "$defs": {"d": {"type": "object", "properties": {"n": {"$ref": "#/$defs/d"}}}}},
    {"type": "string", "format": "date"},
]
_VALUES: list[Any] = [None, True, False, 0, 1, 1.0, 2.5, 10, -3, "", "a", "ab", "abcd", "x", "2025-01-10",
                      "2025-02-30", "2025-1-10", [], [1], [1, 1], [[1], [1, True]], [[1, 1]], ["a"], {}, {"a": 1},
                      {"a": "x"}, {"b": 1}, {"a": 1, "b": 2}, {"t": "x"}, {"t": "x", "a": 1}, {"t": "y", "a": 1},
                      {"a": True, "c": "s"}, {"a": True, "c": 1}, {"n": {"n": {}}}, {"n": {"n": 1}}]


def test_the_yes_no_schema_code_answers_as_jsonschema_on_each_keyword() -> None:
    from jsonschema import Draft202012Validator

    for schema in _PARTS:
        valid = _subset(schema)
        full = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
        for value in _VALUES:
            expected = full.is_valid(value)
            # "no" to a float integer (1.0) means: ask the full validator; every other answer is exact
            assert valid(value) == expected or (expected and type(value) is float), (schema, value)


def test_the_yes_no_schema_code_refuses_what_it_does_not_handle() -> None:
    from catalogtool.schema_subset import Unsupported, subset_source
    from catalogtool.schemas import load_schema

    for schema in ({"patternProperties": {"a": {}}}, {"format": "email"}, {"not": {"uniqueItems": True}},
                   {"$ref": "other.json"}, {"items": [{}]}, {"minLength": 1.5}, {"enum": [1, "a"]},
                   {"type": "object", "properties": {"a": {"$id": "x"}}}, load_schema("config")):
        with pytest.raises(Unsupported):
            subset_source(schema)


# ---------------------------------------------------------------- text-hygiene's first search

def _full_search(text: str) -> bool:
    from catalogtool import textnorm

    return textnorm._any_issue_re().search(text) is not None


def test_the_first_search_misses_no_text_with_an_issue_at_any_code_point() -> None:
    """A text the first search passes has no issue, whatever character it holds (every code point)."""
    from catalogtool import textnorm

    maybe = textnorm._maybe_re()
    passed = [chr(code) for code in range(0x110000) if maybe.search(f"服{chr(code)}服") is None]
    assert 900_000 < len(passed) < 1_100_000
    # One search of them all, each between two 服 as it would be alone: no pattern spans a 服,
    # so none of the texts `服{character}服` has an issue either.
    assert not _full_search("服" + "服".join(passed) + "服")
    assert not any(_full_search(f"服{ch}服") for ch in passed[::97])  # and some alone


def test_the_first_search_misses_no_issue_made_of_its_patterns_pieces() -> None:
    """Texts put together from the pieces of every pattern (their literals, around each class boundary)."""
    from catalogtool import textnorm

    boundaries = "\x00\x08\t\n\x0b\x1f !~\x7f\x9f\xa0\xa1\xad\xae\u2007\u2028\u2029\u202f\u2060\u2064\ufeff\ufffd\ue000\uf8ff"
    pieces = [*boundaries, "&", "nbsp", ";", "#", "x1F", "12", "<", ">", "br", "/", "!--", "--", "[", "]", "［", "］",
              "【", "】", "编辑", "本段", "1", "点击", "查看", "更多", ">>", "》》", "»", "》", "返回顶部", "打印本页",
              "关闭窗口", "扫一扫在手机打开当前页", "字", "体", "号", ":", "：", "大", "中", "小", "上", "下", "一篇",
              "m(", "r+", "b6", "Q'", "H)", " ", "  ", "\t", "服务", "GB/T", "2260", "a"]
    rng = random.Random(17)
    passed = flagged = 0
    for _ in range(30_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 9)))
        if textnorm._maybe_re().search(text) is None and not text[:1].isspace() and not text[-1:].isspace():
            assert not _full_search(text), text
            passed += 1
        flagged += _full_search(text)
    assert passed > 2000 and flagged > 5000


def test_all_clean_speaks_only_for_texts_without_issues() -> None:
    from catalogtool.textnorm import all_clean

    rng = random.Random(19)
    texts = [*_TEXTS, "清新财〔2025〕12号", "第 1 号", "8 m( r+", "\uffff", " \uffff", "a\uffff ", "字体：大 中 小"]
    for _ in range(20_000):
        chosen = rng.sample(texts, rng.randint(0, 4))
        if all_clean(chosen):
            assert not any(_full_search(text) for text in chosen), chosen
    assert all_clean(["养老服务", "第 440101 号县目录", "GB/T 2260", ""])
