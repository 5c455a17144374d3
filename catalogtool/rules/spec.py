"""What a rule is, as the engine, the configuration and the `rules` command see it: one typed spec.

Each rule module builds one `RuleSpec` (`RULE = RuleSpec(...)`) from its id, default
level, scope, the kinds it applies to, its messages, options, policy source and
documentation, and its check (or collect and finish).  Nothing reads a rule module
with getattr: mypy sees every rule, and a rule that forgets a part fails at import.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from enum import StrEnum
from pathlib import Path
from typing import Any

from catalogtool.config import Config, LoadLimits
from catalogtool.document import Document
from catalogtool.kinds import Kind
from catalogtool.problems import Finding, Level, Message
from catalogtool.record import Frozen, setfield
from catalogtool.rules.context import DocContext
from catalogtool.rules.options import RuleOption, with_defaults


class Scope(StrEnum):
    """When a rule speaks."""

    LOAD = "load"  # the loader reports it while reading a file; the rule has no check
    DOCUMENT = "document"  # check(ctx) on each document
    RUN = "run"  # collect(ctx) on each document (in worker processes), finish(facts, load) once per run


# A run-wide rule's facts about one document: JSON-compatible, since the results cache keeps them.
Facts = dict[str, Any]
Check = Callable[[DocContext], Iterable[Finding]]
Collect = Callable[[DocContext], Facts]
# Reads a file the run did not include (a plan's catalog named by path): (path, display name, limits).
# The engine passes catalogtool.loader's load_file; rules cannot import the loader, which imports them.
Load = Callable[[Path, str, LoadLimits], Document]
Finish = Callable[[Iterable[tuple[str, Facts]], Load], Iterator[tuple[str, Finding]]]
# Checks options against each other (every declared option, defaults filled in): the option to
# point at and what is wrong, or None.  Each option's own type is checked before.
CheckOptions = Callable[[Mapping[str, Any]], tuple[str, Message] | None]
# Fills in a message's derived arguments (explanations, spacing) just before it is rendered.
Enrich = Callable[[str, dict[str, Any]], dict[str, Any]]


# (check, collect, finish) that each scope has, and the same in words for the error.
_PARTS = {Scope.LOAD: (False, False, False), Scope.DOCUMENT: (True, False, False), Scope.RUN: (False, True, True)}
_NEEDS = {Scope.LOAD: "no check", Scope.DOCUMENT: "a check only", Scope.RUN: "collect and finish, and no check"}


class RuleSpec(Frozen):
    """One rule.  `kinds` None means every known kind; `fixed_level` forbids configuration to
    change the level (a file that was not read whole cannot pass); `any_document` runs the
    rule also on documents whose kind is missing or unknown (only unknown-kind does)."""

    __slots__ = ("any_document", "check", "check_options", "collect", "doc", "enrich", "finish", "fixed_level", "id",
                 "kinds", "level", "messages", "options", "scope", "source", "summary")
    id: str
    level: Level
    scope: Scope
    summary: Message
    source: Message
    doc: Message
    messages: Mapping[str, Message]
    kinds: tuple[Kind, ...] | None
    options: tuple[RuleOption, ...]
    fixed_level: bool
    any_document: bool
    check: Check | None
    collect: Collect | None
    finish: Finish | None
    enrich: Enrich | None
    check_options: CheckOptions | None
    __eq__ = object.__eq__
    __hash__ = object.__hash__

    def __init__(self, id: str, level: Level, scope: Scope, summary: Message, source: Message, doc: Message,
                 messages: Mapping[str, Message], kinds: tuple[Kind, ...] | None = None,
                 options: tuple[RuleOption, ...] = (), fixed_level: bool = False, any_document: bool = False,
                 check: Check | None = None, collect: Collect | None = None, finish: Finish | None = None,
                 enrich: Enrich | None = None, check_options: CheckOptions | None = None) -> None:
        setfield(self, "id", id)
        setfield(self, "level", level)
        setfield(self, "scope", scope)
        setfield(self, "summary", summary)
        setfield(self, "source", source)
        setfield(self, "doc", doc)
        setfield(self, "messages", messages)
        setfield(self, "kinds", kinds)
        setfield(self, "options", options)
        setfield(self, "fixed_level", fixed_level)
        setfield(self, "any_document", any_document)
        setfield(self, "check", check)
        setfield(self, "collect", collect)
        setfield(self, "finish", finish)
        setfield(self, "enrich", enrich)
        setfield(self, "check_options", check_options)
        self.__post_init__()

    def __post_init__(self) -> None:
        given = (self.check is not None, self.collect is not None, self.finish is not None)
        if given != _PARTS[self.scope]:
            raise TypeError(f"rule {self.id}: a {self.scope.value} rule has {_NEEDS[self.scope]}")

    def applies_to(self, kind: Kind | None) -> bool:
        """Whether the rule checks a document of this kind (None: missing or unknown)."""
        if kind is None:
            return self.any_document
        return self.kinds is None or any(kind is own for own in self.kinds)

    def options_in(self, config: Config) -> dict[str, Any]:
        """Every declared option as `config` sets it, else its default: what the rule sees."""
        return with_defaults(self.options, config.options.get(self.id, {}))

    def description(self, lang: str) -> str:
        """The documentation's first paragraph: what the rule finds."""
        return self.doc.text(lang).split("\n\n")[0]


def documentation(zh: str, en: str | None) -> Message:
    """A rule's user documentation, written in its module: the Chinese text and the English
    docstring, with the same good and bad examples (tests/test_cli_lang.py compares them)."""
    # The docstring's reST literal-block marker (`Good::`) is for developers; users read `Good:`.
    return Message(cleandoc(zh), re.sub(r"::$", ":", cleandoc(en or ""), flags=re.MULTILINE))


def cleandoc(text: str) -> str:
    """inspect.cleandoc, without importing inspect (and with it ast, dis and tokenize) at start-up:
    tabs expanded, the common indentation of the lines after the first removed, blank lines trimmed."""
    lines = text.expandtabs().split("\n")
    indents = [len(line) - len(line.lstrip()) for line in lines[1:] if line.lstrip()]
    margin = min(indents) if indents else 0
    lines = [lines[0].lstrip(), *(line[margin:] for line in lines[1:])]
    while lines and not lines[-1]:
        lines.pop()
    while lines and not lines[0]:
        lines.pop(0)
    return "\n".join(lines)
