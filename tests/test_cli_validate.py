"""`catalogtool validate` end to end: exit codes, reporters, configuration, languages."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from catalogtool.cli.main import app

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
OUTPUT_SCHEMA = json.loads((ROOT / "tests" / "data" / "validate-output.schema.json").read_text(encoding="utf-8"))

FIVE_PROBLEMS = """\
kind: purchase-catalog
schema: 1
title: 测试目录
region: {code: "991803", name: 测试区}
year: 2025
issuer: 测试局
effective: 2022-01-01
categories:
  - code: A
    name: 公共服务
    children:
      - code: A01
        name: 基本公共服务
        children:
          - code: 0101
            name: 养老服务
            contnet: 居家照料
            township: true
            providers: [社会组织]
          - code: A0102
            name: 助餐服务
            content: 为老年人提供助餐
            township: true
            providers: [公司]
"""
FIVE_EXPECTED = {
    ("region-code", 4, 16),
    ("date-order", 7, 12),
    ("implicit-type", 15, 19),
    ("schema", 17, 13),
    ("provider-type", 24, 25),
}


def run(*args: str, env: dict[str, str] | None = None):
    runner = CliRunner(env=env)
    return runner.invoke(app, list(args), catch_exceptions=False)


def run_json(*args: str) -> tuple[int, dict]:
    result = run("validate", "--format", "json", *args)
    data = json.loads(result.stdout)
    jsonschema.validate(data, OUTPUT_SCHEMA)
    return result.exit_code, data


def test_examples_are_clean():
    result = run("validate", str(EXAMPLES))
    assert result.exit_code == 0, result.stdout
    assert "0 个错误" in result.stdout


def test_examples_json_matches_the_output_schema():
    code, data = run_json(str(EXAMPLES))
    assert code == 0
    assert data["ok"] is True
    kinds = sorted(f["kind"] for f in data["files"])
    assert kinds == sorted(["purchase-catalog", "access-list", "assistance-list"] * 2 + ["purchase-plan"] * 8)
    assert all(f["items"] > 0 for f in data["files"])


def test_five_problems_in_one_document_are_all_reported(tmp_path):
    (tmp_path / "c.yaml").write_text(FIVE_PROBLEMS, encoding="utf-8")
    code, data = run_json(str(tmp_path))
    assert code == 1
    found = {(p["rule"], p["line"], p["column"]) for p in data["problems"]}
    assert found == FIVE_EXPECTED
    assert data["summary"]["errors"] == 5
    # Sorted by file, line, column.
    keys = [(p["file"], p["line"], p["column"]) for p in data["problems"]]
    assert keys == sorted(keys)


def test_one_unparsable_file_does_not_hide_the_others(tmp_path):
    (tmp_path / "a.yaml").write_text(FIVE_PROBLEMS, encoding="utf-8")
    (tmp_path / "b.yaml").write_bytes(b"kind: [unclosed\n")
    (tmp_path / "c.yaml").write_bytes("kind: access-list\nname: 养老服务\n".encode("gbk"))
    code, data = run_json(str(tmp_path))
    assert code == 1
    by_file: dict[str, set[str]] = {}
    for p in data["problems"]:
        by_file.setdefault(Path(p["file"]).name, set()).add(p["rule"])
    assert by_file["b.yaml"] == {"yaml-syntax"}
    assert by_file["c.yaml"] == {"yaml-syntax"}
    assert {"region-code", "implicit-type", "schema", "date-order"} <= by_file["a.yaml"]
    assert data["summary"]["files"] == 3


def test_text_report_has_file_line_column_level_rule_message(tmp_path):
    (tmp_path / "c.yaml").write_text(FIVE_PROBLEMS, encoding="utf-8")
    result = run("validate", str(tmp_path / "c.yaml"))
    assert result.exit_code == 1
    line = next(ln for ln in result.stdout.splitlines() if "[implicit-type]" in ln)
    assert line.split(" ")[0].endswith("c.yaml:15:19")
    assert "错误" in line and '"0101"' in line
    assert "\x1b[" not in result.stdout  # no colour when not a terminal


def test_english_on_request_and_from_the_locale(tmp_path):
    (tmp_path / "c.yaml").write_text(FIVE_PROBLEMS, encoding="utf-8")
    by_option = run("validate", "--lang", "en", str(tmp_path))
    assert "quote it" in by_option.stdout and "error" in by_option.stdout
    by_locale = run("validate", str(tmp_path), env={"LANG": "en_US.UTF-8", "LC_ALL": "", "CATALOGTOOL_LANG": ""})
    assert "quote it" in by_locale.stdout
    default = run("validate", str(tmp_path), env={"LANG": "C.UTF-8", "LC_ALL": "", "CATALOGTOOL_LANG": ""})
    assert "请加引号" in default.stdout


def make_many_errors(folder: Path, count: int) -> None:
    lines = ["kind: access-list", "schema: 1", "title: 测试", 'region: {code: "441803", name: 清新区}',
             "year: 2025", "issuer: 测试局",
             "approval: {body: 常委会, date: 2025-01-10, document_number: 清新委办〔2025〕3号}", "items:"]
    for i in range(count):
        lines += [f"  - code: ZR-{i:03d}", f"    name: 事项{i}", "    content: 内容", "    staff_required: true",
                  "    basis: [{level: 法律, title: 某法}]"]
    (folder / "list.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_github_annotations_are_capped_and_summarised(tmp_path, monkeypatch):
    make_many_errors(tmp_path, 25)
    summary = tmp_path / "summary.md"
    result = run("validate", "--format", "github", str(tmp_path / "list.yaml"),
                 env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert result.exit_code == 1
    annotations = [ln for ln in result.stdout.splitlines() if ln.startswith("::error ")]
    assert len(annotations) == 10
    assert "另有 15 个错误未作注释" in result.stdout
    assert annotations[0].startswith("::error file=")
    assert ",line=" in annotations[0] and ",col=" in annotations[0]
    text = summary.read_text(encoding="utf-8")
    assert text.count("`dedicated-resources`") == 25


def test_github_escapes_newlines_and_percent():
    from catalogtool.problems import Level, Message, Problem
    from catalogtool.reporters.github import annotation

    problem = Problem("a,b:c.yaml", 3, 4, "/x", "schema", Level.WARNING, Message("百分之50%\n下一行", "x"))
    line = annotation(problem, "zh")
    assert line == "::warning file=a%2Cb%3Ac.yaml,line=3,col=4,title=catalogtool [schema]::百分之50%25%0A下一行"


def test_strict_makes_warnings_fail(tmp_path):
    doc = (EXAMPLES / "2025" / "access-list.yaml").read_text(encoding="utf-8")
    doc = "\n".join('notes: "结尾有空格 "' if ln.startswith("notes:") else ln for ln in doc.splitlines())
    (tmp_path / "a.yaml").write_text(doc, encoding="utf-8")
    assert run("validate", str(tmp_path)).exit_code == 0
    assert run("validate", "--strict", str(tmp_path)).exit_code == 1


def test_configuration_sets_levels_and_turns_rules_off(tmp_path):
    (tmp_path / "c.yaml").write_text(FIVE_PROBLEMS, encoding="utf-8")
    (tmp_path / "catalogtool.yaml").write_text("rules:\n  region-code: off\n  date-order: warning\n", encoding="utf-8")
    code, data = run_json(str(tmp_path))
    rules = {(p["rule"], p["level"]) for p in data["problems"]}
    assert ("region-code", "error") not in rules and not any(r == "region-code" for r, _ in rules)
    assert ("date-order", "warning") in rules
    assert code == 1  # the other errors remain


def test_configuration_is_found_upwards_from_the_given_path(tmp_path):
    sub = tmp_path / "2025"
    sub.mkdir()
    (sub / "c.yaml").write_text(FIVE_PROBLEMS, encoding="utf-8")
    (tmp_path / "catalogtool.yaml").write_text("rules:\n  region-code: off\n", encoding="utf-8")
    _, data = run_json(str(sub / "c.yaml"))
    assert "region-code" not in {p["rule"] for p in data["problems"]}


@pytest.mark.parametrize(("config", "expected"), [
    ("rules:\n  duplicate-cod: warning\n", "duplicate-code"),
    ("rules:\n  duplicate-code: loud\n", "catalogtool.yaml:2:19"),
    ("rules: [\n", "catalogtool.yaml:2:1"),
    ("limits: {max_depth: 1}\n", "catalogtool.yaml:1:21"),
    ("unknown_section: 1\n", "unknown_section"),
    ('code_scheme: {segments: ["("]}\n', "catalogtool.yaml:1:26 有误：code_scheme.segments 中的正则表达式 ( 有误"),
    ('code_scheme: {segments: ["a{99999999999}"]}\n', "the repetition number is too large"),
])
def test_bad_configuration_is_exit_2_with_the_reason(tmp_path, config, expected):
    (tmp_path / "catalogtool.yaml").write_text(config, encoding="utf-8")
    (tmp_path / "c.yaml").write_text(FIVE_PROBLEMS, encoding="utf-8")
    result = run("validate", str(tmp_path))
    assert result.exit_code == 2
    assert expected in result.stderr
    assert "内部错误" not in result.stderr
    assert result.stdout == ""


def test_custom_code_scheme(tmp_path):
    doc = FIVE_PROBLEMS.replace('code: 0101', 'code: A01-01').replace("code: A0102", "code: A01-02")
    (tmp_path / "c.yaml").write_text(doc, encoding="utf-8")
    _, default = run_json(str(tmp_path))
    assert "code-hierarchy" in {p["rule"] for p in default["problems"]}
    (tmp_path / "catalogtool.yaml").write_text(
        'code_scheme:\n  segments: ["[A-Z]", "[0-9]{2}", "[0-9]{2}"]\n  separator: "-"\n  item_depths: [3]\n',
        encoding="utf-8")
    _, custom = run_json(str(tmp_path))
    assert "code-hierarchy" in {p["rule"] for p in custom["problems"]}  # A01 lacks the separator after A
    doc = doc.replace("code: A01\n", "code: A-01\n").replace("A01-0", "A-01-0")
    (tmp_path / "c.yaml").write_text(doc, encoding="utf-8")
    _, fixed = run_json(str(tmp_path))
    assert "code-hierarchy" not in {p["rule"] for p in fixed["problems"]}


def test_missing_path_and_bad_options_are_exit_2(tmp_path):
    result = run("validate", str(tmp_path / "nope"))
    assert result.exit_code == 2 and "路径不存在" in result.stderr
    assert run("validate", "--format", "xml", str(EXAMPLES)).exit_code == 2
    assert run("validate", "--lang", "fr", str(EXAMPLES)).exit_code == 2


def test_schema_and_rules_commands():
    from catalogtool.rules import RULES

    schema = run("schema", "purchase-catalog")
    assert schema.exit_code == 0
    assert json.loads(schema.stdout)["$id"] == "urn:catalogtool:schema:purchase-catalog:1"
    assert run("schema", "nope").exit_code == 2
    listing = run("rules")
    for rule_id in RULES:
        assert rule_id in listing.stdout
    as_json = json.loads(run("rules", "--format", "json").stdout)
    assert {r["id"] for r in as_json} == set(RULES)
    one = run("rules", "duplicate-code", "--lang", "zh")
    assert "错误示例" in one.stdout and "A0101" in one.stdout


def subprocess_run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "CATALOGTOOL_DEBUG"}
    return subprocess.run([sys.executable, "-m", "catalogtool", *args], capture_output=True, text=True,
                          cwd=cwd, env=env, timeout=120, check=False)


def test_python_dash_m_and_hostile_files_never_show_a_traceback(tmp_path):
    bomb = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        prev, cur = chr(96 + i), chr(97 + i)
        bomb.append(f"{cur}: &{cur} [" + ", ".join([f"*{prev}"] * 9) + "]")
    (tmp_path / "bomb.yaml").write_text("\n".join(bomb), encoding="utf-8")
    (tmp_path / "deep.yaml").write_bytes(b"a: " + b"[" * 20000 + b"]" * 20000)
    (tmp_path / "gbk.yaml").write_bytes("kind: access-list\ntitle: 养老服务目录\n".encode("gbk"))
    (tmp_path / "dup.yaml").write_text("kind: access-list\nkind: access-list\n", encoding="utf-8")
    (tmp_path / "bin.yaml").write_bytes(bytes(range(256)))
    result = subprocess_run("validate", str(tmp_path), "--format", "json")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    rules = {(Path(p["file"]).name, p["rule"]) for p in json.loads(result.stdout)["problems"]}
    assert ("bomb.yaml", "input-limit") in rules
    assert ("deep.yaml", "input-limit") in rules
    assert ("gbk.yaml", "yaml-syntax") in rules
    assert ("dup.yaml", "duplicate-key") in rules
    assert ("bin.yaml", "yaml-syntax") in rules


def test_version():
    result = subprocess_run("--version")
    assert result.returncode == 0 and result.stdout.startswith("catalogtool ")


def test_parallel_run_gives_the_same_result(tmp_path):
    from catalogtool.config import Config
    from catalogtool.engine import PARALLEL_THRESHOLD, validate_paths

    for i in range(PARALLEL_THRESHOLD + 2):
        (tmp_path / f"c{i:03d}.yaml").write_text(FIVE_PROBLEMS, encoding="utf-8")
    serial = validate_paths([tmp_path], Config(), jobs=1)
    parallel = validate_paths([tmp_path], Config(), jobs=2)
    assert [p.to_dict() for p in serial.problems] == [p.to_dict() for p in parallel.problems]
    assert len(serial.problems) == 5 * (PARALLEL_THRESHOLD + 2)


def test_cache_reuses_results_and_notices_changes(tmp_path):
    from catalogtool.config import Config
    from catalogtool.engine import validate_paths

    repo, cache = tmp_path / "repo", tmp_path / "cache"
    repo.mkdir()
    (repo / "c.yaml").write_text(FIVE_PROBLEMS, encoding="utf-8")
    shutil.copy(EXAMPLES / "2025" / "purchase-catalog.yaml", repo / "catalog.yaml")
    shutil.copy(EXAMPLES / "2025" / "assistance-list.yaml", repo / "list.yaml")
    first = validate_paths([repo], Config(), jobs=1, cache_dir=cache)
    assert len(list((cache / "results").rglob("*.json"))) == 3
    second = validate_paths([repo], Config(), jobs=1, cache_dir=cache)
    assert [p.to_dict() for p in second.problems] == [p.to_dict() for p in first.problems]
    # A changed file is checked again; a damaged entry is a miss, not a crash.
    (repo / "c.yaml").write_text(FIVE_PROBLEMS.replace('"991803"', '"441803"'), encoding="utf-8")
    for entry in cache.rglob("*.json"):
        entry.write_text("{not json", encoding="utf-8")
    third = validate_paths([repo], Config(), jobs=1, cache_dir=cache)
    assert "region-code" not in {p.rule for p in third.problems}
    assert len(third.problems) == len(first.problems) - 1
    # Run-wide facts survive the cache: a dangling purchase_ref is still found.
    text = (repo / "list.yaml").read_text(encoding="utf-8")
    (repo / "list.yaml").write_text(text.replace("purchase_ref: A0101", "purchase_ref: A9999", 1), encoding="utf-8")
    validate_paths([repo], Config(), jobs=1, cache_dir=cache)
    again = validate_paths([repo], Config(), jobs=1, cache_dir=cache)
    assert "catalog-ref" in {p.rule for p in again.problems}


def test_a_folder_without_yaml_says_so_on_stderr(tmp_path):
    result = run("validate", str(tmp_path))
    assert result.exit_code == 0
    assert "没有找到" in result.stderr
    assert "共检查 0 个文件" in result.stdout


def test_stdin_with_a_filename_for_editors(tmp_path):
    (tmp_path / "catalogtool.yaml").write_text("rules:\n  region-code: off\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "catalogtool", "validate", "-", "--stdin-filename", str(tmp_path / "draft.yaml"),
         "--format", "json"],
        input=FIVE_PROBLEMS.encode("utf-8"), capture_output=True, check=False, timeout=60)
    assert result.returncode == 1
    data = json.loads(result.stdout)
    jsonschema.validate(data, OUTPUT_SCHEMA)
    assert {(p["rule"], p["line"], p["column"]) for p in data["problems"]} == FIVE_EXPECTED - {("region-code", 4, 16)}
    assert {p["file"] for p in data["problems"]} == {str(tmp_path / "draft.yaml")}
    assert run("validate", "-", str(EXAMPLES)).exit_code == 2


def test_sarif_report_places_every_problem(tmp_path):
    from catalogtool.rules import RULES

    (tmp_path / "c.yaml").write_text(FIVE_PROBLEMS, encoding="utf-8")
    result = run("validate", "--format", "sarif", str(tmp_path))
    assert result.exit_code == 1
    sarif = json.loads(result.stdout)
    assert sarif["version"] == "2.1.0"
    [run_] = sarif["runs"]
    rules = run_["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == list(RULES)
    found = set()
    for res in run_["results"]:
        region = res["locations"][0]["physicalLocation"]["region"]
        found.add((res["ruleId"], region["startLine"], region["startColumn"]))
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"]
        assert res["level"] == "error"
    assert found == FIVE_EXPECTED


@pytest.mark.parametrize("rule", ["yaml-syntax", "input-limit", "unreadable-file", "duplicate-key"])
def test_reading_failures_cannot_be_configured_away(tmp_path, rule):
    (tmp_path / "catalogtool.yaml").write_text(f"rules:\n  {rule}: off\n", encoding="utf-8")
    (tmp_path / "bad.yaml").write_bytes("kind: access-list\ntitle: 养老服务目录\n".encode("gbk"))
    result = run("validate", str(tmp_path))
    assert result.exit_code == 2
    assert "不能调低" in result.stderr


def test_unwritable_job_summary_does_not_change_the_result(tmp_path):
    result = run("validate", "--format", "github", str(EXAMPLES),
                 env={"GITHUB_STEP_SUMMARY": str(tmp_path / "missing" / "summary.md")})
    assert result.exit_code == 0
    assert "无法写入作业摘要" in result.stderr


def test_enum_suggests_the_value_written_in_traditional_characters(tmp_path):
    (tmp_path / "c.yaml").write_text(FIVE_PROBLEMS.replace("[公司]", "[社會組織]"), encoding="utf-8")
    _, data = run_json(str(tmp_path))
    [enum] = [p for p in data["problems"] if p["line"] == 24]
    assert "是否想写“社会组织”" in enum["message"]


def test_a_bad_date_is_reported_once(tmp_path):
    doc = FIVE_PROBLEMS.replace("effective: 2022-01-01", 'effective: "20250220"')
    (tmp_path / "c.yaml").write_text(doc, encoding="utf-8")
    _, data = run_json(str(tmp_path))
    at_date = [p for p in data["problems"] if p["line"] == 7]
    assert len(at_date) == 1 and "不是有效日期" in at_date[0]["message"]


def test_help_is_chinese_and_not_cut_off():
    result = run("validate", "--help", env={"COLUMNS": "80"})
    assert "显示本帮助并退出" in result.stdout
    assert "…" not in result.stdout
    assert "--stdin-filename" in result.stdout and "CATALOGTOOL_CACHE_DIR" in result.stdout


def test_every_reporter_is_offered_by_the_command():
    from catalogtool.cli.validate import FORMATS
    from catalogtool.reporters import REPORTERS

    assert tuple(REPORTERS) == FORMATS


def test_run_wide_problems_are_placed_even_from_another_directory(tmp_path, monkeypatch):
    repo = tmp_path / "repo"
    repo.mkdir()
    shutil.copy(EXAMPLES / "2025" / "purchase-catalog.yaml", repo / "catalog.yaml")
    text = (EXAMPLES / "2025" / "assistance-list.yaml").read_text(encoding="utf-8")
    (repo / "list.yaml").write_text(text.replace("purchase_ref: A0101", "purchase_ref: A9999", 1), encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    _, data = run_json(str(repo))
    [ref] = [p for p in data["problems"] if p["rule"] == "catalog-ref"]
    assert ref["line"] > 1 and ref["file"].endswith("list.yaml")


def test_hidden_files_and_folders_are_not_documents(tmp_path):
    shutil.copy(EXAMPLES / "2025" / "access-list.yaml", tmp_path / "list.yaml")
    (tmp_path / ".pre-commit-config.yaml").write_text("repos: []\n", encoding="utf-8")
    (tmp_path / ".github" / "workflows").mkdir(parents=True)
    (tmp_path / ".github" / "workflows" / "ci.yml").write_text("on: push\n", encoding="utf-8")
    code, data = run_json(str(tmp_path))
    assert code == 0
    assert [Path(f["file"]).name for f in data["files"]] == ["list.yaml"]


def test_works_written_as_construction_are_flagged(tmp_path):
    doc = FIVE_PROBLEMS.replace("为老年人提供助餐", "村级道路工程施工及养护")
    (tmp_path / "c.yaml").write_text(doc, encoding="utf-8")
    _, data = run_json(str(tmp_path))
    assert any(p["rule"] == "prohibited-purchase" and "工程施工" in p["message"] for p in data["problems"])
