"""The one way a command says a user-facing error on stderr, without typer (the fast path uses it too)."""

from __future__ import annotations

import sys

from catalogtool.errors import CatalogToolError


def say_error(error: CatalogToolError, lang: str) -> int:
    """Print `error` in the run's language and return exit code 2 (usage, configuration or input error)."""
    if lang == "en":
        print(f"catalogtool: error: {error.text(lang)}", file=sys.stderr)
    else:
        print(f"catalogtool：错误：{error.text(lang)}", file=sys.stderr)
    return 2
