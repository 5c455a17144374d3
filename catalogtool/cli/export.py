"""`catalogtool export PATH... -o FILE.xlsx`: the printable Excel guide, for the county or for townships.

Documents are validated first; any error stops the export (exit 1) with the same
report `validate` prints, so a guide is never made from a list that does not
check.  Output is written atomically and never over an input; the same inputs
give byte-identical workbooks.
"""

from __future__ import annotations

import datetime as _dt
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from catalogtool.cli.options import ConfigOption, LangOption, fail, resolve_lang
from catalogtool.errors import CatalogToolError
from catalogtool.i18n import pick

if TYPE_CHECKING:
    from catalogtool.config import Config
    from catalogtool.diff.changes import Change
    from catalogtool.excel.export import Source, Township

TOWNSHIPS_FILE = "townships.yaml"
_TOWNSHIP_CODE = re.compile(r"^[0-9]{6}(?:0(?:0[1-9]|[1-9][0-9])|[1-5][0-9]{2})$")


def export_command(
    paths: Annotated[
        list[Path],
        typer.Argument(help="要导出的 YAML 文件或目录（目录下的 *.yaml、*.yml 都会导出）。", show_default=False),
    ],
    output: Annotated[
        Path,
        typer.Option("--output", "-o", help="输出的 .xlsx 文件；用 --townships 时为存放各乡镇指南的目录。",
                     show_default=False),
    ],
    township: Annotated[
        str | None,
        typer.Option("--township", help="生成某个乡镇的年度购买服务指南：乡镇代码（九位）或名称；只列出乡镇适用的事项。",
                     show_default=False),
    ] = None,
    townships: Annotated[
        Path | None,
        typer.Option("--townships", help="乡镇名单 YAML（townships: [{code, name}, ...]）；不加 --township 时为每个乡镇各生成一个工作簿，写入 -o 目录。",
                     show_default=False),
    ] = None,
    since: Annotated[
        str | None,
        typer.Option("--since", help="与旧版本比较，增加“新旧对照表”工作表：旧版的文件、目录或 git 的 修订版本:路径。",
                     show_default=False),
    ] = None,
    title: Annotated[
        str | None,
        typer.Option("--title", help="工作簿封面标题（默认由文件标题、地区和年度生成）。", show_default=False),
    ] = None,
    date: Annotated[
        str | None,
        typer.Option("--date", help="封面的编制日期 YYYY-MM-DD，或 today；默认取各文件最晚的施行或审定日期，"
                                    "使相同输入总是得到相同的文件（也可设置 SOURCE_DATE_EPOCH）。",
                     show_default=False),
    ] = None,
    lang: LangOption = None,
    config: ConfigOption = None,
) -> None:
    """导出 Excel 指南：封面说明、各目录清单、统计图表，可选新旧对照表；A4 横向打印就绪。

    退出码：0 已导出；1 输入文件有错误（先运行 catalogtool validate 修正）；2 用法或配置错误。
    """
    language = resolve_lang(lang)
    try:
        code = _export(paths, output, township, townships, since, title, date, config, language, lang is not None)
    except CatalogToolError as error:
        fail(error, language)
    raise typer.Exit(code)


# --------------------------------------------------------------------------- the steps


@dataclass(slots=True)
class _Inputs:
    sources: list[Source]
    roots: list[Path]


def _export(
    paths: list[Path], output: Path, township_arg: str | None, townships_file: Path | None, since: str | None,
    title: str | None, date_arg: str | None, config: str | None, lang: str, lang_given: bool,
) -> int:
    from catalogtool.config import find_config, load_config

    if not paths:
        raise CatalogToolError("请给出要导出的文件或目录", "give the files or directories to export")
    config_path = Path(config) if config else find_config(paths)
    settings = load_config(config_path)
    if settings.lang and not lang_given:
        lang = resolve_lang(settings.lang)
    when = _parse_date(date_arg)
    per_township = townships_file is not None and township_arg is None
    _check_output(output, per_township)
    inputs = _load_inputs(paths, settings, lang)
    if inputs is None:
        return 1
    if not inputs.sources:
        raise CatalogToolError("没有找到可导出的目录或清单文件", "no catalogtool documents found to export")
    from catalogtool.fsutil import ensure_not_input

    given = [*paths, *([townships_file] if townships_file else [])]
    roster = _read_townships(townships_file) if townships_file else None
    changes_for = _since(since, inputs, settings) if since else None
    if since:
        local = Path(since)
        if local.exists():
            given.append(local)

    if per_township:
        assert roster is not None
        for entry in roster:
            _check_township(entry, inputs.sources)
        ensure_not_input(output, given)
        _export_many(inputs.sources, roster, output, given, title, when, changes_for, since or "", lang)
        return 0
    chosen = _resolve_township(township_arg, roster, inputs, townships_file) if township_arg else None
    if chosen is not None:
        _check_township(chosen, inputs.sources)
    ensure_not_input(output, given)
    changes = changes_for(chosen) if changes_for else None
    _write_one(inputs.sources, output, chosen, title, when, changes, since or "", lang)
    return 0


