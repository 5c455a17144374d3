"""catalog-ref gathers each year's catalog codes once; what it finds is unchanged, odd years included."""

from __future__ import annotations

from catalogtool.rules.catalog_ref import finish


def test_each_list_is_checked_against_its_years_catalogs() -> None:
    facts = [
        ("c.yaml", {"catalog": True, "year": 2025, "items": ["A0101"], "dirs": {"A01": "公共服务"}}),
        ("c-odd.yaml", {"catalog": True, "year": [1], "items": ["B1"], "dirs": {}}),
        ("l1.yaml", {"catalog": False, "year": 2025, "refs": [("/a", "A0101"), ("/b", "A01"), ("/c", "B1")]}),
        ("l2.yaml", {"catalog": False, "year": [1], "refs": [("/a", "B1"), ("/b", "A0101")]}),
        ("l3.yaml", {"catalog": False, "year": None, "refs": [("/a", "B1")]}),
        ("l4.yaml", {"catalog": False, "year": 2025, "refs": [("/a", "B1")]}),
        ("l5.yaml", {"catalog": False, "year": 2024, "refs": [("/a", "B1"), ("/b", "C9")]}),
    ]
    found = [(path, f.key, f.pointer, f.args.get("year_en")) for path, f in finish(facts, lambda *a: None)]  # type: ignore[arg-type,return-value]
    assert found == [
        ("l1.yaml", "directory", "/b", None),
        ("l1.yaml", "missing", "/c", "2025 "),
        ("l2.yaml", "missing", "/b", "[1] "),
        ("l4.yaml", "missing", "/a", "2025 "),
        ("l5.yaml", "missing", "/b", ""),  # no catalog of 2024: every catalog of the run counts
    ]
