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

from catalogtool.problems import Finding, Level, Message
from catalogtool.rules.context import DocContext
from catalogtool.rules.spec import RuleSpec, Scope, documentation
from catalogtool.textnorm import normalize_name

DOC_ZH = """统一全角半角、空格、标点和繁简字之后，两个事项的名称相同。

原因：从网页和旧 Word 文件粘贴来的文字常带有全角字母、多余的空格和繁体字，同一项服务于是出现两次
（`养老服务` 和 `養老 服務`）。只比较服务事项，不比较目录。

正确示例：

    - {code: A0101, name: 养老服务, ...}
    - {code: A0102, name: 助残服务, ...}

错误示例：

    - {code: A0101, name: 养老服务, ...}
    - {code: A0205, name: 養老服務, ...}
"""

ID = "duplicate-name"
MESSAGES = {
    "dup": Message("事项名称“{name}”与第 {first_line} 行的“{first}”（{first_code}）相同", "item name {name} is the same as {first} ({first_code}) on line {first_line}"),
}


def check(ctx: DocContext) -> Iterator[Finding]:
    seen: dict[str, tuple[str, str, str]] = {}
    for entry in ctx.items:
        pointer, name = entry.pointer, entry.name
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
            seen[key] = (pointer, name, str(entry.data.get("code", "")))


RULE = RuleSpec(
    id=ID,
    level=Level.WARNING,
    scope=Scope.DOCUMENT,
    summary=Message("两个事项名称相同（忽略全半角、空格、标点和繁简差异）", "two items with the same name after normalising width, spaces and script"),
    source=Message(
        "实践：从网页、Word 和旧版目录转录时，同一事项常以繁简、全半角或空格不同的写法重复出现",
        "practice: in text transcribed from web pages, Word files and old catalogs the same item often "
        "appears twice, spelled with traditional or simplified characters, full- or half-width, or other spaces"),
    doc=documentation(DOC_ZH, __doc__),
    messages=MESSAGES,
    check=check,
)
