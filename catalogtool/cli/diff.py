"""`catalogtool diff OLD NEW`: what changed between two editions, item by item."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from catalogtool.cli.options import ConfigOption, LangOption, fail, resolve_lang
from catalogtool.cli.stderr import say
from catalogtool.cli.validate_run import cache_folder
from catalogtool.diff.render import RENDERERS as TEXT_RENDERERS
from catalogtool.diff.render import Renderer
from catalogtool.errors import CatalogToolError
from catalogtool.fsutil import write_output
from catalogtool.problems import Message

if TYPE_CHECKING:
    from catalogtool.diff.changes import Change



def _xlsx(changes: list[Change], *, lang: str = "zh", **_: Any) -> bytes:
    """The 新旧对照表 as a workbook: openpyxl is loaded only for this format."""
    from catalogtool.excel.write.compare_sheet import diff_workbook_bytes

    return diff_workbook_bytes(changes, lang)


RENDERERS: dict[str, Renderer] = {**TEXT_RENDERERS, "xlsx": _xlsx}
BINARY_FORMATS = frozenset({"xlsx"})
FORMATS = tuple(RENDERERS)


def diff_command(
    old: Annotated[
        str,
        typer.Argument(help="旧版本：YAML 文件、目录，或 git 的 修订版本:路径（如 main:catalogs）。", show_default=False),
    ],
    new: Annotated[
        str,
        typer.Argument(help="新版本：与旧版本同样形式（文件对文件，目录对目录）。", show_default=False),
    ],
    format_: Annotated[
        str,
        typer.Option("--format", "-f", metavar="格式", help="输出格式：text、markdown（PR 评论）、json 或 xlsx（新旧对照表，须配合 -o）。"),
    ] = "text",
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", metavar="文件", help="写入该文件（不会覆盖输入）；默认输出到屏幕。", show_default=False),
    ] = None,
    exit_code: Annotated[
        bool,
        typer.Option("--exit-code", help="有任何变更时以退出码 1 结束（同 git diff --exit-code）。"),
    ] = False,
    lang: LangOption = None,
    config: ConfigOption = None,
    similarity: Annotated[
        float | None,
        typer.Option(
            "--similarity",
            metavar="0-1",
            help="重新编码的相似度阈值（0-1），默认 0.8 或配置中的 diff.similarity。",
            show_default=False,
        ),
    ] = None,
    jobs: Annotated[int | None, typer.Option("--jobs", "-j", min=1, metavar="N", help="并行进程数（默认使用全部 CPU 核心）。")] = None,
    cache_dir: Annotated[Path | None, typer.Option("--cache-dir", metavar="目录", envvar="CATALOGTOOL_CACHE_DIR", help="结果缓存目录：未改动的文件不再重新检查（适合大型仓库和 CI）。")] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="不使用缓存（默认使用用户缓存目录）：不读也不写缓存。")] = False,
) -> None:
    """比较两个版本的目录或清单，逐项列出新增、删除、修改、重新编码和文件信息变更。"""
    language = resolve_lang(lang)
    format_ = format_.lower()
    try:
        folder = None if no_cache else cache_folder(cache_dir, language)
        changes, notes = _diff(old, new, format_, output, config, similarity, folder, jobs)
        for note in notes:
            say(note, language, "note")
        color = output is None and format_ == "text" and _use_color()
        width = shutil.get_terminal_size().columns if color else None
        if format_ in ("text", "markdown"):  # read in a terminal or a comment: no raw control characters
            from catalogtool.diff.visible import visible_changes

            changes = visible_changes(changes)
        rendered = RENDERERS[format_](
            changes, lang=language, color=color, width=width, old_label=old, new_label=new
        )
        if output is not None:
            write_output(output, rendered if isinstance(rendered, bytes) else rendered.encode("utf-8"))
        else:
            assert isinstance(rendered, str), "binary formats require -o (checked in _diff)"
            _print(rendered)
    except CatalogToolError as error:
        fail(error, language)
    if exit_code and changes:
        raise typer.Exit(1)


def _print(text: str) -> None:
    """Write the report to stdout; a reader that stops early (`| head`) is not an error."""
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        # Python flushes stdout again at exit; point it at nothing so that is quiet too.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _use_color() -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org)."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return sys.stdout.isatty() and os.environ.get("TERM") != "dumb"


def _diff(
    old: str, new: str, format_: str, output: Path | None, config: str | None, similarity: float | None,
    cache_dir: Path | None = None, jobs: int | None = None,
) -> tuple[list[Change], list[Message]]:
    """The changes and notes for stderr; every usage error is raised here, before any output."""
    from catalogtool.config_file import Configs
    from catalogtool.diff.editions import diff_listings
    from catalogtool.diff.inputs import list_input
    from catalogtool.fsutil import ensure_not_input

    if format_ not in FORMATS:
        raise CatalogToolError(
            Message(f"--format 只能是 {'、'.join(FORMATS)} 之一，而不是 {format_}",
            f"--format must be one of {', '.join(FORMATS)}, not {format_}"),
        )
    if format_ in BINARY_FORMATS and output is None:
        raise CatalogToolError(Message("xlsx 格式须用 -o 指定输出文件，例如 -o 新旧对照表.xlsx",
                               "the xlsx format needs an output file: -o FILE.xlsx"))
    if output is not None and output.is_dir():
        raise CatalogToolError(Message(f"输出路径 {output} 是一个目录，请给出文件名", f"output {output} is a directory; give a file name"))
    local = [Path(arg) for arg in (old, new) if arg and Path(arg).exists()]
    configs = Configs.for_run(config)  # each file's exclude is that of the configuration governing it
    settings = configs.of((local or [Path.cwd()])[0])
    threshold = similarity if similarity is not None else settings.similarity
    if not 0 < threshold <= 1:
        raise CatalogToolError(Message(f"相似度阈值须大于 0 且不大于 1，而不是 {threshold}",
                               f"the similarity threshold must be greater than 0 and at most 1, not {threshold}"))
    old_set = list_input(old, exclude=configs)
    new_set = list_input(new, exclude=configs)
    inputs = [s.local for s in (old_set, new_set) if s.local is not None]
    if output is not None and old_set.single == new_set.single:
        ensure_not_input(output, inputs)
    outcome = diff_listings(old_set, new_set, settings, similarity=threshold, cache_dir=cache_dir, jobs=jobs)
    notes = [
        Message(f"已跳过 {rel}：不是目录或清单文件（没有可识别的 kind）", f"skipped {rel}: not a catalogtool document (no known kind)")
        for rel in outcome.skipped
    ]
    notes += [Message(f"{label} 中没有找到目录或清单文件", f"no catalogtool documents found in {label}") for label in outcome.empty]
    # Only what can make this comparison wrong is counted: the structural errors (catalogtool.diff.structure)
    # of the files compared, those that differ between the editions; the rest is validate's to report.
    notes += [
        Message(f"{label} 中与另一版本不同的文件有 {errors} 个结构错误（重复的键或编码、本应是文字却被读成数字或日期的值、"
                f"缺少字段或字段类型不对等），比较结果可能不准确；请先运行 catalogtool validate {label} 查看",
                f"the files of {label} that differ from the other edition have {errors} structural error(s) (repeated "
                f"keys or codes, text read as numbers or dates, missing fields or wrong types ...); the comparison may be "
                f"inaccurate; run catalogtool validate {label}")
        for label, errors in zip((old, new), outcome.structural, strict=True) if errors
    ]
    changes = outcome.changes
    return changes, notes
