"""Typed views of the three kinds over plain document data; tolerant of malformed shapes.

Rules run on documents that may also have schema errors, so every view here skips
what is not the expected shape instead of failing on it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any


@dataclass(slots=True)
class CatalogNode:
    """A node of a purchase catalog tree: a directory (has `children`) or an item."""

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

    def ancestors(self) -> list[CatalogNode]:
        out = []
        node = self.parent
        while node is not None:
            out.append(node)
            node = node.parent
        out.reverse()
        return out


def catalog_nodes(data: Any) -> list[CatalogNode]:
    """All nodes of a catalog in document order (pre-order), without recursion."""
    nodes: list[CatalogNode] = []
    if not isinstance(data, dict):
        return nodes
    top = data.get("categories")
    if not isinstance(top, list):
        return nodes
    stack: list[tuple[list[Any], str, int, CatalogNode | None, int]] = [(top, "/categories", 1, None, 0)]
    while stack:
        entries, base, depth, parent, index = stack.pop()
        if index >= len(entries):
            continue
        stack.append((entries, base, depth, parent, index + 1))
        entry = entries[index]
        if not isinstance(entry, dict):
            continue
        node = CatalogNode(f"{base}/{index}", depth, entry, parent)
        nodes.append(node)
        if parent is not None:
            parent.children.append(node)
        children = entry.get("children")
        if isinstance(children, list):
            stack.append((children, f"{node.pointer}/children", depth + 1, node, 0))
    return nodes


def catalog_items(data: Any) -> list[CatalogNode]:
    return [node for node in catalog_nodes(data) if node.is_item]


def list_entries(data: Any, section: str = "items") -> Iterator[tuple[str, dict[str, Any]]]:
    """(pointer, entry) for each mapping in a list document's `items` or `excluded`."""
    if not isinstance(data, dict):
        return
    entries = data.get(section)
    if not isinstance(entries, list):
        return
    for index, entry in enumerate(entries):
        if isinstance(entry, dict):
            yield f"/{section}/{index}", entry


def text(value: Any) -> str:
    """A value as text for matching: strings as they are, anything else empty."""
    return value if isinstance(value, str) else ""
