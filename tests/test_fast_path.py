"""The entry point's fast path says exactly what the full CLI says, or leaves the command line to it."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from catalogtool.cli import fast_path, main

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

BAD = """kind: access-list
schema: 1
title: 测试清单
region: {code: "440105", name: 某某区}
year: 2025
tasks:
  - name: 测试事项
    unknown_key: 1
"""

# Command lines the fast path answers; each is also run by the full CLI and must say the same.
TABLE: list[list[str]] = [
    ["--version"],
    ["validate", "ex/2025/access-list.yaml"],
    ["validate", "ex"],
    ["validate", "ex", "--format", "json"],
    ["validate", "-f", "github", "ex/2025"],
    ["validate", "ex", "--format=sarif"],
    ["validate", "bad.yaml", "ex/2025", "--format", "junit"],
    ["validate", "bad.yaml", "--format", "gitlab"],
    ["validate", "bad.yaml", "ex/2025", "--no-cache"],
    ["validate", "ex", "--cache-dir", "mycache", "--format", "json"],
    ["validate", "--cache-dir=mycache", "bad.yaml", "--no-cache"],
    ["validate", "bad.yaml", "ex/2024", "--format", "markdown", "--lang", "en"],
    ["validate", "ex", "--strict"],
    ["validate", "ex/2024", "--lang", "en"],
    ["validate", "--lang=zh", "ex/2024", "-j", "1"],
    ["validate", "ex", "--jobs=2", "--format", "json"],
    ["validate", "bad.yaml"],
    ["validate", "bad.yaml", "--lang", "en", "--format", "json"],
    ["validate", "bad.yaml", "ex/2025/purchase-catalog.yaml", "-f", "github"],
    ["validate", "missing.yaml"],
    ["validate", "missing.yaml", "--lang", "en"],
    ["validate", "empty"],
    ["validate", "ex/.hidden.yaml"],
    ["validate", "bad.yaml", "--config", "ex/catalogtool.yaml"],
    ["validate", "bad.yaml", "--config", "no-such-config.yaml"],
]

# Command lines left to the full CLI (the last ones: options another change may add).
NOT_FAST: list[list[str]] = [
    [], ["--help"], ["--version", "--lang", "en"], ["--lang", "en", "validate", "ex"], ["validate"],
    ["validate", "--help"], ["validate", "-"], ["validate", "ex", "-"], ["validate", "ex", "--"],
    ["validate", "ex", "--format", "xml"], ["validate", "ex", "--format", "json", "-f", "text"],
    ["validate", "ex", "-fjson"], ["validate", "ex", "--strict=1"], ["validate", "ex", "--lang", "EN"],
    ["validate", "ex", "--lang", "fr"], ["validate", "ex", "-j", "0"], ["validate", "ex", "-j", "x"],
    ["validate", "ex", "--jobs"], ["validate", "", "ex"], ["validate", "ex", "--config", "-x"],
    ["validate", "ex", "--stdin-filename", "a.yaml"], ["validate", "ex", "--cache-dir", ""],
    ["validate", "ex", "--no-cache", "--no-cache"], ["validate", "ex", "--baseline", "b.json"],
    ["diff", "ex/2024", "ex/2025"], ["init"],
]


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(EXAMPLES, tmp_path / "ex")
    (tmp_path / "ex" / ".hidden.yaml").write_text(BAD, encoding="utf-8")
    (tmp_path / "bad.yaml").write_text(BAD, encoding="utf-8")
    (tmp_path / "empty").mkdir()
    monkeypatch.chdir(tmp_path)
    for name in [n for n in __import__("os").environ if "CATALOGTOOL" in n]:
        monkeypatch.delenv(name)
    return tmp_path


def _run(argv: list[str], fast: bool, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sys, "argv", ["catalogtool", *argv])
        if not fast:
            patch.setattr(fast_path, "fast_exit_code", lambda args, environ=None: None)
        with pytest.raises(SystemExit) as stop:
            main.run()
    out = capsys.readouterr()
    code = stop.value.code
    return (code if isinstance(code, int) else 0), out.out, out.err


@pytest.mark.parametrize("lang_env", ["C.UTF-8", "en_US.UTF-8"])
@pytest.mark.parametrize("argv", TABLE, ids=" ".join)
def test_the_fast_path_says_what_the_full_cli_says(argv: list[str], lang_env: str, repo: Path,
                                                   monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    assert fast_path.parse_validate(argv[1:]) is not None or argv == ["--version"]
    monkeypatch.setenv("LANG", lang_env)
    full = _run(argv, False, capsys)
    fast = _run(argv, True, capsys)
    assert fast == full
    assert full[0] in (0, 1, 2)


def test_the_table_covers_every_outcome(repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    codes = {_run(argv, True, capsys)[0] for argv in TABLE}
    assert codes == {0, 1, 2}


@pytest.mark.parametrize("argv", NOT_FAST, ids=" ".join)
def test_anything_else_goes_to_the_full_cli(argv: list[str], repo: Path) -> None:
    assert fast_path.fast_exit_code(argv, environ={}) is None


def test_the_cache_folder_variable_is_read_as_the_full_cli_reads_it(repo: Path, monkeypatch: pytest.MonkeyPatch,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["validate", "bad.yaml", "ex", "--format", "json"]
    for value in ("", str(repo / "cache-full")):
        monkeypatch.setenv("CATALOGTOOL_CACHE_DIR", value)
        full = _run(argv, False, capsys)
        monkeypatch.setenv("CATALOGTOOL_CACHE_DIR", value.replace("cache-full", "cache-fast"))
        assert _run(argv, True, capsys) == full
    results = {p.relative_to(repo / "cache-full") for p in (repo / "cache-full").rglob("*") if p.is_file()}
    assert results and results == {p.relative_to(repo / "cache-fast") for p in (repo / "cache-fast").rglob("*") if p.is_file()}


@pytest.mark.parametrize("name", ["_CATALOGTOOL_COMPLETE", "CATALOGTOOL_NEW_SETTING", "CATALOGTOOL_FULL_CLI"])
def test_an_environment_variable_the_full_cli_reads_sends_it_there(name: str, repo: Path) -> None:
    assert fast_path.fast_exit_code(["--version"], environ={name: "x"}) is None
    assert fast_path.fast_exit_code(["validate", "ex"], environ={name: "x"}) is None


def test_parse_validate_reads_options_anywhere() -> None:
    parsed = fast_path.parse_validate(["-j", "3", "a.yaml", "--strict", "--format=json", "b", "--lang", "en",
                                       "--no-cache"])
    assert parsed == {"paths": [Path("a.yaml"), Path("b")], "output_format": "json", "strict": True,
                      "config": None, "lang": "en", "jobs": 3, "no_cache": True, "cache_dir": None}


def test_version_and_validate_do_not_import_typer(repo: Path) -> None:
    import subprocess

    code = ("import sys\nfrom catalogtool.cli import main\nsys.argv = ['catalogtool', *sys.argv[1:]]\n"
            "try:\n    main.run()\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('typer', 'click', 'pydantic', 'jsonschema')))")
    for argv in (["--version"], ["validate", "ex/2025/access-list.yaml", "--format", "json"]):
        done = subprocess.run([sys.executable, "-c", code, *argv], capture_output=True, text=True, check=True)
        assert done.stdout.rstrip().endswith("[]"), done.stdout[-300:]
