"""The result of a diff: a flat list of changes, each renderable on its own."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

CHANGE_TYPES = ("header", "added", "removed", "changed", "recoded")


@dataclass(frozen=True, slots=True)
class FieldChange:
    old: Any
    new: Any


@dataclass(frozen=True, slots=True)
class Change:
    """One change between two editions of one document.

    `type` is one of CHANGE_TYPES.  `code` is the item's code (the new code for
    `recoded`, the only code otherwise; empty for `header`).  `old_code` and
    `new_code` are set for `recoded` only.  `fields` maps a field name (a dotted
    path for nested fields, e.g. `funding.source`) to its old and new value.  `old`
    and `new` carry the whole item (a plain dict, with the catalog path such as
    一级/二级目录 names added under `_path` for catalog items) so renderers can print
    full rows.  `document` is the document's relative path (or file name) and `kind`
    its kind; `section` is `items`, `excluded` or `categories`.
    """

    type: str
    kind: str
    document: str = ""
    section: str = "items"
    code: str = ""
    name: str = ""
    old_code: str = ""
    new_code: str = ""
    fields: dict[str, FieldChange] = field(default_factory=dict)
    old: dict[str, Any] | None = None
    new: dict[str, Any] | None = None
    similarity: float | None = None

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of FORMAT.md §3."""
        out: dict[str, Any] = {"type": self.type, "kind": self.kind}
        if self.document:
            out["document"] = self.document
        if self.type == "recoded":
            out["old_code"] = self.old_code
            out["new_code"] = self.new_code
            out["name"] = self.name
        elif self.type != "header":
            out["code"] = self.code
            out["name"] = self.name
        if self.type in ("changed", "recoded", "header"):
            out["fields"] = {k: {"old": v.old, "new": v.new} for k, v in self.fields.items()}
        if self.section != "items" and self.type != "header":
            out["section"] = self.section
        return out
