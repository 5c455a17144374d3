"""The diff of purchase plans: amounts old → new with their exact change, the budget total, every format."""

from __future__ import annotations

import io
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from openpyxl import load_workbook

from catalogtool import kinds
from catalogtool.credit_code import problem
from catalogtool.diff.amounts import declared
from catalogtool.diff.apply import apply, normalize
from catalogtool.diff.changes import BUDGET_FIELD, Change
from catalogtool.diff.core import compare, compare_sets
from catalogtool.diff.inputs import load_input
from catalogtool.diff.render_json import render_json
from catalogtool.diff.render_markdown import render_markdown
from catalogtool.diff.render_text import render_text
from catalogtool.excel.write.compare_sheet import diff_workbook_bytes

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
PLAN = kinds.PURCHASE_PLAN.id
TOWNS = ("taihe", "shantang", "sankeng", "longjing")


def project(code: str, amount: Any, **more: Any) -> dict[str, Any]:
    return {"code": code, "name": f"项目{code}", "catalog_ref": "A0101", "content": f"购买内容{code}",
            "amount": amount, **more}


def plan(*projects: dict[str, Any], **header: Any) -> dict[str, Any]:
    return {"kind": PLAN, "schema": 1, "title": "太和镇年度政府购买服务计划", "year": 2025, **header,
            "projects": list(projects)}


def changed(changes: list[Change], code: str) -> Change:
    return next(c for c in changes if c.code == code and c.type in ("changed", "recoded"))


# --------------------------------------------------------------------------- amounts


def test_the_plan_kind_names_its_money_fields() -> None:
    money, budget = declared(kinds.PURCHASE_PLAN)
    assert {"amount", "unit_price", "provider.contract_amount", "total"} <= money
    assert budget == "amount"
    assert declared(kinds.CATALOG) == (frozenset(), None)


def test_an_amount_change_is_exact_to_the_fen() -> None:
    old = plan(project("P1", 0.1), project("P2", 0.2))
    new = plan(project("P1", 0.3), project("P2", 0.2))
    fc = changed(compare(old, new, kind=PLAN), "P1").fields["amount"]
    assert fc.money and fc.change == Decimal("0.2")  # 0.3 - 0.1 as floats is 0.19999999999999998
    assert fc.to_dict() == {"old": 0.1, "new": 0.3, "change": "0.20"}


def test_cuts_are_negative_and_big_amounts_keep_every_fen() -> None:
    old = plan(project("P1", 9999999999.99, unit_price=1234.56, quantity=3))
    new = plan(project("P1", 9999999999.98, unit_price=1234.55, quantity=3))
    fields = changed(compare(old, new, kind=PLAN), "P1").fields
    assert fields["amount"].to_dict()["change"] == "-0.01"
    assert fields["unit_price"].change == Decimal("-0.01")
    assert not fields.get("quantity")
    text = render_text(compare(old, new, kind=PLAN))
    assert "预算金额（元）：¥9,999,999,999.99 → ¥9,999,999,999.98（−¥0.01）" in text
    assert "单价（元）：¥1,234.56 → ¥1,234.55（−¥0.01）" in text


def test_the_contract_amount_of_a_provider_is_money() -> None:
    old = plan(project("P1", 216000, provider={"name": "甲", "contract_amount": 216000}))
    new = plan(project("P1", 216000, provider={"name": "甲", "contract_amount": 210000.5}))
    fc = changed(compare(old, new, kind=PLAN), "P1").fields["provider.contract_amount"]
    assert fc.to_dict()["change"] == "-5999.50"


@pytest.mark.parametrize("bad", ["二十万", None, True, float("nan"), float("inf"), 1e300, [1], {"a": 1}])
def test_an_amount_that_is_not_a_number_is_shown_as_written_without_a_change(bad: Any) -> None:
    old = plan(project("P1", 216000))
    new = plan(project("P1", bad))
    changes = compare(old, new, kind=PLAN)
    fc = changed(changes, "P1").fields["amount"]
    assert fc.change is None and "change" not in fc.to_dict()
    for render in (render_text, render_markdown, render_json):
        assert render(changes)
    assert diff_workbook_bytes(changes, "zh")


@pytest.mark.parametrize("digits", [26, 27, 30, 400])
def test_an_amount_of_any_size_is_compared_without_an_internal_error(digits: int) -> None:
    # Found by review: quantize under Decimal's 28-digit context raised InvalidOperation.
    huge = int("1" + "0" * digits)
    changes = compare(plan(project("P1", 1)), plan(project("P1", huge)), kind=PLAN)
    fc = changed(changes, "P1").fields["amount"]
    assert fc.to_dict()["change"] == f"{huge - 1}.00"
    assert "¥1.00 →" in render_text(changes)
    assert render_markdown(changes) and render_json(changes) and diff_workbook_bytes(changes, "zh")


