"""A purchasable item at a depth other than 3 or 4, or a catalog deeper than 4 levels.

Why: catalogs follow the higher-level catalog for levels 1-3, and a county may add
a 4th level (财综〔2020〕57号); an item at level 2 or 5 means a missing or extra
directory.  The allowed item depths are `code_scheme.item_depths` in catalogtool.yaml.

Good: 公共服务 (1) > 基本公共服务 (2) > 养老服务 (3, an item).

Bad: 公共服务 (1) > 养老服务 (2, an item with no level-2 directory above it).
"""

from __future__ import annotations

from collections.abc import Iterator

from catalogtool.kinds import CATALOG
from catalogtool.problems import Finding, Level, Message
from catalogtool.rules.context import DocContext
from catalogtool.rules.spec import RuleSpec, Scope, documentation

DOC_ZH = """可购买的服务事项不在第 3 级或第 4 级，或目录超过 4 级。

原因：一至三级目录沿用上级目录，县级可以增设四级目录（财综〔2020〕57号）；事项出现在第 2 级或第 5 级，
说明少了或多了一级目录。允许事项所在的层级由 catalogtool.yaml 中的 `code_scheme.item_depths` 设定。

正确示例：公共服务（一级）> 基本公共服务（二级）> 养老服务（三级，服务事项）。

错误示例：公共服务（一级）> 养老服务（在第二级的服务事项，上面缺了二级目录）。
"""

ID = "catalog-depth"
MESSAGES = {
    "item-depth": Message("“{name}”没有下级（children），是服务事项，但位于第 {depth} 级；服务事项只能在第 {allowed} 级",
                   "{name} has no children, so it is an item, but it sits at level {depth}; items belong at level {allowed_en}"),
    "too-deep": Message("“{name}”位于第 {depth} 级，目录最多 {max} 级", "{name} sits at level {depth}; catalogs have at most {max} levels"),
}


def check(ctx: DocContext) -> Iterator[Finding]:
    scheme = ctx.config.code_scheme
    allowed = sorted(scheme.item_depths)
    deepest = max(allowed) if allowed else 4
    for node in ctx.nodes:
        if node.depth > deepest:
            if node.parent is None or node.parent.depth == deepest:  # report each too-deep branch once
                yield Finding(ID, "too-deep", node.pointer, {"name": _name(ctx, node.pointer), "depth": node.depth, "max": deepest})
            continue
        if node.is_item and node.depth not in allowed:
            name = _name(ctx, node.pointer)
            yield Finding(ID, "item-depth", node.pointer, {
                "name": name, "depth": node.depth,
                "allowed": " 或 ".join(str(d) for d in allowed), "allowed_en": " or ".join(str(d) for d in allowed)})


def _name(ctx: DocContext, pointer: str) -> str:
    """The node's name as written, else its code: looked up only for a node that is reported."""
    return ctx.written(f"{pointer}/name") or ctx.written(f"{pointer}/code")


RULE = RuleSpec(
    id=ID,
    level=Level.ERROR,
    scope=Scope.DOCUMENT,
    kinds=(CATALOG,),
    summary=Message("服务事项不在第 3 或第 4 级，或目录超过 4 级", "an item at a depth other than 3 or 4"),
    source=Message("财综〔2020〕57号（一至三级目录，可增设四级目录）",
                   "Ministry of Finance 财综〔2020〕57号 (directories at levels 1-3; a level 4 may be added)"),
    doc=documentation(DOC_ZH, __doc__),
    messages=MESSAGES,
    check=check,
)
