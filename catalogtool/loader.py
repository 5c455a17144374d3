"""YAML -> Document: plain data plus the position of every key and value.

The loader never raises on bad input: every failure (encoding, syntax, duplicate
keys, limits) becomes a Finding of the file, and the run goes on with the others.

Parser events are turned into data by catalogtool.yaml_builder, which records
positions, checks limits and sees duplicate keys and implicit typing where they
happen.  Events come from libyaml (the C parser) where PyYAML was built with it,
else from PyYAML's pure-Python parser; both feed the same builder, so results are
the same.  This module chooses the parser, decodes the bytes and explains the
parser's complaints.

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

from catalogtool import comments

# LoadLimits is a value of the configuration; load_file takes it, so it is the loader's to export too.
from catalogtool.config import DEFAULT_LIMITS as DEFAULT_LIMITS
from catalogtool.config import LoadLimits as LoadLimits
from catalogtool.document import Document
from catalogtool.errors import os_reason
from catalogtool.lazy_pattern import compile_later
from catalogtool.problems import Finding, Message
from catalogtool.pyyaml import yaml
from catalogtool.rules.input_limit import RULE as INPUT_LIMIT
from catalogtool.rules.unreadable_file import RULE as UNREADABLE_FILE
from catalogtool.rules.yaml_syntax import RULE as YAML_SYNTAX
from catalogtool.yaml_builder import Abort, Builder

try:  # libyaml: the C parser
    from yaml import CSafeLoader as _CLoader

    HAVE_LIBYAML = True
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    _CLoader = None  # type: ignore[assignment,misc]
    HAVE_LIBYAML = False

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
            return Document(name, findings=[too_large(size, limits)])
        with open(path, "rb") as handle:
            content = handle.read(limits.max_file_bytes + 1)
    except OSError as exc:
        zh, en = os_reason(exc)
        return Document(name, findings=[Finding(UNREADABLE_FILE.id, "os", args={"reason": zh, "reason_en": en}, line=1, column=1)])
    return load_bytes(content, name, limits, pure=pure)


def _not_a_file(mode: int) -> Finding:
    """Only regular files are read: a pipe, socket or device is reported, never opened."""
    what = next((what for test, what in (
        (stat.S_ISDIR, Message("这是目录", "a directory")),
        (stat.S_ISFIFO, Message("这是命名管道（FIFO）", "a named pipe (FIFO)")),
        (stat.S_ISSOCK, Message("这是套接字（socket）", "a socket")),
    ) if test(mode)), Message("这是设备文件", "a device"))
    return Finding(UNREADABLE_FILE.id, "os", line=1, column=1,
                   args={"reason": f"{what.zh}，不是普通文件", "reason_en": f"it is {what.en}, not a regular file"})


def load_bytes(content: bytes, path: str, limits: LoadLimits = DEFAULT_LIMITS,
               *, pure: bool = False) -> Document:
    """Load one document from bytes; `pure` forces the pure-Python parser (for tests)."""
    if len(content) > limits.max_file_bytes:
        return Document(path, findings=[too_large(len(content), limits)])
    text, finding = decode(content)
    if finding is not None:
        return Document(path, findings=[finding])
    assert text is not None
    return load_text(text, path, limits, pure=pure)


def load_text(text: str, path: str, limits: LoadLimits = DEFAULT_LIMITS, *, pure: bool = False) -> Document:
    """Load one document from text, with its inline suppression comments."""
    doc = _load_text(text, path, limits, pure=pure)
    if doc.data is not None and comments.MARK in text:
        doc.suppressions = comments.scan(text)
    return doc


def _load_text(text: str, path: str, limits: LoadLimits, *, pure: bool) -> Document:
    """The document of a text.  The loader's own limits decide, whichever parser runs."""
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
    builder = Builder(path, limits)
    loader = None
    try:
        loader = loader_class(text)
        builder.run(loader)
    except Abort:
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


def too_large(size: int, limits: LoadLimits) -> Finding:
    """The finding for a file over the size limit (its bytes are never parsed, often never read)."""
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


_KEY_WITH_FULLWIDTH_COLON = compile_later(r"^(\s*(?:-\s+)?)([^\s:：#'\"][^:：#'\"]*?)\s*：\s*(.*)$")


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
