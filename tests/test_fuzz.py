"""A bounded fuzzing run in the test suite: hostile documents and workbooks keep the contract.

The long campaign is `make fuzz` (docs/fuzzing.md).  This run is small, derandomized
(the same cases on every run, so CI does not flake on a new find) and leaves out the
mutations in fuzz/known.py that still hit open crashes.  A failure here is shrunk by
hypothesis to few mutations; save it under fuzz/corpus/ with a note (docs/fuzzing.md).
"""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from fuzz.documents import TEXT_MUTATIONS, hostile_document
from fuzz.known import UNFIXED_MUTATIONS
from fuzz.run import SOFT_KINDS
from fuzz.targets import Failure, Limits, check_import, check_loader, check_validate
from fuzz.workbooks import MUTATIONS, hostile_workbook

pytestmark = pytest.mark.fuzz

SKIP = frozenset(UNFIXED_MUTATIONS)
LIMITS = Limits(cpu_seconds=5.0, wall_seconds=60.0)
# No shrinking: a case can take seconds, and its notes already say what it did.
BOUNDED = settings(deadline=None, derandomize=True, database=None, print_blob=True,
                   phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))


def _hard(failures: list[Failure]) -> str:
    hard = [f for f in failures if f.kind not in SOFT_KINDS]
    return "\n".join(f"{f.signature}: {f.detail}\n{f.traceback}" for f in hard)


def test_known_mutations_name_real_mutations() -> None:
    assert set(UNFIXED_MUTATIONS) <= set(TEXT_MUTATIONS) | set(MUTATIONS)


@settings(BOUNDED, max_examples=150)
@given(rnd=st.randoms(use_true_random=False), output_format=st.sampled_from(["json", "text", "github", "sarif"]))
def test_hostile_documents_never_crash_validate(rnd: random.Random, output_format: str) -> None:
    doc = hostile_document(rnd, skip=SKIP)
    failures = check_loader(doc.name, doc.content, LIMITS).failures
    failures += check_validate(doc.name, doc.content, output_format=output_format, limits=LIMITS).failures
    assert not _hard(failures), "\n".join(doc.notes) + "\n" + _hard(failures)


@settings(BOUNDED, max_examples=20)
@given(rnd=st.randoms(use_true_random=False))
def test_hostile_workbooks_never_crash_or_lose_a_document_on_import(rnd: random.Random) -> None:
    book = hostile_workbook(rnd, skip=SKIP)
    failures = check_import(book.content, book.expected_documents, limits=LIMITS).failures
    assert not _hard(failures), "\n".join(book.notes) + "\n" + _hard(failures)


def test_the_oracle_sees_a_crash(monkeypatch: pytest.MonkeyPatch) -> None:
    """The harness itself: the runs above cannot pass by not looking."""
    import catalogtool.loader

    clean = check_validate("a.yaml", b"kind: [", limits=LIMITS)
    assert clean.ok and clean.exit_codes == {"validate": 1}

    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError("planted")

    monkeypatch.setattr(catalogtool.loader, "load_text", explode)
    loader = check_loader("a.yaml", b"kind: x\n", LIMITS)
    assert [f.signature for f in loader.failures] == ["loader:crash:RuntimeError@loader.py:load_bytes"]
    validate = check_validate("a.yaml", b"kind: x\n", limits=LIMITS)
    assert [f.kind for f in validate.failures] == ["internal-error"]
    assert validate.failures[0].signature.startswith("validate:internal-error:RuntimeError@")


def test_the_oracle_sees_a_lost_document() -> None:
    from fuzz.workbooks import base_workbooks

    base = base_workbooks()[0]
    assert check_import(base.content, base.documents, limits=LIMITS).ok
    lost = check_import(base.content, base.documents + 1, limits=LIMITS)
    assert [f.kind for f in lost.failures] == ["dropped"]


def test_a_deeply_nested_document_does_not_break_the_data_mutation() -> None:
    # libyaml builds nesting the pure-Python parser refused; str() of it recursed and ended a campaign.
    from fuzz.documents import data_mutation

    text = "kind: x\nnotes: " + "[" * 990 + "]" * 990 + "\n"
    notes = {data_mutation(random.Random(seed), text)[1] for seed in range(40)}
    assert any(note.startswith("data: ") or "skipped" in note for note in notes)


def test_a_case_the_fuzzer_cannot_make_is_recorded_and_the_campaign_goes_on(monkeypatch: pytest.MonkeyPatch) -> None:
    import fuzz.documents
    from fuzz import run

    def broken(rnd: random.Random, skip: frozenset[str] = frozenset()) -> None:
        raise RecursionError("deep")

    monkeypatch.setattr(fuzz.documents, "hostile_document", broken)
    result = run._document_case("s", 7, run.Limits(5.0, 30.0), frozenset())
    assert [(f.kind, f.signature) for f in result.failures] == [("generator", "generator:documents:RecursionError")]
    assert "generator" in run.SOFT_KINDS


def test_a_huge_integer_does_not_break_the_data_mutation() -> None:
    # Found by the long run (seed long-1130c, documents:50581): str() of a 5,000-digit integer.
    from fuzz.documents import data_mutation

    text = "kind: x\nyear: 0x" + "F" * 5000 + "\n"
    notes = {data_mutation(random.Random(seed), text)[1] for seed in range(40)}
    assert notes


def test_the_fuzzer_can_make_the_workbook_case_the_long_run_could_not() -> None:
    # Found by the long run (seed long-1130c): an earlier edit left a document entry that is an int.
    from fuzz.workbooks import _Edit, _mangle_meta_data, base_workbooks

    edit = _Edit(base_workbooks()[0].content, base_workbooks()[0].documents)
    meta = {"documents": [2, 2]}
    notes = {_mangle_meta_data(meta, random.Random(seed), edit) for seed in range(30)}
    assert "a document entry that is no mapping left as it is" in notes
