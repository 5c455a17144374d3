"""`kind: purchase-catalog`, the guidance catalog (政府购买服务指导性目录, FORMAT.md §1.1).

A tree under `categories`: a node with `children` is a directory (一级/二级/三级目录),
a node without is a purchasable item.  The walk is iterative because hostile files
may nest deeply.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from catalogtool.kinds.base import Entry, Kind, Pool, Section
from catalogtool.problems import Message

ID = "purchase-catalog"
DIRECTORIES = "categories"
ITEMS = "items"


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
        if "children" in node:
            yield Entry(DIRECTORIES, pointer, node, depth, parents)
            children = node.get("children")
            if isinstance(children, list):
                code, name = node.get("code"), node.get("name")
                own = ("" if code is None else str(code), name if isinstance(name, str) else "" if name is None else str(name))
                stack.append((children, f"{pointer}/children", depth + 1, (*parents, own), 0))
        else:
            yield Entry(ITEMS, pointer, node, depth, parents)


KIND = Kind(
    id=ID,
    name=Message("政府购买服务指导性目录", "purchase catalog"),
    short_name=Message("政府购买服务指导性目录", "purchase catalog"),
    sections=(Section(DIRECTORIES, "catalog", "购买服务目录"),),
    pools=(Pool(DIRECTORIES, ("name", "description")), Pool(ITEMS, ("name", "content"))),
    walk=walk,
    item_pools=(ITEMS,),
    tree=True,
    field_labels={"content": Message("服务内容", "service content")},
)


@dataclass(slots=True)
class CatalogNode:
    """A node of the catalog tree as the catalog's rules see it: a directory (has `children`)
    or an item, with its parent and children, for rules that compare a node with its parent."""

    pointer: str
    depth: int
    data: dict[str, Any]
    parent: CatalogNode | None = None
    children: list[CatalogNode] = field(default_factory=list)

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
