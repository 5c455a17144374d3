"""`kind: purchase-plan`, a purchaser's annual purchase plan (乡镇年度购买服务计划, FORMAT.md §1.4).

One purchaser (a township, a street office or a county department), one year: the
projects it will buy from the guidance catalog, each with its budget, procurement
method, period and performance targets.  A flat list under `projects`; money is
read as exact decimals (catalogtool.money), never as floats.
"""

from __future__ import annotations

from catalogtool.kinds.base import Kind, Pool, Section, list_walk
from catalogtool.problems import Message

ID = "purchase-plan"
PROJECTS = "projects"

# FORMAT.md §1.4's closed lists; a repository may add non-procurement routes (rule plan-method's `routes`).
METHODS = ("公开招标", "邀请招标", "竞争性谈判", "竞争性磋商", "单一来源采购", "询价", "框架协议采购", "其他")
FUNDING_SOURCES = ("县级财政", "乡镇财政", "上级转移支付", "其他")
DIMENSIONS = ("产出数量", "产出质量", "产出时效", "成本", "效益", "满意度")
OUTPUT_DIMENSIONS = ("产出数量", "产出质量", "产出时效")
EFFECT_DIMENSIONS = ("效益", "满意度")
EVALUATIONS = ("购买主体评价", "服务对象评价", "第三方评估")
# The fields that hold money (yuan), dotted, of a project and of the header: the diff shows their change in yuan.
MONEY_FIELDS = ("unit_price", "amount", "provider.contract_amount", "total")

SHEETS = "catalogtool.kinds.sheets.purchase_plan"  # the sheet and key orders, built when first asked for
SECTIONS = (Section(PROJECTS, "plan", "年度购买计划", sheets=SHEETS),)

FIELD_LABELS = {
    "purchaser": Message("购买主体", "purchaser"),
    "catalog": Message("所依据的目录", "catalog drawn on"),
    "catalog.region": Message("目录行政区划代码", "catalog region"),
    "catalog.year": Message("目录年度", "catalog year"),
    "catalog.path": Message("目录文件", "catalog file"),
    "total": Message("预算总额", "budget total"),
    "code": Message("项目编号", "project code"),
    "name": Message("项目名称", "project name"),
    "catalog_ref": Message("目录编码", "catalog item"),
    "content": Message("购买内容", "what is bought"),
    "standard": Message("服务标准", "service standard"),
    "beneficiaries": Message("服务对象", "beneficiaries"),
    "quantity": Message("数量", "quantity"),
    "unit": Message("计量单位", "unit"),
    "unit_price": Message("单价（元）", "unit price (yuan)"),
    "amount": Message("预算金额（元）", "budget (yuan)"),
    "funding": Message("资金来源", "funding source"),
    "funding_note": Message("资金来源说明", "funding note"),
    "budget_code": Message("预算项目编码", "budget code"),
    "method": Message("采购方式", "procurement method"),
    "method_reason": Message("采购方式理由", "reason for the method"),
    "period": Message("实施期限", "period"),
    # period.start reads 实施期限·开始日期, provider.contract_period.end 承接主体·合同期限·结束日期
    "start": Message("开始日期", "start"),
    "end": Message("结束日期", "end"),
    "period_reason": Message("期限理由", "reason for the period"),
    "provider_types": Message("承接主体类型", "provider types"),
    "provider_requirements": Message("资格条件", "provider requirements"),
    "performance": Message("绩效目标", "performance targets"),
    "evaluation": Message("评价方式", "evaluation"),
    "provider": Message("承接主体", "provider"),
    "provider.name": Message("承接主体名称", "provider name"),
    "provider.credit_code": Message("统一社会信用代码", "unified social credit code"),
    "provider.contract_amount": Message("合同金额（元）", "contract amount (yuan)"),
    "provider.contract_period": Message("合同期限", "contract period"),
}

KIND = Kind(
    id=ID,
    name=Message("年度政府购买服务计划", "annual purchase plan"),
    short_name=Message("年度购买服务计划", "purchase plan"),
    sections=SECTIONS,
    pools=(Pool(PROJECTS, ("name", "content")),),
    walk=list_walk(SECTIONS),
    item_pools=(PROJECTS,),
    field_labels=FIELD_LABELS,
    cover_notes=("年度购买计划按目录类别分组列出各项目的预算金额、采购方式、实施期限和绩效目标，金额单位为元。",),
    money_fields=MONEY_FIELDS,
    budget_field="amount",
    site_slug="plans",
    site_page="plan",
    providers_field="provider_types",
    catalog_ref="catalog_ref",
)
