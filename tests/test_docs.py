"""The documentation stays true: generated rule docs, the configuration example, the hook."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml
from typer.testing import CliRunner

from catalogtool.cli.main import app

ROOT = Path(__file__).resolve().parents[1]


def test_rules_doc_is_generated_from_the_registry():
    table = CliRunner().invoke(app, ["rules", "--format", "markdown", "--lang", "zh"]).stdout
    assert table.strip() in (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")


def test_configuration_example_is_a_valid_configuration(tmp_path):
    text = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    example = text.split("```yaml\n", 1)[1].split("```", 1)[0]
    (tmp_path / "catalogtool.yaml").write_text(example, encoding="utf-8")
    for path in (ROOT / "examples" / "2025").glob("*.yaml"):
        shutil.copy(path, tmp_path / path.name)
    result = CliRunner().invoke(app, ["validate", str(tmp_path)])
    assert result.exit_code == 0, result.stdout + result.stderr


def test_pre_commit_hook_runs_the_validate_command():
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    [hook] = hooks
    assert hook["entry"] == "catalogtool validate"
    assert hook["language"] == "python"


def test_readme_names_the_two_setup_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make demo" in readme and "make test" in readme
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
