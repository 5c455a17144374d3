"""The plan rules beyond what rule cases express: exact money over many random amounts, hostile
plans that must give findings and never a crash, the options of plan-method, a catalog read from
outside the run (and never stale from the cache), and `catalogtool rules` listing them."""

from __future__ import annotations

import json
import random
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from catalogtool.cli.main import app
from catalogtool.config import Config
from catalogtool.engine import validate_bytes
from catalogtool.money import plain
from catalogtool.rules import RULES

PLAN_RULES = ("plan-catalog-ref", "plan-amount", "plan-funding", "plan-method", "plan-period", "plan-provider",
              "plan-performance")

HEAD = """kind: purchase-plan
schema: 1
title: 太和镇2025年度政府购买服务计划
region: {code: "441803100", name: 清远市清新区太和镇}
year: 2025
issuer: 清远市清新区太和镇人民政府
purchaser: 清远市清新区太和镇人民政府
catalog: {CATALOG}
"""
PROJECT = """  - code: TH-2025-{n:02d}
    name: 第{n}个购买服务项目
    catalog_ref: A0101
    content: 为辖区老年人提供上门照料服务
{money}    funding: 县级财政
    method: 竞争性磋商
    period: {{start: 2025-03-01, end: 2026-02-28}}
    provider_types: [社会组织]
    performance:
      - {{dimension: 产出数量, name: 服务老年人数, target: "60", unit: 人}}
      - {{dimension: 满意度, name: 服务对象满意度, target: "≥90", unit: "%"}}
"""
CATALOG = """kind: purchase-catalog
schema: 1
title: 测试目录
region: {code: "441803", name: 清远市清新区}
year: 2025
issuer: 清远市清新区财政局
categories:
  - code: A
    name: 公共服务
    children:
      - code: A01
        name: 基本养老服务
        children:
          - code: A0101
            name: 居家养老上门服务
            content: 为老年人提供居家上门照料服务
            township: true
            providers: [社会组织, 企业]
"""


def plan(*money: str, header: str = "", catalog: str = '{region: "441803", year: 2025}') -> str:
    projects = "".join(PROJECT.format(n=n, money=m) for n, m in enumerate(money, 1))
    return HEAD.replace("{CATALOG}", catalog) + header + "projects:\n" + projects


def problems(text: str, rule: str | None = None) -> list[tuple[str, str, str]]:
    """(rule, pointer, Chinese message) of each problem of one plan checked alone (of `rule` only, if given)."""
    result = validate_bytes(text.encode("utf-8"), "plan.yaml", Config())
    return [(p.rule, p.pointer, p.message.zh) for p in result.problems if rule in (None, p.rule)]


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=False)


# ---------------------------------------------------------------- exact money

def _yuan(rng: random.Random) -> Decimal:
    """An amount in fen, from ¥0.01 to about ¥99 million, with two decimals mostly not zero."""
    return Decimal(rng.randint(1, 9_999_999_999)) / 100


def test_random_amounts_with_two_decimals_sum_exactly() -> None:
    """Floats would miss by a fen here (0.1 + 0.2); the rule reads what was written and is exact."""
    rng = random.Random(20250301)
    for _ in range(60):
        amounts = [_yuan(rng) for _ in range(rng.randint(1, 12))]
        total = sum(amounts, Decimal(0))
        money = [f"    amount: {plain(a)}\n" for a in amounts]
        assert problems(plan(*money, header=f"total: {plain(total)}\n"), "plan-amount") == []
        off = total + rng.choice((Decimal("0.01"), Decimal("-0.01")))
        found = problems(plan(*money, header=f"total: {plain(off)}\n"), "plan-amount")
        assert [(r, p) for r, p, _ in found] == [("plan-amount", "/total")]
        assert "相差 ¥0.01" in found[0][2]


def test_quantity_times_unit_price_is_exact_to_the_fen() -> None:
    rng = random.Random(7)
    for _ in range(60):
        quantity = rng.randint(1, 5000)
        price = _yuan(rng) / 1000 + Decimal("0.01")
        price = price.quantize(Decimal("0.01"))
        amount = quantity * price
        written = f"    quantity: {quantity}\n    unit_price: {plain(price)}\n    amount: {plain(amount)}\n"
        assert problems(plan(written), "plan-amount") == [], written
        wrong = f"    quantity: {quantity}\n    unit_price: {plain(price)}\n    amount: {plain(amount + Decimal('0.01'))}\n"
        found = problems(plan(wrong), "plan-amount")
        assert [(r, p) for r, p, _ in found] == [("plan-amount", "/projects/0/amount")], wrong
        assert "相差 ¥0.01" in found[0][2]


