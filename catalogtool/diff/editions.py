"""Two editions of a repository, compared at scale: what `catalogtool diff` runs.

Most files of two editions are byte for byte the same, and equal bytes are equal
documents: such a pair has no changes and is never parsed.  What must be known of
every file (its kind, whether it loads, its validation errors for the note on a
doubtful edition) is one summary per (name, bytes), kept in the cache, so a file
unchanged between editions is summarised once and a file unchanged since the last
run not at all.  Summaries are made, and the changed pairs parsed and compared,
on every core; a worker holds one pair's documents at a time, and the parsed
documents of changed files are cached too (JSON, keyed by their bytes).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from catalogtool.cache import ResultCache, StatIndex, content_digest, prune
from catalogtool.config import Config, LoadLimits
from catalogtool.diff.changes import Change
from catalogtool.diff.core import compare, pair_documents
from catalogtool.diff.inputs import (
    Blob,
    Listing,
    Source,
    _failed,
    _load_failure,
    load_blob,
    read_blobs,
)
from catalogtool.document import Document
from catalogtool.engine import FileReport, check_document, finish_run, internal_problem
from catalogtool.errors import CatalogToolError
from catalogtool.kinds import KINDS
from catalogtool.problems import Level, Message

SUMMARY_SPACE, FACTS_SPACE, EDITION_SPACE, DOCS_SPACE = "diff", "facts", "editions", "docs"
SUMMARY_FIELDS = frozenset({"kind", "failure", "errors"})
PARALLEL_SUMMARIES, PARALLEL_PAIRS = 48, 4
T = TypeVar("T")
R = TypeVar("R")
DocJob = tuple[Source, str, Path | None, LoadLimits, Path | None]


@dataclass(slots=True)
class Outcome:
    """The changes, and what the CLI's notes need: files skipped, and validation errors per edition."""

    changes: list[Change]
    skipped: list[str] = field(default_factory=list)
    errors: tuple[int, int] = (0, 0)
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


# ---------------------------------------------------------------- work done in worker processes

def _read(source: Source, repo: Path | None, limits: LoadLimits) -> Blob:
    if source.oid is not None:
        assert repo is not None
        return read_blobs(repo, [source.oid], limits)[source.oid]
    assert source.path is not None
    with open(source.path, "rb") as handle:
        return handle.read(limits.max_file_bytes + 1)  # the loader reports a file over the limit


def _digest(source: Source, content: Blob) -> str:
    if source.oid is not None:
        return f"git-{source.oid}"
    assert isinstance(content, bytes)  # only blobs are ever left unread
    return content_digest(content)


def summarize(job: tuple[Source, Blob | None, Path | None, Config, Path | None]) -> tuple[str, dict[str, Any]]:
    """(digest, summary) of one file: its kind, why it does not load, its errors and run-wide facts."""
    source, content, repo, config, cache_dir = job
    try:
        content = content if content is not None else _read(source, repo, config.limits)
    except OSError as error:
        return "", {"kind": None, "failure": [f"1:1: {error}", f"1:1: {error}"], "errors": 0, "facts": {}}
    digest = _digest(source, content)
    cache = ResultCache(cache_dir, config, SUMMARY_SPACE) if cache_dir is not None else None
    key = cache.key(source.rel, digest) if cache is not None else ""
    known = cache.get(key) if cache is not None else None
    facts = _facts_cache(cache_dir, config).get(key) if known is not None and cache_dir is not None else None
    if known is not None and known.keys() >= SUMMARY_FIELDS and facts is not None and "facts" in facts:
        return digest, {**known, "facts": facts["facts"]}
    try:
        doc = load_blob(content, source.rel, config.limits)
        summary = _summary(doc, config)
    except Exception as error:  # confined to this file, as in validate
        problem = internal_problem(source.display, error)
        return digest, {"kind": None, "failure": [f"1:1: [{problem.rule}] {problem.message.zh}",
                                                  f"1:1: [{problem.rule}] {problem.message.en}"], "errors": 0, "facts": {}}
    if cache is not None and cache_dir is not None:
        _facts_cache(cache_dir, config).put(key, {"facts": summary["facts"]})
        cache.put(key, {k: v for k, v in summary.items() if k != "facts"})  # after the facts: a hit has both
    return digest, summary


