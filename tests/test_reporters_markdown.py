"""`validate --format markdown`: totals and a table per file, escaped, within a comment's length."""

from __future__ import annotations

import io
import re

from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from catalogtool.cli.main import app
from catalogtool.engine import FileReport, RunResult
from catalogtool.markdown_text import cell
from catalogtool.problems import Level, Message, Problem
from catalogtool.reporters.markdown import MAX_CHARS, render, report

HOSTILE = "坏 | 管道 `反引号` <script>alert(1)</script> &nbsp; *强调*\n第二行\r\n第三行"


def _problem(file: str, line: int, message: str = "缺少字段", rule: str = "schema",
             level: Level = Level.ERROR) -> Problem:
    return Problem(file, line, 2, "/x", rule, level, Message(message, "missing field"))


def _result(*problems: Problem, files: int = 2) -> RunResult:
    return RunResult([FileReport(f"f{n}.yaml", None, 0, []) for n in range(files)], list(problems))


def _rows(text: str) -> list[str]:
    return [line for line in text.split("\n") if line.startswith("| ") and not line.startswith("| 行")
            and not line.startswith("| line")]


def test_heading_totals_and_a_table_per_file_in_chinese_by_default() -> None:
    text = render(_result(_problem("b.yaml", 7), _problem("a.yaml", 3, rule="legal-basis", level=Level.WARNING),
                          _problem("a.yaml", 12)), "zh", False)
    lines = text.splitlines()
    assert lines[0] == "## ❌ catalogtool：发现问题"
    assert "共检查 2 个文件：2 个错误，1 个警告。" in lines
    assert lines.index("### `a.yaml`") < lines.index("### `b.yaml`")
    assert "| 行 | 列 | 级别 | 规则 | 说明 |" in lines
    rows = _rows(text)
    assert rows[0] == "| 3 | 2 | 警告 | `legal-basis` | 缺少字段 |"
    assert rows[1].startswith("| 12 | 2 | 错误 | `schema` |")
    assert len(rows) == 3


def test_a_clean_run_says_so_and_english_when_asked() -> None:
    assert render(_result(), "zh", False).startswith("## ✅ catalogtool：检查通过\n\n共检查 2 个文件：0 个错误，0 个警告。")
    text = render(_result(_problem("a.yaml", 1, level=Level.WARNING)), "en", False)
    assert text.startswith("## ✅ catalogtool: passed")
    assert "| line | column | level | rule | message |" in text and "| warning |" in text
    assert render(_result(_problem("a.yaml", 1, level=Level.WARNING)), "en", True).startswith("## ❌")


def test_a_run_that_checked_nothing_is_not_a_pass() -> None:
    """A CI file naming a wrong folder checks no file: the comment must not show a green tick."""
    assert render(_result(files=0), "zh", False).startswith("## ⚠️ catalogtool：没有检查任何文件")
    assert render(_result(files=0), "en", False).startswith("## ⚠️ catalogtool: no file was checked")


def test_message_cannot_break_the_table_or_render_html() -> None:
    text = render(_result(_problem("a|b`c`.yaml", 4, HOSTILE)), "zh", False)
    [row] = _rows(text)
    assert row.endswith(f"| {cell(HOSTILE)} |")
    assert len(re.findall(r"(?<!\\)\|", row)) == 6  # five cells: no `|` from the message splits a column
    assert "<script>" not in text and "&lt;script&gt;" in row
    assert "\\`反引号\\`" in row and "&amp;nbsp;" in row and "第二行<br>第三行" in row
    assert "### ``a|b`c`.yaml``" in text  # a file name with backticks stays one code span


def test_long_reports_stop_under_the_comment_limit_and_count_the_rest() -> None:
    problems = [_problem(f"dir/file{n // 50:03}.yaml", n % 50 + 1, "很长的说明" * 40) for n in range(5000)]
    text = render(_result(*problems), "zh", False)
    assert len(text) <= MAX_CHARS < 65_536
    shown = len(_rows(text))
    assert 0 < shown < 5000
    assert text.rstrip().endswith(f"…… 另有 {5000 - shown} 个问题未列出（篇幅所限）；完整列表请用 catalogtool validate 查看。")
    assert render(_result(*problems[:3]), "zh", False).count("另有") == 0


def test_one_huge_message_is_shortened_not_the_whole_report() -> None:
    text = render(_result(_problem("a.yaml", 1, "长" * 100_000), _problem("a.yaml", 2)), "zh", False)
    assert len(_rows(text)) == 2 and len(text) < 5_000


def test_cli_writes_markdown_and_exits_by_the_findings(tmp_path) -> None:
    (tmp_path / "a.yaml").write_text("kind: purchase-catalog\nschema: 1\ntitle: x\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", "--format", "markdown", str(tmp_path)], catch_exceptions=False)
    assert result.exit_code == 1
    assert result.stdout.startswith("## ❌ catalogtool：发现问题")
    assert "| `schema` | 缺少必填字段 region（行政区划） |" in result.stdout


@settings(max_examples=200, deadline=None)
@given(message=st.text(), file=st.text(min_size=1))
def test_any_message_stays_in_its_cell(message: str, file: str) -> None:
    text = render(_result(_problem(file, 1, message)), "zh", False)
    [row] = _rows(text)
    assert len(re.findall(r"(?<!\\)\|", row)) == 6
    assert "\n" not in row and "\r" not in row
    assert "<" not in row.replace("<br>", "")


def test_a_file_name_that_is_not_utf8_still_gives_valid_utf8() -> None:
    out = io.StringIO()
    report(_result(_problem("\udcff.yaml", 1)), "zh", False, out)
    assert "### `\ufffd.yaml`" in out.getvalue().encode("utf-8").decode("utf-8")
