"""`catalogtool diff` end to end: files, directories, git revisions, every output format, exit codes."""

from __future__ import annotations

import io
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

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SCHEMA = json.loads((ROOT / "tests" / "data" / "diff-output.schema.json").read_text(encoding="utf-8"))
EXPECTED_CHANGES = 48  # tests/data/example-changes.yaml

runner = CliRunner()


def run(*args: str | Path):
    return runner.invoke(app, ["diff", *map(str, args)], env={"NO_COLOR": "1", "CATALOGTOOL_LANG": "zh"})


@pytest.fixture
def editions(tmp_path: Path) -> tuple[Path, Path]:
    """Copies of examples/2024 and examples/2025 (with a non-document YAML file beside them)."""
    old, new = tmp_path / "2024", tmp_path / "2025"
    shutil.copytree(EXAMPLES / "2024", old)
    shutil.copytree(EXAMPLES / "2025", new)
    for folder in (old, new):
        (folder / "townships.yaml").write_text("townships: []\n", encoding="utf-8")
        (folder / "catalogtool.yaml").write_text("diff: {similarity: 0.8}\n", encoding="utf-8")
    return old, new


# --------------------------------------------------------------------------- local inputs


def test_two_files(editions: tuple[Path, Path]) -> None:
    old, new = editions
    result = run(old / "purchase-catalog.yaml", new / "purchase-catalog.yaml")
    assert result.exit_code == 0, result.output
    assert "共 10 处变更" in result.stdout
    assert "A0203 → A020104" in result.stdout
    assert "\x1b[" not in result.stdout


def test_two_directories_json(editions: tuple[Path, Path]) -> None:
    old, new = editions
    result = run(old, new, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    jsonschema.validate(data, SCHEMA)
    assert len(data["changes"]) == EXPECTED_CHANGES
    assert data["summary"] == {"added": 8, "removed": 6, "changed": 22, "recoded": 5, "header": 7}
    plans = {f"plans/{town}.yaml" for town in ("taihe", "shantang", "sankeng", "longjing")}
    assert {c["document"] for c in data["changes"]} == {"purchase-catalog.yaml", "access-list.yaml",
                                                        "assistance-list.yaml", *plans}
    assert "townships.yaml" in result.stderr  # said to be skipped, not silently ignored


def test_markdown_output(editions: tuple[Path, Path]) -> None:
    old, new = editions
    result = run(old, new, "-f", "markdown")
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert text.startswith("### 目录与清单变更")
    assert "| 文件 | 文件类型 | 新增 | 删除 | 修改 | 重新编码 | 文件信息 |" in text
    assert "#### 重新编码（5）" in text
    _check_tables(text)


def _check_tables(text: str) -> None:
    """Every row of a Markdown table has as many cells as its header row."""
    import re

    width = None
    for line in text.splitlines():
        if not line.startswith("|"):
            width = None
            continue
        cells = len(re.findall(r"(?<!\\)\|", line)) - 1
        if width is None:
            width = cells
        assert cells == width, line


def test_exit_code(editions: tuple[Path, Path]) -> None:
    old, new = editions
    assert run(old, new, "--exit-code").exit_code == 1
    assert run(old, old, "--exit-code").exit_code == 0
    assert run(old, new).exit_code == 0
    same = run(old / "access-list.yaml", old / "access-list.yaml", "--exit-code")
    assert same.exit_code == 0 and "没有变更" in same.stdout


def test_output_file_and_english(editions: tuple[Path, Path], tmp_path: Path) -> None:
    old, new = editions
    out = tmp_path / "out" / "diff.md"
    result = run(old, new, "-f", "markdown", "-o", out, "--lang", "en")
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    text = out.read_text(encoding="utf-8")
    assert "Catalog and list changes" in text and "#### recoded (5)" in text


def test_xlsx_has_one_row_per_change(editions: tuple[Path, Path], tmp_path: Path) -> None:
    pytest.importorskip("catalogtool.excel.write.compare_sheet", reason="the Excel helper's compare_sheet has not landed")
    from openpyxl import load_workbook

    old, new = editions
    out = tmp_path / "对照表.xlsx"
    result = run(old, new, "-f", "xlsx", "-o", out)
    assert result.exit_code == 0, result.output
    sheet = load_workbook(out).active
    data_rows = [row for row in sheet.iter_rows(min_row=4, values_only=True) if any(v is not None for v in row)]
    assert len(data_rows) == EXPECTED_CHANGES


def test_xlsx_needs_an_output_file(editions: tuple[Path, Path]) -> None:
    old, new = editions
    result = run(old, new, "-f", "xlsx")
    assert result.exit_code == 2
    assert "-o" in result.stderr


def test_output_never_overwrites_an_input(editions: tuple[Path, Path]) -> None:
    old, new = editions
    target = new / "purchase-catalog.yaml"
    before = target.read_bytes()
    result = run(old / "purchase-catalog.yaml", target, "-o", target)
    assert result.exit_code == 2
    assert target.read_bytes() == before
    # A YAML output inside an input folder would be read as a document next time.
    assert run(old, new, "-f", "json", "-o", new / "report.yaml").exit_code == 2
    assert not (new / "report.yaml").exists()
    # A report beside the documents is fine.
    assert run(old, new, "-f", "json", "-o", new / "report.json").exit_code == 0


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--format", "html"], "--format"),
        (["--similarity", "1.5"], "相似度"),
        (["--lang", "fr"], "--lang"),
    ],
)
def test_bad_options_exit_2(editions: tuple[Path, Path], args: list[str], needle: str) -> None:
    old, new = editions
    result = run(old, new, *args)
    assert result.exit_code == 2
    assert needle in result.stderr


