"""Per-path rule levels (`overrides:` in catalogtool.yaml): which files they govern, how a bad
entry is reported, and that the results cache sees each file's own levels."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from catalogtool.cli.main import app
from catalogtool.config_file import Configs, load_config
from catalogtool.problems import Level

EXAMPLE = (Path(__file__).resolve().parents[1] / "examples" / "2025" / "purchase-catalog.yaml").read_text(encoding="utf-8")
# The example catalog with a region code that does not exist (region-code, an error) and a
# trailing space in a quoted name (text-hygiene, a warning).
NOISY = EXAMPLE.replace('code: "441803"', 'code: "991803"', 1).replace(
    "            name: 长者饭堂助餐服务\n", '            name: "长者饭堂助餐服务 "\n', 1)


def repo(tmp_path: Path, config: str) -> Path:
    for folder in ("2019", "2025", "archive"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "catalog.yaml").write_text(NOISY, encoding="utf-8")
    (tmp_path / "catalogtool.yaml").write_text(config, encoding="utf-8")
    return tmp_path


def run(*args: str | Path) -> tuple[int, dict[str, Any], str]:
    result = CliRunner().invoke(app, ["validate", "--format", "json", "--jobs", "1", *map(str, args)])
    return result.exit_code, json.loads(result.stdout) if result.exit_code in (0, 1) else {}, result.stderr


def levels_by_folder(data: dict[str, Any]) -> dict[str, set[tuple[str, str]]]:
    found: dict[str, set[tuple[str, str]]] = {}
    for p in data["problems"]:
        found.setdefault(Path(p["file"]).parent.name, set()).add((p["rule"], p["level"]))
    return found


CONFIG = """rules:
  text-hygiene: error
overrides:
  - paths: ["2019/**", "archive"]
    rules: {region-code: off, text-hygiene: warning}
  - paths: ["archive/*.yaml"]
    rules: {region-code: info}
"""


def test_overrides_set_levels_by_path_and_later_entries_win(tmp_path: Path) -> None:
    code, data, _ = run(repo(tmp_path, CONFIG))
    found = levels_by_folder(data)
    assert found["2025"] == {("region-code", "error"), ("text-hygiene", "error")}
    assert found["2019"] == {("text-hygiene", "warning")}
    assert found["archive"] == {("region-code", "info"), ("text-hygiene", "warning")}
    assert code == 1
    # Only the folders that overrides relax: the run passes.
    code, data, _ = run(tmp_path / "2019", tmp_path / "archive")
    assert code == 0 and data["summary"]["errors"] == 0


def test_a_file_named_alone_gets_its_overrides(tmp_path: Path) -> None:
    repo(tmp_path, CONFIG)
    _, data, _ = run(tmp_path / "2019" / "catalog.yaml")
    assert {p["rule"] for p in data["problems"]} == {"text-hygiene"}
    configs = Configs()
    assert configs.of(tmp_path / "2019" / "catalog.yaml").levels["region-code"] is Level.OFF
    assert "region-code" not in configs.of(tmp_path / "2025" / "catalog.yaml").levels
    assert configs.of(tmp_path / "2019").overrides, "a folder's configuration is the file's, untouched"


def test_results_cache_sees_each_files_levels(tmp_path: Path) -> None:
    cache = tmp_path.parent / f"{tmp_path.name}-cache"
    repo(tmp_path, CONFIG)
    first = run(tmp_path, "--cache-dir", cache)
    assert len(list((cache / "results").rglob("*.json"))) == 3, "three files, three entries"
    assert run(tmp_path, "--cache-dir", cache) == first
    # The same files under changed overrides: the cached results of the old levels are not reused.
    (tmp_path / "catalogtool.yaml").write_text(CONFIG.replace("region-code: off", "region-code: warning"), encoding="utf-8")
    _, data, _ = run(tmp_path, "--cache-dir", cache)
    assert ("region-code", "warning") in levels_by_folder(data)["2019"]


@pytest.mark.parametrize(("config", "where", "says"), [
    ("overrides:\n  - paths: [a]\n    rules: {region-cod: off}\n", "3:13", "是否想写 region-code"),
    ("overrides:\n  - paths: [a]\n    rules: {region-code: of}\n", "3:26", "off"),
    ("overrides:\n  - paths: [a]\n    rules: {yaml-syntax: warning}\n", "3:13", "不能调低"),
    ("overrides:\n  - paths: [a]\n    rule: {region-code: off}\n", "2:5", "rules"),
    ("overrides:\n  - paths: []\n    rules: {region-code: off}\n", "2:12", "paths"),
    ("overrides:\n  - rules: {region-code: off}\n", "2:5", "paths"),
    ("overrides: {paths: [a]}\n", "1:12", "overrides"),
])
def test_a_bad_override_is_a_configuration_error_at_its_place(tmp_path: Path, config: str, where: str, says: str) -> None:
    path = tmp_path / "catalogtool.yaml"
    path.write_text(config, encoding="utf-8")
    (tmp_path / "catalog.yaml").write_text(EXAMPLE, encoding="utf-8")
    code, _, stderr = run(tmp_path)
    assert code == 2 and f"catalogtool.yaml:{where} " in stderr and says in stderr, stderr
    assert "Traceback" not in stderr


def test_unquoted_off_in_an_override_means_the_word(tmp_path: Path) -> None:
    path = tmp_path / "catalogtool.yaml"
    path.write_text("overrides:\n  - paths: ['**']\n    rules:\n      region-code: off\n      text-hygiene: OFF\n", encoding="utf-8")
    override = load_config(path).overrides[0]
    assert override.levels == {"region-code": Level.OFF, "text-hygiene": Level.OFF}
