"""`validate --format gitlab`: GitLab Code Quality JSON, checked against the fields GitLab documents."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from catalogtool.engine import RunResult
from catalogtool.problems import Level, Message, Problem
from catalogtool.reporters.gitlab import report

SCHEMA = json.loads((Path(__file__).resolve().parent / "data" / "gitlab-codequality.schema.json")
                    .read_text(encoding="utf-8"))

CATALOG = """\
kind: purchase-catalog
schema: 1
title: 测试目录
region: {code: "441803", name: 清新区}
year: 2025
issuer: 测试局
effective: 2025-01-01
categories:
  - code: A
    name: 公共服务
    children:
      - code: A01
        name: 基本公共服务
        children:
          - code: A0101
            name: 养老服务
            content: 居家照料
            township: true
            providers: [社会组织]
"""


def _issues(result: RunResult, lang: str = "zh") -> list[dict[str, Any]]:
    out = io.StringIO()
    report(result, lang, False, out)
    data: list[dict[str, Any]] = json.loads(out.getvalue())
    jsonschema.validate(data, SCHEMA)
    return data


def _problem(line: int, rule: str = "schema", level: Level = Level.ERROR, pointer: str = "/title",
             message: str = "缺少字段") -> Problem:
    return Problem("a.yaml", line, 3, pointer, rule, level, Message(message, "missing field"))


def _cli(cwd: Path, *args: str) -> list[dict[str, Any]]:
    run = subprocess.run([sys.executable, "-m", "catalogtool", "validate", "--format", "gitlab", ".", *args],
                         cwd=cwd, capture_output=True, check=False, timeout=120)
    assert run.returncode in (0, 1), run.stderr.decode()
    data: list[dict[str, Any]] = json.loads(run.stdout)
    jsonschema.validate(data, SCHEMA)
    return data


def test_the_schema_rejects_what_gitlab_would_not_read() -> None:
    good = {"description": "d", "check_name": "c", "fingerprint": "f", "severity": "minor",
            "location": {"path": "a.yaml", "lines": {"begin": 1}}}
    jsonschema.validate([good], SCHEMA)
    for bad in ({**good, "severity": "error"}, {**good, "location": {"path": "a.yaml"}},
                {k: v for k, v in good.items() if k != "fingerprint"},
                {**good, "location": {"path": "a.yaml", "lines": {"begin": 0}}}):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate([bad], SCHEMA)


def test_fingerprints_survive_moving_lines_and_mark_new_problems(tmp_path: Path) -> None:
    """The merge request compares fingerprints: 20 lines moved above a problem must not make it 'new'."""
    (tmp_path / "c.yaml").write_text(CATALOG.replace('"441803"', '"991803"').replace("社会组织", "公司"),
                                     encoding="utf-8")
    before = _cli(tmp_path)
    assert {i["check_name"] for i in before} == {"region-code", "provider-type"}
    moved = "".join(f"# 说明第 {n} 行\n" for n in range(20)) + (tmp_path / "c.yaml").read_text(encoding="utf-8")
    moved = moved.replace("title: 测试目录", "title: 测试目录\nsubtitle: 新增字段")  # a new problem
    (tmp_path / "c.yaml").write_text(moved, encoding="utf-8")
    after = _cli(tmp_path)
    old = {i["fingerprint"]: i for i in before}
    kept = [i for i in after if i["fingerprint"] in old]
    assert {i["check_name"] for i in kept} == {"region-code", "provider-type"}
    assert all(i["location"]["lines"]["begin"] == old[i["fingerprint"]]["location"]["lines"]["begin"] + 21
               for i in kept)
    [new] = [i for i in after if i["fingerprint"] not in old]
    assert new["check_name"] == "schema" and new["severity"] == "major" and new["location"]["path"] == "c.yaml"


def test_a_message_citing_a_line_keeps_its_fingerprint_when_lines_move(tmp_path: Path) -> None:
    """duplicate-code says where the first one is (首次出现在第 N 行): that line moving is not a new problem."""
    twice = CATALOG + CATALOG[CATALOG.index("          - code:"):]
    (tmp_path / "c.yaml").write_text(twice, encoding="utf-8")
    before = [i for i in _cli(tmp_path) if i["check_name"] == "duplicate-code"]
    assert before and "行" in before[0]["description"]
    (tmp_path / "c.yaml").write_text("# 一行说明\n" + twice, encoding="utf-8")
    after = [i for i in _cli(tmp_path) if i["check_name"] == "duplicate-code"]
    assert [i["fingerprint"] for i in after] == [i["fingerprint"] for i in before]
    assert before[0]["description"] != after[0]["description"]  # the message itself moved with its line


def test_fingerprint_does_not_depend_on_the_language() -> None:
    result = RunResult([], [_problem(4)])
    assert _issues(result, "zh")[0]["fingerprint"] == _issues(result, "en")[0]["fingerprint"]
    assert _issues(result, "en")[0]["description"] == "[schema] missing field"


def test_fingerprints_are_unique_even_for_identical_problems() -> None:
    twins = [_problem(3, "yaml-syntax", pointer=""), _problem(9, "yaml-syntax", pointer=""), _problem(9, "schema")]
    fingerprints = [i["fingerprint"] for i in _issues(RunResult([], twins))]
    assert len(set(fingerprints)) == 3
    # ... and still stable: the same problems give the same fingerprints.
    assert fingerprints == [i["fingerprint"] for i in _issues(RunResult([], twins))]


def test_each_level_has_its_severity() -> None:
    problems = [_problem(1, level=Level.ERROR), _problem(2, "legal-basis", Level.WARNING),
                _problem(3, "text-hygiene", Level.INFO), _problem(4, "internal-error", pointer="")]
    assert [i["severity"] for i in _issues(RunResult([], problems))] == ["major", "minor", "info", "blocker"]


def test_a_clean_run_is_an_empty_report(tmp_path: Path) -> None:
    (tmp_path / "c.yaml").write_text(CATALOG, encoding="utf-8")
    assert _cli(tmp_path) == []


def test_a_file_name_that_is_not_utf8_still_gives_valid_utf8() -> None:
    problem = Problem("\udcff.yaml", 1, 1, "", "schema", Level.ERROR, Message("缺少字段", "missing"))
    out = io.StringIO()
    report(RunResult([], [problem]), "zh", False, out)
    out.getvalue().encode("utf-8")  # no lone surrogate left
    assert json.loads(out.getvalue())[0]["location"]["path"] == "\ufffd.yaml"
