"""PyYAML, imported without compiling the regular expressions catalogtool's parsing never runs.

`import yaml` compiles a dozen patterns as its modules load; the pure-Python reader's
NON_PRINTABLE, a large character class, takes longer to compile than
`catalogtool validate` takes to check a small file, and with libyaml (the C parser)
it is never used.  Each pattern compiled while PyYAML loads is compiled on its first
use instead; after that the object hands out the compiled pattern's own methods,
so nothing is slower.  Import `yaml` from here (catalogtool.loader and the modules
it imports first do), so that it is the first import of PyYAML in the process; if
PyYAML was imported before, it is used as it is.
"""

from __future__ import annotations

import _thread
import re
import sys
from typing import Any

from catalogtool.lazy_pattern import OnFirstUse


def _import_pyyaml() -> None:
    if "yaml" in sys.modules:
        return
    compile_now = re.compile
    importer = _thread.get_ident()

    def compile_later(pattern: Any, flags: int = 0) -> Any:
        caller = sys._getframe(1).f_globals.get("__name__", "")
        if _thread.get_ident() != importer or not caller.startswith("yaml."):
            return compile_now(pattern, flags)  # not PyYAML's own, loading now: compiled as asked
        return OnFirstUse(pattern, flags)

    re.compile = compile_later
    try:
        import yaml  # noqa: F401
    finally:
        re.compile = compile_now


_import_pyyaml()

import yaml  # noqa: E402  (loaded above: this only names it)

__all__ = ["yaml"]
