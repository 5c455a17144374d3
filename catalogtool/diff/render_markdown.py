"""`diff --format markdown`: a pull-request comment reviewers can read without opening YAML.

A summary table (one row per document), then one table per change type.  Sections
longer than FOLD_AFTER rows are folded in <details> so the comment stays short.
Edits inside a field are shown with <del> and <ins>, which GitHub, GitLab and
Gitea render in table cells.  Every cell is escaped by catalogtool.markdown_text
(the same escaping as validate's GitHub job summary): `|` and newlines would
break the table, `<`, `>` and `&` would be read as HTML.
"""

from __future__ import annotations

from typing import Any

from catalogtool.diff.amounts import change_note
from catalogtool.diff.changes import Change
from catalogtool.diff.pieces import Piece, field_pieces
from catalogtool.diff.wording import (
    body_text,
    budget_of,
    budget_text,
    counts,
    display_name,
    documents,
    kind_label,
    location,
    money_move,
    summary_text,
    type_label,
)
from catalogtool.labels import field_label
from catalogtool.markdown_text import cell, code
from catalogtool.problems import Message

FOLD_AFTER = 10
_COUNT_ORDER = ("added", "removed", "changed", "recoded", "header")
_SECTION_ORDER = ("header", "added", "removed", "changed", "recoded")


def _pieces(pieces: list[Piece], sep: str) -> str:
    out = []
    for op, part in pieces:
        text = cell(part)
        if op == "delete":
            text = f"<del>{text}</del>"
        elif op == "insert":
            text = f"<ins>{text}</ins>"
        out.append(text)
    return sep.join(out)


def _fields(change: Change, lang: str) -> str:
    colon = Message("：", ": ").text(lang)
    lines = []
    for name, fc in change.fields.items():
        pieces, sep = field_pieces(name, fc.old, fc.new, lang, money=fc.money)
        lines.append(f"**{cell(field_label(name, lang, change.kind))}**{colon}{_pieces(pieces, cell(sep))}"
                     f"{cell(change_note(fc, lang))}")
    return "<br>".join(lines)


def _table(headers: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines.extend("| " + " | ".join(row) + " |" for row in rows)
    return lines


def render_markdown(
    changes: list[Change], *, lang: str = "zh", old_label: str = "", new_label: str = "", **_: Any
) -> str:
    """The whole comment as GitHub-flavoured Markdown."""
    out: list[str] = []
    title = Message("目录与清单变更", "Catalog and list changes").text(lang)
    if old_label or new_label:
        labels = f"{code(old_label, in_table=False)} → {code(new_label, in_table=False)}"
        title += f"：{labels}" if lang != "en" else f": {labels}"
    out += [f"### {title}", "", cell(summary_text(changes, lang)), ""]
    if not changes:
        return "\n".join(out)

    docs = documents(changes)
    many = len(docs) > 1 or any(d for d, _ in docs)
    doc_col = [Message("文件", "file").text(lang)] if many else []

    # Summary: one row per document, a total row when there are several; a plan's budget total when it changed.
    budgets = {doc: budget_of(c for c in changes if (c.document, c.kind) == doc) for doc in docs}
    budget_col = [Message("预算合计", "budget total").text(lang)] if any(budgets.values()) else []
    headers = [*doc_col, Message("文件类型", "kind").text(lang), *(type_label(t, lang) for t in _COUNT_ORDER),
               *budget_col]
    rows = []
    for document, kind in docs:
        n = counts(c for c in changes if c.document == document and c.kind == kind)
        budget = budgets[(document, kind)]
        moved = [cell(money_move(budget, lang)) if budget else ""]
        rows.append([*([cell(document)] if many else []), cell(kind_label(kind, lang)),
                     *(str(n[t]) if n[t] else "" for t in _COUNT_ORDER), *(moved if budget_col else [])])
    if len(docs) > 1:
        total = counts(changes)
        rows.append([f"**{Message('合计', 'total').text(lang)}**", "", *(f"**{total[t]}**" for t in _COUNT_ORDER),
                     *([""] if budget_col else [])])
    out += _table(headers, rows)
    out.append("")

    def doc_cell(change: Change) -> list[str]:
        return [cell(change.document)] if many else []

    for change_type in _SECTION_ORDER:
        chosen = [c for c in changes if c.type == change_type]
        if not chosen:
            continue
        label = f"{type_label(change_type, lang)}{Message('（', ' (').text(lang)}{len(chosen)}{Message('）', ')').text(lang)}"
        if change_type == "header":
            headers = [*doc_col, Message("变更", "changes").text(lang)]
            rows = [[*doc_cell(c), _fields(c, lang)] for c in chosen]
        elif change_type in ("added", "removed"):
            headers = [*doc_col, Message("编码", "code").text(lang), Message("名称", "name").text(lang),
                       Message("位置", "where").text(lang), Message("内容", "content").text(lang)]
            rows = [[*doc_cell(c), cell(c.code), cell(display_name(c, lang)), cell(location(c, lang)),
                     cell("\n".join(part for part in (body_text(c), budget_text(c, lang)) if part))]
                    for c in chosen]
        elif change_type == "changed":
            headers = [*doc_col, Message("编码", "code").text(lang), Message("名称", "name").text(lang),
                       Message("变更", "changes").text(lang)]
            rows = [[*doc_cell(c), cell(c.code), cell(display_name(c, lang)), _fields(c, lang)] for c in chosen]
        else:
            headers = [*doc_col, Message("原编码", "old code").text(lang), Message("新编码", "new code").text(lang),
                       Message("名称", "name").text(lang), Message("位置", "where").text(lang), Message("其他变更", "other changes").text(lang)]
            rows = []
            for c in chosen:
                old_where, new_where = location(c, lang, old=True), location(c, lang)
                where = cell(new_where) if old_where == new_where else f"{cell(old_where)} → {cell(new_where)}"
                rows.append([*doc_cell(c), cell(c.old_code), cell(c.new_code), cell(display_name(c, lang)), where,
                             _fields(c, lang)])
        table = _table(headers, rows)
        if len(chosen) > FOLD_AFTER:
            out += ["<details>", f"<summary><b>{label}</b></summary>", "", *table, "", "</details>", ""]
        else:
            out += [f"#### {label}", "", *table, ""]
    return "\n".join(out)
