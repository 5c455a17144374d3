"""validate(paths, config) -> RunResult: load every file, run every rule, collect every problem.

The engine, not the rules, stamps each finding with its position, its configured
level and its message in both languages.  Work per file (load + document rules +
facts for run-wide rules) is independent, so large runs spread it over every core;
the run-wide rules then see the facts of all files.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from catalogtool.config import DEFAULT_LIMITS, Config, LoadLimits
from catalogtool.config_file import Configs
from catalogtool.discovery import Found, find_documents
from catalogtool.document import Document
from catalogtool.errors import CatalogToolError
from catalogtool.kinds import kind_of
from catalogtool.loader import load_file
from catalogtool.placement import place
from catalogtool.problems import Finding, Level, Message, Problem
from catalogtool.results import INTERNAL_ERROR as INTERNAL_ERROR
from catalogtool.results import FileReport as FileReport
from catalogtool.results import RunResult as RunResult
from catalogtool.rules import RULES
from catalogtool.rules.context import DocContext
from catalogtool.rules.input_limit import RULE as INPUT_LIMIT
from catalogtool.rules.spec import RuleSpec, Scope
from catalogtool.rules.suppression import ID as SUPPRESSION
from catalogtool.spool import Spool
from catalogtool.suppressions import apply as apply_suppressions
from catalogtool.suppressions import scopes as suppression_scopes

if TYPE_CHECKING:
    from catalogtool.run_cache import RunCache

# Below this many files a process pool costs more than it saves.
PARALLEL_THRESHOLD = 48
# Files per task sent to a worker: their reports arrive in one message, so this bounds what is in flight.
MAX_CHUNK = 64


# ---------------------------------------------------------------- discovery

def as_configs(config: Config | Configs) -> Configs:
    """A single Config governs every file (as --config does); Configs find each file's own."""
    return config if isinstance(config, Configs) else Configs(config)


def discover(paths: Sequence[Path], config: Config | Configs) -> list[tuple[Path, str]]:
    """(path, name shown in reports) for every file to check, in a stable order (see catalogtool.discovery)."""
    return _discover(paths, as_configs(config)).files


def _discover(paths: Sequence[Path], configs: Configs) -> Found:
    for given in paths:
        if not given.exists() and not given.is_symlink():
            raise CatalogToolError(Message(f"路径不存在：{given}", f"no such file or directory: {given}"))
    return find_documents(paths, configs)


# ---------------------------------------------------------------- levels

def level_of(finding: Finding, config: Config) -> Level:
    """The configured level of the finding's rule, else the finding's own, else the rule's default."""
    configured = config.levels.get(finding.rule)
    if configured is not None:
        return configured
    if finding.level is not None:
        return finding.level
    rule = RULES.get(finding.rule)
    return rule.level if rule is not None else Level.ERROR


def to_problem(finding: Finding, doc: Document, config: Config) -> Problem | None:
    level = level_of(finding, config)
    return None if level is Level.OFF else place(finding, doc, level)


# ---------------------------------------------------------------- checking

# Not a rule: what a file gets when checking it failed inside catalogtool.  It cannot be
# configured away, and it makes the run exit 2 (FORMAT.md: internal error).


def crash_report(display: str, error: BaseException, source: str = "") -> FileReport:
    """A file whose check failed inside catalogtool: one problem that says so; the run goes on.

    CATALOGTOOL_DEBUG=1 prints the traceback on stderr as well.
    """
    if os.environ.get("CATALOGTOOL_DEBUG"):
        import traceback

        traceback.print_exception(error, file=sys.stderr)
    return FileReport(display, None, 0, [internal_problem(display, error)], source=source)


