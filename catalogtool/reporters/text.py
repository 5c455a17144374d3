"""Plain text for people: grouped by file, `file:line:col level [rule] message`, a summary line.

Colour only on a terminal; rich honours NO_COLOR and FORCE_COLOR.  Messages are
rich Text objects, never markup, so brackets in a message print as written.
"""

from __future__ import annotations

from itertools import groupby
from typing import TextIO

from rich.console import Console
from rich.text import Text

from catalogtool.engine import RunResult
from catalogtool.problems import Level
from catalogtool.reporters.levels import level_name, summary_line

_STYLES = {Level.ERROR: "bold red", Level.WARNING: "yellow", Level.INFO: "cyan"}


def report(result: RunResult, lang: str, strict: bool, out: TextIO) -> None:
    console = Console(file=out, highlight=False, soft_wrap=True, emoji=False)
    for file, problems in groupby(result.problems, key=lambda p: p.file):
        console.print(Text(file, style="bold underline"))
        for p in problems:
            line = Text()
            line.append(f"{p.file}:{p.line}:{p.column}", style="bold")
            line.append(" ")
            line.append(level_name(p.level, lang), style=_STYLES.get(p.level, ""))
            line.append(f" [{p.rule}] ", style="dim")
            line.append(p.message.text(lang))
            console.print(line)
        console.print()
    summary = summary_line(len(result.files), result.errors, result.warnings, result.infos, lang)
    style = "bold red" if result.failed(strict) else "bold green"
    console.print(Text(summary, style=style))
    for note in _adoption_notes(result, lang):
        console.print(Text(note, style="dim"))


def _adoption_notes(result: RunResult, lang: str) -> list[str]:
    """What inline suppressions and the baseline kept out of the report, so nothing is hidden silently."""
    notes = []
    if result.suppressed:
        n = len(result.suppressed)
        notes.append(f"{n} more problem(s) suppressed by inline comments (# catalogtool: disable=...)." if lang == "en"
                     else f"另有 {n} 个问题已按行内忽略注释（# catalogtool: disable=...）不予报告。")
    if result.baselined is not None:
        known, fixed = result.baselined, result.baseline_fixed
        if lang == "en":
            notes.append(f"{known} known problem(s) recorded in the baseline were not reported."
                         + (f" {fixed} baseline entr{'ies' if fixed != 1 else 'y'} fixed since: shrink the baseline "
                            "with --update-baseline." if fixed else ""))
        else:
            notes.append(f"另有 {known} 个已记入基线的问题未再报告。"
                         + (f"基线中有 {fixed} 个问题已经改正，可用 --update-baseline 缩减基线。" if fixed else ""))
    return notes
