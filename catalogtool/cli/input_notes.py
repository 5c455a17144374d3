"""What a command that reads documents says on stderr about them: files it skipped, and inputs with errors.

`export` and `site` both check their inputs as `validate` does before writing
anything; they say it in the same words.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

from catalogtool.cli.stderr import say
from catalogtool.problems import Message


def note(lang: str, message: Message) -> None:
    """`catalogtool：提示：...` on stderr."""
    say(message, lang, "note")


def skipped_note(lang: str) -> Callable[[str], None]:
    """What load_sources calls for a YAML file that is no document (a roster, say)."""

    def skipped(display: str) -> None:
        note(lang, Message(f"已跳过 {display}：不是目录或清单文件（没有 kind）",
                           f"skipped {display}: not a catalogtool document (no kind)"))

    return skipped


def report_errors(result: Any, lang: str, refusal: Message) -> None:
    """The refusal, then every problem of the inputs as `validate` prints them."""
    from catalogtool.reporters import REPORTERS

    say(refusal, lang)
    REPORTERS["text"](result, lang, False, sys.stderr)
