"""PyYAML's emitter driven straight from the data, for the block and flow shapes the YAML writer makes.

`yaml.serialize` builds a node per value, resolves each one's tag, turns the nodes
into events and runs PyYAML's pure-Python emitter over them: for an imported
province (100,000 items) that was nearly half of `import`.  The writer
(catalogtool.yaml_writer) already decides every style itself, so this emitter is
told the structure directly (start a block mapping, a key, a scalar, ...) and does
what PyYAML's state machine does for it, with the same indentation, line and
column bookkeeping (it is a subclass, so writing indicators, indents and every
scalar that is not plainly simple is PyYAML's own code).  Only two kinds of
scalar skip PyYAML's analysis: text of letters, digits, CJK and a few harmless
marks that resolves to its own tag (written plain), and quoted codes of printable
characters that need no escape, both well inside the line width.  The result is
the same text, character for character (tests/test_yaml_fast.py compares both on
generated and hostile documents).
"""

from __future__ import annotations

import re
from typing import Any

from yaml.emitter import Emitter
from yaml.events import ScalarEvent
from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

STR = "tag:yaml.org,2002:str"
WIDTH = 4096

# Plain in block and flow context, whatever follows: no indicator, quote, line break, leading or trailing
# space, '#' or ':'; whether it reads back as text (or as its own tag) is asked of the resolver.
_SAFE_CHARS = "A-Za-z0-9\xa1-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd"
_PLAIN = re.compile(f"[{_SAFE_CHARS}](?:[{_SAFE_CHARS}_./()+;\\- ]*[{_SAFE_CHARS}_./()+;\\-])?")
# Double-quoted as it is: printable, nothing write_double_quoted escapes.
_QUOTED = re.compile(r"[\x20\x21\x23-\x5b\x5d-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd]*")


_RESOLVER = Resolver()
# The first characters some implicit resolver looks at; one for every first character (None) would make this moot.
_RESOLVED_FIRST = frozenset(key for key in _RESOLVER.yaml_implicit_resolvers if key)
assert None not in _RESOLVER.yaml_implicit_resolvers


class _Parts(list[str]):
    def write(self, data: str) -> None:
        self.append(data)


class TextEmitter(Emitter):
    """The calls a document's walk makes, in the order PyYAML's emitter would meet the events."""

    def __init__(self) -> None:
        self.parts = _Parts()
        super().__init__(self.parts, indent=2, width=WIDTH, allow_unicode=True)
        self.tag_prefixes = self.DEFAULT_TAG_PREFIXES.copy()
        self.root_context = False

    def resolve(self, text: str) -> Any:
        """The tag plain `text` would be read with (only text starting with one of a few characters is not str)."""
        if text and text[0] not in _RESOLVED_FIRST:
            return STR
        return _RESOLVER.resolve(ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]

    # -- scalars

    def scalar(self, tag: str, text: str, style: str | None) -> None:
        """A value (not a key)."""
        if not self._fast(tag, text, style):
            self._set(tag, text, style)
            self._slow(simple_key=False)

    def _fast(self, tag: str, text: str, style: str | None) -> bool:
        if style is None:
            if self.column + len(text) >= self.best_width or not _PLAIN.fullmatch(text) or self.resolve(text) != tag:
                return False
            if not self.whitespace:
                self.parts.append(" ")
                self.column += 1
            self.parts.append(text)
            self.column += len(text)
            self.whitespace = self.indention = False
            return True
        if style == '"' and tag == STR:
            if self.column + len(text) + 3 >= self.best_width or not _QUOTED.fullmatch(text):
                return False
            self.parts.append(f'"{text}"' if self.whitespace else f' "{text}"')
            self.column += len(text) + (2 if self.whitespace else 3)
            self.whitespace = self.indention = self.open_ended = False
            return True
        return False

    def _set(self, tag: str, text: str, style: str | None) -> None:
        implicit = (self.resolve(text) == tag, tag == STR)
        self.event = ScalarEvent(None, tag, implicit, text, style=style)
        self.analysis = None
        self.style = None
        self.prepared_tag = None

    def _slow(self, *, simple_key: bool) -> None:
        """expect_node for the scalar event set: its tag, then the scalar one indent further in."""
        self.simple_key_context = simple_key
        self.process_tag()
        self.increase_indent(flow=True)
        self.process_scalar()
        self.indent = self.indents.pop()
        self.simple_key_context = False

    def _key(self, tag: str, text: str, style: str | None) -> bool:
        """Write a simple key and say True, or say False (nothing written) for one that must be `? key`."""
        if style is None and len(text) < 100 and tag == STR and self._fast(tag, text, style):
            return True
        self._set(tag, text, style)
        if self.check_simple_key():
            self._slow(simple_key=True)
            return True
        return False

    # -- block collections

    def block_mapping_start(self) -> None:
        self.increase_indent(flow=False)

    def block_key(self, tag: str, text: str, style: str | None) -> None:
        """`key:` on a line of its own, ready for the value."""
        self.write_indent()
        if self._key(tag, text, style):
            self.write_indicator(":", False)
            return
        self.write_indicator("?", True, indention=True)
        self._slow(simple_key=False)
        self.write_indent()
        self.write_indicator(":", True, indention=True)

    def block_sequence_start(self) -> None:
        self.increase_indent(flow=False, indentless=False)  # indented under its key, as yaml_writer's dumper

    def block_item(self) -> None:
        self.write_indent()
        self.write_indicator("-", True, indention=True)

    def end(self) -> None:
        self.indent = self.indents.pop()

    # -- flow collections

    def flow_start(self, indicator: str) -> None:
        self.write_indicator(indicator, True, whitespace=True)
        self.flow_level += 1
        self.increase_indent(flow=True)

    def flow_item(self, first: bool) -> None:
        if not first:
            self.write_indicator(",", False)
        if self.column > self.best_width:
            self.write_indent()

    def flow_key(self, first: bool, tag: str, text: str, style: str | None) -> None:
        self.flow_item(first)
        if self._key(tag, text, style):
            self.write_indicator(":", False)
            return
        self.write_indicator("?", True)
        self._slow(simple_key=False)
        if self.column > self.best_width:
            self.write_indent()
        self.write_indicator(":", True)

    def flow_end(self, indicator: str) -> None:
        self.indent = self.indents.pop()
        self.flow_level -= 1
        self.write_indicator(indicator, False)

    # -- the end

    def text(self) -> str:
        """The document's end and the stream's, as PyYAML writes them (`...` after an open-ended scalar)."""
        self.write_indent()
        if self.open_ended:
            self.write_indicator("...", True)
            self.write_indent()
        return "".join(self.parts)
