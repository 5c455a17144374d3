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

from catalogtool.problems import Finding, Level, Message
from catalogtool.rules.context import DocContext
from catalogtool.rules.options import TEXT_LIST, RuleOption

ID = "top-category"
LEVEL = Level.WARNING
SCOPE = "document"
KINDS = ("purchase-catalog",)
SOURCE = "财政部令第102号《政府购买服务管理办法》第九条"
SUMMARY = Message("一级目录不是“公共服务”或“政府履职所需辅助性服务”", "a level-1 category other than the two of Ministry of Finance Decree No. 102, Article 9")
ALLOWED = ("公共服务", "政府履职所需辅助性服务")
MESSAGES = {
    "name": Message("一级目录“{name}”不是财政部令第102号第九条规定的“公共服务”或“政府履职所需辅助性服务”",
             "level-1 category {name} is neither 公共服务 nor 政府履职所需辅助性服务 (财政部令第102号 Art. 9)"),
    "configured": Message("一级目录“{name}”不在本仓库配置允许的一级目录（{allowed}）之中",
                   "level-1 category {name} is not one of those the configuration allows ({allowed_en})"),
}
OPTIONS = (
    RuleOption("allowed", TEXT_LIST, (), Message(
        "允许的一级目录名称，代替第九条的“公共服务”“政府履职所需辅助性服务”；不设置或为空时按第九条检查",
        "the level-1 category names allowed instead of the two of Art. 9; when unset or empty, Art. 9 applies")),
)


def check(ctx: DocContext) -> Iterator[Finding]:
    configured = [str(n) for n in ctx.options.get("allowed") or ()]
    allowed = set(configured or ALLOWED)
    # With `allowed` set, the names come from the repository, not from 第九条: say so.
    key, extra = ("configured", {"allowed": "、".join(configured), "allowed_en": ", ".join(configured)}) if configured else ("name", {})
    for node in ctx.nodes:
        if node.depth == 1 and isinstance(node.name, str) and node.name.strip() not in allowed:
            yield Finding(ID, key, f"{node.pointer}/name", {"name": ctx.written(f"{node.pointer}/name"), **extra})
