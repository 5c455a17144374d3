"""The one-pass sheet reader (excel/read/one_pass.py) against the reference way (census, then openpyxl's reader).

For every workbook here both ways must give the same cells (values with their
types, error cells, merged ranges), the same census, and the same refusal when
they refuse; and the importer's whole result must be the same.  The workbooks:
hand-written sheet XML of every cell shape openpyxl reads (shared strings, rich
and phonetic text, dates, booleans, error values, formulas with and without a
value, cells and rows without references, other namespaces), damaged parts, the
census's limits, exports of the examples and of generated catalogs, and the
fuzzer's hostile workbooks.
"""

from __future__ import annotations

import datetime as _dt
import io
import random
import sys
import warnings
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from catalogtool.errors import CatalogToolError
from catalogtool.excel.read import census, one_pass, opening
from catalogtool.excel.read.importer import read_workbook
from catalogtool.excel.write.workbook import export_bytes
from catalogtool.loader import load_file
from catalogtool.sources import Source

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
SHARED = (f'<sst xmlns="{MAIN}" count="4" uniqueCount="4"><si><t>共享文字</t></si>'
          "<si><r><t>富</t></r><r><rPr><b/><sz val=\"11\"/></rPr><t>文本</t></r></si>"
          '<si><t xml:space="preserve"> 前后空格 </t></si>'
          "<si><t>漢字</t><rPh sb=\"0\" eb=\"2\"><t>かんじ</t></rPh></si></sst>")


