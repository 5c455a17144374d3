"""`validate --format junit`: read back by junitparser and checked against Jenkins' junit-10.xsd."""

from __future__ import annotations

import io
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from junitparser import Error, Failure, JUnitXml

from catalogtool.engine import FileReport, RunResult
from catalogtool.problems import Level, Message, Problem
from catalogtool.reporters.junit import classname, report, xml_text
from tests.xsd_subset import Schema

DATA = Path(__file__).resolve().parent / "data"
SCHEMA = Schema(DATA / "junit-10.xsd")  # from the Jenkins xUnit plugin (MIT licence, in the file)

BAD = """\
kind: purchase-catalog
schema: 1
title: 测试目录
region: {code: "991803", name: 测试区}
year: 2025
issuer: 测试局
effective: 2022-01-01
categories:
  - code: A
    name: 公共服务
    children:
      - code: A01
        name: 基本公共服务
        children:
          - code: 0101
            name: 养老服务
            contnet: 居家照料
            township: true
            providers: [社会组织]
"""


def _junit(result: RunResult, lang: str = "zh", strict: bool = False) -> str:
    out = io.StringIO()
    report(result, lang, strict, out)
    return out.getvalue()


def _file(name: str) -> FileReport:
    return FileReport(name, "purchase-catalog", 1, [])


def _problem(file: str, line: int, rule: str, level: Level, message: str, pointer: str = "/title") -> Problem:
    return Problem(file, line, 3, pointer, rule, level, Message(message, message + " (en)"))


def _validate(text: str) -> ET.Element:
    root = ET.fromstring(text.encode("utf-8"))
    assert SCHEMA.errors(root) == []
    return root


def test_the_schema_check_rejects_what_jenkins_would() -> None:
    """The XSD check can fail: a testcase without a name, an undeclared attribute, text where none may be."""
    root = ET.fromstring('<testsuites><testsuite name="a" tests="1" failures="0" errors="0" time="1,5">'
                         '<testcase classname="c" file="x.yaml">text</testcase><bogus/></testsuite></testsuites>')
    errors = SCHEMA.errors(root)
    assert any("required attribute name" in e for e in errors)
    assert any("attribute file is not declared" in e for e in errors)
    assert any("text is not allowed" in e for e in errors)
    assert any("<bogus> is not allowed" in e for e in errors)
    assert any("time='1,5'" in e for e in errors)
    assert SCHEMA.errors(ET.fromstring("<testsuite/>")) != []


def test_cli_report_lists_each_problem_under_its_file_and_passes_clean_files(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text(BAD, encoding="utf-8")
    (tmp_path / "clean").mkdir()
    for name in ("a.yaml", "b.yaml"):
        (tmp_path / "clean" / name).write_text(BAD.replace("0101", "A0101").replace("contnet", "content")
                                               .replace('"991803"', '"441803"').replace("2022-01-01", "2025-01-01"),
                                               encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "catalogtool", "validate", "--format", "junit", "."],
                         cwd=tmp_path, capture_output=True, check=False, timeout=120)
    assert run.returncode == 1, run.stderr.decode()
    text = run.stdout.decode("utf-8")
    _validate(text)
    xml = JUnitXml.fromstring(text)
    suites = {suite.name: suite for suite in xml}
    assert set(suites) == {"bad.yaml", "clean/a.yaml", "clean/b.yaml"}
    for name in ("clean/a.yaml", "clean/b.yaml"):
        [case] = list(suites[name])
        assert case.is_passed and case.name == "全部检查通过" and case.classname == name[:-5].replace("/", ".")
    bad_cases = list(suites["bad.yaml"])
    rules = {result.type for case in bad_cases for result in case.result if isinstance(result, Failure)}
    assert rules == {"region-code", "date-order", "implicit-type", "schema"}
    assert suites["bad.yaml"].failures == len(bad_cases) == 4 and suites["bad.yaml"].tests == 4
    assert xml.tests == 6 and xml.failures == 4
    for case in bad_cases:
        [failure] = case.result
        assert case.classname == "bad"
        line_col = case.name.split(" ")[0]
        assert f"bad.yaml:{line_col} 错误 [{failure.type}]" in failure.text
        assert failure.message and failure.message in failure.text


