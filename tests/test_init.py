"""`catalogtool init`: a new repository that validates clean, with working hooks, CI files and git diff driver."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from catalogtool.cli.main import app
from catalogtool.kinds import KINDS
from catalogtool.scaffold import install, parse_params, render
from catalogtool.townships import read_townships

BIN = Path(sys.executable).parent
ARGS = ["--region", "441803", "--name", "清远市清新区", "--year", "2026"]
needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def _init(folder: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BIN / "catalogtool"), "init", str(folder), *ARGS, *extra],
                          capture_output=True, text=True, env=_env(folder.parent), timeout=120)


def _env(home: Path) -> dict[str, str]:
    """catalogtool and pre-commit of this venv first on PATH; git and pre-commit kept away from the user's settings."""
    return {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}", "HOME": str(home),
            "GIT_CONFIG_NOSYSTEM": "1", "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
            "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org", "LANG": "C.UTF-8",
            "PRE_COMMIT_HOME": str(home / "pre-commit-home"), "NO_COLOR": "1"}


def _git(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, env=_env(repo.parent),
                          check=True, timeout=120)


def _validate(folder: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BIN / "catalogtool"), "validate", str(folder), "--format", "json"],
                          capture_output=True, text=True, timeout=120)


def test_init_then_validate_is_clean(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    done = _init(repo)
    assert done.returncode == 0, done.stderr
    checked = _validate(repo)
    assert checked.returncode == 0, checked.stdout
    report = json.loads(checked.stdout)
    assert report["summary"] == {"files": len(KINDS), "errors": 0, "warnings": 0, "infos": 0, "suppressed": 0}
    # One starter document of each kind, each with its schema modeline pointing at a file init wrote.
    kinds_seen = set()
    for path in sorted(repo.glob("2026/**/*.yaml")):
        text = path.read_text(encoding="utf-8")
        first = text.splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        assert (path.parent / first.split("=", 1)[1]).resolve().is_file(), first
        kinds_seen.add(yaml.safe_load(text)["kind"])
    assert kinds_seen == set(KINDS)


def test_every_field_of_a_starter_document_is_explained_in_chinese() -> None:
    """Every line that holds a field carries a Chinese comment, and every document starts with its schema modeline."""
    files = render(parse_params("441803", "清远市清新区", 2026))
    starters = {yaml.safe_load(data)["kind"]: data.decode() for rel, data in files.items() if rel.startswith("2026/")}
    assert set(starters) == set(KINDS)
    for kind_id, text in starters.items():
        assert text.startswith("# yaml-language-server: $schema="), kind_id
        for line in text.splitlines():
            if line.strip() and not line.lstrip().startswith("#"):
                comment = line.partition("  # ")[2]
                assert any("\u4e00" <= ch <= "\u9fff" for ch in comment), (kind_id, line)


def test_the_roster_has_valid_codes_under_the_county_and_the_plan_is_one_of_them(tmp_path: Path) -> None:
    params = parse_params("441803", "清远市清新区", 2026)
    install(tmp_path, render(params))
    roster = read_townships(tmp_path / "townships.yaml")
    assert roster and all(t.code.startswith("441803") and len(t.code) == 9 for t in roster)
    plans = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in tmp_path.glob("2026/**/*.yaml")]
    plan = next(d for d in plans if "catalog" in d)
    assert plan["catalog"] == {"region": "441803", "year": 2026}
    assert plan["region"]["code"] in {t.code for t in roster}


def test_vscode_maps_every_schema_to_its_files(tmp_path: Path) -> None:
    install(tmp_path, render(parse_params("441803", "清远市清新区", 2026)))
    settings = json.loads((tmp_path / ".vscode/settings.json").read_text(encoding="utf-8"))
    schemas = settings["yaml.schemas"]
    assert len(schemas) == len(KINDS) + 1
    for schema, patterns in schemas.items():
        described = json.loads((tmp_path / schema).read_text(encoding="utf-8"))
        for field in described["properties"].values():  # hover text in Chinese for every top-level field
            assert any("\u4e00" <= ch <= "\u9fff" for ch in field["description"]), (schema, field)
        assert [p for pattern in patterns for p in tmp_path.glob(pattern)], (schema, patterns)


