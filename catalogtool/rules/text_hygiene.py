"""Control or zero-width characters, leading or trailing spaces, and junk pasted from web pages
(`&nbsp;`, `<br>`, `[编辑]`, `[1]`, `点击查看更多>>`, `返回顶部`, anti-scraping watermarks,
non-breaking spaces, line separators U+2028/U+2029, U+FFFD) in any text value.

Why: these characters are invisible on screen or meaningless on paper, but they break
matching, sorting and printing, make two equal names differ, and end up in the
published catalog.  Forum and portal pages insert watermarks (short runs of random
letters, digits and symbols) between the characters of a text to spoil copying;
mixed text such as `GB/T 2260`, `ISO 9001`, `12345热线`, `A0101`, `Wi-Fi` or `≥95%`
is not taken for one.

Good::

    name: 养老服务
    content: 按 GB/T 2260 编码，开通 12345热线 和 Wi-Fi 服务

Bad::

    name: "养老服务\u200b"     # a zero-width space at the end
    content: 助餐服务&nbsp;助浴服务
    content: 为老年人提供助餐服务8 m( r+ ~8 r/ b6 Q' H) N     # an anti-scraping watermark
    content: 为老年人提供助餐服务[1]点击查看更多>>              # a footnote mark and a link
"""

from __future__ import annotations

from collections.abc import Iterator

from catalogtool.problems import Finding, Level, Message
from catalogtool.rules.context import DocContext
from catalogtool.rules.spec import RuleSpec, Scope, documentation
from catalogtool.textnorm import HygieneIssue, all_clean, hygiene_issues

DOC_ZH = """文本中有控制字符、零宽字符、首尾空格，或从网页粘贴带来的残留（`&nbsp;`、`<br>`、`[编辑]`、`[1]`、
`点击查看更多>>`、`返回顶部`、防采集水印、不换行空格、行分隔符 U+2028/U+2029、U+FFFD）。

原因：这些字符在屏幕上看不见，或者印在纸上毫无意义，却会妨碍匹配、排序和打印，让两个本来相同的名称
变得不同，最后还会出现在公布的目录里。论坛和门户网站会在文字之间插入水印（由随机的字母、数字和符号
组成的短串），防止别人复制；`GB/T 2260`、`ISO 9001`、`12345热线`、`A0101`、`Wi-Fi`、`≥95%`
这类中文、字母、数字混排的正常文字不会被当作水印。

正确示例：

    name: 养老服务
    content: 按 GB/T 2260 编码，开通 12345热线 和 Wi-Fi 服务

错误示例：

    name: "养老服务​"     # 末尾有一个零宽空格
    content: 助餐服务&nbsp;助浴服务
    content: 为老年人提供助餐服务8 m( r+ ~8 r/ b6 Q' H) N     # 防采集水印
    content: 为老年人提供助餐服务[1]点击查看更多>>              # 注释编号和网页链接
"""

ID = "text-hygiene"
_SHOW_TEXT = frozenset({"html", "web-leftover", "watermark"})
MESSAGES = {
    "control": Message("第 {position} 个字符是控制字符 {detail}，请删除", "character {position} is the control character {detail}; remove it"),
    "bidi": Message("第 {position} 个字符是看不见的文字方向控制字符 {detail}，会使显示顺序与实际内容不一致，请删除",
             "character {position} is an invisible text-direction control {detail} that makes the text display out of order; remove it"),
    "zero-width": Message("第 {position} 个字符是看不见的零宽字符 {detail}，请删除", "character {position} is an invisible zero-width character {detail}; remove it"),
    "nbsp": Message("第 {position} 个字符是不间断空格 {detail}（网页复制残留），请改为普通空格或删除", "character {position} is a non-breaking space {detail}; use a normal space or remove it"),
    "leading-space": Message("文本开头有多余空格", "the text starts with a space"),
    "trailing-space": Message("文本末尾有多余空格", "the text ends with a space"),
    "line-separator": Message("第 {position} 个字符是 Unicode 行分隔符或段分隔符 {detail}，多数软件不把它显示为换行，请改为普通换行或删除",
                       "character {position} is the Unicode line or paragraph separator {detail}, which most software does not show as a line break; use a normal line break"),
    "html": Message("含有网页残留 {detail}，请删除或改为普通文字", "contains web-page residue {detail}; remove it"),
    "web-leftover": Message("含有从网页复制带入的“{detail}”（网页上的链接、按钮或注释编号），请删除",
                     "contains {detail}, a link, button or footnote mark copied from a web page; remove it"),
    "watermark": Message("含有疑似网页防采集水印“{detail}”（夹在文字中间的一串无意义的字母、数字和符号），请删除",
                  "contains what looks like an anti-scraping watermark of a web page, {detail} (meaningless letters, digits and symbols inside the text); remove it"),
    "replacement": Message("第 {position} 个字符是乱码替换符 {detail}，说明文本曾以错误的编码转换，请核对原文", "character {position} is the replacement character {detail}: the text was converted with a wrong encoding"),
    "private-use": Message("第 {position} 个字符 {detail} 是私用区字符，其他电脑可能无法显示", "character {position} {detail} is a private-use character other computers may not show"),
}


def check(ctx: DocContext) -> Iterator[Finding]:
    # Almost every document is clean: look at all its distinct texts in one search, then at
    # each (without pointers), and walk the document with pointers only when one of them has
    # something to say.
    texts = ctx.distinct_texts
    if all_clean(texts) or not any(_reported(hygiene_issues(value)) for value in texts):
        return
    clean: set[str] = set()  # the same text recurs in many items (levels, titles, departments)
    for pointer, value in ctx.text_values:
        if value in clean:
            continue
        issues = hygiene_issues(value)
        if not issues:
            clean.add(value)
            continue
        reported: set[str] = set()
        for issue in issues:
            if issue.kind in reported or issue.kind not in MESSAGES:
                continue
            if issue.kind == "trailing-space" and not issue.char.strip("\n"):
                continue  # the line break that ends a block scalar (`|` or `>`) is not a stray space
            reported.add(issue.kind)
            # For pasted fragments show what was pasted (`&nbsp;`, `<br>`, `[编辑]`), not just "entity" or "tag".
            detail = issue.char if issue.kind in _SHOW_TEXT else issue.detail
            yield Finding(ID, issue.kind, pointer, {"position": issue.index + 1, "detail": detail})


def _reported(issues: list[HygieneIssue]) -> bool:
    """Whether check reports any of these issues (the same tests as its loop)."""
    return any(issue.kind in MESSAGES and (issue.kind != "trailing-space" or bool(issue.char.strip("\n")))
               for issue in issues)


RULE = RuleSpec(
    id=ID,
    level=Level.WARNING,
    scope=Scope.DOCUMENT,
    summary=Message("文本含控制字符、零宽字符、首尾空格、网页残留或防采集水印", "control or zero-width characters, stray spaces, junk and watermarks pasted from web pages"),
    source=Message(
        "实践：从政府网站、百科、Word 和 PDF 复制的文本常带入不可见字符、网页元素和防采集水印",
        "practice: text copied from government websites, online encyclopedias, Word and PDF often brings "
        "invisible characters, web-page elements and anti-scraping watermarks with it"),
    doc=documentation(DOC_ZH, __doc__),
    messages=MESSAGES,
    check=check,
)
