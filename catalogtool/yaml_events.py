"""Each YAML event the general way: what catalogtool.yaml_builder's loop does not do inline.

The builder's loop handles the common events itself (a plain key, plain text, a value
typed before, a collection under a fresh key or in a list); anchors, aliases, tags,
merge keys, duplicate keys, empty values, the first of each typed scalar and the
limits come here.  Both must build the same document: tests/test_cold_fast_paths.py
compares them with PyYAML's own composer.
"""

from __future__ import annotations

from typing import Any

from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

from catalogtool.config import LoadLimits
from catalogtool.document import Document, Implicit, escape_token
from catalogtool.problems import Finding
from catalogtool.rules.duplicate_key import RULE as DUPLICATE_KEY
from catalogtool.rules.implicit_type import RULE as IMPLICIT_TYPE
from catalogtool.rules.input_limit import RULE as INPUT_LIMIT
from catalogtool.rules.yaml_syntax import RULE as YAML_SYNTAX

_TAG_PREFIX = "tag:yaml.org,2002:"
MERGE = "\0<<"  # the key a plain `<<` stands for while its mapping is open
_RESOLVER = Resolver()
# First characters that can start a non-text plain scalar; anything else is text,
# which lets almost every Chinese value skip the resolver's regular expressions.
RESOLVABLE_FIRST = frozenset(k for k in Resolver.yaml_implicit_resolvers if k is not None)
# Plain scalars that YAML types (or that start like one), by their text: (value, its Implicit
# record or None for text).  The same few recur in every item (`true`, `2025`, a date), and the
# answer depends on the text alone; limits are still checked on every use.
TYPED: dict[str, tuple[Any, Implicit | None]] = {}
_TYPED_LENGTH = 32
_TYPED_SIZE = 4096
_CONSTRUCTOR = SafeConstructor()
_CONSTRUCT = {
    "int": _CONSTRUCTOR.construct_yaml_int,
    "float": _CONSTRUCTOR.construct_yaml_float,
    "bool": _CONSTRUCTOR.construct_yaml_bool,
}


class Abort(Exception):
    """Stops the builder; the finding has been recorded."""


class Frame:
    """One open mapping or sequence on the builder's stack."""

    __slots__ = ("anchor", "is_map", "key", "key_mark", "merges", "obj", "pointer", "start")

    def __init__(self, obj: Any, pointer: str, anchor: str | None, is_map: bool, start: int) -> None:
        self.obj = obj
        self.pointer = pointer
        self.anchor = anchor
        self.is_map = is_map
        self.key: str | None = None
        self.key_mark: tuple[int, int] = (0, 0)
        # `<<` values, applied when the mapping ends; a tuple until the first one comes.
        self.merges: list[tuple[Any, tuple[int, int, int, int]]] | tuple[()] = ()
        # The node count before this node: its weight (nodes under an anchor) is the count at its end minus this.
        self.start = start


