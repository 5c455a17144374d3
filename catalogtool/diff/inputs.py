"""Turning the two `diff` arguments into document sets: a file, a directory, or `REV:PATH` in git.

A `REV:PATH` argument is read with git itself (`git rev-parse`, `git ls-tree`,
`git cat-file --batch`), never through a shell.  An argument is taken as a
revision only when no such local path exists, so a Windows path like `C:\\x` that
exists stays a path, and one that does not is reported as missing, naming both
readings.  Anything that stops the diff (missing path or revision, a file that
does not load) is a CatalogToolError, which the CLI turns into exit 2.
"""

from __future__ import annotations

import os
import posixpath
import subprocess
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from catalogtool.discovery import NO_EXCLUDE, Excluder, is_candidate, yaml_files
from catalogtool.document import Document
from catalogtool.errors import CatalogToolError
from catalogtool.kinds import KINDS
from catalogtool.loader import DEFAULT_LIMITS, LoadLimits, load_bytes, load_file, too_large
from catalogtool.placement import position, render_message
from catalogtool.problems import Message
from catalogtool.rules.unknown_kind import RULE as UNKNOWN_KIND


@dataclass(slots=True)
class DocumentSet:
    """What one argument names: documents by relative path (`/`-separated).

    `single` is true when the argument is one file (or one blob in git); then the
    only key is the file's name.  `local` is the local path, if any, so the CLI can
    refuse to write its output over an input.  `skipped` lists YAML files that are
    not catalogtool documents (no known `kind`), left out of a directory diff.
    """

    label: str
    docs: dict[str, dict[str, Any]] = field(default_factory=dict)
    single: bool = False
    local: Path | None = None
    skipped: list[str] = field(default_factory=list)


def load_input(
    arg: str, *, cwd: Path | None = None, limits: LoadLimits = DEFAULT_LIMITS, exclude: Excluder = NO_EXCLUDE
) -> DocumentSet:
    """Resolve one command-line argument (file, directory or REV:PATH) and load its documents."""
    base = Path(cwd) if cwd is not None else Path.cwd()
    local = Path(arg)
    if not local.is_absolute():
        local = base / local
    if arg and local.exists():
        return _load_local(arg, local, limits, exclude)
    rev, sep, path = arg.partition(":")
    if sep and rev:
        return _load_git(arg, rev, path, base, limits, exclude)
    raise CatalogToolError(Message(f"找不到 {arg}：没有这个文件或目录", f"{arg} not found: no such file or directory"))


# --------------------------------------------------------------------------- listing without loading


@dataclass(frozen=True, slots=True)
class Source:
    """One file of an edition, not yet read: a local `path`, or a git blob `oid` read in `repo`.

    `rel` is its name within the edition, `display` the name its load errors give.
    """

    rel: str
    display: str
    path: str | None = None
    oid: str | None = None


@dataclass(slots=True)
class Listing:
    """What one argument names, as files to read (see DocumentSet for the fields)."""

    label: str
    sources: list[Source] = field(default_factory=list)
    single: bool = False
    local: Path | None = None
    repo: Path | None = None  # where to run git for the blobs


def list_input(arg: str, *, cwd: Path | None = None, exclude: Excluder = NO_EXCLUDE) -> Listing:
    """Resolve one argument as load_input does, but only list its files (git: by blob id)."""
    base = Path(cwd) if cwd is not None else Path.cwd()
    local = Path(arg)
    if not local.is_absolute():
        local = base / local
    if arg and local.exists():
        out = Listing(arg, local=local)
        if local.is_file():
            out.single = True
            out.sources.append(Source(local.name, arg, path=str(local)))
            return out
        if not local.is_dir():
            raise CatalogToolError(Message(f"{arg} 既不是文件也不是目录", f"{arg} is neither a file nor a directory"))
        for rel in yaml_files(local):
            if not exclude.local(local / rel):
                display = str(PurePosixPath(arg) / rel) if arg not in (".", "./") else rel
                out.sources.append(Source(rel, display, path=str(local / rel)))
        return out
    rev, sep, path = arg.partition(":")
    if sep and rev:
        return _list_git(arg, rev, path, base, exclude)
    raise CatalogToolError(Message(f"找不到 {arg}：没有这个文件或目录", f"{arg} not found: no such file or directory"))


