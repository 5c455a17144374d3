"""The default results cache: never stale (bytes, configuration, version, schemas), the same
output with and without it, safe under concurrent runs, bounded, and quiet when unusable."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

import catalogtool
from catalogtool import cache as cache_module
from catalogtool.cli.main import app
from catalogtool.engine import PARALLEL_THRESHOLD
from catalogtool.reporters import REPORTERS

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "2025"
runner = CliRunner()
OLD = 1_600_000_000_000_000_000  # a file time long past: such files go into the stat index


def validate(*args: str | Path, cache: Path | None = None) -> tuple[int, str, str]:
    env = {"CATALOGTOOL_LANG": "zh", "NO_COLOR": "1"}
    if cache is not None:
        env["CATALOGTOOL_CACHE_DIR"] = str(cache)
    result = runner.invoke(app, ["validate", *map(str, args)], env=env)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result.exit_code, result.stdout, result.stderr


def age(*paths: Path) -> None:
    for path in paths:
        os.utime(path, ns=(OLD, OLD))


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """The example catalog and lists, plus one file with findings, all old enough to be indexed."""
    folder = tmp_path / "repo"
    folder.mkdir()
    for name in ("purchase-catalog.yaml", "assistance-list.yaml", "access-list.yaml"):
        shutil.copy(EXAMPLES / name, folder / name)
    text = (EXAMPLES / "purchase-catalog.yaml").read_text(encoding="utf-8")
    (folder / "bad.yaml").write_text(text.replace("code: A01\n", "code: A1\n", 1), encoding="utf-8")
    age(*folder.iterdir())
    return folder


def poison(cache: Path) -> int:
    """Give every cached result, each file's and each whole run's, a problem no check makes: seeing it
    proves a result came from the cache.  Returns how many files' results were poisoned."""
    count = 0
    for space in ("results", "runs"):
        for entry in (cache / space).rglob("*.json"):
            data = json.loads(entry.read_text(encoding="utf-8"))
            data["problems"].append({"file": "poisoned.yaml", "line": 1, "column": 1, "pointer": "", "rule": "poison",
                                     "level": "error", "zh": "来自缓存", "en": "from the cache"})
            entry.write_text(json.dumps(data), encoding="utf-8")
            count += space == "results"
    return count


