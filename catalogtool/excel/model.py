"""What a guide is made of and what writing it reports: the documents in, the notices out.

Shared by every part of the writer, and free of openpyxl so the core that
gathers the inputs (inputs.py) can use it without loading the writer.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from catalogtool.errors import CatalogToolError
from catalogtool.excel import cells
from catalogtool.problems import Message

if TYPE_CHECKING:
    from catalogtool.document import Document

KIND_ORDER = ("purchase-catalog", "access-list", "assistance-list")
KIND_LABELS = {
    "purchase-catalog": "政府购买服务指导性目录",
    "access-list": "社区工作事项准入清单",
    "assistance-list": "基层群众自治组织协助政府工作事项清单",
}


@dataclass(slots=True)
class Source:
    """One document to export: its data, the name it is known by (its relative path), and the file it
    was loaded from (for positions in messages), when there is one."""

    path: str
    data: dict[str, Any]
    origin: Document | None = None

    @property
    def kind(self) -> str:
        kind = self.data.get("kind")
        return kind if isinstance(kind, str) else ""

    def at(self, pointer: str) -> str:
        """Where the value at `pointer` is written: `file:line:column`, or the source's name without a file."""
        if self.origin is None:
            return self.path
        line, column = self.origin.position(pointer)
        return f"{self.origin.path}:{line}:{column}"


def sort_sources(sources: Iterable[Source]) -> list[Source]:
    """By kind (KIND_ORDER), then path: a fixed order, so the same inputs give the same workbook."""
    rank = {k: i for i, k in enumerate(KIND_ORDER)}
    return sorted(sources, key=lambda s: (rank.get(s.kind, 9), s.path))


@dataclass(frozen=True, slots=True)
class Notice:
    """Something the user should know about the export (a warning) or that stops it (an error)."""

    level: str  # "warning" | "error"
    message: Message

    def text(self, lang: str) -> str:
        return self.message.text(lang)


class ExportError(CatalogToolError):
    """The notices that stop an export (text longer than a cell holds, say): a problem of the input, exit 1."""

    def __init__(self, notices: list[Notice]) -> None:
        super().__init__(Message("无法导出：\n" + "\n".join(n.message.zh for n in notices),
                                 "cannot export:\n" + "\n".join(n.message.en for n in notices)))
        self.notices = notices


@dataclass(slots=True)
class Context:
    """What one export collects on its way: the notices, and the sheet names already taken."""

    notices: list[Notice] = field(default_factory=list)
    taken: list[str] = field(default_factory=list)

    def warn(self, message: Message) -> None:
        self.notices.append(Notice("warning", message))

    def error(self, message: Message) -> None:
        self.notices.append(Notice("error", message))

    def raise_errors(self) -> None:
        errors = [n for n in self.notices if n.level == "error"]
        if errors:
            raise ExportError(errors)


@dataclass(slots=True)
class SheetInfo:
    """One line of the cover's table of contents."""

    name: str
    title: str
    kind: str
    source: Source | None
    count_text: str = ""


# --------------------------------------------------------------------------- data helpers


def text(value: Any) -> str:
    """A value as one line of cover or title text ("" for none, JSON for a mapping or list)."""
    if value is None:
        return ""
    return cells.as_text(value) if not isinstance(value, (dict, list)) else json.dumps(value, ensure_ascii=False)


def who(path: str, entry: Any) -> tuple[str, str]:
    """How a notice names an entry (zh, en): its file and code, with its name."""
    if isinstance(entry, dict):
        code, name = text(entry.get("code")), text(entry.get("name"))
        label = f"{code}（{name}）" if code and name else code or name or "?"
    else:
        label = "?"
    return f"{path} 编码 {label}", f"{path} code {label}"


def get_path(entry: dict[str, Any], path: tuple[str, ...]) -> Any:
    """The value at `path` in nested mappings, or cells.MISSING."""
    node: Any = entry
    for key in path:
        if not isinstance(node, dict) or key not in node:
            return cells.MISSING
        node = node[key]
    return node
