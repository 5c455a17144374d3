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

from catalogtool.kinds import ASSISTANCE_LIST, CATALOG
from catalogtool.problems import Finding, Level, Message
from catalogtool.rules.context import DocContext
from catalogtool.rules.spec import Load, RuleSpec, Scope, documentation

DOC_ZH = """协助事项清单中的 `purchase_ref` 所指的事项，不在本次一同检查的购买服务目录中。

原因：`purchase_ref` 说明这项工作改由购买服务目录中的哪个事项向社会组织购买，不再由村（居）委会承担；
引用落空，这项工作就既没有购买，也没有妥善安排。同时检查几份目录时，优先使用同一年度的目录；
本次检查中没有任何购买服务目录时（例如 pre-commit 钩子只检查一个改动的文件），不报告问题。

正确示例：

    purchase_ref: A0101      # 购买服务目录中的事项

错误示例：

    purchase_ref: A9999
"""

ID = "catalog-ref"
MESSAGES = {
    "missing": Message("purchase_ref {ref} 在{year}购买服务目录中找不到对应的服务事项", "purchase_ref {ref} names no item of the {year_en}purchase catalog"),
    "directory": Message("purchase_ref {ref} 指向的是目录“{name}”，应指向具体的服务事项", "purchase_ref {ref} names the directory {name}, not an item"),
}


def collect(ctx: DocContext) -> dict[str, Any]:
    """Facts a worker process extracts from one document for the run-wide check."""
    data = ctx.data
    year = data.get("year") if isinstance(data, dict) else None
    items = ctx.items
    if ctx.kind_spec is CATALOG:
        return {"catalog": True, "year": year,
                "items": sorted({e.code for e in items if isinstance(e.code, str)}),
                "dirs": {e.code: e.name for e in ctx.entries if not ctx.is_item(e) and isinstance(e.code, str)}}
    refs = [(f"{e.pointer}/purchase_ref", e.data["purchase_ref"]) for e in items
            if isinstance(e.data.get("purchase_ref"), str)]
    return {"catalog": False, "year": year, "refs": refs}


def finish(facts: Iterable[tuple[str, dict[str, Any]]], load: Load) -> Iterator[tuple[str, Finding]]:
    """Every reference against the catalogs of the run (never a file outside it: `load` is unused)."""
    facts = list(facts)
    catalogs = [f for _, f in facts if f["catalog"]]
    if not catalogs:
        return
    # The codes of each year's catalogs, gathered once: a national run has 30,000 lists.
    pools: dict[Any, tuple[bool, set[str], dict[str, str]]] = {}
    for path, fact in facts:
        if fact["catalog"] or not fact["refs"]:
            continue  # a list without references needs no catalog's codes (they may be spooled: catalogtool.spool)
        year = fact["year"]
        try:
            cached = pools.get(year)
        except TypeError:  # a year written as a list or mapping: the schema rule reports it
            cached, year = None, None
        if cached is None:
            same = [c for c in catalogs if c["year"] == fact["year"]]
            pool = same or catalogs
            cached = (bool(same), {code for c in pool for code in c["items"]},
                      {code: name for c in pool for code, name in c["dirs"].items()})
            if year is not None or fact["year"] is None:
                pools[year] = cached
        same_year, items, dirs = cached
        year_zh = f" {fact['year']} 年度" if same_year else "本次检查的"
        year_en = f"{fact['year']} " if same_year else ""
        for pointer, ref in fact["refs"]:
            if ref in items:
                continue
            if ref in dirs:
                yield path, Finding(ID, "directory", pointer, {"ref": ref, "name": dirs[ref]})
            else:
                yield path, Finding(ID, "missing", pointer, {"ref": ref, "year": year_zh, "year_en": year_en})


RULE = RuleSpec(
    id=ID,
    level=Level.ERROR,
    scope=Scope.RUN,
    kinds=(CATALOG, ASSISTANCE_LIST,),
    summary=Message("purchase_ref 指向的事项不在本次检查的购买服务目录中", "a purchase_ref that names no item of a purchase catalog in the run"),
    source=Message(
        "catalogtool 文件格式：协助事项的 purchase_ref 写购买服务目录中购买这项工作的事项编码",
        "the catalogtool file format: an assistance item's purchase_ref gives the code of the purchase-catalog "
        "item that buys this work"),
    doc=documentation(DOC_ZH, __doc__),
    messages=MESSAGES,
    collect=collect,
    finish=finish,
)
