"""Large run-wide facts are spooled to disk until the run-wide rules read them (catalogtool.spool):
what those rules find must not change, whether every fact is spooled or none is."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from catalogtool import spool
from catalogtool.config_file import Configs
from catalogtool.engine import validate_paths
from catalogtool.spool import Spool, SpooledFact

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def broken_repo(tmp_path: Path) -> Path:
    """The examples, with references that miss: catalog-ref, plan-catalog-ref and plan-provider all report."""
    root = tmp_path / "repo"
    shutil.copytree(EXAMPLES, root)
    assistance = root / "2025" / "assistance-list.yaml"
    text = assistance.read_text(encoding="utf-8")
    text, refs = re.subn(r"purchase_ref: \S+", "purchase_ref: A9999", text, count=1)
    text, dirs = re.subn(r"purchase_ref: A\d{4}\b", "purchase_ref: A01", text, count=1)
    assert refs == 1 and dirs == 1
    assistance.write_text(text, encoding="utf-8")
    plan = root / "2025" / "plans" / "taihe.yaml"
    text, n = re.subn(r"catalog_ref: \S+", "catalog_ref: A9998", plan.read_text(encoding="utf-8"), count=1)
    assert n == 1
    text, n = re.subn(r"provider_types: \[[^]]*\]", "provider_types: [企业, 事业单位, 社会组织]", text)
    plan.write_text(text, encoding="utf-8")
    return root


def run(root: Path, jobs: int, cache: Path | None) -> list[tuple[str, int, int, str, str, str]]:
    result = validate_paths([root], Configs(),
                            jobs=jobs, cache_dir=cache)
    return [(p.file, p.line, p.column, p.rule, p.message.zh, p.message.en) for p in result.problems]


@pytest.mark.parametrize("jobs", [1, 2])
def test_run_wide_findings_are_the_same_with_every_fact_spooled(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                 jobs: int) -> None:
    root = broken_repo(tmp_path)
    monkeypatch.setattr("catalogtool.engine.PARALLEL_THRESHOLD", 2)
    monkeypatch.setattr(spool, "SPOOL_BYTES", 1 << 30)
    expected = run(root, jobs, None)
    rules = {rule for _, _, _, rule, _, _ in expected}
    assert {"catalog-ref", "plan-catalog-ref"} <= rules, rules
    monkeypatch.setattr(spool, "SPOOL_BYTES", 0)
    assert run(root, jobs, None) == expected
    cache = tmp_path / f"cache-{jobs}"
    assert run(root, jobs, cache) == expected  # per-file entries written
    (root / "2025" / "access-list.yaml").write_bytes((root / "2025" / "access-list.yaml").read_bytes() + b"\n")
    assert run(root, jobs, cache) == expected  # the others read back from the cache, their facts spooled


def test_a_spooled_fact_reads_as_the_mapping_it_was(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(spool, "SPOOL_BYTES", 0)
    keeper = Spool()
    facts = [{"catalog": True, "year": n, "items": {f"A{i:04d}": {"name": str(i)} for i in range(50)}}
             for n in range(spool.RECENT * 2)]
    kept = [keeper.keep(f) for f in facts]
    assert all(isinstance(k, SpooledFact) for k in kept)
    for fact, held in [*zip(facts, kept, strict=True), *zip(facts, kept, strict=True)]:  # twice: past the recent ones
        assert dict(held) == fact and held["year"] == fact["year"] and "items" in held and "other" not in held
        assert held.get("other") is None
        with pytest.raises(KeyError):
            held["other"]
    keeper.close()