class EventHandler:
    """The builder's state and its handling of each event in general (the loop is in yaml_builder.Builder)."""

    def __init__(self, path: str, limits: LoadLimits) -> None:
        self.doc = Document(path)
        self.limits = limits
        self.stack: list[Frame] = []
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.nodes = 0
        self.documents = 0
        self.root_set = False
        self.tokens: dict[str, str] = {}  # key -> its pointer token: keys repeat in every item

    def _count(self, weight: int, where: tuple[int, int]) -> None:
        self.nodes += weight
        if self.nodes > self.limits.max_nodes:
            self.doc.findings.append(Finding(INPUT_LIMIT.id, "nodes", args={"limit": self.limits.max_nodes},
                                             line=where[0], column=where[1]))
            raise Abort

    def _child_pointer(self, frame: Frame | None) -> str:
        if frame is None:
            return ""
        if frame.is_map:
            return f"{frame.pointer}/{escape_token(frame.key or '')}"
        return f"{frame.pointer}/{len(frame.obj)}"

    def _open(self, event: Any, is_map: bool) -> None:
        stack = self.stack
        mark = event.start_mark
        if len(stack) >= self.limits.max_depth:
            self.doc.findings.append(Finding(INPUT_LIMIT.id, "depth", args={"limit": self.limits.max_depth},
                                             line=mark.line + 1, column=mark.column + 1))
            raise Abort
        parent = stack[-1] if stack else None
        if parent is not None and parent.is_map and parent.key is None:
            self.doc.findings.append(Finding(YAML_SYNTAX.id, "complex-key", line=mark.line + 1, column=mark.column + 1))
            raise Abort
        obj: Any = {} if is_map else []
        pointer = self._child_pointer(parent)
        where = (mark.line + 1, mark.column + 1)
        if event.tag is not None:
            self._check_tag(event, "map" if is_map else "seq", pointer)
        start = self.nodes
        self._count(1, where)
        self._place(obj, pointer, where, parent)
        stack.append(Frame(obj, pointer, event.anchor, is_map, start))

    def _place(self, value: Any, pointer: str, where: tuple[int, int], parent: Frame | None) -> None:
        """Put a value into its parent (or make it the root) and record its position."""
        line, column = where
        if parent is None:
            if self.root_set:
                return
            self.root_set = True
            self.doc.data = value
            self.doc.positions[""] = (line, column, line, column)
            return
        if parent.is_map:
            key = parent.key or ""
            kline, kcol = parent.key_mark
            # A key seen before is in the mapping, or for `<<` among its merges; where the
            # first one stood is recorded at its pointer (the same as this one's).
            if key == MERGE:
                first = parent.merges[0][1][0] if parent.merges else None
            else:
                first = self.doc.positions[pointer][0] if key in parent.obj else None
            if first is not None:
                # Keep the first value: the author must decide which one is meant.
                shown = "<<" if key == MERGE else key
                self.doc.findings.append(Finding(DUPLICATE_KEY.id, "dup", pointer=pointer, at="key",
                                                 args={"key": shown, "first_line": first},
                                                 line=kline, column=kcol))
                return
            if key == MERGE:
                if not parent.merges:
                    parent.merges = []
                parent.merges.append((value, (kline, kcol, line, column)))
                return
            parent.obj[key] = value
            self.doc.positions[pointer] = (kline, kcol, line, column)
        else:
            parent.obj.append(value)
            self.doc.positions[pointer] = (line, column, line, column)

    def _attach(self, value: Any, where: tuple[int, int], weight: int, anchor: str | None) -> None:
        self._count(weight, where)
        parent = self.stack[-1] if self.stack else None
        self._place(value, self._child_pointer(parent), where, parent)
        if anchor is not None:
            self.anchors[anchor] = (value, weight)
        if parent is not None and parent.is_map:
            parent.key = None

    def _scalar_key(self, frame: Frame, event: Any) -> None:
        text = event.value
        mark = event.start_mark
        if event.implicit[0] and event.tag is None and text == "<<":
            frame.key = MERGE
        else:
            frame.key = text
        frame.key_mark = (mark.line + 1, mark.column + 1)
        if event.anchor is not None:
            self.anchors[event.anchor] = (text, 1)

    def _alias(self, event: Any) -> None:
        mark = event.start_mark
        try:
            value, weight = self.anchors[event.anchor]
        except KeyError:
            self.doc.findings.append(Finding(YAML_SYNTAX.id, "unknown-anchor", args={"anchor": event.anchor},
                                             line=mark.line + 1, column=mark.column + 1))
            raise Abort from None
        frame = self.stack[-1] if self.stack else None
        if frame is not None and frame.is_map and frame.key is None:
            frame.key = str(value)
            frame.key_mark = (mark.line + 1, mark.column + 1)
            return
        self._attach(value, (mark.line + 1, mark.column + 1), weight, None)

    def _apply_merges(self, frame: Frame) -> None:
        """YAML merge keys (`<<: *base`): explicit keys win, earlier sources win over later ones."""
        for value, position in frame.merges:
            sources = value if isinstance(value, list) else [value]
            for source in sources:
                if not isinstance(source, dict):
                    self.doc.findings.append(Finding(YAML_SYNTAX.id, "bad-merge", line=position[2], column=position[3]))
                    raise Abort
                for key, item in source.items():
                    if key not in frame.obj:
                        frame.obj[key] = item
                        self.doc.positions[f"{frame.pointer}/{escape_token(key)}"] = position

    def _check_tag(self, event: Any, node: str, pointer: str) -> None:
        """Report an explicit tag that catalogtool's documents do not use; the node stays as written."""
        found = _tag_problem(event.tag, node)
        if found is not None:
            key, args = found
            mark = event.start_mark
            self.doc.findings.append(Finding(IMPLICIT_TYPE.id, key, pointer, args, line=mark.line + 1, column=mark.column + 1))

    def _scalar_value(self, event: Any, frame: Frame | None) -> Any:
        text = event.value
        tag = event.tag
        if tag is None and event.implicit[0]:
            if text and text[0] not in RESOLVABLE_FIRST:
                return text
            tag = _RESOLVER.resolve(ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]
            implicit = True
        elif tag is None or tag == "!":
            return text
        else:
            implicit = False
        short = tag[len(_TAG_PREFIX):] if tag.startswith(_TAG_PREFIX) else None
        if short == "str":
            if implicit and len(text) <= _TYPED_LENGTH:
                if len(TYPED) >= _TYPED_SIZE:
                    TYPED.clear()
                TYPED[text] = (text, None)
            return text
        if short not in _SCALAR_TYPES:
            if implicit:  # a bare `=` or `<<`: YAML 1.1's value and merge keys, kept as text
                self.doc.implicit[self._child_pointer(frame)] = Implicit(text, str(short))
            else:
                self._check_tag(event, "scalar", self._child_pointer(frame))
            return text
        if short in ("int", "float") and len(text) > self.limits.max_number_length:
            mark = event.start_mark
            self.doc.findings.append(Finding(INPUT_LIMIT.id, "number", args={
                "start": text[:12], "length": len(text), "limit": self.limits.max_number_length},
                line=mark.line + 1, column=mark.column + 1))
            raise Abort
        value = _construct(short, text)
        if value is _NOT_OF_TYPE:  # only an explicit tag can be wrong: the resolver matched the text
            mark = event.start_mark
            self.doc.findings.append(Finding(IMPLICIT_TYPE.id, "tag-value", self._child_pointer(frame),
                                             {"tag": _tag_name(tag), "type": short, "value": text},
                                             line=mark.line + 1, column=mark.column + 1))
            return text
        record = None
        if implicit and (short != "null" or text):
            record = self.doc.implicit[self._child_pointer(frame)] = Implicit(text, short)
        if implicit and text and len(text) <= _TYPED_LENGTH:
            if len(TYPED) >= _TYPED_SIZE:
                TYPED.clear()
            TYPED[text] = (value, record)
        return value


