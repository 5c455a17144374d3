"""The exported workbook opens in LibreOffice with its values intact (headless CSV and PDF conversion).

Skipped, with the reason, only where LibreOffice is not installed
(`apt-get install libreoffice-calc-nogui` or set CATALOGTOOL_SOFFICE to its `soffice`).
"""

from __future__ import annotations

import csv
import glob
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from catalogtool.cli.main import app

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
FORMULA = '=HYPERLINK("http://x","y")'
SMALL = f"""\
kind: purchase-catalog
schema: 1
title: 公式测试目录
region: {{code: "441803", name: 清远市清新区}}
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
            name: 公式样的事项
            content: {yaml.safe_dump(FORMULA).splitlines()[0]}
            township: true
            providers: [社会组织]
            notes: "-减号开头 @at开头 +加号开头"
"""


def find_soffice() -> str | None:
    configured = os.environ.get("CATALOGTOOL_SOFFICE")
    if configured and Path(configured).exists():
        return configured
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    patterns = ["/opt/libreoffice*/program/soffice", "/usr/lib/libreoffice/program/soffice",
                "/Applications/LibreOffice.app/Contents/MacOS/soffice",
                "C:/Program Files/LibreOffice/program/soffice.exe"]
    for pattern in patterns:
        hits = sorted(glob.glob(pattern))
        if hits:
            return hits[-1]
    return None


SOFFICE = find_soffice()
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed: "
                       "apt-get install libreoffice-calc-nogui, or set CATALOGTOOL_SOFFICE"),
]