def test_a_float_sum_would_be_wrong_where_the_rule_is_right() -> None:
    """0.1 + 0.2 != 0.3 in floats; the plan with these amounts is clean."""
    assert 0.1 + 0.2 != 0.3
    assert problems(plan("    amount: 0.1\n", "    amount: 0.2\n", header="total: 0.3\n")) == []


# ---------------------------------------------------------------- hostile plans

HOSTILE = [
    "projects: 5\n",
    "projects: [1, 文本, null, [], {code: [1]}]\n",
    "total: .inf\nprojects:\n  - {amount: .nan, quantity: -.inf, unit_price: 1e400}\n",
    "projects:\n  - {amount: 1" + "0" * 90 + ", quantity: 0x" + "F" * 60 + ", unit_price: 1:20:30}\n",
    "projects:\n  - {amount: true, quantity: null, unit_price: [1], provider: {contract_amount: {a: 1}}}\n",
    "projects:\n  - {period: [2025-01-01], provider: {contract_period: 2025}, period_reason: [理由]}\n",
    "projects:\n  - {period: {start: 2025-01-01, end: 9999-12-31}, provider: {contract_period: {start: 0001-01-01, end: 9999-12-31}}}\n",
    "projects:\n  - {performance: 满意度90%, method: [公开招标], method_reason: {a: 1}, amount: 5000000}\n",
    "projects:\n  - {performance: [[], null, {dimension: [产出数量], target: {a: 1}}], provider_types: 社会组织}\n",
    "projects:\n  - {provider_types: [1, null, 公益一类事业单位], provider: {credit_code: 123}, catalog_ref: [A0101]}\n",
    "projects:\n  - {provider: {credit_code: \"５２４４１８０３ＭＪＬ１２３４５４Ｇ\"}, funding: 其他, funding_note: [1]}\n",
    "projects:\n  - {method: 其他, amount: 99999999999999999999, funding: [其他]}\n",
    # Found by review: Decimal's 28-digit context made these internal errors.
    'total: "1' + "0" * 33 + '"\nprojects:\n  - {amount: "1' + "0" * 33 + '万", unit_price: "¥1' + "0" * 30 + '"}\n',
    "total: !!int " + "1" * 100 + "\nprojects:\n  - {amount: 1, quantity: !!int " + "9" * 90 + "}\n",
    "projects:\n  - {quantity: 040, amount: 1" + "0" * 27 + ", unit_price: 0.001, provider: {contract_amount: -0.0}}\n",
]


@pytest.mark.parametrize("body", HOSTILE, ids=range(len(HOSTILE)))
@pytest.mark.parametrize("catalog", ['{region: "441803", year: 2025}', "{path: plan.yaml}", "{path: [1]}",
                                     "{region: 441803, year: true}", "5", '{path: ""}', "{path: /dev/null}",
                                     "{path: " + "a" * 5000 + "}"])
def test_a_hostile_plan_gives_findings_never_a_crash(body: str, catalog: str, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "catalog.yaml").write_text(CATALOG, encoding="utf-8")
    text = HEAD.replace("{CATALOG}", catalog) + body
    (tmp_path / "plan.yaml").write_text(text, encoding="utf-8")
    result = run("validate", ".", "--format", "json", "--jobs", "1")
    assert result.exit_code == 1, result.stdout
    report = json.loads(result.stdout)
    assert not [p for p in report["problems"] if p["rule"] == "internal-error"], report["problems"]


def test_a_plan_naming_itself_as_its_catalog_is_told_it_is_not_a_catalog(tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "plan.yaml").write_text(plan("    amount: 1000\n", catalog="{path: plan.yaml}"), encoding="utf-8")
    result = run("validate", "plan.yaml", "--format", "json")
    found = [(p["rule"], p["pointer"]) for p in json.loads(result.stdout)["problems"]]
    assert found == [("plan-catalog-ref", "/catalog/path")]


# ---------------------------------------------------------------- a catalog outside the run

