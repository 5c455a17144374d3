"""The compact pointer -> cell map (imported.CellMap) answers what the plain dict it replaced answered.

Every document read from a workbook (the examples exported, a generated
repository, a published table, workbooks edited by the tests of test_import.py
are covered there) is mapped both ways: CellMap, and the dict built as before
from the same reading; both hold the same pointers and cells, and pointers
either lacks are missing from both.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from catalogtool.document import join_pointer
from catalogtool.excel.read import reading
from catalogtool.excel.read.importer import read_workbook
from catalogtool.excel.write.workbook import export_bytes
from catalogtool.kinds import kind_of
from catalogtool.loader import load_file
from catalogtool.sources import Source

ROOT = Path(__file__).resolve().parent.parent


def _reference(self: reading.Reading, data: dict[str, Any], sheet: str,
               header: dict[str, tuple[str, str]] | None = None) -> dict[str, tuple[str, str]]:
    """The map as a dict, as `Reading.cell_map` built it before."""
    out: dict[str, tuple[str, str]] = {"": (sheet, "")}
    out.update(header or {})

    def visit(entry: Any, pointer: str) -> None:
        if not isinstance(entry, dict):
            return
        found = self.origins.get(id(entry))
        if found is not None and found[0] is entry:
            origin = found[1]
            out[pointer] = (origin.sheet, reading.ref(*origin.at))
            for path, at in origin.fields.items():
                out[pointer + "".join(join_pointer("", k) for k in path)] = (origin.sheet, reading.ref(*at))
            for path, at in origin.fields.items():
                for depth in range(1, len(path)):
                    prefix = pointer + "".join(join_pointer("", k) for k in path[:depth])
                    out.setdefault(prefix, (origin.sheet, reading.ref(*at)))
        children = entry.get("children")
        if isinstance(children, list):
            for index, child in enumerate(children):
                visit(child, join_pointer(join_pointer(pointer, "children"), index))

    kind = kind_of(data)
    for key in kind.data_keys if kind is not None else ():
        value = data.get(key)
        if isinstance(value, list):
            for index, entry in enumerate(value):
                visit(entry, join_pointer(join_pointer("", key), index))
    return out


@pytest.fixture
def compared(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    checked: list[int] = []
    original = reading.Reading.cell_map

    def both(self: reading.Reading, data: dict[str, Any], sheet: str,
             header: dict[str, tuple[str, str]] | None = None) -> Any:
        compact = original(self, data, sheet, header)
        plain = _reference(self, data, sheet, header)
        assert dict(compact) == plain
        assert len(compact) == len(plain)
        for pointer, cell in plain.items():
            assert pointer in compact and compact[pointer] == cell
            for absent in (pointer + "/nope", pointer + "/0", pointer + "/children", pointer + "x"):
                assert (absent in compact) == (absent in plain)
                assert compact.get(absent) == plain.get(absent)
        checked.append(len(plain))
        return compact

    monkeypatch.setattr(reading.Reading, "cell_map", both)
    return checked


def _documents(folder: Path) -> list[Source]:
    return [Source(p.relative_to(folder).as_posix(), load_file(p).data) for p in sorted(folder.rglob("*.yaml"))]


def test_examples(compared: list[int]) -> None:
    for year in sorted(p for p in (ROOT / "examples").iterdir() if p.is_dir()):
        sources = [s for s in _documents(year) if isinstance(s.data, dict) and "kind" in s.data]
        data, _ = export_bytes(sources)
        result = read_workbook(data)
        assert result.documents
    assert sum(compared) > 100


def test_generated_repository(compared: list[int], tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from generate import generate

    generate(tmp_path, 3, 200)
    data, _ = export_bytes(_documents(tmp_path))
    assert len(read_workbook(data).documents) == 3
    assert sum(compared) > 600


def test_published_table_and_edited_workbooks(compared: list[int]) -> None:
    from test_import import exported_book, published_table, save

    assert read_workbook(published_table()).documents
    book = exported_book(_documents(ROOT / "examples" / "2025")[0].data)
    ws = book.worksheets[1]
    ws.insert_rows(5)
    ws.delete_rows(8)
    read_workbook(save(book))
    assert len(compared) >= 2
