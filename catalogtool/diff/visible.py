"""Changes made safe for a terminal: control characters in the documents' text shown as escapes.

A diff is read in a terminal, often of someone else's branch.  Text holding ESC or
OSC sequences (pasted, or planted) would recolour the screen, retitle the window or
worse if printed raw; plain git shows such bytes escaped, and so does this.  Bidi
overrides are escaped too, so no text can make a change read as another.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from catalogtool.diff.changes import Change, FieldChange

# C0 and C1 controls but tab and line feed; the bidi embeddings, overrides and isolates.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(value: Any) -> Any:
    """`value` with every string in it (keys too) escaped; other values as they are."""
    if isinstance(value, str):
        return _UNSAFE.sub(_escape, value) if _UNSAFE.search(value) else value
    if isinstance(value, dict):
        return {visible(k): visible(v) for k, v in value.items()}
    if isinstance(value, list):
        return [visible(v) for v in value]
    return value


def visible_changes(changes: list[Change]) -> list[Change]:
    """The changes as a terminal or a markdown comment may show them."""
    out = []
    for change in changes:
        fields = {visible(name): dataclasses.replace(f, old=visible(f.old), new=visible(f.new))
                  for name, f in change.fields.items()}
        out.append(dataclasses.replace(
            change, document=visible(change.document), code=visible(change.code), name=visible(change.name),
            old_code=visible(change.old_code), new_code=visible(change.new_code), fields=fields,
            old=visible(change.old), new=visible(change.new)))
    return out


__all__ = ["FieldChange", "visible", "visible_changes"]
