"""Validate reporters, chosen by name from one table; each renders a RunResult and nothing else."""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import TextIO

from catalogtool.engine import RunResult

Reporter = Callable[[RunResult, str, bool, TextIO], None]

# Each format's module (its `report` renders it).  Imported on use: the text reporter pulls in rich,
# which the others do not need, and a run renders one format.
_MODULES = {"text": "text", "json": "json_report", "github": "github", "sarif": "sarif", "junit": "junit",
            "gitlab": "gitlab", "markdown": "markdown"}


def _on_use(module: str) -> Reporter:
    def report(result: RunResult, lang: str, strict: bool, out: TextIO) -> None:
        import_module(f"catalogtool.reporters.{module}").report(result, lang, strict, out)

    return report


REPORTERS: dict[str, Reporter] = {name: _on_use(module) for name, module in _MODULES.items()}
