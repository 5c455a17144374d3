"""Comparing two editions item by item: a pure function from documents to a list of Change.

How it works (docs/diff.md has the user's version):

* Each document is split into a **header** (every top-level key except the item
  sections) and **pools** of entries keyed by code: `items` and `excluded` for the
  lists; for a purchase catalog the leaves of the tree are `items` and the
  directory entries (一级/二级/三级目录 with `children`) are `categories`.
* Entries with the same code are compared field by field.  Lists whose order means
  nothing (providers, purchasers, basis) compare as sets; nested mappings (funding,
  approval, region) compare key by key under dotted names (`funding.source`).
  A missing key and a null value are the same thing.
* Entries left over on both sides are paired as **recodes** when their text
  (name + content) is similar enough: character-bigram Dice similarity on
  normalised text, greedy best pair first, threshold configurable.  A recoded entry
  is reported once, never as a removal plus an addition.
* Order of entries and of set-like lists is not a change.

`apply(old, changes)` rebuilds the new edition from the old one and the changes; the
property tests use it to prove the changes say everything (up to `normalize`).
"""

from __future__ import annotations

import copy
import math
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from catalogtool.diff.changes import CHANGE_TYPES, Change, FieldChange
from catalogtool.textnorm import normalize_name

DEFAULT_SIMILARITY = 0.8

# Lists whose order carries no meaning: compared as sets.
SET_FIELDS = frozenset({"providers", "purchasers", "basis"})

# Pseudo-field of a catalog entry whose parent directory changed while its code did not
# (possible only under a custom code scheme); values are the ancestor names.
PATH_FIELD = "_path"

# The data keys that hold entries, per kind; everything else is header.
_DATA_KEYS: dict[str, tuple[str, ...]] = {
    "purchase-catalog": ("categories",),
    "access-list": ("items", "excluded"),
    "assistance-list": ("items",),
}
# The pools compared, per kind, in report order.
_SECTIONS: dict[str, tuple[str, ...]] = {
    "purchase-catalog": ("categories", "items"),
    "access-list": ("items", "excluded"),
    "assistance-list": ("items",),
}
# The fields whose text identifies an entry when its code changed.
_TEXT_FIELDS: dict[str, tuple[str, ...]] = {
    "items": ("name", "content"),
    "excluded": ("name", "reason"),
    "categories": ("name", "description"),
}
_SECTION_RANK = {"categories": 0, "items": 1, "excluded": 2}
_TYPE_RANK = {t: i for i, t in enumerate(CHANGE_TYPES)}


def sections(kind: str) -> tuple[str, ...]:
    """The pools compared for a kind; an unknown kind is treated as a plain `items` list."""
    return _SECTIONS.get(kind, ("items",))


def data_keys(kind: str) -> tuple[str, ...]:
    return _DATA_KEYS.get(kind, ("items",))


# --------------------------------------------------------------------------- entries


@dataclass(slots=True)
class _Entry:
    """One item or directory: its own fields (no `children`) and its ancestors."""

    code: str
    data: dict[str, Any]
    parents: tuple[tuple[str, str], ...] = ()  # (code, name) of each ancestor, root first

    @property
    def name(self) -> str:
        name = self.data.get("name")
        return name if isinstance(name, str) else "" if name is None else str(name)

    @property
    def parent_codes(self) -> tuple[str, ...]:
        return tuple(code for code, _ in self.parents)

    def view(self, kind: str) -> dict[str, Any]:
        """The entry as Change.old/new: its fields plus, in a catalog, where it sits."""
        out = copy.deepcopy(self.data)
        if kind == "purchase-catalog":
            out["_path"] = [name for _, name in self.parents]
            out["_parents"] = list(self.parent_codes)
        return out


def _code_of(node: Mapping[str, Any]) -> str:
    code = node.get("code")
    if code is None:
        return ""
    return code if isinstance(code, str) else str(code)


def _text(value: Any) -> str:
    return value if isinstance(value, str) else "" if value is None else str(value)


