"""The documentation stays true: generated rule docs, the configuration example, the hook."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import yaml
from typer.testing import CliRunner

from catalogtool.cli.main import app
from catalogtool.rules import RULES

ROOT = Path(__file__).resolve().parents[1]


def test_rules_doc_is_generated_from_the_registry():
    result = CliRunner().invoke(app, ["rules", "--format", "markdown", "--lang", "zh"])
    assert result.exit_code == 0, result.stdout + result.stderr
    # The table itself, one row per registered rule in registry order: an empty or cut
    # output must not pass as "contained in the doc".
    lines = result.stdout.strip().splitlines()
    assert lines[:2] == ["| 规则 | 默认级别 | 查什么 | 依据 |", "|---|---|---|---|"], lines[:2]
    rows = [re.fullmatch(r"\| `([a-z0-9-]+)` \| .+ \| .+ \| .+ \|", line) for line in lines[2:]]
    assert all(rows), [line for line, row in zip(lines[2:], rows, strict=True) if not row]
    assert [row.group(1) for row in rows if row] == list(RULES)
    doc = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert result.stdout.strip() in doc, "docs/rules.md is stale: regenerate it with catalogtool rules --format markdown"


def test_rule_sources_name_no_file_users_do_not_have():
    """A source is a policy text or a described practice, not a file of the developers' (DOMAIN.md)."""
    for rule in RULES.values():
        for source in (rule.source.zh, rule.source.en):
            assert source.strip(), rule.id
            assert not re.search(r"\b[\w.-]+\.md\b", source), f"{rule.id}: {source}"


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
    assert hook["entry"] == "catalogtool validate ."  # the whole repository: run-wide rules see every file
    assert hook["pass_filenames"] is False
    assert hook["language"] == "python"


def test_readme_names_the_two_setup_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make demo" in readme and "make test" in readme
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