def _facts_cache(cache_dir: Path, config: Config) -> ResultCache:
    """Run-wide facts apart from the summaries: a warm diff whose editions are known needs none."""
    return ResultCache(cache_dir, config, FACTS_SPACE)


def _summary(doc: Document, config: Config) -> dict[str, Any]:
    if _failed(doc):
        first = _load_failure(doc)  # "rel:line:column: [rule] message": kept without the name
        prefix = f"{doc.path}:"
        return {"kind": doc.kind, "failure": [first.zh.removeprefix(prefix), first.en.removeprefix(prefix)],
                "errors": 0, "facts": {}}
    if doc.kind not in KINDS:
        return {"kind": doc.kind, "failure": None, "errors": 0, "facts": {}}
    # As before: the note counts the errors of the documents themselves, as export checks them.
    report = check_document(Document(doc.path, data=doc.data), config)
    errors = sum(1 for p in report.problems if p.level is Level.ERROR)
    return {"kind": doc.kind, "failure": None, "errors": errors, "facts": report.facts}


def document_data(job: DocJob) -> Any:
    """One file's parsed data, from the documents cache or parsed (and then kept)."""
    source, digest, repo, limits, cache_dir = job
    cache = ResultCache(cache_dir, Config(limits=limits), DOCS_SPACE) if cache_dir is not None else None
    key = cache.key("", digest) if cache is not None else ""
    known = cache.get(key) if cache is not None else None
    if known is not None and "data" in known:
        return known["data"]
    content = _read(source, repo, limits)
    data = load_blob(content, source.display, limits).data
    if cache is not None and _digest(source, content) == digest and _plain_json(data):
        cache.put(key, {"data": data})
    return data


def _plain_json(data: Any) -> bool:
    """Whether JSON gives `data` back as it is (text keys only; the loader makes nothing else)."""
    stack = [data]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if not all(isinstance(k, str) for k in node):
                return False
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
        elif not (node is None or isinstance(node, (str, int, float, bool))):
            return False
    return True


