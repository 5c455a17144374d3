"""`diff --format json`: the object of FORMAT.md §3, for scripts and CI."""

from __future__ import annotations

import json
from typing import Any

from catalogtool.diff.changes import Change
from catalogtool.diff.wording import counts


def diff_object(changes: list[Change]) -> dict[str, Any]:
    """`{"summary": {...}, "changes": [...]}`; the summary has one count per change type."""
    summary = counts(changes)
    return {
        "summary": {key: summary[key] for key in ("added", "removed", "changed", "recoded", "header")},
        "changes": [change.to_dict() for change in changes],
    }


def render_json(changes: list[Change], **_: Any) -> str:
    """Chinese stays readable (ensure_ascii off); the language option does not apply to data."""
    return json.dumps(diff_object(changes), ensure_ascii=False, indent=2) + "\n"
