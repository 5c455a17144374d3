"""Validate reporters, chosen by name from one table; each renders a RunResult and nothing else."""

from __future__ import annotations

from collections.abc import Callable
from typing import TextIO

from catalogtool.engine import RunResult

Reporter = Callable[[RunResult, str, bool, TextIO], None]


def _text(result: RunResult, lang: str, strict: bool, out: TextIO) -> None:
    from catalogtool.reporters.text import report

    report(result, lang, strict, out)


def _json(result: RunResult, lang: str, strict: bool, out: TextIO) -> None:
    from catalogtool.reporters.json_report import report

    report(result, lang, strict, out)


def _github(result: RunResult, lang: str, strict: bool, out: TextIO) -> None:
    from catalogtool.reporters.github import report

    report(result, lang, strict, out)


def _sarif(result: RunResult, lang: str, strict: bool, out: TextIO) -> None:
    from catalogtool.reporters.sarif import report

    report(result, lang, strict, out)


def _junit(result: RunResult, lang: str, strict: bool, out: TextIO) -> None:
    from catalogtool.reporters.junit import report

    report(result, lang, strict, out)


def _gitlab(result: RunResult, lang: str, strict: bool, out: TextIO) -> None:
    from catalogtool.reporters.gitlab import report

    report(result, lang, strict, out)


def _markdown(result: RunResult, lang: str, strict: bool, out: TextIO) -> None:
    from catalogtool.reporters.markdown import report

    report(result, lang, strict, out)


# Imports happen on use: the text reporter pulls in rich, which the others do not need.
REPORTERS: dict[str, Reporter] = {"text": _text, "json": _json, "github": _github, "sarif": _sarif,
                                  "junit": _junit, "gitlab": _gitlab, "markdown": _markdown}
