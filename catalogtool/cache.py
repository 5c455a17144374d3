"""The cache that makes a repeated run warm: a file whose bytes, name, configuration, schemas
and tool version are unchanged is not parsed or checked again.

It lives in the user's cache folder (platformdirs), or CATALOGTOOL_CACHE_DIR, or
`--cache-dir`.  Entries are JSON, never pickle: a cache directory may be restored
from CI storage or slipped into a pull request, and reading it must not run code.
A corrupt, torn or foreign entry is simply a miss.  Each entry is written to a
temporary file and renamed into place, so concurrent runs need no lock: a reader
sees a whole entry or none, and two writers of one key write the same thing.

Never stale: an entry's key is a hash of everything its result depends on (see
ResultCache.salt).  To skip re-hashing unchanged files, a stat index maps a file's
(device, inode, size, mtime, ctime) to the hash of its bytes; a file changed within
RACY_SECONDS of being hashed is not indexed (as git does for its index), so a
change that leaves every one of those the same cannot be missed.

Bounded: when a run has written entries and the folder holds more than MAX_BYTES,
the least recently used entries (by mtime; a hit older than a day is touched) are
removed until it holds 3/4 of that.  Entries of an older tool version are never
hit again, so they go first in the normal course.
"""

from __future__ import annotations

import contextlib
import enum
import errno
import json
import os
import re
import stat
import time
from pathlib import Path
from typing import Any

import catalogtool
from catalogtool.config import Config
from catalogtool.digest import sha256, sha256_hex
from catalogtool.problems import Level, Message, Problem
from catalogtool.record import Record, as_dict

FORMAT_VERSION = 3  # 3: entries hold each file's suppression facts
MAX_BYTES = 1 << 30
# Every folder of the cache that holds entries, including those older versions wrote
# ("facts", "editions"), so the cap bounds all of it; only these are ever removed from, as
# CATALOGTOOL_CACHE_DIR may name a folder that holds other things too.
PRUNED_SPACES = ("results", "docs", "diff", "index", "runs", "validators", "facts", "editions")
RACY_SECONDS = 3.0
TOUCH_SECONDS = 86_400
ENV = "CATALOGTOOL_CACHE_DIR"


def default_folder() -> Path:
    """CATALOGTOOL_CACHE_DIR, else the platform's user cache folder for catalogtool."""
    given = os.environ.get(ENV)
    if given:
        return Path(given)
    from catalogtool.cache_folder import user_cache_folder

    return Path(user_cache_folder())


def _create_temporary(folder: Path, prefix: str, suffix: str = "") -> tuple[int, str]:
    """tempfile.mkstemp's new private file, without importing tempfile (shutil, random, bz2,
    lzma: 12 M instructions of a one-file run)."""
    flags = os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        name = os.path.join(folder, f"{prefix}{os.urandom(6).hex()}{suffix}")
        try:
            return os.open(name, flags, 0o600), name
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no unused temporary file name", str(folder))


