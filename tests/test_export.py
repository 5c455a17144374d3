"""`catalogtool export`: the workbook read back with openpyxl — sheets, columns, print setup, safety."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest
import yaml
from typer.testing import CliRunner

from catalogtool.cli.main import app
from catalogtool.diff.changes import Change, FieldChange
from catalogtool.excel.write.compare_sheet import diff_workbook_bytes
from catalogtool.excel.write.layout import display_width, fit_widths, sheet_name
from catalogtool.kinds.columns import RESERVED_HEADER, Bounds

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
CATALOG_HEADERS = ["序号", "编码", "一级目录", "二级目录", "三级目录", "四级目录", "服务内容", "承接主体", "乡镇适用",
                   "设定依据", "备注"]

SMALL = """\
kind: purchase-catalog
schema: 1
title: 测试区政府购买服务指导性目录
region: {code: "441803", name: 清远市清新区}
year: 2025
issuer: 测试区财政局
categories:
  - code: A
    name: 公共服务
    children:
      - code: A01
        name: 基本公共服务
        children:
          - code: A0101
            name: "=HYPERLINK(\\"http://x\\",\\"y\\")"
            content: "=HYPERLINK(\\"http://x\\",\\"y\\")"
            township: true
            providers: [社会组织]
            notes: "+1 -2 @3"
          - code: A0102
            name: "-负号开头的事项"
            content: "@SUM(A1:A2)"
            township: false
            providers: [企业]
