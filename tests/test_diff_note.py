"""diff's note on a doubtful comparison: the structural errors of the files compared, exactly as
validate counts them, the same cold and warm, in one process and in many."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from catalogtool.cli.main import app
from catalogtool.config import Config
from catalogtool.diff.structure import counted, structural_errors
from catalogtool.engine import validate_bytes
from catalogtool.loader import load_bytes
from catalogtool.problems import Level

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
CATALOG = "purchase-catalog.yaml"
runner = CliRunner()


def diff(*args: str, lang: str = "zh", cache: Path | None = None) -> tuple[int, str, str]:
    env = {"CATALOGTOOL_LANG": lang, "NO_COLOR": "1"}
    if cache is not None:
        env["CATALOGTOOL_CACHE_DIR"] = str(cache)
    result = runner.invoke(app, ["diff", *args, *(() if cache is not None else ("--no-cache",))], env=env)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of examples/ (its configuration included), as the current directory."""
    shutil.copytree(EXAMPLES, tmp_path / "repo")
    monkeypatch.chdir(tmp_path / "repo")
    return tmp_path / "repo"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_repeated_code_in_a_changed_file_gets_the_note_in_both_languages(repo: Path) -> None:
    edit(repo / "2025" / CATALOG, "code: A0102\n", "code: A0101\n")
    code, _, stderr = diff("2024", "2025")
    assert code == 0
    assert "2025 中与另一版本不同的文件有 1 个结构错误" in stderr and "比较结果可能不准确" in stderr
    assert "catalogtool validate 2025 查看" in stderr and "2024 中" not in stderr
    english = diff("2024", "2025", lang="en")[2]
    assert "the files of 2025 that differ from the other edition have 1 structural error(s)" in english
    assert diff("2024", "2024")[2] == ""  # nothing compared, nothing doubtful


def test_a_policy_error_is_validate_s_to_report_not_diff_s(repo: Path) -> None:
    edit(repo / "2025" / CATALOG, "code: A0102\n", "code: Z0102\n")  # code-hierarchy: an error, but not structural
    validated = runner.invoke(app, ["validate", "2025", "--no-cache"], env={"CATALOGTOOL_LANG": "zh"})
    assert validated.exit_code == 1 and "[code-hierarchy]" in validated.stdout
    code, stdout, stderr = diff("2024", "2025", "-f", "json")
    assert code == 0 and "Z0102" in stdout
    assert "结构错误" not in stderr


def test_only_the_files_compared_are_counted(repo: Path) -> None:
    # The same error in the access list of both editions: equal bytes, nothing compared there.
    shutil.copy(repo / "2025" / "access-list.yaml", repo / "2024" / "access-list.yaml")
    for year in ("2024", "2025"):
        edit(repo / year / "access-list.yaml", "schema: 1\n", "schema: 1\nextra: 1\n")
    assert "结构错误" not in diff("2024", "2025")[2]
    edit(repo / "2025" / "access-list.yaml", "extra: 1\n", "extra: 2\n")  # now it differs: compared, counted
    stderr = diff("2024", "2025")[2]
    assert "2024 中与另一版本不同的文件有 1 个结构错误" in stderr
    assert "2025 中与另一版本不同的文件有 1 个结构错误" in stderr


def test_the_note_is_the_same_cold_and_warm_serial_and_parallel(repo: Path, tmp_path: Path) -> None:
    """Also when a summary cached for a file that was not compared is needed for one that is."""
    for n in range(30):  # enough files for the process pool
        for year in ("2024", "2025"):
            shutil.copytree(EXAMPLES / year, repo / "many" / year / f"county-{n:02d}", ignore=shutil.ignore_patterns("plans"))
    bad = repo / "many" / "2024" / "county-07" / CATALOG
    edit(bad, "code: A0102\n", "code: A0101\n")
    shutil.copytree(repo / "many" / "2024", repo / "many" / "same")  # county-07's catalog the same as in 2024
    cache = tmp_path / "cache"
    first = diff("many/2024", "many/same", "-j", "1", cache=cache)
    assert first[0] == 0 and first[2] == ""  # equal bytes everywhere: nothing compared, no note
    expected = diff("many/2024", "many/2025", "-f", "json", "-j", "1")
    assert "many/2024 中与另一版本不同的文件有 1 个结构错误" in expected[2]
    for jobs in ("1", "2"):
        warm = tmp_path / f"cache-{jobs}"
        assert diff("many/2024", "many/2025", "-f", "json", "-j", jobs, cache=warm) == expected  # cold
        assert diff("many/2024", "many/2025", "-f", "json", "-j", jobs, cache=warm) == expected  # warm
    assert diff("many/2024", "many/2025", "-f", "json", "-j", "2", cache=cache) == expected  # after `first`


def _validate_count(text: str, config: Config) -> int:
    result = validate_bytes(text.encode("utf-8"), "doc.yaml", config)
    return sum(1 for p in result.problems if p.level is Level.ERROR and counted(p.rule))


STRUCTURAL_CASES = {
    "repeated code": ("code: A0102\n", "code: A0101\n"),
    "repeated key": ("    name: 公共服务\n", "    name: 公共服务\n    name: 公共\n"),
    "implicit type": ('title: ', "title: 0101\nnotes: "),
    "unknown key": ("schema: 1\n", "schema: 1\nextra: 1\n"),
    "suppressed": ("code: A0102\n", "code: A0101   # catalogtool: disable=duplicate-code 测试\n"),
    "suppressed, and one not": ("code: A0102\n", "code: A0101   # catalogtool: disable=code-hierarchy 测试\n"),
    "clean": ("", ""),
}


@pytest.mark.parametrize("case", sorted(STRUCTURAL_CASES))
@pytest.mark.parametrize("levels", [{}, {"schema": Level.WARNING}, {"duplicate-code": Level.OFF}])
def test_structural_errors_are_validate_s_errors_of_those_rules(case: str, levels: dict[str, Level]) -> None:
    """The note's count is the fast path; validate (every rule, then only these counted) the reference."""
    old, new = STRUCTURAL_CASES[case]
    text = (EXAMPLES / "2025" / CATALOG).read_text(encoding="utf-8").replace(old, new, 1)
    config = Config(levels=levels)
    doc = load_bytes(text.encode("utf-8"), "doc.yaml", config.limits)
    assert structural_errors(doc, config) == _validate_count(text, config)
    if not levels:
        assert (structural_errors(doc, config) > 0) is (case not in ("clean", "suppressed"))


def test_every_example_counts_as_validate_counts() -> None:
    config = Config()
    files = sorted(EXAMPLES.rglob("*.yaml"))
    assert len(files) > 5
    for path in files:
        text = path.read_text(encoding="utf-8")
        doc = load_bytes(text.encode("utf-8"), "doc.yaml", config.limits)
        assert structural_errors(doc, config) == _validate_count(text, config), path
