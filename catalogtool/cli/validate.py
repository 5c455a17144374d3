"""`catalogtool validate PATH...`: check files and directories, report, exit 0/1/2."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from catalogtool.cli.options import ConfigOption, LangOption, fail, resolve_lang
from catalogtool.errors import CatalogToolError
from catalogtool.problems import Message

if TYPE_CHECKING:
    from catalogtool.config_file import Configs
    from catalogtool.engine import RunResult

FORMATS = ("text", "json", "github", "sarif", "junit", "gitlab", "markdown")


def validate_command(
    paths: Annotated[list[Path], typer.Argument(metavar="路径", help="要检查的 YAML 文件或目录（目录下的 *.yaml、*.yml 都会检查）；- 表示从标准输入读取。", show_default=False)],
    output_format: Annotated[str, typer.Option("--format", "-f", metavar="格式", autocompletion=lambda incomplete: [f for f in FORMATS if f.startswith(incomplete)], help="输出格式：text（默认）、json、github（GitHub Actions 注释）、sarif、junit（GitLab、Jenkins 测试报告）、gitlab（GitLab 代码质量报告）、markdown（作业摘要、合并请求评论）。")] = "text",
    strict: Annotated[bool, typer.Option("--strict", help="有警告也视为未通过（退出码 1）。")] = False,
    config: ConfigOption = None,
    lang: LangOption = None,
    jobs: Annotated[int | None, typer.Option("--jobs", "-j", min=1, metavar="N", help="并行进程数（默认使用全部 CPU 核心）。")] = None,
    stdin_filename: Annotated[str | None, typer.Option("--stdin-filename", metavar="文件名", help="从标准输入读取时，报告中使用的文件名（也用于查找配置）。")] = None,
    cache_dir: Annotated[Path | None, typer.Option("--cache-dir", metavar="目录", envvar="CATALOGTOOL_CACHE_DIR", help="结果缓存目录：未改动的文件不再重新检查（适合大型仓库和 CI）。")] = None,
    baseline: Annotated[Path | None, typer.Option("--baseline", metavar="文件", help="基线文件：文件不存在时记录现有问题并通过；存在时只报告基线中没有的新问题。")] = None,
    update_baseline: Annotated[bool, typer.Option("--update-baseline", help="用本次检查的问题重写 --baseline 文件（改正问题后缩减基线）。")] = False,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="不使用缓存（默认使用用户缓存目录）：不读也不写缓存。")] = False,
) -> None:
    """检查目录或文件，报告每个问题的位置（文件:行:列）。

    退出码：0 没有错误；1 发现错误（--strict 时警告也算）；2 用法、配置或内部错误。
    """
    from catalogtool.config_file import Configs
    from catalogtool.discovery import is_left_out
    from catalogtool.engine import RunResult, validate_bytes, validate_paths
    from catalogtool.reporters import REPORTERS

    language = resolve_lang(lang)
    if output_format not in REPORTERS:
        fail(CatalogToolError(Message(f"--format 只能是 {'、'.join(FORMATS)} 之一，而不是 {output_format}",
                              f"--format must be one of {', '.join(FORMATS)}, not {output_format}")), language)
    from_stdin = [str(p) for p in paths] == ["-"]
    if "-" in [str(p) for p in paths] and not from_stdin:
        fail(CatalogToolError(Message("“-”（标准输入）不能与其他路径同时使用", "'-' (standard input) cannot be combined with other paths")), language)
    try:
        configs = Configs.for_run(config)
        buffer_path = Path(stdin_filename or "<stdin>")
        settings = configs.of(buffer_path if from_stdin else paths[0])
        if lang is None and settings.lang:
            language = resolve_lang(settings.lang)
        if from_stdin and stdin_filename and is_left_out(buffer_path, configs):
            result = RunResult([], [], left_out=1)  # an editor's buffer of an excluded file: nothing to say
        elif from_stdin:
            result = validate_bytes(sys.stdin.buffer.read(), stdin_filename or "<stdin>", settings)
        else:
            from catalogtool.cli.progress import progress_bar

            with progress_bar(language) as on_file_done:
                result = validate_paths(paths, configs, jobs=jobs,
                                        cache_dir=None if no_cache else cache_folder(cache_dir, language),
                                        on_file_done=on_file_done)
        if baseline is not None or update_baseline:
            _with_baseline(result, baseline, update_baseline, configs, language)
    except CatalogToolError as error:
        fail(error, language)
    if not result.files:
        _say_nothing_checked(result.left_out, language)
    REPORTERS[output_format](result, language, strict, sys.stdout)
    sys.stdout.flush()
    if result.crashed:
        print("catalogtool: " + ("error: catalogtool failed internally on some files (the internal-error problems "
                                 "in the report); the other files were checked" if language == "en" else
                                 "错误：catalogtool 检查部分文件时出现内部错误（见报告中的 internal-error），其他文件已照常检查"),
              file=sys.stderr)
        raise typer.Exit(2)
    raise typer.Exit(1 if result.failed(strict) else 0)


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
