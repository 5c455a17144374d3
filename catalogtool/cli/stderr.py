"""The one way a command speaks on stderr, without typer (the fast path uses it too).

Every line starts `catalogtool：` in Chinese (full-width colons, as Chinese text
writes them) and `catalogtool: ` in English, then what kind of line it is.
"""

from __future__ import annotations

import sys
from typing import Literal

from catalogtool.errors import CatalogToolError
from catalogtool.problems import Message

_LABELS = {"error": ("错误", "error"), "warning": ("警告", "warning"), "note": ("提示", "note")}


def prefix(lang: str, label: Literal["error", "warning", "note"] | None = None) -> str:
    """`catalogtool：警告：` / `catalogtool: warning: ` (no label: just the program's name)."""
    zh, en = _LABELS[label] if label is not None else ("", "")
    if lang == "en":
        return f"catalogtool: {en}: " if en else "catalogtool: "
    return f"catalogtool：{zh}：" if zh else "catalogtool："


def say(message: Message, lang: str, label: Literal["warning", "note"] | None = None) -> None:
    """One line (or more) on stderr in the run's language, after the prefix."""
    print(prefix(lang, label) + message.text(lang), file=sys.stderr)


def say_error(error: CatalogToolError, lang: str) -> int:
    """Print `error` in the run's language and return exit code 2 (usage, configuration or input error)."""
    print(prefix(lang, "error") + error.text(lang), file=sys.stderr)
    return 2