# ---------------------------------------------------------------- explicit tags

# The scalar types of YAML 1.1's type repository that catalogtool's data uses.
_SCALAR_TYPES = frozenset({"str", "int", "float", "bool", "null", "timestamp"})
# The rest of the repository: valid YAML, but no JSON counterpart in these documents.
_UNUSED_TYPES = frozenset({"set", "omap", "pairs", "binary", "merge", "value", "yaml"})
_NULL_TEXTS = frozenset({"", "~", "null", "Null", "NULL"})
_NOT_OF_TYPE = object()


# The plain-scalar types whose text an explicit tag may turn into its own (`!!float 1` is 1.0).
_WRITTEN_AS = {"int": frozenset({"int"}), "float": frozenset({"float", "int"}), "bool": frozenset({"bool"})}


def _construct(short: str, text: str) -> Any:
    """The value of a scalar of a core type, or _NOT_OF_TYPE when the text is not of that type."""
    if short == "timestamp":
        # Kept as written: dates are text in catalogtool's data.
        return text if SafeConstructor.timestamp_regexp.match(text) else _NOT_OF_TYPE
    if short == "null":
        return None if text in _NULL_TEXTS else _NOT_OF_TYPE
    # PyYAML's constructors assume text of their type (`!!bool 2` is a KeyError, `!!int` with
    # no value an IndexError): ask the resolver first what the text is, as a plain scalar.
    resolved = str(_RESOLVER.resolve(ScalarNode, text, (True, False)))  # type: ignore[no-untyped-call]
    if resolved[len(_TAG_PREFIX):] not in _WRITTEN_AS[short]:
        return _NOT_OF_TYPE
    try:
        return _CONSTRUCT[short](ScalarNode(f"{_TAG_PREFIX}{short}", text))
    except (ConstructorError, ValueError):
        return _NOT_OF_TYPE


def _tag_problem(tag: str, node: str) -> tuple[str, dict[str, Any]] | None:
    """Why an explicit tag on a "scalar", "seq" or "map" is not used here, or None when it fits."""
    short = tag[len(_TAG_PREFIX):] if tag.startswith(_TAG_PREFIX) else None
    if tag == "!" or (short in _SCALAR_TYPES if node == "scalar" else short == node):
        return None
    args: dict[str, Any] = {"tag": _tag_name(tag), "type": short, "node": node}
    if short in _UNUSED_TYPES:
        return "tag-type", args
    if short in _SCALAR_TYPES or short in ("map", "seq"):
        return "tag-kind", args
    return "tag-local", args


def _tag_name(tag: str) -> str:
    """A tag as it is written in a file: `!!set`, `!foo`, `!<tag:example.com,2024:x>`."""
    if tag.startswith(_TAG_PREFIX):
        return f"!!{tag[len(_TAG_PREFIX):]}"
    return tag if tag.startswith("!") else f"!<{tag}>"
