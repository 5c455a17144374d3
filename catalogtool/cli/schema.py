"""`catalogtool schema [KIND]`: print a kind's JSON Schema, for editors and other tools."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from catalogtool.cli.options import LangOption, fail, resolve_lang
from catalogtool.errors import CatalogToolError


def schema_command(
    kind: Annotated[str | None, typer.Argument(help="文档类型：purchase-catalog、access-list、assistance-list 或 config；不填则列出全部。", show_default=False)] = None,
    lang: LangOption = None,
) -> None:
    """打印某类文档的 JSON Schema（供编辑器提示和校验使用）。"""
    from catalogtool.schemas import SCHEMA_NAMES, schema_text

    language = resolve_lang(lang)
    if kind is None:
        for name in SCHEMA_NAMES:
            print(name)
        return
    try:
        sys.stdout.write(schema_text(kind))
    except CatalogToolError as error:
        fail(error, language)
