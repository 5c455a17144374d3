"""Option types shared by several commands, and the one way commands end with an error."""

from __future__ import annotations

from typing import Annotated, NoReturn

import typer

from catalogtool.cli.stderr import say_error
from catalogtool.errors import CatalogToolError
from catalogtool.i18n import LANGS, default_lang
from catalogtool.problems import Message

LangOption = Annotated[
    str | None,
    typer.Option(
        "--lang",
        metavar="zh|en",
        help="消息语言 zh 或 en（默认随系统区域设置，否则中文）。",
        show_default=False,
    ),
]

ConfigOption = Annotated[
    str | None,
    typer.Option("--config", metavar="文件", help="用这一个配置文件管理所有文件（默认每个文件由其所在目录或上级目录中最近的 catalogtool.yaml 管理）。"),
]


def resolve_lang(lang: str | None) -> str:
    """The language to use: the option if given and valid, else the run's (`--lang` anywhere, or the environment)."""
    if lang is None:
        from catalogtool.cli.localize import run_lang

        return run_lang()
    low = lang.lower()
    if low not in LANGS:
        fail(CatalogToolError(Message(f"--lang 只能是 zh 或 en，而不是 {lang}", f"--lang must be zh or en, not {lang}")),
             default_lang())
    return low


def fail(error: CatalogToolError, lang: str) -> NoReturn:
    """Print a user-facing error on stderr and exit 2."""
    raise typer.Exit(say_error(error, lang))
