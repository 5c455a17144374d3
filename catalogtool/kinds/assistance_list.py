"""`kind: assistance-list`, the assistance-task list (协助政府工作事项清单, FORMAT.md §1.3).

What village and residents' committees assist government with, under an assistance
agreement (协助管理协议).
"""

from __future__ import annotations

from catalogtool.kinds.base import Kind, Pool, Section, Tally, list_walk
from catalogtool.problems import Message

ID = "assistance-list"

SHEETS = "catalogtool.kinds.sheets.assistance_list"  # the sheet and key order, built when first asked for
SECTIONS = (Section("items", "assistance", "协助事项清单", sheets=SHEETS),)

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
