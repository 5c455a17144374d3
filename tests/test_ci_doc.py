"""docs/ci.md stays true: its workflow and pipeline pass their CI's schemas, its formats exist."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from pathlib import Path

import yaml

from catalogtool.cli.validate import FORMATS

ROOT = Path(__file__).resolve().parents[1]
DOC = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
YAML_BLOCKS = re.findall(r"```yaml\n(.*?)```", DOC, re.S)
CHECK_JSONSCHEMA = Path(sys.executable).with_name("check-jsonschema")


def _check(schema: str, text: str, tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    done = subprocess.run([str(CHECK_JSONSCHEMA), "--builtin-schema", schema, str(path)],
                          capture_output=True, text=True, check=False, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr


def test_github_workflow_with_its_extra_steps_passes_the_workflow_schema(tmp_path: Path) -> None:
    workflow, *steps = [b for b in YAML_BLOCKS if b.startswith("name: ") or b.startswith("      - ")]
    assert len(steps) == 2
    full = workflow + "".join(steps)
    assert len(yaml.safe_load(full)["jobs"]["validate"]["steps"]) == 8
    _check("vendor.github-workflows", full, tmp_path, "validate.yml")


def test_gitlab_job_passes_the_gitlab_ci_schema_and_reports_what_it_writes(tmp_path: Path) -> None:
    [job] = [b for b in YAML_BLOCKS if b.startswith("validate:\n  image:")]
    [comment] = [b for b in YAML_BLOCKS if "merge_requests" in b]
    data = yaml.safe_load(job)
    data["validate"]["script"] += yaml.safe_load(textwrap.dedent(comment))
    _check("vendor.gitlab-ci", yaml.safe_dump(data, allow_unicode=True), tmp_path, ".gitlab-ci.yml")
    reports = data["validate"]["artifacts"]["reports"]
    script = "\n".join(data["validate"]["script"])
    assert f"--format junit > {reports['junit']}" in script
    assert f"--format gitlab > {reports['codequality']}" in script


def test_every_format_the_guide_names_is_a_validate_format() -> None:
    named = set(re.findall(r"catalogtool validate [^\n`]*?--format (\w+)", DOC))
    named |= set(re.findall(r"\| `(\w+)`[^|]*\|", DOC.split("## GitHub Actions")[0]))
    assert named == set(FORMATS)
