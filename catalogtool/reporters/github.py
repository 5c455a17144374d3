"""GitHub Actions workflow annotations, at most ten per severity, plus a job summary.

GitHub shows only a few annotations per step, so the rest are counted in one
plain line and listed in full in the markdown written to $GITHUB_STEP_SUMMARY.
Annotations follow GitHub's workflow-command escaping (`%`, CR and LF in the
message; also `:` and `,` in properties); the summary's cells are escaped by
catalogtool.markdown_text, as the diff's Markdown is, so text such as `<br>` or
`&nbsp;` in a message shows as written.
"""

from __future__ import annotations

import os
import sys
from collections import Counter
from typing import TextIO

from catalogtool.engine import RunResult
from catalogtool.markdown_text import cell, code
from catalogtool.problems import Level, Problem
from catalogtool.reporters.levels import level_name, summary_line

MAX_PER_SEVERITY = 10
MAX_SUMMARY_ROWS = 1000
_COMMAND = {Level.ERROR: "error", Level.WARNING: "warning", Level.INFO: "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(problem: Problem, lang: str) -> str:
    command = _COMMAND.get(problem.level, "notice")
    props = ",".join([
        f"file={escape_property(problem.file)}",
        f"line={problem.line}",
        f"col={problem.column}",
        f"title={escape_property(f'catalogtool [{problem.rule}]')}",
    ])
    return f"::{command} {props}::{escape_data(problem.message.text(lang))}"


def report(result: RunResult, lang: str, strict: bool, out: TextIO) -> None:
    shown: Counter[Level] = Counter()
    hidden: Counter[Level] = Counter()
    for problem in result.problems:
        if shown[problem.level] < MAX_PER_SEVERITY:
            out.write(annotation(problem, lang) + "\n")
            shown[problem.level] += 1
        else:
            hidden[problem.level] += 1
    for level, count in hidden.items():
        if lang == "en":
            out.write(f"catalogtool: {count} more {level_name(level, lang)}(s) not annotated; see the job summary.\n")
        else:
            out.write(f"catalogtool：另有 {count} 个{level_name(level, lang)}未作注释（每类最多 {MAX_PER_SEVERITY} 个），完整列表见作业摘要。\n")
    out.write(summary_line(len(result.files), result.errors, result.warnings, result.infos, lang) + "\n")
    summary_path = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary_path:
        try:
            with open(summary_path, "a", encoding="utf-8") as handle:
                handle.write(markdown_summary(result, lang, strict))
        except OSError as error:
            # The summary is a convenience; the check's own result must not change.
            from catalogtool.errors import os_reason

            zh, en = os_reason(error)
            print(f"catalogtool: warning: cannot write the job summary {summary_path}: {en}" if lang == "en"
                  else f"catalogtool：警告：无法写入作业摘要 {summary_path}：{zh}", file=sys.stderr)


def markdown_summary(result: RunResult, lang: str, strict: bool) -> str:
    en = lang == "en"
    ok = not result.failed(strict)
    title = ("catalogtool: passed" if ok else "catalogtool: problems found") if en else ("catalogtool：检查通过" if ok else "catalogtool：发现问题")
    lines = [f"## {'✅' if ok else '❌'} {title}", "",
             summary_line(len(result.files), result.errors, result.warnings, result.infos, lang), ""]
    if result.problems:
        header = "| location | level | rule | message |" if en else "| 位置 | 级别 | 规则 | 说明 |"
        lines += [header, "|---|---|---|---|"]
        for p in result.problems[:MAX_SUMMARY_ROWS]:
            lines.append(f"| {code(f'{p.file}:{p.line}:{p.column}')} | {cell(level_name(p.level, lang))} "
                         f"| {code(p.rule)} | {cell(p.message.text(lang))} |")
        rest = len(result.problems) - MAX_SUMMARY_ROWS
        if rest > 0:
            lines.append("")
            lines.append(f"… {rest} more" if en else f"…… 另有 {rest} 个问题未列出")
    return "\n".join(lines) + "\n\n"
