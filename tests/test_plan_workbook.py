"""Purchase plans in the workbook: the plan sheet grouped by category, its sums, the statistics, the county
summary, the township guide, and export → import as the identity over generated plans."""

from __future__ import annotations

import copy
import json
import random
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from catalogtool import money
from catalogtool.cli.main import app
from catalogtool.excel.read.importer import read_workbook
from catalogtool.excel.write.workbook import export_bytes
from catalogtool.kinds import PURCHASE_PLAN
from catalogtool.kinds.codecs import MONEY, CellValueError
from catalogtool.kinds.plan_codecs import PERFORMANCE, PERIOD
from catalogtool.labels import field_label
from catalogtool.loader import load_file, load_text
from catalogtool.sources import Source
from catalogtool.yaml_writer import dump_document
from tests.plan_factory import make_plan

ROOT = Path(__file__).resolve().parents[1]
CATALOG_PATH = ROOT / "examples" / "2025" / "purchase-catalog.yaml"
FORMAT = ROOT.parent.parent / "shared" / "spec" / "FORMAT.md"
MONEY_PATHS = (("unit_price",), ("amount",), ("provider", "contract_amount"))

# FORMAT.md §1.4's example, its total set to its one project's amount (FORMAT shows 386000 for projects it leaves out).
EXAMPLE = """\
kind: purchase-plan
schema: 1
title: 太和镇2025年度政府购买服务计划
region: {code: "441803100", name: 清远市清新区太和镇}
year: 2025
issuer: 清远市清新区太和镇人民政府
purchaser: 清远市清新区太和镇人民政府
catalog: {region: "441803", year: 2025}
total: 216000
projects:
  - code: TH-2025-01
    name: 太和镇居家养老上门服务项目
    catalog_ref: A0101
    content: 为辖区60名特困、失能老年人提供每周两次上门照料、助餐、助浴服务
    standard: 每次服务不少于1小时，服务记录经服务对象签字确认
    beneficiaries: 辖区特困、失能老年人
    quantity: 60
    unit: 人·年
    unit_price: 3600
    amount: 216000
    funding: 县级财政
    method: 竞争性磋商
    method_reason: ""
    period: {start: 2025-03-01, end: 2026-02-28}
    period_reason: ""
    provider_types: [社会组织, 企业]
    provider_requirements: 具有养老服务经验，配备持证护理员不少于6名
    performance:
      - {dimension: 产出数量, name: 服务老年人数, target: "60", unit: 人}
      - {dimension: 产出质量, name: 服务记录完整率, target: "≥95", unit: "%"}
      - {dimension: 满意度, name: 服务对象满意度, target: "≥90", unit: "%"}
    evaluation: [购买主体评价, 服务对象评价, 第三方评估]
    provider:
      name: 清远市清新区康乐社会工作服务中心
      credit_code: 52441803MJL123454G
      contract_amount: 210000
"""


def run(*args: str):
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def example_plan() -> dict[str, Any]:
    doc = load_text(EXAMPLE, "plan.yaml")
    assert doc.data is not None and not doc.findings
    return doc.data


def catalog() -> dict[str, Any]:
    doc = load_file(CATALOG_PATH, "purchase-catalog.yaml")
    assert doc.data is not None
    return doc.data


def three_projects() -> dict[str, Any]:
    """The example with two more projects: one under another 一级目录, one beside the first, cents in one."""
    plan = example_plan()
    second = copy.deepcopy(plan["projects"][0])
    second.update(code="TH-2025-02", name="太和镇政务数据处理服务项目", catalog_ref="B0102", quantity=1, unit="项",
                  unit_price=150000.55, amount=150000.55, method="竞争性谈判", funding="乡镇财政",
                  provider_types=["企业"])
    del second["provider"]
    third = copy.deepcopy(second)
    third.update(code="TH-2025-03", name="太和镇特困人员照护服务项目", catalog_ref="A0102", quantity=20,
                 unit_price=1000.5, amount=20010, funding="上级转移支付", provider_types=["社会组织"])
    plan["projects"] += [second, third]
    plan["total"] = 386010.55
    return plan


def export_import(*sources: Source, **options: Any) -> dict[str, dict[str, Any]]:
    data, _ = export_bytes(list(sources), **options)
    result = read_workbook(data)
    assert result.ok, [p.text("zh") for p in result.problems]
    return {d.path: d.data for d in result.documents}


def book_of(*sources: Source, **options: Any) -> openpyxl.Workbook:
    import io

    data, _ = export_bytes(list(sources), **options)
    return openpyxl.load_workbook(io.BytesIO(data))


