"""Two editions of a repository, compared at scale: what `catalogtool diff` runs.

Most files of two editions are byte for byte the same, and equal bytes are equal
documents: such a pair has no changes and is never compared.  What must be known of
every file (its kind, whether it loads) and of every file that may be compared (its
structural errors, for the note on a doubtful comparison: catalogtool.diff.structure)
is one summary per (name, bytes), kept in the cache, so a file unchanged between
editions is parsed once and a file unchanged since the last run not at all.  A name
whose bytes differ between the editions is summarised and compared in one job, from
one parse of each side (catalogtool.diff.summary).  Summaries are made, and the
changed pairs compared, on every core; a worker holds one pair's documents at a time.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from catalogtool.cache import ResultCache, StatIndex, content_digest, prune
from catalogtool.config import Config, LoadLimits
from catalogtool.diff.changes import Change
from catalogtool.diff.core import pair_documents
from catalogtool.diff.inputs import Blob, Listing, Source, read_blobs
from catalogtool.diff.summary import (
    SUMMARY_SPACE,
    DocJob,
    Made,
    OneJob,
    blob_id,
    compare_pair,
    run_job,
    usable,
)
from catalogtool.errors import CatalogToolError
from catalogtool.kinds import KINDS
from catalogtool.problems import Message

PARALLEL_SUMMARIES, PARALLEL_PAIRS = 48, 4
T = TypeVar("T")
R = TypeVar("R")
Key = tuple[str, str]  # (name in the edition, digest of its bytes)


@dataclass(slots=True)
class Outcome:
    """The changes, and what the CLI's notes need: files skipped, and the structural errors of each
    edition's compared documents (those whose bytes differ from the other edition's)."""

    changes: list[Change]
    skipped: list[str] = field(default_factory=list)
    structural: tuple[int, int] = (0, 0)
    empty: list[str] = field(default_factory=list)  # folders without a single document


@dataclass(slots=True)
class _Edition:
    listing: Listing
    digests: dict[str, str] = field(default_factory=dict)  # rel -> digest

    def source(self, rel: str) -> Source:
        if len(self.by_rel) != len(self.listing.sources):
            self.by_rel = {s.rel: s for s in self.listing.sources}
        return self.by_rel[rel]

    by_rel: dict[str, Source] = field(default_factory=dict)


# ---------------------------------------------------------------- the run

class _Pool:
    """A process pool started only when there is enough work to pay for it, then shared."""

    def __init__(self, jobs: int | None) -> None:
        self.workers = jobs if jobs is not None else (os.cpu_count() or 1)
        self.pool: Executor | None = None

    def map(self, fn: Callable[[T], R], items: list[T], threshold: int) -> Iterator[R]:
        if self.workers < 2 or len(items) < threshold:
            return map(fn, items)
        if self.pool is None:
            self.pool = ProcessPoolExecutor(max_workers=self.workers)
        # Small chunks: a file takes tens of milliseconds, and the last chunk is one core's alone.
        return self.pool.map(fn, items, chunksize=max(1, len(items) // (self.workers * 32)))

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown()


def diff_listings(old: Listing, new: Listing, config: Config, *, similarity: float,
                  cache_dir: Path | None = None, jobs: int | None = None) -> Outcome:
    """The changes from edition `old` to `new` (files or folders, as listed by list_input)."""
    pool = _Pool(jobs)
    try:
        return _diff(_Edition(old), _Edition(new), config, similarity, cache_dir, pool)
    finally:
        pool.close()


def _diff(old: _Edition, new: _Edition, config: Config, similarity: float, cache_dir: Path | None,
          pool: _Pool) -> Outcome:
    summaries, compared = _summaries(old, new, config, similarity, cache_dir, pool)
    for edition in (old, new):
        _raise_failures(edition, summaries)
    if old.listing.single != new.listing.single:
        raise _mismatch(old.listing, new.listing)
    kinds = [{s.rel: str(summaries[_key(e, s)]["kind"]) for s in e.listing.sources
              if summaries[_key(e, s)]["kind"] in KINDS} for e in (old, new)]
    skipped = sorted({s.rel for e in (old, new) for s in e.listing.sources if summaries[_key(e, s)]["kind"] not in KINDS})
    if old.listing.single:
        for edition, found in zip((old, new), kinds, strict=True):
            if not found:
                raise _not_a_document(edition.listing.sources[0].display, summaries[_key(edition, edition.listing.sources[0])])
        ((old_rel, old_kind),), ((new_rel, new_kind),) = kinds[0].items(), kinds[1].items()
        if old_kind != new_kind:
            raise CatalogToolError(
                Message(f"两个文件类型不同（{old_kind} 与 {new_kind}），无法逐项比较",
                f"the two files are of different kinds ({old_kind} and {new_kind}); they cannot be compared item by item"))
        pairs: list[tuple[str | None, str | None]] = [(old_rel, new_rel)]
        skipped = []
    else:
        pairs = pair_documents(kinds[0], kinds[1])
    by_pair: dict[tuple[str | None, str | None], list[Change]] = {}
    work, work_pairs = [], []
    structural = [0, 0]  # the compared documents' (catalogtool.diff.structure)
    for o, n in pairs:
        if o is not None and n is not None and old.digests[o] == new.digests[n]:
            continue  # the same bytes: the same document, no changes
        for i, edition, rel in ((0, old, o), (1, new, n)):
            if rel is not None:
                structural[i] += int(summaries[(rel, edition.digests[rel])].get("structural", 0))
        done = compared.get((o, old.digests[o], n, new.digests[n])) if o is not None and n is not None else None
        if done is not None:
            by_pair[(o, n)] = done  # compared as the two files were summarised
            continue
        kind = kinds[1][n] if n is not None else kinds[0][o or ""]
        work.append((_doc_job(old, o, config, cache_dir), _doc_job(new, n, config, cache_dir), kind,
                     _document(old, o, n), similarity))
        work_pairs.append((o, n))
    by_pair.update(zip(work_pairs, pool.map(compare_pair, work, PARALLEL_PAIRS), strict=True))
    changes = [c for pair in pairs for c in by_pair.get(pair, [])]
    if len(pairs) > 1:
        changes.sort(key=lambda c: c.document)
    if cache_dir is not None:
        prune(cache_dir)
    empty = [e.listing.label for e, found in zip((old, new), kinds, strict=True) if not e.listing.single and not found]
    return Outcome(changes, skipped, (structural[0], structural[1]), empty)


def _document(old: _Edition, o: str | None, n: str | None) -> str:
    """The name a pair's changes are given: none for two single files, else the new (or old) name."""
    return "" if old.listing.single else (n if n is not None else o or "")


