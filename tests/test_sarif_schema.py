"""`validate --format sarif` against the official SARIF 2.1.0 JSON schema (tests/data, see THIRD_PARTY.md)."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from catalogtool.engine import FileReport, RunResult
from catalogtool.problems import Level, Message, Problem
from catalogtool.reporters.sarif import report

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = json.loads((ROOT / "tests" / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft4Validator(SCHEMA, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)
HOSTILE = "坏\x00\x1b]]><script>\"'\\ | `x`\n第二行"


def _errors(sarif: dict[str, Any]) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in VALIDATOR.iter_errors(sarif)]


def _sarif(*args: str, cwd: Path = ROOT) -> dict[str, Any]:
    run = subprocess.run([sys.executable, "-m", "catalogtool", "validate", "--format", "sarif", *args],
                         cwd=cwd, capture_output=True, check=False, timeout=120)
    assert run.returncode in (0, 1), run.stderr.decode()
    data: dict[str, Any] = json.loads(run.stdout)
    return data


def test_the_schema_is_the_official_one_and_in_force() -> None:
    assert SCHEMA["id"].startswith("https://docs.oasis-open.org/sarif/sarif/v2.1.0/")
    minimal = {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": []}]}
    assert _errors(minimal) == []
    bad = {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}},
                                         "results": [{"message": {"text": "m"}, "level": "fatal"}]}]}
    assert _errors(bad)
    assert _errors({"version": "2.0.0", "runs": []})


def test_examples_report_is_valid_sarif() -> None:
    sarif = _sarif("examples")
    assert _errors(sarif) == []
    assert sarif["runs"][0]["results"] == []


def test_report_with_problems_at_every_level_is_valid_sarif(tmp_path: Path) -> None:
    (tmp_path / "c.yaml").write_text("kind: purchase-catalog\nschema: 1\ntitle: x\nbogus: 1\n", encoding="utf-8")
    (tmp_path / "broken.yaml").write_text("kind: [\n", encoding="utf-8")
    sarif = _sarif(".", "--lang", "en", cwd=tmp_path)
    assert _errors(sarif) == []
    assert {r["ruleId"] for r in sarif["runs"][0]["results"]} >= {"schema", "yaml-syntax"}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_hostile_text_and_every_level_stay_valid(lang: str) -> None:
    problems = [Problem(HOSTILE, 1, 1, "/a", "text-hygiene", level, Message(HOSTILE, HOSTILE))
                for level in (Level.ERROR, Level.WARNING, Level.INFO)]
    problems.append(Problem("a.yaml", 2, 1, "", "internal-error", Level.ERROR, Message("内部", "internal")))
    out = io.StringIO()
    report(RunResult([FileReport("a.yaml", None, 0, [])], problems), lang, False, out)
    sarif = json.loads(out.getvalue())
    assert _errors(sarif) == []
    assert [r["level"] for r in sarif["runs"][0]["results"]] == ["error", "warning", "note", "error"]