class _Pool(dict[str, _Entry]):
    """Entries keyed by code; a repeated code (a validation error) gets `#2`, `#3` ... so none is lost."""

    def add(self, entry: _Entry) -> None:
        key = entry.code
        n = 1
        while key in self:
            n += 1
            key = f"{entry.code}#{n}"
        self[key] = entry


def _flatten(doc: Mapping[str, Any], kind: str) -> dict[str, _Pool]:
    pools = {section: _Pool() for section in sections(kind)}
    if kind == "purchase-catalog":
        # Pre-order walk with an explicit stack: hostile files may nest deeply.
        stack: list[tuple[Any, int, tuple[tuple[str, str], ...]]] = [(doc.get("categories"), 0, ())]
        while stack:
            nodes, index, parents = stack.pop()
            if not isinstance(nodes, list) or index >= len(nodes):
                continue
            stack.append((nodes, index + 1, parents))
            node = nodes[index]
            if not isinstance(node, dict):
                continue
            code = _code_of(node)
            if "children" in node:
                data = {k: v for k, v in node.items() if k != "children"}
                pools["categories"].add(_Entry(code, data, parents))
                stack.append((node.get("children"), 0, (*parents, (code, _text(node.get("name"))))))
            else:
                pools["items"].add(_Entry(code, dict(node), parents))
    else:
        for section in sections(kind):
            entries = doc.get(section)
            if not isinstance(entries, list):
                continue
            for entry in entries:
                if isinstance(entry, dict):
                    pools[section].add(_Entry(_code_of(entry), dict(entry)))
    return pools


def _header(doc: Mapping[str, Any], kind: str) -> dict[str, Any]:
    skip = {"kind", *data_keys(kind)}
    return {k: v for k, v in doc.items() if k not in skip}


# --------------------------------------------------------------------------- values


def _canon(value: Any) -> Any:
    """A hashable, type-aware form for equality: 1 == 1.0 but 1 != True and "1"; null keys dropped."""
    if isinstance(value, bool):
        return ("b", value)
    if isinstance(value, int | float):
        if isinstance(value, float) and math.isnan(value):
            return ("nan",)
        return ("n", value)
    if isinstance(value, str):
        return ("s", value)
    if value is None:
        return ("0",)
    if isinstance(value, Mapping):
        return ("d", tuple(sorted(((str(k), _canon(v)) for k, v in value.items() if v is not None), key=repr)))
    if isinstance(value, list | tuple):
        return ("l", tuple(_canon(v) for v in value))
    return ("r", repr(value))


def _as_set(value: list[Any]) -> frozenset[Any]:
    return frozenset(_canon(v) for v in value)


def same(old: Any, new: Any, *, as_set: bool = False) -> bool:
    """Whether two field values are equal for the diff (lists as sets when `as_set`)."""
    if as_set and isinstance(old, list) and isinstance(new, list):
        return _as_set(old) == _as_set(new)
    return bool(_canon(old) == _canon(new))


def diff_fields(
    old: Mapping[str, Any], new: Mapping[str, Any], *, set_fields: frozenset[str] = SET_FIELDS, prefix: str = ""
) -> dict[str, FieldChange]:
    """Field-by-field differences; nested mappings recurse under dotted names.

    `code` and private `_` keys are never fields: the code is the identity, and `_`
    keys are this module's own annotations.
    """
    out: dict[str, FieldChange] = {}
    keys = list(old) + [k for k in new if k not in old]
    for key in keys:
        if not prefix and (key == "code" or str(key).startswith("_")):
            continue
        name = f"{prefix}{key}"
        ov, nv = old.get(key), new.get(key)
        if isinstance(ov, Mapping) and isinstance(nv, Mapping):
            out.update(diff_fields(ov, nv, set_fields=frozenset(), prefix=f"{name}."))
        elif not same(ov, nv, as_set=not prefix and key in set_fields):
            out[name] = FieldChange(copy.deepcopy(ov), copy.deepcopy(nv))
    return out


# --------------------------------------------------------------------------- similarity

_GRAM_CACHE_LIMIT = 4096


