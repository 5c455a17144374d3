"""A baseline: the problems a repository already had when it adopted catalogtool, so that a
run reports only new ones.

A problem is known by (file relative to the baseline's folder, rule, where, message),
never by its line: `where` is its JSON Pointer with every list index of an entry that
has a code replaced by that code (`/categories/[A]/children/[A01]/code`), so inserting
an item elsewhere moves nothing; and line numbers inside messages (`首次出现在第 9
行`) are blanked.  Identical keys are counted: a baseline that holds a key twice
hides two such problems, not a third.

The file is sorted, indented JSON that diffs well in review, written atomically.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from catalogtool.config import LoadLimits
from catalogtool.document import Document, escape_token, split_pointer
from catalogtool.engine import FileReport
from catalogtool.errors import CatalogToolError, os_reason
from catalogtool.fsutil import write_atomic
from catalogtool.loader import load_file
from catalogtool.problems import Message, Problem

FORMAT = "catalogtool-baseline"
VERSION = 1
MAX_BYTES = 50_000_000
# Never recorded: a failure inside catalogtool is not a problem of the repository.
_NOT_RECORDED = frozenset({"internal-error"})
_LINE_IN_MESSAGE = re.compile(r"第\s*\d+\s*行(?:第\s*\d+\s*列)?")

Key = tuple[str, str, str, str]
# The document of a report name, to read codes from (None: not loadable; indexes are kept).
Documents = Callable[[str], Document | None]


@dataclass(frozen=True, slots=True)
class Outcome:
    """What comparing a run with its baseline found."""

    new: list[Problem]
    known: int  # problems hidden because the baseline holds them
    fixed: int  # baseline entries of the files checked that were not found again


def message_key(problem: Problem) -> str:
    """The Chinese message with line numbers blanked: it names the problem whatever the run's language."""
    return _LINE_IN_MESSAGE.sub("第 N 行", problem.message.zh)


def where(problem: Problem, doc: Document | None) -> str:
    """The problem's pointer, each list index of an entry with a code replaced by `[code]`."""
    if doc is None or not problem.pointer:
        return problem.pointer
    node: Any = doc.data
    out = ""
    for token in split_pointer(problem.pointer):
        if isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
            code = node.get("code") if isinstance(node, dict) else None
            out += f"/[{escape_token(code)}]" if isinstance(code, str) and code else f"/{token}"
        else:
            node = node.get(token) if isinstance(node, dict) else None
            out += f"/{escape_token(token)}"
    return out


def file_key(display: str, folder: Path) -> str:
    """A report name relative to the baseline's folder, with / between parts."""
    absolute = os.path.abspath(display)
    try:
        return Path(os.path.relpath(absolute, os.path.abspath(folder))).as_posix()
    except ValueError:  # another drive on Windows
        return Path(absolute).as_posix()


def keys(problems: list[Problem], documents: Documents, folder: Path) -> list[Key]:
    """Each problem's key; a file's document is asked for only when one of its problems has a pointer."""
    return [(file_key(p.file, folder), p.rule, where(p, documents(p.file) if p.pointer else None), message_key(p))
            for p in problems]


