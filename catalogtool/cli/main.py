"""The `catalogtool` entry point: answers what it can before typer loads, turns crashes into exit 2.

A pre-commit hook starts catalogtool on every commit, and importing typer, click
and pydantic costs more than checking a small file: `--version` and a plain
`validate FILES...` are answered by cli/fast_path.py, which hands every other
command line to the typer application (cli/app.py, where commands are registered).
"""

from __future__ import annotations

import os
import sys

from catalogtool.i18n import lang_from_args

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (mypy reads it the same)

if TYPE_CHECKING:
    from typing import Any


def __getattr__(name: str) -> Any:
    """`from catalogtool.cli.main import app` still works: the application is built on first use."""
    if name in ("app", "main"):
        from catalogtool.cli import app

        return getattr(app, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def run() -> None:
    """Entry point: never let a Python traceback reach the user (set CATALOGTOOL_DEBUG=1 to see one)."""
    try:
        from catalogtool.cli.fast_path import fast_exit_code

        code = fast_exit_code(sys.argv[1:])
        if code is not None:
            sys.exit(code)
        application: Any = globals().get("app")  # a test or the fuzzer may have put its own here
        if application is None:
            from catalogtool.cli.app import app as application
        application()
    except KeyboardInterrupt:
        from catalogtool.problems import Message

        print(Message("catalogtool：已中断", "catalogtool: interrupted").text(lang_from_args(sys.argv[1:])), file=sys.stderr)
        sys.exit(130)
    except SystemExit:
        raise
    except BaseException as exc:
        if os.environ.get("CATALOGTOOL_DEBUG"):
            raise
        from catalogtool.problems import Message

        lang = lang_from_args(sys.argv[1:])
        print(Message(f"catalogtool：内部错误：{type(exc).__name__}: {exc}\n"
                   "这是 catalogtool 的缺陷，请附上所用命令和文件报告给维护者；"
                   "设置环境变量 CATALOGTOOL_DEBUG=1 可显示详细信息。", f"catalogtool: internal error: {type(exc).__name__}: {exc}\n"
                   "This is a bug in catalogtool; please report it to the maintainers with the command and "
                   "files used.  Set CATALOGTOOL_DEBUG=1 to see the details.").text(lang),
              file=sys.stderr)
        sys.exit(2)
