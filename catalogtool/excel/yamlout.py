"""Write documents as YAML people read and edit: FORMAT.md's key order, block style, Chinese as is.

* keys in the order FORMAT.md lists them (unknown keys after, in their own order);
* block style, with sequences indented under their key as in FORMAT.md's examples;
  small mappings and lists of plain values (region, a legal basis, funding,
  providers) on one line in flow style, as the examples write them;
* codes always double-quoted, so `"0101"` can never become the number 65;
* any other text that YAML would read as something else (`NO`, `1:20`, `2025-01-01`
  in a text field) quoted, dates in date fields left plain;
* text with line breaks as literal blocks (`|`), Chinese unescaped.

`dump_document(data)` followed by loading gives back equal data.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

ORDERS: dict[str, tuple[str, ...]] = {
    "root": ("kind", "schema", "title", "region", "year", "issuer", "document_number", "effective",
             "expires", "approval", "scope", "notes", "categories", "items", "excluded"),
    "region": ("code", "name"),
    "node": ("code", "name", "description", "content", "township", "providers", "purchasers",
             "procurement_code", "basis", "notes", "children"),
    "access": ("code", "name", "category", "content", "department", "basis", "term", "funding",
               "premises_required", "staff_required", "approval", "notes"),
    "assistance": ("code", "name", "category", "content", "department", "basis", "guidance", "funding",
                   "evaluation", "purchase_ref", "notes"),
    "excluded": ("code", "name", "reason"),
    "basis": ("level", "title", "article"),
    "funding": ("required", "source", "amount"),
    "approval": ("body", "date", "document_number", "meeting"),
}
# context of a mapping -> key -> context of the value (for lists: of each element)
_CHILD: dict[str, dict[str, str]] = {
    "root": {"region": "region", "approval": "approval", "categories": "node", "excluded": "excluded"},
    "node": {"children": "node", "basis": "basis"},
    "access": {"basis": "basis", "funding": "funding", "approval": "approval"},
    "assistance": {"basis": "basis", "funding": "funding"},
}
_CODE_KEYS = frozenset({"code", "purchase_ref", "procurement_code"})
_DATE_KEYS = frozenset({"effective", "expires", "date"})
_FLOW_CONTEXTS = frozenset({"region", "basis", "funding", "approval"})
_FLOW_LISTS = frozenset({"providers", "purchasers"})
FLOW_MAX = 100


class _Dumper(yaml.SafeDumper):
    """Indents block sequences under their key (`key:\\n  - a`), as FORMAT.md does."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


_REPRESENTER = yaml.SafeDumper(None)  # type: ignore[arg-type]


def _scalar(value: Any, key: str = "") -> ScalarNode:
    if isinstance(value, str):
        if key in _CODE_KEYS:
            return ScalarNode(_STR, value, style='"')
        if key in _DATE_KEYS and _DATE_RE.match(value):
            return ScalarNode(_TIMESTAMP, value)
        if "\n" in value:
            return ScalarNode(_STR, value, style="|")
        return ScalarNode(_STR, value)
    node = _REPRESENTER.represent_data(value)
    assert isinstance(node, ScalarNode)
    return node


def _is_scalar(value: Any) -> bool:
    return value is None or isinstance(value, (str, int, float, bool))


def _flat_length(value: Any) -> int:
    if isinstance(value, dict):
        return sum(len(str(k)) + 2 + _flat_length(v) + 2 for k, v in value.items()) + 2
    if isinstance(value, list):
        return sum(_flat_length(v) + 2 for v in value) + 2
    text = str(value)
    return len(text) + sum(1 for ch in text if ord(ch) > 0x2E80)  # CJK is twice as wide


def _flow_ok(value: Any, indent: int) -> bool:
    items = value.values() if isinstance(value, dict) else value
    if not all(_is_scalar(v) and not (isinstance(v, str) and ("\n" in v or v != v.strip())) for v in items):
        return False
    return _flat_length(value) + indent <= FLOW_MAX


def _ordered(mapping: dict[str, Any], context: str) -> list[tuple[Any, Any]]:
    order = ORDERS.get(context, ())
    known = [(k, mapping[k]) for k in order if k in mapping]
    rest = [(k, v) for k, v in mapping.items() if k not in order]
    return known + rest


def _child_context(context: str, key: str, items: str) -> str:
    if context == "root" and key == "items":
        return items
    return _CHILD.get(context, {}).get(key, "other")


def _node(value: Any, context: str, key: str = "", indent: int = 0, items: str = "other") -> Node:
    if isinstance(value, dict):
        pairs = []
        for k, v in _ordered(value, context):
            child = _child_context(context, str(k), items)
            pairs.append((_scalar(k) if not isinstance(k, str) else ScalarNode(_STR, k),
                          _node(v, child, str(k), indent + 2, items)))
        flow = not value or (context in _FLOW_CONTEXTS and _flow_ok(value, indent + len(key) + 2))
        return MappingNode(_MAP, pairs, flow_style=flow)
    if isinstance(value, list):
        elements = [_node(v, context, key, indent + 2, items) for v in value]
        flow = not value or (key in _FLOW_LISTS and _flow_ok(value, indent + len(key) + 2))
        return SequenceNode(_SEQ, elements, flow_style=flow)
    return _scalar(value, key)


def dump_document(data: Any, *, comments: Iterable[str] = (), schema_ref: str | None = None) -> str:
    """One document as YAML text, optionally preceded by comment lines and a schema reference."""
    if isinstance(data, dict):
        kind = data.get("kind")
        items = {"access-list": "access", "assistance-list": "assistance"}.get(str(kind), "other")
        node = _node(data, "root", items=items)
    else:
        node = _node(data, "other")
    body = yaml.serialize(
        node, Dumper=_Dumper, allow_unicode=True, width=4096, indent=2,
    )
    head = []
    if schema_ref:
        head.append(f"# yaml-language-server: $schema={schema_ref}")
    for line in comments:
        for part in str(line).splitlines() or [""]:
            head.append(f"# {part}".rstrip())
    text = "\n".join(head) + ("\n" if head else "") + body
    return text if text.endswith("\n") else text + "\n"