def _parse_date(text: str | None) -> _dt.date | None:
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
        raise CatalogToolError(f"--date 应为 YYYY-MM-DD 或 today，而不是 {text}",
                               f"--date must be YYYY-MM-DD or today, not {text}") from None


def _check_output(output: Path, directory: bool) -> None:
    if directory:
        if output.exists() and not output.is_dir():
            raise CatalogToolError(f"用 --townships 时 -o 应为目录，而 {output} 是一个文件",
                                   f"with --townships, -o must be a directory, and {output} is a file")
        return
    if output.is_dir():
        raise CatalogToolError(f"输出路径 {output} 是一个目录，请给出 .xlsx 文件名",
                               f"output {output} is a directory; give an .xlsx file name")
    if output.suffix.lower() != ".xlsx":
        raise CatalogToolError(f"输出文件应以 .xlsx 结尾（Excel 和 WPS 按扩展名识别格式），而不是 {output.name}",
                               f"the output file must end in .xlsx (Excel and WPS go by the extension), not {output.name}")


def _load_inputs(paths: list[Path], settings: Config, lang: str) -> _Inputs | None:
    """Load and validate the inputs; None (after printing the report) when any has an error."""
    from catalogtool.document import KINDS
    from catalogtool.engine import discover, validate_documents
    from catalogtool.excel.export import Source
    from catalogtool.loader import load_file

    documents = []
    keys: list[str] = []
    longer: list[str] = []  # the key with the folder's own name in front, for inputs whose keys repeat
    for given in paths:
        if not given.exists():
            raise CatalogToolError(f"路径不存在：{given}", f"no such file or directory: {given}")
        for path, display in discover([given], settings):
            doc = load_file(path, display, settings.limits)
            explicit = given.is_file()
            if doc.data is not None and isinstance(doc.data, dict) and "kind" not in doc.data and not explicit:
                note = pick(lang, f"已跳过 {display}：不是目录或清单文件（没有 kind）",
                            f"skipped {display}: not a catalogtool document (no kind)")
                print(f"catalogtool: {pick(lang, '提示', 'note')}: {note}", file=sys.stderr)
                continue
            documents.append(doc)
            key = path.name if explicit else path.relative_to(given).as_posix()
            keys.append(key)
            longer.append(f"{path.resolve().parent.name}/{key}" if explicit else f"{given.resolve().name}/{key}")
    if len(set(keys)) < len(keys):  # e.g. export 2024 2025: tell the editions apart by their folders
        repeated = {k for k in keys if keys.count(k) > 1}
        keys = [long if key in repeated else key for key, long in zip(keys, longer, strict=True)]
        if len(set(keys)) < len(keys):
            keys = [doc.path for doc in documents]
    result = validate_documents(documents, settings)
    if result.errors:
        from catalogtool.reporters import REPORTERS

        print(pick(lang, "catalogtool: 输入文件有错误，未导出（修正后再导出）：",
                   "catalogtool: the inputs have errors; nothing exported (fix them first):"), file=sys.stderr)
        REPORTERS["text"](result, lang, False, sys.stderr)
        return None
    if result.warnings:
        print(pick(lang, f"catalogtool: 提示：输入文件有 {result.warnings} 条警告，运行 catalogtool validate 查看",
                   f"catalogtool: note: the inputs have {result.warnings} warnings; run catalogtool validate to see them"),
              file=sys.stderr)
    sources = [
        Source(key, doc.data) for key, doc in zip(keys, documents, strict=True)
        if isinstance(doc.data, dict) and doc.kind in KINDS
    ]
    return _Inputs(sources, [p for p in paths])


