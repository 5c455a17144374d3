"""An access-list item that requires dedicated premises or full-time staff.

Why: items admitted into communities may not require the community to set up a
dedicated office (专门场所) or full-time staff (专职人员) for them (江苏 政社互动
准入 rules; 民发〔2015〕136号 on reducing the burden on communities).

Good::

    premises_required: false
    staff_required: false

Bad::

    staff_required: true
"""

from __future__ import annotations

from collections.abc import Iterator

from catalogtool.kinds import ACCESS_LIST
from catalogtool.problems import Finding, Level, Message
from catalogtool.rules.context import DocContext
from catalogtool.rules.spec import RuleSpec, Scope, documentation

DOC_ZH = """准入事项要求社区设立专门场所或配备专职人员。

原因：准入社区的事项不得要求社区为其设立专门的办公场所或配备专职工作人员（江苏政社互动的准入制度；
民发〔2015〕136号关于社区减负的要求）。

正确示例：

    premises_required: false
    staff_required: false

错误示例：

    staff_required: true
"""

ID = "dedicated-resources"
MESSAGES = {
    "premises": Message("事项“{name}”要求设立专门场所（premises_required: true），准入事项不得有此要求", "item {name} requires dedicated premises, which admitted items may not"),
    "staff": Message("事项“{name}”要求配备专职人员（staff_required: true），准入事项不得有此要求", "item {name} requires full-time staff, which admitted items may not"),
}


def check(ctx: DocContext) -> Iterator[Finding]:
    for item in ctx.items:
        pointer = item.pointer
        if item.data.get("premises_required") is True:
            yield Finding(ID, "premises", f"{pointer}/premises_required", {"name": ctx.written(f"{pointer}/name")})
        if item.data.get("staff_required") is True:
            yield Finding(ID, "staff", f"{pointer}/staff_required", {"name": ctx.written(f"{pointer}/name")})


RULE = RuleSpec(
    id=ID,
    level=Level.ERROR,
    scope=Scope.DOCUMENT,
    kinds=(ACCESS_LIST,),
    summary=Message("准入事项要求社区设立专门场所或配备专职人员", "an access-list item requires dedicated premises or full-time staff"),
    source=Message(
        "民发〔2015〕136号；江苏省社区工作事项准入制度（不得要求设立专门场所、配备专职人员）",
        "民发〔2015〕136号; Jiangsu's access system for community tasks (no dedicated premises or full-time "
        "staff may be required)"),
    doc=documentation(DOC_ZH, __doc__),
    messages=MESSAGES,
    check=check,
)