def similarity_text(text: str) -> str:
    """Text reduced to what identifies it: width, script (繁→简), case, spaces and punctuation folded away."""
    folded = normalize_name(text)
    return "".join(ch for ch in folded if not unicodedata.category(ch).startswith(("P", "S", "Z", "C")))


def bigrams(parts: Iterable[str]) -> frozenset[str]:
    """The set of character bigrams of each part (no bigram spans two parts); a one-character part counts itself."""
    grams: set[str] = set()
    for part in parts:
        text = similarity_text(part)
        if len(text) == 1:
            grams.add(text)
        grams.update(text[i : i + 2] for i in range(len(text) - 1))
    return frozenset(grams)


def dice(a: frozenset[str], b: frozenset[str]) -> float:
    """Sørensen-Dice coefficient of two bigram sets: 2|A∩B| / (|A|+|B|); 0 when either is empty."""
    if not a or not b:
        return 0.0
    return 2 * len(a & b) / (len(a) + len(b))


def similarity(old: Mapping[str, Any], new: Mapping[str, Any], section: str = "items") -> float:
    """How alike two entries' identifying texts are, 0..1 (name + content for items)."""
    fields = _TEXT_FIELDS.get(section, ("name", "content"))
    return dice(bigrams(_text(old.get(f)) for f in fields), bigrams(_text(new.get(f)) for f in fields))


def _pair_recodes(
    removed: list[_Entry], added: list[_Entry], section: str, threshold: float
) -> list[tuple[_Entry, _Entry, float]]:
    """Greedy best-first pairing of leftover entries whose texts are at least `threshold` alike."""
    if not removed or not added:
        return []
    fields = _TEXT_FIELDS.get(section, ("name", "content"))
    old_grams = [bigrams(_text(e.data.get(f)) for f in fields) for e in removed]
    new_grams = [bigrams(_text(e.data.get(f)) for f in fields) for e in added]
    used_old: set[int] = set()
    used_new: set[int] = set()
    pairs = []
    # Identical texts first (similarity 1, the usual renumbering), without comparing every
    # pair: the same pairs, in the same order, that the greedy loop below would pick.
    by_grams: dict[frozenset[str], list[int]] = {}
    for j in sorted(range(len(added)), key=lambda j: code_key(added[j].code)):
        if new_grams[j]:
            by_grams.setdefault(new_grams[j], []).append(j)
    for i in sorted(range(len(removed)), key=lambda i: code_key(removed[i].code)):
        waiting = by_grams.get(old_grams[i])
        if waiting:
            j = waiting.pop(0)
            used_old.add(i)
            used_new.add(j)
            pairs.append((removed[i], added[j], 1.0))
    olds = [i for i, grams in enumerate(old_grams) if grams and i not in used_old]
    news = [j for j, grams in enumerate(new_grams) if grams and j not in used_new]
    candidates: list[tuple[float, int, int]] = []
    for i, j in _candidate_pairs([old_grams[i] for i in olds], [new_grams[j] for j in news], threshold):
        i, j = olds[i], news[j]
        score = dice(old_grams[i], new_grams[j])
        if score >= threshold:
            candidates.append((score, i, j))
    candidates.sort(key=lambda c: (-c[0], code_key(removed[c[1]].code), code_key(added[c[2]].code)))
    for score, i, j in candidates:
        if i in used_old or j in used_new:
            continue
        used_old.add(i)
        used_new.add(j)
        pairs.append((removed[i], added[j], score))
    return pairs


