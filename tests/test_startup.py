"""What `catalogtool validate FILE` imports and compiles on the fast path: only what checking needs.

Not a timing (benchmarks/bench_validate.py measures start-up): a record of what must
stay out, so that a later import cannot silently bring back what was taken out.
"""

from __future__ import annotations

import copy
import json
import pickle
import re
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest

from catalogtool.lazy_pattern import OnFirstUse, compile_later
from catalogtool.package_data import package_files

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "2025" / "access-list.yaml"

# Run in a fresh interpreter as the console script runs; report what was imported and compiled.
_PROBE = """
import json, sys
sys.argv = ["catalogtool", *sys.argv[1:]]
from catalogtool.cli.main import run
try:
    run()
except SystemExit as exit:
    code = exit.code
import yaml.reader
print(json.dumps({"code": code, "modules": sorted(sys.modules),
                  "reader": type(yaml.reader.Reader.NON_PRINTABLE).__name__}), file=sys.stderr)
"""

NEVER = ("rich", "typer", "click", "pydantic", "openpyxl", "jinja2", "importlib.resources", "importlib.metadata",
         "jsonschema", "catalogtool.excel", "catalogtool.diff", "catalogtool.site", "catalogtool.cli.app",
         "catalogtool.kinds.layout", "catalogtool.kinds.columns", "catalogtool.kinds.sheets",
         # dataclasses and what it imports (catalogtool.record's classes instead), and other modules only
         # a misspelling or an error needs (difflib's close matches, ast's literal_eval)
         "dataclasses", "inspect", "ast", "dis", "tokenize", "difflib")
# Imported only to compile the schema validators, which the second run reads from the cache.
NOT_WARM = ("fastjsonschema",)


def _probe(*argv: str, cwd: Path = ROOT) -> dict[str, object]:
    done = subprocess.run([sys.executable, "-c", _PROBE, *argv], capture_output=True, text=True, cwd=cwd,
                          env={"PATH": "/usr/bin:/bin", "HOME": str(cwd), "CATALOGTOOL_CACHE_DIR": str(cwd / ".cache")},
                          check=False)
    result: dict[str, object] = json.loads(done.stderr.strip().splitlines()[-1])
    return result


@pytest.mark.parametrize("output_format", ["text", "json"])
def test_validate_one_file_imports_nothing_it_does_not_need(tmp_path: Path, output_format: str) -> None:
    for run in ("cold", "warm"):  # the first run compiles and keeps the schema validators; the second reads them
        probe = _probe("validate", str(EXAMPLE), "--format", output_format, cwd=tmp_path)
        assert probe["code"] == 0, run
        modules = probe["modules"]
        assert isinstance(modules, list)
        never = NEVER if run == "cold" else NEVER + NOT_WARM
        loaded = [name for name in modules if any(name == top or name.startswith(top + ".") for top in never)]
        assert loaded == [], run
        assert probe["reader"] == "OnFirstUse", run  # PyYAML's pure-Python reader pattern was never compiled


def test_version_imports_no_yaml_and_no_rules(tmp_path: Path) -> None:
    probe = _probe("--version", cwd=tmp_path)
    assert probe["code"] == 0
    modules = probe["modules"]
    assert isinstance(modules, list)
    assert not [name for name in modules if name.startswith(("catalogtool.rules", "catalogtool.kinds", "dataclasses"))]


def test_package_files_is_where_importlib_resources_finds_them() -> None:
    assert package_files() == resources.files("catalogtool")
    assert (package_files() / "data" / "t2s.txt").read_text(encoding="utf-8") == \
        (resources.files("catalogtool") / "data" / "t2s.txt").read_text(encoding="utf-8")


def test_a_pattern_compiled_later_behaves_as_compiled_now() -> None:
    source, text = r"(?P<a>[、,，]+)|x", "甲、乙,,丙x丁"
    later, now = compile_later(source), re.compile(source)
    assert repr(later).startswith("OnFirstUse(")
    assert later.pattern == now.pattern and later.groupindex == now.groupindex
    assert later.split(text) == now.split(text)
    assert [m.span() for m in later.finditer(text)] == [m.span() for m in now.finditer(text)]
    assert later.sub("-", text) == now.sub("-", text) and later.search(text) is not None
    assert "search" in vars(later)  # compiled once: later calls go straight to the compiled pattern
    copied = copy.deepcopy(OnFirstUse(source))
    assert copied.search(text).group() == "、"  # type: ignore[attr-defined]
    assert pickle.loads(pickle.dumps(OnFirstUse(source))).sub("", "a、b") == "ab"  # type: ignore[attr-defined]


