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

from catalogtool.model import list_entries
from catalogtool.problems import Finding, Level, Message
from catalogtool.rules.context import DocContext

ID = "dedicated-resources"
LEVEL = Level.ERROR
SCOPE = "document"
KINDS = ("access-list",)
SOURCE = "民发〔2015〕136号；江苏省社区工作事项准入制度（不得要求设立专门场所、配备专职人员）"
SUMMARY = Message("准入事项要求社区设立专门场所或配备专职人员", "an access-list item requires dedicated premises or full-time staff")
MESSAGES = {
    "premises": Message("事项“{name}”要求设立专门场所（premises_required: true），准入事项不得有此要求", "item {name} requires dedicated premises, which admitted items may not"),
    "staff": Message("事项“{name}”要求配备专职人员（staff_required: true），准入事项不得有此要求", "item {name} requires full-time staff, which admitted items may not"),
}


def check(ctx: DocContext) -> Iterator[Finding]:
    for pointer, item in list_entries(ctx.data):
        if item.get("premises_required") is True:
            yield Finding(ID, "premises", f"{pointer}/premises_required", {"name": ctx.written(f"{pointer}/name")})
        if item.get("staff_required") is True:
            yield Finding(ID, "staff", f"{pointer}/staff_required", {"name": ctx.written(f"{pointer}/name")})
