"""An access list without its approving body, date and a document number or meeting, or an item
admitted later without its own approval record.

Why: only approved tasks may enter communities; county lists are approved by the
party committee's standing committee (党委常委会), province and city lists by the
same-level coordination body.  The record is what proves the approval: who approved,
when, and either the document that says so (文号) or, for a list adopted by vote
with no document number, the meeting that adopted it.

Good::

    approval: {body: 中共清远市清新区委常委会, date: 2025-01-10, document_number: 清新委办〔2025〕3号}
    approval: {body: 区委全面深化改革领导小组, date: 2018-02-01, meeting: 第十八次会议}

Bad::

    approval: {body: 中共清远市清新区委常委会}                 # no date, no 文号 or meeting
    approval: {body: 区委全面深化改革领导小组, date: 2018-02-01}  # neither 文号 nor meeting
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from catalogtool.kinds import ACCESS_LIST
from catalogtool.problems import Finding, Level, Message
from catalogtool.rules.context import DocContext
from catalogtool.rules.spec import RuleSpec, Scope, documentation

DOC_ZH = """准入清单没有写明审批机关、审批日期，以及批准文号或审批会议；或者清单印发后新增的事项没有自己的审批记录。

原因：只有经过批准的事项才能进入社区；县级清单由党委常委会审议批准，省、市级清单由同级协调机构批准。
审批记录就是批准的凭证：由谁批准、何时批准，以及写明批准的文件（文号）；会议表决通过、没有文号的清单，
写审议通过它的会议。

正确示例：

    approval: {body: 中共清远市清新区委常委会, date: 2025-01-10, document_number: 清新委办〔2025〕3号}
    approval: {body: 区委全面深化改革领导小组, date: 2018-02-01, meeting: 第十八次会议}

错误示例：

    approval: {body: 中共清远市清新区委常委会}                 # 没有日期，也没有文号或会议
    approval: {body: 区委全面深化改革领导小组, date: 2018-02-01}  # 既没有文号，也没有会议
"""

ID = "approval-record"
# What an approval must name; the last entry is satisfied by either key.
_REQUIRED = (
    (("body",), Message("审批机关 body", "body")),
    (("date",), Message("审批日期 date", "date")),
    (("document_number", "meeting"), Message("批准文号 document_number（会议审议通过、没有文号的写审批会议 meeting）",
                                             "document_number (or meeting, for an approval by a meeting with no document number)")),
)
MESSAGES = {
    "missing": Message("准入清单缺少审批记录 approval（审批机关 body、日期 date，以及文号 document_number 或审批会议 meeting）",
                "the access list has no approval record (body, date, and document_number or meeting)"),
    "incomplete": Message("审批记录缺少{missing}", "the approval record lacks {missing_en}"),
    "item-incomplete": Message("事项“{name}”的审批记录缺少{missing}", "the approval record of item {name} lacks {missing_en}"),
}


def _given(approval: dict[str, Any], key: str) -> bool:
    value = approval.get(key)
    return isinstance(value, str) and bool(value.strip())


def _missing(approval: dict[str, Any]) -> dict[str, str]:
    """The finding's arguments naming what the approval lacks; empty when it lacks nothing."""
    lacking = [label for keys, label in _REQUIRED if not any(_given(approval, key) for key in keys)]
    if not lacking:
        return {}
    return {"missing": "、".join(label.zh for label in lacking), "missing_en": ", ".join(label.en for label in lacking)}


def check(ctx: DocContext) -> Iterator[Finding]:
    data = ctx.data
    if not isinstance(data, dict):
        return
    approval = data.get("approval")
    if not isinstance(approval, dict):
        yield Finding(ID, "missing", "/approval" if "approval" in data else "/kind", at="key")
    else:
        missing = _missing(approval)
        if missing:
            yield Finding(ID, "incomplete", "/approval", missing, at="key")
    for item in ctx.items:
        approval, pointer = item.data.get("approval"), item.pointer
        if isinstance(approval, dict):
            missing = _missing(approval)
            if missing:
                yield Finding(ID, "item-incomplete", f"{pointer}/approval",
                              {"name": ctx.written(f"{pointer}/name"), **missing}, at="key")


RULE = RuleSpec(
    id=ID,
    level=Level.ERROR,
    scope=Scope.DOCUMENT,
    kinds=(ACCESS_LIST,),
    summary=Message("准入清单（或后补准入的事项）缺少审批机关、日期，或缺少文号（会议审议通过的写会议）",
                    "an access list (or a later-admitted item) without approving body, date, and a document number or meeting"),
    source=Message(
        "江苏省社区工作事项准入制度（县级由党委常委会审议批准）；民发〔2015〕136号",
        "Jiangsu's access system for community tasks (a county's list is approved by the standing committee "
        "of the county Party committee); 民发〔2015〕136号"),
    doc=documentation(DOC_ZH, __doc__),
    messages=MESSAGES,
    check=check,
)
