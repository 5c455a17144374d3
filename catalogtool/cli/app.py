"""The `catalogtool` command as typer builds it: registers the subcommands, speaks one language per run.

cli/main.py is the entry point: it answers a few command lines before this module
(and typer) is imported, and turns crashes into exit 2.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import Annotated, Any

import typer
from typer.core import TyperCommand, TyperGroup

from catalogtool import __version__
from catalogtool.cli.click_api import click
from catalogtool.cli.diff import diff_command
from catalogtool.cli.export import export_command
from catalogtool.cli.git_diff import git_diff_command
from catalogtool.cli.import_ import import_command
from catalogtool.cli.init import init_command
from catalogtool.cli.localize import LocalizedCommandMixin, command_lang, localize
from catalogtool.cli.options import LangOption, resolve_lang
from catalogtool.cli.rules import rules_command
from catalogtool.cli.schema import schema_command
from catalogtool.cli.site import site_command
from catalogtool.cli.validate import validate_command
from catalogtool.i18n import lang_from_args
from catalogtool.problems import Message


class _Command(LocalizedCommandMixin, TyperCommand):
    pass


class _Group(LocalizedCommandMixin, TyperGroup):
    """The `catalogtool` group: decides the run's language before click parses anything.

    Help and usage errors then speak it as the commands' reports do: the language
    comes from `--lang` anywhere on the command line, else the environment.
    """

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        argv = list(sys.argv[1:] if args is None else args)
        if os.environ.get("_CATALOGTOOL_COMPLETE"):  # the shell asks for Tab completions
            from catalogtool.cli.completion import register_shells

            register_shells()
        lang = lang_from_args(argv)
        localize(self, lang)
        if not standalone_mode:
            return super().main(argv, prog_name, complete_var, False, **extra)
        try:
            code = super().main(argv, prog_name, complete_var, False, **extra)
        except click.exceptions.UsageError as error:
            if isinstance(error, _NO_ARGS_IS_HELP):
                error.show()
            else:
                from catalogtool.cli.usage_errors import render

                print(render(error, lang), file=sys.stderr)
            sys.exit(error.exit_code)
        except click.exceptions.ClickException as error:
            print(("Error: " if lang == "en" else "错误：") + error.format_message(), file=sys.stderr)
            sys.exit(error.exit_code)
        except typer.Abort:
            print(Message("已中止。", "Aborted!").text(lang), file=sys.stderr)
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        name = args[0] if args else ""
        if name and not name.startswith("-") and self.get_command(ctx, name) is None and not ctx.resilient_parsing:
            from catalogtool.cli.usage_errors import no_such_command

            ctx.fail(no_such_command(name, list(self.commands), command_lang(self)))
        return super().resolve_command(ctx, args)


_NO_ARGS_IS_HELP: Any = getattr(click.exceptions, "NoArgsIsHelpError", ())


app = typer.Typer(
    cls=_Group,
    name="catalogtool",
    help="检查、比较和导出政府购买服务目录与社区工作事项清单（YAML）。",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        print(f"catalogtool {__version__}")
        raise typer.Exit(0)


@app.callback()
def main(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="显示版本号并退出。"
    ),
    lang: LangOption = None,
) -> None:
    """检查、比较和导出政府购买服务目录与社区工作事项清单（YAML）。"""
    if lang is not None:
        resolve_lang(lang)  # refuses a value other than zh or en; the run's language is already chosen


app.command("validate", cls=_Command)(validate_command)
app.command("diff", cls=_Command)(diff_command)
app.command("export", cls=_Command)(export_command)
app.command("import", cls=_Command)(import_command)
app.command("schema", cls=_Command)(schema_command)
app.command("rules", cls=_Command)(rules_command)
app.command("site", cls=_Command)(site_command)
app.command("init", cls=_Command)(init_command)
app.command("git-diff", cls=_Command, hidden=True)(git_diff_command)


@app.command("completion", cls=_Command)
def completion_command(
    action: Annotated[str, typer.Argument(metavar="动作", autocompletion=lambda incomplete: [
                                              a for a in ("install", "show") if a.startswith(incomplete)],
                                          help="install：为 shell 安装命令补全；show：只打印补全脚本。", show_default=False)],
    shell: Annotated[str | None, typer.Argument(
        metavar="SHELL", autocompletion=lambda incomplete: [
            s for s in ("bash", "zsh", "fish", "powershell", "pwsh") if s.startswith(incomplete)],
        help="bash、zsh、fish 或 powershell（pwsh）；默认为当前使用的 shell。", show_default=False)] = None,
    lang: LangOption = None,
) -> None:
    """安装或显示 shell 命令补全（bash、zsh、fish、PowerShell）。

    装好后按 Tab 补全命令、选项、规则编号和文档类型：catalogtool completion install
    """
    from catalogtool.cli.completion import run as run_completion
    from catalogtool.cli.options import fail
    from catalogtool.errors import CatalogToolError

    language = resolve_lang(lang)
    try:
        run_completion(action, shell, language)
    except CatalogToolError as error:
        fail(error, language)
