"""The `catalogtool` command: registers the subcommands and turns crashes into exit 2."""

from __future__ import annotations

import os
import sys
from typing import Any

import typer
from typer.core import TyperCommand, TyperGroup

from catalogtool import __version__
from catalogtool.cli.diff import diff_command
from catalogtool.cli.export import export_command
from catalogtool.cli.import_ import import_command
from catalogtool.cli.rules import rules_command
from catalogtool.cli.schema import schema_command
from catalogtool.cli.validate import validate_command


class _ChineseHelpMixin:
    """click's own --help text is English; the rest of the help is Chinese."""

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = "显示本帮助并退出。"
        return option


class _Group(_ChineseHelpMixin, TyperGroup):
    pass


class _Command(_ChineseHelpMixin, TyperCommand):
    pass


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
) -> None:
    """检查、比较和导出政府购买服务目录与社区工作事项清单（YAML）。"""


app.command("validate", cls=_Command)(validate_command)
app.command("diff", cls=_Command)(diff_command)
app.command("export", cls=_Command)(export_command)
app.command("import", cls=_Command)(import_command)
app.command("schema", cls=_Command)(schema_command)
app.command("rules", cls=_Command)(rules_command)


def run() -> None:
    """Entry point: never let a Python traceback reach the user (set CATALOGTOOL_DEBUG=1 to see one)."""
    try:
        app()
    except KeyboardInterrupt:
        print("catalogtool: 已中断 (interrupted)", file=sys.stderr)
        sys.exit(130)
    except SystemExit:
        raise
    except BaseException as exc:
        if os.environ.get("CATALOGTOOL_DEBUG"):
            raise
        print(
            f"catalogtool: 内部错误（internal error）：{type(exc).__name__}: {exc}\n"
            "这是 catalogtool 的缺陷，请附上所用命令和文件报告给维护者；"
            "设置环境变量 CATALOGTOOL_DEBUG=1 可显示详细信息。",
            file=sys.stderr,
        )
        sys.exit(2)
