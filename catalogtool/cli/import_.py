"""`catalogtool import FILE.xlsx -o DIR`: workbooks back to YAML, one file per document.

Workbooks that `export` wrote come back equal in data; plain published catalog
tables are read too.  Problems name the sheet and cell (`购买服务目录!C17`): any
error and nothing is written (exit 1).  Existing files are not overwritten
without --force; the files are written as a whole or not at all.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from catalogtool.cli.options import ConfigOption, LangOption, fail, resolve_lang
from catalogtool.errors import CatalogToolError
from catalogtool.i18n import pick

if TYPE_CHECKING:
    from catalogtool.excel.reading import ImportedDocument


def import_command(
    file: Annotated[Path, typer.Argument(help="要导入的 .xlsx 工作簿（export 导出的，或按 编码/一级目录/二级目录/三级目录/服务内容 列出的目录表）。",
                                         show_default=False)],
    output: Annotated[Path, typer.Option("--output", "-o", help="写入 YAML 文件的目录（每个文档一个文件）。",
                                         show_default=False)],
    force: Annotated[bool, typer.Option("--force", help="覆盖目录中已有的同名 YAML 文件（默认不覆盖）。")] = False,
    lang: LangOption = None,
    config: ConfigOption = None,
) -> None:
    """把 Excel 工作簿导回 YAML：export 导出的工作簿无损导回，也可读取按目录表格式发布的表格。

    退出码：0 已写入；1 工作簿中有错误（逐一指出 工作表!单元格），未写入任何文件；2 文件无法读取、用法错误或文件已存在。
    """
    language = resolve_lang(lang)
    try:
        code = _import(file, output, force, config, language)
    except CatalogToolError as error:
        fail(error, language)
    raise typer.Exit(code)


def _import(file: Path, output: Path, force: bool, config: str | None, lang: str) -> int:
    from catalogtool.excel.importer import read_workbook
    from catalogtool.excel.yamlout import dump_document
    from catalogtool.fsutil import ensure_not_input, write_outputs

    if not file.exists():
        raise CatalogToolError(f"找不到文件 {file}", f"no such file: {file}")
    if file.is_dir():
        raise CatalogToolError(f"{file} 是目录，请给出 .xlsx 文件", f"{file} is a directory; give an .xlsx file")
    if output.exists() and not output.is_dir():
        raise CatalogToolError(f"-o 应为目录，而 {output} 是一个文件", f"-o must be a directory, and {output} is a file")
    result = read_workbook(file, str(file))
    for problem in result.problems:
        label = pick(lang, "错误", "error") if problem.level == "error" else pick(lang, "警告", "warning")
        print(f"{file.name} {problem.where}: {label}: {problem.en if lang == 'en' else problem.zh}", file=sys.stderr)
    if not result.ok:
        errors = sum(1 for p in result.problems if p.level == "error")
        print(pick(lang, f"catalogtool: 工作簿中有 {errors} 个错误，未写入任何文件",
                   f"catalogtool: {errors} errors in the workbook; nothing written"), file=sys.stderr)
        return 1
    targets = [(output / doc.path, doc) for doc in result.documents]
    existing = [str(path) for path, _ in targets if path.exists()]
    if existing and not force:
        raise CatalogToolError(
            "以下文件已存在，未覆盖（确需覆盖请加 --force）：\n" + "\n".join(existing),
            "these files exist and were not overwritten (add --force to overwrite):\n" + "\n".join(existing),
        )
    written = []
    for path, doc in targets:
        ensure_not_input(path, [file])
        comments = [f"由 catalogtool import 从 {file.name}（{doc.source}）导入"]
        if doc.missing:
            labels = {"title": "title（标题）", "region": "region（行政区划）", "year": "year（年度）",
                      "issuer": "issuer（发布单位）"}
            comments.append("表格中没有以下必填项，请补全：" + "、".join(labels.get(m, m) for m in doc.missing))
        written.append((path, doc, dump_document(doc.data, comments=comments)))
    write_outputs((path, text.encode("utf-8")) for path, _, text in written)
    for path, _, _ in written:
        print(pick(lang, f"catalogtool: 已写入 {path}", f"catalogtool: wrote {path}"), file=sys.stderr)
    _report_validation(file, [(doc, text) for _, doc, text in written], output, config, lang)
    return 0


def _report_validation(file: Path, written: list[tuple[ImportedDocument, str]], output: Path, config: str | None,
                       lang: str) -> None:
    """Tell what `validate` will say about the new files (missing fields of a published table, say),
    each problem at the sheet and cell it came from."""
    from catalogtool.config import find_config, load_config
    from catalogtool.excel.validation import check_imported
    from catalogtool.reporters.levels import summary_line

    try:
        settings = load_config(Path(config) if config else find_config([output]))
    except CatalogToolError as error:
        print(f"catalogtool: {pick(lang, '提示', 'note')}: {error.text(lang)}", file=sys.stderr)
        return
    problems, result = check_imported(written, settings)
    if not problems:
        return
    print(pick(lang, "catalogtool: 提示：导入的文件未通过检查，请按下列问题修改：",
               "catalogtool: note: the imported files do not pass validation yet:"), file=sys.stderr)
    for problem in problems:
        print(f"{file.name} {problem.text(lang)}", file=sys.stderr)
    print(summary_line(len(result.files), result.errors, result.warnings, result.infos, lang), file=sys.stderr)
