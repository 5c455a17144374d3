"""The sheet of `kind: assistance-list` (catalogtool.kinds.assistance_list) and the order its keys are written in."""

from __future__ import annotations

from catalogtool.kinds.codecs import CODE, NUMBER, TEXT
from catalogtool.kinds.columns import LIST_HEAD, Bounds, Column
from catalogtool.kinds.layout import BASIS_KEYS, FUNDING_KEYS, KeyOrder, Subtitle, Table

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

SHEETS = {"items": (TABLE, ITEM_KEYS)}
