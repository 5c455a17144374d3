"""The registry of document kinds: one module per kind, in the order reports and workbooks list them.

Adding a kind is adding its module here (docs/adding-a-kind.md); nothing outside
this package compares a kind's id to a string.
"""

from __future__ import annotations

from typing import Any

from catalogtool.kinds import access_list, assistance_list, purchase_catalog, purchase_plan
from catalogtool.kinds.base import Entry, Kind, Pool, Section, plain_kind

KINDS: dict[str, Kind] = {kind.id: kind for kind in (
    purchase_catalog.KIND,
    access_list.KIND,
    assistance_list.KIND,
    purchase_plan.KIND,
)}

CATALOG = purchase_catalog.KIND
ACCESS_LIST = access_list.KIND
ASSISTANCE_LIST = assistance_list.KIND
PURCHASE_PLAN = purchase_plan.KIND


def kind_of(data: Any) -> Kind | None:
    """The kind a document's `kind` key names, or None when it names none we know."""
    if isinstance(data, dict):
        name = data.get("kind")
        if isinstance(name, str):
            return KINDS.get(name)
    return None


def get(kind_id: str | None) -> Kind | None:
    return KINDS.get(kind_id) if kind_id is not None else None


def order(kind_id: str | None) -> int:
    """A kind's place in reports and workbooks; unknown kinds last."""
    ids = list(KINDS)
    return ids.index(kind_id) if kind_id in KINDS else len(ids)


def get_or_plain(kind_id: str) -> Kind:
    """The kind with this id; one we do not know reads as a plain `items` list (how the diff compares it)."""
    return KINDS.get(kind_id) or plain_kind(kind_id)


__all__ = ["ACCESS_LIST", "ASSISTANCE_LIST", "CATALOG", "KINDS", "PURCHASE_PLAN", "Entry", "Kind", "Pool", "Section",
           "get", "get_or_plain", "kind_of", "order"]
