"""What reading a workbook for `import` gives: the documents read, each knowing the cell each of its
entries and fields came from, and the problems met, each at its sheet and cell.

Plain data, free of openpyxl: the workbook reader (catalogtool.excel.read) makes
it, the import command and its check (catalogtool.import_check) use it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from catalogtool.document import join_pointer, split_pointer
from catalogtool.problems import Message


@dataclass(frozen=True, slots=True)
class ImportProblem:
    """A problem found in the workbook, at `sheet!cell` (cell may be empty for a whole sheet)."""

    level: str  # "error" | "warning"
    sheet: str
    cell: str
    message: Message

    @property
    def where(self) -> str:
        return f"{self.sheet}!{self.cell}" if self.cell else self.sheet

    def text(self, lang: str) -> str:
        return f"{self.where}: {self.message.text(lang)}"


@dataclass(slots=True)
class ImportedDocument:
    """One document read from the workbook: where to write it (relative path) and its data.

    `cells` maps JSON pointers into `data` to the (sheet, cell) they came from:
    each entry to the cell holding its name, each field to its cell in that row,
    the document itself to its sheet (cell "").
    """

    path: str
    data: dict[str, Any]
    source: str = ""  # the sheet(s) it came from
    missing: list[str] = field(default_factory=list)  # required header fields the workbook did not give
    cells: dict[str, tuple[str, str]] = field(default_factory=dict)

    def locate(self, pointer: str) -> tuple[str, str]:
        """The (sheet, cell) a JSON pointer into `data` came from: the nearest mapped pointer above it."""
        tokens = split_pointer(pointer)
        for end in range(len(tokens), -1, -1):
            candidate = "".join(join_pointer("", t) for t in tokens[:end])
            if candidate in self.cells:
                return self.cells[candidate]
        return self.cells.get("", (self.source.split("、")[0], ""))


@dataclass(slots=True)
class ImportResult:
    documents: list[ImportedDocument] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)
    township: dict[str, str] | None = None
    published: bool = False

    @property
    def ok(self) -> bool:
        return not any(p.level == "error" for p in self.problems)

    def error(self, sheet: str, cell: str, message: Message) -> None:
        self.problems.append(ImportProblem("error", sheet, cell, message))

    def warn(self, sheet: str, cell: str, message: Message) -> None:
        self.problems.append(ImportProblem("warning", sheet, cell, message))