def _base() -> bytes:
    """An openpyxl workbook with a date style (s="1") and a time style (s="2"), and a second, hidden sheet."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "目录"
    ws["A1"] = _dt.datetime(2024, 1, 2)
    ws["A2"] = _dt.timedelta(hours=5)
    hidden = book.create_sheet("隐藏")
    hidden.sheet_state = "hidden"
    hidden["A1"] = "藏"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def workbook(sheet_xml: str, shared: str | None = SHARED, parts: dict[str, bytes] | None = None) -> bytes:
    """The base workbook with its first sheet's XML replaced, a shared strings part, and `parts` replaced."""
    source = zipfile.ZipFile(io.BytesIO(_base()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = sheet_xml.encode("utf-8")
            elif shared is not None and info.filename == "[Content_Types].xml":
                data = data.replace(b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                                    b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
            elif shared is not None and info.filename == "xl/_rels/workbook.xml.rels":
                data = data.replace(b"</Relationships>", b'<Relationship Id="rIdS" Type="http://schemas.openxmlformats'
                                    b'.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
                                    b"</Relationships>")
            data = (parts or {}).get(info.filename, data)
            target.writestr(info.filename, data)
        if shared is not None:
            target.writestr("xl/sharedStrings.xml", shared)
    return out.getvalue()


def sheet(rows: str, after: str = "", before: str = "", ns: str = MAIN) -> str:
    return f'<worksheet xmlns="{ns}">{before}<sheetData>{rows}</sheetData>{after}</worksheet>'


def opened(content: bytes, fast: bool) -> Any:
    """What opening the workbook gives, in a form that compares values with their types, and the warnings
    openpyxl gave on the way."""
    previous, opening.ONE_PASS = opening.ONE_PASS, fast
    try:
        with warnings.catch_warnings(record=True) as said:
            warnings.simplefilter("always")
            book, found = opening.open_checked(content, "book.xlsx")
    except CatalogToolError as error:
        return ("refused", error.message.zh, error.message.en)
    finally:
        opening.ONE_PASS = previous
    sheets = [(ws.title, ws.sheet_state, sorted(ws.errors), [str(r) for r in ws.merged_cells.ranges],
               sorted((row, col, type(value).__name__, repr(value)) for row, values in ws.rows.items()
                      for col, value in values.items()))
              for ws in book.worksheets]
    counted = {title: (c.cells, sorted(c.uncached), c.merged) for title, c in found.items()}
    return sheets, counted, sorted(book.defined_names), book.sheetnames, [str(w.message) for w in said]


def assert_same(content: bytes, *, taken: bool | None = True) -> Any:
    """Both ways agree; `taken` says whether the one pass must have read the workbook itself (None: either)."""
    fast, reference = opened(content, True), opened(content, False)
    assert fast == reference
    if taken is not None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            assert (one_pass.open_in_one_pass(content, "book.xlsx") is not None) is taken
    return fast


CELLS = {
    "plain": '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>3.5</v></c><c r="C1"><v>12</v></c>'
             '<c r="D1" t="b"><v>1</v></c><c r="E1" t="e"><v>#N/A</v></c><c r="F1" t="str"><v>文字</v></c>'
             '<c r="G1" t="n"><v>1E3</v></c><c r="H1" t="b"><v>0</v></c><c r="I1" t="e"><v>#REF!</v></c></row>',
    "shared": '<row r="1"><c r="A1" t="s"><v>1</v></c><c r="B1" t="s"><v>2</v></c><c r="C1" t="s"><v>3</v></c></row>',
    "dates": '<row r="1"><c r="A1" s="1"><v>45293.5</v></c><c r="B1" s="2"><v>0.25</v></c>'
             '<c r="C1" t="d"><v>2024-01-02T03:04:05</v></c><c r="D1" s="1"><v>1e20</v></c></row>',
    "inline": '<row r="1"><c r="A1" t="inlineStr"><is><r><rPr><b/></rPr><t>粗</t></r><r><t>体</t></r></is></c>'
              '<c r="B1" t="inlineStr"><is><t>漢字</t><rPh sb="0" eb="1"><t>かん</t></rPh></is></c>'
              '<c r="C1" t="inlineStr"><is><t/></is></c><c r="D1" t="inlineStr"/>'
              '<c r="E1" t="inlineStr"><v>7</v></c><c r="F1" t="inlineStr"><is><t>a &amp; b &#x4E2D; &lt;</t></is></c>'
              '<c r="G1" t="inlineStr"><is><t xml:space="preserve">  空格  </t></is></c>'
              '<c r="H1" t="inlineStr"><is><t>一</t><t>二</t></is></c></row>',
    "formulas": '<row r="1"><c r="A1"><f>SUM(B1)</f></c><c r="B1"><f>1+1</f><v>2</v></c>'
                '<c r="C1" t="str"><f>"a"</f></c><c r="D1" t="str"><f>"a"</f><v>a</v></c>'
                '<c r="E1" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="F1"><f t="shared" si="0" ref="F1:F2">A1</f></c></row>',
    "no references": '<row><c t="inlineStr"><is><t>x</t></is></c><c><v>1</v></c><c r="E1"><v>5</v></c><c><v>6</v></c></row>'
                     '<row><c><v>7</v></c></row><row r="9"><c r="B9"><v>9</v></c></row><row><c><v>10</v></c></row>',
    "odd references": '<row r="2"><c r="a2"><v>2</v></c></row>'
                      '<row r="3"><c r="A03"><v>3</v></c></row><row r="4"><c r="B7"><v>4</v></c></row>'
                      '<row r="5.0"><c r="A5"><v>5</v></c></row>',
    "empty values": '<row r="1"><c r="A1"><v></v></c><c r="B1" t="s"><v/></c><c r="C1" s="3"/><c r="D1"><v> 12 </v></c>'
                    '<c r="E1" t="b"><v>2</v></c><c r="F1" t="x"><v>odd</v></c></row><row r="2" ht="20" customHeight="1"/>',
    "not a cell in a row": '<row r="1"><x r="A1"><v>1</v></x><c r="B1"><v>2</v></c></row>',
    "a cell outside rows": '<c r="A1"><v>1</v></c><row r="2"><c r="A2"><v>2</v></c></row>',
    "values in odd places": '<row r="1"><c r="A1"><v>1<b/>2</v></c><c r="B1"><is><t>t</t></is><v>3</v></c></row>',
}

AFTER = {
    "merged": '<mergeCells count="2"><mergeCell ref="A1:B2"/><mergeCell ref="C3:C9"/></mergeCells>',
    "hyperlinks": '<hyperlinks><hyperlink ref="A1" display="x" location="目录!A1"/></hyperlinks>',
    "validations": '<dataValidations count="1"><dataValidation type="list" sqref="A1:A9"><formula1>"a,b"</formula1>'
                   "</dataValidation></dataValidations>",
    "formatting": '<conditionalFormatting sqref="A1:A9"><cfRule type="cellIs" priority="1" operator="equal">'
                  "<formula>1</formula></cfRule></conditionalFormatting>",
    "extensions": '<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}"><x/></ext></extLst>',
    "page": '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>',
}


@pytest.mark.parametrize("rows", list(CELLS.values()), ids=list(CELLS))
def test_every_cell_shape_reads_as_openpyxl_reads_it(rows: str) -> None:
    assert_same(workbook(sheet(rows, before='<cols><col min="1" max="3" width="12" customWidth="1"/></cols>')))


@pytest.mark.parametrize("after", list(AFTER.values()), ids=list(AFTER))
def test_the_sheets_other_parts_are_read_as_openpyxl_reads_them(after: str) -> None:
    assert_same(workbook(sheet(CELLS["plain"], after=after)))


def test_the_plain_shapes_give_the_values_openpyxl_gives() -> None:
    sheets, *_ = assert_same(workbook(sheet(CELLS["plain"] .replace('r="1"', 'r="1"'))))
    cells = {(row, col): (kind, text) for row, col, kind, text in sheets[0][4]}
    assert cells[(1, 1)] == ("str", "'共享文字'") and cells[(1, 2)] == ("float", "3.5")
    assert cells[(1, 4)] == ("bool", "True") and cells[(1, 5)] == ("str", "'#N/A'") and (1, 5) in sheets[0][2]


@pytest.mark.parametrize("namespace", ["http://purl.oclc.org/ooxml/spreadsheetml/main", "urn:other"])
def test_a_sheet_in_another_namespace_is_counted_and_read_as_before(namespace: str) -> None:
    assert_same(workbook(sheet(CELLS["plain"], after=AFTER["merged"], ns=namespace)))


def test_a_sheet_with_a_namespace_prefix_is_read() -> None:
    xml = (f'<x:worksheet xmlns:x="{MAIN}"><x:sheetData><x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>p</x:t>'
           '</x:is></x:c><x:c r="B1"><x:v>2</x:v></x:c></x:row></x:sheetData></x:worksheet>')
    assert_same(workbook(xml))


DAMAGED = {
    "shared string out of range": '<row r="1"><c r="A1" t="s"><v>99</v></c></row>',
    "shared string not a number": '<row r="1"><c r="A1" t="s"><v>x</v></c></row>',
    "number not a number": '<row r="1"><c r="A1"><v>abc</v></c></row>',
    "style not a number": '<row r="1"><c r="A1" s="x"/></row>',
    "row not whole": '<row r="1.5"><c r="A1"><v>1</v></c></row>',
    "row not a number": '<row r="x"><c r="A1"><v>1</v></c></row>',
    "reference without a row": '<row r="1"><c r="A"><v>1</v></c></row>',
    "absolute reference": '<row r="1"><c r="$A$1"><v>1</v></c></row>',
    "row zero": '<row r="1"><c r="A0"><v>1</v></c></row>',
    "boolean not a number": '<row r="1"><c r="A1" t="b"><v>yes</v></c></row>',
    "iso date wrong": '<row r="1"><c r="A1" t="d"><v>tomorrow</v></c></row>',
    "rich text with an unknown attribute": '<row r="1"><c r="A1" t="inlineStr"><is odd="1"><t>x</t></is></c></row>',
    "cut off": '<row r="1"><c r="A1"><v>1</v></c></row><row',
}


@pytest.mark.parametrize("rows", list(DAMAGED.values()), ids=list(DAMAGED))
def test_a_damaged_sheet_is_refused_as_before(rows: str) -> None:
    assert assert_same(workbook(sheet(rows)), taken=False)[0] == "refused"


@pytest.mark.parametrize("after", [
    '<mergeCells><mergeCell/></mergeCells>', '<cols><col max="2"/></cols>', '<cols><col min="x" max="2"/></cols>',
    '<sheetFormatPr defaultRowHeight="high"/>', '<pageMargins left="wide"/>', '<hyperlinks><hyperlink/></hyperlinks>',
], ids=["merge-without-ref", "col-without-min", "col-min-text", "format-text", "margins-text", "hyperlink-bare"])
def test_damaged_sheet_parts_are_refused_or_read_as_before(after: str) -> None:
    assert_same(workbook(sheet(CELLS["plain"], after=after)), taken=None)


@pytest.mark.parametrize("part", ["xl/workbook.xml", "xl/styles.xml", "[Content_Types].xml", "xl/_rels/workbook.xml.rels"])
def test_a_damaged_workbook_part_is_refused_as_before(part: str) -> None:
    content = workbook(sheet(CELLS["plain"]), parts={part: b"<not xml"})
    assert assert_same(content, taken=None)[0] == "refused"


def test_damaged_shared_strings_are_refused_as_before() -> None:
    assert assert_same(workbook(sheet(CELLS["plain"]), shared="<sst><si>"), taken=None)[0] == "refused"


def test_the_census_limits_refuse_as_before(monkeypatch: pytest.MonkeyPatch) -> None:
    rows = "".join(f'<row r="{r}"><c r="A{r}"><v>{r}</v></c><c r="B{r}" s="0"/></row>' for r in range(1, 60))
    for limit, value in [("MAX_DATA_ROWS", 30), ("MAX_ROW_ELEMENTS", 40), ("MAX_CELLS", 90)]:
        with monkeypatch.context() as patch:
            patch.setattr(census, limit, value)
            refused = assert_same(workbook(sheet(rows)), taken=None)
            assert refused[0] == "refused" and "目录!" in refused[1]
    with monkeypatch.context() as patch:
        patch.setattr(census, "MAX_CELLS", 200)
        merged = '<mergeCells><mergeCell ref="A1:Z20"/></mergeCells>'
        assert assert_same(workbook(sheet(rows, after=merged)), taken=None)[0] == "refused"


def test_too_many_shared_strings_are_refused_after_the_sheets_as_before(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(census, "MAX_CELLS", 5)  # the hidden sheet's row and cell count too
    many = SHARED.replace("</sst>", "<si><t>多</t></si>" * 4 + "</sst>")
    refused = assert_same(workbook(sheet('<row r="1"><c r="A1"><v>1</v></c></row>'), shared=many), taken=None)
    assert refused[0] == "refused" and "不同的文字" in refused[1]
    rows = "".join(f'<row r="{r}"><c r="A{r}"><v>{r}</v></c></row>' for r in range(1, 9))
    refused = assert_same(workbook(sheet(rows), shared=many), taken=None)
    assert refused[0] == "refused" and "目录!" in refused[1]  # the sheet's refusal comes first, as the census said


def test_a_sheet_the_census_misses_is_read_by_openpyxl(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(census, "_sheet_parts", lambda archive: [])
    assert_same(workbook(sheet(CELLS["plain"])))


# --------------------------------------------------------------------------- whole workbooks, whole imports


def _summary(content: bytes, fast: bool) -> Any:
    previous, opening.ONE_PASS = opening.ONE_PASS, fast
    try:
        result = read_workbook(content, "book.xlsx")
    except CatalogToolError as error:
        return ("refused", error.message.zh, error.message.en)
    finally:
        opening.ONE_PASS = previous
    return ([(doc.path, doc.data, doc.source, dict(doc.cells), doc.missing) for doc in result.documents],
            [(p.level, p.where, p.message) for p in result.problems], result.township)


def assert_same_import(content: bytes) -> None:
    assert _summary(content, True) == _summary(content, False)


def test_exports_of_the_examples_import_the_same() -> None:
    for folder in sorted(p for p in (ROOT / "examples").iterdir() if p.is_dir()):
        paths = sorted(folder.glob("*.yaml"))
        sources = [Source(path.name, load_file(path, path.name).data) for path in paths]
        content = export_bytes(sources)[0]
        assert_same(content)
        assert_same_import(content)


def test_an_export_of_generated_catalogs_imports_the_same(tmp_path: Path) -> None:
    from generate import generate

    generate(tmp_path / "repo", 2, 60)
    paths = sorted((tmp_path / "repo").rglob("*.yaml"))
    content = export_bytes([Source(p.name, load_file(p, p.name).data) for p in paths])[0]
    assert_same(content)
    assert_same_import(content)


def test_the_fuzz_corpus_imports_the_same() -> None:
    for path in sorted((ROOT / "fuzz" / "corpus" / "workbooks").glob("*.xlsx")):
        assert_same_import(path.read_bytes())


@pytest.mark.parametrize("seed", range(30))
def test_hostile_workbooks_import_the_same(seed: int) -> None:
    from fuzz.workbooks import hostile_workbook

    assert_same_import(hostile_workbook(random.Random(seed)).content)
