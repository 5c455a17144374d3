"""Replays every saved fuzzing case (fuzz/corpus/cases.toml) through the campaign's oracle.

A case whose bug is still open is xfail(strict=True) with the issue point as reason:
the day the fix lands it passes, strict turns that into a failure, and the `unfixed`
line comes out of cases.toml, leaving a plain regression test.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from fuzz.targets import Limits, check_import, check_loader, check_validate

CORPUS = Path(__file__).resolve().parent.parent / "fuzz" / "corpus"
CASES: list[dict[str, Any]] = tomllib.loads((CORPUS / "cases.toml").read_text(encoding="utf-8"))["case"]

pytestmark = pytest.mark.fuzz


def _params() -> list[Any]:
    params = []
    for case in CASES:
        marks = []
        if case.get("unfixed"):
            marks.append(pytest.mark.xfail(strict=True, reason=f"{case['unfixed']}: {case['hits']}"))
        params.append(pytest.param(case, id=Path(case["file"]).name.split(".")[0], marks=marks))
    return params


@pytest.mark.parametrize("case", _params())
def test_saved_case_keeps_the_contract(case: dict[str, Any]) -> None:
    content = (CORPUS / case["file"]).read_bytes()
    limits = Limits(cpu_seconds=5.0, wall_seconds=float(case.get("wall", 30)))
    if case["target"] == "document":
        name = case.get("name", "purchase-catalog.yaml")
        failures = check_loader(name, content, limits).failures
        failures += check_validate(name, content, limits=limits).failures
        failures += check_validate(name, content, output_format="text", lang="en", limits=limits).failures
    else:
        failures = check_import(content, case["documents"], limits=limits).failures
    assert not failures, f"{case['hits']}\n" + "\n".join(f"{f.signature}: {f.detail}" for f in failures)


def test_every_corpus_file_is_a_case() -> None:
    files = {str(p.relative_to(CORPUS)) for p in CORPUS.rglob("*") if p.is_file() and p.name != "cases.toml"}
    listed = [case["file"] for case in CASES]
    assert sorted(listed) == sorted(files)
    for case in CASES:
        assert case["target"] in {"document", "workbook"}
        assert case.get("hits"), case["file"]
        assert case["target"] != "workbook" or isinstance(case.get("documents"), int), case["file"]