def test_pyyaml_patterns_compiled_later_still_find_what_they_find() -> None:
    from catalogtool.pyyaml import yaml

    assert yaml.reader.Reader.NON_PRINTABLE.search("ok\x07").start() == 2
    assert re.compile is not None and type(re.compile("x")) is re.Pattern  # re.compile itself is untouched
    resolver = yaml.resolver.Resolver()
    assert resolver.resolve(yaml.ScalarNode, "0x1F", (True, False)) == "tag:yaml.org,2002:int"
    assert resolver.resolve(yaml.ScalarNode, "2025-01-10", (True, False)) == "tag:yaml.org,2002:timestamp"


def test_a_section_builds_its_sheet_when_first_asked_and_reads_as_one_given_it() -> None:
    from catalogtool.kinds import ACCESS_LIST
    from catalogtool.kinds.base import Section
    from catalogtool.kinds.sheets import access_list

    lazy = Section("items", "access", "准入清单", sheets="catalogtool.kinds.sheets.access_list")
    given = Section("items", "access", "准入清单", table=access_list.ITEMS_TABLE, key_order=access_list.ITEM_KEYS)
    assert lazy.table is access_list.ITEMS_TABLE and lazy.key_order is access_list.ITEM_KEYS
    assert lazy == given and hash(lazy) == hash(given) and repr(lazy) == repr(given)
    assert lazy != Section("items", "access", "准入清单")
    assert ACCESS_LIST.section("excluded") is not None
    assert ACCESS_LIST.section("excluded").table is access_list.EXCLUDED_TABLE  # type: ignore[union-attr]
    with pytest.raises(AttributeError):
        lazy.key = "other"  # type: ignore[misc]


def test_the_builtin_sha256_gives_openssl_digests_small_and_large() -> None:
    import hashlib

    from catalogtool.digest import LARGE, sha256, sha256_hex

    for data in (b"", "甲乙".encode(), bytes(range(256)) * (LARGE // 256 + 3)):
        assert sha256_hex(data) == hashlib.sha256(data).hexdigest()
        hasher = sha256(data[:7])
        hasher.update(data[7:])
        assert hasher.hexdigest() == hashlib.sha256(data).hexdigest()


def test_validate_one_small_file_does_not_load_openssl(tmp_path: Path) -> None:
    probe = _probe("validate", str(EXAMPLE), cwd=tmp_path)
    assert probe["code"] == 0
    modules = probe["modules"]
    assert isinstance(modules, list)
    assert "_hashlib" not in modules and "hashlib" not in modules


@pytest.mark.parametrize("xdg", [None, "", "/x/cache", "/x/cache/", "relative/cache"])
@pytest.mark.parametrize("home", [None, "/home/u", "/home/u/", "/", "relative/home"])
def test_the_cache_folder_is_where_platformdirs_puts_it(monkeypatch: pytest.MonkeyPatch, xdg: str | None,
                                                         home: str | None) -> None:
    import platformdirs

    from catalogtool.cache_folder import user_cache_folder

    for name, value in (("XDG_CACHE_HOME", xdg), ("HOME", home)):
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)
    try:
        expected = platformdirs.user_cache_dir("catalogtool", appauthor=False)
    except RuntimeError:
        with pytest.raises(RuntimeError):
            user_cache_folder()
        return
    assert user_cache_folder() == expected


def test_validate_one_small_file_does_not_import_platformdirs_or_tempfile(tmp_path: Path) -> None:
    for _ in ("cold", "warm"):  # the cold run writes the compiled validators (fsutil's tempfile); the warm one reads them
        done = subprocess.run([sys.executable, "-c", _PROBE, "validate", str(EXAMPLE)], capture_output=True, text=True,
                              cwd=tmp_path, env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}, check=False)
    probe = json.loads(done.stderr.strip().splitlines()[-1])
    assert probe["code"] == 0
    assert not [name for name in probe["modules"] if name.startswith("platformdirs")]
    assert "tempfile" not in probe["modules"] and "shutil" not in probe["modules"]
    assert (tmp_path / ".cache" / "catalogtool").is_dir()


def test_a_cache_temporary_file_is_new_private_and_unique(tmp_path: Path) -> None:
    import os
    import stat

    from catalogtool.cache import _create_temporary

    made = set()
    for _ in range(50):
        fd, name = _create_temporary(tmp_path, ".x.", ".tmp")
        os.close(fd)
        assert Path(name).parent == tmp_path and Path(name).name.startswith(".x.") and name.endswith(".tmp")
        assert stat.S_IMODE(os.stat(name).st_mode) == 0o600
        made.add(name)
    assert len(made) == 50
