"""Comparing two editions item by item: a pure function from documents to a list of Change.

How it works (docs/diff.md has the user's version):

* Each document is split into a **header** (every top-level key except the
  sections that hold entries) and **pools** of entries keyed by code, as its kind
  walks it (catalogtool.diff.entries): `items` and `excluded` for the lists; for a
  purchase catalog the leaves of the tree are `items` and the directory entries
  (一级/二级/三级目录 with `children`) are `categories`.
* Entries with the same code are compared field by field (catalogtool.diff.fields).
* Entries left over on both sides are paired as **recodes** when their text is
  similar enough (catalogtool.diff.similarity).  A recoded entry is reported once,
  never as a removal plus an addition.
* Order of entries and of set-like lists is not a change.

`catalogtool.diff.apply` rebuilds the new edition from the old one and the changes;
the property tests use it to prove the changes say everything.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from catalogtool.diff.amounts import budget_change, declared, mark_money
from catalogtool.diff.changes import BUDGET_FIELD, CHANGE_TYPES, Change, FieldChange
from catalogtool.diff.entries import PATH_FIELD, EntriesByCode, code_key, flatten
from catalogtool.diff.fields import diff_fields
from catalogtool.diff.similarity import pair_recodes
from catalogtool.kinds import Kind, get_or_plain

DEFAULT_SIMILARITY = 0.8

_TYPE_RANK = {t: i for i, t in enumerate(CHANGE_TYPES)}


def compare(
    old: Mapping[str, Any] | None,
    new: Mapping[str, Any] | None,
    *,
    kind: str,
    document: str = "",
    similarity: float = DEFAULT_SIMILARITY,
) -> list[Change]:
    """All changes from `old` to `new`, two editions of one document of `kind`.

    An empty or missing side stands for a document that does not exist in that
    edition: then everything is added (or removed).  A kind we do not know is
    compared as a plain `items` list.
    """
    old = old if isinstance(old, Mapping) else {}
    new = new if isinstance(new, Mapping) else {}
    described = get_or_plain(kind)
    money, _ = declared(described)
    changes: list[Change] = []
    header = mark_money(diff_fields(described.header(old), described.header(new), set_fields=frozenset()), money)
    budget = budget_change(old, new, described, header)
    if budget is not None:
        header[BUDGET_FIELD] = budget
    if header:
        changes.append(Change("header", kind, document, fields=header))
    old_pools, new_pools = flatten(old, described), flatten(new, described)
    for pool in described.pools:
        changes.extend(_compare_pool(old_pools[pool.name], new_pools[pool.name], described, document,
                                     pool.name, pool.match_fields, similarity, money))
    return sort_changes(changes)


def _compare_pool(
    old: EntriesByCode, new: EntriesByCode, described: Kind, document: str, section: str,
    match_fields: tuple[str, ...], threshold: float, money: frozenset[str] = frozenset(),
) -> list[Change]:
    kind = described.id
    out: list[Change] = []
    for key in old:  # in document order: a set's order would change between runs
        if key not in new:
            continue
        o, n = old[key], new[key]
        fields = mark_money(diff_fields(o.data, n.data), money)
        if o.parent_codes != n.parent_codes:
            fields[PATH_FIELD] = FieldChange([name for _, name in o.parents], [name for _, name in n.parents])
        if fields:
            out.append(
                Change("changed", kind, document, section, code=n.code, name=n.name, fields=fields,
                       old=o.view(described), new=n.view(described))
            )
    removed = [old[k] for k in old if k not in new]
    added = [new[k] for k in new if k not in old]
    paired = pair_recodes(removed, added, match_fields, threshold)
    for o, n, score in paired:
        out.append(
            Change("recoded", kind, document, section, code=n.code, name=n.name, old_code=o.code,
                   new_code=n.code, fields=mark_money(diff_fields(o.data, n.data), money), old=o.view(described),
                   new=n.view(described),
                   similarity=round(score, 4))
        )
    gone = {id(o) for o, _, _ in paired}
    came = {id(n) for _, n, _ in paired}
    out.extend(
        Change("removed", kind, document, section, code=o.code, name=o.name, old=o.view(described))
        for o in removed if id(o) not in gone
    )
    out.extend(
        Change("added", kind, document, section, code=n.code, name=n.name, new=n.view(described))
        for n in added if id(n) not in came
    )
    return out


def sort_changes(changes: Iterable[Change]) -> list[Change]:
    """Header first, then by section (in its kind's pool order) and code, so a report reads in catalog order."""
    ranks: dict[str, dict[str, int]] = {}

    def section_rank(change: Change) -> int:
        if change.kind not in ranks:
            ranks[change.kind] = {name: i for i, name in enumerate(get_or_plain(change.kind).pool_names)}
        return ranks[change.kind].get(change.section, 9)

    return sorted(
        changes,
        key=lambda c: (
            c.document,
            c.type != "header",
            section_rank(c),
            code_key(c.code or c.old_code),
            _TYPE_RANK.get(c.type, 9),
        ),
    )


def compare_sets(
    old_docs: Mapping[str, Mapping[str, Any]],
    new_docs: Mapping[str, Mapping[str, Any]],
    *,
    similarity: float = DEFAULT_SIMILARITY,
) -> list[Change]:
    """Changes between two sets of documents keyed by relative path.

    Documents pair up by path and kind; documents left over pair up by kind when
    exactly one of that kind is left on each side (a file renamed between
    editions, e.g. catalog-2024.yaml → catalog-2025.yaml).  A document without a
    partner is reported as entirely added or removed.  Non-documents are skipped.
    """
    def kind_of(doc: Any) -> str | None:
        kind = doc.get("kind") if isinstance(doc, Mapping) else None
        return kind if isinstance(kind, str) else None

    olds = {p: d for p, d in old_docs.items() if kind_of(d)}
    news = {p: d for p, d in new_docs.items() if kind_of(d)}
    pairs = pair_documents({p: kind_of(d) or "" for p, d in olds.items()}, {p: kind_of(d) or "" for p, d in news.items()})
    changes: list[Change] = []
    for old_path, new_path in pairs:
        old_doc = olds[old_path] if old_path is not None else None
        new_doc = news[new_path] if new_path is not None else None
        kind = kind_of(new_doc) or kind_of(old_doc) or ""
        document = new_path if new_path is not None else old_path or ""
        changes.extend(compare(old_doc, new_doc, kind=kind, document=document, similarity=similarity))
    return sorted(changes, key=lambda c: c.document) if len(pairs) > 1 else changes



def pair_documents(olds: Mapping[str, str], news: Mapping[str, str]) -> list[tuple[str | None, str | None]]:
    """Which old document is compared with which new one, given each path's kind (see compare_sets)."""
    pairs: list[tuple[str | None, str | None]] = []
    for path in sorted(olds.keys() & news.keys()):
        if olds[path] == news[path]:
            pairs.append((path, path))
    paired_old = {p for p, _ in pairs}
    paired_new = {p for _, p in pairs}
    left_old = [p for p in sorted(olds) if p not in paired_old]
    left_new = [p for p in sorted(news) if p not in paired_new]
    for kind in sorted({olds[p] for p in left_old}):
        o = [p for p in left_old if olds[p] == kind]
        n = [p for p in left_new if news[p] == kind]
        if len(o) == 1 and len(n) == 1:
            pairs.append((o[0], n[0]))
            left_old.remove(o[0])
            left_new.remove(n[0])
    pairs.extend((p, None) for p in left_old)
    pairs.extend((None, p) for p in left_new)
    return pairs