def test_file_against_directory_is_a_usage_error(editions: tuple[Path, Path]) -> None:
    old, new = editions
    result = run(old / "purchase-catalog.yaml", new)
    assert result.exit_code == 2
    assert "目录" in result.stderr


def test_missing_path_is_named(tmp_path: Path) -> None:
    result = run(tmp_path / "nope.yaml", tmp_path / "nope2.yaml")
    assert result.exit_code == 2
    assert "nope.yaml" in result.stderr


def test_broken_file_names_file_line_column(editions: tuple[Path, Path]) -> None:
    old, new = editions
    broken = new / "access-list.yaml"
    broken.write_text("kind: access-list\nitems:\n  - code: [unclosed\n", encoding="utf-8")
    result = run(old, new)
    assert result.exit_code == 2
    assert "access-list.yaml:" in result.stderr
    line = next(s for s in result.stderr.splitlines() if "access-list.yaml:" in s)
    assert line.split("access-list.yaml:")[1].split(":")[0].isdigit()
    assert "Traceback" not in result.output


def test_different_kinds_cannot_be_compared(editions: tuple[Path, Path]) -> None:
    old, new = editions
    result = run(old / "access-list.yaml", new / "assistance-list.yaml")
    assert result.exit_code == 2
    assert "access-list" in result.stderr and "assistance-list" in result.stderr


def test_similarity_from_option_and_config(tmp_path: Path) -> None:
    head = "schema: 1\ntitle: 清单\nregion: {code: '441803', name: 清新区}\nyear: 2025\nissuer: 区政府\n"
    old = tmp_path / "old.yaml"
    new = tmp_path / "new.yaml"
    old.write_text("kind: assistance-list\n" + head + "items:\n  - {code: XZ-001, name: 森林防火宣传, content: 协助开展森林防火宣传，劝阻野外用火}\n", encoding="utf-8")
    new.write_text("kind: assistance-list\n" + head + "items:\n  - {code: XZ-002, name: 森林防火巡查, content: 协助开展森林防火巡查，劝阻野外违规用火并报告火情}\n", encoding="utf-8")
    types = lambda result: sorted(c["type"] for c in json.loads(result.stdout)["changes"])  # noqa: E731
    assert types(run(old, new, "-f", "json")) == ["added", "removed"]
    assert types(run(old, new, "-f", "json", "--similarity", "0.5")) == ["recoded"]
    config = tmp_path / "catalogtool.yaml"
    config.write_text("diff:\n  similarity: 0.5\n", encoding="utf-8")
    assert types(run(old, new, "-f", "json")) == ["recoded"]  # found next to the inputs
    assert types(run(old, new, "-f", "json", "--similarity", "0.9")) == ["added", "removed"]