@pytest.mark.parametrize("bad", [float("nan"), True, [1], "二十万", None])
def test_a_budget_that_cannot_be_summed_is_not_shown_as_a_cut(bad: Any) -> None:
    # Found by review: an unreadable amount counted as zero, showing the plan cut to ¥0.00.
    old = plan(project("P1", 112000))
    new = plan(project("P1", bad))
    header = [c for c in compare(old, new, kind=PLAN) if c.type == "header"]
    assert not header or BUDGET_FIELD not in header[0].fields
    assert "预算合计" not in render_text(compare(old, new, kind=PLAN))


def test_other_kinds_have_no_money() -> None:
    old = {"kind": "access-list", "items": [{"code": "ZR-001", "name": "甲", "funding": {"amount": 100}}]}
    new = {"kind": "access-list", "items": [{"code": "ZR-001", "name": "甲", "funding": {"amount": 200}}]}
    (change,) = compare(old, new, kind="access-list")
    assert not change.fields["funding.amount"].money
    assert "change" not in change.to_dict()["fields"]["funding.amount"]


# --------------------------------------------------------------------------- the budget total


def test_budget_total_without_a_written_total() -> None:
    old = plan(project("P1", 100000.1), project("P2", 50000.2))
    new = plan(project("P1", 100000.1), project("P3", 80000))
    header = next(c for c in compare(old, new, kind=PLAN) if c.type == "header")
    budget = header.fields[BUDGET_FIELD]
    assert (budget.old, budget.new, budget.change) == (150000.3, 180000.1, Decimal("29999.80"))


def test_a_written_total_that_says_the_same_is_not_repeated() -> None:
    old = plan(project("P1", 100000), total=100000)
    new = plan(project("P1", 120000), total=120000)
    header = next(c for c in compare(old, new, kind=PLAN) if c.type == "header")
    assert BUDGET_FIELD not in header.fields
    assert header.fields["total"].to_dict() == {"old": 100000, "new": 120000, "change": "20000.00"}
    assert "预算合计：¥100,000.00 → ¥120,000.00（+¥20,000.00）" in render_text(compare(old, new, kind=PLAN))


def test_a_written_total_that_is_wrong_does_not_hide_the_sum() -> None:
    old = plan(project("P1", 100000), total=100000)
    new = plan(project("P1", 120000), total=100000)
    header = next(c for c in compare(old, new, kind=PLAN) if c.type == "header")
    assert header.fields[BUDGET_FIELD].change == Decimal(20000)


def test_an_unchanged_budget_is_not_a_change() -> None:
    old = plan(project("P1", 100000), project("P2", 50000))
    new = plan(project("P1", 50000), project("P2", 100000))
    assert all(c.type != "header" for c in compare(old, new, kind=PLAN))


def test_the_budget_pseudo_field_is_not_written_back() -> None:
    old = plan(project("P1", 100000))
    new = plan(project("P1", 100000), project("P2", 3000.03))
    changes = compare(old, new, kind=PLAN)
    assert normalize(apply(old, changes)) == normalize(new)


def test_a_new_plan_has_a_budget_but_no_change() -> None:
    new = plan(project("P1", 100000), project("P2", 2000))
    header = next(c for c in compare(None, new, kind=PLAN) if c.type == "header")
    assert header.fields[BUDGET_FIELD].to_dict() == {"old": None, "new": 102000}


# --------------------------------------------------------------------------- projects and formats


def test_added_removed_and_recoded_projects() -> None:
    old = plan(project("P1", 1000), project("P2", 2000, name="残疾人就业辅导服务项目", content="职业能力评估和岗前培训"),
               project("P3", 3000, name="农家书屋运营管理服务", content="图书编目和借阅登记"))
    new = plan(project("P1", 1000), project("P7", 2500, name="残疾人就业辅导服务项目", content="职业能力评估和岗前培训"),
               project("P4", 4000, name="零工驿站运营服务", content="发布灵活就业岗位信息"))
    changes = compare(old, new, kind=PLAN)
    assert {(c.type, c.code or c.old_code) for c in changes if c.type != "header"} == {
        ("recoded", "P7"), ("removed", "P3"), ("added", "P4")}
    recoded = changed(changes, "P7")
    assert (recoded.old_code, recoded.fields["amount"].change) == ("P2", Decimal(500))
    text = render_text(changes)
    assert "P2 → P7" in text and "预算金额（元）：¥4,000.00" in text and "预算金额（元）：¥3,000.00" in text


