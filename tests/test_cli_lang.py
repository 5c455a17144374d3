"""One language per run (issue 7.17): help, usage errors, `rules RULE` and SARIF speak the run's language.

Chinese by default; English with `--lang en` or an English locale.
"""

from __future__ import annotations

import inspect
import json
import re
import sys
from pathlib import Path

import pytest
import typer.main
from typer.testing import CliRunner

from catalogtool.cli.main import app
from catalogtool.i18n import lang_from_args

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
COMMANDS = ["validate", "diff", "export", "import", "schema", "rules"]
# Words of click's own that must not show in a Chinese run.
CLICK_WORDS = ("Usage", "Options", "Arguments", "Commands", "default:", "required", "env var", "Show this",
               "[OPTIONS]", "COMMAND", "Error", "Try '", "No such", "Missing", "Invalid value", "Got unexpected")
ZH_ENV = {"LANG": "C.UTF-8", "LC_ALL": None, "LC_MESSAGES": None, "CATALOGTOOL_LANG": None, "COLUMNS": "100"}
EN_ENV = {**ZH_ENV, "LANG": "en_US.UTF-8"}


def run(*args: str, env: dict[str, str | None] | None = None):
    return CliRunner().invoke(app, list(args), env=env or ZH_ENV)


def without_literals(text: str) -> str:
    """English help may quote the Chinese column headers a published table must have."""
    return text.replace("编码/一级目录/二级目录/三级目录/服务内容", "")


# --------------------------------------------------------------------------- choosing the language


@pytest.mark.parametrize(
    ("args", "environ", "expected"),
    [
        (["validate", "--lang", "en", "."], {}, "en"),
        (["validate", "--lang=EN", "."], {"LANG": "zh_CN.UTF-8"}, "en"),
        (["validate", "."], {"LANG": "en_GB.UTF-8"}, "en"),
        (["validate", "."], {"LC_ALL": "en_US.UTF-8", "LANG": "zh_CN.UTF-8"}, "en"),
        (["validate", "."], {"LANG": "C.UTF-8"}, "zh"),
        (["validate", "--lang", "zh", "."], {"LANG": "en_US.UTF-8"}, "zh"),
        (["validate", "--lang", "fr", "."], {"LANG": "en_US.UTF-8"}, "en"),
        (["validate", "--lang", "en", "--lang", "zh"], {}, "zh"),
        (["validate", "--", "--lang", "en"], {}, "zh"),
    ],
)
def test_the_language_is_read_from_the_arguments_before_parsing(args, environ, expected) -> None:
    assert lang_from_args(args, environ) == expected


# --------------------------------------------------------------------------- help


@pytest.mark.parametrize("command", [[], *([c] for c in COMMANDS)])
def test_help_in_english_has_no_chinese(command: list[str]) -> None:
    for result in (run(*command, "--help", "--lang", "en"), run(*command, "--help", env=EN_ENV)):
        assert result.exit_code == 0, result.output
        assert "Usage: catalogtool" in result.stdout and "Show this help and exit." in result.stdout
        assert not CJK.search(without_literals(result.stdout)), result.stdout


@pytest.mark.parametrize("command", [[], *([c] for c in COMMANDS)])
def test_help_in_chinese_has_none_of_clicks_english(command: list[str]) -> None:
    result = run(*command, "--help")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("用法：catalogtool") and "显示本帮助并退出。" in result.stdout
    for word in CLICK_WORDS:
        assert word not in result.stdout, word


@pytest.mark.parametrize("command", [[c] for c in (*COMMANDS, "site", "init", "git-diff", "completion")])
def test_help_shows_no_python_types(command: list[str]) -> None:
    for result in (run(*command, "--help"), run(*command, "--help", "--lang", "en")):
        assert not re.search(r"<(str|path|int|list\[\w+\])>", result.stdout, re.IGNORECASE), result.stdout


def test_chinese_help_notes_and_metavars() -> None:
    text = run("validate", "--help").stdout
    assert "用法：catalogtool validate [选项] {路径}..." in text
    assert "[默认：text]" in text and "[必填]" in text and "[环境变量：CATALOGTOOL_CACHE_DIR]" in text
    assert "用法：catalogtool diff [选项] {旧版本} {新版本}" in run("diff", "--help").stdout


