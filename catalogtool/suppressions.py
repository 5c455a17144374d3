"""Inline suppressions: `# catalogtool: disable=RULE[,RULE] 理由` comments in a document.

PyYAML drops comments, so they are found in the text: a `#` counts only where the
YAML scanner's tokens say it is not inside a scalar (a quoted string or a block
scalar may hold `# catalogtool:` as text).  A comment after content covers its own
line; a comment alone on its line covers the next line with content.  Either way it
also covers every mapping or list that starts on that line, whole: on an item's
`- code: X` line (or the line above it) it covers the item and everything under it;
above the first key of a file it covers the file.

Resolving a file's suppressions happens once per file (worker processes, results
cache: the scopes are JSON facts); applying them to problems happens once per run,
after the run-wide rules, so that those can be suppressed too and unused ones found.
"""

from __future__ import annotations

import bisect
import difflib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import yaml

from catalogtool.document import Document
from catalogtool.placement import render_message
from catalogtool.problems import Finding, Level, Problem
from catalogtool.rules import RULES
from catalogtool.rules.suppression import ID

# Only text that holds this is scanned at all: the cheap test that keeps ordinary files fast.
MARK = "catalogtool:"
_COMMENT = re.compile(r"#\s*catalogtool:(.*)$")
_DIRECTIVE = re.compile(r"\s*disable\s*=\s*([A-Za-z0-9_-]+(?:\s*,\s*[A-Za-z0-9_-]+)*)(?:\s+(.*?))?\s*$")
# Reported problems that no comment may hide: the suppression's own, and internal failures.
_NEVER = frozenset({ID, "internal-error"})
_MAX_DIRECTIVES = 10_000


@dataclass(frozen=True, slots=True)
class Directive:
    """One suppression comment: where its `#` is, what it names, its reason, and whether it is alone on its line."""

    line: int
    column: int
    rules: tuple[str, ...]
    reason: str
    alone: bool
    malformed: bool = False


def scan(text: str) -> list[Directive]:
    """Every `# catalogtool:` comment of a YAML text; [] when the text does not scan (the loader says why)."""
    if MARK not in text:
        return []
    lines = text.splitlines()
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


# ---------------------------------------------------------------- one file

def resolve(doc: Document, directives: Iterable[Directive]) -> tuple[list[Finding], list[dict[str, Any]]]:
    """The findings about the comments themselves, and each usable suppression's scope (JSON)."""
    directives = list(directives)
    findings: list[Finding] = []
    used = sorted({line for pos in doc.positions.values() for line in (pos[0], pos[2])})
    targets = {d.line: _target(used, d) for d in directives}
    containers = _containers(doc, set(targets.values()))
    scopes: list[dict[str, Any]] = []
    for d in directives:
        where = {"line": d.line, "column": d.column}
        if d.malformed:
            findings.append(Finding(ID, "malformed", **where))
            continue
        usable: list[str] = []
        for rule in d.rules:
            spec = RULES.get(rule)
            if spec is None or rule in _NEVER:
                close = difflib.get_close_matches(rule, [r for r in RULES if r not in _NEVER], n=1)
                findings.append(Finding(ID, "unknown-rule", args={
                    "rule": rule, "hint": f"；是否想写 {close[0]}？" if close else "；用 catalogtool rules 查看全部规则",
                    "hint_en": f"; did you mean {close[0]}?" if close else "; run `catalogtool rules` to list them"}, **where))
            elif spec.fixed_level:
                findings.append(Finding(ID, "not-suppressible", args={"rule": rule}, **where))
            else:
                usable.append(rule)
        if not d.reason:
            findings.append(Finding(ID, "no-reason", args={"rules": ",".join(d.rules)}, **where))
        if usable:
            target = targets[d.line]
            scopes.append({**where, "rules": usable, "target": target, "prefixes": containers.get(target, [])})
    return findings, scopes


def _target(used: list[int], d: Directive) -> int:
    """The line a comment speaks of: its own, or (alone on its line) the next line where the document
    has something (`used`: every such line, sorted)."""
    if not d.alone:
        return d.line
    index = bisect.bisect_right(used, d.line)
    return used[index] if index < len(used) else d.line


def _containers(doc: Document, lines: set[int]) -> dict[int, list[str]]:
    """The mappings and lists that start on each of `lines`, key and value, by JSON Pointer.

    `children:` followed by its list on the next line does not start on the list's
    first line, so a comment on the first item's line covers that item, not the list.
    """
    found: dict[int, list[str]] = {}
    for pointer, (key_line, _, value_line, _) in doc.positions.items():
        if value_line in lines and key_line == value_line and isinstance(doc.value_at(pointer), dict | list):
            found.setdefault(value_line, []).append(pointer)
    return found


# ---------------------------------------------------------------- the run

def _covers(scope: dict[str, Any], problem: Problem) -> bool:
    if problem.rule not in scope["rules"]:
        return False
    if problem.line == scope["target"]:
        return True
    return any(problem.pointer == p or problem.pointer.startswith(p + "/") for p in scope["prefixes"])


def apply(problems: list[Problem], scopes: dict[str, list[dict[str, Any]]],
          level_of: Callable[[str, Finding], Level]) -> tuple[list[Problem], list[Problem]]:
    """Problems kept (with the unused suppressions added) and problems suppressed.

    `scopes` are each file's, by report name; `level_of(file, finding)` is the level the
    file's configuration gives a finding.  A suppression of a rule that is off where it
    stands is not reported unused: there is nothing it could hide.
    """
    if not scopes:
        return problems, []
    kept: list[Problem] = []
    suppressed: list[Problem] = []
    used: set[tuple[str, int, int, str]] = set()
    for problem in problems:
        mine = scopes.get(problem.file, ()) if problem.rule not in _NEVER else ()
        hit = [s for s in mine if _covers(s, problem)]
        for s in hit:
            used.add((problem.file, s["line"], s["column"], problem.rule))
        (suppressed if hit else kept).append(problem)
    for file, file_scopes in scopes.items():
        for s in file_scopes:
            idle = [r for r in s["rules"] if (file, s["line"], s["column"], r) not in used
                    and level_of(file, Finding(r, "")) is not Level.OFF]
            if not idle:
                continue
            finding = Finding(ID, "unused", args={"rules": ",".join(idle)}, level=Level.WARNING,
                              line=s["line"], column=s["column"])
            level = level_of(file, finding)
            if level is not Level.OFF:
                kept.append(Problem(file, s["line"], s["column"], "", ID, level, render_message(finding)))
    kept.sort(key=Problem.sort_key)
    return kept, suppressed
