"""`catalogtool import` of hostile and damaged workbooks: a plain message and exit 1 or 2, never a crash or a hang.

Every workbook here is generated in the test (openpyxl or zipfile in tmp_path).
"""

from __future__ import annotations

import io
import json
import struct
import time
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from typer.testing import CliRunner

from catalogtool.cli.main import app
from catalogtool.excel.read import census, opening
from catalogtool.excel.read.importer import read_workbook
from catalogtool.excel.read.sheet import Book
from catalogtool.excel.write.workbook import export_bytes
from catalogtool.loader import load_file
from catalogtool.sources import Source

ROOT = Path(__file__).resolve().parents[1]
ACCESS = ROOT / "examples" / "2025" / "access-list.yaml"


def run(*args: str):
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def exported(path: Path = ACCESS) -> bytes:
    data = load_file(path, path.name).data
    return export_bytes([Source(path.name, data)])[0]


def save(book: openpyxl.Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def with_meta(change: Any) -> bytes:
    """The exported access list with its hidden export information changed by `change(meta)`."""
    book = openpyxl.load_workbook(io.BytesIO(exported()))
    ws = book["_catalogtool"]
    meta = json.loads(ws["A3"].value)
    changed = change(meta)
    ws["A3"] = changed if isinstance(changed, str) else json.dumps(changed if changed is not None else meta,
                                                                    ensure_ascii=False)
    return save(book)


def import_bytes(tmp_path: Path, data: bytes, name: str = "book.xlsx"):
    path = tmp_path / name
    path.write_bytes(data)
    result = run("import", str(path), "-o", str(tmp_path / "out"))
    assert "内部错误" not in result.stderr and "Traceback" not in result.stderr, result.stderr
    return result


def _set(key: str, value: Any):
    def change(meta: dict[str, Any]) -> dict[str, Any]:
        meta[key] = value
        return meta
    return change


def _set_doc(key: str, value: Any):
    def change(meta: dict[str, Any]) -> dict[str, Any]:
        meta["documents"][0][key] = value
        return meta
    return change


def _section(value: Any):
    def change(meta: dict[str, Any]) -> dict[str, Any]:
        meta["documents"][0]["sections"]["items"] = value
        return meta
    return change


# --------------------------------------------------------------------------- the hidden export sheet


@pytest.mark.parametrize("change", [
    _set("format", None), _set("format", "2"), _set("format", [1]), _set("format", True), _set("format", 0),
    _set("format", 1.5), _set("format", {"v": 1}), _set("documents", {"a": 1}), _set("documents", None),
    lambda meta: [1], lambda meta: "null", lambda meta: '"text"', lambda meta: "{not json",
    lambda meta: "[" * 5000 + "]" * 5000,
    lambda meta: {**meta, "deep": json.loads("[" * 200 + "]" * 200)},
], ids=["null", "string", "list", "bool", "zero", "float", "object", "documents-object", "documents-null",
        "list-json", "null-json", "string-json", "broken-json", "deep-json", "deep-value"])
def test_damaged_export_information_is_reported_at_its_cell(tmp_path: Path, change: Any) -> None:
    result = import_bytes(tmp_path, with_meta(change))
    assert result.exit_code == 1
    assert "_catalogtool!A3: 错误: 隐藏工作表中的导出信息已损坏" in result.stderr
    assert not (tmp_path / "out").exists()


def test_a_newer_format_asks_for_an_upgrade(tmp_path: Path) -> None:
    result = import_bytes(tmp_path, with_meta(_set("format", 2)))
    assert result.exit_code == 1 and "_catalogtool!A2" in result.stderr and "请升级" in result.stderr


@pytest.mark.parametrize("change", [
    _set_doc("sections", [1, 2]), _set_doc("sections", "items"), _section([1]), _section("准入清单"),
    _section({"sheet": 5, "defined_name": ["x"], "present": "yes"}), _set_doc("path", {"a": 1}),
    _set_doc("path", "../../etc/passwd"), _set_doc("kind", ["access-list"]), _set_doc("header", [1]),
    _set("township", "太和镇"), _set("township", {"code": [1], "name": None}),
], ids=["sections-list", "sections-text", "section-list", "section-text", "section-fields", "path-object",
        "path-escape", "kind-list", "header-list", "township-text", "township-fields"])
def test_odd_shapes_inside_the_export_information_never_crash(tmp_path: Path, change: Any) -> None:
    result = import_bytes(tmp_path, with_meta(change))
    assert result.exit_code in (0, 1), result.stderr
    out = tmp_path / "out"
    if out.exists():
        assert all(path.resolve().is_relative_to(out.resolve()) for path in out.rglob("*"))


@pytest.mark.parametrize("reserved", [
    "[[[], null, 1]]", '[["x"], 1]', "[1, 2]", '{"a": 1}', '[[["x", true], null, 1]]', '[[[null], null, 1]]',
    "[" * 3000 + "]" * 3000, '[[["notes"], null, ' + "[" * 100 + "]" * 100 + "]]",
])
def test_a_changed_reserved_cell_is_ignored_with_a_warning(tmp_path: Path, reserved: str) -> None:
    book = openpyxl.load_workbook(io.BytesIO(exported()))
    ws = book["准入清单"]
    column = [c.value for c in ws[3]].index("保留字段（请勿修改）") + 1
    ws.cell(4, column).value = reserved
    result = read_workbook(save(book))
    warnings = [p for p in result.problems if p.level == "warning" and p.where == f"准入清单!{ws.cell(4, column).coordinate}"]
    assert warnings and "保留字段已被改动" in warnings[0].message.zh


def test_deeply_nested_json_in_a_list_cell_is_read_as_text(tmp_path: Path) -> None:
    book = openpyxl.load_workbook(io.BytesIO(exported()))
    ws = book["准入清单"]
    column = [c.value for c in ws[3]].index("设定依据") + 1
    ws.cell(4, column).value = "[" * 3000 + "]" * 3000
    result = import_bytes(tmp_path, save(book))
    assert result.exit_code == 1 and f"准入清单!{ws.cell(4, column).coordinate}" in result.stderr


# --------------------------------------------------------------------------- damaged archives


def _patch_all(data: bytes, signature: bytes, offset: int, value: int) -> bytes:
    patched = bytearray(data)
    start = 0
    while (at := patched.find(signature, start)) >= 0:
        patched[at + offset:at + offset + 2] = struct.pack("<H", value)
        start = at + 4
    return bytes(patched)


@pytest.mark.parametrize(("signature", "offset"), [(b"PK\x01\x02", 6), (b"PK\x01\x02", 10), (b"PK\x01\x02", 16)],
                         ids=["version-needed", "compression-method", "checksum"])
def test_a_damaged_zip_entry_is_a_plain_error(tmp_path: Path, signature: bytes, offset: int) -> None:
    result = import_bytes(tmp_path, _patch_all(exported(), signature, offset, 0xFFFF))
    assert result.exit_code == 2
    assert "文件可能已损坏" in result.stderr or "不是有效的 .xlsx" in result.stderr


def test_a_damaged_sheet_part_is_a_plain_error(tmp_path: Path) -> None:
    source = zipfile.ZipFile(io.BytesIO(exported()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/worksheets/sheet2.xml":
                data = data[: len(data) // 2]  # cut off in the middle
            target.writestr(info.filename, data)
    result = import_bytes(tmp_path, out.getvalue())
    assert result.exit_code == 2 and "文件可能已损坏" in result.stderr


# --------------------------------------------------------------------------- absurd sheets


def test_a_cell_far_below_the_table_costs_one_row(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    book = openpyxl.load_workbook(io.BytesIO(exported()))
    ws = book["准入清单"]
    ws.cell(1_048_576, 3).value = "误填的单元格"
    opened: list[Book] = []
    real = opening.Book

    def keep(*args: Any, **kwargs: Any) -> Book:
        wb = real(*args, **kwargs)
        opened.append(wb)
        return wb

    monkeypatch.setattr(opening, "Book", keep)
    started = time.monotonic()
    result = read_workbook(save(book))
    assert time.monotonic() - started < 60
    cells_made = sum(len(row) for sheet in opened[0].worksheets for row in sheet.rows.values())
    assert cells_made < 5_000  # the export has about a thousand; a loop to max_row would make millions
    # The stray cell is read as the row it is: an item with only a name, reported at its cells.
    assert result.documents[0].data["items"][-1] == {"name": "误填的单元格"}


def _workbook_with_sheet_xml(sheet_xml: str) -> bytes:
    """A one-sheet workbook whose sheet XML is given (written directly: openpyxl would take minutes)."""
    book = openpyxl.Workbook()
    book.active.title = "目录"
    source = zipfile.ZipFile(io.BytesIO(save(book)))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = sheet_xml.encode("utf-8")
            target.writestr(info.filename, data)
    return out.getvalue()


_SHEET = ('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
          "<sheetData>{rows}</sheetData>{after}</worksheet>")


def test_a_sheet_of_more_than_100000_rows_is_refused_naming_the_cell(tmp_path: Path) -> None:
    rows = "".join(f'<row r="{r}"><c r="B{r}" t="inlineStr"><is><t>x</t></is></c></row>'
                   for r in range(1, census.MAX_DATA_ROWS + 2))
    result = import_bytes(tmp_path, _workbook_with_sheet_xml(_SHEET.format(rows=rows, after="")))
    assert result.exit_code == 2
    assert "目录!B100001" in result.stderr and "100000 行" in result.stderr


def test_a_sheet_of_countless_empty_rows_is_refused_before_openpyxl_reads_them(tmp_path: Path) -> None:
    # Found by fuzzing: a value at the last row, then the rows between cleared, left about 430,000 empty
    # <row> elements; openpyxl took 5 s to read them, under the cell budget, so the import was slow.
    rows = "".join(f'<row r="{r}"/>' for r in range(1, census.MAX_ROW_ELEMENTS + 2))
    started = time.process_time()
    result = import_bytes(tmp_path, _workbook_with_sheet_xml(_SHEET.format(rows=rows, after="")))
    assert result.exit_code == 2
    assert f"目录!A{census.MAX_ROW_ELEMENTS + 1}" in result.stderr and "空行" in result.stderr
    assert time.process_time() - started < 5


def test_a_merged_range_over_the_whole_sheet_is_refused_before_it_is_made(tmp_path: Path) -> None:
    xml = _SHEET.format(rows='<row r="1"><c r="A1" t="inlineStr"><is><t>标题</t></is></c></row>',
                        after='<mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>')
    started = time.monotonic()
    result = import_bytes(tmp_path, _workbook_with_sheet_xml(xml))
    assert time.monotonic() - started < 60
    assert result.exit_code == 2 and "目录!A1" in result.stderr and "超过导入上限" in result.stderr


def test_countless_formatted_blank_cells_are_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(census, "MAX_CELLS", 1_000)
    rows = "".join(f'<row r="{r}">' + "".join(f'<c r="{col}{r}" s="0"/>' for col in "ABCDEFGHIJ") + "</row>"
                   for r in range(1, 200))
    result = import_bytes(tmp_path, _workbook_with_sheet_xml(_SHEET.format(rows=rows, after="")))
    assert result.exit_code == 2 and "目录!" in result.stderr and "1000 个单元格" in result.stderr


# --------------------------------------------------------------------------- the hidden sheet renamed or deleted

EXAMPLES_2025 = sorted((ROOT / "examples" / "2025").glob("*.yaml"))


def exported_all() -> openpyxl.Workbook:
    sources = [Source(path.name, load_file(path, path.name).data) for path in EXAMPLES_2025]
    return openpyxl.load_workbook(io.BytesIO(export_bytes(sources)[0]))


@pytest.mark.parametrize("how", ["renamed", "renamed-and-shown", "mark-deleted"])
def test_the_export_sheet_is_known_by_what_it_holds(tmp_path: Path, how: str) -> None:
    book = exported_all()
    ws = book["_catalogtool"]
    ws.title = "Sheet1"
    if how == "renamed-and-shown":
        ws.sheet_state = "visible"
    if how == "mark-deleted":
        ws["A1"] = None
    result = import_bytes(tmp_path, save(book))
    assert result.exit_code == 0, result.stderr
    for path in EXAMPLES_2025:
        assert load_file(tmp_path / "out" / path.name, path.name).data == load_file(path, path.name).data


def test_a_deleted_export_sheet_fails_instead_of_dropping_documents(tmp_path: Path) -> None:
    book = exported_all()
    del book["_catalogtool"]
    result = import_bytes(tmp_path, save(book))
    assert result.exit_code == 1
    assert "隐藏工作表已被删除" in result.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("cell", ['<c r="39947B41"><v>1</v></c>', '<c r="A1x"><v>1</v></c>'])
def test_a_cell_with_a_malformed_reference_is_a_plain_error(tmp_path: Path, cell: str) -> None:
    result = import_bytes(tmp_path, _workbook_with_sheet_xml(_SHEET.format(rows=f'<row r="1">{cell}</row>', after="")))
    assert result.exit_code == 2 and "文件可能已损坏" in result.stderr


def test_a_sheet_the_census_misses_is_still_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(census, "_sheet_parts", lambda archive: [])  # as if the XML walk found no sheet
    result = read_workbook(exported())
    assert result.ok and result.documents[0].data == load_file(ACCESS, ACCESS.name).data
