"""validate(paths, config) -> RunResult: load every file, run every rule, collect every problem.

The engine, not the rules, stamps each finding with its position, its configured
level and its message in both languages.  Work per file (load + document rules +
facts for run-wide rules) is independent, so large runs spread it over every core;
the run-wide rules then see the facts of all files.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from catalogtool.config import Config
from catalogtool.discovery import Exclude, yaml_files
from catalogtool.document import KINDS, Document
from catalogtool.errors import CatalogToolError
from catalogtool.loader import load_file
from catalogtool.model import item_count
from catalogtool.problems import Finding, Level, Message, Problem
from catalogtool.rules import RULE_MODULES, RULES
from catalogtool.rules.context import DocContext

# Below this many files a process pool costs more than it saves.
PARALLEL_THRESHOLD = 48


@dataclass(slots=True)
class FileReport:
    """What checking one file produced; picklable, so workers can return it."""

    file: str
    kind: str | None
    items: int
    problems: list[Problem]
    facts: dict[str, Any] = field(default_factory=dict)
    document: Document | None = None
    source: str = ""  # the path to read the file again; `file` is only its display name


@dataclass(slots=True)
class RunResult:
    files: list[FileReport]
    problems: list[Problem]

    def count(self, level: Level) -> int:
        return sum(1 for p in self.problems if p.level is level)

    @property
    def errors(self) -> int:
        return self.count(Level.ERROR)

    @property
    def warnings(self) -> int:
        return self.count(Level.WARNING)

    @property
    def infos(self) -> int:
        return self.count(Level.INFO)

    def failed(self, strict: bool = False) -> bool:
        return self.errors > 0 or (strict and self.warnings > 0)

    @property
    def documents(self) -> list[Document]:
        return [f.document for f in self.files if f.document is not None]


# ---------------------------------------------------------------- discovery

def discover(paths: Sequence[Path], config: Config) -> list[tuple[Path, str]]:
    """(path, name shown in reports) for every file to check, in a stable order.

    Files named on the command line are always checked; directories are searched
    as catalogtool.discovery says.
    """
    exclude = Exclude(config.exclude, Path(config.path).parent if config.path else None)
    seen: set[Path] = set()
    out: list[tuple[Path, str]] = []
    for given in paths:
        if not given.exists() and not given.is_symlink():
            raise CatalogToolError(f"路径不存在：{given}", f"no such file or directory: {given}")
        if given.is_dir():
            found = [given / rel for rel in yaml_files(given)]
            found = [p for p in found if not exclude.local(p)]
        else:
            found = [given]
        for path in found:
            key = _identity(path)
            if key not in seen:
                seen.add(key)
                out.append((path, display_name(path)))
    return out


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


# ---------------------------------------------------------------- messages and levels

def render_message(finding: Finding) -> Message:
    module = RULES.get(finding.rule)
    templates = getattr(module, "MESSAGES", {}).get(finding.key) if module else None
    if templates is None:
        return Message(f"{finding.rule}: {finding.key}", f"{finding.rule}: {finding.key}")
    args = finding.args
    enrich = getattr(module, "enrich", None)
    if enrich is not None:
        args = enrich(finding.key, args)
    return Message(_format(templates[0], args), _format(templates[1], args))


def _format(template: str, args: dict[str, Any]) -> str:
    try:
        return template.format_map(_Missing(args))
    except (ValueError, IndexError):
        return template


class _Missing(dict[str, Any]):
    """Leaves an unknown {placeholder} visible rather than failing the run."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def level_of(finding: Finding, config: Config) -> Level:
    configured = config.levels.get(finding.rule)
    if configured is not None:
        return configured
    if finding.level is not None:
        return finding.level
    module = RULES.get(finding.rule)
    return module.LEVEL if module is not None else Level.ERROR


def to_problem(finding: Finding, doc: Document, config: Config) -> Problem | None:
    level = level_of(finding, config)
    if level is Level.OFF:
        return None
    if finding.line is not None:
        line, column = finding.line, finding.column or 1
    else:
        line, column = doc.position(finding.pointer, finding.at)
    return Problem(doc.path, line, column, finding.pointer, finding.rule, level, render_message(finding))


# ---------------------------------------------------------------- checking

def _enabled(module: Any, config: Config) -> bool:
    return config.levels.get(module.ID) is not Level.OFF