def rows(ws) -> list[list[Any]]:
    return [list(r) for r in ws.iter_rows(min_row=4, values_only=True)]


def column(ws, header: str) -> int:
    return [c.value for c in ws[3]].index(header)


# --------------------------------------------------------------------------- codecs


def test_money_cells_print_as_yuan_and_read_back_exactly() -> None:
    assert MONEY.number_format == '"¥"#,##0.00'
    assert MONEY.encode(216000) == 216000 and MONEY.encode(3600.1) == 3600.1
    assert MONEY.encode(12345678901234.56) is None  # 16 digits: no cell holds it, 保留字段 does
    assert MONEY.encode("216000") is None and MONEY.encode(True) is None
    for text, value in [("¥216,000.00", 216000), ("￥3,600.10", 3600.1), ("216000元", 216000),
                        ("21.6万", 216000), ("21.6万元", 216000), (" 1,234.5 ", 1234.5), ("0.01", 0.01)]:
        assert MONEY.decode(text) == value, text
    assert MONEY.decode(10800.300000000001) == 10800.3  # a formula's float, read at 15 digits
    assert MONEY.decode(1700.5) == 1700.5 and MONEY.decode(216000) == 216000
    for bad in ("二十万", "1.2.3", "¥", True, "1e5"):
        with pytest.raises(CellValueError):
            MONEY.decode(bad)


@given(st.decimals(min_value=Decimal("0.01"), max_value=Decimal("99999999999.99"), places=2))
def test_money_round_trips_every_amount_to_the_fen(amount: Decimal) -> None:
    value = money.as_number(amount)
    cell = MONEY.encode(value)
    assert cell is not None
    assert money.to_decimal(MONEY.decode(cell)) == amount
    assert money.to_decimal(MONEY.decode(money.yuan(amount))) == amount


def test_period_and_indicators_decode_exactly() -> None:
    period = {"start": "2025-03-01", "end": "2026-02-28"}
    assert PERIOD.encode(period) == "2025-03-01至2026-02-28"
    assert PERIOD.decode("2025-03-01至2026-02-28") == period
    assert PERIOD.decode("2025-03-01 ~ 2026-02-28") == period
    assert PERIOD.encode({"start": "2025-03-01"}) is None
    with pytest.raises(CellValueError):
        PERIOD.decode("2025-03-01")
    indicators = [{"dimension": "产出数量", "name": "服务老年人数", "target": "60", "unit": "人"},
                  {"dimension": "效益", "name": "社区矛盾化解", "target": "明显改善"}]
    cell = PERFORMANCE.encode(indicators)
    assert cell == "产出数量｜服务老年人数｜60｜人\n效益｜社区矛盾化解｜明显改善"
    assert PERFORMANCE.decode(cell) == indicators
    assert PERFORMANCE.decode("产出数量|服务老年人数|60|人") == indicators[:1]
    with pytest.raises(CellValueError):
        PERFORMANCE.decode("产出数量｜服务老年人数")


def test_every_plan_column_is_headed_by_its_fields_label() -> None:
    for section in PURCHASE_PLAN.sections:
        assert section.table is not None
        for col in section.table.columns():
            if col.role == "field" and col.path:
                assert col.header == field_label(".".join(col.path), "zh", PURCHASE_PLAN.id), col


# --------------------------------------------------------------------------- the plan sheet


def test_plan_sheet_groups_projects_by_catalog_category_with_exact_sums() -> None:
    plan = three_projects()
    wb = book_of(Source("purchase-catalog.yaml", catalog()), Source("plan.yaml", plan))
    ws = wb["年度购买计划"]
    assert "预算总额：¥386,010.55" in ws["A2"].value and "购买主体：清远市清新区太和镇人民政府" in ws["A2"].value
    assert "所依据的目录：《" in ws["A2"].value
    body = rows(ws)
    amount_col, name_col = column(ws, "预算金额（元）"), column(ws, "项目名称")
    seq = [r[0] for r in body]
    assert seq == ["一", "（一）", 1, 2, "小计", "二", "（一）", 3, "小计", "合计"]
    assert [r[name_col] for r in body if r[0] in ("小计", "合计")] == [
        "公共服务小计", "政府履职所需辅助性服务小计", "合计（3 个项目）"]
    assert [r[amount_col] for r in body if r[0] in ("小计", "合计")] == [236010, 150000.55, 386010.55]
    assert [r[column(ws, "项目编号")] for r in body if isinstance(r[0], int)] == ["TH-2025-01", "TH-2025-03",
                                                                              "TH-2025-02"]
    total_cell = ws.cell(4 + len(body) - 1, amount_col + 1)
    assert total_cell.number_format == '"¥"#,##0.00' and total_cell.data_type == "n"
    assert ws.cell(6, column(ws, "单价（元）") + 1).number_format == '"¥"#,##0.00'
    assert ws.cell(6, column(ws, "实施期限") + 1).value == "2025-03-01至2026-02-28"
    assert ws.cell(6, column(ws, "绩效目标") + 1).value.splitlines()[0] == "产出数量｜服务老年人数｜60｜人"
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1
    # Read back: the document's order, not the sheet's, and no 小计 or 合计 project.
    back = export_import(Source("purchase-catalog.yaml", catalog()), Source("plan.yaml", plan))["plan.yaml"]
    assert back == plan


