"""The result of a diff: a flat list of changes, each renderable on its own."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from catalogtool.money import EXACT, in_fen, to_decimal

CHANGE_TYPES = ("header", "added", "removed", "changed", "recoded")
# The pseudo-field of a header change that carries the change of the sum of the entries' budgets
# (a purchase plan's projects' amounts), whether or not the document writes a `total`.
BUDGET_FIELD = "_budget"


@dataclass(frozen=True, slots=True)
class FieldChange:
    """A field's old and new value; `money` when the field holds yuan (its kind's `money_fields`)."""

    old: Any
    new: Any
    money: bool = False

    @property
    def change(self) -> Decimal | None:
        """new − old, exactly, for a money field whose two sides are plain amounts; None otherwise."""
        if not self.money:
            return None
        old, new = to_decimal(self.old), to_decimal(self.new)
        return None if old is None or new is None else EXACT.subtract(new, old)

    def to_dict(self) -> dict[str, Any]:
        """`{"old", "new"}`, and for an amount the exact change as text ("12000.00", "-0.10")."""
        out = {"old": self.old, "new": self.new}
        change = self.change
        if change is not None:
            out["change"] = f"{change:.2f}" if in_fen(change) else format(change, "f")  # no context: any size
        return out


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
            out["fields"] = {k: v.to_dict() for k, v in self.fields.items()}
        if self.section != "items" and self.type != "header":
            out["section"] = self.section
        return out
