"""Which files a run checks (issue 7, points 2 and 23).

Files named on the command line (as pre-commit and editors name them) follow the
same rules as files found in a folder: the governing configuration's `exclude`,
hidden files and catalogtool.yaml are left out.  Only regular files are read: a
named pipe in a folder is skipped, one named on the command line is reported,
and neither is ever opened (opening a pipe waits for a writer forever).
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from catalogtool.cli.main import app

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"


def run(*args: str | Path):
    return CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=False)


def run_json(*args: str | Path) -> tuple[int, dict]:
    result = run("validate", "--format", "json", "--jobs", "1", *args)
    return result.exit_code, json.loads(result.stdout)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the shipped examples as a repository root, the working directory."""
    shutil.copytree(EXAMPLES, tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_excluded_files_named_on_the_command_line_are_not_checked(repo):
    # What pre-commit passes: every changed YAML file, the roster among them.
    named = sorted(str(p.relative_to(repo)) for p in (repo / "examples").rglob("*.yaml"))
    assert "examples/townships.yaml" in named
    code, data = run_json(*named)
    assert code == 0, data["problems"]
    files = {f["file"] for f in data["files"]}
    assert "examples/townships.yaml" not in files and "examples/catalogtool.yaml" not in files
    assert len(files) == 14  # 2 years × (catalog, 2 lists, 4 township plans)


def test_only_excluded_files_named_says_so_and_passes(repo):
    result = run("validate", "examples/townships.yaml")
    assert result.exit_code == 0
    assert "不参加检查" in result.stderr and "exclude" in result.stderr
    assert "共检查 0 个文件" in result.stdout


def test_hidden_files_named_on_the_command_line_are_not_documents(repo):
    (repo / ".pre-commit-config.yaml").write_text("repos: []\n", encoding="utf-8")
    (repo / ".github" / "workflows").mkdir(parents=True)
    (repo / ".github" / "workflows" / "ci.yml").write_text("on: push\n", encoding="utf-8")
    code, data = run_json(".pre-commit-config.yaml", ".github/workflows/ci.yml", "examples/2025/access-list.yaml")
    assert code == 0, data["problems"]
    assert [f["file"] for f in data["files"]] == ["examples/2025/access-list.yaml"]


def test_a_named_file_outside_any_hidden_folder_is_still_checked(tmp_path, monkeypatch):
    # Folders above the working directory do not make a file hidden.
    work = tmp_path / ".cache" / "repo"
    work.mkdir(parents=True)
    shutil.copy(EXAMPLES / "2025" / "access-list.yaml", work / "list.yaml")
    monkeypatch.chdir(work)
    code, data = run_json("list.yaml")
    assert code == 0 and [f["file"] for f in data["files"]] == ["list.yaml"]


def test_an_excluded_editor_buffer_is_not_checked(repo):
    result = subprocess.run(
        [sys.executable, "-m", "catalogtool", "validate", "-", "--stdin-filename", "examples/townships.yaml",
         "--format", "json"],
        input=(EXAMPLES / "townships.yaml").read_bytes(), capture_output=True, check=False, timeout=60, cwd=repo)
    assert result.returncode == 0, result.stdout
    assert json.loads(result.stdout)["problems"] == []


def test_an_exclude_pattern_may_name_a_folder(tmp_path):
    (tmp_path / "catalogtool.yaml").write_text("exclude: [drafts, old/]\n", encoding="utf-8")
    for folder in ("drafts/deep", "old", "2025"):
        (tmp_path / folder).mkdir(parents=True)
        (tmp_path / folder / "x.yaml").write_text("not: a document\n", encoding="utf-8")
    shutil.copy(EXAMPLES / "2025" / "access-list.yaml", tmp_path / "2025" / "x.yaml")
    code, data = run_json(tmp_path)
    assert code == 0, data["problems"]
    assert [Path(f["file"]).parent.name for f in data["files"]] == ["2025"]


# ---------------------------------------------------------------- pipes, sockets, devices

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this platform")


def validate_subprocess(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    """A separate process with a timeout: a run that opens a pipe would wait forever."""
    return subprocess.run([sys.executable, "-m", "catalogtool", "validate", "--format", "json",
                           *[str(a) for a in args]], capture_output=True, text=True, check=False,
                          timeout=60, cwd=cwd)


@needs_fifo
def test_a_named_pipe_in_a_folder_is_skipped_not_read(tmp_path):
    shutil.copy(EXAMPLES / "2025" / "access-list.yaml", tmp_path / "list.yaml")
    os.mkfifo(tmp_path / "pipe.yaml")
    result = validate_subprocess(".", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert [f["file"] for f in json.loads(result.stdout)["files"]] == ["list.yaml"]


@needs_fifo
@pytest.mark.parametrize("cached", [False, True])
def test_a_named_pipe_named_on_the_command_line_is_reported_not_read(tmp_path, cached):
    shutil.copy(EXAMPLES / "2025" / "access-list.yaml", tmp_path / "list.yaml")
    os.mkfifo(tmp_path / "pipe.yaml")
    extra = ["--cache-dir", tmp_path / "cache"] if cached else []
    result = validate_subprocess("pipe.yaml", "list.yaml", *extra, cwd=tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    data = json.loads(result.stdout)
    [problem] = data["problems"]
    assert (problem["file"], problem["rule"], problem["line"]) == ("pipe.yaml", "unreadable-file", 1)
    assert "命名管道" in problem["message"]
    assert {f["file"] for f in data["files"]} == {"pipe.yaml", "list.yaml"}


@needs_fifo
def test_diff_and_export_skip_a_named_pipe_in_a_folder(tmp_path):
    for edition in ("old", "new"):
        (tmp_path / edition).mkdir()
        shutil.copy(EXAMPLES / "2025" / "access-list.yaml", tmp_path / edition / "list.yaml")
        os.mkfifo(tmp_path / edition / "pipe.yaml")
    diff = subprocess.run([sys.executable, "-m", "catalogtool", "diff", "old", "new"], capture_output=True,
                          text=True, check=False, timeout=60, cwd=tmp_path)
    assert diff.returncode == 0, diff.stderr
    export = subprocess.run([sys.executable, "-m", "catalogtool", "export", "new", "-o", "guide.xlsx"],
                            capture_output=True, text=True, check=False, timeout=120, cwd=tmp_path)
    assert export.returncode == 0, export.stderr
    assert (tmp_path / "guide.xlsx").is_file()


# ---------------------------------------------------------------- the shipped pre-commit hook

@pytest.mark.slow
def test_the_shipped_pre_commit_hook_passes_on_the_shipped_examples(tmp_path):
    """`pre-commit try-repo` of this repository on a git repository holding a copy of examples/."""
    if importlib.util.find_spec("pre_commit") is None:
        pytest.skip("pre-commit is not installed")
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("needs git and a git checkout of catalogtool")
    repo = tmp_path / "catalogs"
    shutil.copytree(EXAMPLES, repo / "examples")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid"}

    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True, timeout=60)

    def hook() -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "catalogtool-validate",
                               "--all-files"], cwd=repo, env=env, capture_output=True, text=True, check=False,
                              timeout=900)

    git("init", "-q")
    git("add", "-A")
    git("commit", "-q", "-m", "examples")
    clean = hook()
    assert clean.returncode == 0, clean.stdout + clean.stderr
    catalog = repo / "examples" / "2025" / "purchase-catalog.yaml"
    catalog.write_text(catalog.read_text(encoding="utf-8").replace("code: A0102", "code: A0101", 1), encoding="utf-8")
    git("add", "-A")
    planted = hook()
    assert planted.returncode == 1, planted.stdout + planted.stderr
    assert "duplicate-code" in planted.stdout
