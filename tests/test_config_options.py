"""Rule options are declared by the rules and checked (issue 7, point 4).

A wrong type is an error at its line and column that names the expected type in
Chinese, never a crash inside the rule; an unknown option name is an error with a
did-you-mean, never a silent no-op; `catalogtool rules RULE` lists the options.
"""

from __future__ import annotations

import importlib
import inspect
import json
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from catalogtool.cli.main import app
from catalogtool.rules import RULES

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"


def run(*args: str | Path):
    return CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    for path in (EXAMPLES / "2025").glob("*.yaml"):
        shutil.copy(path, tmp_path / path.name)
    return tmp_path


@pytest.mark.parametrize(("config", "where", "words"), [
    # The crash of the issue: a number where a list of names belongs.
    ("rules:\n  top-category: {allowed: 5}\n", ":2:27", ["top-category", "allowed", "应为文字列表", "数字 5"]),
    ("rules:\n  top-category:\n    allowed: [公共服务, 0101]\n", ":3:21", ["应为文字", '"0101"']),
    ("rules:\n  prohibited-purchase:\n    extra_words: [办公用品]\n", ":3:18", ["extra_words", "映射", "列表"]),
    ("rules:\n  prohibited-purchase:\n    extra_words: {goods: 办公用品}\n", ":3:26", ["应为文字列表", "办公用品"]),
    ("rules:\n  prohibited-purchase:\n    ignore_words: 培训\n", ":3:19", ["ignore_words", "应为文字列表"]),
])
def test_a_wrong_option_type_is_an_error_at_its_place_naming_the_type(repo, config, where, words):
    (repo / "catalogtool.yaml").write_text(config, encoding="utf-8")
    result = run("validate", repo)
    assert result.exit_code == 2, result.stdout
    assert f"catalogtool.yaml{where} 有误" in result.stderr
    for word in words:
        assert word in result.stderr
    assert "Traceback" not in result.stderr and "内部错误" not in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize(("config", "where", "words"), [
    ("rules:\n  prohibited-purchase:\n    level: warning\n    ignore_word: [培训]\n", ":4:5",
     ["没有选项 ignore_word", "是否想写 ignore_words"]),
    ("rules:\n  top-category: {alowed: [其他]}\n", ":2:18", ["是否想写 allowed"]),
    ("rules:\n  top-category: {levle: warning}\n", ":2:18", ["是否想写 level"]),
    ("rules:\n  duplicate-code: {level: warning, ignore: [A01]}\n", ":2:36", ["没有选项 ignore", "只能设置级别"]),
    ("rules:\n  prohibited-purchase: {zzz: 1}\n", ":2:25", ["ignore_words、extra_words"]),
])
def test_an_unknown_option_is_an_error_with_a_did_you_mean(repo, config, where, words):
    (repo / "catalogtool.yaml").write_text(config, encoding="utf-8")
    result = run("validate", repo)
    assert result.exit_code == 2
    assert f"catalogtool.yaml{where} 有误" in result.stderr
    for word in words:
        assert word in result.stderr


def test_option_errors_are_english_with_lang_en(repo):
    (repo / "catalogtool.yaml").write_text("rules:\n  top-category: {allowed: 5}\n", encoding="utf-8")
    result = run("validate", repo, "--lang", "en")
    assert result.exit_code == 2
    assert "option allowed of rule top-category must be a list of text" in result.stderr


def test_good_options_are_used_and_an_empty_option_means_the_default(repo):
    catalog = repo / "purchase-catalog.yaml"
    catalog.write_text(catalog.read_text(encoding="utf-8").replace("name: 公共服务", "name: 基本公共服务事项", 1),
                       encoding="utf-8")
    (repo / "catalogtool.yaml").write_text("rules:\n  top-category: {allowed: [基本公共服务事项, 政府履职所需辅助性服务]}\n",
                                           encoding="utf-8")
    assert run("validate", repo, "--strict").exit_code == 0
    (repo / "catalogtool.yaml").write_text("rules:\n  top-category:\n    allowed:\n", encoding="utf-8")
    result = run("validate", repo, "--format", "json")
    assert [p["rule"] for p in json.loads(result.stdout)["problems"]] == ["top-category"]


def test_rule_detail_lists_the_options_in_the_runs_language():
    zh = run("rules", "prohibited-purchase", "--lang", "zh")
    assert zh.exit_code == 0
    text = zh.stdout.split("选项（", 1)[1]
    assert "ignore_words" in text and "extra_words" in text
    assert "类型：文字列表" in text and "默认：[]" in text and "默认：{}" in text
    en = run("rules", "top-category", "--lang", "en")
    text = en.stdout.split("Options (", 1)[1]
    assert "allowed" in text and "type: a list of text" in text and "default: []" in text
    none = run("rules", "duplicate-code", "--lang", "zh")
    assert "选项：无" in none.stdout


def test_every_option_a_rule_reads_is_declared():
    """A rule reading an undeclared option would make every configuration of it an error."""
    for rule in RULES.values():
        module = importlib.import_module(f"catalogtool.rules.{rule.id.replace('-', '_')}")
        assert module.RULE is rule, rule.id
        source = inspect.getsource(module)
        read = set(re.findall(r"""ctx\.options(?:\.get\(|\[)["']([A-Za-z_]+)["']""", source))
        names = {option.name for option in rule.options}
        assert read == names, f"{rule.id}: reads {sorted(read)}, declares {sorted(names)}"
        assert "ctx.options" in source or not names, rule.id
        for option in rule.options:
            assert re.search(r"[\u4e00-\u9fff]", option.help.zh) and option.help.en, (rule.id, option.name)


def test_a_rule_sees_every_declared_option_with_its_default():
    from catalogtool.config import Config

    options = RULES["prohibited-purchase"].options_in(Config())
    assert set(options) == {"ignore_words", "extra_words"}
    configured = RULES["top-category"].options_in(Config(options={"top-category": {"allowed": ["其他"]}}))
    assert configured == {"allowed": ["其他"]}
    assert RULES["top-category"].options


def test_the_configuration_page_documents_every_option():
    text = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    for rule in RULES.values():
        for option in rule.options:
            assert f"| `{rule.id}` | `{option.name}` |" in text, (rule.id, option.name)
