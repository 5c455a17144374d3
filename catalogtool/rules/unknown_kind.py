"""The document has no `kind`, or one catalogtool does not know.

Why: `kind` decides which schema and rules apply; without it nothing else can be
checked.

Good::

    kind: purchase-catalog

Bad::

    kind: purchase_catalog
"""

from __future__ import annotations

from collections.abc import Iterator

from catalogtool.kinds import KINDS
from catalogtool.problems import Finding, Level, Message
from catalogtool.rules.context import DocContext
from catalogtool.rules.spec import RuleSpec, Scope, documentation

DOC_ZH = """文档没有 `kind`，或 `kind` 不是 catalogtool 认识的文档类型。

原因：`kind` 决定适用哪个 Schema 和哪些规则；没有它，其他检查都无从做起。

正确示例：

    kind: purchase-catalog

错误示例：

    kind: purchase_catalog
"""

ID = "unknown-kind"
_CHOICES = "、".join(f"{kind.id}（{kind.short_name.zh}）" for kind in KINDS.values())
MESSAGES = {
    "empty": Message("文件为空；每个文件应含一个文档，以 kind 开头", "the file is empty; each file holds one document starting with kind"),
    "not-mapping": Message("文档顶层应为“键: 值”形式的映射（以 kind: 开头），而不是{found}", "the document must be a mapping of keys (starting with kind:), not {found_en}"),
    "missing": Message("缺少 kind；应为以下之一：" + _CHOICES, "kind is missing; use one of: " + ", ".join(KINDS)),
    "unknown": Message("未知的文档类型 kind: {kind}{hint_zh}；可选：" + _CHOICES, "unknown kind {kind}{hint_en}; use one of: " + ", ".join(KINDS)),
    "not-text": Message("kind 应为文档类型的名称，而这里是{found}；可选：" + _CHOICES,
                        "kind must name a kind of document, not {found_en}; use one of: " + ", ".join(KINDS)),
}


_SHAPES = {list: Message("列表", "a list"), dict: Message("映射", "a mapping"), bool: Message("布尔值", "a boolean"),
           int: Message("数字", "a number"), float: Message("数字", "a number")}
_NOTHING = Message("空值", "nothing")  # no value, or blank text


def check(ctx: DocContext) -> Iterator[Finding]:
    data = ctx.data
    if data is None:
        return
    if not isinstance(data, dict):
        found = "列表" if isinstance(data, list) else "单个值"
        yield Finding(ID, "not-mapping", "", {"found": found, "found_en": "a list" if isinstance(data, list) else "a single value"})
        return
    if "kind" not in data:
        yield Finding(ID, "missing", "")
        return
    kind = data["kind"]
    if not isinstance(kind, str) or not kind.strip():
        # A list, a mapping, a number or nothing: say what it is, never Python's repr of it.
        shape = _SHAPES.get(type(kind), _NOTHING)
        yield Finding(ID, "not-text", "/kind", {"found": shape.zh, "found_en": shape.en})
        return
    if kind in KINDS:
        return
    import difflib  # only when something is misspelt: not at start-up
    close = difflib.get_close_matches(str(kind), KINDS, n=1, cutoff=0.6)  # 0.5 offers assistance-list for township-list
    yield Finding(ID, "unknown", "/kind", {
        "kind": kind,
        "hint_zh": f"（是否想写 {close[0]}？）" if close else "",
        "hint_en": f" (did you mean {close[0]}?)" if close else "",
    })


RULE = RuleSpec(
    id=ID,
    level=Level.ERROR,
    scope=Scope.DOCUMENT,
    summary=Message("缺少 kind，或 kind 不是已知的文档类型", "missing or unknown kind"),
    source=Message(f"catalogtool 文件格式：每个文件用 kind 写明类型（{'、'.join(KINDS)}）",
                   f"the catalogtool file format: each file states its type in kind ({', '.join(KINDS)})"),
    doc=documentation(DOC_ZH, __doc__),
    messages=MESSAGES,
    any_document=True,
    check=check,
)
