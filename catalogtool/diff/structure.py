"""The errors that make a comparison doubtful: what `diff`'s note on an edition counts.

Items are matched between editions by their codes, and compared field by field as
the YAML reads.  So the comparison can only be wrong where a file does not read as
written (the loader's own findings: repeated keys, limits, YAML types), does not
have the structure of its kind (`schema`), or repeats a code (`duplicate-code`);
`implicit-type` is the YAML-types case found after loading.  A policy rule
(wording, region codes, amounts ...) cannot make the comparison wrong, so diff does
not run it: that is what `validate` is for.  The count is exactly the errors
`validate` reports for these rules in the file (same levels, same suppressions):
tests compare the two.
"""

from __future__ import annotations

import gc
from typing import Any

from catalogtool.config import Config
from catalogtool.document import Document
from catalogtool.engine import level_of, to_problem
from catalogtool.kinds import kind_of
from catalogtool.problems import Finding, Level, Problem
from catalogtool.rules import RULES
from catalogtool.rules.context import DocContext
from catalogtool.rules.input_limit import RULE as INPUT_LIMIT
from catalogtool.rules.spec import Scope
from catalogtool.suppressions import apply as apply_suppressions
from catalogtool.suppressions import scopes as suppression_scopes

# The document rules that decide whether items can be matched and compared as written.
DOCUMENT_RULES = ("implicit-type", "schema", "duplicate-code")


def counted(rule: str) -> bool:
    """Whether an error of `rule` is a structural one: the loader's rules and DOCUMENT_RULES."""
    spec = RULES.get(rule)
    return rule in DOCUMENT_RULES or (spec is not None and spec.scope is Scope.LOAD)


def structural_errors(doc: Document, config: Config) -> int:
    """How many structural errors `validate` reports for the loaded document `doc` under `config`."""
    collecting = gc.isenabled()  # as in the engine: the rules make no reference cycles
    gc.disable()
    try:
        problems = _problems(doc, config)
    finally:
        if collecting:
            gc.enable()
    if doc.suppressions:
        scopes = {doc.path: suppression_scopes(doc)}
        problems, _ = apply_suppressions(problems, scopes, lambda _file, finding: level_of(finding, config))
    return sum(1 for p in problems if p.level is Level.ERROR and counted(p.rule))


def _problems(doc: Document, config: Config) -> list[Problem]:
    findings: list[Finding] = list(doc.findings)
    if doc.data is not None:
        ctx = DocContext(doc, config)
        kind = kind_of(doc.data)
        for rule in RULES.values():  # in the engine's order: a RecursionError ends the rest there too
            if rule.id not in DOCUMENT_RULES or rule.check is None:
                continue
            if config.levels.get(rule.id) is Level.OFF or not rule.applies_to(kind):
                continue
            ctx.for_rule(rule.id, rule.options_in(config))
            try:
                findings.extend(rule.check(ctx))
            except RecursionError:
                findings.append(Finding(INPUT_LIMIT.id, "recursion", line=1, column=1))
                break
    out: list[Any] = [to_problem(f, doc, config) for f in findings]
    return [p for p in out if p is not None]
