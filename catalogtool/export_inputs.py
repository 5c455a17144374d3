"""What a guide is made from: the documents given (loaded and validated), its date, and the changes since an older edition.

The export command's own work before any workbook is written, so the workbook
writer (catalogtool.excel) never validates or compares.  Nothing here prints or
writes Excel: validation comes back as the engine's result for the command to
report, so a guide is never made from lists that do not check; anything else
that stops the export is a CatalogToolError (exit 2).
"""

from __future__ import annotations

import datetime as _dt
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from catalogtool import kinds
from catalogtool.errors import CatalogToolError
from catalogtool.problems import Message
from catalogtool.sources import Source
from catalogtool.townships import Township, apply_township

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

    from catalogtool.config import Config, LoadLimits
    from catalogtool.config_file import Configs
    from catalogtool.diff.changes import Change
    from catalogtool.document import Document
    from catalogtool.engine import FileReport, RunResult

ChangesFor = Callable[[Township | None], list["Change"]]


@dataclass(slots=True)
class Inputs:
    """The documents to export, named by relative path, and what validating them found.

    `single` is true when one file was given (not a folder): `--since` then compares it with one file.
    """

    sources: list[Source]
    result: RunResult
    single: bool = False


def load_sources(paths: list[Path], settings: Config | Configs, skipped: Callable[[str], None]) -> Inputs:
    """Load and validate every YAML file under `paths`, as `validate` would.

    A file met in a folder without a `kind` is not a catalogtool document: it is
    left out and `skipped` is told its name at once, so the note comes before any
    later error.  Keys repeated across inputs (export 2024 2025) get the folder's
    name in front.
    """
    from catalogtool.engine import PARALLEL_THRESHOLD, as_configs, discover, finish_run

    configs = as_configs(settings)  # each file under the catalogtool.yaml that governs it, as in validate

    documents = []
    reports: list[FileReport] = []
    governing: dict[str, Config] = {}
    keys: list[str] = []
    longer: list[str] = []  # the key with the folder's own name in front, for inputs whose keys repeat
    with _Workers() as workers:
        for given in paths:
            if not given.exists():
                raise CatalogToolError(Message(f"路径不存在：{given}", f"no such file or directory: {given}"))
            explicit = given.is_file()
            found = discover([given], configs)
            jobs = [(path, display, configs.of(path).limits, configs.of(Path(display)), explicit)
                    for path, display in found]
            parallel = len(jobs) >= PARALLEL_THRESHOLD
            for (path, display, limits, _, _), (doc, report) in zip(jobs, workers.map(jobs, parallel), strict=True):
                if doc is None or report is None:
                    skipped(display)
                    continue
                documents.append(doc)
                # Checked as it is loaded (as validate_documents would), then what only the checks needed, or only
                # a message naming a line will, is let go: a province's 200 catalogs hold over a million positions
                # (a few hundred MB); they are read from the file again if a message ever asks for one.
                governing[doc.path] = configs.of(Path(doc.path))
                report.document = doc
                reports.append(report)
                doc.positions = _Positions(path, display, limits)
                key = path.name if explicit else path.relative_to(given).as_posix()
                keys.append(key)
                longer.append(f"{path.resolve().parent.name}/{key}" if explicit else f"{given.resolve().name}/{key}")
    if len(set(keys)) < len(keys):  # e.g. export 2024 2025: tell the editions apart by their folders
        repeated = {k for k in keys if keys.count(k) > 1}
        keys = [long if key in repeated else key for key, long in zip(keys, longer, strict=True)]
        if len(set(keys)) < len(keys):
            keys = [doc.path for doc in documents]
    result = finish_run(reports, governing)
    sources = [
        Source(key, doc.data, doc) for key, doc in zip(keys, documents, strict=True)
        if isinstance(doc.data, dict) and doc.kind in kinds.KINDS
    ]
    return Inputs(sources, result, single=len(paths) == 1 and paths[0].is_file())


_Job = tuple[Path, str, "LoadLimits", "Config", bool]  # the file, its name, how it loads and is checked
_Loaded = tuple["Document | None", "FileReport | None"]


def _load_checked(job: _Job) -> _Loaded:
    """One file loaded and checked, without its positions; (None, None) for a file that is no document
    (met in a folder, without a `kind`)."""
    from catalogtool.engine import check_document
    from catalogtool.loader import load_file

    path, display, limits, config, explicit = job
    doc = load_file(path, display, limits)
    if doc.data is not None and isinstance(doc.data, dict) and "kind" not in doc.data and not explicit:
        return None, None
    report = check_document(doc, config)
    doc.implicit = {}
    doc.positions = {}
    return doc, report


