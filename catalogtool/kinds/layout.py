"""How a kind lays out in what catalogtool writes and reads besides YAML: sheets, statistics, published
tables, and the key order the YAML writer follows.

Each kind module fills these in; the workbook writer and reader, and the YAML
writer, ask them instead of testing a kind's id.  Pure data: nothing here
touches a workbook.
"""

from __future__ import annotations

from dataclasses import dataclass

from catalogtool.kinds.columns import MAX_LEVELS, RESERVED, SEQ, Column, level_column


@dataclass(frozen=True, slots=True)
class Subtitle:
    """A header field a sheet's subtitle line shows after the issuer, number and dates.

    `label` is what it is called there (None: its name in catalogtool.labels);
    for a mapping, `parts` are the keys shown, in order, one after another.
    """

    key: str
    label: str | None = None
    parts: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Table:
    """The columns of a section's sheet, for export and import alike.

    A list's columns are 序号, `head`, `tail`, 保留字段.  A tree (`tree`) puts one
    name column per level between `head` and `tail`, as deep as the document goes
    but at least four.  `signature` is the header that tells the sheet apart when
    its name and defined name are lost; `title_suffix` follows the document's
    title on the sheet (——负面清单); `items_label` names what a tree's rows count
    on the cover (可购买事项).
    """

    head: tuple[Column, ...]
    tail: tuple[Column, ...] = ()
    tree: bool = False
    signature: str = ""
    title_suffix: str = ""
    subtitle: tuple[Subtitle, ...] = ()
    items_label: str = ""
    # A list whose rows are grouped by catalog category (a purchase plan's projects): `group_ref` is the
    # field naming a catalog item, whose 一级/二级目录 head each group; `sums` the money fields added up
    # in each group's 小计 row and the 合计 row; `breakdowns` the fields the statistics sum them by.
    group_ref: tuple[str, ...] | None = None
    sums: tuple[tuple[str, ...], ...] = ()
    breakdowns: tuple[tuple[str, ...], ...] = ()

    @property
    def key_header(self) -> str:
        """The header of the column holding each entry's code: how import finds the header row."""
        return next((c.header for c in self.head if c.path == ("code",)), "编码")

    def columns(self, levels: int = 4) -> list[Column]:
        if not self.tree:
            return [SEQ, *self.head, *self.tail, RESERVED]
        levels = max(4, min(levels, MAX_LEVELS))
        return [SEQ, *self.head, *(level_column(level) for level in range(1, levels + 1)), *self.tail, RESERVED]


@dataclass(frozen=True, slots=True)
class KeyOrder:
    """The order FORMAT.md writes a mapping's keys in, and the orders of the values under them.

    `children` gives the order of a key's value (of each element, for a list);
    `recursive` is the key holding more entries of this same shape (a tree's
    children); `flow` mappings go on one line when short (region, a legal basis).
    """

    keys: tuple[str, ...]
    children: tuple[tuple[str, KeyOrder], ...] = ()
    recursive: str = ""
    flow: bool = False

    def child(self, key: str) -> KeyOrder | None:
        if key == self.recursive:
            return self
        return next((order for name, order in self.children if name == key), None)


# The shapes of fields several kinds share (FORMAT.md §2).
REGION_KEYS = KeyOrder(("code", "name"), flow=True)
BASIS_KEYS = KeyOrder(("level", "title", "article"), flow=True)
FUNDING_KEYS = KeyOrder(("required", "source", "amount"), flow=True)
APPROVAL_KEYS = KeyOrder(("body", "date", "document_number", "meeting"), flow=True)
