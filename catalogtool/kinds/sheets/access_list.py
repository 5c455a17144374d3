"""The sheets of `kind: access-list` (catalogtool.kinds.access_list) and the order its keys are written in."""

from __future__ import annotations

from catalogtool.kinds.codecs import BOOL, CODE, DATE, NUMBER, TEXT
from catalogtool.kinds.columns import LIST_HEAD, Bounds, Column
from catalogtool.kinds.layout import (
    APPROVAL_KEYS,
    BASIS_KEYS,
    FUNDING_KEYS,
    KeyOrder,
    Subtitle,
    Table,
)

ITEMS_TABLE = Table(
    head=(
        *LIST_HEAD,
        Column("期限", ("term",), TEXT, Bounds(5, 6), "center"),
        Column("需要经费", ("funding", "required"), BOOL, Bounds(5, 6, wrap=False), "center"),
        Column("经费来源", ("funding", "source"), TEXT, Bounds(8, 16)),
        Column("经费金额（元/年）", ("funding", "amount"), NUMBER, Bounds(8, 10, wrap=False), "center"),
        Column("需专门场所", ("premises_required",), BOOL, Bounds(6, 6, wrap=False), "center"),
        Column("需专职人员", ("staff_required",), BOOL, Bounds(6, 6, wrap=False), "center"),
        Column("批准机关", ("approval", "body"), TEXT, Bounds(8, 16), optional=True),
        Column("批准日期", ("approval", "date"), DATE, Bounds(10, 11, wrap=False), "center", optional=True),
        Column("批准文号", ("approval", "document_number"), TEXT, Bounds(8, 16), optional=True),
        # approved by a meeting's vote
        Column("批准会议", ("approval", "meeting"), TEXT, Bounds(8, 16), optional=True),
        Column("备注", ("notes",), TEXT, Bounds(8, 16)),
    ),
    signature="需专职人员",
    subtitle=(Subtitle("approval", parts=("body", "date", "document_number", "meeting")),),
)
EXCLUDED_TABLE = Table(
    head=(
        Column("编码", ("code",), CODE, Bounds(7, 10, wrap=False), "center", required=True),
        Column("事项名称", ("name",), TEXT, Bounds(14, 30), required=True),
        Column("不得准入的理由", ("reason",), TEXT, Bounds(30, 80)),
    ),
    signature="不得准入的理由",
    title_suffix="——负面清单",
)
ITEM_KEYS = KeyOrder(
    ("code", "name", "category", "content", "department", "basis", "term", "funding", "premises_required",
     "staff_required", "approval", "notes"),
    children=(("basis", BASIS_KEYS), ("funding", FUNDING_KEYS), ("approval", APPROVAL_KEYS)),
)
EXCLUDED_KEYS = KeyOrder(("code", "name", "reason"))

SHEETS = {"items": (ITEMS_TABLE, ITEM_KEYS), "excluded": (EXCLUDED_TABLE, EXCLUDED_KEYS)}