def test_every_format_shows_old_new_and_the_change() -> None:
    old = plan(project("P1", 216000))
    new = plan(project("P1", 228000))
    changes = compare(old, new, kind=PLAN)
    assert "预算金额（元）：¥216,000.00 → ¥228,000.00（+¥12,000.00）" in render_text(changes)
    assert "预算合计：¥216,000.00 → ¥228,000.00（+¥12,000.00）" in render_text(changes)
    markdown = render_markdown(changes)
    assert "<del>¥216,000.00</del> → <ins>¥228,000.00</ins>（+¥12,000.00）" in markdown
    assert "| 预算合计 |" in markdown
    english = render_text(changes, lang="en")
    assert "budget (yuan): ¥216,000.00 → ¥228,000.00 (+¥12,000.00)" in english
    data = json.loads(render_json(changes))
    project_change = next(c for c in data["changes"] if c["type"] == "changed")
    assert project_change["fields"]["amount"] == {"old": 216000, "new": 228000, "change": "12000.00"}
    header = next(c for c in data["changes"] if c["type"] == "header")
    assert header["fields"][BUDGET_FIELD]["change"] == "12000.00"
    sheet = load_workbook(io.BytesIO(diff_workbook_bytes(changes, "zh"))).active
    cells = [str(cell.value) for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert any("预算金额（元）：¥216,000.00 → ¥228,000.00（+¥12,000.00）" in value for value in cells)
    assert any("¥216,000.00 → ¥228,000.00（+¥12,000.00）" in value and "预算合计" in value for value in cells)


def test_performance_indicators_read_as_indicators() -> None:
    target = {"dimension": "产出数量", "name": "服务老年人数", "target": "60", "unit": "人"}
    old = plan(project("P1", 1000, performance=[target]))
    new = plan(project("P1", 1000, performance=[{**target, "target": "66"}]))
    text = render_text(compare(old, new, kind=PLAN))
    assert "产出数量·服务老年人数 66人" in text and "产出数量·服务老年人数 60人" in text


# --------------------------------------------------------------------------- the examples


@pytest.fixture(scope="module")
def example_changes() -> list[Change]:
    return compare_sets(load_input(str(EXAMPLES / "2024" / "plans")).docs,
                        load_input(str(EXAMPLES / "2025" / "plans")).docs)


def _projects(year: int, town: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    doc = yaml.safe_load((EXAMPLES / str(year) / "plans" / f"{town}.yaml").read_text(encoding="utf-8"))
    return doc, doc["projects"]


def _catalog_items(year: int) -> dict[str, dict[str, Any]]:
    doc = yaml.safe_load((EXAMPLES / str(year) / "purchase-catalog.yaml").read_text(encoding="utf-8"))
    return {entry.data["code"]: entry.data for entry in kinds.CATALOG.items(doc)}


@pytest.mark.parametrize("year", [2024, 2025])
@pytest.mark.parametrize("town", TOWNS)
def test_example_plans_keep_the_plan_rules(year: int, town: str) -> None:
    """What FORMAT.md §4's plan-* rules ask, checked here too so the examples stay right on their own."""
    doc, projects = _projects(year, town)
    items = _catalog_items(year)
    assert doc["catalog"] == {"region": "441803", "year": year} and 3 <= len(projects) <= 7
    total = Decimal(0)
    for p in projects:
        item = items[p["catalog_ref"]]
        assert item["township"] is True and set(p["provider_types"]) <= set(item["providers"])
        amount = Decimal(repr(p["amount"]))
        assert Decimal(repr(p["quantity"])) * Decimal(repr(p["unit_price"])) == amount, p["code"]
        assert Decimal(30000) <= amount <= Decimal(2500000)
        if amount >= 2000000:
            assert p["method"] == "公开招标"
        elif amount >= 300000:
            assert p["method"] in ("公开招标", "竞争性磋商", "竞争性谈判", "询价")
        if p["method"] == "单一来源采购":
            assert p["method_reason"]
        start, end = p["period"]["start"], p["period"]["end"]
        assert start.year == year and start < end
        if (end - start).days > 366:
            assert p["period_reason"] and (end - start).days <= 3 * 366
        dimensions = {i["dimension"] for i in p["performance"] if str(i["target"])}
        assert dimensions & {"产出数量", "产出质量", "产出时效"} and dimensions & {"效益", "满意度"}
        if p.get("provider", {}).get("credit_code"):
            assert problem(p["provider"]["credit_code"]) is None
        if p["funding"] == "其他":
            assert p.get("funding_note")
        total += amount
    if "total" in doc:
        assert Decimal(repr(doc["total"])) == total


def test_examples_validate_clean() -> None:
    from typer.testing import CliRunner

    from catalogtool.cli.main import app

    result = CliRunner().invoke(app, ["validate", "--strict", "--format", "json", str(EXAMPLES)])
    data = json.loads(result.stdout)
    assert result.exit_code == 0 and data["problems"] == [], data["problems"]
    assert sum(1 for f in data["files"] if f["kind"] == PLAN) == 8


def test_the_example_diff_shows_the_planned_changes(example_changes: list[Change]) -> None:
    by = {(c.document, c.type, c.code or c.old_code) for c in example_changes}
    assert ("taihe.yaml", "added", "TH-08") in by and ("taihe.yaml", "removed", "TH-06") in by
    recoded = changed(example_changes, "ST-07")
    assert recoded.type == "recoded" and recoded.old_code == "ST-04"
    assert changed(example_changes, "SK-02").fields["method"].new == "竞争性磋商"
    assert changed(example_changes, "TH-01").fields["amount"].change == Decimal(30000)
    assert changed(example_changes, "SK-03").fields["amount"].change == Decimal(-14000)
    text = render_text(example_changes)
    assert "预算合计：¥3,262,122.00 → ¥3,456,122.00（+¥194,000.00）" in text
    assert "预算合计：¥650,404.56 → ¥634,404.56（−¥16,000.00）" in text  # 山塘镇 writes no total