def internal_problem(display: str, error: BaseException) -> Problem:
    name = type(error).__name__
    try:
        detail = str(error)
    except Exception:  # even describing the failure must not fail
        detail = ""
    detail = detail if len(detail) <= 200 else detail[:200] + "…"
    what = f"{name}: {detail}" if detail else name
    return Problem(display, 1, 1, "", INTERNAL_ERROR, Level.ERROR, Message(
        f"catalogtool 检查此文件时出现内部错误（{what}）。这是 catalogtool 的缺陷，不是文件内容的问题，"
        "其他文件已照常检查；请将此文件和这条消息报告给 catalogtool 的维护者",
        f"catalogtool failed internally while checking this file ({what}). This is a bug in catalogtool, "
        "not a problem of the file, and the other files were checked as usual; please report it to the "
        "catalogtool maintainers with this file"))


def _enabled(rule: RuleSpec, config: Config) -> bool:
    return config.levels.get(rule.id) is not Level.OFF


def check_document(doc: Document, config: Config) -> FileReport:
    """Run every document rule on one loaded document and gather run-wide facts.

    A failure inside catalogtool is confined to this document (see crash_report).
    """
    try:
        return _check_document(doc, config)
    except Exception as error:
        return crash_report(doc.path, error)


def _check_document(doc: Document, config: Config) -> FileReport:
    import gc  # the rules build lists and views of a tree and make no reference cycles:
    collecting = gc.isenabled()  # the collector would only walk the document again and again
    gc.disable()
    try:
        findings = list(doc.findings)
        facts: dict[str, Any] = {}
        kind = kind_of(doc.data)
        if doc.data is not None:
            ctx = DocContext(doc, config)
            for rule in RULES.values():
                # Run-wide facts are gathered even where the rule is off: a catalog whose folder
                # turns catalog-ref off is still what another folder's lists refer to.
                if rule.scope is Scope.LOAD or (rule.scope is Scope.DOCUMENT and not _enabled(rule, config)):
                    continue
                if not rule.applies_to(kind):
                    continue
                ctx.for_rule(rule.id, rule.options_in(config))
                try:
                    if rule.collect is not None:
                        facts[rule.id] = rule.collect(ctx)
                    elif rule.check is not None:
                        findings.extend(rule.check(ctx))
                except RecursionError:
                    findings.append(Finding(INPUT_LIMIT.id, "recursion", line=1, column=1))
                    break
        if doc.suppressions:  # worked out here, per file and cached; applied in finish_run
            facts[SUPPRESSION] = suppression_scopes(doc)
        problems = [p for p in (to_problem(f, doc, config) for f in findings) if p is not None]
        items = kind.item_count(doc.data) if kind is not None else 0
        return FileReport(doc.path, doc.kind, items, problems, facts)
    finally:
        if collecting:
            gc.enable()


def check_file(path: Path, display: str, config: Config, keep_document: bool = False,
               cache_dir: Path | None = None) -> FileReport:
    """Load and check one file; with `cache_dir`, reuse the result for unchanged bytes.

    Whatever fails inside catalogtool while doing so is confined to this file: this
    runs in worker processes, where an escaping exception would end the whole run.
    """
    try:
        if cache_dir is not None and not keep_document:
            cached = _check_file_cached(path, display, config, cache_dir)
            if cached is not None:
                return cached
        doc = load_file(path, display, config.limits)
        report = check_document(doc, config)
        report.source = str(path)
        if keep_document:
            report.document = doc
        return report
    except Exception as error:
        return crash_report(display, error, str(path))


def _check_file_cached(path: Path, display: str, config: Config, cache_dir: Path) -> FileReport | None:
    from catalogtool.cache import ResultCache, content_digest, problem_to_json
    from catalogtool.loader import load_bytes

    try:
        status = path.stat()
        if not stat.S_ISREG(status.st_mode) or status.st_size > config.limits.max_file_bytes:
            return None  # never open a pipe or a device; the uncached path reports it
        content = path.read_bytes()
    except OSError:
        return None  # the uncached path reports it
    cache = ResultCache(cache_dir, config)
    key = cache.key(display, content_digest(content))  # the bytes checked here, whatever the index said
    cached = _from_entry(cache.get(key), display, path)
    if cached is not None:
        return cached
    report = check_document(load_bytes(content, display, config.limits), config)
    report.source = str(path)
    if not any(p.rule == INTERNAL_ERROR for p in report.problems):  # a crash is not a result to keep
        cache.put(key, {"kind": report.kind, "items": report.items,
                        "problems": [problem_to_json(p) for p in report.problems], "facts": report.facts})
    return report


