"""Plain text for people: grouped by file, `file:line:col level [rule] message`, a summary line.

Colour only on a terminal, drawn by rich, which honours NO_COLOR, FORCE_COLOR and
TTY_COMPATIBLE.  Messages are rich Text objects, never markup, so brackets in a
message print as written.  Where rich would not colour (a pipe, a file: what a
pre-commit hook or CI reads), the same characters are written without importing
rich, which costs more than checking a small file; tests/test_text_report.py
compares both renderings.
"""

from __future__ import annotations

import builtins
import os
from collections.abc import Iterator
from itertools import groupby
from typing import TYPE_CHECKING, TextIO

from catalogtool.problems import Level
from catalogtool.reporters.levels import level_name, summary_line

if TYPE_CHECKING:
    from catalogtool.engine import RunResult

_STYLES = {Level.ERROR: "bold red", Level.WARNING: "yellow", Level.INFO: "cyan"}
# A line of the report: its own style and its pieces, each (text, style).
Line = tuple[str, list[tuple[str, str]]]
# What rich's Text removes from what it is given (rich.control.STRIP_CONTROL_CODES): BEL, BS, VT, FF, CR.
_STRIPPED = dict.fromkeys((7, 8, 11, 12, 13))
# What rich adds to the reason of an encoding error (Console._check_buffer), said here the same way.
_ENCODING_HINT = "\n*** You may need to add PYTHONIOENCODING=utf-8 to your environment ***"


def report(result: RunResult, lang: str, strict: bool, out: TextIO) -> None:
    lines = list(_lines(result, lang, strict))
    # A tab is expanded to the next stop by the width of the characters before it, which rich measures.
    if _colourless(out) and not any("\t" in text for _, pieces in lines for text, _ in pieces):
        _write_plain(lines, out)
    else:
        _write_rich(lines, out)


def _lines(result: RunResult, lang: str, strict: bool) -> Iterator[Line]:
    for file, problems in groupby(result.problems, key=lambda p: p.file):
        yield "bold underline", [(file, "")]
        for p in problems:
            yield "", [(f"{p.file}:{p.line}:{p.column}", "bold"), (" ", ""),
                       (level_name(p.level, lang), _STYLES.get(p.level, "")), (f" [{p.rule}] ", "dim"),
                       (p.message.text(lang), "")]
        yield "", []
    summary = summary_line(len(result.files), result.errors, result.warnings, result.infos, lang)
    yield "bold red" if result.failed(strict) else "bold green", [(summary, "")]
    for note in _adoption_notes(result, lang):
        yield "dim", [(note, "")]


def _colourless(out: TextIO) -> bool:
    """Whether rich, as the rich reporter sets it up, would write plain text (Console.is_terminal false)."""
    if hasattr(builtins, "get_ipython"):  # rich treats a notebook on its own terms
        return False
    compatible = os.environ.get("TTY_COMPATIBLE", "")
    if compatible in ("0", "1"):
        return compatible == "0"
    if os.environ.get("FORCE_COLOR") is not None:
        return os.environ["FORCE_COLOR"] == ""
    isatty = getattr(out, "isatty", None)
    try:
        return isatty is None or not isatty()
    except ValueError:  # a closed file
        return True


def _write_plain(lines: list[Line], out: TextIO) -> None:
    """What rich writes when it does not colour: the text with BEL, BS, VT, FF and CR removed, one write a line."""
    for _, pieces in lines:
        text = "".join(text for text, _ in pieces).translate(_STRIPPED) + "\n"
        try:
            out.write(text)
        except UnicodeEncodeError as error:
            error.reason = f"{error.reason}{_ENCODING_HINT}"
            raise
    out.flush()


def _write_rich(lines: list[Line], out: TextIO) -> None:
    from rich.console import Console
    from rich.text import Text

    console = Console(file=out, highlight=False, soft_wrap=True, emoji=False)
    for style, pieces in lines:
        if not pieces:
            console.print()
            continue
        line = Text(style=style)
        for text, piece_style in pieces:
            line.append(text, style=piece_style or None)
        console.print(line)


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
