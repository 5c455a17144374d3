"""GitLab Code Quality JSON (artifacts:reports:codequality): the merge request's Code Quality widget.

GitLab reads a subset of the Code Climate issue format: `description`,
`check_name`, `fingerprint`, `severity` and `location` (`path`, `lines.begin`).
It compares the report of the merge request with the target branch's by
fingerprint, so a fingerprint must not change when lines move: it is a hash of
the file, the rule, the JSON pointer and the message (in both languages, so the
run's language does not change it), like a baseline's key, never of the line.
GitLab keeps one finding per fingerprint, so where two problems share all of
that (a YAML error reported twice, say), the second one's hash also counts its
occurrence.  Severity: errors `major`, warnings `minor`, notes `info`;
catalogtool's own internal errors `blocker`.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from typing import Any, TextIO

from catalogtool.baseline import message_key
from catalogtool.engine import INTERNAL_ERROR, RunResult
from catalogtool.problems import Level, Problem

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
SEVERITY = {Level.ERROR: "major", Level.WARNING: "minor", Level.INFO: "info"}


def fingerprint_key(problem: Problem) -> str:
    """What identifies a problem across edits elsewhere in its file: everything but its position, and its
    message with the line numbers it cites blanked (as a baseline keys it: 首次出现在第 N 行)."""
    return "\0".join((problem.file, problem.rule, problem.pointer, message_key(problem)))


def issues(result: RunResult, lang: str) -> list[dict[str, Any]]:
    seen: Counter[str] = Counter()
    out = []
    for problem in result.problems:
        key = fingerprint_key(problem)
        seen[key] += 1
        if seen[key] > 1:
            key += f"\0{seen[key]}"
        out.append({
            "description": f"[{problem.rule}] {problem.message.text(lang)}",
            "check_name": problem.rule,
            "fingerprint": hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest(),
            "severity": "blocker" if problem.rule == INTERNAL_ERROR else SEVERITY.get(problem.level, "info"),
            "location": {"path": problem.file, "lines": {"begin": max(problem.line, 1)}},
        })
    return out


def report(result: RunResult, lang: str, strict: bool, out: TextIO) -> None:
    # A file name that is not UTF-8 reaches here with lone surrogates; GitLab needs valid UTF-8.
    out.write(_LONE_SURROGATE.sub("\ufffd", json.dumps(issues(result, lang), ensure_ascii=False, indent=2)) + "\n")
