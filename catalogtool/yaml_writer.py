"""Write documents as YAML people read and edit: FORMAT.md's key order, block style, Chinese as is.

The loader's counterpart (catalogtool.loader), used by `import`:

* keys in the order FORMAT.md lists them (unknown keys after, in their own order):
  the header fields as every document has them, each section's entries as its
  kind orders them (`Section.key_order`);
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

from catalogtool.kinds import KINDS, Kind, kind_of
from catalogtool.kinds.layout import APPROVAL_KEYS, REGION_KEYS, KeyOrder
from catalogtool.yaml_fast import TextEmitter

_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_BOOL = "tag:yaml.org,2002:bool"
_INT = "tag:yaml.org,2002:int"
_NULL = "tag:yaml.org,2002:null"
_BIG = 10**18
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

# What a purchase plan says of the catalog it draws on (FORMAT.md §1.4), on one line.
CATALOG_KEYS = KeyOrder(("region", "year", "path"), flow=True)
# The header every document starts with (FORMAT.md §1), then the sections of every kind.
HEADER = KeyOrder(
    ("kind", "schema", "title", "region", "year", "issuer", "document_number", "effective", "expires", "approval",
     "scope", "notes", "purchaser", "catalog", "total"),
    children=(("region", REGION_KEYS), ("approval", APPROVAL_KEYS), ("catalog", CATALOG_KEYS)),
)
_CODE_KEYS = frozenset({"code", "purchase_ref", "procurement_code", "catalog_ref", "budget_code", "credit_code"})
_DATE_KEYS = frozenset({"effective", "expires", "date", "start", "end"})
_FLOW_LISTS = frozenset({"providers", "purchasers", "provider_types", "evaluation"})
FLOW_MAX = 100


class _Dumper(yaml.SafeDumper):
    """Indents block sequences under their key (`key:\\n  - a`), as FORMAT.md does."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


_REPRESENTER = yaml.SafeDumper(None)  # type: ignore[arg-type]


def _parts(value: Any, key: str = "") -> tuple[str, str, str | None]:
    """A scalar's (tag, text, style): codes double-quoted, dates as dates, text with line breaks as `|`."""
    if isinstance(value, str):
        if key in _CODE_KEYS:
            return _STR, value, '"'
        if key in _DATE_KEYS and _DATE_RE.match(value):
            return _TIMESTAMP, value, None
        if "\n" in value:
            return _STR, value, "|"
        return _STR, value, None
    kind = type(value)
    if kind is bool:
        return _BOOL, "true" if value else "false", None
    if kind is int and -_BIG < value < _BIG:
        return _INT, str(value), None
    if value is None:
        return _NULL, "null", None
    node = _REPRESENTER.represent_data(value)
    assert isinstance(node, ScalarNode)
    return node.tag, node.value, node.style


def _scalar(value: Any, key: str = "") -> ScalarNode:
    tag, text, style = _parts(value, key)
    return ScalarNode(tag, text, style=style)


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


def _ordered(mapping: dict[str, Any], order: KeyOrder | None) -> list[tuple[Any, Any]]:
    keys = order.keys if order is not None else ()
    known = [(k, mapping[k]) for k in keys if k in mapping]
    rest = [(k, v) for k, v in mapping.items() if k not in keys]
    return known + rest


def _root(kind: Kind | None) -> KeyOrder:
    """A document's order: the header's, then each kind's sections, entries as the document's kind orders them."""
    sections = list(dict.fromkeys(section.key for known in KINDS.values() for section in known.sections))
    entries = tuple((section.key, section.key_order) for section in (kind.sections if kind is not None else ())
                    if section.key_order is not None)
    return KeyOrder((*HEADER.keys, *sections), (*HEADER.children, *entries))


def _node(value: Any, order: KeyOrder | None, key: str = "", indent: int = 0) -> Node:
    if isinstance(value, dict):
        pairs = []
        for k, v in _ordered(value, order):
            child = order.child(str(k)) if order is not None else None
            pairs.append((_scalar(k) if not isinstance(k, str) else ScalarNode(_STR, k),
                          _node(v, child, str(k), indent + 2)))
        flow = not value or (order is not None and order.flow and _flow_ok(value, indent + len(key) + 2))
        return MappingNode(_MAP, pairs, flow_style=flow)
    if isinstance(value, list):
        elements = [_node(v, order, key, indent + 2) for v in value]
        flow = not value or (key in _FLOW_LISTS and _flow_ok(value, indent + len(key) + 2))
        return SequenceNode(_SEQ, elements, flow_style=flow)
    return _scalar(value, key)


def _emit(out: TextEmitter, value: Any, order: KeyOrder | None, key: str = "", indent: int = 0) -> None:
    """What `_node` decides, told straight to the emitter (yaml_fast.py): the same text, without the nodes."""
    if isinstance(value, dict):
        pairs = _ordered(value, order)
        if out.flow_level or not value or (order is not None and order.flow and _flow_ok(value, indent + len(key) + 2)):
            out.flow_start("{")
            for index, (k, v) in enumerate(pairs):
                out.flow_key(index == 0, *(_parts(k) if not isinstance(k, str) else (_STR, k, None)))
                _emit(out, v, order.child(str(k)) if order is not None else None, str(k), indent + 2)
            out.flow_end("}")
            return
        out.block_mapping_start()
        for k, v in pairs:
            out.block_key(*(_parts(k) if not isinstance(k, str) else (_STR, k, None)))
            _emit(out, v, order.child(str(k)) if order is not None else None, str(k), indent + 2)
        out.end()
    elif isinstance(value, list):
        if out.flow_level or not value or (key in _FLOW_LISTS and _flow_ok(value, indent + len(key) + 2)):
            out.flow_start("[")
            for index, v in enumerate(value):
                out.flow_item(index == 0)
                _emit(out, v, order, key, indent + 2)
            out.flow_end("]")
            return
        out.block_sequence_start()
        for v in value:
            out.block_item()
            _emit(out, v, order, key, indent + 2)
        out.end()
    else:
        out.scalar(*_parts(value, key))


def body_reference(data: Any) -> str:
    """The document's YAML through PyYAML's nodes, serializer and emitter: what `dump_document` must equal."""
    node = _node(data, _root(kind_of(data)) if isinstance(data, dict) else None)
    return yaml.serialize(node, Dumper=_Dumper, allow_unicode=True, width=4096, indent=2)


def body(data: Any) -> str:
    """The document's YAML, written by the direct emitter when it is a mapping (every document is)."""
    if not isinstance(data, dict) or not data:
        return body_reference(data)
    out = TextEmitter()
    _emit(out, data, _root(kind_of(data)))
    return out.text()


def dump_document(data: Any, *, comments: Iterable[str] = (), schema_ref: str | None = None) -> str:
    """One document as YAML text, optionally preceded by comment lines and a schema reference."""
    body_text = body(data)
    head = []
    if schema_ref:
        head.append(f"# yaml-language-server: $schema={schema_ref}")
    for line in comments:
        for part in str(line).splitlines() or [""]:
            head.append(f"# {part}".rstrip())
    text = "\n".join(head) + ("\n" if head else "") + body_text
    return text if text.endswith("\n") else text + "\n"