def test_a_repeated_run_is_served_from_the_default_cache(repo: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = validate(repo, "--jobs", "1", cache=cache)
    assert poison(cache) == 4
    assert "poisoned.yaml" in validate(repo, "--jobs", "1", cache=cache)[1]
    assert validate(repo, "--jobs", "1", "--no-cache", cache=cache) == first
    for entry in cache.rglob("*"):  # JSON only, never pickle
        if entry.is_file() and entry.suffix in (".json", ".idx"):
            json.loads(entry.read_bytes())


def test_one_byte_changed_is_checked_again_even_with_size_and_mtime_kept(repo: Path, tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache_module, "RACY_SECONDS", 0.05)  # rather than wait for the inode times to age
    time.sleep(0.1)
    cache = tmp_path / "cache"
    validate(repo, "--jobs", "1", cache=cache)
    assert list((cache / "index").rglob("*.idx")), "old files are indexed by their stat"
    poison(cache)
    bad = repo / "bad.yaml"
    content = bad.read_bytes()
    bad.write_bytes(content.replace(b"code: A1\n", b"code: A2\n", 1))  # same size
    age(bad)  # and the same mtime: only the inode's change time tells
    code, out, _ = validate(repo, "--format", "json", "--jobs", "1", cache=cache)
    found = json.loads(out)["problems"]
    assert {p["file"] for p in found if p["rule"] == "poison"} == {"poisoned.yaml"}  # the other files: cached
    bad_rules = [p["rule"] for p in found if p["file"].endswith("bad.yaml")]
    assert bad_rules and "poison" not in bad_rules  # bad.yaml: checked again
    assert code == 1


def test_a_changed_configuration_is_checked_again(repo: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    config = repo / "catalogtool.yaml"
    config.write_text("{}\n", encoding="utf-8")
    validate(repo, "--jobs", "1", cache=cache)
    poison(cache)
    assert "poisoned.yaml" in validate(repo, "--jobs", "1", cache=cache)[1]
    config.write_text("rules:\n  region-code: warning\n", encoding="utf-8")
    assert "poisoned.yaml" not in validate(repo, "--jobs", "1", cache=cache)[1]


def test_a_new_version_checks_again(repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    validate(repo, "--jobs", "1", cache=cache)
    poison(cache)
    monkeypatch.setattr(catalogtool, "__version__", catalogtool.__version__ + ".post1")
    assert "poisoned.yaml" not in validate(repo, "--jobs", "1", cache=cache)[1]


def test_a_changed_schema_checks_again(repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from catalogtool import schemas

    cache = tmp_path / "cache"
    copy = tmp_path / "schemas"
    shutil.copytree(schemas._schema_dir(), copy)
    monkeypatch.setattr(schemas, "_schema_dir", lambda: copy)
    validate(repo, "--jobs", "1", cache=cache)
    poison(cache)
    assert "poisoned.yaml" in validate(repo, "--jobs", "1", cache=cache)[1]
    schema = copy / "purchase-catalog.schema.json"
    data = json.loads(schema.read_text(encoding="utf-8"))
    data["description"] = str(data.get("description", "")) + " (edited)"
    schema.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert "poisoned.yaml" not in validate(repo, "--jobs", "1", cache=cache)[1]


@pytest.fixture
def big_repo(tmp_path: Path) -> Path:
    """Enough files for a process pool, with findings of single files and of the run."""
    folder = tmp_path / "big"
    catalog = (EXAMPLES / "purchase-catalog.yaml").read_text(encoding="utf-8")
    listing = (EXAMPLES / "assistance-list.yaml").read_text(encoding="utf-8")
    for n in range(PARALLEL_THRESHOLD // 2 + 2):
        sub = folder / f"c{n:02d}"
        sub.mkdir(parents=True)
        (sub / "catalog.yaml").write_text(catalog if n % 3 else catalog.replace("code: A01\n", "code: A1\n", 1),
                                          encoding="utf-8")
        (sub / "list.yaml").write_text(listing if n % 4 else listing.replace("purchase_ref: A0101", "purchase_ref: A9999", 1),
                                       encoding="utf-8")
    return folder


@pytest.mark.parametrize("output_format", sorted(REPORTERS))
def test_outputs_are_the_same_with_and_without_the_cache(big_repo: Path, tmp_path: Path, output_format: str) -> None:
    expected = validate(big_repo, "--format", output_format, "--jobs", "1", "--no-cache")
    assert expected[0] == 1
    for jobs in ("1", "2"):
        cache = tmp_path / f"cache-{output_format}-{jobs}"
        cold = validate(big_repo, "--format", output_format, "--jobs", jobs, cache=cache)
        warm = validate(big_repo, "--format", output_format, "--jobs", jobs, cache=cache)
        assert cold == expected and warm == expected
        assert (cache / "results").is_dir()


def test_concurrent_runs_on_one_cache_folder_are_both_right(big_repo: Path, tmp_path: Path) -> None:
    expected = validate(big_repo, "--format", "json", "--jobs", "1", "--no-cache")
    cache = tmp_path / "shared-cache"
    env = {**os.environ, "CATALOGTOOL_CACHE_DIR": str(cache), "CATALOGTOOL_LANG": "zh"}
    for _ in range(2):  # a cold pair that write the same entries, then a warm pair
        runs = [subprocess.Popen([sys.executable, "-m", "catalogtool", "validate", str(big_repo), "--format", "json"],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env) for _ in range(2)]
        for process in runs:
            out, err = process.communicate(timeout=300)
            assert (process.returncode, out.decode("utf-8")) == expected[:2], err.decode()


def test_a_torn_or_foreign_entry_is_a_miss(repo: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = validate(repo, "--jobs", "1", cache=cache)
    entries = sorted((cache / "results").rglob("*.json"))
    entries[0].write_bytes(entries[0].read_bytes()[:20])  # torn
    data = json.loads(entries[1].read_text(encoding="utf-8"))
    entries[2].write_text(json.dumps({**data, "problems": []}), encoding="utf-8")  # another key's entry
    for shard in (cache / "index").rglob("*.idx"):
        shard.write_text("[1, 2", encoding="utf-8")
    assert validate(repo, "--jobs", "1", cache=cache) == first


def test_an_unwritable_cache_folder_means_an_uncached_run_and_one_note(repo: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    expected = validate(repo, "--jobs", "1", "--no-cache")
    code, out, err = validate(repo, "--jobs", "1", cache=blocker / "cache")
    assert (code, out) == expected[:2]
    assert len(err.splitlines()) == 1 and "提示：无法写入缓存目录" in err and "本次不使用缓存" in err


def test_no_cache_writes_nothing(repo: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    validate(repo, "--no-cache", cache=cache)
    assert not cache.exists()


def test_the_default_folder_is_the_platform_cache_unless_overridden(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CATALOGTOOL_CACHE_DIR", str(tmp_path / "given"))
    assert cache_module.default_folder() == tmp_path / "given"
    monkeypatch.delenv("CATALOGTOOL_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    if sys.platform.startswith("linux"):
        assert cache_module.default_folder() == tmp_path / "xdg" / "catalogtool"


def test_pruning_removes_the_least_recently_used_entries(tmp_path: Path) -> None:
    for n in range(10):
        entry = tmp_path / "results" / f"{n:02d}" / f"{n:02d}.json"
        entry.parent.mkdir(parents=True)
        entry.write_bytes(b"x" * 1000)
        os.utime(entry, (1_700_000_000 + n, 1_700_000_000 + n))
    assert cache_module.prune(tmp_path, max_bytes=5000, every=0) == 7
    left = sorted(p.name for p in (tmp_path / "results").rglob("*.json"))
    assert left == ["07.json", "08.json", "09.json"]
    assert cache_module.prune(tmp_path, max_bytes=5000, every=3600) == 0  # measured a moment ago


def test_pruning_bounds_every_space_the_cache_holds_and_nothing_else(tmp_path: Path) -> None:
    """Run results, compiled validators (flat files) and the spaces older versions wrote count
    toward the cap and go first when least recently used; a file of the user's own never does."""
    names = [("runs", "aa", "r0.json"), ("validators", None, "v0.bin"), ("facts", "bb", "f0.json"),
             ("editions", "cc", "e0.json"), ("results", "dd", "x0.json"), ("results", "dd", "x1.json")]
    for n, (space, bucket, name) in enumerate(names):
        entry = tmp_path / space / bucket / name if bucket else tmp_path / space / name
        entry.parent.mkdir(parents=True, exist_ok=True)
        entry.write_bytes(b"x" * 1000)
        os.utime(entry, (1_700_000_000 + n, 1_700_000_000 + n))
    own = tmp_path / "notes" / "mine.txt"
    own.parent.mkdir()
    own.write_bytes(b"y" * 100_000)
    os.utime(own, (1_600_000_000, 1_600_000_000))
    assert cache_module.prune(tmp_path, max_bytes=3000, every=0) == 4
    left = sorted(p.name for p in tmp_path.rglob("*") if p.is_file() and p.name != "last-prune")
    assert left == ["mine.txt", "x0.json", "x1.json"]


def test_the_configuration_fingerprint_covers_every_field() -> None:
    from catalogtool.config import Config
    from catalogtool.record import fields, replace

    base = cache_module.config_fingerprint(Config())
    changed = {"similarity": 0.5, "exclude": ("x/**",), "lang": "en", "path": "/x/catalogtool.yaml",
               "options": {"region-code": {"x": 1}}}
    for name, value in changed.items():
        assert cache_module.config_fingerprint(replace(Config(), **{name: value})) != base, name
    assert {"levels", "options", "code_scheme", "limits"} <= set(fields(Config))
