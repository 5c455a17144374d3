"""Acceptance: examples/2024 → examples/2025 reports exactly the planted changes of tests/data/example-changes.yaml."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from catalogtool.diff.apply import apply, normalize
from catalogtool.diff.changes import Change
from catalogtool.diff.core import compare, compare_sets
from catalogtool.diff.inputs import load_input
from catalogtool.diff.render_markdown import render_markdown

ROOT = Path(__file__).resolve().parent.parent
PLANTED = ROOT / "tests" / "data" / "example-changes.yaml"


@pytest.fixture(scope="module")
def editions() -> tuple[dict[str, Any], dict[str, Any]]:
    return load_input(str(ROOT / "examples" / "2024")).docs, load_input(str(ROOT / "examples" / "2025")).docs


@pytest.fixture(scope="module")
def changes(editions: tuple[dict[str, Any], dict[str, Any]]) -> list[Change]:
    return compare_sets(*editions)


def _key(file: str, type_: str, section: str, code: str, fields: frozenset[str] | None) -> tuple[Any, ...]:
    return (file, type_, section, code, fields)


def planted() -> Counter[tuple[Any, ...]]:
    out: Counter[tuple[Any, ...]] = Counter()
    for entry in yaml.safe_load(PLANTED.read_text(encoding="utf-8")):
        code = f"{entry['old_code']}>{entry['new_code']}" if entry["type"] == "recoded" else entry.get("code", "")
        fields = frozenset(entry["fields"]) if "fields" in entry else None
        out[_key(entry["file"], entry["type"], entry.get("section", "items"), code, fields)] += 1
    return out


def reported(changes: list[Change]) -> Counter[tuple[Any, ...]]:
    out: Counter[tuple[Any, ...]] = Counter()
    for c in changes:
        code = f"{c.old_code}>{c.new_code}" if c.type == "recoded" else c.code
        # The planted list gives fields for header, changed and recoded changes only.
        fields = frozenset(c.fields) if c.type in ("header", "changed", "recoded") else None
        out[_key(c.document, c.type, "items" if c.type == "header" else c.section, code, fields)] += 1
    return out


def test_every_planted_change_and_nothing_else(changes: list[Change]) -> None:
    expected, actual = planted(), reported(changes)
    missing = expected - actual
    extra = actual - expected
    assert not missing and not extra, f"missing: {sorted(missing)}\nextra: {sorted(extra)}"


def test_recodes_are_never_removal_plus_addition(changes: list[Change]) -> None:
    recoded = {(c.document, code) for c in changes if c.type == "recoded" for code in (c.old_code, c.new_code)}
    loose = {(c.document, c.code) for c in changes if c.type in ("added", "removed")}
    assert not recoded & loose


def test_each_example_rebuilds_from_its_changes(editions: tuple[dict[str, Any], dict[str, Any]]) -> None:
    old_docs, new_docs = editions
    assert old_docs.keys() == new_docs.keys()
    for path, old in old_docs.items():
        new = new_docs[path]
        changes = compare(old, new, kind=old["kind"], document=path)
        assert normalize(apply(old, changes)) == normalize(new), path
        assert compare(new, new, kind=new["kind"]) == []


def test_markdown_of_the_examples_reads_as_tables(changes: list[Change]) -> None:
    """Rendered by a CommonMark parser with tables (markdown-it-py, which rich depends on)."""
    import re

    from markdown_it import MarkdownIt

    text = render_markdown(changes, old_label="examples/2024", new_label="examples/2025")
    html = MarkdownIt("commonmark").enable("table").render(text)
    tables = re.findall(r"<table>.*?</table>", html, re.S)
    assert len(tables) == 6  # summary, then header / added / removed / changed / recoded
    body_rows = 0
    for table in tables:
        rows = re.findall(r"<tr>(.*?)</tr>", table, re.S)
        assert len({len(re.findall(r"<t[hd]", row)) for row in rows}) == 1  # no row broken by | or a newline
        body_rows += len(rows) - 1
    documents = {c.document for c in changes}
    assert body_rows == len(documents) + 1 + len(changes)  # a row per document + a total row, then one per change
    assert "<del>和健康咨询</del><ins>、康复护理和精神慰藉</ins>" in html
    assert "<strong>承接主体</strong>" in html
