"""What `diff` does in its worker processes: one file's summary, or a changed pair summarised and
compared from one parse of each side; and the parsed documents kept for the next run.

A summary is what the run needs of every file: its kind, why it does not load, and its
structural errors (catalogtool.diff.structure) for the CLI's note on a doubtful edition.
It is kept in the cache by (name, bytes); a file that will be compared also leaves its
parsed document there (JSON, keyed by its bytes), so no file is parsed twice in a run
and a warm run parses nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from catalogtool.cache import ResultCache, content_digest
from catalogtool.config import Config, LoadLimits
from catalogtool.diff.changes import Change
from catalogtool.diff.core import compare
from catalogtool.diff.inputs import Blob, Source, _failed, _load_failure, load_blob, read_blobs
from catalogtool.diff.structure import structural_errors
from catalogtool.document import Document
from catalogtool.engine import internal_problem
from catalogtool.kinds import KINDS

SUMMARY_SPACE, DOCS_SPACE = "diff", "docs"
SUMMARY_FIELDS = frozenset({"kind", "failure"})  # and "structural" for a file that is compared
DocJob = tuple[Source, str, Path | None, LoadLimits, Path | None]
# One file to summarise: (source, its bytes if read already, git repository, config, cache, compared):
# a file that may be compared (its bytes differ from the other edition's under its name) has its
# structural errors counted and its parsed document kept for the comparison.
OneJob = tuple[Source, Blob | None, Path | None, Config, Path | None, bool, str]  # ..., the digest found
# A name whose bytes differ between the editions: both sides, the name of its changes, the similarity
PairJob = tuple[OneJob, OneJob, str, float]
Made = tuple[str, dict[str, Any]]  # (digest of the bytes summarised, summary)


def usable(summary: dict[str, Any] | None, compared: bool) -> bool:
    """Whether a cached summary answers for a file (a compared one needs its structural errors)."""
    return summary is not None and summary.keys() >= SUMMARY_FIELDS and (not compared or "structural" in summary)


def run_job(job: tuple[str, Any]) -> Any:
    """A worker's task, a pair or one file: one map over both keeps every core busy."""
    what, args = job
    return summarize_pair(args) if what == "pair" else summarize(args)


def _read(source: Source, repo: Path | None, limits: LoadLimits) -> Blob:
    if source.oid is not None:
        assert repo is not None
        return read_blobs(repo, [source.oid], limits)[source.oid]
    assert source.path is not None
    with open(source.path, "rb") as handle:
        return handle.read(limits.max_file_bytes + 1)  # the loader reports a file over the limit


def _digest(source: Source, content: Blob, like: str) -> str:
    """The digest of a file's bytes, in the form the run found it in (`like`): a local file equal to a
    git blob of the other edition goes by the blob's id (catalogtool.diff.editions)."""
    if source.oid is not None:
        return f"git-{source.oid}"
    assert isinstance(content, bytes)  # only blobs are ever left unread
    if like.startswith("git-"):
        return f"git-{blob_id(content, len(like) - 4)}"
    return content_digest(content)


def blob_id(content: bytes, length: int) -> str:
    """git's id of a blob of these bytes: SHA-1, or SHA-256 in a repository whose ids are 64 long."""
    import hashlib

    hasher = hashlib.sha256() if length == 64 else hashlib.sha1(usedforsecurity=False)
    hasher.update(b"blob %d\0" % len(content))
    hasher.update(content)
    return hasher.hexdigest()


def summarize(job: OneJob) -> Made:
    """(digest, summary) of one file: its kind, why it does not load, its structural errors if compared."""
    digest, summary, doc = _summarized(job)
    if doc is not None and job[5] and summary["kind"] in KINDS:
        _keep_document(digest, doc.data, job[3].limits, job[4])  # it will be compared: not parsed again
    return digest, summary


def summarize_pair(job: PairJob) -> tuple[Made, Made, list[Change] | None]:
    """Both sides' summaries and, when they are documents of one kind (so pair_documents pairs
    them), their changes, from one parse of each side."""
    old_job, new_job, document, similarity = job
    old_digest, old, old_doc = _summarized(old_job)
    new_digest, new, new_doc = _summarized(new_job)
    changes = None
    if old_doc is not None and new_doc is not None and old["kind"] in KINDS and old["kind"] == new["kind"]:
        changes = compare(old_doc.data, new_doc.data, kind=str(old["kind"]), document=document, similarity=similarity)
        _keep_document(old_digest, old_doc.data, old_job[3].limits, old_job[4])  # for the next run's comparison
        _keep_document(new_digest, new_doc.data, new_job[3].limits, new_job[4])
    return (old_digest, old), (new_digest, new), changes


def _summarized(job: OneJob) -> tuple[str, dict[str, Any], Document | None]:
    """(digest, summary, the document when it was loaded here) of one file."""
    source, content, repo, config, cache_dir, compared, found = job
    try:
        content = content if content is not None else _read(source, repo, config.limits)
    except OSError as error:
        return "", {"kind": None, "failure": [f"1:1: {error}", f"1:1: {error}"], "structural": 0}, None
    digest = _digest(source, content, found)
    cache = ResultCache(cache_dir, config, SUMMARY_SPACE) if cache_dir is not None else None
    key = cache.key(source.rel, digest) if cache is not None else ""
    known = cache.get(key) if cache is not None else None
    if known is not None and usable(known, compared):
        return digest, known, None
    try:
        doc = load_blob(content, source.rel, config.limits)
        summary = _summary(doc, config, compared)
    except Exception as error:  # confined to this file, as in validate
        problem = internal_problem(source.display, error)
        return digest, {"kind": None, "failure": [f"1:1: [{problem.rule}] {problem.message.zh}",
                                                  f"1:1: [{problem.rule}] {problem.message.en}"], "structural": 0}, None
    if cache is not None:
        cache.put(key, summary)
    return digest, summary, doc


def _summary(doc: Document, config: Config, compared: bool) -> dict[str, Any]:
    if _failed(doc):
        first = _load_failure(doc)  # "rel:line:column: [rule] message": kept without the name
        prefix = f"{doc.path}:"
        return {"kind": doc.kind, "failure": [first.zh.removeprefix(prefix), first.en.removeprefix(prefix)],
                "structural": 0}
    if doc.kind not in KINDS:
        return {"kind": doc.kind, "failure": None, "structural": 0}
    if not compared:  # its errors cannot make this comparison wrong: validate's to report
        return {"kind": doc.kind, "failure": None}
    return {"kind": doc.kind, "failure": None, "structural": structural_errors(doc, config)}


def _keep_document(digest: str, data: Any, limits: LoadLimits, cache_dir: Path | None) -> None:
    """Keep a parsed document for a later comparison (document_data), if JSON gives it back as it is."""
    if cache_dir is not None and digest and _plain_json(data):
        cache = ResultCache(cache_dir, Config(limits=limits), DOCS_SPACE)
        cache.put(cache.key("", digest), {"data": data})


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
    if _digest(source, content, digest) == digest:
        _keep_document(digest, data, limits, cache_dir)
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
    """The changes of one pair of documents, parsed here (or read from the cache) and let go when done."""
    old_job, new_job, kind, document, similarity = job
    old = document_data(old_job) if old_job is not None else None
    new = document_data(new_job) if new_job is not None else None
    return compare(old, new, kind=kind, document=document, similarity=similarity)
