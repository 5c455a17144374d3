"""Compiled schema validators kept between runs, as Python keeps bytecode.

fastjsonschema writes a validator as Python source and compiles it; for the kinds'
schemas that takes longer than checking a small file, which is what a pre-commit
hook does on every commit.  The compiled code is kept in the user's cache folder
(`CATALOGTOOL_CACHE_DIR`, else the platform's), named by a hash of everything it
depends on: the schema's text, the formats, fastjsonschema's and Python's versions.
A changed schema is a new name, never a stale file; a damaged or unwritable cache
only means compiling again.  The code is the user's own cache, trusted as
__pycache__ is.

A cached validator runs without importing fastjsonschema (its drafts, generator and
URL resolver cost about as much as checking a small file): its version is read from
the package's version.py, and the code raises Invalid where fastjsonschema's code
raised its own exceptions (catalogtool only asks "valid?"; jsonschema explains).
"""

from __future__ import annotations

import contextlib
import marshal
import os
import sys
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from catalogtool.digest import sha256

# Raise when the way the code is made changes (it is part of every name).
_LAYOUT = "4"
# The line of fastjsonschema's code that imports its exceptions; Invalid takes their place.
_IMPORT = "from fastjsonschema import JsonSchemaValueException, JsonSchemaValuesException\n"


class Invalid(ValueError):
    """What a compiled validator raises for invalid data (fastjsonschema's JsonSchemaValueException's arguments)."""

    def __init__(self, message: str, value: Any = None, name: str | None = None, definition: Any = None,
                 rule: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.value = value
        self.name = name
        self.definition = definition
        self.rule = rule



def compiled_validator(schema_text: str, schema: dict[str, Any], formats: dict[str, Callable[[Any], bool]]) -> Any:
    """A validator for `schema` (whose source is `schema_text`) that raises on invalid data, from the cache when it can be.

    catalogtool's own yes/no code (catalogtool.schema_subset) answers first; where it
    says no, or cannot handle the schema, fastjsonschema's validator answers (and raises
    its own error), compiled only when first needed.
    """
    key = sha256("\0".join((_LAYOUT, schema_text, ",".join(sorted(formats)), fastjsonschema_version(),
                                    sys.version)).encode("utf-8")).hexdigest()
    folder = _folder()
    full: list[Any] = []

    def full_validator(data: Any) -> Any:
        if not full:
            full.append(_full_validator(key, folder, schema, formats))
        return full[0](data)

    valid = _subset_validator(key, folder, schema, formats) if "date" in formats else None
    if valid is None:
        return full_validator

    def validate(data: Any) -> Any:
        try:
            passed = valid(data)
        except Exception:  # odd input (a list among texts that must differ): fastjsonschema answers
            passed = False
        return data if passed else full_validator(data)

    return validate


def _subset_validator(key: str, folder: Path | None, schema: dict[str, Any],
                      formats: dict[str, Callable[[Any], bool]]) -> Callable[[Any], bool] | None:
    from catalogtool.schema_subset import Unsupported, subset_source

    file = folder / f"{key}.subset.bin" if folder is not None else None
    loaded = _read(file) if file is not None else None
    if loaded is None:
        try:
            source = subset_source(schema)
        except Unsupported:
            return None
        loaded = ("valid", compile(source, f"<schema subset {key[:12]}>", "exec"))
        if file is not None:
            _write(file, loaded)
    namespace: dict[str, Any] = {"_formats": formats}
    exec(loaded[1], namespace)  # code written here from our own schema
    valid: Callable[[Any], bool] = namespace[loaded[0]]
    return valid


def _full_validator(key: str, folder: Path | None, schema: dict[str, Any],
                    formats: dict[str, Callable[[Any], bool]]) -> Any:
    file = folder / f"{key}.bin" if folder is not None else None
    loaded = _read(file) if file is not None else None
    if loaded is None:
        import fastjsonschema

        resolver, generator = fastjsonschema._factory(schema, {}, formats)  # compile()'s own steps, keeping the code
        source = f"{generator.global_state_code}\n{generator.func_code}".replace(_IMPORT, "", 1)
        # The code names each value for its error message (`data.categories[3]`) as it goes, one
        # str.format per list item; catalogtool only asks it "valid?" (jsonschema explains
        # errors), so the names are left unformatted: about a third of its time on valid data.
        source = source.replace(".format(**locals())", "")
        loaded = (resolver.get_scope_name(), compile(source, f"<schema {key[:12]}>", "exec"))
        if file is not None:
            _write(file, loaded)
    name, code = loaded
    namespace: dict[str, Any] = {"JsonSchemaValueException": Invalid, "JsonSchemaValuesException": Invalid}
    exec(code, namespace)  # code fastjsonschema generated from our own schema
    return partial(namespace[name], custom_formats=formats)


def fastjsonschema_version() -> str:
    """fastjsonschema.VERSION, read from the version.py of the package `import fastjsonschema` would
    import (found as the import system finds it) without importing it; else imported."""
    folders: list[str] = []
    for finder in sys.meta_path:
        find_spec = getattr(finder, "find_spec", None)
        spec = find_spec("fastjsonschema", None) if find_spec is not None else None
        if spec is not None:
            folders = list(spec.submodule_search_locations or ())
            break
    with contextlib.suppress(OSError, UnicodeDecodeError):
        for line in (Path(folders[0]) / "version.py").read_text(encoding="utf-8").splitlines() if folders else ():
            name, _, value = (part.strip() for part in line.partition("="))
            if name == "VERSION" and len(value) > 2 and value[0] == value[-1] and value[0] in "'\"" and \
                    all(c.isalnum() or c in ".+-_" for c in value[1:-1]):
                return value[1:-1]
    import fastjsonschema

    return str(fastjsonschema.VERSION)


def _folder() -> Path | None:
    given = os.environ.get("CATALOGTOOL_CACHE_DIR")
    if given:
        return Path(given) / "validators"
    from catalogtool.cache_folder import user_cache_folder

    try:
        return Path(user_cache_folder()) / "validators"
    except (ImportError, RuntimeError):  # pragma: no cover - platformdirs finds no home folder
        return None


def _read(file: Path) -> tuple[str, Any] | None:
    try:
        name, code = marshal.loads(file.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return None
    return (name, code) if isinstance(name, str) and type(code) is type(_read.__code__) else None


def _write(file: Path, loaded: tuple[str, Any]) -> None:
    from catalogtool.fsutil import write_atomic

    with contextlib.suppress(OSError, ValueError):  # a read-only or full disk: compile again next time
        write_atomic(file, marshal.dumps(loaded))
