"""One Problem type for everything a check can find, from a YAML syntax error to a domain rule."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from catalogtool.record import Frozen, setfield


class Level(StrEnum):
    """How serious a problem is; `off` only appears in configuration."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"
    OFF = "off"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1, "off": 0}[self.value]


class Message(Frozen):
    """A message in both languages, so the language is chosen at report time."""

    __slots__ = ("en", "zh")
    zh: str
    en: str

    def __init__(self, zh: str, en: str) -> None:
        setfield(self, "zh", zh)
        setfield(self, "en", en)

    def text(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh


class Finding(Frozen):
    """What a rule or the loader reports: where (a JSON Pointer) and what (a message key).

    `at` says whether the position is the key (`"key"`) or the value (`"value"`) at the
    pointer.  `level` lets a rule suggest a level for one finding (for example
    `legal-basis` is a warning on access lists); configuration still wins.
    `line`/`column` are set only where no pointer can say where (syntax errors).
    """

    __slots__ = ("args", "at", "column", "key", "level", "line", "pointer", "rule")
    rule: str
    key: str
    pointer: str
    args: dict[str, Any]
    at: str
    level: Level | None
    line: int | None
    column: int | None

    def __init__(self, rule: str, key: str, pointer: str = "", args: dict[str, Any] | None = None, at: str = "value",
                 level: Level | None = None, line: int | None = None, column: int | None = None) -> None:
        setfield(self, "rule", rule)
        setfield(self, "key", key)
        setfield(self, "pointer", pointer)
        setfield(self, "args", {} if args is None else args)
        setfield(self, "at", at)
        setfield(self, "level", level)
        setfield(self, "line", line)
        setfield(self, "column", column)


class Problem(Frozen):
    """A finding placed in a file, with its level and rendered message."""

    __slots__ = ("column", "file", "level", "line", "message", "pointer", "rule")
    file: str
    line: int
    column: int
    pointer: str
    rule: str
    level: Level
    message: Message

    def __init__(self, file: str, line: int, column: int, pointer: str, rule: str, level: Level,
                 message: Message) -> None:
        setfield(self, "file", file)
        setfield(self, "line", line)
        setfield(self, "column", column)
        setfield(self, "pointer", pointer)
        setfield(self, "rule", rule)
        setfield(self, "level", level)
        setfield(self, "message", message)

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
