"""What a rule sees of one document: the document, the configuration, and shared lazy views."""

from __future__ import annotations

import re
from functools import cached_property
from typing import Any

from catalogtool.config import Config
from catalogtool.document import Document, join_pointer
from catalogtool.model import CatalogNode, catalog_nodes

_INDEX = re.compile(r"/[0-9]+(?=/|$)")


class DocContext:
    """One document under check.  Expensive views (schema errors, the catalog tree) are
    computed once here and shared by every rule that asks."""

    def __init__(self, doc: Document, config: Config, rule_id: str = "") -> None:
        self.doc = doc
        self.config = config
        self.rule_id = rule_id

    @property
    def data(self) -> Any:
        return self.doc.data

    @property
    def kind(self) -> str | None:
        return self.doc.kind

    def for_rule(self, rule_id: str) -> DocContext:
        self.rule_id = rule_id
        return self

    @property
    def options(self) -> dict[str, Any]:
        return self.config.rule_options(self.rule_id)

    @cached_property
    def nodes(self) -> list[CatalogNode]:
        return catalog_nodes(self.doc.data) if self.kind == "purchase-catalog" else []

    @cached_property
    def text_values(self) -> list[tuple[str, str]]:
        """(pointer, text) for every string value of the document, in document order."""
        out: list[tuple[str, str]] = []
        stack: list[tuple[str, Any]] = [("", self.doc.data)]
        while stack:  # no recursion: a deeply nested hostile file must not overflow the stack
            pointer, node = stack.pop()
            if isinstance(node, str):
                out.append((pointer, node))
            elif isinstance(node, dict):
                stack.extend((join_pointer(pointer, k), v) for k, v in reversed(node.items()))
            elif isinstance(node, list):
                stack.extend((f"{pointer}/{i}", v) for i, v in reversed(list(enumerate(node))))
        return out

    @cached_property
    def schema_errors(self) -> list[Any]:
        """jsonschema errors of this document, in document order (empty for unknown kinds)."""
        from catalogtool.kinds import KINDS
        from catalogtool.schemas import schema_errors

        if self.kind not in KINDS:
            return []
        return schema_errors(self.kind, self.doc.data)

    @cached_property
    def implicit_text(self) -> dict[str, str]:
        """Pointers where YAML typed a plain scalar that the schema expects as text -> YAML type."""
        from catalogtool.kinds import KINDS
        from catalogtool.schemas import expected_types, load_schema, subschema_at

        if self.kind not in KINDS or not self.doc.implicit:
            return {}
        schema = load_schema(self.kind)
        # Every `township: true` is an implicit boolean, so look each schema place up once:
        # list indexes do not change which subschema applies.
        expects: dict[str, tuple[bool, bool]] = {}
        out: dict[str, str] = {}
        for pointer, implicit in self.doc.implicit.items():
            shape = _INDEX.sub("/#", pointer)
            if shape not in expects:
                sub = subschema_at(schema, pointer)
                expects[shape] = ("string" in expected_types(sub), sub is not None and sub.get("format") == "date")
            wants_text, is_date = expects[shape]
            if not wants_text or (implicit.tag == "timestamp" and is_date):
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
