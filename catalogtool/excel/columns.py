"""The sheets and columns of a guide: the contract that import reads workbooks back by.

Columns are found by their header text, so a header here is a promise to
importer.py: change one and old workbooks no longer import.
"""

from __future__ import annotations

from dataclasses import dataclass

from catalogtool.excel.layout import Bounds
from catalogtool.labels import field_label

FORMAT_VERSION = 1
META_SHEET = "_catalogtool"
META_MARK = "catalogtool-export"
RESERVED_HEADER = "保留字段（请勿修改）"
# section key of each kind -> (section id, sheet name)
SECTIONS: dict[str, tuple[tuple[str, str, str], ...]] = {
    "purchase-catalog": (("categories", "catalog", "购买服务目录"),),
    "access-list": (("items", "access", "准入清单"), ("excluded", "excluded", "负面清单")),
    "assistance-list": (("items", "assistance", "协助事项清单"),),
}
LEVEL_NAMES = "一二三四五六七八九"
MAX_LEVELS = len(LEVEL_NAMES)

_DEFAULT_BOUNDS = Bounds(8, 20)


@dataclass(frozen=True, slots=True)
class Column:
    """One column of a list sheet.  `role` is seq (序号), level (目录名称), field or reserved."""

    header: str
    path: tuple[str, ...] | None = None
    codec: str = "text"
    bounds: Bounds = _DEFAULT_BOUNDS
    align: str = "left"
    role: str = "field"
    level: int = 0
    optional: bool = False
    printed: bool = True


SEQ = Column("序号", role="seq", bounds=Bounds(5, 6, wrap=False), align="center")
RESERVED = Column(RESERVED_HEADER, role="reserved", bounds=Bounds(10, 10, wrap=False), printed=False)
_LEVEL_BOUNDS = (Bounds(8, 14), Bounds(10, 18), Bounds(12, 22), Bounds(12, 20))


def level_header(level: int) -> str:
    return f"{LEVEL_NAMES[level - 1]}级目录"


def catalog_columns(levels: int) -> list[Column]:
    levels = max(4, min(levels, MAX_LEVELS))
    cols = [SEQ, Column("编码", ("code",), "code", Bounds(7, 11, wrap=False), "center")]
    for level in range(1, levels + 1):
        bounds = _LEVEL_BOUNDS[min(level, 4) - 1]
        cols.append(Column(level_header(level), ("name",), "text", bounds, role="level", level=level,
                           optional=level > 3))
    cols += [
        Column("服务内容", ("content",), "text", Bounds(20, 46)),
        Column("承接主体", ("providers",), "list", Bounds(10, 16)),
        Column("乡镇适用", ("township",), "bool", Bounds(6, 6, wrap=False), "center"),
        Column("设定依据", ("basis",), "basis", Bounds(16, 34)),
        Column("备注", ("notes",), "text", Bounds(8, 20)),
        # On screen, not in print: the printed guide keeps the eleven columns townships expect.
        Column("购买主体", ("purchasers",), "list", Bounds(10, 18), optional=True, printed=False),
        Column("采购品目", ("procurement_code",), "code", Bounds(6, 10), "center", optional=True,
               printed=False),
        Column("说明", ("description",), "text", Bounds(10, 30), optional=True, printed=False),
        RESERVED,
    ]
    return cols


_COMMON_HEAD = [
    SEQ,
    Column("编码", ("code",), "code", Bounds(7, 10, wrap=False), "center"),
    Column("事项名称", ("name",), "text", Bounds(10, 18)),
    Column("类别", ("category",), "text", Bounds(6, 10)),
    Column("事项内容", ("content",), "text", Bounds(18, 40)),
    Column("责任单位", ("department",), "text", Bounds(10, 16)),
    Column("设定依据", ("basis",), "basis", Bounds(14, 30)),
]

ACCESS_COLUMNS = [
    *_COMMON_HEAD,
    Column("期限", ("term",), "text", Bounds(5, 6), "center"),
    Column("需要经费", ("funding", "required"), "bool", Bounds(5, 6, wrap=False), "center"),
    Column("经费来源", ("funding", "source"), "text", Bounds(8, 16)),
    Column("经费金额（元/年）", ("funding", "amount"), "number", Bounds(8, 10, wrap=False), "center"),
    Column("需专门场所", ("premises_required",), "bool", Bounds(6, 6, wrap=False), "center"),
    Column("需专职人员", ("staff_required",), "bool", Bounds(6, 6, wrap=False), "center"),
    Column("批准机关", ("approval", "body"), "text", Bounds(8, 16), optional=True),
    Column("批准日期", ("approval", "date"), "date", Bounds(10, 11, wrap=False), "center", optional=True),
    Column("批准文号", ("approval", "document_number"), "text", Bounds(8, 16), optional=True),
    Column("批准会议", ("approval", "meeting"), "text", Bounds(8, 16), optional=True),  # approved by a meeting's vote
    Column("备注", ("notes",), "text", Bounds(8, 16)),
    RESERVED,
]

ASSISTANCE_COLUMNS = [
    *_COMMON_HEAD,
    Column("指导与保障", ("guidance",), "text", Bounds(12, 26)),
    Column("经费来源", ("funding", "source"), "text", Bounds(8, 16)),
    Column("经费金额（元/年）", ("funding", "amount"), "number", Bounds(8, 10, wrap=False), "center"),
    Column("评估方式", ("evaluation",), "text", Bounds(8, 18)),
    Column("对应购买事项", ("purchase_ref",), "code", Bounds(7, 9), "center", optional=True),
    Column("备注", ("notes",), "text", Bounds(8, 16)),
    RESERVED,
]

EXCLUDED_COLUMNS = [
    SEQ,
    Column("编码", ("code",), "code", Bounds(7, 10, wrap=False), "center"),
    Column("事项名称", ("name",), "text", Bounds(14, 30)),
    Column("不得准入的理由", ("reason",), "text", Bounds(30, 80)),
    RESERVED,
]

SECTION_COLUMNS: dict[str, list[Column]] = {
    "access": ACCESS_COLUMNS,
    "assistance": ASSISTANCE_COLUMNS,
    "excluded": EXCLUDED_COLUMNS,
}

# The header fields as the cover and the sheets' subtitles name them: as everywhere (catalogtool.labels).
HEADER_LABELS = {key: field_label(key, "zh") for key in (
    "title", "region", "region.code", "region.name", "year", "issuer", "document_number", "effective",
    "expires", "scope", "notes", "approval", "approval.body", "approval.date", "approval.document_number",
    "approval.meeting",
)}


def field_header(columns: list[Column], key: str) -> str | None:
    """The header of the column showing field `key` (dotted, as `funding.source`; `basis.title` is
    shown in 设定依据), or None when no column shows it."""
    parts = tuple(key.split("."))
    for end in range(len(parts), 0, -1):
        for col in columns:
            if col.role == "field" and col.path == parts[:end]:
                return col.header
    return None
