"""Choosing the language of messages: Chinese unless asked or the locale says English."""

from __future__ import annotations

import os

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


def pick(lang: str, zh: str, en: str) -> str:
    return en if lang == "en" else zh
