"""Every rule of FORMAT.md §4 against its good and bad cases in tests/rules/cases/<rule-id>.yaml.

Each case is a small repository (files, optional catalogtool.yaml) that is written to
a temporary folder and checked with `catalogtool validate . --format json` (and
`--format text`), run in-process.  The problems of the case's rule must be exactly
the expected ones, at the expected file, line, column and level; a problem of any
other rule must be allowed by the case's `also` list, so a good case is a clean run.

Case file format::

    rule: duplicate-code
    untested_keys: {some-key: why no case can produce it}    # optional
    cases:
      - name: a repeated item code        # test id: duplicate-code::a repeated item code
        files:                            # relative path -> content
          catalog.yaml: |                 # text, written as UTF-8
            kind: purchase-catalog
            ...
          gbk.yaml: {encoding: gb18030, text: "..."}   # text in another encoding
          long.yaml: {text: "notes: LONG", repeat: {LONG: [养, 40000]}}  # LONG -> 养 × 40000
          raw.yaml: {hex: "efbbbf0a"}                  # exact bytes
          link.yaml: {symlink: nowhere.yaml}           # a symbolic link
          sock.yaml: {socket: true}                    # a Unix socket (unreadable even for root)
        config: {rules: {...}}            # optional catalogtool.yaml content
        args: [catalog.yaml]              # optional paths to validate (default: .)
        also: [schema]                    # optional: other rules allowed to report too
        xfail: why                        # optional: a known bug outside the rule module
        expect:                           # [] for a good case
          - {file: catalog.yaml, line: 14, column: 13, level: error, key: dup,
             message: "A0101"}            # key: MESSAGES key; message/message_en: substrings
"""

from __future__ import annotations

import json
import os
import re
import socket
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from catalogtool.cli.main import app
from catalogtool.rules import RULES

CASES_DIR = Path(__file__).resolve().parent / "cases"
CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}")
CASE_KEYS = {"name", "files", "config", "args", "also", "xfail", "expect"}
EXPECT_KEYS = {"file", "line", "column", "level", "key", "message", "message_en", "pointer"}
FILE_SPEC_KEYS = {"text", "encoding", "hex", "symlink", "socket", "repeat"}


@dataclass(frozen=True)
class Case:
    rule: str
    name: str
    files: dict[str, Any]
    expect: list[dict[str, Any]]
    config: dict[str, Any] | None = None
    args: tuple[str, ...] = (".",)
    also: frozenset[str] = frozenset()
    xfail: str | None = None

    @property
    def id(self) -> str:
        return f"{self.rule}::{self.name}"

    @property
    def good(self) -> bool:
        return not self.expect


