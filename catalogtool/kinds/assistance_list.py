"""`kind: assistance-list`, the assistance-task list (协助政府工作事项清单, FORMAT.md §1.3).

What village and residents' committees assist government with, under an assistance
agreement (协助管理协议).
"""

from __future__ import annotations

from catalogtool.kinds.base import Kind, Pool, Section, list_walk
from catalogtool.kinds.codecs import CODE, NUMBER, TEXT
from catalogtool.kinds.columns import LIST_HEAD, Bounds, Column
from catalogtool.kinds.layout import BASIS_KEYS, FUNDING_KEYS, KeyOrder, Subtitle, Table, Tally
from catalogtool.problems import Message

ID = "assistance-list"

TABLE = Table(
    head=(
        *LIST_HEAD,
        Column("指导与保障", ("guidance",), TEXT, Bounds(12, 26)),
        Column("经费来源", ("funding", "source"), TEXT, Bounds(8, 16)),
        Column("经费金额（元/年）", ("funding", "amount"), NUMBER, Bounds(8, 10, wrap=False), "center"),
        Column("评估方式", ("evaluation",), TEXT, Bounds(8, 18)),
        Column("对应购买事项", ("purchase_ref",), CODE, Bounds(7, 9), "center", optional=True),
        Column("备注", ("notes",), TEXT, Bounds(8, 16)),
    ),
    signature="指导与保障",
    subtitle=(Subtitle("scope", "适用"),),
)
ITEM_KEYS = KeyOrder(
    ("code", "name", "category", "content", "department", "basis", "guidance", "funding", "evaluation",
     "purchase_ref", "notes"),
    children=(("basis", BASIS_KEYS), ("funding", FUNDING_KEYS)),
)
SECTIONS = (Section("items", "assistance", "协助事项清单", table=TABLE, key_order=ITEM_KEYS),)

KIND = Kind(
    id=ID,
    name=Message("基层群众自治组织协助政府工作事项清单", "assistance-task list"),
    short_name=Message("协助政府工作事项清单", "assistance-task list"),
    sections=SECTIONS,
    pools=(Pool("items", ("name", "content")),),
    walk=list_walk(SECTIONS),
    field_labels={"name": Message("事项名称", "task name"), "content": Message("事项内容", "task content")},
    tally=Tally("协助事项", "department"),
    site_slug="assistance",
    site_page="list",
    catalog_ref="purchase_ref",
)
