"""A text value longer than an Excel cell can hold (32,767 characters).

Why: catalogs and lists are published as Excel workbooks (`catalogtool export`), and
staff exchange them as workbooks.  A longer text cannot be written into a cell:
Excel refuses the file or cuts the text, so the published workbook would lose
content that `validate` let through.  This is an error and not a text-hygiene
warning, because the document cannot be exported at all until it is fixed.
Characters are counted as Excel counts them: a character outside the Basic
Multilingual Plane (some rare CJK characters, emoji) counts twice.  Each text value
is checked on its own; `export` also checks the cells it composes from several
values (a list written in one cell).

Good::

    content: 为辖区特困、失能老年人提供居家上门照料、助餐、助浴等服务

Bad::

    content: 为辖区……（一段 4 万字的文字，例如误把整份文件粘贴进来）
"""

from __future__ import annotations

from collections.abc import Iterator

from catalogtool.problems import Finding, Level, Message
from catalogtool.rules.context import DocContext
from catalogtool.rules.spec import RuleSpec, Scope, documentation

DOC_ZH = """文本超过 Excel 单元格能容纳的长度（32767 个字符）。

原因：目录和清单以 Excel 工作簿的形式公布（`catalogtool export`），工作人员之间也用工作簿传递。
更长的文本写不进一个单元格：Excel 会拒收文件或截断文本，公布的工作簿就会丢掉 `validate` 放过的内容。
这条规则报错误，而不像 text-hygiene 那样报警告，因为不改正，文档根本无法导出。字符数按 Excel 的算法计：
基本多文种平面以外的字符（部分生僻汉字、表情符号）算两个。每个文本值单独检查；`export` 还会检查由几个值
拼成的单元格（写在一个单元格里的列表）。

正确示例：

    content: 为辖区特困、失能老年人提供居家上门照料、助餐、助浴等服务

错误示例：

    content: 为辖区……（一段 4 万字的文字，例如误把整份文件粘贴进来）
"""

ID = "cell-length"
EXCEL_CELL_LIMIT = 32767
MESSAGES = {
    "too-long": Message("文本长 {length} 个字符，超过上限：Excel 单元格最多容纳 32767 个字符，导出时无法完整写入；请精简内容，或拆分到其他字段",
                 "the text is {length} characters long, but an Excel cell holds at most 32767 characters, so it cannot be exported; shorten it or split it"),
}


def excel_length(text: str) -> int:
    """The length Excel sees: UTF-16 code units, so a character beyond U+FFFF counts twice."""
    if len(text) <= EXCEL_CELL_LIMIT // 2:
        return len(text)  # short enough that the way of counting cannot matter
    return len(text) + sum(1 for ch in text if ch > "\uffff")


def check(ctx: DocContext) -> Iterator[Finding]:
    if all(len(value) <= EXCEL_CELL_LIMIT // 2 for value in ctx.distinct_texts):
        return  # no text long enough to need counting: no walk with pointers
    for pointer, value in ctx.text_values:
        if len(value) <= EXCEL_CELL_LIMIT // 2:
            continue  # excel_length's own shortcut, without a call per text
        length = excel_length(value)
        if length > EXCEL_CELL_LIMIT:
            yield Finding(ID, "too-long", pointer, {"length": length})


RULE = RuleSpec(
    id=ID,
    level=Level.ERROR,
    scope=Scope.DOCUMENT,
    summary=Message("文本超过 Excel 单元格最多容纳的 32767 个字符，无法导出", "a text longer than the 32,767 characters an Excel cell holds"),
    source=Message("Microsoft Excel 规范与限制：单元格最多容纳 32767 个字符",
                   "Microsoft Excel specifications and limits: a cell holds at most 32,767 characters"),
    doc=documentation(DOC_ZH, __doc__),
    messages=MESSAGES,
    check=check,
)
