"""The JSON Schemas of the kinds: found in the installed package or the source checkout.

A schema is named by its kind (`Kind.schema`) and found through the registry on
every use, so a kind registered for a while (the example kind of a test) leaves
nothing behind: what is cached is keyed by the schema's file.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from catalogtool.errors import CatalogToolError
from catalogtool.kinds import KINDS
from catalogtool.package_data import package_files
from catalogtool.problems import Message

CONFIG_SCHEMA = "config"


def schema_names() -> tuple[str, ...]:
    """Every schema `catalogtool schema` prints: each registered kind's, then the configuration's."""
    return (*(kind.schema for kind in KINDS.values()), CONFIG_SCHEMA)


@cache
def _schema_dir() -> Path:
    packaged = package_files() / "schemas"
    if packaged.is_dir():
        return Path(str(packaged))
    # Source checkout or editable install: the schemas live at the repository top.
    return Path(__file__).resolve().parent.parent / "schemas"


def schema_file(name: str) -> Path:
    """Where schema `name` is: its kind's own `schema_path`, else schemas/<name>.schema.json."""
    kind = next((kind for kind in KINDS.values() if kind.schema == name), None)
    if kind is None and name != CONFIG_SCHEMA:
        names = schema_names()
        raise CatalogToolError(
            Message(f"没有名为 {name} 的模式；可选：{'、'.join(names)}",
            f"no schema named {name}; choose one of: {', '.join(names)}"),
        )
    if kind is not None and kind.schema_path is not None:
        return kind.schema_path
    return _schema_dir() / f"{name}.schema.json"


def schema_text(name: str) -> str:
    return _text(schema_file(name))


def load_schema(name: str) -> dict[str, Any]:
    return _parsed(schema_file(name))


def validator(name: str) -> Any:
    """A compiled draft 2020-12 validator with date format checking (built once per process)."""
    return _validator(schema_file(name))


@cache
def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


@cache
def _parsed(path: Path) -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(_text(path))
    return schema


@cache
def _validator(path: Path) -> Any:
    from jsonschema import Draft202012Validator

    return Draft202012Validator(_parsed(path), format_checker=Draft202012Validator.FORMAT_CHECKER)


def _is_date(value: object) -> bool:
    """The same date check jsonschema's format checker makes (a real calendar date)."""
    import datetime as dt

    if not isinstance(value, str):
        return True
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _fast_validator(name: str) -> Any:
    """A compiled validator for the common case, or None where it cannot be built."""
    return _compiled(schema_file(name))


@cache
def _compiled(path: Path) -> Any:
    try:
        from catalogtool.schema_code import compiled_validator

        return compiled_validator(_text(path), _parsed(path), {"date": _is_date})
    except Exception:  # any failure just means: use jsonschema alone
        return None


def schema_errors(name: str, data: Any) -> list[Any]:
    """jsonschema's errors for `data`, in document order.

    Most documents are valid, and jsonschema spends most of a run proving it; a
    compiled validator (fastjsonschema) answers "valid" many times faster, so
    jsonschema is asked only for documents with errors, for its detailed report.
    tests/test_schema_fast_path.py keeps the two in agreement.
    """
    fast = _fast_validator(name)
    if fast is not None:
        try:
            fast(data)
            return []
        except Exception:  # invalid, or the compiled code tripped on odd input: ask jsonschema
            pass
    return list(validator(name).iter_errors(data))


def subschema_at(schema: dict[str, Any], pointer: str) -> dict[str, Any] | None:
    """The subschema that governs the value at `pointer`, following properties, items and $ref.

    Enough for catalogtool's own schemas (no dynamic refs); None where the schema
    says nothing (for example under an unknown key).
    """
    from catalogtool.document import split_pointer

    node: dict[str, Any] | None = _deref(schema, schema)
    for token in split_pointer(pointer):
        if node is None:
            return None
        props = node.get("properties")
        if isinstance(props, dict) and token in props:
            node = _deref(schema, props[token])
        elif token.isdigit() and isinstance(node.get("items"), dict):
            node = _deref(schema, node["items"])
        else:
            return None
    return node


def _deref(root: dict[str, Any], node: Any) -> dict[str, Any] | None:
    seen = 0
    while isinstance(node, dict) and "$ref" in node and seen < 32:
        ref = node["$ref"]
        if not isinstance(ref, str) or not ref.startswith("#/"):
            return None
        target: Any = root
        for token in ref[2:].split("/"):
            target = target.get(token) if isinstance(target, dict) else None
        node = target
        seen += 1
    return node if isinstance(node, dict) else None


def expected_types(sub: dict[str, Any] | None) -> set[str]:
    if not sub:
        return set()
    kind = sub.get("type")
    if isinstance(kind, str):
        return {kind}
    if isinstance(kind, list):
        return {k for k in kind if isinstance(k, str)}
    return set()
