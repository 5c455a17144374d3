"""`catalogtool import FILE.xlsx -o DIR`: workbooks back to YAML, one file per document.

Workbooks that `export` wrote come back equal in data; plain published catalog
tables are read too.  The documents read are also checked as `validate` would,
so every problem is told in one pass, each at its sheet and cell
(`购买服务目录!C17`): a cell that cannot be read is an error and nothing is
written; documents that do not pass the check are written (a published table
lacks the region and issuer, say) and the command exits 1 all the same.
Existing files are not overwritten without --force; the files are written as a
whole or not at all.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from catalogtool.cli.options import ConfigOption, LangOption, fail, resolve_lang
from catalogtool.errors import CatalogToolError
from catalogtool.problems import Message

if TYPE_CHECKING:
    from catalogtool.config import Config
    from catalogtool.import_check import PlacedProblem
    from catalogtool.imported import ImportedDocument


def import_command(
    file: Annotated[Path, typer.Argument(help="要导入的 .xlsx 工作簿（export 导出的，或按 编码/一级目录/二级目录/三级目录/服务内容 列出的目录表）。",
                                         show_default=False)],
    output: Annotated[Path, typer.Option("--output", "-o", metavar="目录", help="写入 YAML 文件的目录（每个文档一个文件）。",
                                         show_default=False)],
    force: Annotated[bool, typer.Option("--force", help="覆盖目录中已有的同名 YAML 文件（默认不覆盖）。")] = False,
    lang: LangOption = None,
    config: ConfigOption = None,
) -> None:
    """把 Excel 工作簿导回 YAML：export 导出的工作簿无损导回，也可读取按目录表格式发布的表格。

    退出码：0 已写入；1 工作簿中有错误（逐一指出 工作表!单元格，未写入任何文件），或写入的文件未通过检查；
    2 文件无法读取、配置或用法错误、文件已存在。
    """
    language = resolve_lang(lang)
    try:
        code = _import(file, output, force, config, language)
    except CatalogToolError as error:
        fail(error, language)
    raise typer.Exit(code)


def _import(file: Path, output: Path, force: bool, config: str | None, lang: str) -> int:
    from catalogtool.excel.read.importer import read_workbook
    from catalogtool.fsutil import ensure_not_input, write_outputs
    from catalogtool.yaml_writer import dump_document

    if not file.exists():
        raise CatalogToolError(Message(f"找不到文件 {file}", f"no such file: {file}"))
    if file.is_dir():
        raise CatalogToolError(Message(f"{file} 是目录，请给出 .xlsx 文件", f"{file} is a directory; give an .xlsx file"))
    if output.exists() and not output.is_dir():
        raise CatalogToolError(Message(f"-o 应为目录，而 {output} 是一个文件", f"-o must be a directory, and {output} is a file"))
    settings = _settings(output, config)
    result = read_workbook(file, str(file))
    written = []
    for doc in result.documents:
        comments = [f"由 catalogtool import 从 {file.name}（{doc.source}）导入"]
        if doc.missing:
            labels = {"title": "title（标题）", "region": "region（行政区划）", "year": "year（年度）",
                      "issuer": "issuer（发布单位）"}
            comments.append("表格中没有以下必填项，请补全：" + "、".join(labels.get(m, m) for m in doc.missing))
        written.append((output / doc.path, doc, dump_document(doc.data, comments=comments)))
        doc.data = {}  # its text holds it now; the check reads it back from there, one document at a time
    checked = _validate([(doc, text) for _, doc, text in written], settings)
    if not result.ok:  # a cell already reported as unreadable needs no second word from validate
        unreadable = {(p.sheet, p.cell) for p in result.problems if p.level == "error" and p.cell}
        checked = [p for p in checked if (p.sheet, p.cell) not in unreadable]
    for problem in result.problems:
        label = Message("错误", "error").text(lang) if problem.level == "error" else Message("警告", "warning").text(lang)
        print(f"{file.name} {problem.where}: {label}: {problem.message.text(lang)}", file=sys.stderr)
    for placed in checked:
        print(f"{file.name} {_placed_text(placed, lang, with_file=result.ok)}", file=sys.stderr)
    cell_errors = sum(1 for p in result.problems if p.level == "error")
    check_errors = sum(1 for p in checked if p.level == "error")
    warnings = len(result.problems) + len(checked) - cell_errors - check_errors
    if cell_errors or not written:
        total = cell_errors + check_errors
        print(Message(f"catalogtool：工作簿中有 {total} 个错误{_and_warnings(warnings, lang)}，未写入任何文件", f"catalogtool: {_many(total, 'error')}{_and_warnings(warnings, lang)} in the workbook; nothing written").text(lang)
              if total else Message("catalogtool：工作簿中没有可导入的文件，未写入任何文件", "catalogtool: the workbook holds no documents to import; nothing written").text(lang),
              file=sys.stderr)
        return 1
    existing = [str(path) for path, _, _ in written if path.exists()]
    if existing and not force:
        raise CatalogToolError(
            Message("以下文件已存在，未覆盖（确需覆盖请加 --force）：\n" + "\n".join(existing),
            "these files exist and were not overwritten (add --force to overwrite):\n" + "\n".join(existing)),
        )
    for path, _, _ in written:
        ensure_not_input(path, [file])
    write_outputs((path, text.encode("utf-8")) for path, _, text in written)
    for path, _, _ in written:
        print(Message(f"catalogtool：已写入 {path}", f"catalogtool: wrote {path}").text(lang), file=sys.stderr)
    if check_errors:
        print(Message(f"catalogtool：导入的文件未通过检查：{check_errors} 个错误{_and_warnings(warnings, lang)}，"
                         "请按上列问题修改（改 YAML 文件或工作簿后重新导入）", f"catalogtool: the imported files do not pass validation: {_many(check_errors, 'error')}"
                   f"{_and_warnings(warnings, lang)}; fix the problems listed (in the YAML or in the workbook, "
                   "then import again)").text(lang), file=sys.stderr)
        return 1
    if warnings:
        print(Message(f"catalogtool：已导入，有 {warnings} 个警告，请核对", f"catalogtool: imported, with {_many(warnings, 'warning')} to check").text(lang), file=sys.stderr)
    return 0


def _and_warnings(count: int, lang: str) -> str:
    if not count:
        return ""
    return Message(f"、{count} 个警告", f" and {_many(count, 'warning')}").text(lang)


def _many(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _settings(output: Path, config: str | None) -> Config:
    """The configuration the written files will be validated with: as for validate and export, one that
    cannot be read stops the command (exit 2) before anything is written."""
    from catalogtool.config_file import find_config, load_config

    return load_config(Path(config) if config else find_config([output]))


def _validate(documents: list[tuple[ImportedDocument, str]], settings: Config) -> list[PlacedProblem]:
    """What `validate` will say about the documents as written (a published table's missing fields, say),
    each problem at the sheet and cell it came from."""
    from catalogtool.import_check import check_imported

    if not documents:
        return []
    return check_imported(documents, settings)[0]


def _placed_text(problem: PlacedProblem, lang: str, *, with_file: bool) -> str:
    """`目录!H17: 错误 [schema]: 缺少必填字段 township（乡镇适用）（目录.yaml 第 13 行）`; without the
    YAML file's line when the file is not written."""
    from catalogtool.reporters.levels import level_name

    if lang == "en":
        after = f" ({problem.file} line {problem.line})" if with_file else ""
        return f"{problem.where}: {level_name(problem.level, lang)} [{problem.rule}]: {problem.message.en}{after}"
    after = f"（{problem.file} 第 {problem.line} 行）" if with_file else ""
    return f"{problem.where}: {level_name(problem.level, lang)} [{problem.rule}]: {problem.message.zh}{after}"
