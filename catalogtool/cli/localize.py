"""Help in the language of the run, click's own words included.

Commands are written with Chinese help.  Before each run parses anything,
`localize(group, lang)` sets the language on the fresh command objects typer
builds: in English every help text, metavar and argument name is replaced by its
English (help_en.py); in either language the help formatter writes click's
headings and notes (Usage, Options, [default: ...], [required]) in it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import Any

from catalogtool.cli.click_api import click
from catalogtool.i18n import default_lang

LANG_ATTRIBUTE = "catalogtool_lang"
HELP_OPTION = {"zh": "显示本帮助并退出。", "en": "Show this help and exit."}
# Arguments declared without a metavar are shown by these names, not their Python names.
ARGUMENT_NAMES: dict[str, tuple[str, str]] = {
    "paths": ("路径", "PATH"),
    "old": ("旧版本", "OLD"),
    "new": ("新版本", "NEW"),
    "file": ("工作簿", "WORKBOOK"),
    "kind": ("类型", "KIND"),
    "rule_id": ("规则", "RULE"),
}
_HEADINGS_ZH = {"Usage": "用法", "Arguments": "参数", "Options": "选项", "Commands": "命令"}
_NOTES_ZH = (("default: ", "默认："), ("env var: ", "环境变量："), ("required", "必填"))
_NOTES = re.compile(r"(\s*)\[([^\[\]]+)\]$")


def command_lang(command: Any) -> str:
    return str(getattr(command, LANG_ATTRIBUTE, "zh"))


def run_lang() -> str:
    """The language the run was given (catalogtool.cli.main decides it); the environment's outside a run."""
    ctx = click.globals.get_current_context(silent=True)
    lang = getattr(ctx.command, LANG_ATTRIBUTE, None) if ctx is not None else None
    return str(lang) if lang else default_lang()


def localize(command: Any, lang: str) -> None:
    """Put `command`, its parameters and its subcommands in `lang` (zh or en)."""
    from catalogtool.cli.help_en import english

    def text(value: str | None) -> str | None:
        return (english(value) or value) if value and lang == "en" else value

    setattr(command, LANG_ATTRIBUTE, lang)
    command.help = text(command.help)
    command.short_help = text(command.short_help)
    if lang != "en":
        command.options_metavar = "[选项]"
        if hasattr(command, "subcommand_metavar"):
            command.subcommand_metavar = "命令 [参数]..."
    for param in command.params:
        if param.param_type_name == "argument" and param.metavar is None and param.name in ARGUMENT_NAMES:
            param.metavar = ARGUMENT_NAMES[param.name][1 if lang == "en" else 0]
        else:
            param.metavar = text(param.metavar)
        if param.param_type_name == "argument":
            # typer would add the Python type (`路径 <list[Path]>`); the name and help say what to give
            setattr(param, "display_type_rich", _no_type)  # noqa: B010 (typer's attribute, not click's)
        if getattr(param, "help", None):
            param.help = text(param.help)
    for sub in getattr(command, "commands", {}).values():
        localize(sub, lang)


def _no_type(ctx: object) -> None:
    return None


def _notes_zh(help_text: str) -> str:
    """click's notes after a help text, `[default: text; required]`, in Chinese."""
    match = _NOTES.search(help_text)
    if match is None:
        return help_text
    notes = []
    for note in match.group(2).split("; "):
        for english, chinese in _NOTES_ZH:
            if note.startswith(english):
                notes.append(chinese + note[len(english):])
                break
        else:
            if not re.fullmatch(r"[\dx<>=.\-]+", note):  # a number range, such as x>=1, reads as it is
                return help_text
            notes.append(note)
    return f"{help_text[:match.start()]}{match.group(1)}[{'；'.join(notes)}]"


class LocalizedFormatter(click.HelpFormatter):
    """click's help formatter, writing its headings and notes in the run's language.

    In Chinese it also measures text as a terminal shows it, a Chinese character
    two columns wide, and may break a line between any two Chinese characters
    (click counts characters and breaks only at spaces, so Chinese help would
    run past the edge and its columns would not line up).
    """

    lang = "zh"

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        if prefix is None and self.lang != "en":
            prefix = "用法："
        super().write_usage(prog, args, prefix)

    def write_heading(self, heading: str) -> None:
        if self.lang == "en":
            super().write_heading(heading)
        else:
            self.write(f"{'':>{self.current_indent}}{_HEADINGS_ZH.get(heading, heading)}：\n")

    def write_text(self, text: str) -> None:
        if self.lang == "en":
            super().write_text(text)
            return
        indent = " " * self.current_indent
        paragraphs = [wrap(p, self.width - self.current_indent) for p in re.split(r"\n\s*\n", text.strip())]
        self.write("\n\n".join("\n".join(indent + line for line in lines) for lines in paragraphs) + "\n")

    def write_dl(self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2) -> None:
        if self.lang == "en":
            super().write_dl(rows, col_max, col_spacing)
            return
        rows = [(term, _notes_zh(definition)) for term, definition in rows]
        first_col = min(max((display_width(term) for term, _ in rows), default=0), col_max) + col_spacing
        hanging = " " * (first_col + self.current_indent)
        for term, definition in rows:
            self.write(f"{'':>{self.current_indent}}{term}")
            if not definition:
                self.write("\n")
                continue
            if display_width(term) <= first_col - col_spacing:
                self.write(" " * (first_col - display_width(term)))
            else:
                self.write("\n" + hanging)
            lines = wrap(definition, max(self.width - first_col - self.current_indent, 10))
            self.write(lines[0] + "\n" + "".join(f"{hanging}{line}\n" for line in lines[1:]))


def display_width(text: str) -> int:
    """Columns a terminal gives `text`: two for a wide (Chinese) character, one for others."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


# Never at the start of a line / never at its end (the usual rules for Chinese line breaking).
_NO_LINE_START = set("，。、；：？！）」』】》〕”’,.;:?!)]}")
_NO_LINE_END = set("（「『【《〔“‘([{")


def wrap(text: str, width: int) -> list[str]:
    """`text` in lines at most `width` columns wide, broken at spaces or between wide characters."""
    lines: list[str] = []
    line = ""
    for token in _tokens(text):
        if line and not token.isspace() and display_width(line.rstrip() + token) > width:
            lines.append(line.rstrip())
            line = ""
        if line or not token.isspace():
            line += token
    lines.append(line.rstrip())
    return lines


def _tokens(text: str) -> list[str]:
    """What a line may not be broken inside: a word of narrow characters, one wide character, a
    space; punctuation stays with the character it belongs to."""
    text = re.sub(r"(?<=[^\x00-\xff])\n(?=[^\x00-\xff])", "", text)  # a Chinese line break joins without a space
    tokens: list[str] = []
    for char in " ".join(text.split()):
        previous = tokens[-1] if tokens else ""
        if previous and (char in _NO_LINE_START or previous[-1] in _NO_LINE_END
                         or (_in_word(previous[-1]) and _in_word(char))):
            tokens[-1] += char
        else:
            tokens.append(char)
    return tokens


def _in_word(char: str) -> bool:
    return not char.isspace() and unicodedata.east_asian_width(char) not in "WF"


class LocalizedContext(click.Context):
    formatter_class = LocalizedFormatter

    def make_formatter(self) -> Any:
        formatter = super().make_formatter()
        if isinstance(formatter, LocalizedFormatter):
            formatter.lang = command_lang(self.command)
        return formatter


class LocalizedCommandMixin:
    """For typer's command classes: help in the language `localize` gave the command."""

    context_class: type[click.Context] = LocalizedContext

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = HELP_OPTION[command_lang(self)]
        return option
