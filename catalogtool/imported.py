"""What reading a workbook for `import` gives: the documents read, each knowing the cell each of its
entries and fields came from, and the problems met, each at its sheet and cell.

Plain data, free of openpyxl: the workbook reader (catalogtool.excel.read) makes
it, the import command and its check (catalogtool.import_check) use it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
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
    cells: Mapping[str, tuple[str, str]] = field(default_factory=dict)

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


class CellMap(Mapping[str, tuple[str, str]]):
    """JSON pointer -> (sheet, cell) of a document read from a workbook, kept small.

    A province's workbook has over a million field cells; a dict with a pointer
    string and a cell name for each took about 440 MB.  This keeps, for each entry,
    its row and its fields' columns, and works a field's pointer out when asked:
    the entry is the longest mapped prefix, the rest is the field's path.  It
    answers exactly what that dict answered: the entry's pointer gives the cell
    naming it, a field's pointer its cell, and a pointer to part of a field (a
    mapping such as funding) the cell of its first field.
    """

    def __init__(self, fixed: dict[str, tuple[str, str]]) -> None:
        self._fixed = fixed
        # entry pointer -> (sheet, row, column, field suffixes, the fields' cells)
        self._entries: dict[str, tuple[str, int, int, tuple[str, ...], bytes | tuple[tuple[int, int], ...]]] = {}

    def add(self, pointer: str, sheet: str, at: tuple[int, int], fields: dict[tuple[str, ...], tuple[int, int]]
            ) -> None:
        suffixes = tuple(_suffix(path) for path in fields)
        suffixes = _SHAPES.setdefault(suffixes, suffixes)  # one tuple for all the entries of a table
        places = tuple(fields.values())
        row = at[0]
        compact: bytes | tuple[tuple[int, int], ...] = places
        if all(r == row and 0 < c < 256 for r, c in places):
            compact = bytes(c for _, c in places)
        self._entries[pointer] = (sheet, row, at[1], suffixes, compact)

    def _find(self, pointer: str) -> tuple[str, str] | None:
        found = self._fixed.get(pointer)
        if found is not None:
            return found
        entry = self._entries.get(pointer)
        if entry is not None:
            return self._field(entry, "") or (entry[0], _ref(entry[1], entry[2]))
        end = len(pointer)
        while (end := pointer.rfind("/", 0, end)) > 0:
            entry = self._entries.get(pointer[:end])
            if entry is not None:
                return self._field(entry, pointer[end:])
        return None

    @staticmethod
    def _field(entry: tuple[str, int, int, tuple[str, ...], bytes | tuple[tuple[int, int], ...]], suffix: str
               ) -> tuple[str, str] | None:
        sheet, row, _, suffixes, places = entry
        index = _lookup(suffixes).get(suffix)
        if index is None:
            return None
        if isinstance(places, bytes):
            return sheet, _ref(row, places[index])
        return sheet, _ref(*places[index])

    def __getitem__(self, pointer: str) -> tuple[str, str]:
        found = self._find(pointer)
        if found is None:
            raise KeyError(pointer)
        return found

    def __contains__(self, pointer: object) -> bool:
        return isinstance(pointer, str) and self._find(pointer) is not None

    def __iter__(self) -> Iterator[str]:
        yield from self._fixed
        for pointer, (_, _, _, suffixes, _) in self._entries.items():
            yield pointer
            for suffix in _lookup(suffixes):
                yield pointer + suffix

    def __len__(self) -> int:
        return sum(1 for _ in self)


_SUFFIXES: dict[tuple[str, ...], str] = {}
_SHAPES: dict[tuple[str, ...], tuple[str, ...]] = {}
_LOOKUPS: dict[tuple[str, ...], dict[str, int]] = {}


def _suffix(path: tuple[str, ...]) -> str:
    found = _SUFFIXES.get(path)
    if found is None:
        found = _SUFFIXES[path] = "".join(join_pointer("", key) for key in path)
    return found


def _lookup(suffixes: tuple[str, ...]) -> dict[str, int]:
    """Each field's suffix to its index, then each part of a field's path to its first field's (as entries share
    their columns, a workbook has a handful of these)."""
    found = _LOOKUPS.get(suffixes)
    if found is None:
        found = {suffix: index for index, suffix in enumerate(suffixes)}
        for index, suffix in enumerate(suffixes):
            cut = len(suffix)
            while (cut := suffix.rfind("/", 0, cut)) > 0:
                found.setdefault(suffix[:cut], index)
        _LOOKUPS[suffixes] = found
    return found


def _ref(row: int, col: int) -> str:
    letters = ""
    while col > 0:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return f"{letters}{row}"
