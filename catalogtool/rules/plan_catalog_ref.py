"""A plan project's `catalog_ref` that is not an item of the catalog the plan draws on, or, in a
township's plan, an item the catalog does not open to townships (`township: true`).

Why: a county may buy only what its guidance catalog lists (财政部令第102号 第十一条:
the scope and content of purchases are managed by the guidance catalog), and a
township only the items the county opened to townships.  The catalog is the one
the plan names in `catalog`: `{region, year}` is a purchase catalog checked in the
same run with that region code and year; `{path}` is that file, relative to the
plan's folder, read even when the run does not include it (a missing file, or one
that is not a purchase catalog, is reported at `catalog.path`).  When a catalog
named by region and year is not in the run (a plan checked alone), nothing is
reported, as with catalog-ref: check the plans together with their catalog.
A township's plan is one whose region code has nine digits.

Good::

    catalog: {region: "441803", year: 2025}
    projects:
      - catalog_ref: A0101     # an item of that catalog, with township: true

Bad::

    catalog_ref: A01           # a directory, not an item
    catalog_ref: A9999         # no such item
    catalog: {path: ../2025/purchase-catalog.yml}     # no such file
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from catalogtool.kinds import CATALOG, PURCHASE_PLAN
from catalogtool.problems import Finding, Level, Message
from catalogtool.rules.context import DocContext
from catalogtool.rules.plan_catalogs import PATH_MESSAGES, Editions, catalog_facts, edition_facts
from catalogtool.rules.spec import Load, RuleSpec, Scope, documentation

DOC_ZH = """年度购买计划中项目的 `catalog_ref` 不是计划所依据目录中的服务事项；或者在乡镇的计划中，
该事项在目录中不是乡镇适用的事项（`township: true`）。

原因：政府购买服务的具体范围和内容实行指导性目录管理（财政部令第102号第十一条），只能购买目录中列明的
事项；乡镇只能购买县级目录中标明乡镇适用的事项。所依据的目录就是计划 `catalog` 中写的那一份：
写 `{region, year}` 的，是本次一同检查的、行政区划代码和年度都相同的购买服务目录；写 `{path}` 的，
是相对于计划所在文件夹的那个文件，即使本次检查没有包括它也会读取（文件不存在或不是购买服务目录的，
在 `catalog.path` 处报告）。按行政区划和年度指定、而本次检查中没有这份目录的（例如只检查一份计划），
与 catalog-ref 一样不报告：请把计划和目录一起检查。行政区划代码为 9 位的是乡镇的计划。

正确示例：

    catalog: {region: "441803", year: 2025}
    projects:
      - catalog_ref: A0101     # 该目录中的事项，且 township: true

错误示例：

    catalog_ref: A01           # 这是目录（分类），不是服务事项
    catalog_ref: A9999         # 目录中没有这个事项
    catalog: {path: ../2025/purchase-catalog.yml}     # 没有这个文件
"""

ID = "plan-catalog-ref"
MESSAGES = {
    "missing": Message("目录编码 {ref} 不是{catalog}中的服务事项", "catalog_ref {ref} is not an item of {catalog_en}"),
    "directory": Message("目录编码 {ref} 是{catalog}中的目录“{name}”，不是具体的服务事项；请写到三级或四级的服务事项",
                         "catalog_ref {ref} is the directory {name} of {catalog_en}, not an item; name a service item"),
    "not-township": Message("目录编码 {ref}（{name}）在{catalog}中不是乡镇适用的事项（township 不为 true），乡镇的年度计划只能购买乡镇适用的事项",
                            "catalog_ref {ref} ({name}) is not open to townships in {catalog_en} (its township is not "
                            "true); a township's plan may buy only items open to townships"),
    **PATH_MESSAGES,
}


def collect(ctx: DocContext) -> dict[str, Any]:
    """A catalog's items, or a plan's edition and its projects' references."""
    if ctx.kind_spec is CATALOG:
        return catalog_facts(ctx)
    refs = [(f"{e.pointer}/catalog_ref", e.data["catalog_ref"]) for e in ctx.items
            if isinstance(e.data.get("catalog_ref"), str)]
    return {**edition_facts(ctx), "refs": refs}


def finish(facts: Iterable[tuple[str, dict[str, Any]]], load: Load) -> Iterator[tuple[str, Finding]]:
    editions = Editions(facts, load)
    for path, plan in editions.plans():
        catalog, label, problem = editions.of(plan)
        if problem is not None:
            yield path, Finding(ID, problem[0], "/catalog/path", problem[1])
        if catalog is None:
            continue
        names = {"catalog": label.zh, "catalog_en": label.en}
        for pointer, ref in plan.get("refs", ()):
            item = catalog["items"].get(ref)
            if item is None and ref in catalog["dirs"]:
                yield path, Finding(ID, "directory", pointer, {"ref": ref, "name": catalog["dirs"][ref], **names})
            elif item is None:
                yield path, Finding(ID, "missing", pointer, {"ref": ref, **names})
            elif plan["township"] and not item["township"]:
                yield path, Finding(ID, "not-township", pointer, {"ref": ref, "name": item["name"], **names})


RULE = RuleSpec(
    id=ID,
    level=Level.ERROR,
    scope=Scope.RUN,
    kinds=(CATALOG, PURCHASE_PLAN),
    summary=Message("计划项目的目录编码不是所依据目录中的服务事项（乡镇的计划：不是乡镇适用的事项）",
                    "a plan project's catalog_ref that is no item of the catalog it draws on (for a township: "
                    "no item open to townships)"),
    source=Message(
        "财政部令第102号《政府购买服务管理办法》第十一条（政府购买服务的具体范围和内容实行指导性目录管理）",
        "Measures for the Administration of Government Purchase of Services (Ministry of Finance Decree "
        "No. 102), Article 11 (what is bought is managed through the guidance catalog)"),
    doc=documentation(DOC_ZH, __doc__),
    messages=MESSAGES,
    collect=collect,
    finish=finish,
)
