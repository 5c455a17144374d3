"""The GitHub reporter: workflow-command annotations and the Markdown job summary."""

from __future__ import annotations

import io
import re

from catalogtool.diff.changes import Change, FieldChange
from catalogtool.diff.render_markdown import render_markdown
from catalogtool.engine import RunResult
from catalogtool.markdown_text import cell, code
from catalogtool.problems import Level, Message, Problem
from catalogtool.reporters.github import annotation, markdown_summary, report

JUNK = "服务内容<br>助餐&nbsp;助浴 | *重点*"


def _result(*problems: Problem) -> RunResult:
    return RunResult(files=[], problems=list(problems))


def _problem(message: str, file: str = "lists/access-list.yaml", rule: str = "text-hygiene") -> Problem:
    return Problem(file, 12, 5, "/items/0/content", rule, Level.WARNING, Message(message, message))


def test_summary_shows_html_from_the_documents_as_written() -> None:
    """Issue 7.15: `<br>` and `&nbsp;` in a message are escaped, not rendered away by GitHub."""
    summary = markdown_summary(_result(_problem(f"文本含网页残留：{JUNK}")), "zh", False)
    [row] = [line for line in summary.splitlines() if "text-hygiene" in line]
    assert "&lt;br&gt;" in row and "&amp;nbsp;" in row
    assert "<br>" not in row and "&nbsp;" not in row
    assert "\\*重点\\*" in row
    # Four cells: the `|` in the message is escaped, not a column break.
    assert len(re.findall(r"(?<!\\)\|", row)) == 5


def test_summary_and_diff_escape_a_value_the_same_way() -> None:
    summary = markdown_summary(_result(_problem(JUNK)), "zh", False)
    change = Change("changed", "access-list", code="ZR-001", name="事项",
                    fields={"notes": FieldChange(None, JUNK)})
    comment = render_markdown([change], lang="zh")
    assert cell(JUNK) in summary and cell(JUNK) in comment


def test_summary_code_spans_survive_backticks_and_pipes() -> None:
    summary = markdown_summary(_result(_problem("x", file="a`b|c.yaml")), "en", False)
    [row] = [line for line in summary.splitlines() if "text-hygiene" in line]
    assert row.startswith("| ``a`b\\|c.yaml:12:5`` |")
    assert code("`x`") == "`` `x` ``"
    assert code("a|b", in_table=False) == "`a|b`"


def test_summary_line_breaks_stay_in_their_cell() -> None:
    summary = markdown_summary(_result(_problem("第一行\r\n第二行\r第三行")), "zh", False)
    [row] = [line for line in summary.splitlines() if "text-hygiene" in line]
    assert "第一行<br>第二行<br>第三行" in row


def test_annotation_escapes_per_workflow_command_rules() -> None:
    """GitHub's toolkit escapes %, CR and LF in data, and also : and , in properties."""
    problem = Problem("dir:a,b%.yaml", 3, 4, "/x", "schema", Level.ERROR, Message("50%\r\n::error::x", "y"))
    line = annotation(problem, "zh")
    assert line == "::error file=dir%3Aa%2Cb%25.yaml,line=3,col=4,title=catalogtool [schema]::50%25%0D%0A::error::x"
    assert "\n" not in line and "\r" not in line


def test_report_writes_the_escaped_summary_to_the_step_summary(tmp_path, monkeypatch) -> None:
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    out = io.StringIO()
    report(_result(_problem(JUNK)), "zh", False, out)
    assert out.getvalue().startswith("::warning file=lists/access-list.yaml,line=12,col=5,")
    assert "&lt;br&gt;" in summary.read_text(encoding="utf-8")
