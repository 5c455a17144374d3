"""An access list without its approving body, date and document number, or an item admitted
later without its own approval record.

Why: only approved tasks may enter communities; county lists are approved by the
party committee's standing committee (党委常委会), province and city lists by the
same-level coordination body.  The record is what proves the approval.

Good::

    approval: {body: 中共清远市清新区委常委会, date: 2025-01-10, document_number: 清新委办〔2025〕3号}

Bad::

    approval: {body: 中共清远市清新区委常委会}
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from catalogtool.model import list_entries
from catalogtool.problems import Finding, Level, Message
from catalogtool.rules.context import DocContext

ID = "approval-record"
LEVEL = Level.ERROR
SCOPE = "document"
KINDS = ("access-list",)
SOURCE = "江苏省社区工作事项准入制度（县级由党委常委会审议批准）；民发〔2015〕136号"
SUMMARY = Message("准入清单（或后补准入的事项）缺少审批机关、日期或文号", "an access list (or a later-admitted item) without approving body, date and document number")
_FIELDS = (("body", "审批机关"), ("date", "审批日期"), ("document_number", "批准文号"))
MESSAGES = {
    "missing": ("准入清单缺少审批记录 approval（审批机关 body、日期 date、文号 document_number）", "the access list has no approval record (body, date, document_number)"),
    "incomplete": ("审批记录缺少{missing}", "the approval record lacks {missing_en}"),
    "item-incomplete": ("事项“{name}”的审批记录缺少{missing}", "the approval record of item {name} lacks {missing_en}"),
}


def _missing(approval: dict[str, Any]) -> tuple[list[str], list[str]]:
    zh, en = [], []
    for key, label in _FIELDS:
        value = approval.get(key)
        if not isinstance(value, str) or not value.strip():
            zh.append(f"{label} {key}")
            en.append(key)
    return zh, en


def check(ctx: DocContext) -> Iterator[Finding]:
    data = ctx.data
    if not isinstance(data, dict):
        return
    approval = data.get("approval")
    if not isinstance(approval, dict):
        yield Finding(ID, "missing", "/approval" if "approval" in data else "/kind", at="key")
    else:
        zh, en = _missing(approval)
        if zh:
            yield Finding(ID, "incomplete", "/approval", {"missing": "、".join(zh), "missing_en": ", ".join(en)}, at="key")
    for pointer, item in list_entries(data):
        approval = item.get("approval")
        if isinstance(approval, dict):
            zh, en = _missing(approval)
            if zh:
                yield Finding(ID, "item-incomplete", f"{pointer}/approval", {"name": ctx.written(f"{pointer}/name"), "missing": "、".join(zh), "missing_en": ", ".join(en)}, at="key")
