"""The file is not valid YAML, or not UTF-8 text.

Why: a file that cannot be read cannot be checked, diffed or printed; the position
lets the author find the slip at once.

Good::

    name: 养老服务

Bad (a tab for indentation, an unclosed bracket, a GBK-encoded file)::

    providers: [社会组织, 企业
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

from catalogtool.problems import Level, Message
from catalogtool.rules.spec import RuleSpec, Scope, documentation

DOC_ZH = """文件不是有效的 YAML，或不是 UTF-8 编码的文本。

原因：读不了的文件就无法检查、比较或打印；指出出错的位置，作者马上就能找到笔误。

正确示例：

    name: 养老服务

错误示例（用制表符缩进、括号没有闭合、GBK 编码的文件）：

    providers: [社会组织, 企业
"""

ID = "yaml-syntax"
MESSAGES = {
    "fullwidth-colon": Message("第 {line} 行用了中文冒号“：”，YAML 需要英文冒号加空格“: ”；请改为“{fixed}”",
                        "line {line} uses a full-width colon (：); YAML needs an ASCII colon and a space: {fixed}"),
    "syntax": Message("YAML 语法错误：{explain_zh}{opened_zh}", "YAML syntax error: {explain_en}{opened_en}{raw_en}"),
    "bad-char": Message("含有不允许的字符 {char}（常见于从网页或 Word 复制的文本），请删除", "contains the disallowed character {char} (often pasted from a web page or Word); remove it"),
    "utf16": Message("文件是 {encoding} 编码，请另存为 UTF-8（在记事本或 WPS 中“另存为”时选择 UTF-8）", "the file is {encoding}-encoded; save it as UTF-8"),
    "gbk": Message("文件不是 UTF-8 编码（此处字节 {byte}，看起来是 GBK/GB18030）；请另存为 UTF-8，例如：iconv -f GB18030 -t UTF-8 原文件.yaml > 新文件.yaml，或在记事本/WPS 中“另存为”时选择 UTF-8", "the file is not UTF-8 (byte {byte} here; it looks like GBK/GB18030); convert it, e.g. iconv -f GB18030 -t UTF-8 old.yaml > new.yaml"),
    "not-utf8": Message("文件不是 UTF-8 编码（此处字节 {byte} 无法解码）；请另存为 UTF-8", "the file is not UTF-8 (byte {byte} here cannot be decoded); save it as UTF-8"),
    "multi-doc": Message("一个文件只能有一个文档；请把“---”之后的内容移到另一个文件", "a file holds one document only; move what follows '---' to another file"),
    "complex-key": Message("键必须是简单文本，不能是列表或映射", "a key must be plain text, not a list or mapping"),
    "unknown-anchor": Message("引用了未定义的锚点 *{anchor}；请先在前面用“&{anchor}”定义它，如果 * 是文字的一部分，请给整个值加引号",
                       "alias *{anchor} refers to an undefined anchor; define &{anchor} before it, or quote the value if the * is text"),
    "bad-merge": Message("合并键 << 只能引用映射", "the merge key << can only merge mappings"),
    "generic": Message("无法读取 YAML，文件内容不是有效的 YAML", "cannot read YAML ({problem})"),
}

# What PyYAML's and libyaml's messages mean, in words for the people who write the
# files: (test, Chinese, English).  The two parsers word the same mistake differently
# (`expected <block end>` and `did not find expected key`), so each explanation lists
# both; the first test that matches wins.  A test sees the parser's problem and
# context texts, the character where it stopped and whether that character begins
# its line.


class _Said(NamedTuple):
    """Where a parser stopped and what it said there."""

    problem: str
    context: str
    char: str
    line_start: bool


_Test = Callable[[_Said], bool]
_EXPLANATIONS: tuple[tuple[_Test, Message], ...] = (
    (lambda said: "tab character" in said.problem or ("cannot start any token" in said.problem and said.char == "\t"),
     Message("这里有 Tab 字符；YAML 的缩进和分隔只能用空格，请把 Tab 换成空格",
             "a tab character here; YAML indents and separates with spaces only: replace the tab with spaces")),
    (lambda said: "cannot start any token" in said.problem,
     Message("值不能以“{char}”开头（YAML 保留了这个符号）；请给整个值加引号",
             "a value cannot begin with {char} (YAML reserves it); quote the whole value")),
    (lambda said: "directive" in said.context or "directive" in said.problem or "duplicate tag handle" in said.problem
     or "incompatible YAML document" in said.problem,
     Message("以“%”开头的行是 YAML 指令，目录文件不需要；请删除这一行，或给以 % 开头的值加引号",
             "a line beginning with % is a YAML directive, which catalog files do not need; remove it, or quote a value that begins with %")),
    (lambda said: "mapping values are not allowed" in said.problem,
     Message("这里不能出现“键: 值”：这一行比上一行多缩进了，或者值里含有“: ”却没有加引号；请对齐缩进，或给含冒号的值加引号",
             "a 'key: value' is not allowed here: the line is indented further than the one above, or a value contains ': ' "
             "without quotes; align the indentation, or quote the value")),
    (lambda said: "could not find expected ':'" in said.problem,
     Message("缺少冒号：这里的内容既不是“键: 值”，也不是列表项；请在键后加英文冒号和空格“: ”，如果它是上一行的值的延续，请缩进或给值加引号",
             "a colon is missing: this is neither 'key: value' nor a list item; add ': ' after the key, or indent it or quote "
             "the value if it continues the line above")),
    (lambda said: "block sequence entries are not allowed" in said.problem
     or "sequence entries are not allowed here" in said.problem,
     Message("列表项“- ”不能写在“键:”的同一行；请换行并缩进，或写成方括号列表 [项, 项]",
             "a list item '- ' cannot stand on the line of its key; start it on the next line, indented, or write [item, item]")),
    (lambda said: "block mapping" in said.context and said.char == "-",
     Message("这里出现了列表项“- ”，但上面是“键: 值”映射；列表项应写在某个键之下并缩进",
             "a list item '- ' here, but the lines above are 'key: value' pairs; put the list under a key, indented")),
    (lambda said: "block mapping" in said.context and said.line_start,
     Message("缩进不一致：这一行与上面同一层的键没有对齐；同一层的键必须从同一列开始",
             "inconsistent indentation: this line does not line up with the keys above it; keys of one mapping start in the same column")),
    (lambda said: "block mapping" in said.context,
     Message("这一行的值后面还有多余的内容（例如引号或括号之后又写了文字）；如果这些都是值的一部分，请把整个值放进引号里",
             "there is more on this line after its value (e.g. text after a closing quote or bracket); if it all belongs to the value, "
             "put the whole value in quotes")),
    (lambda said: "block collection" in said.context,
     Message("列表中出现了不对齐的内容：同一列表的各项“- ”必须从同一列开始，一层里不能混用“- ”和“键: 值”；请检查这一行的缩进",
             "this does not line up with the list above: the items '- ' of one list start in the same column, and a level "
             "cannot mix '- ' items with 'key: value'; check the indentation")),
    (lambda said: "flow sequence" in said.context,
     Message("方括号列表 [ ] 没有正确结束：缺少“]”，或两项之间缺少逗号；如果某一项含有冒号、括号等符号，请给这一项加引号",
             "a [ ] list is not closed properly: a ']' or a comma is missing; quote an item that contains a colon or brackets")),
    (lambda said: "flow mapping" in said.context,
     Message("花括号映射 { } 没有正确结束：缺少“}”，或两项之间缺少逗号；如果某个值含有冒号、括号等符号，请给它加引号",
             "a { } mapping is not closed properly: a '}' or a comma is missing; quote a value that contains a colon or brackets")),
    (lambda said: "node content" in said.problem,
     Message("这里缺少内容：例如方括号里多了逗号“[a, , b]”，或出现了没有配对的“]”“}”；请删去多余的符号，如果它们是文字，请给整个值加引号",
             "something is missing here: e.g. an extra comma as in [a, , b], or a ']' or '}' without its opening bracket; "
             "remove it, or quote the whole value if it is text")),
    (lambda said: "document start" in said.problem,
     Message("这里多出了无法接上的内容：上面的列表或映射已经结束（例如“]”“}”或引号之后还有文字，或顶层的缩进不一致）；请删去多余内容或调整缩进",
             "there is more here than the structure above allows: it has ended (e.g. text after ']', '}' or a closing quote, "
             "or inconsistent top-level indentation); remove the extra text or fix the indentation")),
    (lambda said: "escape" in said.problem or "hexdecimal" in said.problem or "hexadecimal" in said.problem,
     Message("双引号里的反斜杠“\\”开始了一个无效的转义；请改用单引号，或把反斜杠写成“\\\\”",
             "a backslash in double quotes starts an invalid escape; use single quotes, or write the backslash as \\\\")),
    (lambda said: "quoted scalar" in said.context and "document" in said.problem,
     Message("引号没有闭合：在“---”或“...”之前没有找到配对的引号；请补上引号",
             "a quote is not closed before '---' or '...'; add the closing quote")),
    (lambda said: "quoted scalar" in said.context,
     Message("引号没有闭合：直到文件结尾也没有找到配对的引号；请补上引号",
             "a quote is not closed by the end of the file; add the closing quote")),
    (lambda said: "end of stream" in said.problem,
     Message("文件意外结束：引号或括号没有闭合；请补上",
             "the file ends too early: a quote or bracket is not closed; close it")),
    (lambda said: "undefined alias" in said.problem,
     Message("引用了未定义的锚点：“*名称”之前要先用“&名称”定义；如果 * 是文字的一部分，请给整个值加引号",
             "an alias refers to an undefined anchor: define '&name' before using '*name', or quote the value if the * is text")),
    (lambda said: "anchor" in said.context or "alias" in said.context,
     Message("“&”或“*”后面应紧跟锚点名称；如果 & 或 * 是文字的一部分，请给整个值加引号",
             "& or * must be followed by an anchor name; quote the whole value if the & or * is part of the text")),
    (lambda said: "tag" in said.context or "tag handle" in said.problem,
     Message("以“!”开头的值会被当作 YAML 类型标签；如果“!”是文字的一部分，请给整个值加引号",
             "a value beginning with ! is read as a YAML type tag; quote the whole value if the ! is part of the text")),
    (lambda said: "block scalar" in said.context,
     Message("“|”或“>”之后只能写缩进数字（1-9）或“+”“-”，文字要从下一行开始并缩进；否则请给值加引号",
             "after | or > only an indentation digit (1-9) or + or - may follow, and the text starts on the next line, "
             "indented; otherwise quote the value")),
    (lambda said: "unexpected ':'" in said.problem,
     Message("这里不应出现冒号；如果冒号是文字的一部分，请给整个值加引号",
             "a colon is not allowed here; quote the whole value if the colon is part of the text")),
)
_UNKNOWN = Message("这里的内容无法按 YAML 读取；请检查这一行和上一行的缩进、冒号“: ”、引号和括号是否配对",
                    "this cannot be read as YAML; check the indentation, colons, quotes and brackets of this line and the one above")


def explain(problem: str, context: str, char: str = "", line_start: bool = False) -> Message | None:
    """What a parser's complaint means and how to fix it, in both languages; None if unknown."""
    said = _Said(problem, context, char, line_start)
    for test, explanation in _EXPLANATIONS:
        if test(said):
            return Message(explanation.zh.replace("{char}", char), explanation.en.replace("{char}", char))
    return None


def enrich(key: str, args: dict[str, Any]) -> dict[str, Any]:
    if key != "syntax":
        return args
    problem = str(args.get("problem", ""))
    context = str(args.get("context", ""))
    known = explain(problem, context, str(args.get("char", "")), bool(args.get("line_start")))
    explanation = known or _UNKNOWN
    # One language per run: the parser's own words only in English, and only when no
    # explanation fits, so that they can still be looked up.
    raw = "; ".join(text for text in (problem, context) if text)
    opened = args.get("opened")
    return {**args, "explain_zh": explanation.zh, "explain_en": explanation.en,
            "raw_en": f" (parser: {raw})" if known is None and raw else "",
            "opened_zh": f"（相关结构从第 {opened[0]} 行第 {opened[1]} 列开始）" if opened else "",
            "opened_en": f" (it began at line {opened[0]} column {opened[1]})" if opened else ""}


RULE = RuleSpec(
    id=ID,
    level=Level.ERROR,
    scope=Scope.LOAD,
    summary=Message("文件不是有效的 YAML，或不是 UTF-8 编码", "the file is not valid YAML, or not UTF-8"),
    source=Message("YAML 1.1；UTF-8", "YAML 1.1; UTF-8"),
    doc=documentation(DOC_ZH, __doc__),
    messages=MESSAGES,
    fixed_level=True,  # a file that was not read whole cannot pass
    enrich=enrich,
)