def test_without_the_catalog_the_plan_has_one_total() -> None:
    plan = three_projects()
    ws = book_of(Source("plan.yaml", plan))["年度购买计划"]
    body = rows(ws)
    assert [r[0] for r in body] == [1, 2, 3, "合计"]
    assert body[-1][column(ws, "预算金额（元）")] == 386010.55
    assert export_import(Source("plan.yaml", plan))["plan.yaml"] == plan


def test_rows_moved_in_excel_import_in_the_sheets_order(tmp_path: Path) -> None:
    import io

    plan = three_projects()
    data, _ = export_bytes([Source("purchase-catalog.yaml", catalog()), Source("plan.yaml", plan)])
    wb = openpyxl.load_workbook(io.BytesIO(data))
    ws = wb["年度购买计划"]
    ws.delete_rows(11)  # TH-2025-02, under 二、: the rows are no longer those exported
    out = io.BytesIO()
    wb.save(out)
    result = read_workbook(out.getvalue())
    assert result.ok, [p.text("zh") for p in result.problems]
    (doc,) = [d for d in result.documents if d.path == "plan.yaml"]
    assert [p["code"] for p in doc.data["projects"]] == ["TH-2025-01", "TH-2025-03"]


def test_statistics_sum_the_budget_by_category_method_and_funding() -> None:
    wb = book_of(Source("purchase-catalog.yaml", catalog()), Source("plan.yaml", three_projects()))
    values = [[c for c in r] for r in wb["统计"].iter_rows(values_only=True)]
    flat = [r for r in values if any(v is not None for v in r)]
    titles = [r[0] for r in flat if isinstance(r[0], str) and r[0].startswith("《太和镇")]
    assert titles == ["《太和镇2025年度政府购买服务计划》预算按目录类别统计", "《太和镇2025年度政府购买服务计划》预算按采购方式统计",
                      "《太和镇2025年度政府购买服务计划》预算按资金来源统计"]
    assert ["公共服务", "基本养老服务", 2, 236010] in [r[:4] for r in flat]
    assert ["竞争性磋商", 1, 216000] in [r[:3] for r in flat]
    assert ["竞争性谈判", 2, 170010.55] in [r[:3] for r in flat]
    assert ["上级转移支付", 1, 20010] in [r[:3] for r in flat]
    assert sum(1 for r in flat if r[:3] == ["合计", 3, 386010.55]) == 2


def test_a_county_export_adds_a_summary_of_every_plan() -> None:
    plans = [make_plan(random.Random(seed), 100 + seed, catalog_year=2025) for seed in range(3)]
    wb = book_of(Source("purchase-catalog.yaml", catalog()), *(Source(f"p{i}.yaml", p) for i, p in enumerate(plans)))
    assert "汇总表" in wb.sheetnames
    assert [n for n in wb.sheetnames if n.startswith("年度购买计划")] == [
        f"年度购买计划（{p['region']['name'].removeprefix('清远市清新区')}）" for p in plans]
    ws = wb["汇总表"]
    header = [c.value for c in ws[3]]
    body = rows(ws)
    budgets = [sum((Decimal(repr(x["amount"])) for x in p["projects"]), Decimal(0)) for p in plans]
    assert [r[1] for r in body[:-1]] == [p["purchaser"] for p in plans]
    assert [money.to_decimal(r[4]) for r in body[:-1]] == budgets
    assert body[-1][0] == "合计" and money.to_decimal(body[-1][4]) == sum(budgets, Decimal(0))
    assert body[-1][3] == sum(len(p["projects"]) for p in plans)
    for index, head in enumerate(header[5:], start=5):
        method = head.removeprefix("采购方式：")
        expected = sum((Decimal(repr(x["amount"])) for p in plans for x in p["projects"] if x["method"] == method),
                       Decimal(0))
        assert money.to_decimal(body[-1][index]) == expected, head
    assert ws.cell(4 + len(body) - 1, 5).number_format == '"¥"#,##0.00'


