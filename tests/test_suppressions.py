"""Inline suppressions `# catalogtool: disable=RULE 理由`: what a comment covers, what it never
mistakes for a comment, run-wide rules, the results cache, and the summary.

The comments' own problems (no reason, unknown rule, unused) have their cases in
tests/rules/cases/suppression.yaml.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from catalogtool.cli.main import app
from catalogtool.comments import scan

HEAD = """kind: purchase-catalog
schema: 1
title: 测试目录
region: {code: "441803", name: 清远市清新区}
year: 2025
issuer: 清远市清新区财政局
categories:
  - code: A
    name: 公共服务
    children:
      - code: A01
        name: 基本养老服务
        children:
"""


def item(code: str, name: str, comment: str = "", basis_title: str = "社会救助暂行办法") -> str:
    return (f"          - code: {code}{'   ' + comment if comment else ''}\n"
            f"            name: {name}\n"
            "            content: 为老年人提供居家上门照料服务\n"
            "            township: true\n"
            "            providers: [社会组织]\n"
            "            basis:\n"
            f"              - {{level: 行政法规, title: \"{basis_title}\"}}\n")


def run(tmp_path: Path, files: dict[str, str], *args: str) -> tuple[int, dict[str, Any]]:
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", str(tmp_path), "--format", "json", "--jobs", "1", *args])
    assert result.exit_code in (0, 1), result.stderr
    return result.exit_code, json.loads(result.stdout)


def rules(data: dict[str, Any]) -> list[str]:
    return [p["rule"] for p in data["problems"]]


# ---------------------------------------------------------------- finding the comments

def test_only_real_comments_are_found() -> None:
    text = (
        'a: "x # catalogtool: disable=schema 引号里的文字"\n'
        "b: 'y # catalogtool: disable=schema 单引号里的文字'\n"
        "c: |\n"
        "  # catalogtool: disable=schema 块标量里的文字\n"
        "d: e#catalogtool:disable=schema\n"
        'f: "多行\n'
        '  # catalogtool: disable=schema 多行引号里的文字"\n'
        "g: h  # catalogtool: disable=schema,text-hygiene 真正的注释\n"
        "# catalogtool: disable=region-code 独占一行\n"
        "i: j\n"
    )
    found = scan(text)
    assert [(d.line, d.column, d.rules, d.reason, d.alone) for d in found] == [
        (8, 7, ("schema", "text-hygiene"), "真正的注释", False),
        (9, 1, ("region-code",), "独占一行", True),
    ]


@pytest.mark.parametrize("text", [
    "a: [1, 2  # catalogtool: disable=schema 没闭合\n",
    "a: 'x\n# catalogtool: disable=schema",
    "\t# catalogtool: disable=schema 制表符\n:",
    "# catalogtool:" * 10_000,
    "- " * 5_000 + "x # catalogtool: disable=schema 很深\n",
])
def test_hostile_text_never_fails(text: str) -> None:
    found = scan(text)
    assert isinstance(found, list)


_PIECES = st.sampled_from(["# catalogtool: disable=schema 理由", "#", "'", '"', "|", ">", "- ", ": ", "\n", "  ",
                           "\t", "a", "编码", "{", "}", "[", "]", "\\", "catalogtool:", "disable=", ",", "\r", "\x0c", "\u2028", "\x85"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=40))
def test_any_text_scans_without_failing_and_finds_comments_only_on_its_lines(pieces: list[str]) -> None:
    text = "".join(pieces)
    lines = re.split("\r\n|[\r\n\x85\u2028\u2029]", text)
    for d in scan(text):
        line = lines[d.line - 1]
        assert line[d.column - 1] == "#" and "catalogtool:" in line[d.column - 1:]


def test_malformed_comments_are_kept_to_be_reported() -> None:
    found = scan("a: b  # catalogtool: disable schema\nc: d  # catalogtool:disable=schema\n")
    assert [d.malformed for d in found] == [True, False] and found[1].reason == ""


# ---------------------------------------------------------------- what a comment covers

def test_a_comment_on_an_item_line_covers_its_whole_subtree_and_only_it(tmp_path: Path) -> None:
    text = (HEAD + item("A0101", "居家养老上门服务", "# catalogtool: disable=text-hygiene 依据原文如此", "社会救助暂行办法 ")
            + item("A0102", "长者饭堂助餐服务", "", "社会救助暂行办法 "))
    code, data = run(tmp_path, {"catalog.yaml": text})
    hygiene = [p for p in data["problems"] if p["rule"] == "text-hygiene"]
    assert [p["pointer"] for p in hygiene] == ["/categories/0/children/0/children/1/basis/0/title"]
    assert [(s["rule"], s["pointer"], s["reason"]) for s in data["suppressed"]] == [
        ("text-hygiene", "/categories/0/children/0/children/0/basis/0/title", "依据原文如此")]
    assert data["summary"]["suppressed"] == 1 and code == 0


def test_a_comment_alone_above_an_item_covers_the_item(tmp_path: Path) -> None:
    text = HEAD + item("A0101", "居家养老上门服务") + "          # catalogtool: disable=duplicate-code 原文如此\n" + item("A0101", "长者饭堂助餐服务")
    code, data = run(tmp_path, {"catalog.yaml": text})
    assert rules(data) == [] and code == 0 and data["summary"]["suppressed"] == 1


def test_a_comment_above_the_first_key_covers_the_file(tmp_path: Path) -> None:
    text = ("# catalogtool: disable=duplicate-code,text-hygiene 2019年历史文件，按原文保留\n" + HEAD
            + item("A0101", "居家养老上门服务", "", "社会救助暂行办法 ") + item("A0101", "长者饭堂助餐服务"))
    code, data = run(tmp_path, {"catalog.yaml": text})
    assert rules(data) == [] and data["summary"]["suppressed"] == 2 and code == 0


def test_a_trailing_comment_on_a_plain_line_covers_that_line_only(tmp_path: Path) -> None:
    text = HEAD + item("A0101", "居家养老上门服务").replace(
        "            name: 居家养老上门服务\n", '            name: "居家养老上门服务 "  # catalogtool: disable=text-hygiene 原文\n'
    ) + item("A0102", '"长者饭堂助餐服务 "')
    _, data = run(tmp_path, {"catalog.yaml": text})
    assert [(p["rule"], p["line"]) for p in data["problems"]] == [("text-hygiene", 22)]


def test_run_wide_rules_can_be_suppressed(tmp_path: Path) -> None:
    catalog = HEAD + item("A0101", "居家养老上门服务")
    assistance = """kind: assistance-list
