"""`catalogtool schema [KIND]`: print a kind's JSON Schema, for editors and other tools."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from catalogtool.cli.options import LangOption, fail, resolve_lang
from catalogtool.errors import CatalogToolError
from catalogtool.kinds import KINDS

# The kinds are the registry's: a new kind is listed here without an edit (its English is in help_en.py).
KIND_HELP = f"文档类型：{'、'.join(KINDS)} 或 config；不填则列出全部。"


def _complete_kind(incomplete: str) -> list[str]:
    """The kinds a shell offers on Tab; imported only while a shell asks."""
    from catalogtool.cli.completion import complete_kind

    return complete_kind(incomplete)


def schema_command(
    kind: Annotated[str | None, typer.Argument(help=KIND_HELP, show_default=False, autocompletion=_complete_kind)] = None,
    lang: LangOption = None,
) -> None:
    """打印某类文档的 JSON Schema（供编辑器提示和校验使用）。"""
    from catalogtool.schemas import schema_names, schema_text

    language = resolve_lang(lang)
    if kind is None:
        for name in schema_names():
            print(name)
        return
    try:
        sys.stdout.write(schema_text(kind))
    except CatalogToolError as error:
        fail(error, language)
