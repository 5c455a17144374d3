"""The sheet of `kind: purchase-plan` (catalogtool.kinds.purchase_plan) and the order its keys are written in."""

from __future__ import annotations

from catalogtool.kinds.codecs import CODE, LIST, MONEY, NUMBER, TEXT
from catalogtool.kinds.columns import Bounds, Column
from catalogtool.kinds.layout import KeyOrder, Table
from catalogtool.kinds.plan_codecs import PERFORMANCE, PERIOD
from catalogtool.kinds.purchase_plan import PROJECTS

TABLE = Table(
    head=(
        Column("项目编号", ("code",), CODE, Bounds(8, 12, wrap=False), "center", required=True),
        Column("项目名称", ("name",), TEXT, Bounds(10, 20), required=True),
        Column("目录编码", ("catalog_ref",), CODE, Bounds(7, 9, wrap=False), "center"),
        Column("购买内容", ("content",), TEXT, Bounds(14, 32)),
        Column("服务标准", ("standard",), TEXT, Bounds(10, 24), optional=True),
        Column("服务对象", ("beneficiaries",), TEXT, Bounds(8, 16), optional=True),
        Column("数量", ("quantity",), NUMBER, Bounds(5, 8, wrap=False), "right", optional=True),
        Column("计量单位", ("unit",), TEXT, Bounds(5, 8), "center", optional=True),
        Column("单价（元）", ("unit_price",), MONEY, Bounds(10, 14, wrap=False), "right", optional=True),
        Column("预算金额（元）", ("amount",), MONEY, Bounds(13, 18, wrap=False), "right"),
        Column("资金来源", ("funding",), TEXT, Bounds(7, 10), "center"),
        Column("资金来源说明", ("funding_note",), TEXT, Bounds(8, 14), optional=True),
        Column("采购方式", ("method",), TEXT, Bounds(7, 10), "center"),
        Column("采购方式理由", ("method_reason",), TEXT, Bounds(8, 20), optional=True),
        Column("实施期限", ("period",), PERIOD, Bounds(11, 12), "center"),
        Column("期限理由", ("period_reason",), TEXT, Bounds(8, 20), optional=True),
        Column("承接主体类型", ("provider_types",), LIST, Bounds(8, 14)),
        Column("资格条件", ("provider_requirements",), TEXT, Bounds(10, 24), optional=True),
        Column("绩效目标", ("performance",), PERFORMANCE, Bounds(18, 34)),
        Column("评价方式", ("evaluation",), LIST, Bounds(8, 14), optional=True),
        Column("承接主体名称", ("provider", "name"), TEXT, Bounds(10, 20), optional=True),
        Column("合同金额（元）", ("provider", "contract_amount"), MONEY, Bounds(12, 18, wrap=False), "right",
               optional=True),
        Column("合同期限", ("provider", "contract_period"), PERIOD, Bounds(11, 12), "center", optional=True),
        Column("备注", ("notes",), TEXT, Bounds(8, 16), optional=True),
    ),
    # On screen only, after 备注: what the finance system and the contract register need, not the printed plan.
    tail=(
        Column("预算项目编码", ("budget_code",), CODE, Bounds(10, 14, wrap=False), "center", optional=True,
               printed=False),
        Column("统一社会信用代码", ("provider", "credit_code"), CODE, Bounds(20, 22, wrap=False), "center",
               optional=True, printed=False),
    ),
    signature="采购方式",
    group_ref=("catalog_ref",),
    sums=(("amount",), ("provider", "contract_amount")),
    breakdowns=(("method",), ("funding",)),
)
PERIOD_KEYS = KeyOrder(("start", "end"), flow=True)
INDICATOR_KEYS = KeyOrder(("dimension", "name", "target", "unit"), flow=True)
PROVIDER_KEYS = KeyOrder(("name", "credit_code", "contract_amount", "contract_period", "notes"),
                         children=(("contract_period", PERIOD_KEYS),))
PROJECT_KEYS = KeyOrder(
    ("code", "name", "catalog_ref", "content", "standard", "beneficiaries", "quantity", "unit", "unit_price",
     "amount", "funding", "funding_note", "budget_code", "method", "method_reason", "period", "period_reason",
     "provider_types", "provider_requirements", "performance", "evaluation", "provider", "notes"),
    children=(("period", PERIOD_KEYS), ("performance", INDICATOR_KEYS), ("provider", PROVIDER_KEYS)),
)

SHEETS = {PROJECTS: (TABLE, PROJECT_KEYS)}
