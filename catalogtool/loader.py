"""YAML -> Document: plain data plus the position of every key and value.

The loader never raises on bad input: every failure (encoding, syntax, duplicate
keys, limits) becomes a Finding of the file, and the run goes on with the others.

It walks PyYAML's event stream with an explicit stack instead of using PyYAML's
composer and constructor, for three reasons: positions are recorded as the data
is built (one pass, no node graph), nesting depth and alias expansion are checked
before they can exhaust the stack or memory, and duplicate keys and implicit YAML
1.1 typing (`0101` -> 65, `NO` -> False) are seen where they happen.  Events come
from libyaml (the C parser) where PyYAML was built with it, else from PyYAML's
pure-Python parser; both feed the same builder, so results are the same.

Explicit tags (`!!set`, `!!bool 2`, `!foo`) are valid YAML that catalogtool's
documents do not use: the value is kept as written (text, list or mapping) and the
tag is reported, as implicit typing is.  Numbers are bounded in length, so no rule
ever holds an integer that Python refuses to print.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

# LoadLimits is a value of the configuration; load_file takes it, so it is the loader's to export too.
from catalogtool.config import DEFAULT_LIMITS as DEFAULT_LIMITS
from catalogtool.config import LoadLimits as LoadLimits
from catalogtool.document import Document, Implicit, escape_token
from catalogtool.errors import os_reason
from catalogtool.problems import Finding
from catalogtool.rules.duplicate_key import RULE as DUPLICATE_KEY
from catalogtool.rules.implicit_type import RULE as IMPLICIT_TYPE
from catalogtool.rules.input_limit import RULE as INPUT_LIMIT
from catalogtool.rules.unknown_kind import RULE as UNKNOWN_KIND
from catalogtool.rules.unreadable_file import RULE as UNREADABLE_FILE
from catalogtool.rules.yaml_syntax import RULE as YAML_SYNTAX

try:  # libyaml: the C parser
    from yaml import CSafeLoader as _CLoader

    HAVE_LIBYAML = True
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    _CLoader = None  # type: ignore[assignment,misc]
    HAVE_LIBYAML = False

_TAG_PREFIX = "tag:yaml.org,2002:"
_MERGE = "\0<<"  # the key a plain `<<` stands for while its mapping is open
_RESOLVER = Resolver()
# First characters that can start a non-text plain scalar; anything else is text,
# which lets almost every Chinese value skip the resolver's regular expressions.
_RESOLVABLE_FIRST = frozenset(k for k in Resolver.yaml_implicit_resolvers if k is not None)
_CONSTRUCTOR = SafeConstructor()
_CONSTRUCT = {
    "int": _CONSTRUCTOR.construct_yaml_int,
    "float": _CONSTRUCTOR.construct_yaml_float,
    "bool": _CONSTRUCTOR.construct_yaml_bool,
}


class _Abort(Exception):
    """Stops the builder; the finding has been recorded."""


class _ParserDepthLimit(Exception):
    """The parser itself refused to nest deeper (libyaml 0.2.6, bundled with PyYAML 6.0.4, at 1,000 levels)."""

    def __init__(self, mark: Any) -> None:
        super().__init__()
        self.where = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


def load_file(path: Path | str, display: str | None = None, limits: LoadLimits = DEFAULT_LIMITS,
              *, pure: bool = False) -> Document:
    """Load one file.  `display` is the name used in reports (default: the path as given)."""
    name = display if display is not None else str(path)
    try:
        status = os.stat(path)
        if not stat.S_ISREG(status.st_mode):  # opening a named pipe would wait forever for a writer
            return Document(name, findings=[_not_a_file(status.st_mode)])
        size = status.st_size
        if size > limits.max_file_bytes:
            return Document(name, findings=[_too_large(size, limits)])
        with open(path, "rb") as handle:
            content = handle.read(limits.max_file_bytes + 1)
    except OSError as exc:
        zh, en = os_reason(exc)
        return Document(name, findings=[Finding(UNREADABLE_FILE.id, "os", args={"reason": zh, "reason_en": en}, line=1, column=1)])
    return load_bytes(content, name, limits, pure=pure)


def _not_a_file(mode: int) -> Finding:
    """Only regular files are read: a pipe, socket or device is reported, never opened."""
    zh, en = next(((zh, en) for test, zh, en in (
        (stat.S_ISDIR, "这是目录", "a directory"),
        (stat.S_ISFIFO, "这是命名管道（FIFO）", "a named pipe (FIFO)"),
        (stat.S_ISSOCK, "这是套接字（socket）", "a socket"),
    ) if test(mode)), ("这是设备文件", "a device"))
    return Finding(UNREADABLE_FILE.id, "os", args={"reason": f"{zh}，不是普通文件", "reason_en": f"it is {en}, not a regular file"},
                   line=1, column=1)


def load_bytes(content: bytes, path: str, limits: LoadLimits = DEFAULT_LIMITS,
               *, pure: bool = False) -> Document:
    """Load one document from bytes; `pure` forces the pure-Python parser (for tests)."""
    if len(content) > limits.max_file_bytes:
        return Document(path, findings=[_too_large(len(content), limits)])
    text, finding = decode(content)
    if finding is not None:
        return Document(path, findings=[finding])
    assert text is not None
    return load_text(text, path, limits, pure=pure)


def load_text(text: str, path: str, limits: LoadLimits = DEFAULT_LIMITS, *, pure: bool = False) -> Document:
    """Load one document from text.  The loader's own limits decide, whichever parser runs."""
    if not pure and _CLoader is not None:
        _raise_libyaml_nesting(limits.max_depth)
        try:
            return _parse(text, path, limits, _CLoader)
        except _ParserDepthLimit:
            # libyaml looks up to 1,024 characters ahead, so deep nesting can reach its own
            # limit before the builder has seen `max_depth` levels, or the loader's limit may
            # be set above libyaml's.  The pure-Python parser has no limit of its own: read
            # the file again with it, so that `max_depth` decides and both parsers agree.
            # Slower, but only for files nested a thousand levels deep.
            pass
    try:
        return _parse(text, path, limits, yaml.SafeLoader)
    except _ParserDepthLimit as exc:  # a PyYAML whose pure-Python parser has a limit too
        line, column = exc.where
        return Document(path, findings=[Finding(INPUT_LIMIT.id, "parser-depth", line=line, column=column)])


