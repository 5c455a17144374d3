"""A level-1 category other than 公共服务 and 政府履职所需辅助性服务.

Why: since 财政部令第102号 (2020) 第九条 there are exactly these two level-1
categories; older catalogs had five to seven (基本公共服务事项、社会事务服务事项 ...),
and carrying them over is the commonest leftover of an old edition.  Option:
`allowed` (the list of names allowed instead) for a repository that must keep another scheme.

Good::

    - {code: A, name: 公共服务, children: [...]}
    - {code: B, name: 政府履职所需辅助性服务, children: [...]}

Bad::

    - {code: C, name: 社会事务服务事项, children: [...]}
"""

from __future__ import annotations

from collections.abc import Iterator

from catalogtool.kinds import CATALOG
from catalogtool.problems import Finding, Level, Message
from catalogtool.rules.context import DocContext
from catalogtool.rules.options import TEXT_LIST, RuleOption
from catalogtool.rules.spec import RuleSpec, Scope, documentation

DOC_ZH = """一级目录不是“公共服务”或“政府履职所需辅助性服务”。

原因：《政府购买服务管理办法》（财政部令第102号，2020 年）第九条规定一级目录只有这两类；
旧目录有五到七类（基本公共服务事项、社会事务服务事项……），沿用旧目录是新版中最常见的遗留问题。
选项：`allowed`（允许的一级目录名称），供必须沿用其他分类的仓库使用。

正确示例：

    - {code: A, name: 公共服务, children: [...]}
    - {code: B, name: 政府履职所需辅助性服务, children: [...]}

错误示例：

    - {code: C, name: 社会事务服务事项, children: [...]}
"""

ID = "top-category"
ALLOWED = ("公共服务", "政府履职所需辅助性服务")
MESSAGES = {
    "name": Message("一级目录“{name}”不是财政部令第102号第九条规定的“公共服务”或“政府履职所需辅助性服务”",
             "level-1 category {name} is neither 公共服务 nor 政府履职所需辅助性服务 (财政部令第102号 Art. 9)"),
    "configured": Message("一级目录“{name}”不在本仓库配置允许的一级目录（{allowed}）之中",
                   "level-1 category {name} is not one of those the configuration allows ({allowed_en})"),
}


def check(ctx: DocContext) -> Iterator[Finding]:
    configured = [str(n) for n in ctx.options.get("allowed") or ()]
    allowed = set(configured or ALLOWED)
    # With `allowed` set, the names come from the repository, not from 第九条: say so.
    key, extra = ("configured", {"allowed": "、".join(configured), "allowed_en": ", ".join(configured)}) if configured else ("name", {})
    for entry in ctx.entries:
        if entry.depth == 1 and isinstance(entry.name, str) and entry.name.strip() not in allowed:
            yield Finding(ID, key, f"{entry.pointer}/name", {"name": ctx.written(f"{entry.pointer}/name"), **extra})


RULE = RuleSpec(
    id=ID,
    level=Level.WARNING,
    scope=Scope.DOCUMENT,
    kinds=(CATALOG,),
    summary=Message("一级目录不是“公共服务”或“政府履职所需辅助性服务”", "a level-1 category other than the two of Ministry of Finance Decree No. 102, Article 9"),
    source=Message(
        "财政部令第102号《政府购买服务管理办法》第九条",
        "Measures for the Administration of Government Purchase of Services (Ministry of Finance Decree "
        "No. 102), Article 9"),
    doc=documentation(DOC_ZH, __doc__),
    messages=MESSAGES,
    options=(
        RuleOption("allowed", TEXT_LIST, (), Message(
            "允许的一级目录名称，代替第九条的“公共服务”“政府履职所需辅助性服务”；不设置或为空时按第九条检查",
            "the level-1 category names allowed instead of the two of Art. 9; when unset or empty, Art. 9 applies")),
    ),
    check=check,
)
