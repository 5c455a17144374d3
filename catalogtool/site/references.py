"""Who names a catalog item: the plan projects that buy it and the assistance tasks bought as it.

A social organisation reading an item's page wants to know which townships are
buying that service this year and for how much; a reviewer wants to see which
community tasks rest on it.  Kinds say which entry field names a catalog item
(`Kind.catalog_ref`); nothing here knows a kind by name.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from catalogtool.diff.amounts import money_text
from catalogtool.diff.wording import none_text
from catalogtool.site.model import Edition
from catalogtool.site.views import LANG, anchor, text


@dataclass(slots=True, frozen=True)
class Reference:
    """An entry of another document naming a catalog item, with where to read it (relative to the edition)."""

    where: str
    code: str
    name: str
    url: str
    amount: str


def references(edition: Edition, townships: dict[str, str]) -> dict[str, list[Reference]]:
    """Catalog item code → the entries of the edition's documents that name it, in document order.

    `townships` names townships by code (the roster), so a plan is shown as the
    township buying, not as the title of its file.  Plans of another year's
    catalog are not told apart: an edition's plans draw on its own catalog.
    """
    found: dict[str, list[Reference]] = defaultdict(list)
    for doc in edition.docs:
        field = doc.kind.catalog_ref
        if not field:
            continue
        # a township's plan is shown as the township buying; a county's list by what it is
        where = (townships.get(doc.township_code, "") or doc.region_name) if doc.township_code else doc.kind.short_name.zh
        budget = doc.kind.budget_field
        for entry in doc.kind.items(doc.data):
            ref = entry.data.get(field)
            if not isinstance(ref, str) or not ref:
                continue
            code = text(entry.data.get("code"))
            amount = money_text(entry.data.get(budget), none_text(LANG)) if budget and budget in entry.data else ""
            found[ref].append(Reference(where, code, text(entry.data.get("name")),
                                        f"{doc.page}#{anchor(code)}", amount))
    return found
