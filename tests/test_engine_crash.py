"""A failure inside catalogtool while checking one file is confined to that file (issue 7, point 24).

The file gets one `internal-error` problem (in Chinese by default, naming the
exception type and asking for a report), every other file is still checked and
reported in every format, and the run exits 2.
"""

from __future__ import annotations

import json
import multiprocessing
import shutil
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from catalogtool.cli.main import app
from catalogtool.engine import INTERNAL_ERROR, PARALLEL_THRESHOLD
from catalogtool.record import replace

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
OUTPUT_SCHEMA = json.loads((ROOT / "tests" / "data" / "validate-output.schema.json").read_text(encoding="utf-8"))
CATALOG = (EXAMPLES / "2025" / "purchase-catalog.yaml").read_text(encoding="utf-8")
MARK = "会让检查崩溃的事项"


def fragile_check(original):
    """top-category's check, failing on one document as an undiscovered bug would."""
    def check(ctx):
        if MARK in str(ctx.data):
            raise ZeroDivisionError("division by zero")
        yield from original(ctx)
    return check


def with_check(monkeypatch, check):
    """Make the registry's top-category spec run `check` (worker processes see it when forked)."""
    from catalogtool.rules import RULES

    monkeypatch.setitem(RULES, "top-category", replace(RULES["top-category"], check=check))


@pytest.fixture
def fragile(monkeypatch):
    from catalogtool.rules import top_category

    with_check(monkeypatch, fragile_check(top_category.check))
    monkeypatch.delenv("CATALOGTOOL_DEBUG", raising=False)


def make_repo(folder: Path, files: int) -> None:
    """`files` copies of the example catalog, one of them with a region-code error and one that crashes."""
    for i in range(files):
        (folder / f"c{i:03d}.yaml").write_text(CATALOG, encoding="utf-8")
    (folder / "c000.yaml").write_text(CATALOG.replace("居家", MARK, 1), encoding="utf-8")
    (folder / "c001.yaml").write_text(CATALOG.replace('code: "441803"', 'code: "991803"', 1), encoding="utf-8")


def invoke(*args: str | Path):
    return CliRunner().invoke(app, ["validate", *[str(a) for a in args]], catch_exceptions=False)


def jobs_params():
    params = [pytest.param(1, 3, id="in-process")]
    fork = multiprocessing.get_start_method(allow_none=False) == "fork"
    params.append(pytest.param(2, PARALLEL_THRESHOLD + 2, id="workers", marks=pytest.mark.skipif(
        not fork, reason="the patched rule reaches worker processes only when they are forked")))
    return params


@pytest.mark.parametrize(("jobs", "files"), jobs_params())
def test_a_crash_in_one_file_is_reported_and_the_others_are_checked(tmp_path, fragile, jobs, files):
    make_repo(tmp_path, files)
    result = invoke(tmp_path, "--format", "json", "--jobs", str(jobs))
    assert result.exit_code == 2
    data = json.loads(result.stdout)
    jsonschema.validate(data, OUTPUT_SCHEMA)
    assert len(data["files"]) == files
    crashed = [p for p in data["problems"] if p["rule"] == INTERNAL_ERROR]
    assert [Path(p["file"]).name for p in crashed] == ["c000.yaml"]
    assert (crashed[0]["line"], crashed[0]["column"], crashed[0]["level"]) == (1, 1, "error")
    assert "内部错误" in crashed[0]["message"] and "ZeroDivisionError" in crashed[0]["message"]
    assert "报告" in crashed[0]["message"]
    # The other files were checked as usual: c001's real problem is there.
    assert {(Path(p["file"]).name, p["rule"]) for p in data["problems"]} == {
        ("c000.yaml", INTERNAL_ERROR), ("c001.yaml", "region-code")}
    assert data["ok"] is False
    assert "内部错误" in result.stderr


@pytest.mark.parametrize("output_format", ["text", "github", "sarif"])
def test_every_format_reports_the_crash_and_the_other_files(tmp_path, fragile, output_format):
    make_repo(tmp_path, 3)
    result = invoke(tmp_path, "--format", output_format, "--jobs", "1")
    assert result.exit_code == 2
    assert "ZeroDivisionError" in result.stdout and "c000.yaml" in result.stdout
    assert "c001.yaml" in result.stdout and "region-code" in result.stdout


def test_english_on_request(tmp_path, fragile):
    make_repo(tmp_path, 2)
    result = invoke(tmp_path, "--lang", "en", "--jobs", "1")
    assert result.exit_code == 2
    assert "catalogtool failed internally while checking this file (ZeroDivisionError" in result.stdout


def test_a_crash_in_the_loader_is_confined_too(tmp_path, monkeypatch):
    from catalogtool import engine

    make_repo(tmp_path, 2)
    original = engine.load_file

    def fragile_load(path, *args, **kwargs):
        if Path(path).name == "c000.yaml":
            raise KeyError("boom")
        return original(path, *args, **kwargs)

    monkeypatch.setattr(engine, "load_file", fragile_load)
    result = invoke(tmp_path, "--format", "json", "--jobs", "1", "--no-cache")  # the cached path loads the bytes it hashed
    assert result.exit_code == 2
    rules = {(Path(p["file"]).name, p["rule"]) for p in json.loads(result.stdout)["problems"]}
    assert rules == {("c000.yaml", INTERNAL_ERROR), ("c001.yaml", "region-code")}


def test_a_crashed_file_is_not_cached(tmp_path, monkeypatch):
    from catalogtool.rules import top_category

    repo, cache = tmp_path / "repo", tmp_path / "cache"
    repo.mkdir()
    make_repo(repo, 2)
    original = top_category.check
    with_check(monkeypatch, fragile_check(original))
    assert invoke(repo, "--cache-dir", cache, "--jobs", "1").exit_code == 2
    with_check(monkeypatch, original)  # the bug is fixed: the file is checked again
    assert invoke(repo, "--cache-dir", cache, "--jobs", "1").exit_code == 1


def test_a_crash_on_stdin_is_reported_as_its_problem(fragile):
    result = CliRunner().invoke(app, ["validate", "-", "--stdin-filename", "draft.yaml", "--format", "json"],
                                input=CATALOG.replace("居家", MARK, 1), catch_exceptions=False)
    assert result.exit_code == 2
    [problem] = json.loads(result.stdout)["problems"]
    assert (problem["file"], problem["rule"]) == ("draft.yaml", INTERNAL_ERROR)


def test_export_refuses_a_file_it_could_not_check(tmp_path, fragile):
    (tmp_path / "2025").mkdir()
    shutil.copy(EXAMPLES / "2025" / "access-list.yaml", tmp_path / "2025" / "list.yaml")
    (tmp_path / "2025" / "catalog.yaml").write_text(CATALOG.replace("居家", MARK, 1), encoding="utf-8")
    result = CliRunner().invoke(app, ["export", str(tmp_path / "2025"), "-o", str(tmp_path / "guide.xlsx")],
                                catch_exceptions=False)
    assert result.exit_code != 0
    assert "ZeroDivisionError" in result.stderr
    assert not (tmp_path / "guide.xlsx").exists()