def _candidate_pairs(
    olds: list[frozenset[str]], news: list[frozenset[str]], threshold: float
) -> Iterable[tuple[int, int]]:
    """Pairs that can reach `threshold`, without trying all of them (prefix filtering).

    Dice ≥ t is Jaccard ≥ t/(2-t).  Order bigrams from rare to common; two sets whose
    Jaccard is at least J share a bigram among the first |x| - ⌈J·|x|⌉ + 1 of each
    (Chaudhuri et al., 2006).  So only pairs sharing a rare bigram are scored, and
    bigrams every item has (服务, 提供) cost nothing.
    """
    jaccard = threshold / (2 - threshold)
    frequency = Counter(g for grams in (*olds, *news) for g in grams)

    def prefix(grams: frozenset[str]) -> list[str]:
        keep = len(grams) - math.ceil(jaccard * len(grams) - 1e-9) + 1
        return sorted(grams, key=lambda g: (frequency[g], g))[: max(keep, 1)]

    index: dict[str, list[int]] = {}
    for j, grams in enumerate(news):
        for g in prefix(grams):
            index.setdefault(g, []).append(j)
    for i, grams in enumerate(olds):
        seen: set[int] = set()
        for g in prefix(grams):
            seen.update(index.get(g, ()))
        for j in sorted(seen):
            # Dice is at most 2·min/(sum): sizes alone rule some pairs out.
            if 2 * min(len(grams), len(news[j])) >= threshold * (len(grams) + len(news[j])):
                yield i, j


# --------------------------------------------------------------------------- compare