# --------------------------------------------------------------------------- git


def git(repo: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com", "GIT_CONFIG_GLOBAL": os.devnull}
    done = subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=True)
    return done.stdout


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    root = tmp_path / "repo"
    (root / "catalogs" / "区级").mkdir(parents=True)
    git(root, "init", "-q")
    git(root, "checkout", "-q", "-b", "main")
    for name in ("purchase-catalog.yaml", "access-list.yaml"):
        shutil.copy(EXAMPLES / "2024" / name, root / "catalogs" / "区级" / name)
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "2024")
    git(root, "checkout", "-q", "-b", "edition-2025")
    for name in ("purchase-catalog.yaml", "access-list.yaml"):
        shutil.copy(EXAMPLES / "2025" / name, root / "catalogs" / "区级" / name)
    git(root, "commit", "-q", "-am", "2025")
    monkeypatch.chdir(root)
    return root


def test_git_revisions_of_a_directory(repo: Path) -> None:
    result = run("main:catalogs", "HEAD:catalogs", "-f", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert {c["document"] for c in data["changes"]} == {"区级/purchase-catalog.yaml", "区级/access-list.yaml"}
    assert len(data["changes"]) == 15


def test_git_revisions_from_a_subdirectory(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # git paths after the colon are from the repository root, wherever the command runs
    monkeypatch.chdir(repo / "catalogs" / "区级")
    result = run("main:catalogs", "HEAD:catalogs", "-f", "json")
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.stdout)["changes"]) == 15
    whole = run("main:", "HEAD:", "-f", "json")
    assert len(json.loads(whole.stdout)["changes"]) == 15
    # `.` is the current directory, as docs/ci.md uses it: main:. HEAD:.
    here = run("main:.", "HEAD:.", "-f", "json")
    assert here.exit_code == 0, here.output
    assert {c["document"] for c in json.loads(here.stdout)["changes"]} == {"purchase-catalog.yaml", "access-list.yaml"}
    assert run("main:../../..", "HEAD:.").exit_code == 2


def test_git_revision_against_working_tree_file(repo: Path) -> None:
    result = run("main:catalogs/区级/access-list.yaml", "catalogs/区级/access-list.yaml", "--exit-code")
    assert result.exit_code == 1, result.output
    assert "ZR-007 → ZR-014" in result.stdout


def test_bad_revision_exits_2_naming_it(repo: Path) -> None:
    result = run("no-such-branch:catalogs", "HEAD:catalogs")
    assert result.exit_code == 2
    assert "no-such-branch" in result.stderr
    assert "Traceback" not in result.output


def test_missing_path_in_revision_exits_2_naming_it(repo: Path) -> None:
    result = run("main:catalogz", "HEAD:catalogs")
    assert result.exit_code == 2
    assert "catalogz" in result.stderr and "main" in result.stderr


def test_revision_outside_a_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    result = run("main:catalogs", "HEAD:catalogs")
    assert result.exit_code == 2
    assert "main:catalogs" in result.stderr


