"""`catalogtool export PATH... -o FILE.xlsx`: the printable Excel guide, for the county or for townships.

Documents are validated first; any error stops the export (exit 1) with the same
report `validate` prints, so a guide is never made from a list that does not
check.  Output is written atomically and never over an input; the same inputs
give byte-identical workbooks.  The work is done by the core (catalogtool.export_inputs
validates the documents and compares them with an older edition, catalogtool.townships
finds the township) and the workbook writer (catalogtool.excel.write.workbook); this
module reads the options, prints notes and progress on stderr, and turns the outcome
into an exit code.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from catalogtool.cli.input_notes import note, report_errors, skipped_note
from catalogtool.cli.options import ConfigOption, LangOption, fail, resolve_lang
from catalogtool.cli.stderr import say
from catalogtool.errors import CatalogToolError
from catalogtool.fsutil import write_output, write_outputs
from catalogtool.problems import Message

if TYPE_CHECKING:
    import datetime as _dt

    from catalogtool.diff.changes import Change
    from catalogtool.export_inputs import ChangesFor
    from catalogtool.sources import Source
    from catalogtool.townships import Township


def export_command(
    paths: Annotated[
        list[Path],
        typer.Argument(help="要导出的 YAML 文件或目录（目录下的 *.yaml、*.yml 都会导出）。", show_default=False),
    ],
    output: Annotated[
        Path,
        typer.Option("--output", "-o", metavar="路径", help="输出的 .xlsx 文件；用 --townships 时为存放各乡镇指南的目录。",
                     show_default=False),
    ],
    township: Annotated[
        str | None,
        typer.Option("--township", metavar="乡镇", help="生成某个乡镇的年度购买服务指南：乡镇代码（九位）或名称；只列出乡镇适用的事项。",
                     show_default=False),
    ] = None,
    townships: Annotated[
        Path | None,
        typer.Option("--townships", metavar="文件", help="乡镇名单 YAML（townships: [{code, name}, ...]）；不加 --township 时为每个乡镇各生成一个工作簿，写入 -o 目录。",
                     show_default=False),
    ] = None,
    since: Annotated[
        str | None,
        typer.Option("--since", metavar="旧版本", help="与旧版本比较，增加“新旧对照表”工作表：旧版的文件、目录或 git 的 修订版本:路径。",
                     show_default=False),
    ] = None,
    title: Annotated[
        str | None,
        typer.Option("--title", metavar="标题", help="工作簿封面标题（默认由文件标题、地区和年度生成）。", show_default=False),
    ] = None,
    date: Annotated[
        str | None,
        typer.Option("--date", metavar="日期", help="封面的编制日期 YYYY-MM-DD，或 today；默认取各文件最晚的施行或批准日期（没有时留空），"
                                    "使相同输入总是得到相同的文件（也可设置 SOURCE_DATE_EPOCH）。",
                     show_default=False),
    ] = None,
    lang: LangOption = None,
    config: ConfigOption = None,
) -> None:
    """导出 Excel 指南：封面说明、各目录清单、统计图表，可选新旧对照表；A4 横向打印就绪。

    退出码：0 已导出；1 输入文件有错误（先运行 catalogtool validate 修正），或有无法写入 Excel 的内容
    （如超过单元格上限 32767 个字符的文字）；2 用法或配置错误。
    """
    from catalogtool.excel.write.context import ExportError

    language = resolve_lang(lang)
    try:
        code = _export(paths, output, township, townships, since, title, date, config, language, lang is not None)
    except ExportError as error:  # something in the inputs that no workbook can hold: an input problem
        print(Message("catalogtool：以下内容无法写入 Excel 工作簿，未导出：", "catalogtool: these cannot be written to an Excel workbook; nothing exported:").text(language), file=sys.stderr)
        for notice in error.notices:
            print(f"{notice.text(language)}", file=sys.stderr)
        raise typer.Exit(1) from None
    except CatalogToolError as error:
        fail(error, language)
    raise typer.Exit(code)


def _export(
    paths: list[Path], output: Path, township_arg: str | None, townships_file: Path | None, since: str | None,
    title: str | None, date_arg: str | None, config: str | None, lang: str, lang_given: bool,
) -> int:
    from catalogtool.config_file import Configs
    from catalogtool.export_inputs import changes_since, load_sources, parse_date
    from catalogtool.fsutil import ensure_not_input
    from catalogtool.townships import check_township, read_townships, resolve_township

    if not paths:
        raise CatalogToolError(Message("请给出要导出的文件或目录", "give the files or directories to export"))
    configs = Configs.for_run(config)
    settings = configs.of(paths[0])
    if settings.lang and not lang_given:
        lang = resolve_lang(settings.lang)
    when = parse_date(date_arg)
    per_township = townships_file is not None and township_arg is None
    _check_output(output, per_township)

    inputs = load_sources(paths, configs, skipped_note(lang))
    if inputs.result.errors:
        report_errors(inputs.result, lang, Message("输入文件有错误，未导出（修正后再导出）：",
                                                   "the inputs have errors; nothing exported (fix them first):"))
        return 1
    if inputs.result.warnings:
        print(Message(f"catalogtool：提示：输入文件有 {inputs.result.warnings} 条警告，运行 catalogtool validate 查看", f"catalogtool: note: the inputs have {inputs.result.warnings} warnings; run catalogtool validate to see them").text(lang),
              file=sys.stderr)
    if not inputs.sources:
        raise CatalogToolError(Message("没有找到可导出的目录或清单文件", "no catalogtool documents found to export"))

    given = [*paths, *([townships_file] if townships_file else [])]
    roster = read_townships(townships_file) if townships_file else None
    changes_for = changes_since(since, inputs, configs) if since else None
    if since and Path(since).exists():
        given.append(Path(since))
    if per_township:
        assert roster is not None
        for entry in roster:
            check_township(entry, inputs.sources)
        ensure_not_input(output, given)
        _export_many(inputs.sources, roster, output, given, title, when, changes_for, since or "", lang)
        return 0
    chosen = resolve_township(township_arg, roster, townships_file, paths) if township_arg else None
    if chosen is not None:
        check_township(chosen, inputs.sources)
        if not chosen.named:
            note(lang, Message(f"没有找到乡镇名单（townships.yaml），乡镇的名称不详，指南中称为“{chosen.name}”；"
                               "要写出乡镇名称，请用 --townships 指定乡镇名单",
                               f"no township list (townships.yaml) was found, so the township's name is unknown; "
                               f"the guide calls it by its code {chosen.code}; give the list with --townships to name it"))
    ensure_not_input(output, given)
    changes = changes_for(chosen) if changes_for else None
    write_output(output, _build(inputs.sources, chosen, title, when, changes, since or "", lang))
    print(Message(f"catalogtool：已写入 {output}", f"catalogtool: wrote {output}").text(lang), file=sys.stderr)
    return 0


def _check_output(output: Path, directory: bool) -> None:
    if directory:
        if output.exists() and not output.is_dir():
            raise CatalogToolError(Message(f"用 --townships 时 -o 应为目录，而 {output} 是一个文件",
                                   f"with --townships, -o must be a directory, and {output} is a file"))
        return
    if output.is_dir():
        raise CatalogToolError(Message(f"输出路径 {output} 是一个目录，请给出 .xlsx 文件名",
                               f"output {output} is a directory; give an .xlsx file name"))
    if output.suffix.lower() != ".xlsx":
        raise CatalogToolError(Message(f"输出文件应以 .xlsx 结尾（Excel 和 WPS 按扩展名识别格式），而不是 {output.name}",
                               f"the output file must end in .xlsx (Excel and WPS go by the extension), not {output.name}"))


def _build(sources: list[Source], township: Township | None, title: str | None, when: _dt.date | None,
           changes: list[Change] | None, since: str, lang: str) -> bytes:
    """The workbook's bytes; its warnings (characters removed, say) go to stderr."""
    from catalogtool.excel.write.workbook import export_bytes

    data, notices = export_bytes(sources, township=township, title=title, date=when, changes=changes,
                                 since_label=since)
    for notice in notices:
        say(notice.message, lang, "warning")
    return data


