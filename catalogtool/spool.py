"""Run-wide facts kept on disk until a run-wide rule asks for them, so a run's memory does not grow
with its catalogs.

A catalog's facts (every item's code, name, township flag and providers, for three run-wide
rules) are about 100 KB in memory; a national run has 2,850 catalogs, and the run-wide rules
look inside them only when a list or plan refers to something (usually never, or a few
catalogs).  So the engine keeps a large fact as a `SpooledFact`: its scalar fields (kind flag,
year, region: what the rules select catalogs by) in memory, the rest compressed in a temporary
file of this process, read back when a rule reads one of those fields.  The file is private to
the run and deleted with it; pickle is safe here because only this process writes and reads it.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator, Mapping
from typing import IO, Any

# Facts whose pickled form is larger than this are spooled (a township's list: about 50 bytes).
SPOOL_BYTES = 2048
# Facts read back recently, kept whole (a plan's references are looked up in one catalog at a time).
RECENT = 8


class Spool:
    """An append-only temporary file of compressed facts, read back by offset."""

    def __init__(self) -> None:
        self._file: IO[bytes] | None = None
        self._recent: dict[int, dict[str, Any]] = {}

    def keep(self, fact: Any) -> Any:
        """`fact` as it should be held for the rest of the run: itself, or a SpooledFact for a large mapping."""
        if not isinstance(fact, dict):
            return fact
        import pickle  # not at start-up: a one-file run has no facts to keep

        payload = pickle.dumps(fact, protocol=pickle.HIGHEST_PROTOCOL)
        if len(payload) <= SPOOL_BYTES:
            return fact
        if self._file is None:
            import tempfile  # only a run with large facts needs it; a one-file run starts without it

            self._file = tempfile.TemporaryFile(prefix="catalogtool-facts-")  # noqa: SIM115 (closed by close())
        offset = self._file.seek(0, 2)
        data = zlib.compress(payload, 1)
        self._file.write(data)
        scalars = {k: v for k, v in fact.items() if v is None or isinstance(v, (str, int, float, bool))}
        return SpooledFact(self, offset, len(data), scalars, tuple(fact))

    def read(self, offset: int, length: int) -> dict[str, Any]:
        whole = self._recent.get(offset)
        if whole is None:
            assert self._file is not None
            import pickle

            self._file.seek(offset)
            whole = pickle.loads(zlib.decompress(self._file.read(length)))
            if len(self._recent) >= RECENT:
                del self._recent[next(iter(self._recent))]
            self._recent[offset] = whole
        return whole

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None
        self._recent.clear()


class SpooledFact(Mapping[str, Any]):
    """A fact mapping whose scalar fields are in memory and whose other fields are read from the spool."""

    __slots__ = ("_keys", "_length", "_offset", "_scalars", "_spool")

    def __init__(self, spool: Spool, offset: int, length: int, scalars: dict[str, Any], keys: tuple[str, ...]) -> None:
        self._spool = spool
        self._offset = offset
        self._length = length
        self._scalars = scalars
        self._keys = keys

    def __getitem__(self, key: str) -> Any:
        if key in self._scalars:
            return self._scalars[key]
        if key not in self._keys:
            raise KeyError(key)
        return self._spool.read(self._offset, self._length)[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)

    def __contains__(self, key: object) -> bool:
        return key in self._keys

    def whole(self) -> dict[str, Any]:
        return dict(self._spool.read(self._offset, self._length))


def plain(fact: Any) -> Any:
    """A fact as a plain value again (for a cache entry written after spooling)."""
    return fact.whole() if isinstance(fact, SpooledFact) else fact


def keep_all(spool: Spool, facts: Mapping[str, Any]) -> dict[str, Any]:
    """Each of a file's facts as it should be held (see Spool.keep)."""
    return {rule: spool.keep(fact) for rule, fact in facts.items()}
