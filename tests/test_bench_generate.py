"""The benchmark's national scale: valid files, the same bytes every time, a fraction the start of the whole."""

from __future__ import annotations

import sys
from pathlib import Path

from catalogtool.config import Config
from catalogtool.engine import validate_paths

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

from generate import NATIONAL_CATALOG_ITEMS, NATIONAL_LIST_ITEMS, national, national_piece


def _contents(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*.yaml"))}


def test_a_national_piece_is_valid_and_counted_right(tmp_path: Path) -> None:
    files, items = national_piece(tmp_path / "a", 500)  # past the first 405, which take 12 townships
    result = validate_paths([tmp_path / "a"], Config(), jobs=1)
    assert [p.rule for p in result.problems] == []
    assert len(result.files) == files == 1 + 2 * 11
    assert sum(f.items for f in result.files) == items == NATIONAL_CATALOG_ITEMS + 2 * 11 * NATIONAL_LIST_ITEMS


def test_pieces_are_deterministic_and_a_fraction_starts_the_whole(tmp_path: Path) -> None:
    national_piece(tmp_path / "one", 1)
    national_piece(tmp_path / "again", 1)
    assert _contents(tmp_path / "one") == _contents(tmp_path / "again")
    files, _ = national(tmp_path / "fraction", 0.0007)  # the first two counties
    assert files == 2 * (1 + 2 * 12)
    whole = _contents(tmp_path / "fraction")
    assert {k: v for k, v in whole.items() if k.startswith(("12/",))} == _contents(tmp_path / "one")
