"""Which files are catalog documents: one answer for validate, diff and export.

YAML files (*.yaml, *.yml) under a searched folder are candidates; these are not:
the configuration files (catalogtool.yaml), hidden files and folders
(.pre-commit-config.yaml, .github/), anything that is not a regular file (a named
pipe called x.yaml would block the run forever), and whatever the `exclude` of the
configuration governing the file names.  A folder that `catalogtool site` wrote
(it holds the marker file `.catalogtool-site`) is not searched either: its
downloads are copies of documents, published, not edited.

A file named on the command line is checked whatever its suffix, but the rest
applies to it too (as ruff's `force-exclude`): pre-commit and editors name every
changed YAML file, and a township roster that the repository excludes, or
.pre-commit-config.yaml itself, is never a catalog problem.  A named file that is
not a regular file is kept, so that it is reported (the loader never opens it)
rather than silently dropped.
"""

from __future__ import annotations

import fnmatch
import os
import stat
from collections.abc import Sequence
from pathlib import Path, PurePosixPath
from typing import Protocol

from catalogtool.record import Frozen, Record, setfield

CONFIG_NAME = "catalogtool.yaml"
YAML_SUFFIXES = (".yaml", ".yml")
_SKIPPED_FOLDERS = frozenset({"node_modules", "__pycache__"})
# The file `catalogtool site` leaves in the folders it writes (catalogtool.site.build.MARKER).
SITE_MARKER = ".catalogtool-site"


def is_candidate(rel: PurePosixPath) -> bool:
    """A path relative to the searched folder that names a document to check."""
    return (rel.name.endswith(YAML_SUFFIXES) and rel.name != CONFIG_NAME
            and not any(part.startswith(".") for part in rel.parts))


def is_special(path: Path) -> bool:
    """A named pipe, socket or device: reading one can block forever, and it holds no document.

    A path that cannot be examined (a broken symbolic link, say) is not special: the
    loader reports why it cannot be read.
    """
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def yaml_files(root: Path) -> list[str]:
    """Relative `/`-separated paths of the candidate files under `root`, sorted."""
    found: list[str] = []
    for folder, dirs, files in os.walk(root):
        if SITE_MARKER in files:
            dirs[:] = []  # a published site: its YAML downloads are copies of the documents
            continue
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in _SKIPPED_FOLDERS)
        rel_folder = PurePosixPath(Path(folder).relative_to(root).as_posix())
        for name in sorted(files):
            rel = rel_folder / name
            if is_candidate(rel) and not is_special(Path(folder) / name):
                found.append(str(rel))
    return sorted(found)


class Excluder(Protocol):
    """Says whether a local path is excluded by the configuration that governs it."""

    def local(self, path: Path) -> bool: ...


class Exclude(Frozen):
    """One configuration's `exclude` patterns, relative to the configuration's folder.

    A pattern matches a file by its path (`drafts/*.yaml`, `**/old-*.yaml`), by its
    name (`townships.yaml`), or by any folder it is in (`drafts`, `drafts/`), so a
    folder can be left out whole.  A file outside the configuration's folder (only
    possible with --config) is matched by its path as given.
    """

    __slots__ = ("base", "patterns")
    patterns: tuple[str, ...]
    base: Path | None

    def __init__(self, patterns: tuple[str, ...] = (), base: Path | None = None) -> None:
        setfield(self, "patterns", patterns)
        setfield(self, "base", base)

    def local(self, path: Path) -> bool:
        if not self.patterns:
            return False
        rel: PurePosixPath | None = None
        if self.base is not None:
            try:  # abspath, not resolve: symbolic links (even looping ones) keep their own names
                rel = PurePosixPath(Path(os.path.abspath(path)).relative_to(os.path.abspath(self.base)).as_posix())
            except ValueError:
                rel = None
        return self.matches(rel if rel is not None else PurePosixPath(path.as_posix()))

    def matches(self, rel: PurePosixPath) -> bool:
        patterns = [p.rstrip("/") for p in self.patterns if p.rstrip("/")]
        candidates = [rel, *(parent for parent in rel.parents if str(parent) not in (".", "/", ""))]
        return any(fnmatch.fnmatch(str(c), p) or c.match(p) for c in candidates for p in patterns)


NO_EXCLUDE = Exclude()


class Found(Record):
    """The files of a run, as (path, name shown in reports), and how many were left out."""

    __slots__ = ("files", "left_out")
    files: list[tuple[Path, str]]
    left_out: int

    def __init__(self, files: list[tuple[Path, str]] | None = None, left_out: int = 0) -> None:
        self.files = [] if files is None else files
        self.left_out = left_out


def find_documents(paths: Sequence[Path], excluder: Excluder) -> Found:
    """Every file to check under `paths`, each once, in a stable order.

    Folders are searched as `yaml_files` says; a named file is checked unless it is a
    configuration file, hidden, or excluded by the configuration that governs it.
    A missing path is the caller's to report.
    """
    found = Found()
    seen: set[str] = set()
    real_folders: dict[str, str] = {}
    shown = _Names()
    for given in paths:
        if given.is_dir():
            listed = [given / rel for rel in yaml_files(given)]
            candidates = [path for path in listed if not excluder.local(path)]
        else:
            listed = [given]
            candidates = [] if is_left_out(given, excluder) else listed
        found.left_out += len(listed) - len(candidates)
        for path in candidates:
            key = _identity_in(path, real_folders)
            if key not in seen:
                seen.add(key)
                found.files.append((path, shown.of(path)))
    return found


def _identity_in(path: Path, real_folders: dict[str, str]) -> str:
    """_identity, resolving each folder once: a file that is not a symbolic link is its real folder's entry."""
    text = str(path)
    if os.path.islink(text):
        return str(_identity(path))
    folder, name = os.path.split(os.path.abspath(text))
    real = real_folders.get(folder)
    if real is None:
        real = real_folders[folder] = str(_identity(Path(folder)))
    return os.path.join(real, name)


class _Names:
    """display_name for many paths, with the working directory looked up once."""

    def __init__(self) -> None:
        cwd = os.getcwd()
        self.prefix = cwd if cwd.endswith(os.sep) else cwd + os.sep

    def of(self, path: Path) -> str:
        absolute = os.path.abspath(path)
        if absolute.startswith(self.prefix) and os.sep == "/":
            return absolute[len(self.prefix):]
        return display_name(path)


def is_left_out(path: Path, excluder: Excluder) -> bool:
    """Whether a named file (or an editor's buffer named by --stdin-filename) is not to be checked."""
    return path.name == CONFIG_NAME or _hidden(path) or excluder.local(path)


def _hidden(path: Path) -> bool:
    """A named file inside a hidden folder (or hidden itself), counted from the working directory.

    Folders above the working directory do not count: a repository cloned into
    ~/.cache/ is still searched.
    """
    absolute = Path(os.path.abspath(path))
    try:
        parts = absolute.relative_to(Path.cwd()).parts
    except ValueError:
        parts = (absolute.name,)
    return any(part.startswith(".") for part in parts)


def _identity(path: Path) -> Path:
    """The real file behind a path, to check it once; a symlink loop is its own identity."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return Path(os.path.abspath(path))


def display_name(path: Path) -> str:
    """The path as users should see it: relative to the working directory when inside it."""
    # abspath, not resolve: a symbolic link is reported under its own name.
    try:
        return Path(os.path.abspath(path)).relative_to(Path.cwd()).as_posix()
    except ValueError:
        return path.as_posix()
