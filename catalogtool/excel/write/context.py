"""What writing a guide collects and reports: the notices, the sheets for the cover, and how notices
name what they are about.

Shared by every part of the writer; free of openpyxl, so the command can catch
ExportError without loading the writer.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from catalogtool.errors import CatalogToolError
from catalogtool.kinds.codecs import as_text
from catalogtool.labels import field_label
from catalogtool.problems import Message

if TYPE_CHECKING:
    from catalogtool.sources import Source


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
    source: Source | None
    count_text: str = ""


# --------------------------------------------------------------------------- naming things

# The header fields as the cover and the sheets' subtitles name them: as everywhere (catalogtool.labels).
HEADER_LABELS = {key: field_label(key, "zh") for key in (
    "title", "region", "region.code", "region.name", "year", "issuer", "document_number", "effective",
    "expires", "scope", "notes", "approval", "approval.body", "approval.date", "approval.document_number",
    "approval.meeting",
)}


def text(value: Any) -> str:
    """A value as one line of cover or title text ("" for none, JSON for a mapping or list)."""
    if value is None:
        return ""
    return as_text(value) if not isinstance(value, (dict, list)) else json.dumps(value, ensure_ascii=False)


def who(path: str, entry: Any) -> Message:
    """How a notice names an entry: its file and code, with its name."""
    if isinstance(entry, dict):
        code, name = text(entry.get("code")), text(entry.get("name"))
        label = f"{code}（{name}）" if code and name else code or name or "?"
    else:
        label = "?"
    return Message(f"{path} 编码 {label}", f"{path} code {label}")
