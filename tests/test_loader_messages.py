"""Syntax errors speak the run's language: what is wrong and how to fix it, never the parser's words."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from catalogtool.cli.main import app
from catalogtool.loader import load_bytes
from catalogtool.placement import render_message
from catalogtool.problems import Finding

# Words of PyYAML's and libyaml's own messages ("while parsing a block mapping ...
# expected <block end>, but found '<scalar>'").
PARSER_WORDS = re.compile(r"\b(expected|found|while|parsing|scanning|token|context|block end|stream)\b")
CJK = re.compile(r"[\u4e00-\u9fff]")

# Common slips, what the Chinese message must say, and what the English one must say.
MISTAKES = {
    "tab": ("kind: x\nregion:\n\tcode: \"441803\"\n", "请把 Tab 换成空格", "replace the tab with spaces"),
    "colon in a value": ("kind: x\ntitle: 说明: 第二部分\n", "给含冒号的值加引号", "quote the value"),
    "key dedented": ("kind: x\nregion:\n    code: \"441803\"\n  name: 清新区\n", "缩进不一致", "inconsistent indentation"),
    "key indented": ("kind: x\nregion:\n  code: \"441803\"\n    name: 清新区\n", "缩进不一致", "inconsistent indentation"),
    "list item in a mapping": ("kind: x\ntitle: 目录\n- 养老服务\n", "这里出现了列表项", "put the list under a key"),
    "text after a quote": ("kind: x\ntitle: \"目录\" 2025\n", "请把整个值放进引号里", "put the whole value in quotes"),
    "missing colon": ("kind: x\ntitle 目录\nyear: 2025\n", "缺少冒号", "a colon is missing"),
    "unclosed quote": ("kind: x\ntitle: \"目录\nyear: 2025\n", "引号没有闭合", "a quote is not closed"),
    "reserved character": ("kind: x\nnotes: @某某\n", "值不能以“@”开头", "a value cannot begin with @"),
    "item on its key's line": ("kind: x\nproviders: - 社会组织\n", "不能写在“键:”的同一行", "cannot stand on the line of its key"),
    "unclosed bracket": ("kind: x\nproviders: [社会组织, 企业\nyear: 2025\n", "方括号列表 [ ] 没有正确结束", "a [ ] list is not closed"),
    "unclosed brace": ("kind: x\nregion: {code: \"441803\"\nyear: 2025\n", "花括号映射 { } 没有正确结束", "a { } mapping is not closed"),
    "extra comma": ("kind: x\nproviders: [社会组织, , 企业]\n", "这里缺少内容", "something is missing here"),
    "misaligned list": ("- a\nb: 1\n", "列表中出现了不对齐的内容", "does not line up with the list above"),
    "ampersand": ("kind: x\nnotes: & 说明\n", "“&”或“*”后面应紧跟锚点名称", "must be followed by an anchor name"),
    "exclamation mark": ("kind: x\nnotes: !重要!说明 x\n", "会被当作 YAML 类型标签", "is read as a YAML type tag"),
    "block scalar": ("kind: x\nnotes: |说明\n  第二行\n", "“|”或“>”之后", "after | or >"),
    "directive": ("%YAML 2.0\n---\nkind: x\n", "YAML 指令", "YAML directive"),
    "text after a list": ("[kind, x] 目录\n", "这里多出了无法接上的内容", "more here than the structure above allows"),
}


@pytest.mark.parametrize("name", MISTAKES)
def test_both_parsers_explain_a_mistake_the_same_way_in_one_language(name):
    text, zh, en = MISTAKES[name]
    fast = load_bytes(text.encode(), "t.yaml")
    pure = load_bytes(text.encode(), "t.yaml", pure=True)
    [finding] = fast.findings
    [other] = pure.findings
    assert (finding.rule, finding.key) == ("yaml-syntax", "syntax")
    message, message_pure = render_message(finding), render_message(other)
    assert message == message_pure
    assert (finding.line, finding.column) == (other.line, other.column)
    assert zh in message.zh and not PARSER_WORDS.search(message.zh)
    assert en in message.en and not CJK.search(message.en)


def test_a_bad_escape_is_explained_by_both_parsers():
    # The parsers place it one column apart (libyaml at the backslash); the words agree.
    text = b"kind: x\nnotes: \"C:\\data\"\n"
    messages = {render_message(load_bytes(text, "t.yaml", pure=pure).findings[0]) for pure in (False, True)}
    [message] = messages
    assert "请改用单引号" in message.zh and "use single quotes" in message.en


@pytest.mark.parametrize(("problem", "context", "zh"), [
    ("found undefined alias 'x'", "while composing a node", "引用了未定义的锚点"),
    ("found unexpected ':'", "while scanning a plain scalar", "这里不应出现冒号"),
    ("found unexpected end of stream", "while scanning a plain scalar", "文件意外结束"),
])
def test_rarer_complaints_are_explained_too(problem, context, zh):
    message = render_message(Finding("yaml-syntax", "syntax", args={"problem": problem, "context": context},
                                     line=1, column=1))
    assert zh in message.zh and not PARSER_WORDS.search(message.zh)
    assert problem not in message.en


def test_an_unknown_complaint_falls_back_to_chinese_with_its_position():
    finding = Finding("yaml-syntax", "syntax", args={"problem": "found something new", "context": "while reading"},
                      line=3, column=5)
    message = render_message(finding)
    assert message.zh.startswith("YAML 语法错误：") and not PARSER_WORDS.search(message.zh)
    assert "(parser: found something new; while reading)" in message.en
    generic = render_message(Finding("yaml-syntax", "generic", args={"problem": "stream error"}, line=1, column=1))
    assert "stream error" not in generic.zh and "stream error" in generic.en


def test_a_broken_configuration_file_is_explained_in_chinese(tmp_path):
    (tmp_path / "catalogtool.yaml").write_text("rules:\n\tschema: error\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", str(tmp_path), "--config", str(tmp_path / "catalogtool.yaml")])
    assert result.exit_code == 2
    assert "请把 Tab 换成空格" in result.stderr
    assert not PARSER_WORDS.search(result.stderr)
