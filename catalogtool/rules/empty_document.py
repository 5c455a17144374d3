"""A catalog or list with no items: `items: []`, or a catalog whose `categories` hold no item; a purchase
plan with no projects (`projects: []`).

Why: a published catalog or list always has content.  An empty one is almost
always an accident of transcription or import (a table that was not copied, a
sheet that was not read), and it would pass every other check and be published
as an empty document.

Good::

    items:
      - {code: ZR-001, name: 最低生活保障家庭状况定期核查, ...}

Bad::

    items: []

    categories:
      - code: A
        name: 公共服务
        children: []          # directories only, not one purchasable item
"""

from __future__ import annotations

from collections.abc import Iterator

from catalogtool.kinds import PURCHASE_PLAN
from catalogtool.problems import Finding, Level, Message
from catalogtool.rules.context import DocContext
from catalogtool.rules.spec import RuleSpec, Scope, documentation

DOC_ZH = """目录或清单中没有任何事项：`items: []`，或者目录的 `categories` 中没有任何服务事项；年度购买计划中
没有任何项目（`projects: []`）。

原因：公布的目录和清单总有具体内容。空目录、空清单几乎都是转录或导入时出的差错（表格没有复制过来、
工作表没有读进来）；它能通过其他所有检查，最后作为一份空文件印发出去。

正确示例：

    items:
      - {code: ZR-001, name: 最低生活保障家庭状况定期核查, ...}

错误示例：

    items: []

    categories:
      - code: A
        name: 公共服务
        children: []          # 只有目录，没有一个可以购买的服务事项
"""

ID = "empty-document"
MESSAGES = {
    "catalog": Message("目录中没有任何服务事项（categories 下为空或只有目录节点）；多是转录或导入时遗漏了内容，请对照原文补全",
                "the catalog has no items (categories is empty or holds only directories); something was probably lost in transcription or import"),
    "list": Message("清单中没有任何事项（items 为空）；多是转录或导入时遗漏了内容，请对照原文补全",
             "the list has no items (items is empty); something was probably lost in transcription or import"),
    "plan": Message("年度购买计划中没有任何项目（projects 为空）；多是转录或导入时遗漏了内容，请对照原文补全",
                    "the purchase plan has no projects (projects is empty); something was probably lost in transcription or import"),
    "excluded-only": Message("清单只有负面清单（excluded），没有准入事项（items 为空）；请对照原文核对是否遗漏了准入事项",
                      "the list has excluded entries but no items (items is empty); check the source for lost items"),
}


def check(ctx: DocContext) -> Iterator[Finding]:
    data, kind = ctx.data, ctx.kind_spec
    if not isinstance(data, dict) or kind is None or ctx.items:
        return
    # The first section holds the items (a catalog's `categories`, a list's `items`).  A missing
    # or mistyped one is the schema's to report; here only a list with nothing in it.
    section = kind.sections[0].key
    if not isinstance(data.get(section), list):
        return
    if kind.tree:
        yield Finding(ID, "catalog", f"/{section}", at="key")
    elif kind is PURCHASE_PLAN:
        yield Finding(ID, "plan", f"/{section}", at="key")
    else:
        key = "excluded-only" if ctx.entries else "list"  # entries, but none of them items
        yield Finding(ID, key, f"/{section}", at="key")


RULE = RuleSpec(
    id=ID,
    level=Level.WARNING,
    scope=Scope.DOCUMENT,
    summary=Message("目录或清单中没有任何事项", "a catalog or list without a single item"),
    source=Message(
        "实践：公布的目录和清单都有具体事项；空目录、空清单多是转录或导入时遗漏了内容",
        "practice: a published catalog or list always has items; an empty one has usually lost its content "
        "in transcription or import"),
    doc=documentation(DOC_ZH, __doc__),
    messages=MESSAGES,
    check=check,
)