"""


def run(*args: str):
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def guide(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("export") / "guide.xlsx"
    result = run("export", str(EXAMPLES / "2025"), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def book(guide: Path) -> openpyxl.Workbook:
    return openpyxl.load_workbook(guide)


def header_row(ws) -> list[str]:
    return [c.value for c in ws[3] if c.value is not None]


def test_sheets_in_order(book) -> None:
    # Each township's plan on its own sheet, in the order of the townships' codes, then the county 汇总表.
    plans = [f"年度购买计划（{town}）" for town in ("太和镇", "山塘镇", "三坑镇", "龙颈镇")]
    assert book.sheetnames == ["说明", "购买服务目录", "准入清单", "负面清单", "协助事项清单", *plans, "汇总表", "统计",
                               "_catalogtool"]
    assert book["_catalogtool"].sheet_state == "hidden"
    assert book.active.title == "说明"


def test_catalog_columns(book) -> None:
    headers = header_row(book["购买服务目录"])
    assert headers[: len(CATALOG_HEADERS)] == CATALOG_HEADERS
    assert headers[-1] == RESERVED_HEADER
    ws = book["购买服务目录"]
    reserved = ws.column_dimensions[openpyxl.utils.get_column_letter(len(headers))]
    assert reserved.hidden


def test_catalog_rows_match_yaml(book) -> None:
    data = yaml.safe_load((EXAMPLES / "2025" / "purchase-catalog.yaml").read_text(encoding="utf-8"))
    items = []

    def walk(nodes):
        for node in nodes:
            if "children" in node:
                walk(node["children"])
            else:
                items.append(node)

    walk(data["categories"])
    ws = book["购买服务目录"]
    numbered = [(row[0].value, row[1].value) for row in ws.iter_rows(min_row=4) if row[0].value is not None]
    assert [n for n, _ in numbered] == list(range(1, len(items) + 1))
    assert [c for _, c in numbered] == [i["code"] for i in items]


def test_list_columns(book) -> None:
    assert header_row(book["准入清单"])[:7] == ["序号", "编码", "事项名称", "类别", "事项内容", "责任单位", "设定依据"]
    assert header_row(book["负面清单"])[:4] == ["序号", "编码", "事项名称", "不得准入的理由"]
    assert "指导与保障" in header_row(book["协助事项清单"])


def test_basis_cited_as_officials_do(book) -> None:
    ws = book["准入清单"]
    col = header_row(ws).index("设定依据") + 1
    assert ws.cell(4, col).value == "【行政法规】《社会救助暂行办法》第十三条"
    cells = [ws.cell(r, col).value or "" for r in range(4, ws.max_row + 1)]
    assert any("\n【" in c for c in cells), "several bases are one per line"


@pytest.mark.parametrize("sheet", ["购买服务目录", "准入清单", "负面清单", "协助事项清单"])
def test_freeze_filter_print(book, sheet: str) -> None:
    ws = book[sheet]
    assert ws.freeze_panes == "A4"
    assert ws.auto_filter.ref and ws.auto_filter.ref.startswith("A3:")
    assert ws.page_setup.orientation == "landscape"
    assert int(ws.page_setup.paperSize) == 9  # A4
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
    assert ws.print_title_rows == "$3:$3"
    assert ws.oddFooter.center.text == "第 &P 页 共 &N 页"
    assert ws.print_area


def test_fonts_and_header_style(book) -> None:
    ws = book["购买服务目录"]
    head = ws.cell(3, 1)
    assert head.font.name == "黑体" and head.font.b
    assert head.fill.fgColor.rgb.endswith("D9D9D9")
    assert head.border.bottom.style == "thin"
    body = ws.cell(6, 7)
    assert body.font.name == "宋体"
    assert body.alignment.wrap_text
    assert ws["A1"].font.name == "黑体"


def test_column_widths_count_cjk_double(book) -> None:
    ws = book["购买服务目录"]
    content = ws.column_dimensions["G"].width
    assert 20 <= content <= 46
    printed = sum(ws.column_dimensions[openpyxl.utils.get_column_letter(i)].width or 0
                  for i in range(1, 12) if not ws.column_dimensions[openpyxl.utils.get_column_letter(i)].hidden)
    assert printed <= 145


def test_rows_have_heights_for_wrapped_text(book) -> None:
    ws = book["购买服务目录"]
    assert all(ws.row_dimensions[r].height for r in range(3, ws.max_row + 1))


def test_statistics_chart(book) -> None:
    ws = book["统计"]
    assert len(ws._charts) >= 2
    values = [c.value for row in ws.iter_rows() for c in row if c.value is not None]
    assert "合计" in values and "按责任单位统计" in values


def test_cover_contents_links(book) -> None:
    ws = book["说明"]
    links = {c.value: c.hyperlink.location for row in ws.iter_rows() for c in row if c.hyperlink}
    assert links["购买服务目录"] == "'购买服务目录'!A1"
    assert set(links) >= {"购买服务目录", "准入清单", "负面清单", "协助事项清单", "统计"}
    texts = " ".join(str(c.value) for row in ws.iter_rows() for c in row if c.value)
    for expected in ("清远市清新区（441803）", "2025", "清新财〔2025〕12号", "编制日期", "35 项"):
        assert expected in texts


def test_byte_identical(tmp_path: Path, guide: Path) -> None:
    again = tmp_path / "again.xlsx"
    assert run("export", str(EXAMPLES / "2025"), "-o", str(again)).exit_code == 0
    assert again.read_bytes() == guide.read_bytes()
    with zipfile.ZipFile(again) as archive:
        assert {i.date_time for i in archive.infolist()} == {(2025, 3, 1, 0, 0, 0)}
        core = archive.read("docProps/core.xml").decode()
        assert "2025-03-01T00:00:00Z" in core


def test_cover_never_invents_a_date(tmp_path: Path) -> None:
    src = tmp_path / "catalog.yaml"
    src.write_text(SMALL, encoding="utf-8")  # year 2025, but no effective or approval date
    out, again = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    assert run("export", str(src), "-o", str(out)).exit_code == 0
    assert run("export", str(src), "-o", str(again)).exit_code == 0
    assert out.read_bytes() == again.read_bytes()
    book = openpyxl.load_workbook(out)
    cover = book["说明"]
    (label,) = [c for row in cover.iter_rows() for c in row if c.value == "编制日期"]
    assert cover.cell(label.row, 2).value is None  # blank, not 2025-01-01
    shown = [str(c.value) for ws in book.worksheets for row in ws.iter_rows() for c in row if c.value is not None]
    assert not any("2025-01-01" in text or "2000-01-01" in text for text in shown)
    with zipfile.ZipFile(out) as archive:
        core = archive.read("docProps/core.xml").decode()
        assert "dcterms:created" not in core and "dcterms:modified" not in core  # file properties show these
        assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_cover_date_is_one_the_documents_hold(tmp_path: Path) -> None:
    src = tmp_path / "catalog.yaml"
    src.write_text(SMALL.replace("issuer: 测试区财政局\n", "issuer: 测试区财政局\neffective: 2025-03-15\n"),
                   encoding="utf-8")
    out = tmp_path / "a.xlsx"
    assert run("export", str(src), "-o", str(out)).exit_code == 0
    cover = openpyxl.load_workbook(out)["说明"]
    (label,) = [c for row in cover.iter_rows() for c in row if c.value == "编制日期"]
    assert cover.cell(label.row, 2).value == "2025-03-15"


def test_date_option(tmp_path: Path) -> None:
    out = tmp_path / "d.xlsx"
    assert run("export", str(EXAMPLES / "2025"), "-o", str(out), "--date", "2025-06-30").exit_code == 0
    assert openpyxl.load_workbook(out).properties.modified.date().isoformat() == "2025-06-30"
    bad = run("export", str(EXAMPLES / "2025"), "-o", str(out), "--date", "30/06/2025")
    assert bad.exit_code == 2


def test_formula_looking_text_stays_text(tmp_path: Path) -> None:
    src = tmp_path / "catalog.yaml"
    src.write_text(SMALL, encoding="utf-8")
    out = tmp_path / "small.xlsx"
    result = run("export", str(src), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    with zipfile.ZipFile(out) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/sheet"):
                assert b"<f>" not in archive.read(name)
    ws = openpyxl.load_workbook(out)["购买服务目录"]
    found = {c.value: c for row in ws.iter_rows(min_row=4) for c in row if isinstance(c.value, str)}
    cell = found['=HYPERLINK("http://x","y")']
    assert cell.data_type == "s" and cell.quotePrefix
    assert found["@SUM(A1:A2)"].data_type == "s" and found["@SUM(A1:A2)"].quotePrefix
    assert found["-负号开头的事项"].quotePrefix
    assert found["+1 -2 @3"].quotePrefix


def test_illegal_characters_removed_with_warning(tmp_path: Path) -> None:
    src = tmp_path / "catalog.yaml"
    src.write_text(SMALL.replace('content: "@SUM(A1:A2)"', 'content: "响铃\\a字符"'), encoding="utf-8")
    out = tmp_path / "small.xlsx"
    result = run("export", str(src), "-o", str(out))
    assert result.exit_code == 0
    assert "A0102" in result.stderr and "U+0007" in result.stderr
    assert "服务内容含 Excel 无法保存的控制字符" in result.stderr  # the column as the sheet names it
    assert "字段 content" not in result.stderr
    ws = openpyxl.load_workbook(out)["购买服务目录"]
    assert "响铃字符" in [c.value for row in ws.iter_rows() for c in row]


def test_guide_may_sit_next_to_the_documents_without_touching_them(tmp_path: Path) -> None:
    folder = tmp_path / "catalogs"
    folder.mkdir()
    (folder / "catalog.yaml").write_text(SMALL, encoding="utf-8")
    result = run("export", str(folder), "-o", str(folder / "guide.xlsx"))
    assert result.exit_code == 0, result.stderr
    assert (folder / "guide.xlsx").exists()
    assert (folder / "catalog.yaml").read_text(encoding="utf-8") == SMALL
    # A second export of the same folder skips the workbook (it is not YAML) and works again.
    assert run("export", str(folder), "-o", str(folder / "guide.xlsx")).exit_code == 0


def test_output_must_be_xlsx(tmp_path: Path) -> None:
    result = run("export", str(EXAMPLES / "2025"), "-o", str(tmp_path / "guide.xls"))
    assert result.exit_code == 2 and ".xlsx" in result.stderr


def test_refuses_inputs_with_errors(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(SMALL.replace("code: A0102", "code: 0102"), encoding="utf-8")
    result = run("export", str(bad), "-o", str(tmp_path / "x.xlsx"))
    assert result.exit_code == 1 and "implicit-type" in result.stderr
    assert not (tmp_path / "x.xlsx").exists()
    broken = tmp_path / "broken.yaml"
    broken.write_text("kind: purchase-catalog\ntitle: [unclosed\n", encoding="utf-8")
    result = run("export", str(broken), "-o", str(tmp_path / "y.xlsx"))
    assert result.exit_code == 1 and "yaml-syntax" in result.stderr


def test_township_guide(tmp_path: Path) -> None:
    out = tmp_path / "taihe.xlsx"
    result = run("export", str(EXAMPLES / "2025"), "-o", str(out), "--township", "441803100")
    assert result.exit_code == 0, result.stderr
    book = openpyxl.load_workbook(out)
    assert book["说明"]["A1"].value == "太和镇2025年度购买服务指南"
    ws = book["购买服务目录"]
    assert "太和镇" in ws["A1"].value
    town_col = header_row(ws).index("乡镇适用") + 1
    assert ws.column_dimensions[openpyxl.utils.get_column_letter(town_col)].hidden
    values = [ws.cell(r, town_col).value for r in range(4, ws.max_row + 1) if ws.cell(r, 1).value]
    assert values and set(values) == {"是"}
    data = yaml.safe_load((EXAMPLES / "2025" / "purchase-catalog.yaml").read_text(encoding="utf-8"))
    text = yaml.safe_dump(data, allow_unicode=True)
    assert len(values) == text.count("township: true")
    by_name = run("export", str(EXAMPLES / "2025"), "-o", str(tmp_path / "n.xlsx"), "--township", "太和镇")
    assert by_name.exit_code == 0
    assert (tmp_path / "n.xlsx").read_bytes() == out.read_bytes()


def test_township_by_code_without_a_roster(tmp_path: Path) -> None:
    folder = tmp_path / "2025"
    shutil.copytree(EXAMPLES / "2025", folder)  # no townships.yaml here or above
    out = tmp_path / "guide.xlsx"
    result = run("export", str(folder), "-o", str(out), "--township", "441803100")
    assert result.exit_code == 0, result.stderr
    assert "没有找到乡镇名单" in result.stderr and "--townships" in result.stderr
    book = openpyxl.load_workbook(out)
    assert book["说明"]["A1"].value == "代码为441803100的乡镇2025年度购买服务指南"
    ws = book["购买服务目录"]
    town_col = header_row(ws).index("乡镇适用") + 1
    assert {ws.cell(r, town_col).value for r in range(4, ws.max_row + 1) if ws.cell(r, 1).value} == {"是"}
    by_name = run("export", str(folder), "-o", str(tmp_path / "n.xlsx"), "--township", "太和镇")
    assert by_name.exit_code == 2 and "--townships" in by_name.stderr
    elsewhere = run("export", str(folder), "-o", str(tmp_path / "x.xlsx"), "--township", "110101001")
    assert elsewhere.exit_code == 2 and "不在" in elsewhere.stderr


def test_township_outside_region(tmp_path: Path) -> None:
    roster = tmp_path / "townships.yaml"
    roster.write_text('townships:\n  - {code: "110101001", name: 东华门街道}\n', encoding="utf-8")
    result = run("export", str(EXAMPLES / "2025"), "-o", str(tmp_path / "x.xlsx"), "--township", "110101001",
                 "--townships", str(roster))
    assert result.exit_code == 2 and "不在" in result.stderr
    unknown = run("export", str(EXAMPLES / "2025"), "-o", str(tmp_path / "x.xlsx"), "--township", "441803199")
    assert unknown.exit_code == 2 and "townships.yaml" in unknown.stderr
    assert not (tmp_path / "x.xlsx").exists()


def test_one_workbook_per_township(tmp_path: Path) -> None:
    folder = tmp_path / "guides"
    result = run("export", str(EXAMPLES / "2025"), "-o", str(folder), "--townships",
                 str(EXAMPLES / "townships.yaml"))
    assert result.exit_code == 0, result.stderr
    names = sorted(p.name for p in folder.iterdir())
    assert names == ["441803100-太和镇.xlsx", "441803101-山塘镇.xlsx", "441803102-三坑镇.xlsx", "441803103-龙颈镇.xlsx"]
    assert "4/4" not in result.stderr  # the progress bar is for terminals, not pipes or CI logs
    assert "写入 4 个乡镇指南" in result.stderr
    assert openpyxl.load_workbook(folder / names[1])["说明"]["A1"].value.startswith("山塘镇")


def test_since_adds_comparison_sheet(tmp_path: Path) -> None:
    out = tmp_path / "since.xlsx"
    result = run("export", str(EXAMPLES / "2025"), "-o", str(out), "--since", str(EXAMPLES / "2024"))
    assert result.exit_code == 0, result.stderr
    book = openpyxl.load_workbook(out)
    ws = book["新旧对照表"]
    assert header_row(ws)[:9] == ["序号", "原编码", "原名称", "原内容", "新编码", "新名称", "新内容", "变更类型", "变更字段"]
    types = {ws.cell(r, 8).value for r in range(4, ws.max_row + 1)}
    assert {"新增", "修改", "重新编码"} <= types
    assert ws.freeze_panes == "A4" and ws.page_setup.orientation == "landscape"


def test_diff_workbook_bytes() -> None:
    changes = [
        Change("added", "purchase-catalog", code="A0105", name="新事项", new={"name": "新事项", "content": "内容"}),
        Change("changed", "purchase-catalog", code="A0101", name="养老",
               fields={"providers": FieldChange(["企业"], ["企业", "社会组织"])},
               old={"name": "养老", "content": "旧"}, new={"name": "养老", "content": "新"}),
        Change("recoded", "access-list", code="ZR-2", old_code="ZR-1", new_code="ZR-2", name="=危险"),
    ]
    data = diff_workbook_bytes(changes, "zh")
    assert data == diff_workbook_bytes(changes, "zh")
    ws = openpyxl.load_workbook(io.BytesIO(data)).active
    assert ws.title == "新旧对照表"
    assert [ws.cell(r, 8).value for r in (4, 5, 6)] == ["新增", "修改", "重新编码"]
    assert "承接主体：企业 → 企业、社会组织" in ws.cell(5, 9).value
    assert ws.cell(4, 1).fill.fgColor.rgb.endswith("E2EFDA")
    english = openpyxl.load_workbook(io.BytesIO(diff_workbook_bytes(changes, "en"))).active
    assert english.cell(3, 2).value == "Old code"


def test_display_width_and_fit() -> None:
    assert display_width("养老abc") == 7
    assert display_width("ＡＢ") == 4
    assert display_width("一行\n很长的一行") == 10
    widths = fit_widths(["内容"], [Bounds(10, 30)], [["字" * 100]])
    assert widths == [30]
    squeezed = fit_widths(["a", "b"], [Bounds(10, 100), Bounds(10, 100)], [["x" * 98, "y" * 98]], budget=120)
    assert sum(squeezed) <= 120.5


def test_sheet_names() -> None:
    assert sheet_name("购买/服务:目录?", []) == "购买_服务_目录_"
    long = sheet_name("很" * 40, [])
    assert len(long) == 31
    assert sheet_name("统计", ["统计"]) == "统计(2)"
    assert sheet_name("History", []) == "History_"
    assert len(sheet_name("很" * 40, [long])) == 31


def test_townships_folder_that_cannot_be_made_is_a_plain_error(tmp_path: Path) -> None:
    blocker = tmp_path / "README.md"
    blocker.write_text("a file, not a folder\n", encoding="utf-8")
    result = run("export", str(EXAMPLES / "2025"), "--townships", str(EXAMPLES / "townships.yaml"),
                 "-o", str(blocker / "sub"))
    assert result.exit_code == 2
    assert f"无法创建目录 {blocker / 'sub'}：路径中的上级不是目录" in result.stderr


@pytest.mark.parametrize(("new", "old"), [("2025", "2024/purchase-catalog.yaml"), ("2025/purchase-catalog.yaml", "2024")])
def test_since_compares_a_file_with_a_file_and_a_folder_with_a_folder(tmp_path: Path, new: str, old: str) -> None:
    out = tmp_path / "x.xlsx"
    result = run("export", str(EXAMPLES / new), "-o", str(out), "--since", str(EXAMPLES / old))
    assert result.exit_code == 2 and "文件对文件、目录对目录" in result.stderr
    assert not out.exists()


def test_since_leaves_out_what_the_configuration_excludes(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(EXAMPLES / "2025", repo / "old")
    shutil.copytree(EXAMPLES / "2025", repo / "new")
    (repo / "old" / "drafts").mkdir()
    shutil.copy(EXAMPLES / "2024" / "access-list.yaml", repo / "old" / "drafts" / "access-list.yaml")
    config = (EXAMPLES / "catalogtool.yaml").read_text(encoding="utf-8")
    assert "exclude:\n  - townships.yaml" in config
    config = config.replace("exclude:\n", "exclude:\n  - old/drafts/**\n")
    (repo / "catalogtool.yaml").write_text(config, encoding="utf-8")
    out = tmp_path / "guide.xlsx"
    result = run("export", str(repo / "new"), "-o", str(out), "--since", str(repo / "old"))
    assert result.exit_code == 0, result.stderr
    ws = openpyxl.load_workbook(out)["新旧对照表"]
    assert ws["A2"].value == "变化情况：没有变化"  # not 17 items "deleted" with the excluded draft
    assert ws.max_row == 3


def test_township_guides_are_written_all_or_none(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import errno
    import os

    from catalogtool import fsutil

    real, calls = fsutil._write_file, []

    def full_disk_on_the_third(fd: int, data: bytes) -> None:
        calls.append(fd)
        if len(calls) == 3:
            os.close(fd)
            raise OSError(errno.ENOSPC, "No space left on device")
        real(fd, data)

    monkeypatch.setattr(fsutil, "_write_file", full_disk_on_the_third)
    folder = tmp_path / "guides"
    result = run("export", str(EXAMPLES / "2025"), "-o", str(folder), "--townships", str(EXAMPLES / "townships.yaml"))
    assert result.exit_code == 2 and "磁盘空间不足" in result.stderr
    assert not folder.exists()


# --------------------------------------------------------------------------- text no cell can hold


def _export_small(tmp_path: Path, text: str):
    src = tmp_path / "catalog.yaml"
    src.write_text(text, encoding="utf-8")
    out = tmp_path / "small.xlsx"
    return run("export", str(src), "-o", str(out)), out


def _position(text: str, pointer: str) -> str:
    from catalogtool.loader import load_text

    line, column = load_text(text, "catalog.yaml").position(pointer)
    return f":{line}:{column}: "


@pytest.mark.parametrize(("old", "new", "pointer", "label"), [
    ('content: "@SUM(A1:A2)"', "content: " + "长" * 40_000, "/categories/0/children/0/children/1/content", "服务内容"),
    ("providers: [企业]", "providers: [企业]\n            purchasers: [" + ", ".join(f"部门{n:05d}" for n in range(5_000)) + "]",
     "/categories/0/children/0/children/1/purchasers", "购买主体"),
    ("title: 测试区政府购买服务指导性目录", "title: " + "目" * 33_000, "/title", "标题"),
    ("name: 基本公共服务", "name: " + "基" * 33_000, "/categories/0/children/0/name", "名称"),
], ids=["content", "joined-list", "title", "directory-name"])
def test_text_no_cell_can_hold_is_refused_at_its_position(tmp_path: Path, old: str, new: str, pointer: str,
                                                          label: str) -> None:
    """Validation (rule cell-length) refuses it first; with that rule off, export's own check still does."""
    text = SMALL.replace(old, new)
    assert text != SMALL
    checked = _position(text, pointer).rstrip(": ")
    result, out = _export_small(tmp_path, text)
    assert result.exit_code == 1, result.stderr
    assert "Traceback" not in result.stderr and "内部错误" not in result.stderr
    if label != "购买主体":  # a joined list is too long only as one cell: no single value is
        assert f"catalog.yaml{checked} 错误 [cell-length]" in result.stdout + result.stderr, result.stdout
    assert not out.exists()

    (tmp_path / "catalogtool.yaml").write_text("rules:\n  cell-length: off\n", encoding="utf-8")
    result, out = _export_small(tmp_path, text)
    assert result.exit_code == 1, result.stderr
    assert "Traceback" not in result.stderr and "内部错误" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if "32767" in line]
    assert lines, result.stderr
    assert lines[0].startswith(str(tmp_path / "catalog.yaml") + _position(text, pointer)) or \
        ("catalog.yaml" + _position(text, pointer)) in lines[0], lines[0]
    assert label in lines[0]
    assert not out.exists()


