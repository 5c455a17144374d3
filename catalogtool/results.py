"""What a run produces: each file's report and the run's result; plain data, shared by the engine,
the caches and the reporters."""

from __future__ import annotations

from typing import Any

from catalogtool.document import Document
from catalogtool.problems import Level, Problem
from catalogtool.record import Record

INTERNAL_ERROR = "internal-error"


class FileReport(Record):
    """What checking one file produced; picklable, so workers can return it."""

    __slots__ = ("document", "facts", "file", "items", "kind", "problems", "source")
    file: str
    kind: str | None
    items: int
    problems: list[Problem]
    facts: dict[str, Any]
    document: Document | None
    source: str  # the path to read the file again; `file` is only its display name

    def __init__(self, file: str, kind: str | None, items: int, problems: list[Problem],
                 facts: dict[str, Any] | None = None, document: Document | None = None, source: str = "") -> None:
        self.file = file
        self.kind = kind
        self.items = items
        self.problems = problems
        self.facts = {} if facts is None else facts
        self.document = document
        self.source = source


class RunResult(Record):
    """Every file checked and every problem found; `left_out` counts files named or found but excluded."""

    __slots__ = ("baseline_fixed", "baselined", "consulted", "files", "left_out", "problems", "suppressed")
    files: list[FileReport]
    problems: list[Problem]
    left_out: int
    suppressed: list[tuple[Problem, str]]  # hidden by inline comments, with their reasons
    baselined: int | None  # hidden by --baseline (catalogtool.baseline); None: no baseline
    baseline_fixed: int  # baseline entries of the files checked that are no longer found
    consulted: list[str]  # files outside the run that run-wide rules read

    def __init__(self, files: list[FileReport], problems: list[Problem], left_out: int = 0,
                 suppressed: list[tuple[Problem, str]] | None = None, baselined: int | None = None,
                 baseline_fixed: int = 0, consulted: list[str] | None = None) -> None:
        self.files = files
        self.problems = problems
        self.left_out = left_out
        self.suppressed = [] if suppressed is None else suppressed
        self.baselined = baselined
        self.baseline_fixed = baseline_fixed
        self.consulted = [] if consulted is None else consulted

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
