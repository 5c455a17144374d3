"""The loader: positions, duplicate keys, implicit typing, encodings, limits, both parsers."""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest

from catalogtool.loader import HAVE_LIBYAML, LoadLimits, load_bytes, load_file

SUITE = Path(__file__).resolve().parents[2] / "shared" / "yaml-test-suite"
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

# Inputs on which libyaml and PyYAML's pure-Python parser disagree about validity
# (tabs as separation, directives, flow-key edge cases, a comma in a tag: U99R's
# `!!str,` is a tag the pure-Python parser accepts, reported as unused, not as
# syntax).  Listed so that any change in behaviour shows up here instead of passing
# silently.
PARSER_DISAGREEMENTS = {
    "2LFX", "4ABK", "6HB6", "6LVF", "BEC7", "DC7X", "HS5T", "J3BT", "JR7V",
    "K54U", "NB6Z", "R4YG", "U99R", "UV7Q", "WZ62", "X4QW",
}
# An empty explicit key (`?` alone) in a flow mapping: the parsers place it differently.
POSITION_DISAGREEMENTS = {"DFF7"}
# libyaml reads `&an:chor value` as anchor `an` plus value `:chor value`.
JSON_DISAGREEMENTS = {"Y2GN"}


def rules_of(doc):
    return [(f.rule, f.key) for f in doc.findings]


def both(content: bytes, **kwargs):
    """Load with the C parser and the pure-Python one; they must agree."""
    fast = load_bytes(content, "t.yaml", **kwargs)
    pure = load_bytes(content, "t.yaml", pure=True, **kwargs)
    assert fast.data == pure.data
    assert fast.positions == pure.positions
    assert fast.implicit == pure.implicit
    assert [(f.rule, f.key, f.line, f.column) for f in fast.findings] == [
        (f.rule, f.key, f.line, f.column) for f in pure.findings]
    return fast


def test_c_parser_is_used_where_available():
    import yaml

    assert bool(getattr(yaml, "__with_libyaml__", False)) == HAVE_LIBYAML


def test_positions_of_keys_and_values():
    doc = both("kind: purchase-catalog\nregion:\n  code: \"441803\"\nitems:\n  - 甲\n  - 乙\n".encode())
    assert doc.positions["/region/code"] == (3, 3, 3, 9)
    assert doc.position("/items/1") == (6, 5)
    assert doc.position("/region/code", "key") == (3, 3)
    # A pointer with no record of its own is placed at its nearest ancestor.
    assert doc.position("/region/missing") == (3, 3)


def test_duplicate_key_reports_both_lines_and_keeps_the_first():
    doc = both("name: 养老服务\ncontent: x\nname: 助餐服务\n".encode())
    assert doc.data["name"] == "养老服务"
    [finding] = doc.findings
    assert (finding.rule, finding.line, finding.column) == ("duplicate-key", 3, 1)
    assert finding.args["first_line"] == 1


@pytest.mark.parametrize(("source", "value", "tag"), [
    ("0101", 65, "int"),
    ("NO", False, "bool"),
    ("yes", True, "bool"),
    ("1:20", 80, "int"),
    ("3.14", 3.14, "float"),
    ("0x1A", 26, "int"),
])
def test_implicit_typing_is_recorded_with_the_spelling(source, value, tag):
    doc = both(f"code: {source}\n".encode())
    assert doc.data["code"] == value
    assert doc.implicit["/code"].source == source
    assert doc.implicit["/code"].tag == tag


def test_quoted_and_tagged_scalars_stay_text():
    doc = both(b"a: \"0101\"\nb: '1:20'\nc: !!str 0101\n")
    assert doc.data == {"a": "0101", "b": "1:20", "c": "0101"}
    assert doc.implicit == {}


def test_dates_are_kept_as_written():
    doc = both(b"effective: 2025-01-10\nat: 2025-1-1 10:00:00\n")
    assert doc.data == {"effective": "2025-01-10", "at": "2025-1-1 10:00:00"}
    assert doc.implicit["/at"].tag == "timestamp"


def test_utf8_bom_and_crlf_are_accepted():
    doc = both(codecs.BOM_UTF8 + "kind: x\r\nname: 养老服务\r\n".encode())
    assert doc.findings == []
    assert doc.data == {"kind": "x", "name": "养老服务"}
    assert doc.positions["/name"] == (2, 1, 2, 7)


def test_gbk_file_says_where_and_how_to_convert():
    doc = both("kind: access-list\nname: 养老服务\n".encode("gbk"))
    [finding] = doc.findings
    assert (finding.rule, finding.key, finding.line, finding.column) == ("yaml-syntax", "gbk", 2, 7)
    from catalogtool.placement import render_message

    assert "iconv -f GB18030 -t UTF-8" in render_message(finding).zh


def test_utf16_file_is_reported():
    doc = both("kind: x\n".encode("utf-16"))
    assert rules_of(doc) == [("yaml-syntax", "utf16")]


def test_billion_laughs_stops_quickly():
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        prev, cur = chr(96 + i), chr(97 + i)
        lines.append(f"{cur}: &{cur} [" + ", ".join([f"*{prev}"] * 9) + "]")
    doc = both("\n".join(lines).encode())
    assert doc.data is None
    assert rules_of(doc) == [("input-limit", "nodes")]