schema: 1
title: 测试协助清单
region: {code: "441803", name: 清远市清新区}
year: 2025
issuer: 清远市清新区人民政府
scope: 村民委员会
items:
  - code: XZ-001   # catalogtool: disable=catalog-ref 目录修订后改为新编码
    name: 社会救助协助
    category: 社会保障
    content: 协助做好困难排查、信息报送
    department: 清新区民政局
    basis:
      - {level: 行政法规, title: 社会救助暂行办法, article: 第十三条}
    purchase_ref: A0999
"""
    code, data = run(tmp_path, {"catalog.yaml": catalog, "assistance.yaml": assistance})
    assert rules(data) == [] and [s["rule"] for s in data["suppressed"]] == ["catalog-ref"] and code == 0
    # The same with the reference fixed: the comment is now unused.
    _, data = run(tmp_path, {"assistance.yaml": assistance.replace("A0999", "A0101")})
    assert rules(data) == ["suppression"] and data["problems"][0]["level"] == "warning"


def test_results_cache_keeps_suppressions(tmp_path: Path) -> None:
    text = HEAD + item("A0101", "居家养老上门服务") + item("A0101", "长者饭堂助餐服务", "# catalogtool: disable=duplicate-code 原文如此")
    cache = tmp_path.parent / f"{tmp_path.name}-cache"
    first = run(tmp_path, {"catalog.yaml": text}, "--cache-dir", str(cache))
    assert any(cache.rglob("*.json")), "the run filled the cache"
    second = run(tmp_path, {}, "--cache-dir", str(cache))
    assert first == second and first[1]["summary"]["suppressed"] == 1


def test_a_suppressed_rule_turned_off_is_not_unused_and_the_rule_can_be_turned_off(tmp_path: Path) -> None:
    text = HEAD + item("A0101", "居家养老上门服务", "# catalogtool: disable=duplicate-name")
    files = {"catalog.yaml": text, "catalogtool.yaml": "rules:\n  duplicate-name: off\n"}
    _, data = run(tmp_path, files)
    assert [(p["rule"], p["message"][:9]) for p in data["problems"]] == [("suppression", "忽略注释没有写理由")]
    _, data = run(tmp_path, {"catalogtool.yaml": "rules:\n  duplicate-name: off\n  suppression: off\n"})
    assert rules(data) == []


def test_the_text_summary_says_how_many_were_suppressed(tmp_path: Path) -> None:
    text = HEAD + item("A0101", "居家养老上门服务") + item("A0101", "长者饭堂助餐服务", "# catalogtool: disable=duplicate-code 原文如此")
    (tmp_path / "catalog.yaml").write_text(text, encoding="utf-8")
    zh = CliRunner().invoke(app, ["validate", str(tmp_path), "--lang", "zh"]).stdout
    en = CliRunner().invoke(app, ["validate", str(tmp_path), "--lang", "en"]).stdout
    assert "另有 1 个问题已按行内忽略注释" in zh
    assert "1 more problem(s) suppressed by inline comments" in en
