"""What `catalogtool validate` does once its options are read: one implementation for both ways in.

The typer command (cli/validate.py) and the entry point's fast path (cli/fast_path.py,
which answers a pre-commit hook's plain `validate FILES` before typer is imported)
both call `run`, so the two can never say different things.  Nothing here imports
typer or click; an error the user must mend is printed as options.fail prints it and
becomes exit code 2.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from catalogtool.cli.stderr import say_error
from catalogtool.errors import CatalogToolError
from catalogtool.problems import Message
from catalogtool.record import Frozen, setfield

if TYPE_CHECKING:
    from catalogtool.config_file import Configs
    from catalogtool.engine import RunResult

FORMATS = ("text", "json", "github", "sarif", "junit", "gitlab", "markdown")


class Request(Frozen):
    """validate's options as given (`lang` None when not given: the repository's or the run's then)."""

    __slots__ = ("baseline", "cache_dir", "config", "jobs", "lang", "no_cache", "output_format", "paths",
                 "stdin_filename", "strict", "update_baseline")
    paths: list[Path]
    output_format: str
    strict: bool
    config: str | None
    lang: str | None
    jobs: int | None
    stdin_filename: str | None
    cache_dir: Path | None
    no_cache: bool
    baseline: Path | None
    update_baseline: bool

    def __init__(self, paths: list[Path], output_format: str = "text", strict: bool = False,
                 config: str | None = None, lang: str | None = None, jobs: int | None = None,
                 stdin_filename: str | None = None, cache_dir: Path | None = None, no_cache: bool = False,
                 baseline: Path | None = None, update_baseline: bool = False) -> None:
        setfield(self, "paths", paths)
        setfield(self, "output_format", output_format)
        setfield(self, "strict", strict)
        setfield(self, "config", config)
        setfield(self, "lang", lang)
        setfield(self, "jobs", jobs)
        setfield(self, "stdin_filename", stdin_filename)
        setfield(self, "cache_dir", cache_dir)
        setfield(self, "no_cache", no_cache)
        setfield(self, "baseline", baseline)
        setfield(self, "update_baseline", update_baseline)


def run(request: Request, language: str) -> int:
    """Check, report on stdout, and return the exit code; `language` is the run's until the repository says."""
    from catalogtool.config_file import Configs
    from catalogtool.discovery import is_left_out
    from catalogtool.engine import RunResult, validate_bytes, validate_paths
    from catalogtool.i18n import LANGS, default_lang
    from catalogtool.reporters import REPORTERS

    if request.output_format not in REPORTERS:
        return say_error(CatalogToolError(Message(
            f"--format 只能是 {'、'.join(FORMATS)} 之一，而不是 {request.output_format}",
            f"--format must be one of {', '.join(FORMATS)}, not {request.output_format}")), language)
    paths = request.paths
    from_stdin = [str(p) for p in paths] == ["-"]
    if "-" in [str(p) for p in paths] and not from_stdin:
        return say_error(CatalogToolError(Message("“-”（标准输入）不能与其他路径同时使用",
                                                  "'-' (standard input) cannot be combined with other paths")), language)
    try:
        configs = Configs.for_run(request.config)
        buffer_path = Path(request.stdin_filename or "<stdin>")
        settings = configs.of(buffer_path if from_stdin else paths[0])
        if request.lang is None and settings.lang:
            if settings.lang.lower() not in LANGS:
                return say_error(CatalogToolError(Message(f"--lang 只能是 zh 或 en，而不是 {settings.lang}",
                                                          f"--lang must be zh or en, not {settings.lang}")),
                                 default_lang())
            language = settings.lang.lower()
        if from_stdin and request.stdin_filename and is_left_out(buffer_path, configs):
            result = RunResult([], [], left_out=1)  # an editor's buffer of an excluded file: nothing to say
        elif from_stdin:
            result = validate_bytes(sys.stdin.buffer.read(), request.stdin_filename or "<stdin>", settings)
        else:
            from catalogtool.cli.progress import progress_bar

            with progress_bar(language) as on_file_done:
                result = validate_paths(paths, configs, jobs=request.jobs,
                                        cache_dir=None if request.no_cache else cache_folder(request.cache_dir, language),
                                        on_file_done=on_file_done)
        if request.baseline is not None or request.update_baseline:
            _with_baseline(result, request.baseline, request.update_baseline, configs, language)
    except CatalogToolError as error:
        return say_error(error, language)
    if not result.files:
        _say_nothing_checked(result.left_out, language)
    REPORTERS[request.output_format](result, language, request.strict, sys.stdout)
    sys.stdout.flush()
    if result.crashed:
        print("catalogtool: " + ("error: catalogtool failed internally on some files (the internal-error problems "
                                 "in the report); the other files were checked" if language == "en" else
                                 "错误：catalogtool 检查部分文件时出现内部错误（见报告中的 internal-error），其他文件已照常检查"),
              file=sys.stderr)
        return 2
    return 1 if result.failed(request.strict) else 0


def _with_baseline(result: RunResult, path: Path | None, update: bool, configs: Configs, language: str) -> None:
    """Record the run's problems in the baseline (when asked, or when it is new), then keep only new ones."""
    from catalogtool import baseline

    if path is None:
        raise CatalogToolError(Message("--update-baseline 须与 --baseline 文件 一起使用",
                                       "--update-baseline needs --baseline FILE"))
    documents = baseline.reader(result.files, lambda source: configs.of(Path(source)).limits)
    checked = [r.file for r in result.files]
    if update or not path.exists():
        count = baseline.update(path, result.problems, documents, checked)
        print("catalogtool: " + (f"recorded {count} problem(s) in the baseline {path}" if language == "en"
                                 else f"已将 {count} 个问题记入基线 {path}"), file=sys.stderr)
    outcome = baseline.compare(path, result.problems, documents, checked)
    result.problems, result.baselined, result.baseline_fixed = outcome.new, outcome.known, outcome.fixed


def _say_nothing_checked(left_out: int, language: str) -> None:
    if left_out:
        print("catalogtool: " + (f"note: nothing to check: the {left_out} file(s) given are excluded "
                                 "(exclude in catalogtool.yaml, hidden, or a configuration file)" if language == "en" else
                                 f"提示：没有需要检查的文件：所给的 {left_out} 个文件都不参加检查"
                                 "（catalogtool.yaml 的 exclude 所列、隐藏文件或配置文件）"), file=sys.stderr)
    else:
        print("catalogtool: " + ("warning: no *.yaml or *.yml files found under the given paths" if language == "en"
                                 else "警告：所给路径下没有找到 *.yaml 或 *.yml 文件"), file=sys.stderr)


def cache_folder(given: Path | None, language: str) -> Path | None:
    """The cache folder to use, or None (with one note on stderr) when it cannot be written."""
    from catalogtool.cache import default_folder, unusable

    folder = given if given is not None else default_folder()
    problem = unusable(folder)
    if problem is None:
        return folder
    print(Message(f"catalogtool：提示：{problem.zh}", f"catalogtool: note: {problem.en}").text(language), file=sys.stderr)
    return None
