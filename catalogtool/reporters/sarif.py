"""SARIF 2.1.0, the static-analysis exchange format read by GitHub code scanning and editors.

Rule descriptions, help and sources are in the language of the run, as the messages are.
"""

from __future__ import annotations

import json
from typing import Any, TextIO

from catalogtool import __version__
from catalogtool.engine import RunResult
from catalogtool.problems import Level

_SARIF_LEVEL = {Level.ERROR: "error", Level.WARNING: "warning", Level.INFO: "note"}


def as_dict(result: RunResult, lang: str) -> dict[str, Any]:
    from catalogtool.rules import RULES

    rules = [{
        "id": rule.id,
        "shortDescription": {"text": rule.summary.text(lang)},
        "fullDescription": {"text": rule.description(lang)},
        "help": {"text": rule.doc.text(lang)},
        "defaultConfiguration": {"level": _SARIF_LEVEL.get(rule.level, "error")},
        "properties": {"source": rule.source.text(lang)},
    } for rule in RULES.values()]
    index = {rule_id: i for i, rule_id in enumerate(RULES)}
    results = [{
        "ruleId": p.rule,
        **({"ruleIndex": index[p.rule]} if p.rule in index else {}),
        "level": _SARIF_LEVEL.get(p.level, "note"),
        "message": {"text": p.message.text(lang)},
        "locations": [{"physicalLocation": {
            "artifactLocation": {"uri": p.file},
            "region": {"startLine": p.line, "startColumn": p.column},
        }}],
        "properties": {"pointer": p.pointer},
    } for p in result.problems]
    return {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "catalogtool", "version": __version__, "rules": rules}},
            "results": results,
        }],
    }


def report(result: RunResult, lang: str, strict: bool, out: TextIO) -> None:
    json.dump(as_dict(result, lang), out, ensure_ascii=False, indent=2)
    out.write("\n")
