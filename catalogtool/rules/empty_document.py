"""A catalog or list with no items: `items: []`, or a catalog whose `categories` hold no item.

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

from catalogtool.model import list_entries
from catalogtool.problems import Finding, Level, Message
from catalogtool.rules.context import DocContext

ID = "empty-document"
LEVEL = Level.WARNING
SCOPE = "document"
KINDS = ("purchase-catalog", "access-list", "assistance-list")
SOURCE = "实践：公布的目录和清单都有具体事项；空目录、空清单多是转录或导入时遗漏了内容"
SUMMARY = Message("目录或清单中没有任何事项", "a catalog or list without a single item")
MESSAGES = {
    "catalog": Message("目录中没有任何服务事项（categories 下为空或只有目录节点）；多是转录或导入时遗漏了内容，请对照原文补全",
                "the catalog has no items (categories is empty or holds only directories); something was probably lost in transcription or import"),
    "list": Message("清单中没有任何事项（items 为空）；多是转录或导入时遗漏了内容，请对照原文补全",
             "the list has no items (items is empty); something was probably lost in transcription or import"),
    "excluded-only": Message("清单只有负面清单（excluded），没有准入事项（items 为空）；请对照原文核对是否遗漏了准入事项",
                      "the list has excluded entries but no items (items is empty); check the source for lost items"),
}


def check(ctx: DocContext) -> Iterator[Finding]:
    data = ctx.data
    if not isinstance(data, dict):
        return
    # A missing or mistyped `categories`/`items` is the schema's to report; here only a list with nothing in it.
    if ctx.kind == "purchase-catalog":
        if isinstance(data.get("categories"), list) and not any(node.is_item for node in ctx.nodes):
            yield Finding(ID, "catalog", "/categories", at="key")
        return
    items = data.get("items")
    if isinstance(items, list) and not any(True for _ in list_entries(data)):
        key = "excluded-only" if any(True for _ in list_entries(data, "excluded")) else "list"
        yield Finding(ID, key, "/items", at="key")
