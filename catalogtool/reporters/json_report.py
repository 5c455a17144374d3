"""The machine-readable report of FORMAT.md §3: one JSON object on stdout."""

from __future__ import annotations

import json
from typing import Any, TextIO

from catalogtool.engine import RunResult


def as_dict(result: RunResult, lang: str, strict: bool) -> dict[str, Any]:
    summary = {"files": len(result.files), "errors": result.errors, "warnings": result.warnings,
               "infos": result.infos, "suppressed": len(result.suppressed)}
    if result.baselined is not None:
        summary.update(baselined=result.baselined, baseline_fixed=result.baseline_fixed)
    return {
        "ok": not result.failed(strict),
        "files": [{"file": f.file, "kind": f.kind, "items": f.items} for f in result.files],
        "problems": [p.to_dict(lang) for p in result.problems],
        "suppressed": [{**p.to_dict(lang), "reason": reason} for p, reason in result.suppressed],
        "summary": summary,
    }


def report(result: RunResult, lang: str, strict: bool, out: TextIO) -> None:
    json.dump(as_dict(result, lang, strict), out, ensure_ascii=False, indent=2)
    out.write("\n")