def unusable(folder: Path) -> Message | None:
    """Why results cannot be kept in `folder` (the run then goes on uncached), or None."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = _create_temporary(folder, ".probe.")
        os.close(fd)
        os.unlink(tmp)
    except OSError as error:
        from catalogtool.errors import os_reason

        zh, en = os_reason(error)
        return Message(f"无法写入缓存目录 {folder}（{zh}），本次不使用缓存",
                       f"cannot write to the cache folder {folder} ({en}); running without the cache")
    return None


# ---------------------------------------------------------------- what a result depends on

def _plain(value: Any) -> Any:
    """A JSON-able image of a configuration value, whatever fields Config grows."""
    if isinstance(value, Record):
        return {name: _plain(field) for name, field in as_dict(value).items()}
    if isinstance(value, enum.Enum):
        return _plain(value.value)
    if isinstance(value, dict):
        return [[_plain(k), _plain(v)] for k, v in sorted(value.items(), key=lambda kv: repr(kv[0]))]
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted(repr(_plain(v)) for v in value)
    if isinstance(value, re.Pattern):
        return ["re", value.pattern, value.flags]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return [type(value).__qualname__, repr(value)]


def config_fingerprint(config: Config) -> str:
    """Every field of the resolved configuration a file is checked with."""
    return json.dumps(_plain(config), ensure_ascii=False, default=repr)


_schemas_memo: dict[tuple[Any, ...], str] = {}


def schemas_fingerprint() -> str:
    """A hash of every schema file of every registered kind (re-read when one changes on disk)."""
    from catalogtool.schemas import schema_file, schema_names

    files = [schema_file(name) for name in schema_names()]
    stamp = []
    for file in files:
        try:
            status = file.stat()
            stamp.append((str(file), status.st_size, status.st_mtime_ns, status.st_ino))
        except OSError:
            stamp.append((str(file), -1, -1, -1))
    memo_key = tuple(stamp)
    if memo_key not in _schemas_memo:
        digest = sha256()
        for file in files:
            digest.update(str(file.name).encode() + b"\0")
            with contextlib.suppress(OSError):
                digest.update(file.read_bytes())
            digest.update(b"\0")
        _schemas_memo.clear()
        _schemas_memo[memo_key] = digest.hexdigest()
    return _schemas_memo[memo_key]


def content_digest(content: bytes) -> str:
    return sha256_hex(content)


# ---------------------------------------------------------------- entries

def _read_json(path: Path) -> Any:
    try:
        with open(path, "rb") as handle:
            return json.loads(handle.read())
    except (OSError, ValueError):
        return None


def _write_json(path: Path, data: Any) -> bool:
    """Write-then-rename, without fsync: a torn entry after a power cut is a miss, not a wrong result."""
    try:
        payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = _create_temporary(path.parent, f".{path.name}.", ".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(payload)
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
    except (OSError, ValueError, TypeError):  # a read-only or full cache must not fail the run
        return False
    return True


def _touch(path: Path) -> None:
    """Mark an entry as used (for pruning), at most once a day so warm runs stay read-only."""
    with contextlib.suppress(OSError):
        if time.time() - path.stat().st_mtime > TOUCH_SECONDS:
            os.utime(path)


class ResultCache:
    """Entries under `folder/<space>/`, keyed by (namespace, tool version, schemas, configuration)."""

    def __init__(self, folder: Path, config: Config, space: str = "results") -> None:
        self.folder = Path(folder) / space
        self.salt = "\0".join((str(FORMAT_VERSION), space, catalogtool.__version__, schemas_fingerprint(),
                               config_fingerprint(config))).encode("utf-8")

    def key(self, display: str, digest: str) -> str:
        """The key of file `display` whose bytes hash to `digest`."""
        hasher = sha256(self.salt)
        hasher.update(b"\0" + display.encode("utf-8", "surrogateescape") + b"\0" + digest.encode())
        return hasher.hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str) -> dict[str, Any] | None:
        path = self._path(key)
        data = _read_json(path)
        if not isinstance(data, dict) or data.get("key") != key:
            return None
        _touch(path)
        return data

    def put(self, key: str, entry: dict[str, Any]) -> bool:
        return _write_json(self._path(key), {"key": key, **entry})


def problem_to_json(problem: Problem) -> dict[str, Any]:
    return {"file": problem.file, "line": problem.line, "column": problem.column, "pointer": problem.pointer,
            "rule": problem.rule, "level": problem.level.value, "zh": problem.message.zh, "en": problem.message.en}


def problem_from_json(data: dict[str, Any]) -> Problem:
    return Problem(str(data["file"]), int(data["line"]), int(data["column"]), str(data["pointer"]),
                   str(data["rule"]), Level(data["level"]), Message(str(data["zh"]), str(data["en"])))


# ---------------------------------------------------------------- the stat index

class StatIndex:
    """(device, inode, size, mtime_ns, ctime_ns) of a file → the hash of its bytes, one shard per folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder) / "index"
        self.shards: dict[str, dict[str, list[Any]]] = {}
        self.dirty: set[str] = set()

    def _shard(self, parent: str) -> dict[str, list[Any]]:
        if parent not in self.shards:
            data = _read_json(self._shard_path(parent))
            ok = isinstance(data, dict) and data.get("folder") == parent and isinstance(data.get("files"), dict)
            self.shards[parent] = data["files"] if ok else {}
        return self.shards[parent]

    def _shard_path(self, parent: str) -> Path:
        name = sha256(parent.encode("utf-8", "surrogateescape")).hexdigest()[:32]
        return self.folder / name[:2] / f"{name}.idx"

    @staticmethod
    def _stamp(status: os.stat_result) -> list[int]:
        return [status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns, status.st_ctime_ns]

    def digest(self, path: Path, max_bytes: int) -> str | None:
        """The hash of `path`'s bytes, from the index or by reading it; None for anything but a
        readable regular file within the size limit (the uncached path then reports it)."""
        try:
            absolute = os.path.abspath(path)
            status = os.stat(absolute)
            if not stat.S_ISREG(status.st_mode) or status.st_size > max_bytes:
                return None
            parent, name = os.path.split(absolute)
            shard = self._shard(parent)
            stamp = self._stamp(status)
            known = shard.get(name)
            if isinstance(known, list) and len(known) == 2 and known[0] == stamp and isinstance(known[1], str):
                return known[1]
            with open(absolute, "rb") as handle:
                content = handle.read()
                after = os.fstat(handle.fileno())
        except (OSError, ValueError):
            return None
        digest = content_digest(content)
        racy = time.time_ns() - max(status.st_mtime_ns, status.st_ctime_ns) < RACY_SECONDS * 1e9
        if self._stamp(after) == stamp and not racy:
            shard[name] = [stamp, digest]
            self.dirty.add(parent)
        elif name in shard:
            del shard[name]
            self.dirty.add(parent)
        return digest

    def save(self) -> None:
        for parent in sorted(self.dirty):
            _write_json(self._shard_path(parent), {"folder": parent, "files": self.shards[parent]})
        self.dirty.clear()


