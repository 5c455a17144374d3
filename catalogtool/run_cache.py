"""A whole run's result, cached: validating an unchanged repository again reads one entry.

Each file's entry (catalogtool.cache) holds the facts the run-wide rules need (every
catalog's codes, every plan's references), so a warm run that reads hundreds of them and
runs the run-wide rules again still costs seconds.  When every file of the run has the
bytes, name and configuration it had, the run's result is the same too, with one
exception this module records: files outside the run that a run-wide rule read (a plan
naming its catalog by path).  Their hashes are kept with the entry and checked on every
hit, so an edit there is never missed.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from catalogtool.cache import ResultCache, StatIndex, problem_from_json, problem_to_json
from catalogtool.config import Config
from catalogtool.digest import sha256

if TYPE_CHECKING:
    from catalogtool.problems import Problem

# What a run's entry gives back: each file's kind and item count by name, the problems, the suppressed ones.
Stored = tuple[dict[str, tuple[str | None, int]], list["Problem"], list[tuple["Problem", str]]]

SPACE = "runs"
# Files outside the run read by run-wide rules, checked on a hit: beyond this many, the run is not kept.
MAX_CONSULTED = 1000


class RunCache:
    """Digests of a run's files (through the stat index), and the run's entry keyed by all of them."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.index = StatIndex(self.folder)
        self._caches: dict[int, ResultCache] = {}

    def cache_for(self, config: Config, space: str = "results") -> ResultCache:
        key = hash((id(config), space))
        if key not in self._caches:
            self._caches[key] = ResultCache(self.folder, config, space)
        return self._caches[key]

    def digests(self, files: list[tuple[Path, str, Config]]) -> list[str | None]:
        return [self.index.digest(path, config.limits.max_file_bytes) for path, _, config in files]

    def key(self, files: list[tuple[Path, str, Config]], digests: list[str | None]) -> str | None:
        """The run's key: every file's own key (name, bytes, configuration, version, schemas) in order."""
        if not files or any(d is None for d in digests):
            return None  # an unreadable file: the uncached path reports it
        hasher = sha256()
        for (_, name, config), digest in zip(files, digests, strict=True):
            assert digest is not None
            hasher.update(self.cache_for(config, SPACE).key(name, digest).encode() + b"\n")
        return hasher.hexdigest()

    def get(self, key: str) -> Stored | None:
        entry = ResultCache(self.folder, Config(), SPACE).get(key)
        if entry is None:
            return None
        try:
            for path, digest in entry["consulted"]:
                if self.index.digest(Path(path), Config().limits.max_file_bytes) != digest:
                    return None
            files = {str(name): (None if kind is None else str(kind), int(items)) for name, kind, items in entry["files"]}
            problems = [problem_from_json(p) for p in entry["problems"]]
            suppressed = [(problem_from_json(p), str(reason)) for p, reason in entry["suppressed"]]
        except (KeyError, TypeError, ValueError):
            return None  # a damaged entry is a miss
        return files, problems, suppressed

    def put(self, key: str, files: list[tuple[str, str | None, int]], problems: list[Problem],
            suppressed: list[tuple[Problem, str]], consulted: list[str]) -> None:
        """Keep the run's result, with the hashes of the files outside it that it read (none kept if too many)."""
        if len(consulted) > MAX_CONSULTED:
            return
        hashes = []
        for path in consulted:
            digest = self.index.digest(Path(path), Config().limits.max_file_bytes)
            if digest is None:
                return  # a file it read is gone or unreadable now: nothing to vouch for
            hashes.append([path, digest])
        ResultCache(self.folder, Config(), SPACE).put(key, {
            "files": [list(f) for f in files],
            "problems": [problem_to_json(p) for p in problems],
            "suppressed": [[problem_to_json(p), reason] for p, reason in suppressed],
            "consulted": hashes,
        })

    def save(self) -> None:
        self.index.save()

