"""`catalogtool rules [ID]`: every rule with its default level, one line and policy source."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Annotated

import typer

from catalogtool.cli.options import LangOption, fail, resolve_lang
from catalogtool.errors import CatalogToolError
from catalogtool.problems import Message

if TYPE_CHECKING:
    from catalogtool.rules.spec import RuleSpec


def _complete_rule_id(incomplete: str) -> list[tuple[str, str]]:
    """The rule ids a shell offers on Tab; imported only while a shell asks."""
    from catalogtool.cli.completion import complete_rule_id

    return complete_rule_id(incomplete)


def rules_command(
    rule_id: Annotated[str | None, typer.Argument(help="只显示这一条规则的完整说明（含正反示例）。", show_default=False,
                                                  autocompletion=_complete_rule_id)] = None,
    output_format: Annotated[str, typer.Option("--format", "-f", metavar="格式", help="输出格式：text、json 或 markdown。")] = "text",
    lang: LangOption = None,
) -> None:
    """列出全部规则：编号、默认级别、说明和政策依据。"""
    from catalogtool.reporters.levels import level_name
    from catalogtool.rules import RULES

    language = resolve_lang(lang)
    if rule_id is not None:
        rule = RULES.get(rule_id)
        if rule is None:
            fail(CatalogToolError(Message(f"没有规则 {rule_id}；用 catalogtool rules 查看全部", f"no rule {rule_id}; run catalogtool rules")), language)
        source = rule.source.text(language)
        print(f"{rule.id}  ({level_name(rule.level, language)})")
        print(rule.summary.text(language))
        print(f"Source: {source}" if language == "en" else f"依据：{source}")
        print()
        print(rule.doc.text(language))
        _print_options(rule, language)
        return
    rows = [(r.id, r.level, r.summary.text(language), r.source.text(language)) for r in RULES.values()]
    if output_format == "json":
        json.dump([{"id": i, "level": lv.value, "summary": s, "source": src} for i, lv, s, src in rows],
                  sys.stdout, ensure_ascii=False, indent=2)
        print()
    elif output_format == "markdown":
        head = "| id | level | what it finds | source |" if language == "en" else "| 规则 | 默认级别 | 查什么 | 依据 |"
        print(head)
        print("|---|---|---|---|")
        for i, lv, s, src in rows:
            print(f"| `{i}` | {level_name(lv, language)} | {s} | {src} |")
    elif output_format == "text":
        width = max(len(i) for i, *_ in rows)
        for i, lv, s, src in rows:
            print(f"{i.ljust(width)}  {level_name(lv, language):<7}  {s}  " + (f"[{src}]" if language == "en" else f"〔{src}〕"))
    else:
        fail(CatalogToolError(Message(f"--format 只能是 text、json 或 markdown，而不是 {output_format}",
                              f"--format must be text, json or markdown, not {output_format}")), language)


def _print_options(rule: RuleSpec, language: str) -> None:
    """The options the rule declares, as they are set in catalogtool.yaml."""
    from catalogtool.rules.options import show_default

    print()
    if not rule.options:
        print(f"Options: none; only the level can be set (rules: {{{rule.id}: warning}})" if language == "en"
              else f"选项：无；只能设置级别（rules: {{{rule.id}: warning}}）")
        return
    print(f"Options (in catalogtool.yaml: rules: {{{rule.id}: {{level: ..., OPTION: VALUE}}}}):" if language == "en"
          else f"选项（在 catalogtool.yaml 中写作 rules: {{{rule.id}: {{level: ..., 选项: 值}}}}）：")
    for option in rule.options:
        kind, default = ("type: ", "default: ") if language == "en" else ("类型：", "默认：")
        print(f"  {option.name}")
        print(f"      {kind}{option.type.name.text(language)}")
        print(f"      {default}{show_default(option.default)}")
        print(f"      {option.help.text(language)}")