def load_case_file(path: Path) -> tuple[dict[str, Any], list[Case]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{path.name}: a mapping with rule and cases"
    rule = data.get("rule")
    assert path.stem == rule, f"{path.name}: rule is {rule!r}, expected {path.stem!r}"
    cases = []
    for raw in data.get("cases") or []:
        unknown = set(raw) - CASE_KEYS
        assert not unknown, f"{path.name}: case {raw.get('name')!r} has unknown keys {sorted(unknown)}"
        for entry in raw.get("expect") or []:
            extra = set(entry) - EXPECT_KEYS
            assert not extra, f"{path.name}: {raw['name']!r}: unknown expectation keys {sorted(extra)}"
            missing = {"file", "line", "column", "level", "key"} - set(entry)
            assert not missing, f"{path.name}: {raw['name']!r}: expectation lacks {sorted(missing)}"
            for text_key in ("file", "key", "message", "message_en", "pointer"):
                assert isinstance(entry.get(text_key, ""), str), f"{path.name}: {raw['name']!r}: quote {text_key}"
        cases.append(Case(
            rule=rule,
            name=raw["name"],
            files=raw["files"],
            expect=list(raw.get("expect") or []),
            config=raw.get("config"),
            args=tuple(raw.get("args") or (".",)),
            also=frozenset(raw.get("also") or ()),
            xfail=raw.get("xfail"),
        ))
    return data, cases


CASE_FILES = sorted(CASES_DIR.glob("*.yaml"))
ALL_CASES = [case for path in CASE_FILES for case in load_case_file(path)[1]]


def _params() -> list[Any]:
    out = []
    for case in ALL_CASES:
        marks = [pytest.mark.xfail(reason=case.xfail, strict=True)] if case.xfail else []
        out.append(pytest.param(case, id=case.id, marks=marks))
    return out


# ---------------------------------------------------------------- running a case

def write_files(root: Path, case: Case) -> None:
    for name, spec in case.files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(spec, str):
            path.write_bytes(spec.encode("utf-8"))
            continue
        assert isinstance(spec, dict) and set(spec) <= FILE_SPEC_KEYS, f"{case.id}: bad file spec for {name}"
        if "symlink" in spec:
            path.symlink_to(spec["symlink"])
        elif spec.get("socket"):
            _make_socket(path)
        elif "hex" in spec:
            path.write_bytes(bytes.fromhex("".join(str(spec["hex"]).split())))
        else:
            text = str(spec["text"])
            for mark, (piece, times) in (spec.get("repeat") or {}).items():
                text = text.replace(mark, str(piece) * int(times))
            path.write_bytes(text.encode(spec.get("encoding", "utf-8")))
    config = root / "catalogtool.yaml"
    text = yaml.safe_dump(case.config, allow_unicode=True) if case.config else "{}\n"
    config.write_text(text, encoding="utf-8")


def _make_socket(path: Path) -> None:
    """A Unix socket: listed like a file, but open() fails even for root (ENXIO)."""
    if not hasattr(socket, "AF_UNIX"):
        pytest.skip("no Unix sockets on this platform")
    old = Path.cwd()
    os.chdir(path.parent)  # bind a short relative name: socket paths are limited to ~100 bytes
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
            sock.bind(path.name)
    finally:
        os.chdir(old)


def invoke(case: Case, output_format: str, lang: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["validate", *case.args, "--format", output_format, "--lang", lang,
                                      "--config", "catalogtool.yaml", "--jobs", "1"])
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        f"{case.id}: the command crashed: {result.exception!r}\n{result.stderr}")
    assert result.exit_code in (0, 1), f"{case.id}: exit {result.exit_code}\n{result.stderr}"
    return result.exit_code, result.stdout


def template_regex(template: str) -> re.Pattern[str]:
    parts = PLACEHOLDER.split(template)
    return re.compile(".*".join(re.escape(p) for p in parts), re.DOTALL)


def _position(problem: dict[str, Any]) -> tuple[str, int, int, str]:
    return (problem["file"], problem["line"], problem["column"], problem["level"])


def _show(problems: list[dict[str, Any]]) -> str:
    return "\n".join(f"  {p['file']}:{p['line']}:{p['column']} {p['level']} [{p['rule']}] "
                     f"{p['pointer']} {p['message']}" for p in problems) or "  (none)"