@pytest.mark.parametrize("content", [
    b"a: " + b"[" * 20000 + b"]" * 20000,
    b"{a: " * 20000 + b"}" * 20000,
    b"- " * 20000 + b"x\n",
], ids=["flow-sequence", "flow-mapping", "block-sequence"])
def test_absurd_nesting_is_a_problem_not_a_crash(content):
    doc = both(content)
    assert doc.data is None
    assert rules_of(doc) == [("input-limit", "depth")]


def test_file_size_limit(tmp_path):
    path = tmp_path / "big.yaml"
    path.write_bytes(b"a: " + b"x" * 2000 + b"\n")
    doc = load_file(path, limits=LoadLimits(max_file_bytes=1000))
    assert rules_of(doc) == [("input-limit", "file-size")]


def test_syntax_error_has_position_and_chinese_explanation():
    doc = both(b"a:\n\tb: 1\n")
    [finding] = doc.findings
    assert (finding.rule, finding.line, finding.column) == ("yaml-syntax", 2, 1)
    from catalogtool.placement import render_message

    assert "Tab" in render_message(finding).zh


@pytest.mark.parametrize(("content", "key"), [
    (b"", "empty"),
    (b"# only a comment\n", "empty"),
    (b"a: 1\n---\nb: 2\n", "multi-doc"),
    (b"a: !foo x\n", "tag-local"),
    (b"a: *nowhere\n", "unknown-anchor"),
    (b"? [a, b]\n: c\n", "complex-key"),
    (b"a: b\x07c\n", "bad-char"),
])
def test_other_malformed_inputs_become_findings(content, key):
    doc = both(content)
    assert key in [k for _, k in rules_of(doc)]


def test_merge_keys_follow_yaml_rules():
    doc = both(b"base: &b {x: 1, y: 2}\nm:\n  <<: *b\n  x: 3\n")
    assert doc.data["m"] == {"x": 3, "y": 2}
    assert doc.position("/m/y") == (3, 7)


def test_unreadable_path_is_a_finding(tmp_path):
    doc = load_file(tmp_path / "missing.yaml")
    assert rules_of(doc) == [("unreadable-file", "os")]


def test_examples_load_identically_with_both_parsers():
    files = sorted(EXAMPLES.rglob("*.yaml"))
    assert len(files) >= 6
    for path in files:
        doc = both(path.read_bytes())
        assert doc.findings == [], path


def _suite_cases():
    if not SUITE.is_dir():
        return []
    return sorted(p for p in SUITE.iterdir() if (p / "in.yaml").is_file())


@pytest.mark.skipif(not SUITE.is_dir(), reason="../shared/yaml-test-suite is not beside the project")
def test_yaml_test_suite_never_crashes_and_parsers_agree():
    """Every case of the public YAML test suite loads to data or to findings, never an exception."""
    disagreements = set()
    checked = 0
    for case in _suite_cases():
        content = (case / "in.yaml").read_bytes()
        fast = load_bytes(content, case.name)
        pure = load_bytes(content, case.name, pure=True)
        fast_ok = fast.data is not None and not any(f.rule == "yaml-syntax" for f in fast.findings)
        pure_ok = pure.data is not None and not any(f.rule == "yaml-syntax" for f in pure.findings)
        if fast_ok != pure_ok:
            disagreements.add(case.name)
            continue
        if fast_ok:
            assert fast.data == pure.data, case.name
            if case.name not in POSITION_DISAGREEMENTS:
                assert fast.positions == pure.positions, case.name
        checked += 1
    assert checked > 300
    if HAVE_LIBYAML:
        assert disagreements == PARSER_DISAGREEMENTS


@pytest.mark.skipif(not SUITE.is_dir(), reason="../shared/yaml-test-suite is not beside the project")
def test_yaml_test_suite_text_matches_the_expected_json():
    """Where a case has only text (no YAML 1.1 typing) the data equals the suite's JSON."""
    compared = 0
    for case in _suite_cases():
        expected_path = case / "in.json"
        if not expected_path.is_file() or case.name in JSON_DISAGREEMENTS:
            continue
        doc = load_bytes((case / "in.yaml").read_bytes(), case.name)
        if doc.data is None or doc.findings or doc.implicit:
            continue
        try:
            expected = json.loads(expected_path.read_text(encoding="utf-8"))
        except json.JSONDecodeError:
            continue  # a stream of several JSON documents
        assert doc.data == expected, case.name
        compared += 1
    assert compared > 100


def test_unclosed_bracket_says_where_it_opened():
    from catalogtool.placement import render_message

    doc = both("kind: x\nproviders: [社会组织, 企业\nname: 养老\n".encode())
    [finding] = doc.findings
    message = render_message(finding)
    assert "第 2 行第 12 列开始" in message.zh
    assert "line 2 column 12" in message.en


def test_control_character_after_chinese_is_placed_by_character_not_byte():
    doc = both("kind: x\ntitle: 测试\a目录\n".encode())
    [finding] = doc.findings
    assert (finding.rule, finding.line, finding.column) == ("yaml-syntax", 2, 10)


def test_small_size_limits_read_naturally(tmp_path):
    from catalogtool.placement import render_message

    path = tmp_path / "a.yaml"
    path.write_bytes(b"a: 123456789\n" * 20)
    [finding] = load_file(path, limits=LoadLimits(max_file_bytes=100)).findings
    assert "文件大小 260 B 超过上限 100 B" in render_message(finding).zh
