"""Two items with the same name once width, spaces, punctuation and traditional/simplified
characters are normalised.

Why: text pasted from web pages and old Word files brings full-width letters,
stray spaces and traditional characters, and the same service then appears twice
(`养老服务` and `養老 服務`).  Directories are not compared, only items.

Good::

    - {code: A0101, name: 养老服务, ...}
    - {code: A0102, name: 助残服务, ...}

Bad::

    - {code: A0101, name: 养老服务, ...}
    - {code: A0205, name: 養老服務, ...}
"""

from __future__ import annotations

from collections.abc import Iterator

from catalogtool.model import list_entries
from catalogtool.problems import Finding, Level, Message
from catalogtool.rules.context import DocContext
from catalogtool.textnorm import normalize_name

ID = "duplicate-name"
LEVEL = Level.WARNING
SCOPE = "document"
SOURCE = "实践：从网页、Word 和旧版目录转录时，同一事项常以繁简、全半角或空格不同的写法重复出现"
SUMMARY = Message("两个事项名称相同（忽略全半角、空格、标点和繁简差异）", "two items with the same name after normalising width, spaces and script")
MESSAGES = {
    "dup": Message("事项名称“{name}”与第 {first_line} 行的“{first}”（{first_code}）相同", "item name {name} is the same as {first} ({first_code}) on line {first_line}"),
}


def check(ctx: DocContext) -> Iterator[Finding]:
    if ctx.kind == "purchase-catalog":
        entries = [(node.pointer, node.data) for node in ctx.nodes if node.is_item]
    else:
        entries = list(list_entries(ctx.data))
    seen: dict[str, tuple[str, str, str]] = {}
    for pointer, entry in entries:
        name = entry.get("name")
        if not isinstance(name, str):
            continue
        key = normalize_name(name)
        if not key:
            continue
        if key in seen:
            first_pointer, first_name, first_code = seen[key]
            yield Finding(ID, "dup", f"{pointer}/name", {
                "name": name, "first": first_name, "first_code": first_code,
                "first_line": ctx.doc.line_of(f"{first_pointer}/name")})
        else:
            seen[key] = (pointer, name, str(entry.get("code", "")))
