"""Errors that end a command with exit code 2: bad usage, configuration or input paths."""

from __future__ import annotations


class CatalogToolError(Exception):
    """A problem the user can fix, stated in both languages; the CLI prints it and exits 2."""

    def __init__(self, zh: str, en: str | None = None) -> None:
        super().__init__(zh)
        self.zh = zh
        self.en = en or zh

    def text(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh
