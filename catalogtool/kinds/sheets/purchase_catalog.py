"""The sheet of `kind: purchase-catalog` (catalogtool.kinds.purchase_catalog) and the order its keys are written in."""

from __future__ import annotations

from catalogtool.kinds.codecs import BASIS, BOOL, CODE, LIST, TEXT
from catalogtool.kinds.columns import Bounds, Column, level_header
from catalogtool.kinds.layout import BASIS_KEYS, KeyOrder, Table
from catalogtool.kinds.purchase_catalog import CHILDREN, DIRECTORIES

# The sheet: 序号, 编码, one column per level, then the fields; the printed guide keeps the eleven
# columns townships expect, and the last three show on screen only.
TABLE = Table(
    head=(Column("编码", ("code",), CODE, Bounds(7, 11, wrap=False), "center", required=True,
                 aliases=("代码", "目录编码", "事项编码", "分类编码", "目录代码", "编号")),),
    tail=(
        Column("服务内容", ("content",), TEXT, Bounds(20, 46),
               aliases=("具体内容", "内容", "服务内容及要求", "主要内容", "服务内容说明", "内容说明", "服务内容描述",
                        "事项内容", "服务说明", "具体服务内容")),
        Column("承接主体", ("providers",), LIST, Bounds(10, 16),
               aliases=("承接主体类型", "承接主体范围", "承接主体要求")),
        Column("乡镇适用", ("township",), BOOL, Bounds(6, 6, wrap=False), "center",
               aliases=("乡镇是否适用", "是否适用乡镇", "适用乡镇", "乡镇可购买", "是否乡镇适用")),
        Column("设定依据", ("basis",), BASIS, Bounds(16, 34),
               aliases=("依据", "政策依据", "法律依据", "设立依据", "法规政策依据", "购买依据")),
        Column("备注", ("notes",), TEXT, Bounds(8, 20)),
        Column("购买主体", ("purchasers",), LIST, Bounds(10, 18), optional=True, printed=False),
        Column("采购品目", ("procurement_code",), CODE, Bounds(6, 10), "center", optional=True,
               printed=False, aliases=("政府采购品目", "采购品目编码", "品目编码", "政府采购品目编码")),
        Column("说明", ("description",), TEXT, Bounds(10, 30), optional=True, printed=False),
    ),
    tree=True,
    signature=level_header(1),
    items_label="可购买事项",
)
NODE_KEYS = KeyOrder(
    ("code", "name", "description", "content", "township", "providers", "purchasers", "procurement_code", "basis",
     "notes", CHILDREN),
    children=(("basis", BASIS_KEYS),),
    recursive=CHILDREN,
)

SHEETS = {DIRECTORIES: (TABLE, NODE_KEYS)}
