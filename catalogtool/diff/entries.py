"""A document as the diff sees it: a header and pools of entries keyed by code, as its kind walks it.

compare, apply and normalize all start here, so the three agree on what an entry
is.  The kind says which pools there are, how to walk them and, for a tree kind,
which key holds a directory's children (left out of the directory's own fields).
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from catalogtool.kinds import Kind

# Keys the diff adds to an entry of a tree kind (Change.old/new): where it sits.
# PATH_FIELD is also a pseudo-field, reported when an entry's parent directory changed
# while its code did not (possible only under a custom code scheme).
PATH_FIELD = "_path"
PARENTS_KEY = "_parents"


def text(value: Any) -> str:
    return value if isinstance(value, str) else "" if value is None else str(value)


def code_of(node: Mapping[str, Any]) -> str:
    return text(node.get("code"))


def code_key(code: str) -> str:
    """Sort key for codes: plain text order, which is catalog order under the default scheme
    (A0201 < A020104 < A0202) and for zero-padded list codes (ZR-001 < ZR-010)."""
    return code


@dataclass(slots=True)
class Entry:
    """One item or directory: its own fields (no children) and its ancestors."""

    code: str
    data: dict[str, Any]
    parents: tuple[tuple[str, str], ...] = ()  # (code, name) of each ancestor, root first

    @property
    def name(self) -> str:
        return text(self.data.get("name"))

    @property
    def parent_codes(self) -> tuple[str, ...]:
        return tuple(code for code, _ in self.parents)

    def view(self, kind: Kind) -> dict[str, Any]:
        """The entry as Change.old/new: its fields plus, in a tree kind, where it sits."""
        out = copy.deepcopy(self.data)
        if kind.tree:
            out[PATH_FIELD] = [name for _, name in self.parents]
            out[PARENTS_KEY] = list(self.parent_codes)
        return out


class EntriesByCode(dict[str, Entry]):
    """Entries keyed by code; a repeated code (a validation error) gets `#2`, `#3` ... so none is lost."""

    def add(self, entry: Entry) -> None:
        key = entry.code
        n = 1
        while key in self:
            n += 1
            key = f"{entry.code}#{n}"
        self[key] = entry


def flatten(doc: Mapping[str, Any], kind: Kind) -> dict[str, EntriesByCode]:
    """Every entry of the document by pool, in the kind's pool order, each pool in document order."""
    pools = {pool.name: EntriesByCode() for pool in kind.pools}
    children = {pool.name: pool.children for pool in kind.pools}
    for found in kind.walk(doc if isinstance(doc, dict) else dict(doc)):
        own = children.get(found.pool)
        data = {k: v for k, v in found.data.items() if k != own} if own else dict(found.data)
        pools.setdefault(found.pool, EntriesByCode()).add(Entry(code_of(found.data), data, found.parents))
    return pools
