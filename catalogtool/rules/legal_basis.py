"""An assistance-list item without a legal basis (error), or an access-list item without one
(warning).

Why: 法无授权不得下派 — a task with no legal basis may not be pushed onto village and
residents' committees, and lists are being cut by dropping exactly those items
(二七区: from about 120 to 46).  辽宁's 2022 regulation requires name, content and
basis for every listed item.

Good::

    basis:
      - {level: 行政法规, title: 社会救助暂行办法, article: 第十三条}

Bad::

    basis: []
"""

from __future__ import annotations

from collections.abc import Iterator

from catalogtool.kinds import ACCESS_LIST, ASSISTANCE_LIST
from catalogtool.problems import Finding, Level, Message
from catalogtool.rules.context import DocContext
from catalogtool.rules.spec import RuleSpec, Scope, documentation

DOC_ZH = """协助事项没有设定依据（错误），或准入事项没有设定依据（警告）。

原因：法无授权不得下派——没有法律依据的工作不得压给村（居）民委员会，各地精简清单时删去的正是这类事项
（二七区由约 120 项减到 46 项）。辽宁省 2022 年的条例要求清单逐项列明名称、内容和依据。

正确示例：

    basis:
      - {level: 行政法规, title: 社会救助暂行办法, article: 第十三条}

错误示例：

    basis: []
"""

ID = "legal-basis"
MESSAGES = {
    "missing": Message("事项“{name}”没有设定依据 basis；法无授权不得下派，请写明法律法规名称和条款", "item {name} has no legal basis; name the law and article"),
}


def check(ctx: DocContext) -> Iterator[Finding]:
    level = Level.WARNING if ctx.kind_spec is ACCESS_LIST else None
    for entry in ctx.items:
        pointer, item = entry.pointer, entry.data
        basis = item.get("basis")
        if isinstance(basis, list) and any(isinstance(b, dict) and b.get("title") for b in basis):
            continue
        if basis is None or (isinstance(basis, list) and not basis):
            where = f"{pointer}/basis" if "basis" in item else pointer
            yield Finding(ID, "missing", where, {"name": ctx.written(f"{pointer}/name")}, at="key", level=level)


RULE = RuleSpec(
    id=ID,
    level=Level.ERROR,
    scope=Scope.DOCUMENT,
    kinds=(ACCESS_LIST, ASSISTANCE_LIST,),
    summary=Message("协助事项缺少设定依据（准入清单事项为警告）", "an assistance-list item without a legal basis (warning for access-list items)"),
    source=Message(
        "法无授权不得下派；民发〔2015〕136号；辽宁省2022年条例（清单须列明名称、内容、依据）",
        "no task without legal authority; 民发〔2015〕136号; Liaoning's 2022 regulation (a list gives each "
        "item's name, content and basis)"),
    doc=documentation(DOC_ZH, __doc__),
    messages=MESSAGES,
    check=check,
)