def test_the_configuration_lists_every_documented_section_commented_out_where_default(tmp_path: Path) -> None:
    install(tmp_path, render(parse_params("441803", "清远市清新区", 2026)))
    text = (tmp_path / "catalogtool.yaml").read_text(encoding="utf-8")
    for section in ("rules", "overrides", "code_scheme", "diff", "limits", "lang", "site"):
        assert f"# {section}:" in text, section
    assert yaml.safe_load(text) == {"exclude": ["townships.yaml", "导入/", "乡镇指南/"]}


def test_refuses_to_overwrite_and_writes_nothing(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / "2026").mkdir(parents=True)
    mine = repo / "2026" / "purchase-catalog.yaml"
    mine.write_text("我的目录\n", encoding="utf-8")
    done = _init(repo)
    assert done.returncode == 2
    assert "--force" in done.stderr and "2026/purchase-catalog.yaml" in done.stderr
    assert mine.read_text(encoding="utf-8") == "我的目录\n"
    assert sorted(p.relative_to(repo).as_posix() for p in repo.rglob("*")) == ["2026", "2026/purchase-catalog.yaml"]
    forced = _init(repo, "--force")
    assert forced.returncode == 0, forced.stderr
    assert "已替换原有文件：2026/purchase-catalog.yaml" in forced.stdout
    assert _validate(repo).returncode == 0