class _Workers:
    """Files loaded and checked in worker processes when there are many (as `validate` does), in order.

    Each worker hands back the document's data and its report; the positions stay
    behind, so what crosses over is about the size of the YAML.
    """

    def __init__(self) -> None:
        self._pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> _Workers:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)

    def map(self, jobs: list[_Job], parallel: bool) -> Iterator[_Loaded]:
        workers = os.cpu_count() or 1
        if not parallel or workers < 2:
            return map(_load_checked, jobs)
        if self._pool is None:
            from concurrent.futures import ProcessPoolExecutor

            self._pool = ProcessPoolExecutor(max_workers=workers)  # started only for a large export
        return self._pool.map(_load_checked, jobs, chunksize=max(1, len(jobs) // (workers * 8)))


class _Positions(dict[str, tuple[int, int, int, int]]):
    """A document's positions, loaded from its file again the first time one is asked for."""

    def __init__(self, path: Path, display: str, limits: LoadLimits) -> None:
        super().__init__()
        self._source: tuple[Path, str, LoadLimits] | None = (path, display, limits)

    def get(self, key: str, default: Any = None) -> Any:
        if self._source is not None:
            from catalogtool.loader import load_file

            path, display, limits = self._source
            self._source = None
            self.update(load_file(path, display, limits).positions)
        return super().get(key, default)


def parse_date(text: str | None) -> _dt.date | None:
    """The cover date from --date (YYYY-MM-DD or today), else SOURCE_DATE_EPOCH, else None (the documents' own)."""
    if text is None:
        epoch = os.environ.get("SOURCE_DATE_EPOCH")
        if epoch and epoch.strip().isdigit():
            return _dt.datetime.fromtimestamp(int(epoch), tz=_dt.UTC).date()
        return None
    if text.lower() == "today":
        return _dt.date.today()
    try:
        return _dt.date.fromisoformat(text)
    except ValueError:
        raise CatalogToolError(Message(f"--date 应为 YYYY-MM-DD 或 today，而不是 {text}",
                               f"--date must be YYYY-MM-DD or today, not {text}")) from None


def changes_since(old_arg: str, inputs: Inputs, settings: Config | Configs) -> ChangesFor:
    """A function from a township (or None) to the changes since `old_arg`.

    The old edition is loaded once, leaving out what the configuration's `exclude`
    leaves out (as `diff` and `validate` do); each township's guide compares only
    what it shows.  Like `diff`, a file is compared with a file and a folder with a
    folder: a folder against one file would report every other document as new.
    """
    from catalogtool.diff.core import compare, compare_sets
    from catalogtool.diff.inputs import load_input
    from catalogtool.engine import as_configs

    configs = as_configs(settings)
    old_settings = configs.of(Path(old_arg))  # for REV:PATH, the working directory's
    old_set = load_input(old_arg, limits=old_settings.limits, exclude=configs)
    sources = inputs.sources
    if old_set.single != inputs.single:
        zh = ("文件", "目录") if old_set.single else ("目录", "文件")
        en = ("file", "directory") if old_set.single else ("directory", "file")
        raise CatalogToolError(
            Message(f"--since {old_arg} 是{zh[0]}，要导出的却是{zh[1]}：请文件对文件、目录对目录地比较",
            f"--since {old_arg} is a {en[0]} but the export is of a {en[1]}: compare a file with a file, "
            "or a directory with a directory"),
        )
    if old_set.single and sources:
        ((_, old_doc),) = old_set.docs.items()
        if old_doc.get("kind") != sources[0].kind_name:
            raise CatalogToolError(
                Message(f"--since {old_arg} 与要导出的文件类型不同（{old_doc.get('kind')} 与 {sources[0].kind_name}），无法逐项比较",
                f"--since {old_arg} is of another kind than the exported file ({old_doc.get('kind')} and "
                f"{sources[0].kind_name}); they cannot be compared item by item"),
            )

    def changes(township: Township | None) -> list[Change]:
        old_sources = apply_township([Source(k, d) for k, d in old_set.docs.items()], township)
        new_docs = {s.path: s.data for s in apply_township(sources, township)}
        old_docs = {s.path: s.data for s in old_sources}
        if old_set.single and len(new_docs) == 1:
            ((_, old_doc),) = old_docs.items()
            ((_, new_doc),) = new_docs.items()
            return compare(old_doc, new_doc, kind=str(new_doc.get("kind")), document="",
                           similarity=old_settings.similarity)
        found = compare_sets(old_docs, new_docs, similarity=old_settings.similarity)
        return sorted(found, key=lambda c: kinds.order(c.kind))  # stable: keeps the diff's order within a kind

    return changes