def code_key(code: str) -> str:
    """Sort key for codes: plain text order, which is catalog order under the default scheme
    (A0201 < A020104 < A0202) and for zero-padded list codes (ZR-001 < ZR-010)."""
    return code


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
    edition: then everything is added (or removed).
    """
    old = old if isinstance(old, Mapping) else {}
    new = new if isinstance(new, Mapping) else {}
    changes: list[Change] = []
    header = diff_fields(_header(old, kind), _header(new, kind), set_fields=frozenset())
    if header:
        changes.append(Change("header", kind, document, fields=header))
    old_pools, new_pools = _flatten(old, kind), _flatten(new, kind)
    for section in sections(kind):
        changes.extend(_compare_pool(old_pools[section], new_pools[section], kind, document, section, similarity))
    return sort_changes(changes)


def _compare_pool(
    old: _Pool, new: _Pool, kind: str, document: str, section: str, threshold: float
) -> list[Change]:
    out: list[Change] = []
    for key in old.keys() & new.keys():
        o, n = old[key], new[key]
        fields = diff_fields(o.data, n.data)
        if o.parent_codes != n.parent_codes:
            fields[PATH_FIELD] = FieldChange([name for _, name in o.parents], [name for _, name in n.parents])
        if fields:
            out.append(
                Change("changed", kind, document, section, code=n.code, name=n.name, fields=fields,
                       old=o.view(kind), new=n.view(kind))
            )
    removed = [old[k] for k in old if k not in new]
    added = [new[k] for k in new if k not in old]
    paired = _pair_recodes(removed, added, section, threshold)
    for o, n, score in paired:
        out.append(
            Change("recoded", kind, document, section, code=n.code, name=n.name, old_code=o.code,
                   new_code=n.code, fields=diff_fields(o.data, n.data), old=o.view(kind), new=n.view(kind),
                   similarity=round(score, 4))
        )
    gone = {id(o) for o, _, _ in paired}
    came = {id(n) for _, n, _ in paired}
    out.extend(
        Change("removed", kind, document, section, code=o.code, name=o.name, old=o.view(kind))
        for o in removed if id(o) not in gone
    )
    out.extend(
        Change("added", kind, document, section, code=n.code, name=n.name, new=n.view(kind))
        for n in added if id(n) not in came
    )
    return out


def sort_changes(changes: Iterable[Change]) -> list[Change]:
    """Header first, then by section and code, so a report reads in catalog order."""
    return sorted(
        changes,
        key=lambda c: (
            c.document,
            c.type != "header",
            _SECTION_RANK.get(c.section, 9),
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
    pairs: list[tuple[str | None, str | None]] = []
    for path in sorted(olds.keys() & news.keys()):
        if kind_of(olds[path]) == kind_of(news[path]):
            pairs.append((path, path))
    paired_old = {p for p, _ in pairs}
    paired_new = {p for _, p in pairs}
    left_old = [p for p in sorted(olds) if p not in paired_old]
    left_new = [p for p in sorted(news) if p not in paired_new]
    for kind in sorted({kind_of(olds[p]) or "" for p in left_old}):
        o = [p for p in left_old if kind_of(olds[p]) == kind]
        n = [p for p in left_new if kind_of(news[p]) == kind]
        if len(o) == 1 and len(n) == 1:
            pairs.append((o[0], n[0]))
            left_old.remove(o[0])
            left_new.remove(n[0])
    pairs.extend((p, None) for p in left_old)
    pairs.extend((None, p) for p in left_new)

    changes: list[Change] = []
    for old_path, new_path in pairs:
        old_doc = olds[old_path] if old_path is not None else None
        new_doc = news[new_path] if new_path is not None else None
        kind = kind_of(new_doc) or kind_of(old_doc) or ""
        document = new_path if new_path is not None else old_path or ""
        changes.extend(compare(old_doc, new_doc, kind=kind, document=document, similarity=similarity))
    return sorted(changes, key=lambda c: c.document) if len(pairs) > 1 else changes


# --------------------------------------------------------------------------- apply and normalize


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
    codes = view.get("_parents") or []
    names = view.get("_path") or []
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
    doc: dict[str, Any] = copy.deepcopy(_header(old, kind))
    if "kind" in old or kind:
        doc = {"kind": old.get("kind", kind), **doc}
    pools = _flatten(old, kind)

    def find(pool: _Pool, code: str) -> str:
        for key, entry in pool.items():
            if entry.code == code:
                return key
        raise KeyError(code)

    for change in changes:
        if change.type == "header":
            for name, fc in change.fields.items():
                _set_dotted(doc, name, fc.new)
            continue
        pool = pools.setdefault(change.section, _Pool())
        if change.type == "removed":
            del pool[find(pool, change.code)]
        elif change.type == "added":
            data = _strip_private(change.new or {})
            pool.add(_Entry(_code_of(data), data, _parents_of(change.new)))
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
                pool.add(_Entry(change.new_code, data, parents))
            else:
                pool[key] = _Entry(entry.code, data, parents)

    if kind == "purchase-catalog":
        tree = _rebuild_tree(pools.get("categories", _Pool()), pools.get("items", _Pool()))
        if tree or "categories" in old:
            doc["categories"] = tree
    else:
        for section in sections(kind):
            entries = [copy.deepcopy(e.data) for e in pools.get(section, _Pool()).values()]
            if entries or section in old:
                doc[section] = entries
    return doc


def _rebuild_tree(dirs: _Pool, items: _Pool) -> list[dict[str, Any]]:
    nodes: dict[str, dict[str, Any]] = {}
    for entry in dirs.values():
        nodes.setdefault(entry.code, {**copy.deepcopy(entry.data), "children": []})
    roots: list[dict[str, Any]] = []
    placed: list[tuple[_Entry, dict[str, Any]]] = [(e, nodes[e.code]) for e in dirs.values()]
    placed += [(e, copy.deepcopy(e.data)) for e in items.values()]
    for entry, node in placed:
        parent = entry.parents[-1][0] if entry.parents else None
        if parent is not None and parent in nodes and nodes[parent] is not node:
            nodes[parent]["children"].append(node)
        else:
            roots.append(node)
    return roots


def normalize(doc: Mapping[str, Any] | None, kind: str | None = None) -> dict[str, Any]:
    """A canonical form of a document: what a diff cannot see (order, duplicates in sets, nulls) removed."""
    if not isinstance(doc, Mapping):
        return {}
    kind = kind or _text(doc.get("kind"))
    out: dict[str, Any] = _drop_nulls(_header(doc, kind))
    if "kind" in doc:
        out["kind"] = doc["kind"]
    for section, pool in _flatten(doc, kind).items():
        entries = sorted(
            (
                {
                    **{k: _norm_field(k, v) for k, v in _drop_nulls(e.data).items()},
                    "_parents": list(e.parent_codes),
                }
                for e in pool.values()
            ),
            key=lambda d: (code_key(_code_of(d)), repr(_canon(d))),
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
        unique = {repr(_canon(v)): v for v in value}
        return [unique[k] for k in sorted(unique)]
    return value