def test_a_failed_write_leaves_no_half_scaffold(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = render(parse_params("441803", "清远市清新区", 2026))
    blocker = tmp_path / ".github"
    blocker.write_text("a file where a folder must go\n", encoding="utf-8")
    from catalogtool.errors import CatalogToolError

    with pytest.raises(CatalogToolError):
        install(tmp_path, files)
    assert sorted(p.name for p in tmp_path.iterdir()) == [".github"]


@pytest.mark.parametrize(("args", "said"), [
    (["--name", "清远市清新区"], "--region"),
    (["--region", "441803"], "--name"),
    (["--region", "4418", "--name", "清远市清新区"], "六位"),
    (["--region", "991803", "--name", "清远市清新区"], "省级代码"),
    (["--region", "441800", "--name", "清远市"], "县级代码"),
    (["--region", "441803", "--name", "清远市 清新区"], "--name"),
    (["--region", "441803", "--name", "null"], "中文全称"),  # YAML would read an unquoted null, No or 123456 as no text
    (["--region", "441803", "--name", "123456"], "中文全称"),
    (["--region", "441803", "--name", "清远市清新区", "--year", "1999"], "--year 1999"),
    (["--region", "441803", "--name", "清远市清新区", "--hook-repo", "https://example.org/x.git"], "--hook-rev"),
])
def test_bad_arguments_are_usage_errors(tmp_path: Path, args: list[str], said: str) -> None:
    result = CliRunner().invoke(app, ["init", str(tmp_path / "repo"), *args])
    assert result.exit_code == 2
    assert said in result.output
    assert not (tmp_path / "repo").exists()


def test_a_hook_repository_is_used_by_pre_commit_and_ci() -> None:
    files = render(parse_params("441803", "清远市清新区", 2026, "https://example.org/catalogtool.git", "v1.2.0"))
    config = yaml.safe_load(files[".pre-commit-config.yaml"])
    assert config["repos"] == [{"repo": "https://example.org/catalogtool.git", "rev": "v1.2.0",
                                "hooks": [{"id": "catalogtool-validate"}]}]
    workflow = yaml.safe_load(files[".github/workflows/catalogtool.yml"])
    assert workflow["env"]["CATALOGTOOL"] == "catalogtool @ git+https://example.org/catalogtool.git@v1.2.0"


def test_the_local_hook_matches_the_projects_hook() -> None:
    """The default `repo: local` hook runs what .pre-commit-hooks.yaml runs, on the same files."""
    (project,) = yaml.safe_load((Path(__file__).resolve().parents[1] / ".pre-commit-hooks.yaml").read_text("utf-8"))
    (local,) = yaml.safe_load(render(parse_params("441803", "清远市清新区", 2026))[".pre-commit-config.yaml"])["repos"]
    (hook,) = local["hooks"]
    assert local["repo"] == "local" and hook["language"] == "system"
    for key in ("id", "entry", "pass_filenames", "files", "exclude", "require_serial"):
        assert hook[key] == project[key], key


@pytest.mark.parametrize(("path", "schema"), [(".github/workflows/catalogtool.yml", "vendor.github-workflows"),
                                              (".gitlab-ci.yml", "vendor.gitlab-ci")])
def test_ci_files_pass_their_platforms_schema(tmp_path: Path, path: str, schema: str) -> None:
    install(tmp_path, render(parse_params("441803", "清远市清新区", 2026)))
    done = subprocess.run([str(BIN / "check-jsonschema"), "--builtin-schema", schema, str(tmp_path / path)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr


def test_ci_files_validate_with_annotations_and_post_the_diff(tmp_path: Path) -> None:
    files = render(parse_params("441803", "清远市清新区", 2026))
    workflow = yaml.safe_load(files[".github/workflows/catalogtool.yml"])
    steps = [step.get("run", "") for step in workflow["jobs"]["validate"]["steps"]]
    assert any("catalogtool validate . --format github" in run for run in steps)
    assert any('catalogtool diff "origin/${GITHUB_BASE_REF}:." "HEAD:." --format markdown' in run
               and "GITHUB_STEP_SUMMARY" in run for run in steps)
    assert any("gh pr comment" in run for run in steps)
    gitlab = yaml.safe_load(files[".gitlab-ci.yml"])
    reports = gitlab["catalogtool-validate"]["artifacts"]["reports"]
    script = " ".join(gitlab["catalogtool-validate"]["script"])
    assert f"--format junit > {reports['junit']}" in script and f"--format gitlab > {reports['codequality']}" in script
    assert any("--format markdown" in line for line in gitlab["catalogtool-diff"]["script"])


@needs_git
def test_pre_commit_passes_then_fails_on_a_planted_error(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    _git(tmp_path, "init", "-q", str(repo))
    assert _init(repo).returncode == 0
    _git(repo, "add", "-A")

    def pre_commit() -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(BIN / "pre-commit"), "run", "--all-files"], cwd=repo, capture_output=True,
                              text=True, env=_env(tmp_path), timeout=300)

    passed = pre_commit()
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "catalogtool-validate" in passed.stdout or "Passed" in passed.stdout
    catalog = repo / "2026" / "purchase-catalog.yaml"
    catalog.write_text(catalog.read_text(encoding="utf-8").replace("code: A0101  #", "code: A01011  #"), "utf-8")
    _git(repo, "add", "-A")
    failed = pre_commit()
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "[code-hierarchy]" in failed.stdout and "2026/purchase-catalog.yaml:" in failed.stdout


@needs_git
def test_the_hook_checks_what_a_changed_file_breaks_elsewhere(tmp_path: Path) -> None:
    """Recoding a catalog item is valid in the catalog alone, but the plan citing it breaks: the commit stops."""
    repo = tmp_path / "repo"
    _git(tmp_path, "init", "-q", str(repo))
    assert _init(repo).returncode == 0
    _git(repo, "add", "-A")
    catalog = repo / "2026" / "purchase-catalog.yaml"
    catalog.write_text(catalog.read_text(encoding="utf-8").replace("code: A0101  #", "code: A0109  #"), "utf-8")
    _git(repo, "add", "-A")
    done = subprocess.run([str(BIN / "pre-commit"), "run", "--files", str(catalog)], cwd=repo, capture_output=True,
                          text=True, env=_env(tmp_path), timeout=300)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "[plan-catalog-ref]" in done.stdout


@needs_git
def test_init_in_a_git_work_tree_sets_the_diff_driver_and_git_diff_shows_item_changes(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    _git(tmp_path, "init", "-q", str(repo))
    done = _init(repo)
    assert "git diff" in done.stdout
    assert _git(repo, "config", "diff.catalogtool.command").stdout.strip() == "catalogtool git-diff"
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "init")
    catalog = repo / "2026" / "purchase-catalog.yaml"
    catalog.write_text(catalog.read_text(encoding="utf-8").replace("name: 居家养老上门服务  #",
                                                                   "name: 居家养老上门照料服务  #"), "utf-8")
    shown = _git(repo, "diff").stdout
    change = [line for line in shown.splitlines() if "A0101" in line]
    assert change and "修改" in change[0] and "居家养老上门照料服务" in change[0], shown
    assert "-            name: 居家养老上门服务" not in shown  # not the raw YAML lines


def test_outside_git_init_prints_the_one_command_to_run(tmp_path: Path) -> None:
    done = _init(tmp_path / "repo")
    assert done.returncode == 0
    assert 'git config diff.catalogtool.command "catalogtool git-diff"' in done.stdout
    readme = (tmp_path / "repo" / "README.md").read_text(encoding="utf-8")
    assert 'git config diff.catalogtool.command "catalogtool git-diff"' in readme