def _from_entry(entry: dict[str, Any] | None, display: str, path: Path) -> FileReport | None:
    from catalogtool.cache import problem_from_json

    if entry is None:
        return None
    try:
        return FileReport(display, entry["kind"], int(entry["items"]),
                          [problem_from_json(p) for p in entry["problems"]], dict(entry["facts"]), source=str(path))
    except (KeyError, TypeError, ValueError):
        return None  # a damaged entry is a miss


def _cached_reports(jobs: list[tuple[Path, str, Config, bool, Path | None]], runs: RunCache,
                    digests: list[str | None], spool: Spool) -> list[FileReport | None]:
    """Each file's result from the cache, or None: read here, so a warm run starts no worker."""
    out: list[FileReport | None] = []
    for (path, name, config, _, _), digest in zip(jobs, digests, strict=True):
        cache = runs.cache_for(config)
        report = _from_entry(cache.get(cache.key(name, digest)), name, path) if digest else None
        out.append(_held(report, spool) if report is not None else None)
    return out


def _held(report: FileReport, spool: Spool) -> FileReport:
    """The report as the run keeps it until the run-wide rules: large facts spooled to disk (catalogtool.spool)."""
    report.facts = {rule: fact if rule == SUPPRESSION else spool.keep(fact) for rule, fact in report.facts.items()}
    return report


def _check_file_job(job: tuple[Path, str, Config, bool, Path | None]) -> FileReport:
    return check_file(*job)


def finish_run(reports: list[FileReport], config: Config | Mapping[str, Config]) -> RunResult:
    """Run the run-wide rules over the facts of all files and sort every problem.

    `config` is the one configuration of every file, or each file's own by its report name:
    a run-wide rule sees every file of the run, and each finding takes the level of the
    configuration governing its file.
    """
    def config_of(file: str) -> Config:
        return config if isinstance(config, Config) else config.get(file) or Config()

    problems = [p for r in reports for p in r.problems]
    by_path = {r.file: r for r in reports}
    consulted: set[str] = set()

    def load_consulted(path: Path | str, display: str | None = None, limits: LoadLimits = DEFAULT_LIMITS) -> Document:
        consulted.add(os.path.abspath(path))  # the run's result depends on it too (catalogtool.run_cache)
        return load_file(path, display, limits)

    for rule in RULES.values():
        if rule.finish is None:
            continue
        facts = [(r.file, r.facts[rule.id]) for r in reports if rule.id in r.facts]
        for path, finding in rule.finish(facts, load_consulted):
            report = by_path[path]
            settings = config_of(path)
            if level_of(finding, settings) is Level.OFF:
                continue
            try:
                doc = report.document or _positions_only(report, settings)
                problem = to_problem(finding, doc, settings)
            except Exception as error:
                problem = internal_problem(path, error)
            if problem is not None:
                problems.append(problem)
    problems.sort(key=Problem.sort_key)
    scopes = {r.file: r.facts[SUPPRESSION] for r in reports if SUPPRESSION in r.facts}
    problems, suppressed = apply_suppressions(problems, scopes, lambda file, f: level_of(f, config_of(file)))
    return RunResult(reports, problems, suppressed=suppressed, consulted=sorted(consulted))


def _positions_only(report: FileReport, config: Config) -> Document:
    """Reload a file to place a run-wide finding (rare: only files with such findings)."""
    return load_file(report.source or report.file, report.file, config.limits)


