"""Explicit YAML tags are valid YAML: read as written, reported as types the documents do not use."""

from __future__ import annotations

import json
import re

import pytest
from test_loader import both, rules_of
from typer.testing import CliRunner

from catalogtool.cli.main import app
from catalogtool.placement import render_message

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.mark.parametrize(("written", "key", "data", "zh"), [
    ("!!set {社会组织, 企业}", "tag-type", {"社会组织": None, "企业": None}, "YAML 类型 !!set 在目录文件中不使用；请删除“!!set”，写成普通列表"),
    ("!!binary 5rWL6K+V", "tag-type", "5rWL6K+V", "YAML 类型 !!binary 在目录文件中不使用；请删除“!!binary”，写成普通文本"),
    ("!!omap [a: 1, b: 2]", "tag-type", [{"a": 1}, {"b": 2}], "写成普通映射（键: 值）"),
    ("!!pairs [a: 1]", "tag-type", [{"a": 1}], "YAML 类型 !!pairs 在目录文件中不使用"),
    ("!!timestamp [2025-01-10]", "tag-kind", ["2025-01-10"], "YAML 类型 !!timestamp 不能用于列表"),
    ("!!str {a: b}", "tag-kind", {"a": "b"}, "YAML 类型 !!str 不能用于映射"),
    ("!!seq 养老", "tag-kind", "养老", "YAML 类型 !!seq 不能用于文本值"),
    ("!foo 养老", "tag-local", "养老", "“!foo”是自定义的 YAML 标签"),
    ("!foo [养老]", "tag-local", ["养老"], "“!foo”是自定义的 YAML 标签"),
    ("!<tag:example.com,2024:x> 养老", "tag-local", "养老", "“!<tag:example.com,2024:x>”是自定义的 YAML 标签"),
    ("!!python/object:os.system 养老", "tag-local", "养老", "“!!python/object:os.system”是自定义的 YAML 标签"),
])
def test_unused_tags_are_types_not_syntax(written, key, data, zh):
    doc = both(f"kind: x\nvalue: {written}\n".encode())
    assert doc.data == {"kind": "x", "value": data}
    [finding] = doc.findings
    assert (finding.rule, finding.key, finding.line, finding.column) == ("implicit-type", key, 2, 8)
    assert finding.pointer == "/value"
    message = render_message(finding)
    assert zh in message.zh
    assert not CJK.search(message.en)


@pytest.mark.parametrize(("written", "zh", "en"), [
    ("!!bool 2", "“2”不是布尔值，不能标为 YAML 类型 !!bool；请删除“!!bool”；布尔值只能写 true 或 false",
     "2 is not a boolean, so it cannot be tagged !!bool"),
    ("!!bool 是", "“是”不是布尔值", "is not a boolean"),
    ("!!int one", "“one”不是整数", "one is not an integer"),
    ("!!int 0b2", "“0b2”不是整数", "0b2 is not an integer"),
    ("!!float abc", "“abc”不是数字", "abc is not a number"),
    ("!!null 3", "“3”不是空值", "3 is not null"),
    ("!!timestamp 2025年", "“2025年”不是日期或时间，不能标为 YAML 类型 !!timestamp", "is not a date or time"),
])
def test_a_tag_on_a_value_not_of_its_type_is_a_clear_problem(written, zh, en):
    doc = both(f"value: {written}\n".encode())
    assert doc.data == {"value": written.split(" ", 1)[1]}
    assert rules_of(doc) == [("implicit-type", "tag-value")]
    message = render_message(doc.findings[0])
    assert zh in message.zh
    assert en in message.en


@pytest.mark.parametrize(("written", "value"), [
    ("!!int 5", 5),
    ("!!int 0x1A", 26),
    ("!!float 1", 1.0),
    ("!!bool true", True),
    ("!!bool NO", False),
    ("!!null ~", None),
    ("!!null", None),
    ("!!str 0101", "0101"),
    ("!!timestamp 2025-01-10", "2025-01-10"),
    ("! 0101", "0101"),
    ("!!seq [a]", ["a"]),
    ("!!map {a: b}", {"a": "b"}),
])
def test_tags_that_fit_their_values_are_read_silently(written, value):
    doc = both(f"value: {written}\n".encode())
    assert doc.findings == []
    assert doc.data == {"value": value}
    assert doc.implicit == {}


def test_bare_equals_and_merge_signs_are_kept_as_text():
    doc = both(b"a: =\nb: <<\n")
    assert doc.data == {"a": "=", "b": "<<"}
    assert doc.findings == []
    assert {p: i.tag for p, i in doc.implicit.items()} == {"/a": "value", "/b": "merge"}


def _catalog(providers: str, township: str = "true") -> str:
    return f"""kind: purchase-catalog
schema: 1
title: 测试目录
region: {{code: "441803", name: 清远市清新区}}
year: 2025
issuer: 清远市清新区财政局
categories:
  - code: A
    name: 公共服务
    children:
      - code: A01
        name: 基本养老服务
        children:
          - code: A0101
            name: 居家养老上门服务
            content: 为老年人提供居家上门照料服务
            township: {township}
            providers: {providers}
"""


@pytest.mark.parametrize(("providers", "township"), [
    ("!!set {社会组织, 企业}", "true"),
    ("[社会组织, 企业]", "!!bool 2"),
    ("!!binary 5rWL6K+V", "!!null 3"),
])
def test_validate_reports_tags_without_an_internal_error(tmp_path, providers, township):
    (tmp_path / "catalog.yaml").write_text(_catalog(providers, township), encoding="utf-8")
    for lang in ("zh", "en"):
        result = CliRunner().invoke(app, ["validate", str(tmp_path / "catalog.yaml"), "--format", "json", "--lang", lang])
        assert result.exit_code == 1, result.stderr
        rules = {p["rule"] for p in json.loads(result.stdout)["problems"]}
        assert "implicit-type" in rules
        assert "yaml-syntax" not in rules
