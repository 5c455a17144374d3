"""The house keeps its shape: kinds are asked, never named; layers hold; modules stay small.

These guard the redesign of issue 8 (docs/adding-a-kind.md): a new kind of document
is one module under catalogtool/kinds/, so nothing else may test a kind's id.
"""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from catalogtool.kinds import KINDS

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "catalogtool"
MAX_LINES = 400


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def _string_constants(path: Path) -> list[tuple[int, str]]:
    """Every string literal of a module's code (f-string parts included), docstrings left out.

    A literal equal to a kind's id is code testing or keying by a kind; prose that mentions one
    (a message about "an access-list item") is not.
    """
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                docstrings.add(id(first.value))
    return [(node.lineno, node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings]


def test_no_module_outside_kinds_names_a_kind() -> None:
    ids = set(KINDS)
    assert len(ids) >= 3
    offenders = []
    for path in _modules():
        if (PACKAGE / "kinds") in path.parents:
            continue
        for line, text in _string_constants(path):
            if text in ids:
                offenders.append(f"{path.relative_to(ROOT)}:{line}: {text[:60]!r}")
    assert not offenders, "ask catalogtool.kinds instead of naming a kind:\n" + "\n".join(offenders)


def test_the_grep_would_catch_a_kind_named_in_code(tmp_path: Path) -> None:
    """The check above is not vacuous: a module comparing a kind's id is found."""
    sample = tmp_path / "sample.py"
    sample.write_text('def f(doc):\n    return doc.kind == "access-list"\n', encoding="utf-8")
    assert (2, "access-list") in _string_constants(sample)


def test_no_module_is_over_the_size_limit() -> None:
    sizes = {path.relative_to(ROOT).as_posix(): len(path.read_text(encoding="utf-8").splitlines())
             for path in _modules()}
    large = {name: lines for name, lines in sizes.items() if lines > MAX_LINES}
    assert not large, f"split these modules (over {MAX_LINES} lines): {large}"


@pytest.mark.skipif(shutil.which("lint-imports") is None and not (Path(sys.executable).parent / "lint-imports").exists(),
                    reason="import-linter is not installed")
def test_import_contracts_hold() -> None:
    """pyproject.toml's import-linter contracts: core below commands and formats; no cycles."""
    command = Path(sys.executable).parent / "lint-imports"
    done = subprocess.run([str(command) if command.exists() else "lint-imports", "--no-cache"],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "BROKEN" not in done.stdout and "KEPT" in done.stdout
