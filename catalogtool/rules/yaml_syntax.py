"""The file is not valid YAML, or not UTF-8 text.

Why: a file that cannot be read cannot be checked, diffed or printed; the position
lets the author find the slip at once.  Source: YAML 1.1 / UTF-8 (FORMAT.md §1).

Good::

    name: 养老服务

Bad (a tab for indentation, an unclosed bracket, a GBK-encoded file)::

    providers: [社会组织, 企业
"""

from __future__ import annotations

from typing import Any

from catalogtool.problems import Level, Message

ID = "yaml-syntax"
LEVEL = Level.ERROR
SCOPE = "load"
# A file that was not read whole cannot pass: configuration may not lower this level.
FIXED_LEVEL = True
SOURCE = "YAML 1.1；UTF-8"
SUMMARY = Message("文件不是有效的 YAML，或不是 UTF-8 编码", "the file is not valid YAML, or not UTF-8")
MESSAGES = {
    "fullwidth-colon": ("第 {line} 行用了中文冒号“：”，YAML 需要英文冒号加空格“: ”；请改为“{fixed}”",
                        "line {line} uses a full-width colon (：); YAML needs an ASCII colon and a space: {fixed}"),
    "syntax": ("YAML 语法错误：{problem_zh}{opened_zh}", "YAML syntax error: {problem}{context_en}{opened_en}"),
    "bad-char": ("含有不允许的字符 {char}（常见于从网页或 Word 复制的文本），请删除", "contains the disallowed character {char} (often pasted from a web page or Word); remove it"),
    "utf16": ("文件是 {encoding} 编码，请另存为 UTF-8（在记事本或 WPS 中“另存为”时选择 UTF-8）", "the file is {encoding}-encoded; save it as UTF-8"),
    "gbk": ("文件不是 UTF-8 编码（此处字节 {byte}，看起来是 GBK/GB18030）；请另存为 UTF-8，例如：iconv -f GB18030 -t UTF-8 原文件.yaml > 新文件.yaml，或在记事本/WPS 中“另存为”时选择 UTF-8", "the file is not UTF-8 (byte {byte} here; it looks like GBK/GB18030); convert it, e.g. iconv -f GB18030 -t UTF-8 old.yaml > new.yaml"),
    "not-utf8": ("文件不是 UTF-8 编码（此处字节 {byte} 无法解码）；请另存为 UTF-8", "the file is not UTF-8 (byte {byte} here cannot be decoded); save it as UTF-8"),
    "multi-doc": ("一个文件只能有一个文档；请把“---”之后的内容移到另一个文件", "a file holds one document only; move what follows '---' to another file"),
    "complex-key": ("键必须是简单文本，不能是列表或映射", "a key must be plain text, not a list or mapping"),
    "unknown-anchor": ("引用了未定义的锚点 *{anchor}", "alias *{anchor} refers to an undefined anchor"),
    "bad-merge": ("合并键 << 只能引用映射", "the merge key << can only merge mappings"),
    "generic": ("无法读取 YAML：{problem}", "cannot read YAML: {problem}"),
}

# PyYAML's and libyaml's wording of the common mistakes, in plain Chinese.
_PHRASES = (
    ("cannot start any token", "此处有不能出现的字符（常见原因：用了 Tab 缩进，请改用空格）"),
    ("mapping values are not allowed", "此处不能出现“键: 值”（常见原因：冒号后缺少空格，或缩进不对齐，或值中含有“: ”而未加引号）"),
    ("did not find expected key", "缩进不一致，或上一行的引号、括号没有闭合"),
    ("did not find expected ',' or ']'", "方括号列表没有闭合，缺少“]”或逗号"),
    ("expected ',' or ']'", "方括号列表没有闭合，缺少“]”或逗号"),
    ("did not find expected ',' or '}'", "花括号映射没有闭合，缺少“}”或逗号"),
    ("expected ',' or '}'", "花括号映射没有闭合，缺少“}”或逗号"),
    ("found unexpected end of stream", "文件意外结束（引号或括号没有闭合）"),
    ("could not find expected ':'", "缺少冒号“:”，或上一行的引号没有闭合"),
    ("found undefined alias", "引用了未定义的锚点"),
    ("found unknown escape character", "双引号字符串中有无效的转义（反斜杠 \\）；改用单引号或写成 \\\\"),
    ("block sequence entries are not allowed", "此处不能开始列表项“- ”（缩进不对）"),
    ("expected <block end>", "缩进不一致：这一行与上面的层级对不齐"),
    ("did not find expected <document start>", "文档结构有误（缩进不一致）"),
    ("did not find expected '-' indicator", "列表项缩进不一致"),
    ("found a tab character", "用了 Tab 缩进，请改用空格"),
    ("found duplicate anchor", "锚点名称重复"),
    ("found character that cannot start any token", "此处有不能出现的字符"),
    ("did not find expected node content", "此处缺少内容（例如“- ”后面是空的，或方括号、花括号里多了逗号）"),
    ("while scanning a simple key", "键的写法有误：键后面应有英文冒号和空格“: ”"),
    ("found unexpected ':'", "此处不应出现冒号；如果冒号是文字的一部分，请给整个值加引号"),
    ("expected alphabetic or numeric character", "锚点或别名（& 或 *）后面应紧跟名称；如果 & 或 * 是文字，请给整个值加引号"),
    ("found undefined tag handle", "不认识的标签（以 ! 开头）；如果 ! 是文字，请给整个值加引号"),
    ("expected a comment or a line break", "这一行在值之后还有多余内容；如果是文字，请给整个值加引号"),
    ("found a document separator", "此处不能出现“---”或“...”"),
    ("unexpected end of stream", "文件意外结束（引号或括号没有闭合）"),
)


def enrich(key: str, args: dict[str, Any]) -> dict[str, Any]:
    if key != "syntax":
        return args
    problem = str(args.get("problem", ""))
    zh = next((text for phrase, text in _PHRASES if phrase in problem), None)
    context = str(args.get("context", ""))
    opened = args.get("opened")
    return {**args, "problem_zh": zh or f"{problem}（YAML 解析器原文）",
            "context_en": f" ({context})" if context else "",
            "opened_zh": f"（相关结构从第 {opened[0]} 行第 {opened[1]} 列开始）" if opened else "",
            "opened_en": f", which started at line {opened[0]} column {opened[1]}" if opened else ""}
