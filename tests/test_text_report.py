"""The text report without rich (a pipe, a file) writes exactly what rich writes there, and rich still colours a terminal."""

from __future__ import annotations

import io
import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.text import Text

from catalogtool.problems import Level, Message, Problem
from catalogtool.reporters import levels, text
from catalogtool.results import FileReport, RunResult

_STYLES = {Level.ERROR: "bold red", Level.WARNING: "yellow", Level.INFO: "cyan"}


def rich_reference(result: RunResult, lang: str, strict: bool, out: io.StringIO) -> None:
    """The text reporter as it was before it could do without rich, kept here as the reference."""
    console = Console(file=out, highlight=False, soft_wrap=True, emoji=False)
    for file in dict.fromkeys(p.file for p in result.problems):
        console.print(Text(file, style="bold underline"))
        for p in (p for p in result.problems if p.file == file):
            line = Text()
            line.append(f"{p.file}:{p.line}:{p.column}", style="bold")
            line.append(" ")
            line.append(levels.level_name(p.level, lang), style=_STYLES.get(p.level, ""))
            line.append(f" [{p.rule}] ", style="dim")
            line.append(p.message.text(lang))
            console.print(line)
        console.print()
    summary = levels.summary_line(len(result.files), result.errors, result.warnings, result.infos, lang)
    console.print(Text(summary, style="bold red" if result.failed(strict) else "bold green"))
    for note in text._adoption_notes(result, lang):
        console.print(Text(note, style="dim"))


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _result(messages: list[str], files: list[str]) -> RunResult:
    problems = [Problem(files[i % len(files)], i + 1, 2 * i + 1, "", "rule-x", list(Level)[i % 3], Message(m, m + " en"))
                for i, m in enumerate(messages)]
    problems.sort(key=lambda p: p.file)
    reports = [FileReport(f, None, 0, []) for f in files]
    return RunResult(reports, problems, suppressed=[(problems[0], "x")] if problems else [], baselined=len(messages) % 3)


@pytest.fixture(autouse=True)
def _no_colour_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("FORCE_COLOR", "TTY_COMPATIBLE", "NO_COLOR", "COLUMNS"):
        monkeypatch.delenv(name, raising=False)


# Every control character, wide and combining characters, markup-like brackets, emoji, surrogates.
_TEXT = st.text(st.one_of(st.sampled_from("\x00\x07\x08\x0b\x0c\r\n\x1b\x7f\x85\u2028 [/]:" + "中文（）【】é\u0301🙂\ufe0f"),
                          st.characters(codec=None, exclude_characters="\t")), max_size=40)


@settings(max_examples=300, deadline=None)
@given(st.lists(_TEXT, max_size=6), st.lists(_TEXT, min_size=1, max_size=3), st.sampled_from(["zh", "en"]),
       st.booleans())
def test_plain_text_is_what_rich_writes_to_a_pipe(messages: list[str], files: list[str], lang: str,
                                                  strict: bool) -> None:
    result = _result(messages, files)
    plain, reference = io.StringIO(), io.StringIO()
    text.report(result, lang, strict, plain)
    rich_reference(result, lang, strict, reference)
    assert plain.getvalue() == reference.getvalue()


def test_long_lines_and_every_ascii_character_are_not_wrapped_or_changed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "10")
    result = _result(["x" * 300, string.printable.replace("\t", ""), "[bold]not markup[/bold] :smile:"], ["a/b.yaml"])
    plain, reference = io.StringIO(), io.StringIO()
    text.report(result, "zh", False, plain)
    rich_reference(result, "zh", False, reference)
    assert plain.getvalue() == reference.getvalue()
    assert "x" * 300 in plain.getvalue()


def test_a_tab_is_expanded_as_rich_expands_it() -> None:
    result = _result(["列\t表", "a\tb\tc"], ["中文\t.yaml"])
    plain, reference = io.StringIO(), io.StringIO()
    text.report(result, "zh", False, plain)
    rich_reference(result, "zh", False, reference)
    assert plain.getvalue() == reference.getvalue()


@pytest.mark.parametrize(("env", "terminal", "styled"), [
    ({}, True, True),
    ({}, False, False),
    ({"FORCE_COLOR": "1"}, False, True),
    ({"FORCE_COLOR": ""}, True, False),
    ({"TTY_COMPATIBLE": "0", "FORCE_COLOR": "1"}, True, False),
    ({"TTY_COMPATIBLE": "1"}, False, True),
    ({"NO_COLOR": "1"}, True, True),  # bold and dim, no colour: still rich's
])
def test_colour_where_rich_colours(monkeypatch: pytest.MonkeyPatch, env: dict[str, str], terminal: bool,
                                   styled: bool) -> None:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    result = _result(["消息"], ["a.yaml"])
    out, reference = (Terminal(), Terminal()) if terminal else (io.StringIO(), io.StringIO())
    text.report(result, "zh", False, out)
    rich_reference(result, "zh", False, reference)
    assert out.getvalue() == reference.getvalue()
    assert ("\x1b[" in out.getvalue()) is styled


def test_an_output_that_cannot_take_the_text_fails_as_under_rich() -> None:
    result = _result(["消息"], ["a.yaml"])
    errors = []
    for render in (text.report, rich_reference):
        out = io.TextIOWrapper(io.BytesIO(), encoding="ascii")
        with pytest.raises(UnicodeEncodeError) as caught:
            render(result, "zh", False, out)  # type: ignore[arg-type]
        errors.append(str(caught.value))
    assert errors[0] == errors[1]
    assert "PYTHONIOENCODING" in errors[0]
