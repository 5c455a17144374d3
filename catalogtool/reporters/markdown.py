"""Markdown for GitHub step summaries and merge-request comments: totals, then a table per file.

Cells are escaped by catalogtool.markdown_text, as the diff's comment is, so `|`,
backticks, HTML and line breaks in a message neither break a table nor render.
A GitHub comment holds at most 65,536 characters, so the report stops at
MAX_CHARS and says how many problems it left out.
"""

from __future__ import annotations

import re
from itertools import groupby
from typing import TextIO

from catalogtool.engine import RunResult
from catalogtool.markdown_text import cell, code
from catalogtool.problems import Message, Problem
from catalogtool.reporters.levels import level_name, summary_line

# Below GitHub's 65,536 characters, leaving room for text a workflow puts around the report.
MAX_CHARS = 60_000
MAX_MESSAGE_CHARS = 1_000  # one message of a whole pasted page must not crowd out the rest


def render(result: RunResult, lang: str, strict: bool, max_chars: int = MAX_CHARS) -> str:
    ok = not result.failed(strict)
    if not result.files:  # a wrong path in a CI file must not read as a pass
        title, mark = Message("catalogtool：没有检查任何文件", "catalogtool: no file was checked").text(lang), "⚠️"
    else:
        title = Message("catalogtool：检查通过" if ok else "catalogtool：发现问题",
                        "catalogtool: passed" if ok else "catalogtool: problems found").text(lang)
        mark = "✅" if ok else "❌"
    head = [f"## {mark} {title}", "",
            cell(summary_line(len(result.files), result.errors, result.warnings, result.infos, lang)), ""]
    columns = Message("| 行 | 列 | 级别 | 规则 | 说明 |", "| line | column | level | rule | message |").text(lang)
    lines = list(head)
    size = sum(len(line) + 1 for line in lines)
    reserve = 200  # for the closing line saying how much was left out
    shown = 0
    for file, problems in groupby(sorted(result.problems, key=Problem.sort_key), key=lambda p: p.file):
        table = [f"### {code(file, in_table=False)}", "", columns, "|--:|--:|---|---|---|"]
        for problem in problems:
            row = (f"| {problem.line} | {problem.column} | {cell(level_name(problem.level, lang))} "
                   f"| {code(problem.rule)} | {cell(_short(problem.message.text(lang)))} |")
            added = sum(len(line) + 1 for line in [*table, row]) if table else len(row) + 1
            if size + added + reserve > max_chars:
                return _close(lines, len(result.problems) - shown, lang)
            lines += [*table, row] if table else [row]
            table = []
            size += added
            shown += 1
        lines.append("")
        size += 1
    return "\n".join(lines) + "\n"


def _short(text: str) -> str:
    return text if len(text) <= MAX_MESSAGE_CHARS else text[:MAX_MESSAGE_CHARS] + "…"


def _close(lines: list[str], rest: int, lang: str) -> str:
    if lines[-1] != "":
        lines.append("")
    lines.append(Message(f"…… 另有 {rest} 个问题未列出（篇幅所限）；完整列表请用 catalogtool validate 查看。",
                         f"… and {rest} more problems not listed here (for length); run catalogtool validate "
                         "for the full list.").text(lang))
    return "\n".join(lines) + "\n"


def report(result: RunResult, lang: str, strict: bool, out: TextIO) -> None:
    # A file name that is not UTF-8 reaches here with lone surrogates; a comment must be valid UTF-8.
    out.write(re.sub("[\ud800-\udfff]", "\ufffd", render(result, lang, strict)))
