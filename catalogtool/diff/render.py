"""The diff's renderers, chosen by name: the table the `diff` command looks a format up in.

Every renderer is `render(changes, *, lang, color=False, old_label="", new_label="")`
and returns text.  Renderers are imported only when used, so `diff --format json`
never loads rich.  The 新旧对照表 workbook is the workbook writer's (catalogtool.excel):
the `diff` command adds it to this table, so the diff never imports the writer.
Their shared wording is catalogtool.diff.wording and catalogtool.diff.pieces.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from catalogtool.diff.changes import Change

Renderer = Callable[..., "str | bytes"]


def _text(changes: list[Change], **options: Any) -> str:
    from catalogtool.diff.render_text import render_text

    return render_text(changes, **options)


def _markdown(changes: list[Change], **options: Any) -> str:
    from catalogtool.diff.render_markdown import render_markdown

    return render_markdown(changes, **options)


def _json(changes: list[Change], **options: Any) -> str:
    from catalogtool.diff.render_json import render_json

    return render_json(changes, **options)


RENDERERS: dict[str, Renderer] = {"text": _text, "markdown": _markdown, "json": _json}