def read(path: Path) -> Counter[Key]:
    """The baseline file's entries; a file that is not a catalogtool baseline is a usage error (exit 2)."""
    def bad(zh: str, en: str) -> CatalogToolError:
        return CatalogToolError(Message(f"基线文件 {path} 无法使用：{zh}；可删除后用 --baseline 重新生成",
                                        f"baseline file {path} cannot be used: {en}; delete it and run with --baseline to make it again"))

    try:
        if path.stat().st_size > MAX_BYTES:
            raise bad("文件过大", "it is too large")
        data = json.loads(path.read_bytes().decode("utf-8"))
    except OSError as error:
        zh, en = os_reason(error)
        raise bad(f"无法读取（{zh}）", f"it cannot be read ({en})") from None
    except UnicodeDecodeError:
        raise bad("不是 UTF-8 文本", "it is not UTF-8 text") from None
    except json.JSONDecodeError as error:
        raise bad(f"第 {error.lineno} 行第 {error.colno} 列不是有效的 JSON（{error.msg}）",
                  f"invalid JSON at line {error.lineno}, column {error.colno} ({error.msg})") from None
    except RecursionError:
        raise bad("嵌套过深", "it is nested too deeply") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise bad(f"不是 catalogtool 基线文件（缺少 \"format\": \"{FORMAT}\"）",
                  f"it is not a catalogtool baseline (no \"format\": \"{FORMAT}\")")
    if data.get("version") != VERSION:
        raise bad(f"版本 {data.get('version')!r} 不受支持（应为 {VERSION}）",
                  f"version {data.get('version')!r} is not supported (expected {VERSION})")
    entries = data.get("problems")
    if not isinstance(entries, list):
        raise bad("缺少 problems 列表", "it has no problems list")
    found: Counter[Key] = Counter()
    for index, entry in enumerate(entries):
        fields = [entry.get(name) for name in ("file", "rule", "where", "message")] if isinstance(entry, dict) else []
        texts = [f for f in fields if isinstance(f, str)]
        count = entry.get("count", 1) if isinstance(entry, dict) else None
        if len(texts) != 4 or not isinstance(count, int) or isinstance(count, bool) or count < 1:
            raise bad(f"problems 第 {index + 1} 项应有 file、rule、where、message（文字）和 count（正整数）",
                      f"entry {index + 1} of problems needs file, rule, where, message (text) and count (a positive whole number)")
        found[(texts[0], texts[1], texts[2], texts[3])] += count
    return found


def write(path: Path, entries: Counter[Key]) -> None:
    rows = [{"file": k[0], "rule": k[1], "where": k[2], "message": k[3], "count": n}
            for k, n in sorted(entries.items()) if n > 0]
    data = {"format": FORMAT, "version": VERSION,
            "about": "catalogtool validate --baseline：记录在此的已有问题不再报告，只报告新问题；改正后用 --update-baseline 缩减本文件。"
                     " Problems recorded here are not reported again; shrink this file with --update-baseline once fixed.",
            "problems": rows}
    write_atomic(path, (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))


def reader(reports: list[FileReport], limits: Callable[[str], LoadLimits]) -> Documents:
    """The documents of a run's reports: kept ones, else read again (under `limits(path)`, the
    file's configuration's) once, only for files with problems, so the results cache still spares
    checking every file."""

    by_name = {r.file: r for r in reports}
    loaded: dict[str, Document | None] = {}

    def document(name: str) -> Document | None:
        if name not in loaded:
            report = by_name.get(name)
            if report is None:
                loaded[name] = None
            elif report.document is not None:
                loaded[name] = report.document
            else:
                source = report.source or report.file
                doc = load_file(source, report.file, limits(source))
                loaded[name] = doc if doc.data is not None else None
        return loaded[name]

    return document


def recorded(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.rule not in _NOT_RECORDED]


def update(path: Path, problems: list[Problem], documents: Documents, checked: list[str]) -> int:
    """Record the run's problems; entries of files this run did not check are kept.  Returns how many were recorded."""
    folder = path.parent
    old = read(path) if path.exists() else Counter()
    files = {file_key(name, folder) for name in checked}
    kept = Counter({k: n for k, n in old.items() if k[0] not in files})
    now = Counter(keys(recorded(problems), documents, folder))
    write(path, kept + now)
    return sum(now.values())


def compare(path: Path, problems: list[Problem], documents: Documents, checked: list[str]) -> Outcome:
    """The run's problems that the baseline does not hold, how many it does, and how many of its entries are gone."""
    folder = path.parent
    remaining = read(path)
    files = {file_key(name, folder) for name in checked}
    in_run = sum(n for k, n in remaining.items() if k[0] in files)
    new: list[Problem] = []
    known = 0
    for problem, key in zip(problems, keys(problems, documents, folder), strict=True):
        if problem.rule not in _NOT_RECORDED and remaining[key] > 0:
            remaining[key] -= 1
            known += 1
        else:
            new.append(problem)
    return Outcome(new, known, in_run - known)