def test_chinese_help_is_aligned_and_fits_the_terminal() -> None:
    """A Chinese character takes two columns: the help text column lines up and no line overflows."""
    from catalogtool.cli.localize import display_width

    text = run("validate", "--help", env={**ZH_ENV, "COLUMNS": "80"}).stdout
    assert max(display_width(line) for line in text.splitlines()) <= 80
    options = text.split("选项：\n")[1].splitlines()
    rows = [line for line in options if line.startswith("  -")]
    # Where each option's text starts: after its name, metavar and the spaces that pad them.
    columns = {display_width(re.match(r"\s+\S.*?\s{2,}", line).group(0)) for line in rows}  # type: ignore[union-attr]
    assert len(rows) == 11 and len(columns) == 1, rows


def test_every_help_text_of_the_app_has_english() -> None:
    """A new option (or a changed Chinese help text) needs its English in catalogtool/cli/help_en.py."""
    from catalogtool.cli.help_en import english
    from catalogtool.cli.localize import ARGUMENT_NAMES

    missing = []

    def walk(command, path: str) -> None:
        for text in (command.help, command.short_help):
            if text and english(text) is None:
                missing.append((path, text))
        for param in command.params:
            for text in (getattr(param, "help", None), param.metavar):
                if text and CJK.search(text) and english(text) is None:
                    missing.append((f"{path} {param.name}", text))
            if param.param_type_name == "argument" and param.metavar is None:
                assert param.name in ARGUMENT_NAMES, f"{path} {param.name}: give the argument a name in both languages"
        for name, sub in getattr(command, "commands", {}).items():
            walk(sub, f"{path} {name}")

    walk(typer.main.get_command(app), "catalogtool")
    assert not missing


# --------------------------------------------------------------------------- usage errors


USAGE_ERRORS = [
    (["validate", "--nope", "."], "没有 --nope 这个选项", "No such option: --nope"),
    (["validate", "--formt", "json", "."], "是否想用 --format？", "--format"),
    (["diff", "a"], "缺少参数“新版本”", "Missing argument 'NEW'"),
    (["export", "x"], "缺少选项 --output / -o", "Missing option '--output' / '-o'"),
    (["validate", "-j", "x", "."], "选项 --jobs / -j 的值无效：“x”不是整数", "Invalid value for '--jobs' / '-j'"),
    (["validate", "-j", "0", "."], "不能小于 1", "Invalid value for '--jobs' / '-j'"),
    (["diff", "a", "b", "--similarity", "x"], "“x”不是数字", "Invalid value for '--similarity'"),
    (["rules", "a", "b"], "多余的参数：b", "Got unexpected extra argument"),
    (["validate", "--format"], "选项 --format 需要一个值", "Option '--format' requires an argument"),
    (["validate", "--strict=1", "."], "选项 --strict 不带值", "does not take a value"),
    (["valdate", "."], "没有 valdate 这个命令；是否想用 validate？", "No such command 'valdate'. Did you mean 'validate'?"),
]


@pytest.mark.parametrize(("args", "zh", "en"), USAGE_ERRORS)
def test_usage_errors_in_chinese(args: list[str], zh: str, en: str) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert zh in result.stderr, result.stderr
    assert "错误：" in result.stderr
    for word in CLICK_WORDS:
        assert word not in result.stderr, word


@pytest.mark.parametrize(("args", "zh", "en"), USAGE_ERRORS)
def test_usage_errors_in_english(args: list[str], zh: str, en: str) -> None:
    # `--lang` first: after `--format` it would be taken as the format.
    for result in (run("--lang", "en", *args), run(*args, env=EN_ENV)):
        assert result.exit_code == 2
        assert en in result.stderr, result.stderr
        assert not CJK.search(result.stderr), result.stderr


def test_a_usage_error_shows_the_usage_line_and_where_to_find_help() -> None:
    zh = run("validate", "--nope", ".").stderr
    assert zh.splitlines()[:2] == ["用法：catalogtool validate [选项] {路径}...", "运行 catalogtool validate -h 查看帮助。"]
    en = run("validate", "--nope", ".", "--lang", "en").stderr
    assert en.splitlines()[:2] == ["Usage: catalogtool validate [OPTIONS] {PATH}...",
                                   "Try 'catalogtool validate -h' for help."]


def test_an_invalid_lang_is_refused_in_the_environments_language() -> None:
    assert "--lang must be zh or en" in run("validate", "--lang", "fr", str(EXAMPLES), env=EN_ENV).stderr
    assert "--lang 只能是 zh 或 en" in run("validate", "--lang", "fr", str(EXAMPLES)).stderr


