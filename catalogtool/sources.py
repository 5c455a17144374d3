"""A document as export takes it: its data, the name it goes by, the file it came from, and its kind.

Shared by what gathers a guide's inputs (catalogtool.export_inputs), what a
township's guide keeps (catalogtool.townships) and the workbook writer, so none
of them needs the others.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from catalogtool import kinds

if TYPE_CHECKING:
    from catalogtool.document import Document
    from catalogtool.kinds import Kind


@dataclass(slots=True)
class Source:
    """One document to export: its data, the name it is known by (its relative path), and the file it
    was loaded from (for positions in messages), when there is one."""

    path: str
    data: dict[str, Any]
    origin: Document | None = None

    @property
    def kind(self) -> Kind | None:
        return kinds.kind_of(self.data)

    @property
    def kind_name(self) -> str:
        """What its `kind` key says, known or not ("" when it says nothing)."""
        kind = self.data.get("kind")
        return kind if isinstance(kind, str) else ""

    def at(self, pointer: str) -> str:
        """Where the value at `pointer` is written: `file:line:column`, or the source's name without a file."""
        if self.origin is None:
            return self.path
        line, column = self.origin.position(pointer)
        return f"{self.origin.path}:{line}:{column}"


def sort_sources(sources: Iterable[Source]) -> list[Source]:
    """By kind (the registry's order), then region code (townships' plans in the statistical code order
    of the roster, not the alphabetical order of their file names), then path: a fixed order, so the
    same inputs give the same workbook."""
    return sorted(sources, key=lambda s: (kinds.order(s.kind_name), _region_code(s.data), s.path))


def _region_code(data: dict[str, Any]) -> str:
    region = data.get("region")
    code = region.get("code") if isinstance(region, dict) else None
    return code if isinstance(code, str) else ""
