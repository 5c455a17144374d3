"""`kind: access-list`, the community access list (社区工作事项准入清单, FORMAT.md §1.2).

Tasks departments may push into residents' and villagers' committees (`items`),
and what may not enter at all (`excluded`, the 负面清单).
"""

from __future__ import annotations

from catalogtool.kinds.base import Kind, Pool, Section, Tally, list_walk
from catalogtool.problems import Message

ID = "access-list"

SHEETS = "catalogtool.kinds.sheets.access_list"  # the sheets and key orders, built when first asked for
SECTIONS = (
    Section("items", "access", "准入清单", sheets=SHEETS),
    Section("excluded", "excluded", "负面清单", sheets=SHEETS),
)

KIND = Kind(
    id=ID,
    name=Message("社区工作事项准入清单", "community access list"),
    short_name=Message("社区工作事项准入清单", "community access list"),
    sections=SECTIONS,
    pools=(Pool("items", ("name", "content")),
           Pool("excluded", ("name", "reason"), label=Message("负面清单", "excluded"))),
    walk=list_walk(SECTIONS),
    field_labels={"name": Message("事项名称", "task name"), "content": Message("事项内容", "task content")},
    tally=Tally("准入事项", "department"),
    site_slug="access",
    site_page="list",
)
