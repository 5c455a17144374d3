"""A `purchase_ref` in an assistance list that names no item of a purchase catalog checked in
the same run.

Why: `purchase_ref` says which catalog item buys this work from a social
organisation instead of the committee; a dangling reference means the work is
neither bought nor properly assigned.  A catalog of the same year is preferred
when several are checked; when the run contains no purchase catalog at all (for
example a pre-commit hook on one changed file) nothing is reported.

Good::

    purchase_ref: A0101      # an item of the purchase catalog

Bad::

    purchase_ref: A9999
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from catalogtool.model import list_entries
from catalogtool.problems import Finding, Level, Message
from catalogtool.rules.context import DocContext

ID = "catalog-ref"
LEVEL = Level.ERROR
SCOPE = "run"
KINDS = ("purchase-catalog", "assistance-list")
SOURCE = "catalogtool 文件格式：协助事项的 purchase_ref 写购买服务目录中购买这项工作的事项编码"
SUMMARY = Message("purchase_ref 指向的事项不在本次检查的购买服务目录中", "a purchase_ref that names no item of a purchase catalog in the run")
MESSAGES = {
    "missing": Message("purchase_ref {ref} 在{year}购买服务目录中找不到对应的服务事项", "purchase_ref {ref} names no item of the {year_en}purchase catalog"),
    "directory": Message("purchase_ref {ref} 指向的是目录“{name}”，应指向具体的服务事项", "purchase_ref {ref} names the directory {name}, not an item"),
}


def collect(ctx: DocContext) -> dict[str, Any]:
    """Facts a worker process extracts from one document for the run-wide check."""
    data = ctx.data
    year = data.get("year") if isinstance(data, dict) else None
    if ctx.kind == "purchase-catalog":
        nodes = ctx.nodes
        return {"catalog": True, "year": year,
                "items": sorted({n.code for n in nodes if n.is_item and isinstance(n.code, str)}),
                "dirs": {n.code: n.name for n in nodes if not n.is_item and isinstance(n.code, str)}}
    refs = [(f"{p}/purchase_ref", item["purchase_ref"]) for p, item in list_entries(data)
            if isinstance(item.get("purchase_ref"), str)]
    return {"catalog": False, "year": year, "refs": refs}


def finish(facts: Iterable[tuple[str, dict[str, Any]]]) -> Iterator[tuple[str, Finding]]:
    facts = list(facts)
    catalogs = [f for _, f in facts if f["catalog"]]
    if not catalogs:
        return
    for path, fact in facts:
        if fact["catalog"]:
            continue
        same_year = [c for c in catalogs if c["year"] == fact["year"]]
        pool = same_year or catalogs
        items = {code for c in pool for code in c["items"]}
        dirs = {code: name for c in pool for code, name in c["dirs"].items()}
        year_zh = f" {fact['year']} 年度" if same_year else "本次检查的"
        year_en = f"{fact['year']} " if same_year else ""
        for pointer, ref in fact["refs"]:
            if ref in items:
                continue
            if ref in dirs:
                yield path, Finding(ID, "directory", pointer, {"ref": ref, "name": dirs[ref]})
            else:
                yield path, Finding(ID, "missing", pointer, {"ref": ref, "year": year_zh, "year_en": year_en})
