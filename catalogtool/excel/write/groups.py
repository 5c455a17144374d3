"""How a grouped list (a purchase plan's projects) falls into catalog categories, and its exact sums.

A plan names the catalog edition it draws on (`catalog: {region, year}` or
`{path}`); when that catalog is among the documents exported, each project goes
under the 一级 and 二级目录 of its catalog item, in the catalog's order, and the
sheet prints a 小计 row per group.  Without it there is one group and a 合计.
All money is Decimal (catalogtool.money); nothing here touches a workbook.
"""

from __future__ import annotations

import posixpath
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from catalogtool import money
from catalogtool.kinds.codecs import MONEY_LIMIT
from catalogtool.kinds.columns import value_at
from catalogtool.kinds.layout import Table
from catalogtool.sources import Source

UNLISTED = "未在目录中找到的项目"


@dataclass(slots=True)
class Group:
    """The projects under one catalog category: `names` its 一级 (and 二级) directory names, root first."""

    names: tuple[str, ...]
    indices: list[int] = field(default_factory=list)


def amount(entry: Any, path: tuple[str, ...]) -> Decimal | None:
    """The exact amount at `path` of an entry, or None when it holds no plain number."""
    if not isinstance(entry, dict):
        return None
    value = value_at(entry, path)
    return money.to_decimal(value)


def total(entries: Sequence[Any], indices: Sequence[int], path: tuple[str, ...]) -> Decimal | None:
    """The sum of `path` over the entries at `indices`; None when none of them holds an amount."""
    found = [a for i in indices if (a := amount(entries[i], path)) is not None]
    return sum(found, Decimal(0)) if found else None


def money_cell(value: Decimal | None) -> Any:
    """A sum as a cell value: the number (exact when a spreadsheet keeps it), else its ¥ text."""
    if value is None:
        return None
    exact = money.exact_enough(value) and abs(value) < MONEY_LIMIT
    return money.as_number(value) if exact else money.yuan(value)


def catalog_of(plan: Source, sources: Sequence[Source]) -> Source | None:
    """The catalog among `sources` that the plan draws on (by path, or by region code and year)."""
    wanted = plan.data.get("catalog")
    if not isinstance(wanted, dict):
        return None
    trees = [s for s in sources if s.kind is not None and s.kind.tree]
    path = wanted.get("path")
    if isinstance(path, str) and path:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(plan.path), path))
        return next((s for s in trees if posixpath.normpath(s.path) == target), None)
    region, year = wanted.get("region"), wanted.get("year")
    for source in trees:
        code = value_at(source.data, ("region", "code"))
        if isinstance(region, str) and code == region and source.data.get("year") == year:
            return source
    return None


def categories(catalog: Source | None) -> dict[str, tuple[str, ...]]:
    """Item code -> the names of its first two directories, in catalog order (dicts keep it)."""
    if catalog is None or catalog.kind is None:
        return {}
    out: dict[str, tuple[str, ...]] = {}
    for entry in catalog.kind.entries(catalog.data):
        code = entry.code
        if isinstance(code, str) and "children" not in entry.data:
            out.setdefault(code, tuple(name if isinstance(name, str) else str(name) for _, name in entry.parents[:2]))
    return out


def group(entries: Sequence[Any], table: Table, cats: dict[str, tuple[str, ...]] | None) -> list[Group]:
    """The entries by category, categories in catalog order, entries in document order within each.

    With no catalog (`cats` None) all entries form one group with no names.
    """
    mappings = [i for i, e in enumerate(entries) if isinstance(e, dict)]
    if cats is None or table.group_ref is None:
        return [Group((), mappings)]
    rank: dict[tuple[str, ...], int] = {}
    for names in cats.values():
        rank.setdefault(names, len(rank))
    groups: dict[tuple[str, ...], Group] = {}
    for index in mappings:
        ref = value_at(entries[index], table.group_ref)
        names = cats.get(ref, (UNLISTED,)) if isinstance(ref, str) else (UNLISTED,)
        groups.setdefault(names, Group(names)).indices.append(index)
    return sorted(groups.values(), key=lambda g: (rank.get(g.names, len(rank)), g.names))
