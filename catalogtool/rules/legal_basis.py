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

from catalogtool.model import list_entries
from catalogtool.problems import Finding, Level, Message
from catalogtool.rules.context import DocContext

ID = "legal-basis"
LEVEL = Level.ERROR
SCOPE = "document"
KINDS = ("access-list", "assistance-list")
SOURCE = "法无授权不得下派；民发〔2015〕136号；辽宁省2022年条例（清单须列明名称、内容、依据）"
SUMMARY = Message("协助事项缺少设定依据（准入清单事项为警告）", "an assistance-list item without a legal basis (warning for access-list items)")
MESSAGES = {
    "missing": Message("事项“{name}”没有设定依据 basis；法无授权不得下派，请写明法律法规名称和条款", "item {name} has no legal basis; name the law and article"),
}


def check(ctx: DocContext) -> Iterator[Finding]:
    level = Level.WARNING if ctx.kind == "access-list" else None
    for pointer, item in list_entries(ctx.data):
        basis = item.get("basis")
        if isinstance(basis, list) and any(isinstance(b, dict) and b.get("title") for b in basis):
            continue
        if basis is None or (isinstance(basis, list) and not basis):
            where = f"{pointer}/basis" if "basis" in item else pointer
            yield Finding(ID, "missing", where, {"name": ctx.written(f"{pointer}/name")}, at="key", level=level)