# --------------------------------------------------------------------------- townships


def _read_townships(path: Path) -> list[Township]:
    from catalogtool.excel.export import Township
    from catalogtool.loader import load_file

    if not path.is_file():
        raise CatalogToolError(f"找不到乡镇名单文件 {path}", f"township list {path} not found")
    doc = load_file(path)
    if doc.data is None or doc.findings:
        raise CatalogToolError(f"乡镇名单 {path} 不是有效的 YAML", f"township list {path} is not valid YAML")
    entries = doc.data.get("townships") if isinstance(doc.data, dict) else doc.data
    if not isinstance(entries, list) or not entries:
        raise CatalogToolError(
            f"乡镇名单 {path} 应为 townships: [{{code: \"441803100\", name: 太和镇}}, ...]",
            f"township list {path} should read townships: [{{code: \"441803100\", name: 太和镇}}, ...]",
        )
    out: list[Township] = []
    seen: set[str] = set()
    for index, entry in enumerate(entries):
        pointer = f"/townships/{index}" if isinstance(doc.data, dict) else f"/{index}"
        line = doc.line_of(pointer)
        code = entry.get("code") if isinstance(entry, dict) else None
        name = entry.get("name") if isinstance(entry, dict) else None
        if not isinstance(code, str) or not _TOWNSHIP_CODE.match(code) or not isinstance(name, str) or not name.strip():
            raise CatalogToolError(
                f"{path}:{line}: 每个乡镇应写成 {{code: \"九位代码\", name: 名称}}，代码加引号",
                f"{path}:{line}: each township must be {{code: \"nine-digit code\", name: name}}, the code quoted",
            )
        if code in seen:
            raise CatalogToolError(f"{path}:{line}: 乡镇代码 {code} 重复", f"{path}:{line}: township code {code} repeats")
        seen.add(code)
        out.append(Township(code, name.strip()))
    return out


def _find_roster(inputs: _Inputs) -> Path | None:
    """A townships.yaml next to the inputs or in a folder above them."""
    for root in inputs.roots:
        folder = root.resolve() if root.is_dir() else root.resolve().parent
        for candidate in (folder, *folder.parents):
            path = candidate / TOWNSHIPS_FILE
            if path.is_file():
                return path
    return None


def _resolve_township(value: str, roster: list[Township] | None, inputs: _Inputs,
                      roster_path: Path | None) -> Township:
    if roster is None:
        roster_path = _find_roster(inputs)
        roster = _read_townships(roster_path) if roster_path else []
    for entry in roster:
        if value in (entry.code, entry.name):
            return entry
    if roster_path is not None:
        raise CatalogToolError(
            f"--township {value}：乡镇名单 {roster_path} 中没有这个乡镇（可以给出九位代码或名称）",
            f"--township {value}: no such township in the list {roster_path} (give its nine-digit code or name)",
        )
    if not _TOWNSHIP_CODE.match(value):
        raise CatalogToolError(
            f"--township {value}：乡镇名单中没有这个乡镇（用 --townships 指定名单文件，或给出九位乡镇代码）",
            f"--township {value}: no such township in the list (give the list with --townships, or a nine-digit code)",
        )
    raise CatalogToolError(
        f"--township {value}：找不到这个乡镇的名称；请用 --townships 指定乡镇名单（townships.yaml）",
        f"--township {value}: the township's name is unknown; give the township list with --townships",
    )


def _region_prefix(code: str) -> str:
    prefix = code
    while prefix.endswith("00") and len(prefix) > 2:
        prefix = prefix[:-2]
    return prefix


def _check_township(township: Township, sources: list[Source]) -> None:
    for source in sources:
        region = source.data.get("region")
        code = region.get("code") if isinstance(region, dict) else None
        if (isinstance(code, str) and len(code) == 6 and code.isdigit()
                and not township.code.startswith(_region_prefix(code))):
            raise CatalogToolError(
                f"乡镇 {township.name}（{township.code}）不在 {source.path} 的行政区划 {code} 内",
                f"township {township.name} ({township.code}) is not within region {code} of {source.path}",
            )