def test_the_township_guide_holds_its_own_plan_only(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "purchase-catalog.yaml").write_text(CATALOG_PATH.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "plan-taihe.yaml").write_text(EXAMPLE, encoding="utf-8")
    other = EXAMPLE.replace("441803100", "441803101").replace("太和镇", "山塘镇")
    (folder / "plan-shantang.yaml").write_text(other, encoding="utf-8")
    (folder / "townships.yaml").write_text('townships:\n  - {code: "441803100", name: 太和镇}\n'
                                           '  - {code: "441803101", name: 山塘镇}\n', encoding="utf-8")
    guide = tmp_path / "guide.xlsx"
    result = run("export", str(folder), "-o", str(guide), "--township", "太和镇")
    assert result.exit_code == 0, result.stderr
    wb = openpyxl.load_workbook(guide)
    plans = [n for n in wb.sheetnames if n.startswith("年度购买计划")]
    assert plans == ["年度购买计划"] and "汇总表" not in wb.sheetnames
    assert wb["年度购买计划"]["A1"].value == "太和镇2025年度政府购买服务计划"
    county = tmp_path / "county.xlsx"
    assert run("export", str(folder), "-o", str(county)).exit_code == 0
    assert "汇总表" in openpyxl.load_workbook(county).sheetnames
    again = tmp_path / "again.xlsx"
    assert run("export", str(folder), "-o", str(again), "--township", "太和镇").exit_code == 0
    assert again.read_bytes() == guide.read_bytes()


# --------------------------------------------------------------------------- the round trip


def _decimals(plan: dict[str, Any]) -> list[Decimal | None]:
    out = []
    for project in plan["projects"]:
        for path in MONEY_PATHS:
            node: Any = project
            for key in path:
                node = node.get(key) if isinstance(node, dict) else None
            out.append(money.to_decimal(node) if node is not None else None)
    return out


@pytest.mark.parametrize("batch", range(20))
def test_generated_plans_come_back_exactly(batch: int) -> None:
    """1,000 plans in 20 workbooks of 50, half with the catalog they draw on (grouped, reordered rows)."""
    rng = random.Random(9000 + batch)
    with_catalog = batch % 2 == 0
    plans = [make_plan(rng, 100 + n, catalog_year=2025 if with_catalog else None) for n in range(50)]
    sources = [Source(f"plans/p{n:02d}.yaml", plan) for n, plan in enumerate(plans)]
    if with_catalog:
        sources.insert(0, Source("purchase-catalog.yaml", catalog()))
    back = export_import(*sources)
    for n, plan in enumerate(plans):
        got = back[f"plans/p{n:02d}.yaml"]
        assert got == plan, n
        assert _decimals(got) == _decimals(plan)
        again = load_text(dump_document(got), "again.yaml")
        assert again.data == plan and not again.findings


def test_a_hostile_plan_exports_and_comes_back_as_it_was() -> None:
    """Wrong types everywhere (what validation would report) never crash the writer, and 保留字段 keeps them."""
    plan = example_plan()
    junk = copy.deepcopy(plan["projects"][0])
    junk.update(code="X-1", amount="二十万", unit_price=float("nan"), quantity=True, period=["2025-01-01"],
                performance={"dimension": "产出数量"}, provider_types="社会组织", evaluation=[1, None],
                provider={"name": ["x"], "contract_amount": 10**20}, catalog_ref=5)
    huge = copy.deepcopy(plan["projects"][0])
    huge.update(code="X-2", amount=12345678901234.56, performance=[{"dimension": "效益", "name": "a｜b", "target": 60}])
    plan["projects"] += [junk, huge, "不是映射"]
    plan["catalog"] = "441803"
    data, notices = export_bytes([Source("purchase-catalog.yaml", catalog()), Source("plan.yaml", plan)])
    assert any("不是映射" in n.message.zh for n in notices)
    result = read_workbook(data)
    back = {d.path: d.data for d in result.documents}["plan.yaml"]
    expected = copy.deepcopy(plan)
    expected["projects"] = expected["projects"][:3]
    assert json.dumps(back, sort_keys=True, ensure_ascii=False) == json.dumps(expected, sort_keys=True,
                                                                                ensure_ascii=False)  # NaN too