def _list_git(arg: str, rev: str, path: str, cwd: Path, exclude: Excluder) -> Listing:
    spec, object_type = _git_object(arg, rev, path, cwd)
    path = spec.partition(":")[2]
    out = Listing(arg, repo=cwd)
    listing = _git(["ls-tree", "-r", "-z", "--full-tree", spec] if object_type == "tree" else
                   ["rev-parse", "--verify", "--end-of-options", spec], cwd)
    if listing.returncode != 0:
        raise CatalogToolError(
            Message(f"无法列出 {arg} 中的文件：{listing.stderr.decode(errors='replace').strip()}",
            f"cannot list the files of {arg}: {listing.stderr.decode(errors='replace').strip()}"),
        )
    if object_type == "blob":
        out.single = True
        out.sources.append(Source(PurePosixPath(path).name, arg, oid=listing.stdout.decode().strip()))
        return out
    cdup = _git(["rev-parse", "--show-cdup"], cwd).stdout.decode("utf-8", errors="surrogateescape").strip()
    top = Path(os.path.abspath(cwd / cdup))
    blobs = {}
    for line in listing.stdout.decode("utf-8", errors="surrogateescape").split("\0"):
        meta, tab, name = line.partition("\t")
        fields = meta.split()
        if tab and len(fields) == 3 and fields[1] == "blob":
            blobs[name] = fields[2]
    for rel in sorted(blobs):
        if is_candidate(PurePosixPath(rel)) and "\n" not in rel and not exclude.local(top / path / rel):
            out.sources.append(Source(rel, f"{arg.rstrip('/')}/{rel}", oid=blobs[rel]))
    return out


@dataclass(frozen=True, slots=True)
class TooLarge:
    """A blob over the size limit: only its size is known, its bytes were never read."""

    size: int


Blob = bytes | TooLarge


def read_blobs(repo: Path, oids: list[str], limits: LoadLimits) -> dict[str, Blob]:
    """The bytes of git blobs by id (one `git cat-file --batch`), none over the size limit."""
    return _cat_files(repo, oids, limits.max_file_bytes)


def load_blob(blob: Blob, display: str, limits: LoadLimits) -> Document:
    """A blob's document; one over the limit is reported as a file over the limit is."""
    if isinstance(blob, TooLarge):
        return Document(display, findings=[too_large(blob.size, limits)])
    return load_bytes(blob, display, limits)


# --------------------------------------------------------------------------- local files


def _load_local(arg: str, path: Path, limits: LoadLimits, exclude: Excluder) -> DocumentSet:
    out = DocumentSet(arg, local=path)
    if path.is_file():
        doc = load_file(path, arg, limits)
        out.single = True
        out.docs[path.name] = _require_document(doc)
        return out
    if not path.is_dir():
        raise CatalogToolError(Message(f"{arg} 既不是文件也不是目录", f"{arg} is neither a file nor a directory"))
    failures: list[Message] = []
    for rel in yaml_files(path):
        if exclude.local(path / rel):
            continue
        display = str(PurePosixPath(arg) / rel) if arg not in (".", "./") else rel
        doc = load_file(path / rel, display, limits)
        _collect(out, rel, doc, failures)
    _raise_failures(failures)
    return out


# --------------------------------------------------------------------------- git