# libyaml reads this many characters ahead of the event the builder is at.
_LIBYAML_LOOKAHEAD = 1024


def _raise_libyaml_nesting(max_depth: int) -> None:
    """Let libyaml nest past the loader's own limit, so the fast parser need not give up.

    libyaml 0.2.6 (PyYAML 6.0.4) stops at 1,000 levels and may get there while
    reading ahead, before the builder has seen `max_depth` levels; where this PyYAML
    lets the limit be raised, raise it, so the slower re-read with the pure-Python
    parser is only needed by a PyYAML that does not.  libyaml's stacks are on the
    heap, and the file's size is bounded, so a higher limit costs no recursion.
    """
    try:
        from yaml import _yaml as libyaml
    except ImportError:
        return
    getter = getattr(libyaml, "_get_max_nest_level", None)
    setter = getattr(libyaml, "_set_max_nest_level", None)
    wanted = max_depth + _LIBYAML_LOOKAHEAD + 16
    if getter is not None and setter is not None and getter() < wanted:
        setter(wanted)


def _parse(text: str, path: str, limits: LoadLimits, loader_class: Any) -> Document:
    builder = _Builder(path, limits)
    loader = None
    try:
        loader = loader_class(text)
        builder.run(loader)
    except _Abort:
        builder.doc.data = None
    except yaml.MarkedYAMLError as exc:
        if "maximum nesting depth" in (exc.problem or ""):
            raise _ParserDepthLimit(exc.problem_mark or exc.context_mark) from None
        builder.doc.data = None
        builder.doc.findings.append(_fullwidth_colon(text, exc) or _syntax_finding(text, exc))
    except yaml.reader.ReaderError as exc:
        builder.doc.data = None
        position = exc.position
        if loader_class is not yaml.SafeLoader:
            # libyaml counts bytes of the UTF-8 text; the pure-Python reader counts characters.
            position = len(text.encode("utf-8")[:position].decode("utf-8", "ignore"))
        line, column = _line_col(text, position)
        builder.doc.findings.append(Finding(
            YAML_SYNTAX.id, "bad-char", args={"char": f"U+{exc.character:04X}" if isinstance(exc.character, int) else repr(exc.character)},
            line=line, column=column))
    except yaml.YAMLError as exc:  # any other parser complaint, with no position
        builder.doc.data = None
        builder.doc.findings.append(Finding(YAML_SYNTAX.id, "generic", args={"problem": str(exc)}, line=1, column=1))
    finally:
        if loader is not None:
            loader.dispose()
    return builder.doc


