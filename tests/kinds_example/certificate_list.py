"""`kind: certificate-list`, the certificate list (村（居）民委员会出具证明事项清单): the example kind of
docs/adding-a-kind.md.

Which certificates a village or residents' committee may issue, what each one
certifies, the department whose procedure asks for it and the legal basis that
allows it: 民发〔2020〕20号 asks counties to publish such a list, and anything
outside it the committee need not certify.  One flat section, `items`, walked
like the assistance list.  Only tests/test_adding_a_kind.py registers it; a kind
of the product lives in catalogtool/kinds/ and is listed in its registry.
"""

from __future__ import annotations

from pathlib import Path

from catalogtool.kinds.base import Kind, Pool, Section, Tally, list_walk
from catalogtool.kinds.codecs import BASIS, CODE, TEXT
from catalogtool.kinds.columns import Bounds, Column
from catalogtool.kinds.layout import BASIS_KEYS, KeyOrder, Table
from catalogtool.problems import Message

ID = "certificate-list"

# The sheet: 序号, these columns, 保留字段.  A header is a promise to `import`, and it is the field's
# name in the diff too: 证明名称 and 证明内容 are this kind's names for `name` and `content`.
TABLE = Table(
    head=(
        Column("编码", ("code",), CODE, Bounds(7, 10, wrap=False), "center", required=True),
        Column("证明名称", ("name",), TEXT, Bounds(10, 18), required=True),
        Column("证明内容", ("content",), TEXT, Bounds(18, 40)),
        Column("责任单位", ("department",), TEXT, Bounds(10, 16)),
        Column("设定依据", ("basis",), BASIS, Bounds(14, 30)),
        Column("备注", ("notes",), TEXT, Bounds(8, 16)),
    ),
    signature="证明内容",
)
# The order the YAML writer (`import`) gives an item's keys.
ITEM_KEYS = KeyOrder(("code", "name", "content", "department", "basis", "notes"), children=(("basis", BASIS_KEYS),))
SECTIONS = (Section("items", "certificates", "出具证明事项清单", table=TABLE, key_order=ITEM_KEYS),)

KIND = Kind(
    id=ID,
    name=Message("村（居）民委员会出具证明事项清单", "certificate list"),
    short_name=Message("出具证明事项清单", "certificate list"),
    sections=SECTIONS,
    pools=(Pool("items", ("name", "content")),),
    walk=list_walk(SECTIONS),
    field_labels={"name": Message("证明名称", "certificate"), "content": Message("证明内容", "what it certifies")},
    tally=Tally("证明事项", "department"),
    # A kind of the product leaves this out: its schema is schemas/certificate-list.schema.json.
    schema_path=Path(__file__).resolve().with_name(f"{ID}.schema.json"),
)
