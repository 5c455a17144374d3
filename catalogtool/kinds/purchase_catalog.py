"""`kind: purchase-catalog`, the guidance catalog (政府购买服务指导性目录, FORMAT.md §1.1).

A tree under `categories`: a node with `children` is a directory (一级/二级/三级目录),
a node without is a purchasable item.  The walk is iterative because hostile files
may nest deeply.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from catalogtool.kinds.base import Entry, Kind, Pool, Section
from catalogtool.problems import Message

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


KIND = Kind(
    id=ID,
    name=Message("政府购买服务指导性目录", "purchase catalog"),
    short_name=Message("政府购买服务指导性目录", "purchase catalog"),
    sections=(Section(DIRECTORIES, "catalog", "购买服务目录"),),
    pools=(Pool(DIRECTORIES, ("name", "description"), children=CHILDREN), Pool(ITEMS, ("name", "content"))),
    walk=walk,
    item_pools=(ITEMS,),
    tree=True,
    field_labels={"content": Message("服务内容", "service content")},
)