# ---------------------------------------------------------------- encoding

_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32"), (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"), (codecs.BOM_UTF16_BE, "UTF-16"),
)


def decode(content: bytes) -> tuple[str | None, Finding | None]:
    """UTF-8, with or without BOM; anything else is a finding that says how to convert."""
    if content.startswith(codecs.BOM_UTF8):
        content = content[len(codecs.BOM_UTF8):]
    else:
        for bom, name in _BOMS:
            if content.startswith(bom):
                return None, Finding(YAML_SYNTAX.id, "utf16", args={"encoding": name}, line=1, column=1)
    try:
        return content.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        start = content.rfind(b"\n", 0, exc.start) + 1
        line = content.count(b"\n", 0, exc.start) + 1
        column = len(content[start:exc.start].decode("utf-8", "replace")) + 1
        key = "not-utf8"
        try:
            guess = content.decode("gb18030")
            if re.search(r"[\u4e00-\u9fff]", guess):
                key = "gbk"
        except UnicodeDecodeError:
            pass
        byte = f"0x{content[exc.start]:02X}"
        return None, Finding(YAML_SYNTAX.id, key, args={"byte": byte}, line=line, column=column)


def _too_large(size: int, limits: LoadLimits) -> Finding:
    return Finding(INPUT_LIMIT.id, "file-size", args={"size": human_size(size), "limit": human_size(limits.max_file_bytes)},
                   line=1, column=1)


def human_size(size: int) -> str:
    """Bytes as people read them: 512 B, 3.4 KB, 20.0 MB."""
    if size < 1000:
        return f"{size} B"
    if size < 1_000_000:
        return f"{size / 1000:.1f} KB"
    return f"{size / 1e6:.1f} MB"


def _line_col(text: str, position: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, position) + 1
    return text.count("\n", 0, position) + 1, position - start + 1


_KEY_WITH_FULLWIDTH_COLON = re.compile(r"^(\s*(?:-\s+)?)([^\s:：#'\"][^:：#'\"]*?)\s*：\s*(.*)$")


def _fullwidth_colon(text: str, exc: yaml.MarkedYAMLError) -> Finding | None:
    """`title：测试` is the commonest slip of Chinese typing; say so instead of a parser riddle."""
    mark = exc.problem_mark
    if mark is None:
        return None
    lines = text.splitlines()
    for index in (mark.line, mark.line - 1, mark.line - 2):
        if 0 <= index < len(lines):
            match = _KEY_WITH_FULLWIDTH_COLON.match(lines[index])
            if match and re.fullmatch(r"[A-Za-z_][A-Za-z0-9_-]*", match.group(2)):
                fixed = f"{match.group(2)}: {match.group(3)}".rstrip()
                column = lines[index].index("：") + 1
                return Finding(YAML_SYNTAX.id, "fullwidth-colon", args={"line": index + 1, "fixed": fixed},
                               line=index + 1, column=column)
    return None


def _syntax_finding(text: str, exc: yaml.MarkedYAMLError) -> Finding:
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    problem = (exc.problem or "").strip()
    context = (exc.context or "").strip()
    # What stands where the parser stopped: libyaml does not name the character
    # (a tab, an `@`), and whether it opens its line tells indentation from extra text.
    lines = text.splitlines()
    here = lines[line - 1] if mark is not None and line - 1 < len(lines) else ""
    args: dict[str, Any] = {"problem": problem, "context": context, "char": here[column - 1:column],
                            "line_start": not here[:column - 1].strip()}
    opened = exc.context_mark
    unclosed = any(word in context for word in ("flow", "quoted", "simple key"))
    if unclosed and opened is not None and mark is not None and opened.line != mark.line:
        # An unclosed bracket or quote, or a key without its colon, is found lines later;
        # say where it began.
        args["opened"] = (opened.line + 1, opened.column + 1)
    return Finding(YAML_SYNTAX.id, "syntax", args=args, line=line, column=column)


