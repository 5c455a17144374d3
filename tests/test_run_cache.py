"""The whole run's cached result (catalogtool.run_cache): served when nothing changed, never stale."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from catalogtool import engine
from catalogtool.cli.main import app

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "2025"


def validate(cache: Path, *args: str | Path) -> tuple[int, dict]:
    result = CliRunner().invoke(app, ["validate", "--format", "json", "--jobs", "1", *map(str, args)],
                                env={"CATALOGTOOL_CACHE_DIR": str(cache), "CATALOGTOOL_LANG": "zh"})
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result.exit_code, json.loads(result.stdout)


def _no_file_entries(*args: object) -> None:
    raise AssertionError("a warm run of unchanged files reads the run's entry, not each file's")


def test_an_unchanged_run_is_one_entry_and_says_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(EXAMPLES, repo)
    plan = repo / "plans" / "taihe.yaml"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace("funding: 县级财政", "funding: 县级财政  # catalogtool: disable=text-hygiene 示例", 1)
                    .replace("title: ", "title:  ", 1), encoding="utf-8")  # a finding, and an unused suppression
    cache = tmp_path / "cache"
    first = validate(cache, repo)
    assert list((cache / "runs").rglob("*.json"))
    monkeypatch.setattr(engine, "_cached_reports", _no_file_entries)
    again = validate(cache, repo)
    assert again == first
    monkeypatch.undo()
    assert validate(tmp_path / "other-cache", repo, "--no-cache") == first


def test_a_catalog_outside_the_run_that_a_plan_reads_is_watched(tmp_path: Path) -> None:
    """A plan naming its catalog by path reads it even when only the plan is checked: editing it counts."""
    repo = tmp_path / "repo"
    shutil.copytree(EXAMPLES, repo)
    plan = repo / "plans" / "taihe.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace(
        'catalog: {region: "441803", year: 2025}', "catalog: {path: ../purchase-catalog.yaml}"), encoding="utf-8")
    cache = tmp_path / "cache"
    code, report = validate(cache, plan)
    assert code == 0, report["problems"]
    catalog = repo / "purchase-catalog.yaml"
    catalog.write_text(catalog.read_text(encoding="utf-8").replace("code: A0101", "code: A0109", 1), encoding="utf-8")
    code, report = validate(cache, plan)
    assert code == 1 and "plan-catalog-ref" in {p["rule"] for p in report["problems"]}


def test_a_file_added_or_removed_is_a_different_run(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(EXAMPLES, repo)
    cache = tmp_path / "cache"
    assert validate(cache, repo)[1]["summary"]["files"] == 7
    (repo / "plans" / "taihe.yaml").unlink()
    assert validate(cache, repo)[1]["summary"]["files"] == 6
