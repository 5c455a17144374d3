"""Choosing the language of messages: Chinese unless asked or the locale says English.

One language per run: the CLI decides it once, from `--lang` on the command line
or else the environment, before click parses anything, so help, usage errors
and reports all speak it.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

LANGS = ("zh", "en")


def default_lang(environ: dict[str, str] | None = None) -> str:
    """Chinese by default; English when the locale (LC_ALL, LC_MESSAGES, LANG) is English."""
    env = os.environ if environ is None else environ
    for var in ("CATALOGTOOL_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var, "").strip()
        if not value:
            continue
        low = value.lower()
        if low in LANGS:
            return low
        if low.startswith("en"):
            return "en"
        if low.startswith("zh"):
            return "zh"
        if low in ("c", "posix") or low.startswith(("c.", "posix.")):
            continue
        return "zh"
    return "zh"


def lang_from_args(args: Sequence[str], environ: dict[str, str] | None = None) -> str:
    """The run's language: `--lang zh|en` (or `--lang=en`) among the arguments, else the environment's.

    The last `--lang` counts, as it does for click.  An invalid value is left for the
    command to refuse, in the environment's language.
    """
    chosen = ""
    for index, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and index + 1 < len(args):
            chosen = args[index + 1].lower()
        elif arg.startswith("--lang="):
            chosen = arg.split("=", 1)[1].lower()
    return chosen if chosen in LANGS else default_lang(environ)