# ---------------------------------------------------------------- building

class _Frame:
    """One open mapping or sequence on the builder's stack."""

    __slots__ = ("anchor", "is_map", "key", "key_lines", "key_mark", "merges", "obj", "pointer", "weight")

    def __init__(self, obj: Any, pointer: str, anchor: str | None, is_map: bool) -> None:
        self.obj = obj
        self.pointer = pointer
        self.anchor = anchor
        self.is_map = is_map
        self.key: str | None = None
        self.key_mark: tuple[int, int] = (0, 0)
        self.key_lines: dict[str, int] = {}
        self.merges: list[tuple[Any, tuple[int, int, int, int]]] = []
        self.weight = 1


class _Builder:
    """Turns an event stream into a Document, one event at a time."""

    def __init__(self, path: str, limits: LoadLimits) -> None:
        self.doc = Document(path)
        self.limits = limits
        self.stack: list[_Frame] = []
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.nodes = 0
        self.documents = 0
        self.root_set = False

    # The loop is long on purpose: one dispatch per event is the hot path.
    def run(self, loader: Any) -> None:
        get_event = loader.get_event
        stack = self.stack
        while True:
            event = get_event()
            cls = type(event)
            if cls is ScalarEvent:
                frame = stack[-1] if stack else None
                if frame is not None and frame.is_map and frame.key is None:
                    self._scalar_key(frame, event)
                    continue
                value = self._scalar_value(event, frame)
                mark = event.start_mark
                if not event.value and frame is not None and frame.is_map and event.implicit[0]:
                    # An empty value (`key:`): parsers disagree on where it starts, so
                    # place it at its key, which is also where a reader looks.
                    self._attach(value, frame.key_mark, 1, event.anchor)
                else:
                    self._attach(value, (mark.line + 1, mark.column + 1), 1, event.anchor)
            elif cls is MappingStartEvent or cls is SequenceStartEvent:
                self._open(event, cls is MappingStartEvent)
            elif cls is MappingEndEvent or cls is SequenceEndEvent:
                frame = stack.pop()
                if frame.merges:
                    self._apply_merges(frame)
                if frame.anchor is not None:
                    self.anchors[frame.anchor] = (frame.obj, frame.weight)
                if stack:
                    parent = stack[-1]
                    parent.weight += frame.weight
                    if parent.is_map:
                        parent.key = None
            elif cls is AliasEvent:
                self._alias(event)
            elif cls is DocumentStartEvent:
                self.documents += 1
                if self.documents > 1:
                    mark = event.start_mark
                    self.doc.findings.append(Finding(YAML_SYNTAX.id, "multi-doc", line=mark.line + 1, column=mark.column + 1))
                    return
            elif cls is StreamEndEvent:
                break
        if not self.root_set:
            self.doc.data = None
            self.doc.findings.append(Finding(UNKNOWN_KIND.id, "empty", line=1, column=1))

    def _count(self, weight: int, where: tuple[int, int]) -> None:
        self.nodes += weight
        if self.nodes > self.limits.max_nodes:
            self.doc.findings.append(Finding(INPUT_LIMIT.id, "nodes", args={"limit": self.limits.max_nodes},
                                             line=where[0], column=where[1]))
            raise _Abort

    def _child_pointer(self, frame: _Frame | None) -> str:
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
            raise _Abort
        parent = stack[-1] if stack else None
        if parent is not None and parent.is_map and parent.key is None:
            self.doc.findings.append(Finding(YAML_SYNTAX.id, "complex-key", line=mark.line + 1, column=mark.column + 1))
            raise _Abort
        obj: Any = {} if is_map else []
        pointer = self._child_pointer(parent)
        where = (mark.line + 1, mark.column + 1)
        if event.tag is not None:
            self._check_tag(event, "map" if is_map else "seq", pointer)
        self._count(1, where)
        self._place(obj, pointer, where, parent)
        stack.append(_Frame(obj, pointer, event.anchor, is_map))

    def _place(self, value: Any, pointer: str, where: tuple[int, int], parent: _Frame | None) -> None:
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
            if key in parent.key_lines:
                # Keep the first value: the author must decide which one is meant.
                shown = "<<" if key == _MERGE else key
                self.doc.findings.append(Finding(DUPLICATE_KEY.id, "dup", pointer=pointer, at="key",
                                                 args={"key": shown, "first_line": parent.key_lines[key]},
                                                 line=kline, column=kcol))
                return
            parent.key_lines[key] = kline
            if key == _MERGE:
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
        if parent is not None:
            parent.weight += weight
            if parent.is_map:
                parent.key = None

    def _scalar_key(self, frame: _Frame, event: Any) -> None:
        text = event.value
        mark = event.start_mark
        if event.implicit[0] and event.tag is None and text == "<<":
            frame.key = _MERGE
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
            raise _Abort from None
        frame = self.stack[-1] if self.stack else None
        if frame is not None and frame.is_map and frame.key is None:
            frame.key = str(value)
            frame.key_mark = (mark.line + 1, mark.column + 1)
            return
        self._attach(value, (mark.line + 1, mark.column + 1), weight, None)

    def _apply_merges(self, frame: _Frame) -> None:
        """YAML merge keys (`<<: *base`): explicit keys win, earlier sources win over later ones."""
        for value, position in frame.merges:
            sources = value if isinstance(value, list) else [value]
            for source in sources:
                if not isinstance(source, dict):
                    self.doc.findings.append(Finding(YAML_SYNTAX.id, "bad-merge", line=position[2], column=position[3]))
                    raise _Abort
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

    def _scalar_value(self, event: Any, frame: _Frame | None) -> Any:
        text = event.value
        tag = event.tag
        if tag is None and event.implicit[0]:
            if text and text[0] not in _RESOLVABLE_FIRST:
                return text
            tag = _RESOLVER.resolve(ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]
            implicit = True
        elif tag is None or tag == "!":
            return text
        else:
            implicit = False
        short = tag[len(_TAG_PREFIX):] if tag.startswith(_TAG_PREFIX) else None
        if short == "str":
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
            raise _Abort
        value = _construct(short, text)
        if value is _NOT_OF_TYPE:  # only an explicit tag can be wrong: the resolver matched the text
            mark = event.start_mark
            self.doc.findings.append(Finding(IMPLICIT_TYPE.id, "tag-value", self._child_pointer(frame),
                                             {"tag": _tag_name(tag), "type": short, "value": text},
                                             line=mark.line + 1, column=mark.column + 1))
            return text
        if implicit and (short != "null" or text):
            self.doc.implicit[self._child_pointer(frame)] = Implicit(text, short)
        return value


# ---------------------------------------------------------------- explicit tags

# The scalar types of YAML 1.1's type repository that catalogtool's data uses.
_SCALAR_TYPES = frozenset({"str", "int", "float", "bool", "null", "timestamp"})
# The rest of the repository: valid YAML, but no JSON counterpart in these documents.
_UNUSED_TYPES = frozenset({"set", "omap", "pairs", "binary", "merge", "value", "yaml"})
_NULL_TEXTS = frozenset({"", "~", "null", "Null", "NULL"})
_NOT_OF_TYPE = object()


def _construct(short: str, text: str) -> Any:
    """The value of a scalar of a core type, or _NOT_OF_TYPE when the text is not of that type."""
    if short == "timestamp":
        # Kept as written: dates are text in catalogtool's data.
        return text if SafeConstructor.timestamp_regexp.match(text) else _NOT_OF_TYPE
    if short == "null":
        return None if text in _NULL_TEXTS else _NOT_OF_TYPE
    try:
        return _CONSTRUCT[short](ScalarNode(f"{_TAG_PREFIX}{short}", text))
    except (ConstructorError, ValueError, KeyError):  # `!!bool 2` is a KeyError in PyYAML
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
