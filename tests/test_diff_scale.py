"""`catalogtool diff` at scale: equal bytes are never parsed, the cache is never stale, and the
output is the same with and without the cache, in one process and in many."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from catalogtool.cli.main import app
from catalogtool.diff import editions, summary

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
runner = CliRunner()
COPIES = 26  # × 2 files: enough for the process pool


def diff(*args: str | Path, cache: Path | None = None) -> tuple[int, str, str]:
    env = {"CATALOGTOOL_LANG": "zh", "NO_COLOR": "1"}
    if cache is not None:
        env["CATALOGTOOL_CACHE_DIR"] = str(cache)
    result = runner.invoke(app, ["diff", *map(str, args)], env=env)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def editions_pair(tmp_path: Path) -> tuple[Path, Path]:
    """Two editions of many folders: most files equal, a few changed, one renamed, one added."""
    old, new = tmp_path / "old", tmp_path / "new"
    for n in range(COPIES):
        for edition, year in ((old, "2024"), (new, "2025" if n % 9 == 0 else "2024")):
            folder = edition / f"county-{n:02d}"
            folder.mkdir(parents=True)
            for name in ("purchase-catalog.yaml", "assistance-list.yaml"):
                shutil.copy(EXAMPLES / year / name, folder / name)
    (new / "county-03" / "assistance-list.yaml").rename(new / "county-03" / "list-2025.yaml")
    shutil.copy(EXAMPLES / "2025" / "access-list.yaml", new / "county-04" / "access-list.yaml")
    return old, new


@pytest.mark.parametrize("output_format", ["text", "json", "markdown"])
def test_the_same_output_with_and_without_the_cache(editions_pair: tuple[Path, Path], tmp_path: Path,
                                                    output_format: str) -> None:
    old, new = editions_pair
    expected = diff(old, new, "-f", output_format, "--no-cache", "-j", "1")
    assert expected[0] == 0 and "A020104" in expected[1]
    for jobs in ("1", "2"):
        cache = tmp_path / f"cache-{jobs}"
        assert diff(old, new, "-f", output_format, "-j", jobs, cache=cache) == expected
        assert diff(old, new, "-f", output_format, "-j", jobs, cache=cache) == expected


def test_equal_files_are_not_parsed_and_a_warm_run_parses_nothing(editions_pair: tuple[Path, Path], tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    old, new = editions_pair
    loaded: list[str] = []
    real = summary.load_blob

    def counting(content: bytes, path: str, *args: object, **kwargs: object) -> object:
        loaded.append(path)
        return real(content, path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(summary, "load_blob", counting)
    distinct = {(p.relative_to(root).as_posix(), p.read_bytes()) for root in (old, new) for p in root.rglob("*.yaml")}
    # Without the cache: each distinct (name, bytes) parsed once, the changed pairs (counties 0, 9 and 18)
    # compared from that parse; only the added file, compared with nothing, is parsed again.
    expected = diff(old, new, "-j", "1", "--no-cache")
    assert len(loaded) == len(distinct) + 1, loaded[len(distinct):]
    assert loaded[-1].endswith("county-04/access-list.yaml")
    # With it: that parse is kept for the comparison too, so each distinct file is parsed exactly once.
    loaded.clear()
    cache = tmp_path / "cache"
    assert diff(old, new, "-j", "1", cache=cache) == expected
    assert sorted(loaded) == sorted(name for name, _ in distinct)
    loaded.clear()
    assert diff(old, new, "-j", "1", cache=cache) == expected
    assert loaded == []


def test_an_edit_between_runs_is_seen(editions_pair: tuple[Path, Path], tmp_path: Path) -> None:
    old, new = editions_pair
    cache = tmp_path / "cache"
    assert "全县居家养老" not in diff(old, new, "-f", "json", cache=cache)[1]
    target = new / "county-05" / "purchase-catalog.yaml"
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace("name: 居家养老上门服务", "name: 全县居家养老服务", 1), encoding="utf-8")
    assert "全县居家养老服务" in diff(old, new, "-f", "json", cache=cache)[1]
    assert diff(old, new, "-f", "json", cache=cache) == diff(old, new, "-f", "json", "--no-cache")


def test_a_file_that_does_not_load_stops_the_diff_from_the_cache_too(editions_pair: tuple[Path, Path],
                                                                      tmp_path: Path) -> None:
    old, new = editions_pair
    (new / "county-07" / "purchase-catalog.yaml").write_text("kind: purchase-catalog\nitems: [\n", encoding="utf-8")
    cache = tmp_path / "cache"
    first = diff(old, new, cache=cache)
    assert first[0] == 2 and "county-07/purchase-catalog.yaml:" in first[2]
    assert diff(old, new, cache=cache) == first == diff(old, new, "--no-cache")


def test_git_revisions_from_the_cache(editions_pair: tuple[Path, Path], tmp_path: Path,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    old, new = editions_pair
    repo = tmp_path / "repo"
    shutil.copytree(old, repo / "catalogs")

    def git(*args: str) -> None:
        subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args], cwd=repo,
                       check=True, capture_output=True)

    git("init", "-q")
    git("add", ".")
    git("commit", "-qm", "old")
    shutil.rmtree(repo / "catalogs")
    shutil.copytree(new, repo / "catalogs")
    git("add", "-A")
    git("commit", "-qm", "new")
    monkeypatch.chdir(repo)
    expected = diff("HEAD~1:catalogs", "HEAD:catalogs", "--no-cache")

    def changes(args: tuple[str | Path, ...]) -> object:
        return json.loads(diff(*args, "-f", "json", "--no-cache")[1])["changes"]

    assert changes(("HEAD~1:catalogs", "HEAD:catalogs")) == changes((old, new))
    reads: list[int] = []
    real = editions.read_blobs
    for module in (editions, summary):
        monkeypatch.setattr(module, "read_blobs",
                            lambda where, oids, limits: reads.append(len(oids)) or real(where, oids, limits))
    cache = tmp_path / "cache"
    assert diff("HEAD~1:catalogs", "HEAD:catalogs", "-j", "1", cache=cache)[1] == expected[1]
    reads.clear()
    assert diff("HEAD~1:catalogs", "HEAD:catalogs", "-j", "1", cache=cache)[1] == expected[1]
    assert reads == []  # a warm run reads no blob: summaries and parsed documents are cached by blob id


def test_a_local_edition_against_a_revision_parses_what_two_folders_would(
        editions_pair: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A local file with the bytes of a blob is that blob: not parsed twice, not compared."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    old, new = editions_pair
    repo = tmp_path / "repo"
    shutil.copytree(old, repo / "catalogs")
    for args in (["init", "-q"], ["add", "."], ["commit", "-qm", "old"]):
        subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args], cwd=repo,
                       check=True, capture_output=True)
    shutil.rmtree(repo / "catalogs")
    shutil.copytree(new, repo / "catalogs")
    monkeypatch.chdir(repo)
    loaded: list[str] = []
    real = summary.load_blob
    monkeypatch.setattr(summary, "load_blob", lambda content, path, *a: loaded.append(path) or real(content, path, *a))
    folders = diff(old, new, "-f", "json", "-j", "1", "--no-cache")
    parsed = len(loaded)
    loaded.clear()
    mixed = diff("HEAD:catalogs", "catalogs", "-f", "json", "-j", "1", "--no-cache")
    assert json.loads(mixed[1]) == json.loads(folders[1]) and mixed[0] == folders[0]
    assert len(loaded) == parsed, loaded  # without blob ids: every file twice, and 26 pairs compared
    assert diff("HEAD:catalogs", "catalogs", "-f", "json", "-j", "2", cache=tmp_path / "cache") == mixed
    assert diff("catalogs", "HEAD:catalogs", "-f", "json", "-j", "1", cache=tmp_path / "cache")[0] == 0