def _key(edition: _Edition, source: Source) -> Key:
    return source.rel, edition.digests[source.rel]


def _summaries(old: _Edition, new: _Edition, config: Config, similarity: float, cache_dir: Path | None,
               pool: _Pool) -> tuple[dict[Key, dict[str, Any]], dict[tuple[str, str, str, str], list[Change]]]:
    """Every file's summary, each distinct (name, bytes) made once, from the cache where it can be;
    and the changes of the pairs summarised together, by (old name, old digest, new name, new digest)."""
    index = StatIndex(cache_dir) if cache_dir is not None else None
    cache = ResultCache(cache_dir, config, SUMMARY_SPACE) if cache_dir is not None else None
    if len(old.listing.sources) + len(new.listing.sources) >= PARALLEL_SUMMARIES:
        import hashlib  # noqa: F401  # OpenSSL hashes the files' bytes 7 times faster (catalogtool.digest)
    for edition in (old, new):
        for source in edition.listing.sources:
            edition.digests[source.rel] = _main_digest(source, index, config.limits)
    if index is not None:
        index.save()
    _take_blob_ids(old, new, config.limits)
    out: dict[Key, dict[str, Any]] = {}
    todo: dict[Key, tuple[_Edition, Source, bool]] = {}
    for edition, other in ((old, new), (new, old)):
        for source in edition.listing.sources:
            key = _key(edition, source)
            if key in todo and source.oid is not None:  # a local file equal to this blob: read the blob
                todo[key] = (edition, source, todo[key][2])
            if key in out or key in todo:
                continue
            differs = other.digests.get(source.rel) != key[1]  # else the same bytes under the same name
            known = cache.get(cache.key(*key)) if cache is not None and key[1] else None
            if known is not None and usable(known, differs):
                out[key] = known
            else:
                todo[key] = (edition, source, differs)
    blobs = _blobs([(edition, source) for edition, source, _ in todo.values() if source.oid is not None], config.limits)

    def one(key: Key) -> OneJob:
        edition, source, differs = todo[key]
        return source, blobs.get(source.oid or ""), edition.listing.repo, config, cache_dir, differs, key[1]

    pairs = [((o, old.digests[o]), (n, new.digests[n])) for o, n in _changed_names(old, new)]
    pairs = [(a, b) for a, b in pairs if a != b and a in todo and b in todo]
    in_pairs = {key for pair in pairs for key in pair}
    singles = [key for key in todo if key not in in_pairs]
    jobs: list[tuple[str, Any]] = [("pair", (one(a), one(b), _document(old, a[0], b[0]), similarity)) for a, b in pairs]
    jobs += [("one", one(key)) for key in singles]
    results = pool.map(run_job, jobs, PARALLEL_SUMMARIES)
    compared: dict[tuple[str, str, str, str], list[Change]] = {}
    for a, b in pairs:
        old_made, new_made, changes = next(results)
        a, b = _made(old, a, old_made, out), _made(new, b, new_made, out)
        if changes is not None:
            compared[(a[0], a[1], b[0], b[1])] = changes
    for key in singles:
        _made(todo[key][0], key, next(results), out)
    return out, compared