def compare_pair(job: tuple[DocJob | None, DocJob | None, str, str, float]) -> list[Change]:
    """The changes of one pair of documents, parsed here and let go when done."""
    old_job, new_job, kind, document, similarity = job
    old = document_data(old_job) if old_job is not None else None
    new = document_data(new_job) if new_job is not None else None
    return compare(old, new, kind=kind, document=document, similarity=similarity)


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
        return self.pool.map(fn, items, chunksize=max(1, len(items) // (self.workers * 8)))

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
    summaries = _summaries((old, new), config, cache_dir, pool)
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
    work = []
    for o, n in pairs:
        if o is not None and n is not None and old.digests[o] == new.digests[n]:
            continue  # the same bytes: the same document, no changes
        kind = kinds[1][n] if n is not None else kinds[0][o or ""]
        document = "" if old.listing.single else (n if n is not None else o or "")
        work.append((_doc_job(old, o, config, cache_dir), _doc_job(new, n, config, cache_dir), kind, document, similarity))
    changes = [c for found in pool.map(compare_pair, work, PARALLEL_PAIRS) for c in found]
    if len(pairs) > 1:
        changes.sort(key=lambda c: c.document)
    errors = tuple(_errors(e, kinds[i], summaries, config, cache_dir, pool) for i, e in enumerate((old, new)))
    if cache_dir is not None:
        prune(cache_dir)
    empty = [e.listing.label for e, found in zip((old, new), kinds, strict=True) if not e.listing.single and not found]
    return Outcome(changes, skipped, (errors[0], errors[1]), empty)


def _key(edition: _Edition, source: Source) -> tuple[str, str]:
    return source.rel, edition.digests[source.rel]


def _summaries(editions: Iterable[_Edition], config: Config, cache_dir: Path | None,
               pool: _Pool) -> dict[tuple[str, str], dict[str, Any]]:
    """Every file's summary, each distinct (name, bytes) made once, from the cache where it can be."""
    index = StatIndex(cache_dir) if cache_dir is not None else None
    cache = ResultCache(cache_dir, config, SUMMARY_SPACE) if cache_dir is not None else None
    out: dict[tuple[str, str], dict[str, Any]] = {}
    todo: dict[tuple[str, str], tuple[_Edition, Source]] = {}
    for edition in editions:
        for source in edition.listing.sources:
            digest = _main_digest(source, index, config.limits)
            edition.digests[source.rel] = digest
            key = (source.rel, digest)
            if key in out or key in todo:
                continue
            known = cache.get(cache.key(source.rel, digest)) if cache is not None and digest else None
            if known is not None and known.keys() >= SUMMARY_FIELDS:
                out[key] = known
            else:
                todo[key] = (edition, source)
    if index is not None:
        index.save()
    blobs = _blobs([pair for pair in todo.values() if pair[1].oid is not None], config.limits)
    jobs = [(source, blobs.get(source.oid or ""), edition.listing.repo, config, cache_dir)
            for edition, source in todo.values()]
    for (key, (edition, source)), (digest, summary) in zip(todo.items(), pool.map(summarize, jobs, PARALLEL_SUMMARIES),
                                                           strict=True):
        if digest != key[1]:  # the file changed while we read it: go by what was checked
            edition.digests[source.rel] = digest
            key = (source.rel, digest)
        out[key] = summary
    return out


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


def _errors(edition: _Edition, kinds: dict[str, str], summaries: dict[tuple[str, str], dict[str, Any]],
            config: Config, cache_dir: Path | None, pool: _Pool) -> int:
    """Validation errors of an edition's documents: each file's own, then the run-wide rules' (kept
    in the cache by the names and bytes of all the edition's documents)."""
    keys = [_key(edition, s) for s in edition.listing.sources if s.rel in kinds]
    errors = sum(int(summaries[key]["errors"]) for key in keys)
    cache = ResultCache(cache_dir, config, EDITION_SPACE) if cache_dir is not None else None
    edition_key = cache.key("", "\0".join(f"{rel}\0{digest}" for rel, digest in sorted(keys))) if cache else ""
    known = cache.get(edition_key) if cache is not None else None
    if known is not None and isinstance(known.get("errors"), int):
        return errors + int(known["errors"])
    facts = _all_facts(edition, keys, summaries, config, cache_dir, pool)
    reports = [FileReport(rel, kinds[rel], 0, [], facts[rel], document=Document(rel)) for rel, _ in keys]
    found = finish_run(reports, config).errors
    if cache is not None:
        cache.put(edition_key, {"errors": found})
    return errors + found


def _all_facts(edition: _Edition, keys: list[tuple[str, str]], summaries: dict[tuple[str, str], dict[str, Any]],
               config: Config, cache_dir: Path | None, pool: _Pool) -> dict[str, dict[str, Any]]:
    """Each document's run-wide facts: made this run, or cached, or (an entry pruned) made again."""
    out: dict[str, dict[str, Any]] = {}
    missing = []
    for rel, digest in keys:
        summary = summaries[(rel, digest)]
        if "facts" not in summary and cache_dir is not None:
            entry = _facts_cache(cache_dir, config).get(ResultCache(cache_dir, config, SUMMARY_SPACE).key(rel, digest))
            if entry is not None and isinstance(entry.get("facts"), dict):
                summary["facts"] = entry["facts"]
        if "facts" in summary:
            out[rel] = dict(summary["facts"])
        else:
            missing.append(edition.source(rel))
    jobs = [(source, None, edition.listing.repo, config, None) for source in missing]
    for source, (_, summary) in zip(missing, pool.map(summarize, jobs, PARALLEL_SUMMARIES), strict=True):
        out[source.rel] = dict(summary["facts"])
    return out


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
