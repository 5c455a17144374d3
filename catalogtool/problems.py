"""One Problem type for everything a check can find, from a YAML syntax error to a domain rule."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Level(StrEnum):
    """How serious a problem is; `off` only appears in configuration."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"
    OFF = "off"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1, "off": 0}[self.value]


@dataclass(frozen=True, slots=True)
class Message:
    """A message in both languages, so the language is chosen at report time."""

    zh: str
    en: str

    def text(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh


@dataclass(frozen=True, slots=True)
class Finding:
    """What a rule or the loader reports: where (a JSON Pointer) and what (a message key).

    `at` says whether the position is the key (`"key"`) or the value (`"value"`) at the
    pointer.  `level` lets a rule suggest a level for one finding (for example
    `legal-basis` is a warning on access lists); configuration still wins.
    `line`/`column` are set only where no pointer can say where (syntax errors).
    """

    rule: str
    key: str
    pointer: str = ""
    args: dict[str, Any] = field(default_factory=dict)
    at: str = "value"
    level: Level | None = None
    line: int | None = None
    column: int | None = None


@dataclass(frozen=True, slots=True)
class Problem:
    """A finding placed in a file, with its level and rendered message."""

    file: str
    line: int
    column: int
    pointer: str
    rule: str
    level: Level
    message: Message

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.file, self.line, self.column, self.rule, self.pointer)

    def to_dict(self, lang: str = "zh") -> dict[str, Any]:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "pointer": self.pointer,
            "rule": self.rule,
            "level": self.level.value,
            "message": self.message.text(lang),
        }
