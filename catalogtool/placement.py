"""Where a finding is and what it says: the one answer for validation, configuration errors and the diff.

A rule or the loader reports a Finding (a JSON Pointer, a message key and its
arguments); placing it in its file (line and column from the document's recorded
positions) and rendering its message in both languages happen here, below
everything that reports, so that every command says the same thing the same way.
"""

from __future__ import annotations

from typing import Any

from catalogtool.document import Document
from catalogtool.problems import Finding, Level, Message, Problem
from catalogtool.rules import RULES


def render_message(finding: Finding) -> Message:
    """The finding's message in both languages, from its rule's template for its key."""
    rule = RULES.get(finding.rule)
    template = rule.messages.get(finding.key) if rule is not None else None
    if rule is None or template is None:
        return Message(f"{finding.rule}: {finding.key}", f"{finding.rule}: {finding.key}")
    args = finding.args if rule.enrich is None else rule.enrich(finding.key, finding.args)
    return Message(_format(template.zh, args), _format(template.en, args))


def _format(template: str, args: dict[str, Any]) -> str:
    try:
        return template.format_map(_Missing(args))
    except (ValueError, IndexError):
        return template


class _Missing(dict[str, Any]):
    """Leaves an unknown {placeholder} visible rather than failing the run."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def position(finding: Finding, doc: Document) -> tuple[int, int]:
    """Line and column of a finding: where the loader saw it, else its key or value in the document."""
    if finding.line is not None:
        return finding.line, finding.column or 1
    return doc.position(finding.pointer, finding.at)


def place(finding: Finding, doc: Document, level: Level) -> Problem:
    """A finding as a problem of its file, at its position, with its message."""
    line, column = position(finding, doc)
    return Problem(doc.path, line, column, finding.pointer, finding.rule, level, render_message(finding))
