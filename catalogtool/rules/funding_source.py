"""An access-list item that needs funding but names no source.

Why: 费随事转 — a task pushed into a community brings its money with it; the list
must say where the money comes from (江苏 政社互动 practice; 民发〔2015〕136号).

Good::

    funding: {required: true, source: 区财政专项, amount: 12000}

Bad::

    funding: {required: true}
"""

from __future__ import annotations

from collections.abc import Iterator

from catalogtool.kinds import ACCESS_LIST
from catalogtool.problems import Finding, Level, Message
from catalogtool.rules.context import DocContext
from catalogtool.rules.spec import RuleSpec, Scope, documentation

DOC_ZH = """准入事项需要经费，却没有写明经费来源。

原因：费随事转——进入社区的工作要带着经费一起来，清单必须写明钱从哪里来（江苏政社互动的做法；
民发〔2015〕136号）。

正确示例：

    funding: {required: true, source: 区财政专项, amount: 12000}

错误示例：

    funding: {required: true}
"""

ID = "funding-source"
MESSAGES = {
    "missing": Message("事项“{name}”需要经费（funding.required: true），但没有写明经费来源 funding.source（费随事转）",
                "item {name} needs funding (funding.required: true) but names no funding.source"),
}


def check(ctx: DocContext) -> Iterator[Finding]:
    for item in ctx.items:
        pointer, funding = item.pointer, item.data.get("funding")
        if not isinstance(funding, dict) or funding.get("required") is not True:
            continue
        source = funding.get("source")
        if not isinstance(source, str) or not source.strip():
            where = f"{pointer}/funding/source" if "source" in funding else f"{pointer}/funding"
            yield Finding(ID, "missing", where, {"name": ctx.written(f"{pointer}/name")})


RULE = RuleSpec(
    id=ID,
    level=Level.ERROR,
    scope=Scope.DOCUMENT,
    kinds=(ACCESS_LIST,),
    summary=Message("准入事项需要经费却未写明经费来源（费随事转）", "an access-list item that needs funding names no source"),
    source=Message("费随事转：民发〔2015〕136号；江苏省社区工作事项准入制度",
                   "funding follows the task: 民发〔2015〕136号; Jiangsu's access system for community tasks"),
    doc=documentation(DOC_ZH, __doc__),
    messages=MESSAGES,
    check=check,
)
