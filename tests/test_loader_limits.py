"""The loader's own limits decide, whichever parser reads: nesting depth and number length."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from test_loader import both, rules_of
from typer.testing import CliRunner

from catalogtool import loader
from catalogtool.cli.main import app
from catalogtool.loader import LoadLimits, load_bytes
from catalogtool.placement import render_message

DEEP = 1500  # deeper than libyaml's own limit of 1,000 (PyYAML 6.0.4 and later)


@pytest.mark.parametrize(("content", "depth"), [
    (b"a: " + b"[" * DEEP + b"]" * DEEP, DEEP + 1),
    (b"{a: " * DEEP + b"}" * DEEP, DEEP),
    (b"- " * DEEP + b"x\n", DEEP),
], ids=["flow-sequence", "flow-mapping", "block-sequence"])
def test_nesting_within_the_configured_limit_loads_with_both_parsers(content, depth):
    limits = LoadLimits(max_depth=DEEP + 10)
    fast = load_bytes(content, "t.yaml", limits)
    pure = load_bytes(content, "t.yaml", limits, pure=True)
    assert fast.findings == pure.findings == []
    assert fast.positions == pure.positions  # (data this deep is too deep for ==)
    assert _depth(fast.data) == _depth(pure.data) == depth


def _depth(data: object) -> int:
    depth = 0
    while isinstance(data, (list, dict)):
        depth += 1
        data = next(iter(data.values())) if isinstance(data, dict) else data[0] if data else None
    return depth


class _StrictParser(yaml.SafeLoader):
    """A parser with a nesting limit of its own, as libyaml 0.2.6 has."""

    limit = 5

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.level = 0

    def get_event(self):
        event = super().get_event()
        if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            self.level += 1
            if self.level > self.limit:
                raise yaml.scanner.ScannerError("while increasing flow level", event.start_mark,
                                                "exceeded maximum nesting depth", event.start_mark)
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            self.level -= 1
        return event


def test_when_the_c_parser_stops_on_its_own_the_loaders_limit_decides(monkeypatch):
    content = b"kind: x\nnotes: " + b"[" * 20 + b"]" * 20 + b"\n"
    expected = load_bytes(content, "t.yaml", LoadLimits(max_depth=10), pure=True)
    monkeypatch.setattr(loader, "_CLoader", _StrictParser)
    doc = load_bytes(content, "t.yaml", LoadLimits(max_depth=10))
    assert rules_of(doc) == [("input-limit", "depth")]
    assert [(f.line, f.column) for f in doc.findings] == [(f.line, f.column) for f in expected.findings] == [(2, 17)]
    # Above the parser's limit but within the loader's: the file loads.
    assert load_bytes(content, "t.yaml", LoadLimits(max_depth=30)).data == {"kind": "x", "notes": [[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]}


def test_a_parser_limit_that_cannot_be_passed_is_an_input_limit_in_both_languages(monkeypatch):
    monkeypatch.setattr(loader.yaml, "SafeLoader", _StrictParser)
    doc = load_bytes(b"kind: x\nnotes: " + b"[" * 20 + b"]" * 20 + b"\n", "t.yaml", pure=True)
    assert doc.data is None
    [finding] = doc.findings
    assert (finding.rule, finding.key, finding.line, finding.column) == ("input-limit", "parser-depth", 2, 12)
    message = render_message(finding)
    assert "嵌套层数超过了 YAML 解析器的上限" in message.zh
    assert "nesting deeper than the YAML parser allows" in message.en


LONG = {
    "hexadecimal": "0x" + "f" * 4000,
    "octal": "0" + "7" * 4000,
    "binary": "0b" + "1" * 14000,
    "decimal": "9" * 5000,
    "base-60": "1" + ":59" * 3000,
    "signed": "-0x" + "f" * 4000,
    "float": "1" * 5000 + ".5",
    "explicit": "!!int 0x" + "f" * 4000,
}


@pytest.mark.parametrize("written", LONG.values(), ids=LONG.keys())
def test_a_number_of_thousands_of_digits_is_an_input_limit(written):
    doc = both(f"kind: purchase-catalog\nyear: {written}\n".encode())
    assert doc.data is None
    [finding] = doc.findings
    assert (finding.rule, finding.key, finding.line, finding.column) == ("input-limit", "number", 2, 7)
    message = render_message(finding)
    assert "位，超过 100 位的上限" in message.zh and len(message.zh) < 100
    assert "digits, over the limit of 100" in message.en


def test_a_long_but_sane_number_is_still_read():
    doc = both(b"amount: " + b"1" * 100 + b"\ncode: " + b"7" * 40 + b"\n")
    assert doc.findings == []
    assert doc.data["amount"] == int("1" * 100)
    assert doc.implicit["/code"].tag == "int"


def _validate(tmp_path: Path, text: str) -> tuple[int, dict, str]:
    (tmp_path / "catalog.yaml").write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", str(tmp_path / "catalog.yaml"), "--format", "json"])
    return result.exit_code, json.loads(result.stdout), result.stderr


@pytest.mark.parametrize(("field", "written"), [
    ("schema", "0x" + "f" * 4000),
    ("year", "0x" + "f" * 4000),
    ("year", "0b" + "1" * 14000),
    ("year", "9" * 5000),
    ("title", "1" + ":59" * 3000),
])
def test_huge_numbers_are_reported_not_an_internal_error(tmp_path, field, written):
    code, report, stderr = _validate(tmp_path, f"kind: purchase-catalog\nschema: 1\ntitle: 目录\n{field}: {written}\n")
    assert code == 1, stderr
    assert [p["rule"] for p in report["problems"]] == ["input-limit"]


@pytest.mark.parametrize("written", [".inf", "-.inf", ".nan", "1e99999", "1.0e+99999"])
def test_infinite_and_odd_floats_are_reported_not_an_internal_error(tmp_path, written):
    code, report, stderr = _validate(tmp_path, f"kind: purchase-catalog\nschema: 1\nyear: {written}\n")
    assert code == 1, stderr
    assert any(p["rule"] == "schema" and p["pointer"] == "/year" for p in report["problems"])
