"""What a rule sees of one document: the document, its kind, the configuration, and shared lazy views.

Rules walk a document through its kind (`entries`, `items`, and for a catalog the
tree of `nodes`), so no rule needs to know where a kind keeps its entries.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import cached_property
from typing import Any

from catalogtool import kinds
from catalogtool.config import Config
from catalogtool.document import Document, escape_token
from catalogtool.kinds import CATALOG, Entry, Kind
from catalogtool.kinds.purchase_catalog import CatalogNode, tree
from catalogtool.lazy_pattern import compile_later

_INDEX = compile_later(r"/[0-9]+(?=/|$)")
# The JSON Schema types a YAML implicit type satisfies.
_JSON_TYPES = {"int": {"integer", "number"}, "float": {"number"}, "bool": {"boolean"}, "null": {"null"}}


class DocContext:
    """One document under check.  Expensive views (schema errors, the catalog tree) are
    computed once here and shared by every rule that asks."""

    def __init__(self, doc: Document, config: Config, rule_id: str = "",
                 options: Mapping[str, Any] | None = None) -> None:
        self.doc = doc
        self.config = config
        self.rule_id = rule_id
        self.options: dict[str, Any] = dict(options or {})

    @property
    def data(self) -> Any:
        return self.doc.data

    @cached_property
    def kind_spec(self) -> Kind | None:
        """The document's kind; None when its `kind` is missing or unknown."""
        return kinds.get(self.doc.kind)

    def for_rule(self, rule_id: str, options: Mapping[str, Any]) -> DocContext:
        """The context as the next rule sees it: its id and every option it declares (see RuleSpec.options_in)."""
        self.rule_id = rule_id
        self.options = dict(options)
        return self

    @cached_property
    def entries(self) -> list[Entry]:
        """Every entry of the document, as its kind walks them (directories and negative lists too)."""
        return self.kind_spec.entries(self.doc.data) if self.kind_spec is not None else []

    @cached_property
    def items(self) -> list[Entry]:
        """The entries that are the document's items: a catalog's services, a list's tasks."""
        return [entry for entry in self.entries if self.is_item(entry)]

    def is_item(self, entry: Entry) -> bool:
        """Whether an entry is an item, not a directory or an entry of a negative list."""
        return self.kind_spec is not None and entry.pool in self.kind_spec.item_pools

    @cached_property
    def nodes(self) -> list[CatalogNode]:
        """A catalog's tree, for rules that compare a node with its parent; empty for other kinds."""
        return tree(self.doc.data) if self.kind_spec is CATALOG else []

    @cached_property
    def text_values(self) -> list[tuple[str, str]]:
        """(pointer, text) for every string value of the document, in document order."""
        data = self.doc.data
        if isinstance(data, str):
            return [("", data)]
        out: list[tuple[str, str]] = []
        tokens: dict[str, str] = {}  # keys repeat in every item: escape each once
        # Depth first with a stack of iterators, not recursion: a deeply nested hostile file
        # must not overflow the stack.
        stack: list[tuple[str, Any]] = [("", _children(data, tokens))] if isinstance(data, (dict, list)) else []
        while stack:
            pointer, children = stack[-1]
            for token, node in children:
                if isinstance(node, str):
                    out.append((f"{pointer}/{token}", node))
                elif isinstance(node, (dict, list)):
                    stack.append((f"{pointer}/{token}", _children(node, tokens)))
                    break
            else:
                stack.pop()
        return out

    @cached_property
    def distinct_texts(self) -> set[str]:
        """Every string value of the document, once each (text_values without pointers or order)."""
        data = self.doc.data
        if isinstance(data, str):
            return {data}
        out: set[str] = set()
        stack: list[Any] = [data] if isinstance(data, (dict, list)) else []
        while stack:
            node = stack.pop()
            for value in node.values() if isinstance(node, dict) else node:
                if isinstance(value, str):
                    out.add(value)
                elif isinstance(value, (dict, list)):
                    stack.append(value)
        return out

    @cached_property
    def schema_errors(self) -> list[Any]:
        """jsonschema errors of this document, in document order (empty for unknown kinds)."""
        from catalogtool.schemas import schema_errors

        if self.kind_spec is None:
            return []
        return schema_errors(self.kind_spec.schema, self.doc.data)

    @cached_property
    def implicit_text(self) -> dict[str, str]:
        """Pointers where YAML typed a plain scalar that the schema expects as text -> YAML type."""
        from catalogtool.schemas import expected_types, load_schema, subschema_at

        if self.kind_spec is None or not self.doc.implicit:
            return {}
        schema = load_schema(self.kind_spec.schema)
        # Every `township: true` is an implicit boolean, so look each schema place up once:
        # list indexes do not change which subschema applies.
        expects: dict[str, tuple[set[str], bool]] = {}
        out: dict[str, str] = {}
        for pointer, implicit in self.doc.implicit.items():
            shape = _INDEX.sub("/#", pointer)
            if shape not in expects:
                sub = subschema_at(schema, pointer)
                expects[shape] = (expected_types(sub), sub is not None and sub.get("format") == "date")
            types, is_date = expects[shape]
            # Text is wanted, and the value's own type is not also allowed (a target may be 60 or "≥95").
            if "string" not in types or types & _JSON_TYPES.get(implicit.tag, set()):
                continue
            if implicit.tag == "timestamp" and is_date:
                continue
            out[pointer] = implicit.tag
        return out

    def written(self, pointer: str) -> str:
        """A value as the author wrote it: the YAML source for implicitly typed scalars."""
        implicit = self.doc.implicit.get(pointer)
        if implicit is not None:
            return implicit.source
        value = self.doc.value_at(pointer)
        return "" if value is None else str(value)


def _children(node: dict[str, Any] | list[Any], tokens: dict[str, str]) -> Iterator[tuple[str | int, Any]]:
    """A mapping's or list's (pointer token, value) pairs, in order."""
    if isinstance(node, list):
        return enumerate(node)
    return ((tokens.get(k) or tokens.setdefault(k, escape_token(str(k))), v) for k, v in node.items())


def text(value: Any) -> str:
    """A value as text for matching: strings as they are, anything else empty."""
    return value if isinstance(value, str) else ""