# ---------------------------------------------------------------- bounds

PRUNE_EVERY = 600.0


def prune(folder: Path, max_bytes: int = MAX_BYTES, every: float = PRUNE_EVERY) -> int:
    """Remove the least recently used entries while the cache holds more than `max_bytes`; how many went.

    The folder is measured at most once every `every` seconds (a marker file says when), so a
    pre-commit run that checks one changed file does not walk the whole cache.
    """
    marker = Path(folder) / "last-prune"
    with contextlib.suppress(OSError):
        if time.time() - marker.stat().st_mtime < every:
            return 0
    if not _write_json(marker, time.time()):
        return 0
    entries: list[tuple[float, int, str]] = []
    total = 0
    for space in PRUNED_SPACES:
        with contextlib.suppress(OSError):
            for bucket in os.scandir(Path(folder) / space):
                with contextlib.suppress(OSError):
                    # Entries sit in buckets named by their key's first characters; validators lie flat.
                    found = os.scandir(bucket.path) if bucket.is_dir(follow_symlinks=False) else iter((bucket,))
                    for entry in found:
                        with contextlib.suppress(OSError):
                            status = entry.stat(follow_symlinks=False)
                            if not stat.S_ISREG(status.st_mode):
                                continue
                            entries.append((status.st_mtime, status.st_size, entry.path))
                            total += status.st_size
    if total <= max_bytes:
        return 0
    removed = 0
    for _, size, path in sorted(entries):
        if total <= max_bytes * 3 // 4:
            break
        with contextlib.suppress(OSError):
            os.unlink(path)
            removed += 1
        total -= size
    return removed
