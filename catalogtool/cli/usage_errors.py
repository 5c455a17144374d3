"""Usage errors (a mistyped option, a missing argument) said in the language of the run.

click words them in English.  In Chinese each common kind is said again from
the exception's own fields (the option, its suggestions, the parameter) or, for
the few that carry only a message, from the message's known wording; a message
that is not recognised keeps click's words rather than be lost.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from catalogtool.cli.click_api import click

# click's (and typer's) wording of the errors that carry only a message -> Chinese
_MESSAGES_ZH: tuple[tuple[str, str], ...] = (
    (r"Option '(.+)' requires an argument\.", "选项 {0} 需要一个值"),
    (r"Option '(.+)' requires (\d+) (?:arguments|values)\.", "选项 {0} 需要 {1} 个值"),
    (r"Option '(.+)' does not take a value\.", "选项 {0} 不带值"),
    (r"Argument '(.+)' takes (\d+) values\.", "参数 {0} 需要 {1} 个值"),
    (r"Got unexpected extra arguments?(?:\(s\))? \((.*)\)\.?", "多余的参数：{0}"),
    (r"Missing command\.", "缺少命令"),
    (r"No such command '(.+)'\..*", "没有 {0} 这个命令"),
)
# why a value is invalid, as click's parameter types say it -> Chinese
_REASONS_ZH: tuple[tuple[str, str], ...] = (
    (r"'(.*)' is not a valid integer(?: range)?\.", "“{0}”不是整数"),
    (r"'(.*)' is not a valid (?:float|number)(?: range)?\.", "“{0}”不是数字"),
    (r"(.*) is not in the range (.*)\.", "{0} 不在 {1} 的范围内"),
    (r"'(.*)' is not one of (.*)\.", "“{0}”不是 {1} 之一"),
    (r"(?:File|Directory|Path) '(.*)' does not exist\.", "“{0}”不存在"),
)
# the same from typer's pydantic validation errors, by error type
_PYDANTIC_ZH = {
    "int_parsing": "“{input}”不是整数",
    "int_type": "“{input}”不是整数",
    "int_from_float": "“{input}”不是整数",
    "float_parsing": "“{input}”不是数字",
    "float_type": "“{input}”不是数字",
    "bool_parsing": "“{input}”不是 true 或 false",
    "greater_than_equal": "不能小于 {ge}（给出的是 {input}）",
    "greater_than": "须大于 {gt}（给出的是 {input}）",
    "less_than_equal": "不能大于 {le}（给出的是 {input}）",
    "less_than": "须小于 {lt}（给出的是 {input}）",
}


def render(error: Any, lang: str) -> str:
    """The usage line, a pointer to -h and the error, laid out as click does."""
    lines = []
    ctx = error.ctx
    if ctx is not None:
        lines.append(ctx.get_usage())
        if ctx.command.get_help_option(ctx) is not None:
            command, option = ctx.command_path, ctx.help_option_names[0]
            lines.append(f"Try '{command} {option}' for help." if lang == "en"
                         else f"运行 {command} {option} 查看帮助。")
        lines.append("")
    lines.append(("Error: " if lang == "en" else "错误：") + message(error, lang))
    return "\n".join(lines)


def message(error: Any, lang: str) -> str:
    """What went wrong, in `lang`."""
    if lang == "en":
        return str(error.format_message())
    exceptions = click.exceptions
    if isinstance(error, exceptions.NoSuchOption):
        text = f"没有 {error.option_name} 这个选项"
        if error.possibilities:
            text += f"；是否想用 {'、'.join(sorted(error.possibilities))}？"
        return text
    if isinstance(error, exceptions.MissingParameter):
        return f"缺少{_parameter(error)}"
    if isinstance(error, exceptions.BadParameter):
        return f"{_parameter(error)} 的值无效：{_reason(error)}"
    return _known(_MESSAGES_ZH, error.message) or str(error.format_message())


def no_such_command(name: str, commands: Sequence[str], lang: str) -> str:
    """A mistyped command, with the commands it may have meant."""
    import difflib

    close = difflib.get_close_matches(name, list(commands))
    if lang == "en":
        suggestion = f" Did you mean {', '.join(repr(c) for c in close)}?" if close else ""
        return f"No such command {name!r}.{suggestion}"
    return f"没有 {name} 这个命令" + (f"；是否想用 {'、'.join(close)}？" if close else "")


def _parameter(error: Any) -> str:
    """选项 --output / -o, or 参数“路径”."""
    param = error.param
    kind = getattr(error, "param_type", None) or (param.param_type_name if param is not None else "")
    hint = error.param_hint
    if hint is not None:
        name = hint if isinstance(hint, str) else " / ".join(hint)
    elif param is None:
        return "参数"
    elif param.param_type_name == "option":
        name = " / ".join([*param.opts, *param.secondary_opts])
    else:
        return f"参数“{param.metavar or param.name}”"
    return f"选项 {name}" if kind == "option" else f"参数 {name}"


def _reason(error: Any) -> str:
    cause = error.__cause__
    details = getattr(cause, "errors", None)
    if callable(details):
        try:
            first = details()[0]
            return _PYDANTIC_ZH[first["type"]].format(input=first.get("input"), **(first.get("ctx") or {}))
        except (LookupError, TypeError, ValueError, AttributeError):
            pass
    return _known(_REASONS_ZH, error.message) or str(error.message)


def _known(patterns: tuple[tuple[str, str], ...], text: str) -> str | None:
    for pattern, chinese in patterns:
        match = re.fullmatch(pattern, text)
        if match:
            return chinese.format(*match.groups())
    return None
