"""Export loads and checks many files in worker processes; what it gets is what one process gets.

load_sources (catalogtool/export_inputs.py) is run on the same folder with the
workers forced on and off: the same documents in the same order, the same
problems, the same files skipped, and the same workbook bytes.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from catalogtool import engine
from catalogtool.config_file import Configs
from catalogtool.excel.write.workbook import export_bytes
from catalogtool.export_inputs import Inputs, load_sources

ROOT = Path(__file__).resolve().parent.parent


def _load(paths: list[Path], threshold: int, monkeypatch: pytest.MonkeyPatch) -> tuple[Inputs, list[str]]:
    monkeypatch.setattr(engine, "PARALLEL_THRESHOLD", threshold)
    skipped: list[str] = []
    return load_sources(paths, Configs.for_run(None), skipped.append), skipped


def test_workers_give_what_one_process_gives(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from generate import generate

    generate(tmp_path, 6, 60)
    (tmp_path / "notes.yaml").write_text("just: notes\n", encoding="utf-8")
    broken = sorted(tmp_path.rglob("catalog-*.yaml"))[2]
    broken.write_text(broken.read_text(encoding="utf-8").replace("title:", "title: ''\nx_title:", 1),
                      encoding="utf-8")
    serial, serial_skipped = _load([tmp_path], 10**9, monkeypatch)
    parallel, parallel_skipped = _load([tmp_path], 1, monkeypatch)
    assert serial_skipped == parallel_skipped == [str(tmp_path / "notes.yaml")]
    assert [s.path for s in serial.sources] == [s.path for s in parallel.sources]
    assert [s.data for s in serial.sources] == [s.data for s in parallel.sources]
    assert serial.result.problems == parallel.result.problems
    assert serial.result.problems  # the broken catalog is reported, at its lines
    for one, other in zip(serial.sources, parallel.sources, strict=True):  # positions read again on demand
        assert one.origin is not None and other.origin is not None
        assert one.origin.position("/title") == other.origin.position("/title")


def test_workbook_bytes_are_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    paths = [ROOT / "examples" / "2025"]
    serial, _ = _load(paths, 10**9, monkeypatch)
    parallel, _ = _load(paths, 1, monkeypatch)
    assert export_bytes(serial.sources)[0] == export_bytes(parallel.sources)[0]
