"""What changed since the region's previous edition: the diff's changes, worded as the Markdown diff words them.

The comparison is catalogtool.diff.core's; the words (type labels, locations,
field edits as pieces) are catalogtool.diff.wording's and .pieces'.  Only the
markup is the site's: the templates mark pieces with <del> and <ins>.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from catalogtool.diff.amounts import change_note
from catalogtool.diff.changes import Change
from catalogtool.diff.core import compare_sets
from catalogtool.diff.pieces import Piece, field_pieces
from catalogtool.diff.wording import (
    TYPE_ORDER,
    body_text,
    budget_text,
    code_text,
    display_name,
    kind_label,
    location,
    summary_text,
    type_label,
)
from catalogtool.labels import field_label
from catalogtool.site.model import Edition

LANG = "zh"


@dataclass(slots=True)
class FieldEdit:
    label: str
    pieces: list[Piece]
    sep: str
    note: str


@dataclass(slots=True)
class ChangeView:
    type: str
    type_label: str
    document: str
    code: str
    name: str
    where: str
    body: str
    fields: list[FieldEdit] = field(default_factory=list)


@dataclass(slots=True)
class ChangesView:
    """The changes of an edition since `since` (a year), grouped by type in the diff's order."""

    since: int | None
    summary: str
    groups: list[tuple[str, list[ChangeView]]]
    count: int


def compare_editions(old: Edition | None, new: Edition, similarity: float) -> ChangesView:
    if old is None:
        return ChangesView(None, "", [], 0)
    titles = {doc.slug: doc.title for doc in (*old.docs, *new.docs)}
    changes = compare_sets({d.slug: d.data for d in old.docs}, {d.slug: d.data for d in new.docs},
                           similarity=similarity)
    views = [_view(change, titles) for change in changes]
    groups = [(type_label(t, LANG), [v for v in views if v.type == t]) for t in TYPE_ORDER]
    return ChangesView(old.year, summary_text(changes, LANG), [(label, vs) for label, vs in groups if vs],
                       len(changes))


def _view(change: Change, titles: dict[str, str]) -> ChangeView:
    document = titles.get(change.document) or kind_label(change.kind, LANG)
    edits = []
    for name, fc in change.fields.items():
        pieces, sep = field_pieces(name, fc.old, fc.new, LANG, money=fc.money)
        edits.append(FieldEdit(field_label(name, LANG, change.kind), pieces, sep, change_note(fc, LANG)))
    body = "\n".join(p for p in (body_text(change), budget_text(change, LANG)) if p) \
        if change.type in ("added", "removed") else ""
    return ChangeView(change.type, type_label(change.type, LANG), document, code_text(change),
                      display_name(change, LANG) if change.type != "header" else "", location(change, LANG)
                      if change.type != "header" else "", body, edits)
