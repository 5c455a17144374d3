"""`kind: purchase-catalog`, the guidance catalog (政府购买服务指导性目录, FORMAT.md §1.1).

A tree under `categories`: a node with `children` is a directory (一级/二级/三级目录),
a node without is a purchasable item.  The walk is iterative because hostile files
may nest deeply.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from catalogtool.kinds.base import Entry, Kind, Pool, PublishedTable, Section, Tally
from catalogtool.problems import Message
from catalogtool.record import Record

ID = "purchase-catalog"
DIRECTORIES = "categories"
ITEMS = "items"
CHILDREN = "children"


def walk(data: Any) -> Iterator[Entry]:
    """Every node in document order (pre-order): directories in pool `categories`, items in `items`."""
    if not isinstance(data, dict):
        return
    top = data.get(DIRECTORIES)
    if not isinstance(top, list):
        return
    stack: list[tuple[list[Any], str, int, tuple[tuple[str, str], ...], int]] = [
        (top, f"/{DIRECTORIES}", 1, (), 0)]
    while stack:
        nodes, base, depth, parents, index = stack.pop()
        if index >= len(nodes):
            continue
        stack.append((nodes, base, depth, parents, index + 1))
        node = nodes[index]
        if not isinstance(node, dict):
            continue
        pointer = f"{base}/{index}"
        if CHILDREN in node:
            yield Entry(DIRECTORIES, pointer, node, depth, parents)
            children = node.get(CHILDREN)
            if isinstance(children, list):
                code, name = node.get("code"), node.get("name")
                own = ("" if code is None else str(code), name if isinstance(name, str) else "" if name is None else str(name))
                stack.append((children, f"{pointer}/children", depth + 1, (*parents, own), 0))
        else:
            yield Entry(ITEMS, pointer, node, depth, parents)


def for_townships(data: dict[str, Any]) -> dict[str, Any]:
    """What a township's guide shows: only `township: true` items, under the directories above them."""

    def keep(nodes: Any) -> Any:
        if not isinstance(nodes, list):
            return nodes
        kept = []
        for node in nodes:
            if not isinstance(node, dict):
                continue
            if CHILDREN in node:
                children = keep(node[CHILDREN])
                if isinstance(children, list) and children:
                    copied = dict(node)
                    copied[CHILDREN] = children
                    kept.append(copied)
            elif node.get("township") is True:
                kept.append(node)
        return kept

    out = dict(data)
    if DIRECTORIES in out:
        out[DIRECTORIES] = keep(out[DIRECTORIES])
    return out


KIND = Kind(
    id=ID,
    name=Message("政府购买服务指导性目录", "purchase catalog"),
    short_name=Message("政府购买服务指导性目录", "purchase catalog"),
    sections=(Section(DIRECTORIES, "catalog", "购买服务目录", sheets="catalogtool.kinds.sheets.purchase_catalog"),),
    pools=(Pool(DIRECTORIES, ("name", "description"), children=CHILDREN), Pool(ITEMS, ("name", "content"))),
    walk=walk,
    item_pools=(ITEMS,),
    tree=True,
    field_labels={"content": Message("服务内容", "service content")},
    cover_notes=("购买服务目录中加粗的行是一级、二级（和三级）目录，带序号的行是可购买的事项；"
                 "购买主体、采购品目、说明三列（如有）只在屏幕上显示，不打印。",),
    tally=Tally("目录事项（购买主体）", "purchasers", many=True),
    published=PublishedTable(DIRECTORIES),
    township_view=for_townships,
    site_slug="catalog",
    site_page="catalog",
    providers_field="providers",
)


class CatalogNode(Record):
    """A node of the catalog tree as the catalog's rules see it: a directory (has `children`)
    or an item, with its parent and children, for rules that compare a node with its parent."""

    __slots__ = ("children", "data", "depth", "parent", "pointer")
    pointer: str
    depth: int
    data: dict[str, Any]
    parent: CatalogNode | None
    children: list[CatalogNode]

    def __init__(self, pointer: str, depth: int, data: dict[str, Any], parent: CatalogNode | None = None,
                 children: list[CatalogNode] | None = None) -> None:
        self.pointer = pointer
        self.depth = depth
        self.data = data
        self.parent = parent
        self.children = [] if children is None else children

    @property
    def code(self) -> Any:
        return self.data.get("code")

    @property
    def name(self) -> Any:
        return self.data.get("name")

    @property
    def is_item(self) -> bool:
        return "children" not in self.data


def tree(data: Any) -> list[CatalogNode]:
    """Every node of a catalog in document order (pre-order), linked to its parent and children."""
    nodes: list[CatalogNode] = []
    open_nodes: list[CatalogNode] = []  # the node at each depth above the next one
    for entry in walk(data):
        del open_nodes[entry.depth - 1:]
        parent = open_nodes[-1] if open_nodes else None
        node = CatalogNode(entry.pointer, entry.depth, entry.data, parent)
        if parent is not None:
            parent.children.append(node)
        nodes.append(node)
        open_nodes.append(node)
    return nodes