def test_a_cell_put_together_from_several_values_is_refused_whole(tmp_path: Path) -> None:
    text = SMALL.replace("issuer: 测试区财政局", "issuer: " + "局" * 20_000 + "\ndocument_number: " + "号" * 20_000)
    result, out = _export_small(tmp_path, text)
    assert result.exit_code == 1, result.stderr
    assert "购买服务目录!A2" in result.stderr and "32767" in result.stderr  # the sheet's subtitle line
    assert not out.exists()


def test_every_cell_of_a_guide_fits() -> None:
    """What export refuses is exactly what would not fit: the examples' cells all do."""
    from catalogtool.excel.write.workbook import export_bytes
    from catalogtool.loader import load_file
    from catalogtool.sources import Source

    sources = [Source(p.name, load_file(p, p.name).data) for p in sorted((EXAMPLES / "2025").glob("*.yaml"))]
    data, _ = export_bytes(sources)  # the table rows exist as cells only in the file (write/streamed.py)
    wb = openpyxl.load_workbook(io.BytesIO(data))
    longest = max(len(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row
                  if isinstance(c.value, str))
    assert longest < 32767


def test_diff_workbook_never_cuts_a_cell() -> None:
    from catalogtool.errors import CatalogToolError

    long = "长" * 40_000
    changes = [Change("added", "purchase-catalog", code="A0105", name="新事项", new={"name": "新事项", "content": long})]
    with pytest.raises(CatalogToolError) as caught:
        diff_workbook_bytes(changes, "zh")
    assert "新旧对照表!" in caught.value.message.zh and "32767" in caught.value.message.zh