def _made(edition: _Edition, key: Key, made: Made, out: dict[Key, dict[str, Any]]) -> Key:
    digest, summary = made
    if digest != key[1]:  # the file changed while we read it: go by what was checked
        edition.digests[key[0]] = digest
        key = (key[0], digest)
    out[key] = summary
    return key


def _changed_names(old: _Edition, new: _Edition) -> list[tuple[str, str]]:
    """The (old name, new name) pairs whose bytes differ and that are compared if they are documents
    of one kind: the same name in two folders, or the two single files."""
    if old.listing.single or new.listing.single:
        if old.listing.single and new.listing.single:
            return [(old.listing.sources[0].rel, new.listing.sources[0].rel)]
        return []
    return [(rel, rel) for rel in old.digests if rel in new.digests and old.digests[rel] != new.digests[rel]]


def _main_digest(source: Source, index: StatIndex | None, limits: LoadLimits) -> str:
    if source.oid is not None:
        return f"git-{source.oid}"
    assert source.path is not None
    if index is not None:
        found = index.digest(Path(source.path), limits.max_file_bytes)
        if found is not None:
            return found
    try:
        with open(source.path, "rb") as handle:
            return content_digest(handle.read(limits.max_file_bytes + 1))
    except OSError:
        return ""


def _take_blob_ids(old: _Edition, new: _Edition, limits: LoadLimits) -> None:
    """A local file with the bytes of a git blob of the other edition takes the blob's digest: equal
    bytes, so it is not compared, and under the same name summarised once (`diff HEAD:2027 2027`)."""
    for local, git in ((old, new), (new, old)):
        theirs = {digest.removeprefix("git-") for digest in git.digests.values() if digest.startswith("git-")}
        for source in local.listing.sources if theirs else ():
            if source.path is None:
                continue
            try:
                with open(source.path, "rb") as handle:
                    content = handle.read(limits.max_file_bytes + 1)
            except OSError:
                continue
            oid = blob_id(content, len(next(iter(theirs))))
            if len(content) <= limits.max_file_bytes and oid in theirs:
                local.digests[source.rel] = f"git-{oid}"


def _blobs(pending: list[tuple[_Edition, Source]], limits: LoadLimits) -> dict[str, Blob]:
    by_repo: dict[Path, list[str]] = {}
    for edition, source in pending:
        assert edition.listing.repo is not None and source.oid is not None
        by_repo.setdefault(edition.listing.repo, []).append(source.oid)
    return {oid: blob for repo, oids in by_repo.items() for oid, blob in read_blobs(repo, sorted(set(oids)), limits).items()}


def _doc_job(edition: _Edition, rel: str | None, config: Config, cache_dir: Path | None) -> DocJob | None:
    if rel is None:
        return None
    source = edition.source(rel)
    return source, edition.digests[rel], edition.listing.repo, config.limits, cache_dir


def _raise_failures(edition: _Edition, summaries: dict[tuple[str, str], dict[str, Any]]) -> None:
    failures = [(s.display, summaries[_key(edition, s)]["failure"]) for s in edition.listing.sources]
    failures = [(display, failure) for display, failure in failures if failure]
    if not failures:
        return
    zh = "\n".join(f"{display}:{failure[0]}" for display, failure in failures)
    en = "\n".join(f"{display}:{failure[1]}" for display, failure in failures)
    raise CatalogToolError(
        Message(f"以下文件无法读取，不能比较（可运行 catalogtool validate 查看详情）：\n{zh}",
        f"these files cannot be loaded, so they cannot be compared (run catalogtool validate for details):\n{en}"),
    )


def _not_a_document(display: str, summary: dict[str, Any]) -> CatalogToolError:
    kind = summary["kind"]
    zh = "缺少 kind" if kind is None else f"kind 为 {kind}"
    en = "no kind" if kind is None else f"kind is {kind}"
    return CatalogToolError(
        Message(f"{display} 不是 catalogtool 文档（{zh}；应为 {'、'.join(KINDS)} 之一）",
        f"{display} is not a catalogtool document ({en}; expected one of {', '.join(KINDS)})"),
    )


def _mismatch(old: Listing, new: Listing) -> CatalogToolError:
    zh = ("文件", "目录") if old.single else ("目录", "文件")
    en = ("file", "directory") if old.single else ("directory", "file")
    return CatalogToolError(
        Message(f"{old.label} 是{zh[0]}，{new.label} 却是{zh[1]}：请文件对文件、目录对目录地比较",
        f"{old.label} is a {en[0]} but {new.label} is a {en[1]}: compare a file with a file, or a directory with a directory"),
    )
