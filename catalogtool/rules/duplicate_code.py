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

from catalogtool.problems import Finding, Level, Message
from catalogtool.rules.context import DocContext
from catalogtool.rules.spec import RuleSpec, Scope, documentation

DOC_ZH = """同一文档中编码重复。

原因：编码用来引用事项、在新旧版本之间对应事项，也供其他清单引用（`purchase_ref`）；
两个事项用同一个编码，这些都会含糊不清。

正确示例：

    - {code: A0101, name: 养老服务, ...}
    - {code: A0102, name: 助残服务, ...}

错误示例：

    - {code: A0101, name: 养老服务, ...}
    - {code: A0101, name: 助残服务, ...}
"""

ID = "duplicate-code"
MESSAGES = {
    "dup": Message("编码 {code} 重复（首次出现在第 {first_line} 行）", "code {code} is repeated (first used on line {first_line})"),
}


def check(ctx: DocContext) -> Iterator[Finding]:
    first: dict[str, str] = {}
    for entry in ctx.entries:  # a catalog's directories and items, a list's items and negative list
        code, pointer = entry.code, f"{entry.pointer}/code"
        if not isinstance(code, str) or not code:
            continue
        if code in first:
            yield Finding(ID, "dup", pointer, {"code": code, "first_line": ctx.doc.line_of(first[code])})
        else:
            first[code] = pointer


RULE = RuleSpec(
    id=ID,
    level=Level.ERROR,
    scope=Scope.DOCUMENT,
    summary=Message("同一文档中编码重复", "a code repeats within a document"),
    source=Message(
        "catalogtool 文件格式：编码在一个文件内唯一，新旧版本比对、导出和引用都靠编码找到事项",
        "the catalogtool file format: a code is unique within a file, because comparing editions, export "
        "and references all find an item by its code"),
    doc=documentation(DOC_ZH, __doc__),
    messages=MESSAGES,
    check=check,
)