def test_warnings_fail_only_under_strict_and_notes_never() -> None:
    result = RunResult([_file("a.yaml")], [
        _problem("a.yaml", 3, "legal-basis", Level.WARNING, "缺少政策依据"),
        _problem("a.yaml", 4, "text-hygiene", Level.INFO, "多余空格"),
    ])
    for strict, failing in ((False, 0), (True, 1)):
        xml = JUnitXml.fromstring(_validate_text(_junit(result, strict=strict)))
        [suite] = list(xml)
        assert suite.failures == failing and suite.tests == 2
        cases = {case.name.split("]")[0]: case for case in suite}
        assert cases["3:3 [legal-basis"].is_passed is (not strict)
        assert cases["4:3 [text-hygiene"].is_passed
        assert "多余空格" in (cases["4:3 [text-hygiene"].system_out or "")
        assert "字段路径：/title" in (cases["4:3 [text-hygiene"].system_out or "")


def _validate_text(text: str) -> str:
    _validate(text)
    return text


def test_internal_errors_are_junit_errors_not_failures() -> None:
    result = RunResult([_file("a.yaml")], [_problem("a.yaml", 1, "internal-error", Level.ERROR, "内部错误", "")])
    [suite] = list(JUnitXml.fromstring(_validate_text(_junit(result))))
    [case] = list(suite)
    assert isinstance(case.result[0], Error) and suite.errors == 1 and suite.failures == 0


def test_names_are_unique_in_a_file_so_gitlab_keeps_every_problem() -> None:
    same = _problem("a.yaml", 5, "yaml-syntax", Level.ERROR, "语法错误", "")
    result = RunResult([_file("a.yaml")], [same, same, same])
    [suite] = list(JUnitXml.fromstring(_validate_text(_junit(result))))
    names = [(case.classname, case.name) for case in suite]
    assert len(set(names)) == 3


HOSTILE = "坏\x00字\x01符\x0b\x0c\x1b]]><script>&amp;\"'\ud800\ufffe\uffff\t尾\n第二行"


@pytest.mark.parametrize("where", ["message", "file", "rule"])
def test_hostile_text_is_replaced_and_escaped_not_a_crash(where: str) -> None:
    file = HOSTILE if where == "file" else "a.yaml"
    problem = Problem(file, 2, 1, "/items/0", HOSTILE if where == "rule" else "text-hygiene", Level.ERROR,
                      Message(HOSTILE if where == "message" else "消息", "msg"))
    text = _junit(RunResult([_file(file)], [problem]))
    root = _validate(text)
    [suite] = list(JUnitXml.fromstring(text))
    [case] = list(suite)
    failure = case.result[0]
    shown = {"message": failure.message, "file": suite.name, "rule": failure.type}[where]
    assert shown == xml_text(HOSTILE)
    assert "\\x00" in shown and "\\x1b" in shown and "\\ud800" in shown and "\\ufffe" in shown
    assert "]]><script>&amp;\"'" in shown and "\t尾\n第二行" in shown  # escaped for XML, read back exactly
    assert root.find("testsuite") is not None


def test_same_inputs_give_the_same_bytes() -> None:
    problems = [_problem("b.yaml", 9, "schema", Level.ERROR, "未知字段"), _problem("a.yaml", 2, "schema", Level.ERROR, "x")]
    result = RunResult([_file("a.yaml"), _file("b.yaml")], sorted(problems, key=Problem.sort_key))
    assert _junit(result) == _junit(result)
    assert "time=\"0\"" in _junit(result) and "timestamp" not in _junit(result) and "hostname" not in _junit(result)


def test_english_run_names_a_clean_file_in_english() -> None:
    [suite] = list(JUnitXml.fromstring(_junit(RunResult([_file("a.yaml")], []), lang="en")))
    assert [case.name for case in suite] == ["all checks passed"]


@pytest.mark.parametrize(("file", "expected"), [
    ("lists/access-list.yaml", "lists.access-list"),
    ("a.YML", "a"),
    ("2026/plans/taihe.yaml", "2026.plans.taihe"),
    ("<stdin>", "<stdin>"),
])
def test_classname_is_folder_package_and_file_class(file: str, expected: str) -> None:
    assert classname(file) == expected


@settings(max_examples=200, deadline=None)
@given(message=st.text(), file=st.text(min_size=1), rule=st.text(min_size=1), strict=st.booleans())
def test_any_text_gives_a_report_jenkins_and_gitlab_read(message: str, file: str, rule: str, strict: bool) -> None:
    problem = Problem(file, 3, 1, "/x", rule, Level.WARNING, Message(message, message))
    text = _junit(RunResult([_file(file)], [problem, problem]), strict=strict)
    _validate(text)
    [suite] = list(JUnitXml.fromstring(text))
    cases = list(suite)
    assert len(cases) == 2 and len({case.name for case in cases}) == 2
    assert suite.name == xml_text(file)
    for case in cases:
        assert case.is_passed is (not strict)
        if strict:
            assert case.result[0].message == xml_text(message)
