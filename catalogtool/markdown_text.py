"""Text made safe for GitHub-flavoured Markdown tables, shared by every Markdown output.

The diff's pull-request comment and validate's GitHub job summary both put text
from the documents into table cells.  That text is shown as written: web-page
junk such as `<br>` or `&nbsp;` is what a reviewer has to see, so it must not be
rendered as HTML, and `|` or a newline must not break the table.
"""

from __future__ import annotations

import re

_MARKDOWN_SIGNS = "*_`[]~"


def cell(text: object) -> str:
    """Text for one table cell: HTML and Markdown signs escaped, `|` escaped, line breaks as <br>."""
    value = str(text)
    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    value = value.replace("\\", "\\\\").replace("|", "\\|")
    for char in _MARKDOWN_SIGNS:
        value = value.replace(char, "\\" + char)
    return value.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "<br>")


def code(text: object, *, in_table: bool = True) -> str:
    """Text as an inline code span (file names, rule ids), whatever backticks or pipes it holds.

    Inside a code span nothing is rendered, so only what would end the span or the
    table needs care: a fence longer than any run of backticks in the text, a space
    against a backtick at either end, and (in a table) `|` escaped.
    """
    value = " ".join(str(text).splitlines())
    if not value:
        return ""
    fence = "`" * (max((len(run) for run in re.findall("`+", value)), default=0) + 1)
    if value[0] in "` " or value[-1] in "` ":
        value = f" {value} "
    if in_table:
        value = value.replace("|", "\\|")
    return f"{fence}{value}{fence}"
