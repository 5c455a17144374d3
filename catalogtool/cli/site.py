"""`catalogtool site PATH... -o DIR`: the documents as a static website (catalogtool.site does the work).

Documents are validated first, as `export` does: any error stops the build (exit 1)
with the same report `validate` prints, unless --allow-errors, which builds the
site with a warning banner on every page.  This module reads the options, prints
notes on stderr and turns the outcome into an exit code.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from catalogtool.cli.input_notes import report_errors, skipped_note
from catalogtool.cli.options import ConfigOption, LangOption, fail, resolve_lang
from catalogtool.cli.stderr import say
from catalogtool.errors import CatalogToolError
from catalogtool.problems import Message

if TYPE_CHECKING:
    from catalogtool.site.build import Workbooks
    from catalogtool.sources import Source
    from catalogtool.townships import Township


def site_command(
    paths: Annotated[
        list[Path],
        typer.Argument(help="要发布的 YAML 文件或目录（目录下的 *.yaml、*.yml 都会发布）。", show_default=False),
    ],
    output: Annotated[
        Path,
        typer.Option("--output", "-o", metavar="目录", help="网站目录：新目录、空目录，或以前由 catalogtool site 生成的目录（整个替换）。",
                     show_default=False),
    ],
    townships: Annotated[
        Path | None,
        typer.Option("--townships", metavar="文件", help="乡镇名单 YAML（townships: [{code, name}, ...]）；默认使用输入目录或其上级目录中的 townships.yaml。",
                     show_default=False),
    ] = None,
    allow_errors: Annotated[
        bool,
        typer.Option("--allow-errors", help="输入文件有错误时仍然生成网站，每页顶部显示警告（仅供核对，不应正式发布）。"),
    ] = False,
    workbooks: Annotated[
        bool,
        typer.Option("--workbooks/--no-workbooks", help="是否在下载中附上 Excel 指南（每个年度一份全县指南，每个乡镇一份乡镇指南）。"),
    ] = True,
    lang: LangOption = None,
    config: ConfigOption = None,
) -> None:
    """生成静态网站：目录树、各事项页面、清单、乡镇页面和年度计划、年度变更、搜索与下载，无需服务器。

    退出码：0 已生成；1 输入文件有错误（先运行 catalogtool validate 修正，或加 --allow-errors）；2 用法或配置错误。
    """
    language = resolve_lang(lang)
    try:
        code = _site(paths, output, townships, allow_errors, workbooks, config, language, lang is not None)
    except CatalogToolError as error:
        fail(error, language)
    raise typer.Exit(code)


def _site(paths: list[Path], output: Path, townships_file: Path | None, allow_errors: bool, workbooks: bool,
          config: str | None, lang: str, lang_given: bool) -> int:
    from catalogtool.config_file import Configs
    from catalogtool.export_inputs import load_sources
    from catalogtool.site.build import build_site
    from catalogtool.site.output import check_target, write_site
    from catalogtool.townships import find_roster, read_townships

    if not paths:
        raise CatalogToolError(Message("请给出要发布的文件或目录", "give the files or directories to publish"))
    configs = Configs.for_run(config)
    settings = configs.of(paths[0])
    if settings.lang and not lang_given:  # the repository's language, as export and validate take it
        lang = resolve_lang(settings.lang)
    check_target(output, paths)

    inputs = load_sources(paths, configs, skipped_note(lang))
    errors = inputs.result.errors
    if errors:
        if not allow_errors:
            report_errors(inputs.result, lang, Message(
                "输入文件有错误，未生成网站（修正后再生成，或加 --allow-errors）：",
                "the inputs have errors; no site written (fix them, or use --allow-errors):"))
            return 1
        say(Message(f"输入文件有 {errors} 个错误，网站每页将显示警告",
                    f"the inputs have {errors} errors; every page shows a warning"), lang, "warning")
    if not inputs.sources:
        raise CatalogToolError(Message("没有找到可发布的目录或清单文件", "no catalogtool documents found to publish"))
    roster_path = townships_file or find_roster(paths)
    roster = read_townships(roster_path) if roster_path else []
    files = build_site(inputs.sources, roster, settings.site, similarity=settings.similarity, validated=not errors,
                       workbooks=_guides(lang) if workbooks else None)
    write_site(output, files)
    pages = sum(1 for name in files if name.endswith(".html"))
    say(Message(f"已在 {output} 生成网站（{pages} 个页面）", f"wrote the site to {output} ({pages} pages)"), lang)
    return 0


def _guides(lang: str) -> Workbooks:
    """The Excel guides of the downloads, made by the workbook writer as `export` makes them.

    A guide that cannot be written (text longer than a cell holds) is left out of the
    site with a warning rather than stopping it: the pages hold the same text in full.
    """
    from catalogtool.excel.write.context import ExportError
    from catalogtool.excel.write.workbook import export_bytes

    said: set[str] = set()

    def make(sources: list[Source], township: Township | None) -> bytes | None:
        try:
            data, notices = export_bytes(sources, township=township)
        except ExportError as error:
            whose = township.name if township else Message("全县", "the county").text(lang)
            say(Message(f"{whose}的 Excel 指南无法生成，网站中不提供下载：",
                        f"the Excel guide of {whose} cannot be written; the site leaves it out:"), lang, "warning")
            notices = error.notices
            data = None
        for notice in notices:
            line = notice.text(lang)
            if line not in said:  # the county's guide and each township's meet the same text
                said.add(line)
                say(Message(line, line), lang, "warning")
        return data

    return make