@pytest.mark.parametrize("case", _params())
def test_rule_case(case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_files(tmp_path, case)
    monkeypatch.chdir(tmp_path)

    code, out = invoke(case, "json", "zh")
    report = json.loads(out)
    problems = report["problems"]
    mine = [p for p in problems if p["rule"] == case.rule]
    others = [p for p in problems if p["rule"] != case.rule and p["rule"] not in case.also]
    context = f"{case.id}: every problem reported:\n{_show(problems)}"

    # Exactly the expected problems of this rule, at the expected places and levels.
    expected = sorted((e["file"], e["line"], e["column"], e["level"]) for e in case.expect)
    assert sorted(_position(p) for p in mine) == expected, context
    # No other rule speaks, unless the case says it may.
    assert not others, context
    # Exit code: 1 when the run has an error, 0 when only warnings (no --strict).
    has_error = any(p["level"] == "error" for p in problems)
    assert code == (1 if has_error else 0), context
    assert report["ok"] is (not has_error), context

    # Messages: the declared key's template, in both languages, with every placeholder filled.
    _, out_en = invoke(case, "json", "en")
    mine_en = [p for p in json.loads(out_en)["problems"] if p["rule"] == case.rule]
    templates = RULES[case.rule].messages
    assert len(mine_en) == len(mine), f"{case.id}: zh and en runs differ"
    unused = list(zip(mine, mine_en, strict=True))  # the same sort order in both languages
    for entry in case.expect:
        key = entry["key"]
        assert key in templates, f"{case.id}: {key!r} is not a message key of {case.rule}"
        zh_template, en_template = templates[key].zh, templates[key].en
        where = (entry["file"], entry["line"], entry["column"], entry["level"])
        here = [pair for pair in unused if _position(pair[0]) == where]
        # Two problems may share a place (one string, two hygiene issues): take the one of this key.
        zh, en = next((pair for pair in here if template_regex(zh_template).fullmatch(pair[0]["message"])), here[0])
        unused.remove((zh, en))
        assert template_regex(zh_template).fullmatch(zh["message"]), f"{case.id}: zh message is not {key!r}: {zh['message']}"
        assert template_regex(en_template).fullmatch(en["message"]), f"{case.id}: en message is not {key!r}: {en['message']}"
        for message in (zh["message"], en["message"]):
            assert not PLACEHOLDER.search(message), f"{case.id}: unfilled placeholder in {message!r}"
        if "message" in entry:
            assert entry["message"] in zh["message"], f"{case.id}: {entry['message']!r} not in {zh['message']!r}"
        if "message_en" in entry:
            assert entry["message_en"] in en["message"], f"{case.id}: {entry['message_en']!r} not in {en['message']!r}"
        if "pointer" in entry:
            assert zh["pointer"] == entry["pointer"], f"{case.id}: pointer {zh['pointer']!r}"

    # The text report names each problem as file:line:column ... [rule] on one line.
    text_code, text = invoke(case, "text", "zh")
    assert text_code == code
    lines = text.splitlines()
    for entry in case.expect:
        prefix = f"{entry['file']}:{entry['line']}:{entry['column']} "
        assert any(line.startswith(prefix) and f"[{case.rule}]" in line for line in lines), (
            f"{case.id}: no line `{prefix}... [{case.rule}]` in:\n{text}")


# ---------------------------------------------------------------- the case files themselves

def test_every_rule_has_good_and_bad_cases() -> None:
    files = {path.stem for path in CASE_FILES}
    assert files == set(RULES), f"missing: {sorted(set(RULES) - files)}; extra: {sorted(files - set(RULES))}"
    for rule in RULES:
        cases = [c for c in ALL_CASES if c.rule == rule and not c.xfail]
        assert any(c.good for c in cases), f"{rule}: no good case"
        assert any(not c.good for c in cases), f"{rule}: no bad case"


def test_case_names_are_unique() -> None:
    ids = [case.id for case in ALL_CASES]
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})


@pytest.mark.parametrize("path", CASE_FILES, ids=lambda p: p.stem)
def test_every_message_key_has_a_case(path: Path) -> None:
    data, cases = load_case_file(path)
    rule = data["rule"]
    untested = data.get("untested_keys") or {}
    covered = {e["key"] for c in cases if not c.xfail for e in c.expect}
    keys = set(RULES[rule].messages)
    assert set(untested) <= keys, f"{rule}: untested_keys names unknown keys {sorted(set(untested) - keys)}"
    assert not covered & set(untested), f"{rule}: {sorted(covered & set(untested))} have cases after all"
    assert keys - set(untested) <= covered, f"{rule}: no bad case shows {sorted(keys - set(untested) - covered)}"


@pytest.mark.parametrize("rule", sorted(RULES))
def test_messages_are_in_both_languages(rule: str) -> None:
    for key, message in RULES[rule].messages.items():
        zh, en = message.zh, message.en
        assert CJK.search(zh), f"{rule}.{key}: the Chinese message has no Chinese: {zh!r}"
        plain = PLACEHOLDER.sub("", en)
        cjk = len(CJK.findall(plain))
        letters = len(re.findall(r"[A-Za-z]", plain))
        assert re.search(r"[A-Za-z]{3,}", plain), f"{rule}.{key}: the English message has no English: {en!r}"
        assert cjk < letters, f"{rule}.{key}: the English message is mostly Chinese: {en!r}"
