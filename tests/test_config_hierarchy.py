"""Hierarchical configuration: the nearest catalogtool.yaml above each file governs it.

Issue 7, points 3 and 5: a subfolder's catalogtool.yaml is applied when a parent
folder is validated (by validate, diff and export alike), `validate .` at the root
of this repository passes, and an empty configuration is all defaults.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from catalogtool.cli.main import app

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
CATALOG = (EXAMPLES / "2025" / "purchase-catalog.yaml").read_text(encoding="utf-8")
ASSISTANCE = (EXAMPLES / "2025" / "assistance-list.yaml").read_text(encoding="utf-8")
# The example catalog with a region code that does not exist (region-code, an error by default).
NOISY = CATALOG.replace('code: "441803"', 'code: "991803"', 1)


def run(*args: str | Path):
    return CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=False)


def run_json(*args: str | Path) -> tuple[int, dict]:
    result = run("validate", "--format", "json", "--jobs", "1", *args)
    return result.exit_code, json.loads(result.stdout)


def rules_by_file(data: dict) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for problem in data["problems"]:
        out.setdefault(Path(problem["file"]).parent.name, set()).add(problem["rule"])
    return out


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_a_subfolder_configuration_governs_its_files_when_the_parent_is_validated(tmp_path):
    write(tmp_path / "a" / "catalog.yaml", NOISY)
    write(tmp_path / "b" / "catalog.yaml", NOISY)
    write(tmp_path / "b" / "catalogtool.yaml", "rules:\n  region-code: off\n")
    code, data = run_json(tmp_path)
    found = rules_by_file(data)
    assert "region-code" in found["a"]
    assert "region-code" not in found.get("b", set())
    assert code == 1
    # The same from inside b, and when b's file is named: one answer wherever the run starts.
    _, named = run_json(tmp_path / "b" / "catalog.yaml")
    assert "region-code" not in {p["rule"] for p in named["problems"]}


def test_the_nearest_configuration_governs_whole_and_excludes_relative_to_its_folder(tmp_path):
    write(tmp_path / "catalogtool.yaml", "rules:\n  region-code: off\nexclude: [drafts/**]\n")
    write(tmp_path / "drafts" / "draft.yaml", "not: a document\n")
    write(tmp_path / "sub" / "catalogtool.yaml", "exclude: [roster.yaml]\n")
    write(tmp_path / "sub" / "roster.yaml", "townships: []\n")
    write(tmp_path / "sub" / "catalog.yaml", NOISY)
    write(tmp_path / "top" / "catalog.yaml", NOISY)
    code, data = run_json(tmp_path)
    files = sorted(Path(f["file"]).relative_to(tmp_path).as_posix() for f in data["files"])
    assert files == ["sub/catalog.yaml", "top/catalog.yaml"]
    found = rules_by_file(data)
    assert "region-code" not in found.get("top", set())  # the root's levels govern top/
    assert "region-code" in found["sub"]  # sub/ has its own configuration: defaults, not the root's
    assert code == 1


def test_config_option_forces_one_configuration_for_every_file(tmp_path):
    write(tmp_path / "b" / "catalog.yaml", NOISY)
    write(tmp_path / "b" / "catalogtool.yaml", "rules:\n  region-code: off\n")
    forced = write(tmp_path / "elsewhere" / "strict.yaml", "rules:\n  duplicate-name: error\n")
    _, data = run_json(tmp_path, "--config", forced)
    assert "region-code" in {p["rule"] for p in data["problems"]}


def test_a_bad_configuration_in_a_subfolder_stops_the_run_with_its_position(tmp_path):
    write(tmp_path / "a" / "catalog.yaml", CATALOG)
    write(tmp_path / "b" / "catalog.yaml", CATALOG)
    write(tmp_path / "b" / "catalogtool.yaml", "rules:\n  region-cod: off\n")
    result = run("validate", tmp_path)
    assert result.exit_code == 2
    assert "catalogtool.yaml:2:3" in result.stderr and "region-code" in result.stderr
    assert result.stdout == ""


def test_run_wide_rules_see_every_file_and_take_each_files_level(tmp_path):
    write(tmp_path / "catalogs" / "catalog.yaml", CATALOG)
    write(tmp_path / "catalogs" / "catalogtool.yaml", "rules:\n  catalog-ref: off\n")
    dangling = ASSISTANCE.replace("purchase_ref: A0101", "purchase_ref: A9999", 1)
    write(tmp_path / "lists" / "list.yaml", dangling)
    write(tmp_path / "quiet" / "list.yaml", dangling)
    write(tmp_path / "quiet" / "catalogtool.yaml", "rules:\n  catalog-ref: warning\n")
    code, data = run_json(tmp_path)
    refs = {(Path(p["file"]).parent.name, p["level"]) for p in data["problems"] if p["rule"] == "catalog-ref"}
    # The catalog's folder turns the rule off, yet its items are what the lists refer to.
    assert refs == {("lists", "error"), ("quiet", "warning")}
    assert code == 1


def test_the_cache_keys_each_file_by_its_own_configuration(tmp_path):
    repo, cache = tmp_path / "repo", tmp_path / "cache"
    write(repo / "a" / "catalog.yaml", NOISY)
    write(repo / "b" / "catalog.yaml", NOISY)
    config_b = write(repo / "b" / "catalogtool.yaml", "rules:\n  region-code: off\n")
    for _ in range(2):  # the second run is served from the cache
        _, data = run_json(repo, "--cache-dir", cache)
        found = rules_by_file(data)
        assert "region-code" in found["a"] and "region-code" not in found.get("b", set())
    config_b.write_text("rules:\n  region-code: warning\n", encoding="utf-8")
    _, data = run_json(repo, "--cache-dir", cache)
    levels = {(Path(p["file"]).parent.name, p["level"]) for p in data["problems"] if p["rule"] == "region-code"}
    assert levels == {("a", "error"), ("b", "warning")}


def test_diff_honours_the_exclude_of_a_subfolder_configuration(tmp_path):
    for edition in ("old", "new"):
        write(tmp_path / edition / "catalog.yaml", CATALOG)
        write(tmp_path / edition / "drafts" / "catalogtool.yaml", "exclude: ['*.yaml']\n")
    write(tmp_path / "new" / "drafts" / "extra.yaml", CATALOG.replace("2025", "2026"))
    result = run("diff", tmp_path / "old", tmp_path / "new", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["changes"] == []


def test_export_honours_the_exclude_of_a_subfolder_configuration(tmp_path):
    write(tmp_path / "2025" / "catalog.yaml", CATALOG)
    write(tmp_path / "2025" / "extra" / "catalogtool.yaml", "exclude: [broken.yaml]\n")
    write(tmp_path / "2025" / "extra" / "broken.yaml", "kind: purchase-catalog\n")
    result = run("export", tmp_path / "2025", "-o", tmp_path / "guide.xlsx")
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "guide.xlsx").is_file()


def test_this_repository_validates_clean_from_its_root(monkeypatch):
    monkeypatch.chdir(ROOT)
    code, data = run_json(".")
    assert code == 0, data["problems"]
    files = {f["file"] for f in data["files"]}
    assert files and all(f.startswith("examples/") for f in files), files
    assert "examples/townships.yaml" not in files


def test_the_packages_own_reference_data_is_never_a_document():
    import catalogtool

    data = Path(catalogtool.__file__).parent / "data"
    assert list((data / "reference").glob("*.yaml"))
    code, result = run_json(data)
    assert code == 0 and result["files"] == []


@pytest.mark.parametrize("text", ["", "# 只有注释\n# comments only\n", "\n\n", "---\n", "~\n"])
def test_an_empty_configuration_is_all_defaults(tmp_path, text):
    write(tmp_path / "catalog.yaml", NOISY)
    write(tmp_path / "catalogtool.yaml", text)
    code, data = run_json(tmp_path)
    assert code == 1  # the defaults: region-code is an error
    assert {p["rule"] for p in data["problems"]} == {"region-code"}
    assert run("validate", tmp_path, "--config", tmp_path / "catalogtool.yaml").exit_code == 1