def _export_many(sources: list[Source], roster: list[Township], folder: Path, given: list[Path],
                 title: str | None, when: _dt.date | None, changes_for: ChangesFor | None, since: str,
                 lang: str) -> None:
    """One guide per township, with a progress bar: a county has dozens of townships."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from catalogtool.fsutil import ensure_not_input
    from catalogtool.townships import township_file_name

    def guides() -> Iterator[tuple[Path, bytes]]:
        for township in roster:
            progress.update(task, description=Message(f"生成 {township.name}", f"writing {township.name}").text(lang))
            path = folder / township_file_name(township)
            ensure_not_input(path, given)
            changes = changes_for(township) if changes_for else None
            yield path, _build(sources, township, title, when, changes, since, lang)
            progress.advance(task)

    import os

    from catalogtool.cli.progress import wanted

    with Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=Console(stderr=True), transient=False,
        disable=not wanted(sys.stderr, os.environ),  # on a terminal only, never in CI logs or pipes
    ) as progress:
        task = progress.add_task(Message("生成乡镇指南", "township guides").text(lang), total=len(roster))
        write_outputs(guides())  # all the guides or none: a half-written folder would look complete
        progress.update(task, description=Message("乡镇指南", "township guides").text(lang))
    print(Message(f"catalogtool：已在 {folder} 写入 {len(roster)} 个乡镇指南", f"catalogtool: wrote {len(roster)} township guides to {folder}").text(lang), file=sys.stderr)
