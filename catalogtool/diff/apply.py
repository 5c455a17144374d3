"""Applying a change set: rebuilding the new edition from the old one and its changes.

The property tests use `apply` to prove the changes say everything:
`normalize(apply(old, compare(old, new))) == normalize(new)`.  Order of entries is
not part of a diff, so `normalize` puts what a diff cannot see (order, duplicates
in sets, nulls) into one canonical form.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping
from typing import Any

from catalogtool.diff.changes import Change
from catalogtool.diff.entries import (
    PARENTS_KEY,
    PATH_FIELD,
    EntriesByCode,
    Entry,
    code_key,
    code_of,
    flatten,
    text,
)
from catalogtool.diff.fields import SET_FIELDS, canon
from catalogtool.kinds import Kind, get_or_plain


def _set_dotted(target: dict[str, Any], name: str, value: Any) -> None:
    parts = name.split(".")
    for part in parts[:-1]:
        child = target.get(part)
        if not isinstance(child, dict):
            if value is None:
                return
            child = {}
            target[part] = child
        target = child
    if value is None:
        target.pop(parts[-1], None)
    else:
        target[parts[-1]] = copy.deepcopy(value)


def _strip_private(item: Mapping[str, Any]) -> dict[str, Any]:
    return {k: copy.deepcopy(v) for k, v in item.items() if not str(k).startswith("_")}


def _parents_of(view: Mapping[str, Any] | None) -> tuple[tuple[str, str], ...]:
    if not view:
        return ()
    codes = view.get(PARENTS_KEY) or []
    names = view.get(PATH_FIELD) or []
    return tuple(zip(codes, list(names) + [""] * (len(codes) - len(names)), strict=False))


def apply(old: Mapping[str, Any] | None, changes: Iterable[Change], *, kind: str | None = None) -> dict[str, Any]:
    """Rebuild the new edition from the old one and the changes of that one document.

    Order of entries is not part of a diff: kept entries keep their place, new
    ones go at the end.  Compare results with `normalize`.
    """
    old = old if isinstance(old, Mapping) else {}
    changes = list(changes)
    kind = kind or (old.get("kind") if isinstance(old.get("kind"), str) else None) or (
        changes[0].kind if changes else "")
    described = get_or_plain(kind)
    doc: dict[str, Any] = copy.deepcopy(described.header(old))
    if "kind" in old or kind:
        doc = {"kind": old.get("kind", kind), **doc}
    pools = flatten(old, described)

    def find(pool: EntriesByCode, code: str) -> str:
        for key, entry in pool.items():
            if entry.code == code:
                return key
        raise KeyError(code)

    for change in changes:
        if change.type == "header":
            for name, fc in change.fields.items():
                if not name.startswith("_"):  # a pseudo-field (the budget total) says, it does not set
                    _set_dotted(doc, name, fc.new)
            continue
        pool = pools.setdefault(change.section, EntriesByCode())
        if change.type == "removed":
            del pool[find(pool, change.code)]
        elif change.type == "added":
            data = _strip_private(change.new or {})
            pool.add(Entry(code_of(data), data, _parents_of(change.new)))
        elif change.type in ("changed", "recoded"):
            key = find(pool, change.old_code if change.type == "recoded" else change.code)
            entry = pool.pop(key) if change.type == "recoded" else pool[key]
            data = copy.deepcopy(entry.data)
            for name, fc in change.fields.items():
                if name != PATH_FIELD:
                    _set_dotted(data, name, fc.new)
            parents = entry.parents
            if change.type == "recoded" or PATH_FIELD in change.fields:
                parents = _parents_of(change.new)
            if change.type == "recoded":
                data["code"] = change.new_code
                pool.add(Entry(change.new_code, data, parents))
            else:
                pool[key] = Entry(entry.code, data, parents)

    if described.tree:
        (key,) = described.data_keys  # a tree kind keeps its whole tree under one key
        tree = _rebuild_tree(described, pools)
        if tree or key in old:
            doc[key] = tree
    else:
        for key in described.data_keys:
            entries = [copy.deepcopy(e.data) for e in pools.get(key, EntriesByCode()).values()]
            if entries or key in old:
                doc[key] = entries
    return doc


def _rebuild_tree(kind: Kind, pools: Mapping[str, EntriesByCode]) -> list[dict[str, Any]]:
    """The tree of a tree kind: each directory and leaf under its parent directory, in pool order."""
    directories = [(pool.children, pools.get(pool.name, EntriesByCode())) for pool in kind.pools if pool.children]
    leaves = [pools.get(pool.name, EntriesByCode()) for pool in kind.pools if not pool.children]
    nodes: dict[str, tuple[dict[str, Any], str]] = {}
    placed: list[tuple[Entry, dict[str, Any]]] = []
    for children, entries in directories:
        for entry in entries.values():
            nodes.setdefault(entry.code, ({**copy.deepcopy(entry.data), children: []}, children))
        placed += [(e, nodes[e.code][0]) for e in entries.values()]
    for entries in leaves:
        placed += [(e, copy.deepcopy(e.data)) for e in entries.values()]
    roots: list[dict[str, Any]] = []
    for entry, node in placed:
        parent = nodes.get(entry.parents[-1][0]) if entry.parents else None
        if parent is not None and parent[0] is not node:
            parent[0][parent[1]].append(node)
        else:
            roots.append(node)
    return roots


def normalize(doc: Mapping[str, Any] | None, kind: str | None = None) -> dict[str, Any]:
    """A canonical form of a document: what a diff cannot see (order, duplicates in sets, nulls) removed."""
    if not isinstance(doc, Mapping):
        return {}
    described = get_or_plain(kind or text(doc.get("kind")))
    out: dict[str, Any] = _drop_nulls(described.header(doc))
    if "kind" in doc:
        out["kind"] = doc["kind"]
    for section, pool in flatten(doc, described).items():
        entries = sorted(
            (
                {
                    **{k: _norm_field(k, v) for k, v in _drop_nulls(e.data).items()},
                    PARENTS_KEY: list(e.parent_codes),
                }
                for e in pool.values()
            ),
            key=lambda d: (code_key(code_of(d)), repr(canon(d))),
        )
        if entries:
            out[section] = entries
    return out


def _drop_nulls(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {k: _drop_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_drop_nulls(v) for v in value]
    return value


def _norm_field(key: str, value: Any) -> Any:
    if key in SET_FIELDS and isinstance(value, list):
        unique = {repr(canon(v)): v for v in value}
        return [unique[k] for k in sorted(unique)]
    return value