def test_a_catalog_outside_the_run_is_read_fresh_even_with_a_cache(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """The results cache keeps a plan's facts by the plan's bytes; the catalog it names is read at the
    end of each run, so a change to the catalog alone is seen."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "plans").mkdir()
    (tmp_path / "catalog.yaml").write_text(CATALOG, encoding="utf-8")
    (tmp_path / "plans" / "plan.yaml").write_text(plan("    amount: 1000\n", catalog="{path: ../catalog.yaml}"),
                                                  encoding="utf-8")
    args = ("validate", "plans/plan.yaml", "--format", "json", "--cache-dir", tmp_path / "cache")
    assert json.loads(run(*args).stdout)["problems"] == []
    (tmp_path / "catalog.yaml").write_text(CATALOG.replace("township: true", "township: false"), encoding="utf-8")
    found = json.loads(run(*args).stdout)["problems"]
    assert [(p["rule"], p["pointer"], p["line"]) for p in found] == [("plan-catalog-ref", "/projects/0/catalog_ref", 12)]


# ---------------------------------------------------------------- options of plan-method

@pytest.mark.parametrize(("config", "where", "words"), [
    ("rules:\n  plan-method: {tender_threshold: -5}\n", ":2:35", ["tender_threshold", "大于 0 的金额", "数字 -5"]),
    ("rules:\n  plan-method: {procurement_limit: 三十万}\n", ":2:36", ["procurement_limit", "大于 0 的金额", "三十万"]),
    ("rules:\n  plan-method: {procurement_limit: 300000.001}\n", ":2:36", ["大于 0 的金额"]),
    ("rules:\n  plan-method: {tender_threshold: .nan}\n", ":2:35", ["大于 0 的金额"]),
    ("rules:\n  plan-method: {tender_threshold: 100000}\n", ":2:17",
     ["tender_threshold（¥100,000.00）不能低于", "procurement_limit（¥300,000.00）"]),
    ("rules:\n  plan-method: {routes: 委托}\n", ":2:25", ["routes", "应为文字列表"]),
])
def test_plan_method_options_are_checked(config: str, where: str, words: list[str], tmp_path: Path) -> None:
    (tmp_path / "plan.yaml").write_text(plan("    amount: 1000\n"), encoding="utf-8")
    (tmp_path / "catalogtool.yaml").write_text(config, encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", str(tmp_path)])
    assert result.exit_code == 2, result.stdout
    assert f"catalogtool.yaml{where} 有误" in result.stderr
    for word in words:
        assert word in result.stderr
    assert "Traceback" not in result.stderr


def test_a_region_may_raise_the_thresholds(tmp_path: Path) -> None:
    text = plan("    amount: 2600000\n", "    amount: 450000\n").replace("method: 竞争性磋商", "method: 其他")
    (tmp_path / "plan.yaml").write_text(text, encoding="utf-8")
    assert [r for r, _, _ in problems(text)] == ["plan-method", "plan-method"]
    (tmp_path / "catalogtool.yaml").write_text(
        "rules:\n  plan-method: {tender_threshold: 4000000, procurement_limit: 3000000}\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", str(tmp_path), "--format", "json"])
    assert json.loads(result.stdout)["problems"] == []


# ---------------------------------------------------------------- catalogtool rules

def test_rules_lists_every_plan_rule_with_its_source() -> None:
    listing = run("rules", "--lang", "zh").stdout
    for rule in PLAN_RULES:
        assert rule in listing
        assert RULES[rule].source.zh.split("；")[0][:12] in listing or RULES[rule].source.zh[:12] in listing


def test_rules_plan_method_shows_its_options_and_defaults() -> None:
    zh = run("rules", "plan-method", "--lang", "zh").stdout
    text = zh.split("选项（", 1)[1]
    for words in ("tender_threshold", "默认：2000000", "procurement_limit", "默认：300000", "routes", "默认：[]"):
        assert words in text
    assert "第二十七条" in zh and "财库〔2019〕69号" in zh
    en = run("rules", "plan-method", "--lang", "en").stdout
    assert "an amount in yuan above zero" in en


@pytest.mark.parametrize(("code", "hint"), [("52441803mjl123454G", "请改为大写的“M”"),
                                            ("５２441803MJL123454G", "请改为半角的“5”"),
                                            ("52441803ＭJL123454G", "请改为半角大写的“M”"),
                                            ("52441803MJL12345SG", "是否把“5”抄成了“S”？")])
def test_a_credit_code_character_out_of_place_is_told_how_to_mend_it(code: str, hint: str, tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    body = f'    amount: 1000\n    provider: {{name: 某社工中心, credit_code: "{code}"}}\n'
    (tmp_path / "plan.yaml").write_text(plan(body), encoding="utf-8")
    result = run("validate", "plan.yaml", "--format", "json")
    messages = [p["message"] for p in json.loads(result.stdout)["problems"] if p["rule"] == "plan-provider"]
    assert len(messages) == 1 and messages[0].endswith(hint), messages
