"""`# catalogtool: ...` comments of a YAML text: found where the YAML scanner says a `#` starts a comment.

PyYAML drops comments, so they are found in the text: a `#` counts only where the
scanner's tokens say it is not inside a scalar (a quoted string or a block scalar
may hold `# catalogtool:` as text).  Only text that holds `catalogtool:` is scanned,
so ordinary files cost one substring test.  What the comments mean is
catalogtool.suppressions' job; this module is a leaf, so the document can carry them.
"""

from __future__ import annotations

import bisect
import re
from typing import Any

from catalogtool.lazy_pattern import compile_later
from catalogtool.pyyaml import yaml
from catalogtool.record import Frozen, setfield

# Only text that holds this is scanned at all: the cheap test that keeps ordinary files fast.
MARK = "catalogtool:"
_COMMENT = compile_later(r"#\s*catalogtool:(.*)$")
_DIRECTIVE = compile_later(r"\s*disable\s*=\s*([A-Za-z0-9_-]+(?:\s*,\s*[A-Za-z0-9_-]+)*)(?:\s+(.*?))?\s*$")
_MAX_DIRECTIVES = 10_000
_BREAK = compile_later("\r\n|[\r\n\x85\u2028\u2029]")


class Directive(Frozen):
    """One suppression comment: where its `#` is, what it names, its reason, and whether it is alone on its line."""

    __slots__ = ("alone", "column", "line", "malformed", "reason", "rules")
    line: int
    column: int
    rules: tuple[str, ...]
    reason: str
    alone: bool
    malformed: bool

    def __init__(self, line: int, column: int, rules: tuple[str, ...], reason: str, alone: bool,
                 malformed: bool = False) -> None:
        setfield(self, "line", line)
        setfield(self, "column", column)
        setfield(self, "rules", rules)
        setfield(self, "reason", reason)
        setfield(self, "alone", alone)
        setfield(self, "malformed", malformed)


def scan(text: str) -> list[Directive]:
    """Every `# catalogtool:` comment of a YAML text; [] when the text does not scan (the loader says why)."""
    if MARK not in text:
        return []
    lines = _BREAK.split(text)  # YAML's line breaks, not all of str.splitlines' (a form feed is not one)
    candidates = [(n, line) for n, line in enumerate(lines) if MARK in line and "#" in line]
    if not candidates:
        return []
    try:
        spans = _scalar_spans(text, [n for n, _ in candidates])
    except (yaml.YAMLError, RecursionError, ValueError):
        return []
    found: list[Directive] = []
    for n, line in candidates:
        for match in re.finditer(r"#", line):
            col = match.start()
            if col > 0 and not line[col - 1].isspace():
                continue  # `a#b` is text, not a comment
            if any((l1, c1) <= (n, col) < (l2, c2) for l1, c1, l2, c2 in spans.get(n, ())):
                continue
            comment = _COMMENT.match(line, col)
            if comment is not None:
                found.append(_directive(n + 1, col + 1, comment.group(1), not line[:col].strip()))
            break  # the first real `#` starts the comment; the rest of the line is comment text
        if len(found) >= _MAX_DIRECTIVES:
            break
    return found


def _scalar_spans(text: str, lines: list[int]) -> dict[int, list[tuple[int, int, int, int]]]:
    """The scalars' (start line, column, end line, column) that touch each of `lines` (sorted, 0-based)."""
    loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    wanted = set(lines)
    spans: dict[int, list[tuple[int, int, int, int]]] = {}
    for token in yaml.scan(text, Loader=loader):
        if token.start_mark.line > lines[-1]:
            break  # nothing after the last comment can hold it: a file-wide comment at the top costs little
        if not isinstance(token, yaml.ScalarToken):
            continue
        span = (token.start_mark.line, token.start_mark.column, token.end_mark.line, token.end_mark.column)
        if span[0] == span[2]:
            if span[0] in wanted:
                spans.setdefault(span[0], []).append(span)
            continue
        for index in range(bisect.bisect_left(lines, span[0]), bisect.bisect_right(lines, span[2])):
            spans.setdefault(lines[index], []).append(span)
    return spans


def _directive(line: int, column: int, body: str, alone: bool) -> Directive:
    match = _DIRECTIVE.fullmatch(body)
    if match is None:
        return Directive(line, column, (), "", alone, malformed=True)
    rules = tuple(r.strip() for r in match.group(1).split(","))
    return Directive(line, column, rules, (match.group(2) or "").strip(), alone)