def convert(workbook: Path, target: str, outdir: Path) -> None:
    assert SOFFICE is not None
    profile = outdir / "profile"
    command = [SOFFICE, f"-env:UserInstallation={profile.resolve().as_uri()}", "--headless", "--norestore",
               "--convert-to", target, "--outdir", str(outdir), str(workbook)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=240, check=False)
    assert result.returncode == 0, result.stderr


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("lo")
    small = folder / "formula.yaml"
    small.write_text(SMALL, encoding="utf-8")
    out = folder / "guide.xlsx"
    result = CliRunner().invoke(app, ["export", str(EXAMPLES / "2025"), str(small), "-o", str(out)],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def sheets(workbook: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[list[str]]]:
    outdir = tmp_path_factory.mktemp("csv")
    # UTF-8, comma, quote ", formatted as shown, every sheet to its own file (LibreOffice 7.2+)
    convert(workbook, 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1', outdir)
    found = {}
    for path in outdir.glob("*.csv"):
        sheet = path.stem.removeprefix(f"{workbook.stem}-")
        with path.open(encoding="utf-8", newline="") as handle:
            found[sheet] = list(csv.reader(handle))
    assert found, "LibreOffice wrote no CSV"
    return found


def all_values(rows: list[list[str]]) -> set[str]:
    return {value for row in rows for value in row if value}


def titled(sheets: dict[str, list[list[str]]], title: str) -> list[list[str]]:
    """The sheet whose first row is `title` (sheet order follows the documents' paths)."""
    found = [rows for rows in sheets.values() if rows and rows[0] and rows[0][0] == title]
    if not found and len(sheets) == 1:
        pytest.skip("this LibreOffice writes only the first sheet to CSV (needs 7.2+)")
    assert len(found) == 1, f"no single sheet titled {title}"
    return found[0]


def test_every_sheet_converts(sheets: dict[str, list[list[str]]]) -> None:
    if len(sheets) == 1:
        pytest.skip("this LibreOffice writes only the first sheet to CSV (needs 7.2+)")
    assert {"说明", "购买服务目录", "准入清单", "负面清单", "协助事项清单", "统计"} <= set(sheets)


def test_catalog_values_intact(sheets: dict[str, list[list[str]]]) -> None:
    data = yaml.safe_load((EXAMPLES / "2025" / "purchase-catalog.yaml").read_text(encoding="utf-8"))
    rows = titled(sheets, data["title"])
    assert rows[2][:11] == ["序号", "编码", "一级目录", "二级目录", "三级目录", "四级目录", "服务内容", "承接主体",
                            "乡镇适用", "设定依据", "备注"]
    values = all_values(rows)
    stack = list(data["categories"])
    while stack:
        node = stack.pop()
        assert node["code"] in values and node["name"] in values
        if "content" in node:
            assert node["content"] in values
        stack.extend(node.get("children", []))
    assert "【法律】《中华人民共和国老年人权益保障法》第三十七条" in values


def test_formula_text_stays_text(sheets: dict[str, list[list[str]]]) -> None:
    values = all_values(titled(sheets, "公式测试目录"))
    assert FORMULA in values
    assert "-减号开头 @at开头 +加号开头" in values


def test_numbers_and_booleans(sheets: dict[str, list[list[str]]]) -> None:
    rows = titled(sheets, "清新区村（社区）工作事项准入清单")
    header = rows[2]
    first = rows[3]
    assert first[header.index("编码")] == "ZR-001"
    assert first[header.index("经费金额（元/年）")] in ("12,000", "12000")
    assert first[header.index("需要经费")] == "是"


def test_pdf_prints_with_page_numbers(workbook: Path, tmp_path: Path) -> None:
    convert(workbook, "pdf", tmp_path)
    pdf = tmp_path / f"{workbook.stem}.pdf"
    assert pdf.read_bytes()[:5] == b"%PDF-"
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        return
    text = subprocess.run([pdftotext, "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "清新区乡镇政府购买服务指导性目录（2025年版）" in text
    assert "第 1 页 共" in text
    pages = text.count("\f")
    assert pages >= 6


def test_workbook_saved_again_by_libreoffice_imports_unchanged(workbook: Path, tmp_path: Path) -> None:
    """Opening and saving the guide in another office suite keeps everything import needs."""
    from catalogtool.excel.read.importer import read_workbook
    from catalogtool.loader import load_file

    convert(workbook, "xlsx:Calc MS Excel 2007 XML", tmp_path)
    result = read_workbook(tmp_path / workbook.name)
    assert result.ok, [p.text("zh") for p in result.problems]
    found = {doc.path: doc.data for doc in result.documents}
    year = EXAMPLES / "2025"
    expected = {path.relative_to(year).as_posix(): load_file(path).data for path in sorted(year.rglob("*.yaml"))}
    expected["formula.yaml"] = load_file(workbook.parent / "formula.yaml").data
    assert found == expected


def test_formulas_import_once_an_office_suite_has_calculated_them(tmp_path: Path) -> None:
    """Formulas written without their results are refused, cell by cell; saved by LibreOffice, they import
    (a formula whose result is empty text is just empty)."""
    import openpyxl

    from catalogtool.excel.read.importer import read_workbook

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "目录"
    ws.append(["一级目录", "二级目录", "三级目录", "编码", "服务内容", "乡镇适用", "备注"])
    ws.append(["公共服务", "养老服务", "居家养老", "A0101", '="上门"&"照料"', "是", '=IF(1,"","x")'])
    path = tmp_path / "formulas.xlsx"
    wb.save(path)
    assert [p.where for p in read_workbook(path).problems if p.level == "error"] == ["目录!E2", "目录!G2"]
    saved = tmp_path / "saved"
    convert(path, "xlsx:Calc MS Excel 2007 XML", saved)
    result = read_workbook(saved / path.name)
    assert result.ok, [p.text("zh") for p in result.problems]
    (item,) = result.documents[0].data["categories"][0]["children"][0]["children"]
    assert item == {"code": "A0101", "name": "居家养老", "content": "上门照料", "township": True}


def test_township_guide_with_its_plan_prints_the_yamls_sums(tmp_path: Path) -> None:
    """The printed plan sheet: A4 landscape, every printed column on the page, the total and each 小计 to the fen."""
    from decimal import Decimal

    from catalogtool import money
    from catalogtool.loader import load_file
    from catalogtool.yaml_writer import dump_document
    from tests.test_plan_workbook import three_projects

    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(EXAMPLES / "2025" / "purchase-catalog.yaml", folder / "purchase-catalog.yaml")
    (folder / "plan.yaml").write_text(dump_document(three_projects()), encoding="utf-8")
    guide = tmp_path / "太和镇.xlsx"
    result = CliRunner().invoke(app, ["export", str(folder), "-o", str(guide), "--township", "太和镇",
                                      "--townships", str(EXAMPLES / "townships.yaml")], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    convert(guide, "pdf", tmp_path)
    pdf = tmp_path / f"{guide.stem}.pdf"
    assert pdf.read_bytes()[:5] == b"%PDF-"
    pdftotext, pdfinfo = shutil.which("pdftotext"), shutil.which("pdfinfo")
    if pdftotext is None or pdfinfo is None:
        pytest.skip("poppler-utils (pdftotext, pdfinfo) is not installed")
    info = subprocess.run([pdfinfo, "-f", "1", "-l", "999", str(pdf)], capture_output=True, text=True,
                          check=True).stdout
    sizes = re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info)
    assert sizes and all(abs(float(w) - 841.89) < 1 and abs(float(h) - 595.28) < 1 for w, h in sizes), info  # A4 landscape
    text = subprocess.run([pdftotext, "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    plan = load_file(folder / "plan.yaml", "plan.yaml").data
    assert plan is not None
    amounts = [money.to_decimal(p["amount"]) for p in plan["projects"]]
    total = sum((a for a in amounts if a is not None), Decimal(0))
    assert money.yuan(total) == "¥386,010.55"
    assert money.yuan(total) in text  # the 合计 row and 预算总额 in the header block
    assert text.count(money.yuan(total)) >= 2
    for subtotal in ("¥236,010.00", "¥150,000.55"):  # 公共服务小计, 政府履职所需辅助性服务小计
        assert subtotal in text
    pages = text.split("\f")
    [first] = [page for page in pages if "项目编号" in page and "太和镇2025年度政府购买服务计划" in page][:1]
    flat = first.replace(" ", "")
    for header in ("序号", "项目编号", "预算金额", "采购方式", "实施期限", "绩效目标"):
        assert header in flat, header
    # Fit to width: the last printed column (合同金额) is on the page of the first, beside the 合计.
    assert re.search(r"合计\s+¥386,010\.55\s+¥210,000\.00", first), first