def test_an_internal_error_is_reported_in_the_runs_language(monkeypatch, capsys) -> None:
    from catalogtool.cli import main

    def crash() -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(main, "app", crash)
    monkeypatch.delenv("CATALOGTOOL_DEBUG", raising=False)
    for argv, expected in ((["validate", "--lang", "en"], "internal error: RuntimeError: boom"),
                           (["validate"], "内部错误：RuntimeError: boom")):
        monkeypatch.setattr(sys, "argv", ["catalogtool", *argv])
        monkeypatch.setenv("LANG", "C.UTF-8")
        with pytest.raises(SystemExit) as stop:
            main.run()
        assert stop.value.code == 2
        err = capsys.readouterr().err
        assert expected in err
        assert bool(CJK.search(err)) == (argv[-1] != "en")


# --------------------------------------------------------------------------- rules and SARIF


def test_rules_rule_in_chinese() -> None:
    result = run("rules", "approval-record")
    assert result.exit_code == 0
    assert "依据：" in result.stdout and "原因：" in result.stdout
    assert "正确示例：" in result.stdout and "错误示例：" in result.stdout
    for word in ("Why", "Good", "Bad", "Source", "approving body"):
        assert word not in result.stdout, word


def test_rules_rule_in_english() -> None:
    for result in (run("rules", "approval-record", "--lang", "en"), run("rules", "approval-record", env=EN_ENV)):
        assert result.exit_code == 0
        assert "Source: Jiangsu's access system for community tasks" in result.stdout
        assert "Why:" in result.stdout and "Good:" in result.stdout
        for word in ("依据", "原因", "正确示例", "错误示例", "审批"):
            assert word not in result.stdout, word


def test_rules_table_sources_follow_the_language() -> None:
    english = run("rules", "--lang", "en").stdout
    assert "[Measures for the Administration of Government Purchase of Services" in english
    assert "〔" not in english.replace("〔2015〕", "").replace("〔2020〕", "").replace("〔2017〕", "")
    assert "〔财政部令第102号《政府购买服务管理办法》第九条〕" in run("rules").stdout


def _sarif_rules(*args: str, env=None) -> list[dict]:
    result = run("validate", "--format", "sarif", str(EXAMPLES), *args, env=env)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)["runs"][0]["tool"]["driver"]["rules"]


def test_sarif_rule_help_in_chinese() -> None:
    for rule in _sarif_rules():
        assert CJK.search(rule["shortDescription"]["text"]) and CJK.search(rule["fullDescription"]["text"])
        assert "原因：" in rule["help"]["text"], rule["id"]
        assert "Why:" not in rule["help"]["text"]


def test_sarif_rule_help_in_english() -> None:
    from catalogtool.rules import RULES

    for rules in (_sarif_rules("--lang", "en"), _sarif_rules(env=EN_ENV)):
        for rule in rules:
            assert "Why:" in rule["help"]["text"], rule["id"]
            assert "原因" not in rule["help"]["text"]
            assert rule["properties"]["source"] == RULES[rule["id"]].source.en


def test_every_rule_is_documented_in_both_languages() -> None:
    """A rule's spec carries its documentation and its source in both languages; the examples
    are the same in both (comments aside)."""
    from catalogtool.rules import RULES

    def examples(doc: str) -> list[str]:
        lines = [re.sub(r"\s+#.*$|^\s*#.*$", "", line) for line in inspect.cleandoc(doc).splitlines()]
        return [line for line in lines if line.startswith("    ") and line.strip()]

    for rule in RULES.values():
        assert "原因：" in rule.doc.zh and "Why:" in rule.doc.en, rule.id
        assert rule.source.zh.strip() and rule.source.en.strip(), rule.id
        assert examples(rule.doc.zh) == examples(rule.doc.en), rule.id


def test_rule_summaries_in_english_have_no_chinese() -> None:
    """The one-line summary of `catalogtool rules --lang en` is English; a policy's number belongs
    in the source, which keeps document numbers such as 民发〔2015〕136号 as written."""
    from catalogtool.rules import RULES

    for rule in RULES.values():
        assert not CJK.search(rule.summary.text("en")), rule.id


def test_lang_before_the_command_sets_the_language_of_the_whole_run() -> None:
    result = run("--lang", "en", "validate", "--format", "xml", str(EXAMPLES))
    assert result.exit_code == 2
    assert "--format must be one of" in result.stderr
    report = run("--lang", "en", "validate", str(EXAMPLES))
    assert report.exit_code == 0 and "Checked" in report.stdout
    refused = run("--lang", "fr", "validate", str(EXAMPLES))
    assert refused.exit_code == 2 and "--lang 只能是 zh 或 en" in refused.stderr
