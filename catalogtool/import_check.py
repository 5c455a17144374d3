"""What `validate` says about imported documents, each problem placed at the sheet and cell it came from.

The people who import a workbook fix it in the workbook, so a problem in the
written YAML (`目录.yaml:13:13 缺少必填字段 township`) is shown where its data
came from (`目录!H17`), with the YAML file and line after it.  The importer
records which cell each entry and field came from (`ImportedDocument.locate`);
a problem about a field the entry lacks points at the entry itself, and is moved
to that field's column in the entry's row when the message names the field.
Running the check is the import command's job, not the workbook reader's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from catalogtool.document import join_pointer, resolve_pointer
from catalogtool.kinds import KINDS
from catalogtool.problems import Level, Message

if TYPE_CHECKING:
    from catalogtool.config import Config
    from catalogtool.engine import RunResult
    from catalogtool.imported import ImportedDocument


@dataclass(frozen=True, slots=True)
class PlacedProblem:
    """A validation problem of an imported document, at `sheet!cell`, and where it is in the YAML written."""

    sheet: str
    cell: str
    level: Level
    rule: str
    message: Message
    file: str  # the YAML file, relative to the output folder
    line: int

    @property
    def where(self) -> str:
        return f"{self.sheet}!{self.cell}" if self.cell else self.sheet


def check_imported(written: list[tuple[ImportedDocument, str]], settings: Config) -> tuple[list[PlacedProblem], RunResult]:
    """Validate each imported document as written (its YAML text) and place every problem in the workbook.

    One document is loaded and checked at a time, as `validate_documents` would
    check it; then only its data is kept (for the run-wide rules and for placing
    problems): a province's positions are over a million tuples, and the few a
    run-wide rule's message needs are read from the text again (`_Positions`).
    """
    from catalogtool.engine import as_configs, check_document, finish_run
    from catalogtool.loader import load_text

    configs = as_configs(settings)
    governing = {imported.path: configs.of(Path(imported.path)) for imported, _ in written}
    reports = []
    data: dict[str, Any] = {}
    for imported, text in written:
        doc = load_text(text, imported.path)
        report = check_document(doc, governing[doc.path])
        report.document = doc
        reports.append(report)
        doc.implicit = {}
        doc.positions = _Positions(text, imported.path)
        data[imported.path] = doc.data
    result = finish_run(reports, governing)
    by_path = {imported.path: imported for imported, _ in written}
    placed = []
    for problem in result.problems:
        found = by_path.get(problem.file)
        sheet, cell = place(found, problem.pointer, problem.message, data.get(problem.file)) if found else ("", "")
        placed.append(PlacedProblem(sheet, cell, problem.level, problem.rule, problem.message, problem.file,
                                    problem.line))
    return placed, result


class _Positions(dict[str, tuple[int, int, int, int]]):
    """A document's positions, read from its YAML text again the first time one is asked for."""

    def __init__(self, text: str, path: str) -> None:
        super().__init__()
        self._source: tuple[str, str] | None = (text, path)

    def get(self, key: str, default: Any = None) -> Any:
        if self._source is not None:
            from catalogtool.loader import load_text

            text, path = self._source
            self._source = None
            self.update(load_text(text, path).positions)
        return super().get(key, default)


def place(imported: ImportedDocument, pointer: str, message: Message, data: Any = None) -> tuple[str, str]:
    """The (sheet, cell) of a problem at `pointer`; for an entry, the cell of the absent field its message names.

    `data` is the document as written and read back (equal to `imported.data`, which the caller may have let go).
    """
    if pointer in imported.cells:
        data = imported.data if data is None else data
        targets = [join_pointer(pointer, field) for field in _absent_fields(data, pointer)
                   if _names(message.en, field)]
        targets = [target for target in targets if target in imported.cells]
        if len(targets) == 1:
            return imported.cells[targets[0]]
    return imported.locate(pointer)


def _absent_fields(data: Any, pointer: str) -> list[str]:
    node = resolve_pointer(data, pointer)
    if not isinstance(node, dict):
        return []
    return [key for key in _KNOWN_FIELDS if key not in node]


def _names(text: str, key: str) -> bool:
    return re.search(rf"(?<![\w.-]){re.escape(key)}(?![\w-])", text) is not None


# Every field some column shows: a problem naming one of them that the entry lacks goes to its cell.
_KNOWN_FIELDS = tuple(dict.fromkeys(
    column.path[0] for kind in KINDS.values() for section in kind.sections if section.table is not None
    for column in section.table.columns() if column.path
))