def check_document(doc: Document, config: Config) -> FileReport:
    """Run every document rule on one loaded document and gather run-wide facts."""
    findings = list(doc.findings)
    facts: dict[str, Any] = {}
    if doc.data is not None:
        ctx = DocContext(doc, config)
        kind = doc.kind
        known = kind in KINDS
        for module in RULE_MODULES:
            if module.SCOPE == "load" or not _enabled(module, config):
                continue
            kinds = getattr(module, "KINDS", None)
            if module.ID != "unknown-kind" and (not known or (kinds is not None and kind not in kinds)):
                continue
            ctx.for_rule(module.ID)
            try:
                if module.SCOPE == "run":
                    facts[module.ID] = module.collect(ctx)
                else:
                    findings.extend(module.check(ctx))
            except RecursionError:
                findings.append(Finding("input-limit", "recursion", line=1, column=1))
                break
    problems = [p for p in (to_problem(f, doc, config) for f in findings) if p is not None]
    return FileReport(doc.path, doc.kind, item_count(doc) if doc.data is not None else 0, problems, facts)


def check_file(path: Path, display: str, config: Config, keep_document: bool = False,
               cache_dir: Path | None = None) -> FileReport:
    """Load and check one file; with `cache_dir`, reuse the result for unchanged bytes."""
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


def _check_file_cached(path: Path, display: str, config: Config, cache_dir: Path) -> FileReport | None:
    from catalogtool.cache import ResultCache, problem_from_json, problem_to_json
    from catalogtool.loader import load_bytes

    try:
        if path.stat().st_size > config.limits.max_file_bytes:
            return None
        content = path.read_bytes()
    except OSError:
        return None  # the uncached path reports it
    cache = ResultCache(cache_dir, config)
    key = cache.key(display, content)
    entry = cache.get(key)
    if entry is not None:
        try:
            return FileReport(display, entry["kind"], int(entry["items"]),
                              [problem_from_json(p) for p in entry["problems"]], dict(entry["facts"]),
                              source=str(path))
        except (KeyError, TypeError, ValueError):
            pass  # a damaged entry is a miss
    report = check_document(load_bytes(content, display, config.limits), config)
    report.source = str(path)
    cache.put(key, {"kind": report.kind, "items": report.items,
                    "problems": [problem_to_json(p) for p in report.problems], "facts": report.facts})
    return report


def _check_file_job(job: tuple[Path, str, Config, bool, Path | None]) -> FileReport:
    return check_file(*job)


def finish_run(reports: list[FileReport], config: Config) -> RunResult:
    """Run the run-wide rules over the facts of all files and sort every problem."""
    problems = [p for r in reports for p in r.problems]
    by_path = {r.file: r for r in reports}
    for module in RULE_MODULES:
        if module.SCOPE != "run" or not _enabled(module, config):
            continue
        facts = [(r.file, r.facts[module.ID]) for r in reports if module.ID in r.facts]
        for path, finding in module.finish(facts):
            report = by_path[path]
            doc = report.document or _positions_only(report, config)
            problem = to_problem(finding, doc, config)
            if problem is not None:
                problems.append(problem)
    problems.sort(key=Problem.sort_key)
    return RunResult(reports, problems)


def _positions_only(report: FileReport, config: Config) -> Document:
    """Reload a file to place a run-wide finding (rare: only files with such findings)."""
    return load_file(report.source or report.file, report.file, config.limits)


def validate_paths(paths: Sequence[Path], config: Config, *, jobs: int | None = None,
                   keep_documents: bool = False, cache_dir: Path | None = None) -> RunResult:
    """Check every file under `paths`.  `jobs` caps worker processes (default: every core);
    `cache_dir` keeps results of unchanged files between runs."""
    files = discover(paths, config)
    workers = jobs if jobs is not None else (os.cpu_count() or 1)
    jobs_list = [(path, name, config, keep_documents, cache_dir) for path, name in files]
    if workers > 1 and len(files) >= PARALLEL_THRESHOLD:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=workers) as pool:
            reports = list(pool.map(_check_file_job, jobs_list, chunksize=max(1, len(files) // (workers * 8))))
    else:
        reports = [_check_file_job(job) for job in jobs_list]
    return finish_run(reports, config)


def validate_bytes(content: bytes, display: str, config: Config) -> RunResult:
    """Check one document that is not (yet) a file: an editor's unsaved buffer on stdin."""
    from catalogtool.loader import load_bytes

    return validate_documents([load_bytes(content, display, config.limits)], config)


def validate_documents(docs: Sequence[Document], config: Config) -> RunResult:
    """Check documents already in memory (used by export and import)."""
    reports = []
    for doc in docs:
        report = check_document(doc, config)
        report.document = doc
        reports.append(report)
    return finish_run(reports, config)
