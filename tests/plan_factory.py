"""Purchase plans made up for tests: realistic in shape, hostile in detail.

`make_plan(rng, number)` gives one plan (FORMAT.md §1.4) as the loader would
give it: Chinese text, amounts with 0 to 2 decimals up to 10^11 (as the numbers
YAML holds, via catalogtool.money.as_number), optional fields present or absent,
providers awarded or not, indicators with and without a unit, and text that a
spreadsheet would take for a formula, a number or a date.  Seeded, so a failure
is reproduced by its seed.
"""

from __future__ import annotations

import random
from decimal import Decimal
from typing import Any

from catalogtool.money import as_number

SURNAMES = ["太和", "山塘", "三坑", "禾云", "飞来峡", "石潭", "浸潭", "龙颈", "阳山", "连州"]
SERVICES = ["居家养老上门服务", "社区矫正对象帮扶", "困境儿童关爱", "农村留守老人探访", "社会救助经办辅助",
            "残疾人康复训练", "村（社区）法律顾问", "公共文化活动组织", "垃圾分类宣传督导", "网格员业务培训"]
UNITS = ["人·年", "次", "户", "项", "场", "小时", "人次", "个"]
METHODS = ["公开招标", "邀请招标", "竞争性谈判", "竞争性磋商", "单一来源采购", "询价", "框架协议采购", "其他"]
FUNDING = ["县级财政", "乡镇财政", "上级转移支付", "其他"]
DIMENSIONS = ["产出数量", "产出质量", "产出时效", "成本", "效益", "满意度"]
EVALUATIONS = ["购买主体评价", "服务对象评价", "第三方评估"]
PROVIDER_TYPES = ["社会组织", "企业", "事业单位", "社会工作服务机构"]
# Text a spreadsheet would read as something else, or that needs care in a cell.
HOSTILE = ["=SUM(A1:A3)", "-5%", "+86 763", "@某某", "0101", "2025-01-01", "TRUE", "1e5", "  前后空格  ",
           "第一行\n第二行", "含｜竖线", "含至字的说明", "¥1,000.00", "_x000D_", "“引号”与'单引号'", "、"]
CATALOG_REFS = ["A0101", "A0102", "A0201", "A020101", "A0301", "A0401", "B0101", "B0201", "C0101", "Z9999"]


def amount(rng: random.Random, high: int = 10**11) -> int | float:
    """A yuan amount with 0, 1 or 2 decimals, below `high`, as YAML holds it."""
    decimals = rng.choice((0, 0, 1, 2))
    digits = rng.randint(1, len(str(high)) - 1)
    whole = rng.randint(1, min(10**digits, high) - 1)
    fraction = rng.randint(0, 10**decimals - 1) if decimals else 0
    text = f"{whole}.{fraction:0{decimals}d}" if decimals else str(whole)
    return as_number(Decimal(text))


def words(rng: random.Random, low: int = 4, high: int = 30) -> str:
    pool = "为辖区特困失能老年人提供上门照料助餐助浴服务每周两次服务记录经签字确认按月考核合格率不低于百分之九十五"
    text = "".join(rng.choice(pool) for _ in range(rng.randint(low, high)))
    return rng.choice(HOSTILE) + text if rng.random() < 0.1 else text


def date(rng: random.Random, year: int) -> str:
    return f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def indicator(rng: random.Random) -> dict[str, Any]:
    target = rng.choice(["60", "≥95", "100", "2025年12月底前", "≤5", "明显改善", "0.5", rng.choice(HOSTILE)])
    out: dict[str, Any] = {"dimension": rng.choice(DIMENSIONS), "name": words(rng, 3, 10), "target": target}
    if rng.random() < 0.7:
        out["unit"] = rng.choice(["人", "%", "次", "户", "天", "元/人"])
    return out


def project(rng: random.Random, code: str, year: int) -> dict[str, Any]:
    p: dict[str, Any] = {"code": code, "name": rng.choice(SURNAMES) + "镇" + rng.choice(SERVICES) + "项目",
                         "catalog_ref": rng.choice(CATALOG_REFS), "content": words(rng)}
    if rng.random() < 0.7:
        p["standard"] = words(rng)
    if rng.random() < 0.7:
        p["beneficiaries"] = words(rng, 3, 12)
    if rng.random() < 0.6:
        p["quantity"] = rng.choice((rng.randint(1, 5000), 0.5, 12.25))
        p["unit"] = rng.choice(UNITS)
        p["unit_price"] = amount(rng, 10**7)
    p["amount"] = amount(rng)
    p["funding"] = rng.choice(FUNDING)
    if p["funding"] == "其他" or rng.random() < 0.1:
        p["funding_note"] = rng.choice(["福利彩票公益金", "社会捐赠", words(rng, 2, 8)])
    if rng.random() < 0.3:
        p["budget_code"] = rng.choice(["2081002", "2101199", "0101"])
    p["method"] = rng.choice(METHODS)
    if p["method"] == "单一来源采购" or rng.random() < 0.1:
        p["method_reason"] = rng.choice(["", "只能从唯一供应商处采购，已经区财政局批准", words(rng)])
    start = date(rng, year)
    p["period"] = {"start": start, "end": date(rng, year + rng.choice((0, 1, 2)))}
    if rng.random() < 0.15:
        p["period_reason"] = rng.choice(["", "购买内容相对固定、连续性强、经费来源稳定"])
    p["provider_types"] = rng.sample(PROVIDER_TYPES, rng.randint(1, 3))
    if rng.random() < 0.7:
        p["provider_requirements"] = words(rng)
    p["performance"] = [indicator(rng) for _ in range(rng.randint(1, 4))]
    if rng.random() < 0.8:
        p["evaluation"] = rng.sample(EVALUATIONS, rng.randint(1, 3))
    if rng.random() < 0.4:
        provider: dict[str, Any] = {"name": "清远市清新区" + words(rng, 2, 6) + "社会工作服务中心",
                                    "credit_code": "52441803MJL123454G"}
        if rng.random() < 0.8:
            provider["contract_amount"] = amount(rng)
        if rng.random() < 0.5:
            provider["contract_period"] = {"start": start, "end": date(rng, year + 1)}
        p["provider"] = provider
    if rng.random() < 0.2:
        p["notes"] = words(rng)
    return p


def make_plan(rng: random.Random, number: int, *, catalog_year: int | None = None) -> dict[str, Any]:
    """One plan of township `number` (001-599); `catalog_year` names the example catalog edition to draw on."""
    year = catalog_year or rng.choice((2024, 2025, 2026))
    town = f"{rng.choice(SURNAMES)}{number}镇"
    region = {"code": f"441803{number:03d}", "name": f"清远市清新区{town}"}
    projects = [project(rng, f"P{number:03d}-{year}-{index:02d}", year) for index in range(1, rng.randint(1, 6) + 1)]
    plan: dict[str, Any] = {"kind": "purchase-plan", "schema": 1, "title": f"{town}{year}年度政府购买服务计划",
                            "region": region, "year": year, "issuer": f"清远市清新区{town}人民政府"}
    if rng.random() < 0.5:
        plan["document_number"] = f"清新{town[:2]}〔{year}〕{rng.randint(1, 99)}号"
    plan["purchaser"] = plan["issuer"]
    plan["catalog"] = {"region": "441803", "year": year} if rng.random() < 0.8 else {"path": "purchase-catalog.yaml"}
    if rng.random() < 0.5:
        found = [Decimal(repr(p["amount"])) for p in projects]
        plan["total"] = as_number(sum(found, Decimal(0)))
    plan["projects"] = projects
    return plan
