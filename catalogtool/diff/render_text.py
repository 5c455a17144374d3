"""`diff --format text`: a summary, then one table per document, for the terminal.

With colour, deleted text is red and struck through and inserted text green; without
(a pipe, a file, NO_COLOR) the same edits are marked `[-删去-]{+加入+}` as in
`git diff --word-diff=plain`, so nothing is lost in a log.
"""

from __future__ import annotations

import io
from typing import Any

from catalogtool.diff.amounts import change_note
from catalogtool.diff.changes import Change
from catalogtool.diff.pieces import Piece, field_pieces
from catalogtool.diff.wording import (
    body_text,
    budget_line,
    budget_of,
    budget_text,
    code_text,
    documents,
    kind_label,
    level_label,
    location,
    summary_text,
    type_label,
)
from catalogtool.labels import field_label
from catalogtool.problems import Message

_TYPE_STYLES = {
    "header": "magenta",
    "added": "green",
    "removed": "red",
    "changed": "yellow",
    "recoded": "cyan",
}
_DELETE = "red strike"
_INSERT = "green"


def render_text(
    changes: list[Change],
    *,
    lang: str = "zh",
    color: bool = False,
    old_label: str = "",
    new_label: str = "",
    width: int | None = None,
    **_: Any,
) -> str:
    """The report as text; `color` adds ANSI styles, `width` is the terminal's (default 120)."""
    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    out = io.StringIO()
    console = Console(
        file=out,
        width=width or 120,
        force_terminal=color,
        no_color=not color,
        color_system="standard" if color else None,
        highlight=False,
        emoji=False,
        markup=False,
        legacy_windows=False,
    )

    def pieces_text(pieces: list[Piece], sep: str) -> Text:
        text = Text()
        # Without colour, `old → new` needs no markers: the arrow says which is which.  A field
        # that was only added or only removed has no arrow, so it is marked like any other edit.
        plain_arrow = not color and sep == " → " and len(pieces) > 1
        for index, (op, part) in enumerate(pieces):
            if index and sep:
                text.append(sep)
            if op == "equal" or plain_arrow:
                text.append(part)
            elif color:
                text.append(part, style=_DELETE if op == "delete" else _INSERT)
            else:
                text.append(f"[-{part}-]" if op == "delete" else f"{{+{part}+}}")
        return text

    def field_lines(change: Change) -> list[Text]:
        lines = []
        colon = Message("：", ": ").text(lang)
        for name, fc in change.fields.items():
            line = Text()
            line.append(f"{field_label(name, lang, change.kind)}{colon}", style="bold" if color else "")
            line.append_text(pieces_text(*field_pieces(name, fc.old, fc.new, lang, money=fc.money)))
            line.append(change_note(fc, lang))
            lines.append(line)
        return lines

    def name_cell(change: Change) -> Text:
        text = Text(change.name)
        level = level_label(change, lang)
        if level:
            text.append(f"\n{Message('（', '(').text(lang)}{level}{Message('）', ')').text(lang)}", style="dim" if color else "")
        return text

    def detail(change: Change) -> Text:
        lines: list[Text] = []
        if change.type in ("added", "removed"):
            where = location(change, lang)
            if where:
                lines.append(Text(where, style="dim" if color else ""))
            body = body_text(change)
            if body:
                lines.append(Text(body))
            budget = budget_text(change, lang)
            if budget:
                lines.append(Text(budget))
        elif change.type == "recoded":
            old_where, new_where = location(change, lang, old=True), location(change, lang)
            if old_where != new_where:
                lines.append(Text(f"{Message('位置：', 'moved: ').text(lang)}{old_where} → {new_where}"))
            if change.similarity is not None:
                label = Message("名称和内容相似度", "similarity of name and content").text(lang)
                lines.append(Text(f"{label} {change.similarity:.0%}", style="dim" if color else ""))
            lines.extend(field_lines(change))
        else:
            lines.extend(field_lines(change))
        return Text("\n").join(lines)

    old_new = f"{old_label} → {new_label}" if old_label or new_label else ""
    heading = Message("比较", "Comparing").text(lang)
    if old_new:
        console.print(Text(f"{heading} {old_new}", style="bold" if color else ""))
    console.print(summary_text(changes, lang))
    for document, kind in documents(changes):
        rows = [c for c in changes if c.document == document and c.kind == kind]
        title = f"{kind_label(kind, lang)} · {document}" if document else kind_label(kind, lang)
        table = Table(
            box=box.SQUARE,
            show_lines=True,
            expand=False,
        )
        table.add_column(Message("变更", "change").text(lang), no_wrap=True)
        table.add_column(Message("编码", "code").text(lang), no_wrap=True)
        table.add_column(Message("名称", "name").text(lang), max_width=24, overflow="fold")
        table.add_column(Message("详情", "details").text(lang), min_width=30, overflow="fold")
        for change in rows:
            table.add_row(
                Text(type_label(change.type, lang), style=_TYPE_STYLES.get(change.type, "") if color else ""),
                code_text(change),
                name_cell(change),
                detail(change),
            )
        console.print()
        console.print(Text(title, style="bold" if color else ""))
        budget = budget_of(rows)
        if budget is not None:
            console.print(budget_line(budget, lang))
        console.print(table)
    return out.getvalue()
