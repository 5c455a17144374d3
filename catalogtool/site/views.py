"""Documents as the templates show them: header facts, entries with labelled fields, the catalog tree.

Every value becomes plain text here (the templates escape it); field names and
value wording are the diff's and the workbook's (catalogtool.labels,
catalogtool.diff.wording), so a field reads the same on the site as in the guide.
Kinds are asked (their walk, pools, sections, money fields), never named.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from catalogtool.diff.amounts import money_text
from catalogtool.diff.wording import format_value, none_text
from catalogtool.kinds import Kind
from catalogtool.labels import field_label
from catalogtool.site.model import Doc

LANG = "zh"
_HEADER_FIELDS = ("document_number", "issuer", "effective", "expires", "approval", "scope", "purchaser", "total",
                  "notes")
_SKIP = frozenset({"code", "name", "children"})
_FILE_SAFE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,80}$")


@dataclass(slots=True)
class Row:
    label: str
    text: str


@dataclass(slots=True)
class EntryView:
    """An entry of a document: code, name, its fields as rows, and for a tree its place and children."""

    code: str
    name: str
    rows: list[Row]
    item: bool = True
    depth: int = 1
    anchor: str = ""
    file: str = ""
    township: bool | None = None
    parents: list[tuple[str, str]] = field(default_factory=list)
    children: list[EntryView] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class SectionView:
    title: str
    entries: list[EntryView]


def text(value: Any) -> str:
    return "" if value is None else format_value(value, LANG)


def code_file(code: str) -> str:
    """An item's page name: its code when that is a safe file name, else a stable hexadecimal form."""
    return f"{code}.html" if _FILE_SAFE.match(code) else f"x{code.encode('utf-8').hex()}.html"


def anchor(code: str) -> str:
    return "e-" + (code if _FILE_SAFE.match(code) else code.encode("utf-8").hex())


def rows(data: dict[str, Any], kind: Kind, keys: tuple[str, ...] | None = None,
         skip: frozenset[str] = _SKIP) -> list[Row]:
    """The fields of `data` (or `keys` of it, in that order) as labelled text; amounts as ¥ with fen."""
    out = []
    for key in keys if keys is not None else tuple(data):
        if key in skip or key not in data:
            continue
        value = data[key]
        shown = money_text(value, none_text(LANG)) if key in kind.money_fields else format_value(value, LANG, key, kind)
        out.append(Row(field_label(key, LANG, kind.id), shown))
    return out


def header_rows(doc: Doc) -> list[Row]:
    return rows(doc.data, doc.kind, _HEADER_FIELDS)


def _entry(data: dict[str, Any], kind: Kind, depth: int = 1, item: bool = True) -> EntryView:
    code = text(data.get("code"))
    township = data.get("township")
    return EntryView(code=code, name=text(data.get("name")), rows=rows(data, kind) if item else [], item=item,
                     depth=depth, anchor=anchor(code), file=code_file(code) if item else "",
                     township=township if isinstance(township, bool) else None, data=data)


def sections(doc: Doc) -> list[SectionView]:
    """A flat document's sections (an access list's items, then its 负面清单), every entry with its fields."""
    out = []
    for section in doc.kind.sections:
        entries = [_entry(e.data, doc.kind) for e in doc.kind.walk(doc.data) if e.pool == section.key]
        if entries:
            out.append(SectionView(section.sheet_name, entries))
    return out


def tree(doc: Doc) -> list[EntryView]:
    """A tree document (the catalog) as nested entries: directories hold their children, items are leaves."""
    roots: list[EntryView] = []
    open_nodes: list[EntryView] = []
    for entry in doc.kind.walk(doc.data):
        item = entry.pool in doc.kind.item_pools
        view = _entry(entry.data, doc.kind, entry.depth, item)
        view.parents = [(code, name) for code, name in entry.parents]
        if not item:
            description = entry.data.get("description")
            view.rows = [Row(field_label("description", LANG, doc.kind.id), text(description))] if description else []
        del open_nodes[entry.depth - 1:]
        (open_nodes[-1].children if open_nodes else roots).append(view)
        open_nodes.append(view)
    return roots


def items(doc: Doc) -> list[EntryView]:
    """Every item of a document, in document order (a tree's leaves, with their directories)."""
    found: list[EntryView] = []

    def visit(nodes: list[EntryView]) -> None:
        for node in nodes:
            if node.item:
                found.append(node)
            visit(node.children)

    if doc.kind.tree:
        visit(tree(doc))
    else:
        found = [_entry(e.data, doc.kind) for e in doc.kind.items(doc.data)]
    return found