def test_blob_over_the_size_limit_is_never_read(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from catalogtool.diff import inputs

    big = repo / "catalogs" / "区级" / "purchase-catalog.yaml"
    big.write_text(big.read_text(encoding="utf-8") + "# " + "填" * 4000 + "\n", encoding="utf-8")
    git(repo, "commit", "-q", "-am", "big")
    oid = git(repo, "rev-parse", "HEAD:catalogs/区级/purchase-catalog.yaml").strip()
    asked: list[bytes] = []
    real_git = inputs._git

    def spy(args: list[str], cwd: Path, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
        if args[:2] == ["cat-file", "--batch"] and stdin is not None:
            asked.append(stdin)
        return real_git(args, cwd, stdin)

    monkeypatch.setattr(inputs, "_git", spy)
    limits = inputs.LoadLimits(max_file_bytes=10_000)
    blobs = inputs._cat_files(repo, ["HEAD:catalogs/区级/purchase-catalog.yaml", "HEAD:catalogs/区级/access-list.yaml"],
                              limits.max_file_bytes)
    too_big = blobs["HEAD:catalogs/区级/purchase-catalog.yaml"]
    assert isinstance(too_big, inputs.TooLarge) and too_big.size == big.stat().st_size
    assert isinstance(blobs["HEAD:catalogs/区级/access-list.yaml"], bytes)
    assert asked and all(oid.encode() not in stdin for stdin in asked)
    # and the command says so, as for a file on disk over the limit
    (repo / "catalogtool.yaml").write_text("limits:\n  max_file_bytes: 10000\n", encoding="utf-8")
    result = run("main:catalogs", "HEAD:catalogs")
    assert result.exit_code == 2, result.output
    assert "purchase-catalog.yaml" in result.stderr and "超过上限" in result.stderr


# --------------------------------------------------------------------------- the installed entry point


def test_python_dash_m_entry_point(editions: tuple[Path, Path]) -> None:
    old, new = editions
    env = {**os.environ, "NO_COLOR": "1", "PYTHONIOENCODING": "utf-8"}
    done = subprocess.run(
        [sys.executable, "-m", "catalogtool", "diff", str(old), str(new), "-f", "json", "--exit-code"],
        capture_output=True, env=env, cwd=ROOT, check=False,
    )
    assert done.returncode == 1, done.stderr.decode()
    assert len(json.load(io.BytesIO(done.stdout))["changes"]) == EXPECTED_CHANGES


def test_config_exclude_is_honoured(editions: tuple[Path, Path], tmp_path: Path) -> None:
    old, new = editions
    (new / "drafts").mkdir()
    (new / "drafts" / "草稿.yaml").write_text("kind: access-list\nitems: [\n", encoding="utf-8")
    assert run(old, new).exit_code == 2  # a broken file stops the diff ...
    config = tmp_path / "catalogtool.yaml"
    config.write_text("exclude: ['2025/drafts/**']\n", encoding="utf-8")
    result = run(old, new, "-f", "json", "--config", config)  # ... unless the configuration excludes it
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.stdout)["changes"]) == EXPECTED_CHANGES


def test_empty_yaml_files_are_not_documents(editions: tuple[Path, Path]) -> None:
    old, new = editions
    (new / "空.yaml").write_text("# 还没写\n", encoding="utf-8")
    result = run(old, new, "-f", "json")
    assert result.exit_code == 0, result.output
    assert "空.yaml" in result.stderr
    single = run(old / "access-list.yaml", new / "空.yaml")
    assert single.exit_code == 2 and "kind" in single.stderr


def test_invalid_documents_get_a_note_on_stderr(editions: tuple[Path, Path]) -> None:
    old, new = editions
    target = new / "purchase-catalog.yaml"
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace("code: A0102", "code: A0101", 1), encoding="utf-8")
    result = run(old / "purchase-catalog.yaml", target)
    assert result.exit_code == 0
    assert "1 个结构错误" in result.stderr and "比较结果可能不准确" in result.stderr
    clean = run(old / "purchase-catalog.yaml", old / "purchase-catalog.yaml")
    assert "结构错误" not in clean.stderr


def test_plain_text_marks_a_field_that_was_only_added_or_removed(tmp_path: Path) -> None:
    """Without colour an added field reads {+…+} and a removed one [-…-], as changed words do (issue 7.16)."""
    before = tmp_path / "before.yaml"
    after = tmp_path / "after.yaml"
    shutil.copy(EXAMPLES / "2025" / "access-list.yaml", before)
    text = before.read_text(encoding="utf-8")
    after.write_text(text.replace("    term: 长期", "    notes: 新增的备注\n    term: 长期", 1), encoding="utf-8")
    added = run(before, after)
    assert added.exit_code == 0, added.output
    assert "{+新增的备注+}" in added.stdout
    removed = run(after, before)
    assert "[-新增的备注-]" in removed.stdout
    # A value that changed keeps the plain `old → new`: the arrow already says which is which.
    after.write_text(text.replace("term: 长期", "term: 临时", 1), encoding="utf-8")
    changed = run(before, after)
    assert "长期 → 临时" in changed.stdout