def validate_paths(paths: Sequence[Path], config: Config | Configs, *, jobs: int | None = None,
                   keep_documents: bool = False, cache_dir: Path | None = None,
                   on_file_done: Callable[[int, int], None] | None = None) -> RunResult:
    """Check every file under `paths`, each under its own configuration (or `config` for all).

    `jobs` caps worker processes (default: every core); `cache_dir` keeps results of
    unchanged files between runs (keyed by each file's configuration too);
    `on_file_done(done, total)` is told as each file is checked (for a progress bar).
    """
    configs = as_configs(config)
    found = _discover(paths, configs)
    governing = {name: configs.of(path) for path, name in found.files}
    workers = jobs if jobs is not None else (os.cpu_count() or 1)
    every = [(path, name, governing[name], keep_documents, cache_dir) for path, name in found.files]
    cached: list[FileReport | None] = [None] * len(every)
    spool = Spool()
    runs, run_key = None, None
    if cache_dir is not None and not keep_documents:
        from catalogtool.run_cache import RunCache

        runs = RunCache(cache_dir)
        files = [(path, name, config) for path, name, config, _, _ in every]
        digests = runs.digests(files)
        run_key = runs.key(files, digests)
        stored = runs.get(run_key) if run_key is not None else None
        runs.save()
        if stored is not None:  # the same files, bytes and configurations as a run before: its result
            shown, problems, suppressed = stored
            if all(name in shown for _, name, _ in files):
                reports = [FileReport(name, *shown[name], [], source=str(path)) for path, name, _ in files]
                return RunResult(reports, problems, found.left_out, suppressed)
        cached = _cached_reports(every, runs, digests, spool)
    jobs_list = [job for job, hit in zip(every, cached, strict=True) if hit is None]
    if workers > 1 and len(jobs_list) >= PARALLEL_THRESHOLD:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=workers) as pool:
            checked = _told(on_file_done, len(jobs_list), pool.map(_check_file_job, jobs_list,
                            chunksize=max(1, min(MAX_CHUNK, len(jobs_list) // (workers * 8)))), spool)
    else:
        checked = _told(on_file_done, len(jobs_list), map(_check_file_job, jobs_list), spool)
    fresh = iter(checked)
    reports = [hit if hit is not None else next(fresh) for hit in cached]
    if cache_dir is not None and jobs_list:
        from catalogtool.cache import prune

        prune(cache_dir)
    try:
        result = finish_run(reports, governing)
    finally:
        spool.close()
    result.left_out = found.left_out
    if runs is not None and run_key is not None and not result.crashed:
        runs.put(run_key, [(r.file, r.kind, r.items) for r in result.files], result.problems, result.suppressed,
                 result.consulted)
        runs.save()
    return result


def _told(on_file_done: Callable[[int, int], None] | None, total: int, reports: Iterable[FileReport],
          spool: Spool) -> list[FileReport]:
    """The reports as a list, held as the run keeps them (_held), telling `on_file_done` as each arrives."""
    done = []
    for report in reports:
        done.append(_held(report, spool))
        if on_file_done is not None:
            on_file_done(len(done), total)
    return done


def validate_bytes(content: bytes, display: str, config: Config) -> RunResult:
    """Check one document that is not (yet) a file: an editor's unsaved buffer on stdin."""
    from catalogtool.loader import load_bytes

    try:
        doc = load_bytes(content, display, config.limits)
    except Exception as error:
        return finish_run([crash_report(display, error)], config)
    return validate_documents([doc], config)


def validate_documents(docs: Sequence[Document], config: Config | Configs) -> RunResult:
    """Check documents already in memory (used by export and import), each under its configuration."""
    configs = as_configs(config)
    governing = {doc.path: configs.of(Path(doc.path)) for doc in docs}
    reports = []
    for doc in docs:
        report = check_document(doc, governing[doc.path])
        report.document = doc
        reports.append(report)
    return finish_run(reports, governing)
