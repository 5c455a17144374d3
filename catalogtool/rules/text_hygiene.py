"""Control or zero-width characters, leading or trailing spaces, and junk pasted from web pages
(`&nbsp;`, `<br>`, non-breaking spaces, U+FFFD) in any text value.

Why: these characters are invisible on screen but break matching, sorting and
printing, and make two equal names differ.

Good::

    name: 养老服务

Bad::

    name: "养老服务\u200b"     # a zero-width space at the end
    content: 助餐服务&nbsp;助浴服务
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from catalogtool.document import join_pointer
from catalogtool.problems import Finding, Level, Message
from catalogtool.rules.context import DocContext
from catalogtool.textnorm import hygiene_issues

ID = "text-hygiene"
LEVEL = Level.WARNING
SCOPE = "document"
SOURCE = "DOMAIN.md（从网页复制的文本带有杂乱字符）"
SUMMARY = Message("文本含控制字符、零宽字符、首尾空格或网页残留", "control or zero-width characters, stray spaces, junk pasted from web pages")
MESSAGES = {
    "control": ("第 {position} 个字符是控制字符 {detail}，请删除", "character {position} is the control character {detail}; remove it"),
    "bidi": ("第 {position} 个字符是看不见的文字方向控制字符 {detail}，会使显示顺序与实际内容不一致，请删除",
             "character {position} is an invisible text-direction control {detail} that makes the text display out of order; remove it"),
    "zero-width": ("第 {position} 个字符是看不见的零宽字符 {detail}，请删除", "character {position} is an invisible zero-width character {detail}; remove it"),
    "nbsp": ("第 {position} 个字符是不间断空格 {detail}（网页复制残留），请改为普通空格或删除", "character {position} is a non-breaking space {detail}; use a normal space or remove it"),
    "leading-space": ("文本开头有多余空格", "the text starts with a space"),
    "trailing-space": ("文本末尾有多余空格", "the text ends with a space"),
    "html": ("含有网页残留 {detail}，请删除或改为普通文字", "contains web-page residue {detail}; remove it"),
    "replacement": ("第 {position} 个字符是乱码替换符 {detail}，说明文本曾以错误的编码转换，请核对原文", "character {position} is the replacement character {detail}: the text was converted with a wrong encoding"),
    "private-use": ("第 {position} 个字符 {detail} 是私用区字符，其他电脑可能无法显示", "character {position} {detail} is a private-use character other computers may not show"),
}


def strings(data: Any) -> Iterator[tuple[str, str]]:
    """(pointer, text) for every string value in a document, without recursion."""
    stack: list[tuple[str, Any]] = [("", data)]
    while stack:
        pointer, node = stack.pop()
        if isinstance(node, str):
            yield pointer, node
        elif isinstance(node, dict):
            stack.extend((join_pointer(pointer, k), v) for k, v in reversed(node.items()))
        elif isinstance(node, list):
            stack.extend((f"{pointer}/{i}", v) for i, v in reversed(list(enumerate(node))))


def check(ctx: DocContext) -> Iterator[Finding]:
    for pointer, value in strings(ctx.data):
        reported: set[str] = set()
        for issue in hygiene_issues(value):
            if issue.kind in reported or issue.kind not in MESSAGES:
                continue
            if issue.kind == "trailing-space" and not issue.char.strip("\n"):
                continue  # the line break that ends a block scalar (`|` or `>`) is not a stray space
            reported.add(issue.kind)
            # For web-page residue show what was pasted (`&nbsp;`, `<br>`), not just "entity" or "tag".
            detail = issue.char if issue.kind == "html" else issue.detail
            yield Finding(ID, issue.kind, pointer, {"position": issue.index + 1, "detail": detail})
