"""A regular expression compiled on its first use, for the patterns modules keep at their top.

Compiling a pattern with a class of Chinese or other wide characters takes about
a millisecond, and catalogtool's modules hold dozens: together more than
`catalogtool validate` takes to check a small file, which needs few of them.
`compile_later` returns an object that compiles on first use and then hands out
the compiled pattern's own methods, so later calls cost what they always did.
"""

from __future__ import annotations

import re
from typing import Any, cast

_METHODS = ("match", "search", "fullmatch", "finditer", "findall", "sub", "subn", "split")


class OnFirstUse:
    """A pattern, compiled when one of its attributes (search, match, pattern...) is first asked for."""

    def __init__(self, pattern: Any, flags: int = 0) -> None:
        self._source = (pattern, flags)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") or name == "_source":
            raise AttributeError(name)  # copy, pickle and friends probing: not a pattern's attribute
        compiled = re.compile(*self._source)
        for method in _METHODS:
            setattr(self, method, getattr(compiled, method))  # found on the instance from now on
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._source[0]!r}, {self._source[1]!r})"


def compile_later(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """re.compile(pattern, flags), done when the pattern is first used."""
    return cast("re.Pattern[str]", OnFirstUse(pattern, flags))