def _git(args: list[str], cwd: Path, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(
            ["git", *args], cwd=cwd, input=stdin, capture_output=True, check=False,
            env={**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"},
        )
    except FileNotFoundError:
        raise CatalogToolError(
            Message("找不到 git 程序：要比较 修订版本:路径 形式的参数，需要先安装 git",
            "git is not installed; it is needed for REV:PATH arguments"),
        ) from None


def _git_object(arg: str, rev: str, path: str, cwd: Path) -> tuple[str, str]:
    """`REV:PATH` as git names it, and whether it is a "blob" or a "tree"; else a clear error."""
    if rev.startswith("-"):
        raise CatalogToolError(Message(f"修订版本 {rev} 无效（不能以 - 开头）", f"invalid revision {rev} (must not start with -)"))
    inside = _git(["rev-parse", "--is-inside-work-tree"], cwd)
    if inside.returncode != 0:
        raise CatalogToolError(
            Message(f"找不到 {arg}：本地没有这个文件或目录；当前目录也不在 git 仓库中，无法读取修订版本 {rev}",
            f"{arg} not found: no such local file or directory, and the current directory is not in a "
            f"git repository, so revision {rev} cannot be read"),
        )
    known = _git(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{tree}}"], cwd)
    if known.returncode != 0:
        raise CatalogToolError(
            Message(f"找不到 {arg}：git 仓库中没有修订版本 {rev}，本地也没有这个文件或目录",
            f"{arg} not found: git knows no revision {rev}, and there is no such local file or directory"),
        )
    path = _repository_path(path, rev, cwd)
    spec = f"{rev}:{path}"
    kind = _git(["cat-file", "-t", spec], cwd)
    object_type = kind.stdout.decode().strip() if kind.returncode == 0 else ""
    if object_type not in ("blob", "tree"):
        shown = path or "（根目录）"
        raise CatalogToolError(
            Message(f"修订版本 {rev} 中没有路径 {shown}",
            f"path {path or '(root)'} does not exist in revision {rev}"),
        )
    return spec, object_type


def _load_git(arg: str, rev: str, path: str, cwd: Path, limits: LoadLimits, exclude: Excluder) -> DocumentSet:
    spec, object_type = _git_object(arg, rev, path, cwd)
    path = spec.partition(":")[2]
    out = DocumentSet(arg)
    if object_type == "blob":
        out.single = True
        blob = _cat_files(cwd, [spec], limits.max_file_bytes)[spec]
        out.docs[PurePosixPath(path).name] = _require_document(load_blob(blob, arg, limits))
        return out
    listing = _git(["ls-tree", "-r", "-z", "--full-tree", "--name-only", spec], cwd)
    if listing.returncode != 0:
        raise CatalogToolError(
            Message(f"无法列出 {arg} 中的文件：{listing.stderr.decode(errors='replace').strip()}",
            f"cannot list the files of {arg}: {listing.stderr.decode(errors='replace').strip()}"),
        )
    names = [n for n in listing.stdout.decode("utf-8", errors="surrogateescape").split("\0") if n]
    # A file of a revision is excluded as the same file in the working tree would be.
    cdup = _git(["rev-parse", "--show-cdup"], cwd).stdout.decode("utf-8", errors="surrogateescape").strip()
    top = Path(os.path.abspath(cwd / cdup))
    rels = [
        n for n in names
        if is_candidate(PurePosixPath(n))
        and "\n" not in n
        and not exclude.local(top / path / n)
    ]
    specs = {rel: f"{spec}/{rel}" if path else f"{rev}:{rel}" for rel in sorted(rels)}
    contents = _cat_files(cwd, list(specs.values()), limits.max_file_bytes)
    failures: list[Message] = []
    for rel, name in specs.items():
        _collect(out, rel, load_blob(contents[name], f"{arg.rstrip('/')}/{rel}", limits), failures)
    _raise_failures(failures)
    return out


def _repository_path(path: str, rev: str, cwd: Path) -> str:
    """The path from the repository root, as git wants after the colon.

    Like git, `./x` and `../x` are relative to the current directory; unlike git
    (which refuses it), a lone `.` means the current directory too, so
    `catalogtool diff main:. HEAD:.` works from anywhere in the repository.
    """
    path = path.strip()
    if path == "." or path == ".." or path.startswith(("./", "../")):
        prefix = _git(["rev-parse", "--show-prefix"], cwd).stdout.decode("utf-8", errors="surrogateescape").strip()
        joined = posixpath.normpath(posixpath.join(prefix, path))
        if joined == ".." or joined.startswith("../"):
            raise CatalogToolError(Message(f"路径 {path} 在 git 仓库之外（修订版本 {rev}）",
                                   f"path {path} is outside the git repository (revision {rev})"))
        path = "" if joined == "." else joined
    return path.strip("/")


def _cat_files(cwd: Path, specs: list[str], limit: int) -> dict[str, Blob]:
    """Contents of many blobs with one `git cat-file --batch` process; those over `limit` are not read.

    `--batch-check` first gives each object's id and size, so a hostile multi-gigabyte
    blob is never pulled into memory, and the ids (not the names, which a moving
    branch could change in between) are what is then read.
    """
    if not specs:
        return {}
    stdin = "".join(f"{s}\n" for s in specs).encode("utf-8", errors="surrogateescape")
    sizes = _git(["cat-file", "--batch-check"], cwd, stdin).stdout.decode("utf-8", errors="surrogateescape").split("\n")
    out: dict[str, Blob] = {}
    wanted: dict[str, str] = {}  # spec -> object id
    for spec, line in zip(specs, sizes, strict=False):
        fields = line.split()
        if len(fields) != 3 or not fields[2].isdigit():
            raise CatalogToolError(Message(f"git 无法读取 {spec}", f"git cannot read {spec}"))
        if int(fields[2]) > limit:
            out[spec] = TooLarge(int(fields[2]))
        else:
            wanted[spec] = fields[0]
    if len(sizes) < len(specs):
        raise CatalogToolError(Message(f"git 无法读取 {specs[len(sizes) - 1]}", f"git cannot read {specs[len(sizes) - 1]}"))
    if not wanted:
        return out
    result = _git(["cat-file", "--batch"], cwd, "".join(f"{oid}\n" for oid in wanted.values()).encode())
    data = result.stdout
    pos = 0
    for spec in wanted:
        end = data.find(b"\n", pos)
        header = data[pos:end].split()
        if end < 0 or len(header) != 3:
            raise CatalogToolError(Message(f"git 无法读取 {spec}", f"git cannot read {spec}"))
        size = int(header[2])
        out[spec] = data[end + 1 : end + 1 + size]
        pos = end + 1 + size + 1
    return out


# --------------------------------------------------------------------------- documents


def _failed(doc: Document) -> bool:
    """Whether the file could not be read as YAML at all (an empty file is no failure, just no document)."""
    return doc.data is None and any(f.rule != UNKNOWN_KIND.id for f in doc.findings)


def _collect(out: DocumentSet, rel: str, doc: Document, failures: list[Message]) -> None:
    if _failed(doc):
        failures.append(_load_failure(doc))
    elif doc.kind in KINDS:
        out.docs[rel] = doc.data
    else:
        out.skipped.append(rel)


def _require_document(doc: Document) -> dict[str, Any]:
    if _failed(doc):
        _raise_failures([_load_failure(doc)])
    if doc.kind not in KINDS:
        kind = doc.kind
        zh = "缺少 kind" if kind is None else f"kind 为 {kind}"
        en = "no kind" if kind is None else f"kind is {kind}"
        raise CatalogToolError(
            Message(f"{doc.path} 不是 catalogtool 文档（{zh}；应为 {'、'.join(KINDS)} 之一）",
            f"{doc.path} is not a catalogtool document ({en}; expected one of {', '.join(KINDS)})"),
        )
    assert isinstance(doc.data, dict)
    return doc.data


def _load_failure(doc: Document) -> Message:
    """`file:line:column: message` for the first thing that kept a file from loading."""
    if not doc.findings:
        return Message(f"{doc.path}:1:1: 无法读取", f"{doc.path}:1:1: cannot be loaded")
    finding = doc.findings[0]
    line, column = position(finding, doc)
    message = render_message(finding)
    where = f"{doc.path}:{line}:{column}: [{finding.rule}]"
    return Message(f"{where} {message.zh}", f"{where} {message.en}")


def _raise_failures(failures: list[Message]) -> None:
    if not failures:
        return
    zh = "\n".join(failure.zh for failure in failures)
    en = "\n".join(failure.en for failure in failures)
    raise CatalogToolError(
        Message(f"以下文件无法读取，不能比较（可运行 catalogtool validate 查看详情）：\n{zh}",
        f"these files cannot be loaded, so they cannot be compared (run catalogtool validate for details):\n{en}"),
    )
