"""What a run produces: each file's report and the run's result; plain data, shared by the engine,
the caches and the reporters."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from catalogtool.document import Document
from catalogtool.problems import Level, Problem

INTERNAL_ERROR = "internal-error"


@dataclass(slots=True)
class FileReport:
    """What checking one file produced; picklable, so workers can return it."""

    file: str
    kind: str | None
    items: int
    problems: list[Problem]
    facts: dict[str, Any] = field(default_factory=dict)
    document: Document | None = None
    source: str = ""  # the path to read the file again; `file` is only its display name


@dataclass(slots=True)
class RunResult:
    """Every file checked and every problem found; `left_out` counts files named or found but excluded."""

    files: list[FileReport]
    problems: list[Problem]
    left_out: int = 0
    suppressed: list[tuple[Problem, str]] = field(default_factory=list)  # hidden by inline comments, with their reasons
    baselined: int | None = None  # hidden by --baseline (catalogtool.baseline); None: no baseline
    baseline_fixed: int = 0  # baseline entries of the files checked that are no longer found
    consulted: list[str] = field(default_factory=list)  # files outside the run that run-wide rules read

    def count(self, level: Level) -> int:
        return sum(1 for p in self.problems if p.level is level)

    @property
    def errors(self) -> int:
        return self.count(Level.ERROR)

    @property
    def warnings(self) -> int:
        return self.count(Level.WARNING)

    @property
    def infos(self) -> int:
        return self.count(Level.INFO)

    def failed(self, strict: bool = False) -> bool:
        return self.errors > 0 or (strict and self.warnings > 0)

    @property
    def crashed(self) -> bool:
        """Whether checking some file failed inside catalogtool (the run then exits 2)."""
        return any(p.rule == INTERNAL_ERROR for p in self.problems)

    @property
    def documents(self) -> list[Document]:
        return [f.document for f in self.files if f.document is not None]