# --------------------------------------------------------------------------- since


def _since(old_arg: str, inputs: _Inputs, settings: Config) -> Any:
    """A function from a township (or None) to the changes since `old_arg`."""
    from catalogtool.diff.core import compare, compare_sets
    from catalogtool.diff.inputs import load_input
    from catalogtool.excel.export import KIND_ORDER, Source, apply_township

    old_set = load_input(old_arg, limits=settings.limits)
    new_sources = inputs.sources

    def changes(township: Township | None) -> list[Change]:
        old_sources = apply_township([Source(k, d) for k, d in old_set.docs.items()], township)
        new_docs = {s.path: s.data for s in apply_township(new_sources, township)}
        old_docs = {s.path: s.data for s in old_sources}
        if old_set.single and len(new_docs) == 1:
            ((_, old_doc),) = old_docs.items()
            ((_, new_doc),) = new_docs.items()
            return compare(old_doc, new_doc, kind=str(new_doc.get("kind")), document="",
                           similarity=settings.similarity)
        found = compare_sets(old_docs, new_docs, similarity=settings.similarity)
        rank = {kind: i for i, kind in enumerate(KIND_ORDER)}
        return sorted(found, key=lambda c: rank.get(c.kind, 9))  # stable: keeps the diff's order within a kind

    return changes


# --------------------------------------------------------------------------- writing


def _build(sources: list[Source], township: Township | None, title: str | None, when: _dt.date | None,
           changes: list[Change] | None, since: str, lang: str) -> bytes:
    from catalogtool.excel.export import ExportError, export_bytes

    try:
        data, notices = export_bytes(sources, township=township, title=title, date=when, changes=changes,
                                     since_label=since)
    except ExportError as error:
        text = "\n".join(n.text(lang) for n in error.notices)
        raise CatalogToolError(f"无法导出：\n{text}", f"cannot export:\n{text}") from None
    for notice in notices:
        print(f"catalogtool: {pick(lang, '警告', 'warning')}: {notice.text(lang)}", file=sys.stderr)
    return data


def _write(path: Path, data: bytes) -> None:
    from catalogtool.fsutil import write_atomic

    try:
        write_atomic(path, data)
    except OSError as error:
        reason = error.strerror or str(error)
        raise CatalogToolError(f"无法写入 {path}：{reason}", f"cannot write {path}: {reason}") from None


def _write_one(sources: list[Source], output: Path, township: Township | None, title: str | None,
               when: _dt.date | None, changes: list[Change] | None, since: str, lang: str) -> None:
    _write(output, _build(sources, township, title, when, changes, since, lang))
    print(pick(lang, f"catalogtool: 已写入 {output}", f"catalogtool: wrote {output}"), file=sys.stderr)


def township_file_name(township: Township) -> str:
    safe = re.sub(r'[\\/:*?"<>|\x00-\x1f]', "_", township.name).strip() or "乡镇"
    return f"{township.code}-{safe}.xlsx"


def _export_many(sources: list[Source], roster: list[Township], folder: Path, given: list[Path],
                 title: str | None, when: _dt.date | None, changes_for: Any, since: str, lang: str) -> None:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from catalogtool.fsutil import ensure_not_input

    console = Console(stderr=True)
    folder.mkdir(parents=True, exist_ok=True)
    with Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=console, transient=False,
    ) as progress:
        task = progress.add_task(pick(lang, "生成乡镇指南", "township guides"), total=len(roster))
        for township in roster:
            progress.update(task, description=pick(lang, f"生成 {township.name}", f"writing {township.name}"))
            path = folder / township_file_name(township)
            ensure_not_input(path, given)
            changes = changes_for(township) if changes_for else None
            _write(path, _build(sources, township, title, when, changes, since, lang))
            progress.advance(task)
        progress.update(task, description=pick(lang, "乡镇指南", "township guides"))
    print(pick(lang, f"catalogtool: 已在 {folder} 写入 {len(roster)} 个乡镇指南",
               f"catalogtool: wrote {len(roster)} township guides to {folder}"), file=sys.stderr)
