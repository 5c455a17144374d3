"""A code repeats within a document.

Why: the code is how an item is cited, matched between editions and referred to
from other lists (`purchase_ref`); two items with one code make all of that
ambiguous.

Good::

    - {code: A0101, name: 养老服务, ...}
    - {code: A0102, name: 助残服务, ...}

Bad::

    - {code: A0101, name: 养老服务, ...}
    - {code: A0101, name: 助残服务, ...}
"""

from __future__ import annotations

from collections.abc import Iterator

from catalogtool.model import list_entries
from catalogtool.problems import Finding, Level, Message
from catalogtool.rules.context import DocContext

ID = "duplicate-code"
LEVEL = Level.ERROR
SCOPE = "document"
SOURCE = "catalogtool 文件格式：编码在一个文件内唯一，新旧版本比对、导出和引用都靠编码找到事项"
SUMMARY = Message("同一文档中编码重复", "a code repeats within a document")
MESSAGES = {
    "dup": Message("编码 {code} 重复（首次出现在第 {first_line} 行）", "code {code} is repeated (first used on line {first_line})"),
}


def check(ctx: DocContext) -> Iterator[Finding]:
    if ctx.kind == "purchase-catalog":
        entries = [(f"{node.pointer}/code", node.code) for node in ctx.nodes]
    else:
        entries = [(f"{p}/code", e.get("code")) for section in ("items", "excluded") for p, e in list_entries(ctx.data, section)]
    first: dict[str, str] = {}
    for pointer, code in entries:
        if not isinstance(code, str) or not code:
            continue
        if code in first:
            yield Finding(ID, "dup", pointer, {"code": code, "first_line": ctx.doc.line_of(first[code])})
        else:
            first[code] = pointer
