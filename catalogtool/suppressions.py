"""Inline suppressions: which problems each `# catalogtool: disable=RULE[,RULE] 理由` comment hides.

A comment after content covers its own line; a comment alone on its line covers the
next line with content.  Either way it also covers every mapping or list that starts
on that line, key and value: on an item's `- code: X` line (or the line above it) it
covers the item and everything under it, and above a file's first key, the file.
(`children:` with its list on the next lines does not start on the first item's
line, so a comment there covers that item, not its siblings.)

A file's scopes are worked out once per file (in worker processes, kept in the
results cache as JSON facts); they are applied once per run, after the run-wide
rules, so that those can be suppressed too and unused comments found.  What is wrong
with a comment itself (no reason, unknown rule) is the `suppression` rule's to say.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from typing import Any

from catalogtool.comments import Directive
from catalogtool.document import Document
from catalogtool.placement import render_message
from catalogtool.problems import Finding, Level, Problem
from catalogtool.rules import RULES
from catalogtool.rules.suppression import ID, suppressible


def scopes(doc: Document) -> list[dict[str, Any]]:
    """What each usable suppression of the document covers: rules, reason, target line and subtrees (JSON)."""
    usable = [(d, [r for r in d.rules if suppressible(RULES.get(r))]) for d in doc.suppressions if not d.malformed]
    usable = [(d, rules) for d, rules in usable if rules]
    if not usable:
        return []
    alone = any(d.alone for d, _ in usable)
    lines = sorted({line for pos in doc.positions.values() for line in (pos[0], pos[2])}) if alone else []
    targets = {d.line: _target(lines, d) for d, _ in usable}
    containers = _containers(doc, set(targets.values()))
    return [{"line": d.line, "column": d.column, "rules": rules, "reason": d.reason, "target": targets[d.line],
             "prefixes": containers.get(targets[d.line], [])} for d, rules in usable]


def _target(lines: list[int], d: Directive) -> int:
    """The line a comment speaks of: its own, or (alone on its line) the next line where the document
    has something (`lines`: every such line, sorted)."""
    if not d.alone:
        return d.line
    index = bisect.bisect_right(lines, d.line)
    return lines[index] if index < len(lines) else d.line


def _containers(doc: Document, lines: set[int]) -> dict[int, list[str]]:
    """The mappings and lists whose key and value start on each of `lines`, by JSON Pointer."""
    found: dict[int, list[str]] = {}
    for pointer, (key_line, _, value_line, _) in doc.positions.items():
        if value_line in lines and key_line == value_line and isinstance(doc.value_at(pointer), dict | list):
            found.setdefault(value_line, []).append(pointer)
    return found


class _Index:
    """One file's scopes by target line and by subtree, so each problem is looked up, not compared with all."""

    def __init__(self, file_scopes: list[dict[str, Any]]) -> None:
        self.by_line: dict[int, list[dict[str, Any]]] = {}
        self.by_prefix: dict[str, list[dict[str, Any]]] = {}
        for scope in file_scopes:
            self.by_line.setdefault(scope["target"], []).append(scope)
            for prefix in scope["prefixes"]:
                self.by_prefix.setdefault(prefix, []).append(scope)

    def covering(self, problem: Problem) -> list[dict[str, Any]]:
        found = list(self.by_line.get(problem.line, ()))
        pointer = problem.pointer
        while True:
            found += self.by_prefix.get(pointer, ())
            if not pointer:
                break
            pointer = pointer[:pointer.rfind("/")]
        return [s for s in found if problem.rule in s["rules"]]


def apply(problems: list[Problem], by_file: dict[str, list[dict[str, Any]]],
          level_of: Callable[[str, Finding], Level]) -> tuple[list[Problem], list[tuple[Problem, str]]]:
    """Problems kept (with the unused suppressions added) and problems suppressed, each with its reason.

    `by_file` are each file's scopes, by report name; `level_of(file, finding)` is the level
    the file's configuration gives a finding.  A suppression of a rule that is off where it
    stands is not reported unused: there is nothing it could hide.
    """
    if not by_file:
        return problems, []
    kept: list[Problem] = []
    suppressed: list[tuple[Problem, str]] = []
    used: set[tuple[str, int, int, str]] = set()
    indexes = {file: _Index(file_scopes) for file, file_scopes in by_file.items()}
    for problem in problems:
        index = indexes.get(problem.file)
        hit = index.covering(problem) if index is not None else []
        for s in hit:
            used.add((problem.file, s["line"], s["column"], problem.rule))
        if hit:
            suppressed.append((problem, hit[0]["reason"]))
        else:
            kept.append(problem)
    for file, file_scopes in by_file.items():
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
