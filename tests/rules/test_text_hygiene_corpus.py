"""False alarms of text-hygiene, measured on real text: the shipped examples and reference data.

The web-junk checks (watermarks, web-page leftovers) look at mixed Chinese and ASCII
text, which real catalogs are full of (`GB/T 2260`, `12345热线`, `A0101`, URLs).  Every
string value of every YAML file under examples/ and catalogtool/data/reference/ is
run through the rule itself; the count of problems must be zero.
"""

from __future__ import annotations

from pathlib import Path

from catalogtool.config import Config
from catalogtool.loader import load_file
from catalogtool.rules import text_hygiene
from catalogtool.rules.context import DocContext

ROOT = Path(__file__).resolve().parents[2]
CORPUS = sorted([*(ROOT / "examples").rglob("*.yaml"), *(ROOT / "catalogtool" / "data" / "reference").glob("*.yaml")])


def test_no_false_alarms_on_the_examples_and_reference_data() -> None:
    values = 0
    alarms = []
    for path in CORPUS:
        doc = load_file(path)
        assert not doc.findings, f"{path}: {doc.findings}"
        ctx = DocContext(doc, Config(), text_hygiene.ID)
        values += len(ctx.text_values)
        alarms += [(path.relative_to(ROOT).as_posix(), f.pointer, f.key, ctx.doc.value_at(f.pointer))
                   for f in text_hygiene.check(ctx)]
    # The corpus is real: both example years of every kind, the roster and every reference list.
    assert len(CORPUS) >= 10 and values > 1000, (len(CORPUS), values)
    assert alarms == []


def test_the_corpus_walk_sees_every_string_value() -> None:
    """text_values is what the rule checks: every string, at any depth, in lists and mappings."""
    path = ROOT / "examples" / "2025" / "purchase-catalog.yaml"
    ctx = DocContext(load_file(path), Config(), text_hygiene.ID)
    expected: list[str] = []
    stack = [ctx.data]
    while stack:
        node = stack.pop()
        if isinstance(node, str):
            expected.append(node)
        elif isinstance(node, dict):
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    assert sorted(text for _, text in ctx.text_values) == sorted(expected)
    assert all(ctx.doc.value_at(pointer) == text for pointer, text in ctx.text_values)
