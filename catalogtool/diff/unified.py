"""A unified line diff that stays fast on long files: what git-diff shows for files that are not documents.

difflib.unified_diff matches whole files, which takes seconds on a 60,000-line
catalog; here the first and last lines the two sides share are set aside first,
so a small edit costs what the edit costs; for one edited stretch the output is exactly difflib's.
"""

from __future__ import annotations

import difflib

# Beyond this many differing lines difflib's matching gets slow (quadratic): such a middle is shown
# as removed and added whole, which is what a rewrite is anyway.
_MAX_MATCHED_LINES = 200_000


def unified_lines(a: list[str], b: list[str], fromfile: str, tofile: str, context: int = 3) -> list[str]:
    """difflib.unified_diff's output, but the common first and last lines are set aside before matching,
    so a small edit of a 60,000-line file costs what the edit costs."""
    groups = list(_grouped(_opcodes(a, b), context))
    if not groups:
        return []
    out = [f"--- {fromfile}\n", f"+++ {tofile}\n"]
    for group in groups:
        first, last = group[0], group[-1]
        out.append(f"@@ -{_range(first[1], last[2])} +{_range(first[3], last[4])} @@\n")
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                out.extend(" " + line for line in a[i1:i2])
                continue
            out.extend("-" + line for line in a[i1:i2])
            out.extend("+" + line for line in b[j1:j2])
    return out


def _opcodes(a: list[str], b: list[str]) -> list[tuple[str, int, int, int, int]]:
    head = 0
    while head < len(a) and head < len(b) and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < len(a) - head and tail < len(b) - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    middle_a, middle_b = a[head:len(a) - tail], b[head:len(b) - tail]
    inner: list[tuple[str, int, int, int, int]]
    if len(middle_a) + len(middle_b) > _MAX_MATCHED_LINES:
        inner = [("replace", 0, len(middle_a), 0, len(middle_b))]
    else:
        inner = list(difflib.SequenceMatcher(None, middle_a, middle_b).get_opcodes())
    codes = [("equal", 0, head, 0, head)] if head else []
    codes += [(tag, i1 + head, i2 + head, j1 + head, j2 + head) for tag, i1, i2, j1, j2 in inner
              if (i1, j1) != (i2, j2)]
    if tail:
        codes.append(("equal", len(a) - tail, len(a), len(b) - tail, len(b)))
    merged: list[tuple[str, int, int, int, int]] = []
    for code in codes:
        if merged and merged[-1][0] == code[0] == "equal":
            merged[-1] = ("equal", merged[-1][1], code[2], merged[-1][3], code[4])
        else:
            merged.append(code)
    return merged


def _grouped(codes: list[tuple[str, int, int, int, int]], n: int) -> list[list[tuple[str, int, int, int, int]]]:
    """difflib.SequenceMatcher.get_grouped_opcodes, on opcodes made elsewhere."""
    if not any(tag != "equal" for tag, *_ in codes):
        return []
    codes = list(codes)
    if codes[0][0] == "equal":
        tag, i1, i2, j1, j2 = codes[0]
        codes[0] = tag, max(i1, i2 - n), i2, max(j1, j2 - n), j2
    if codes[-1][0] == "equal":
        tag, i1, i2, j1, j2 = codes[-1]
        codes[-1] = tag, i1, min(i2, i1 + n), j1, min(j2, j1 + n)
    groups: list[list[tuple[str, int, int, int, int]]] = []
    group: list[tuple[str, int, int, int, int]] = []
    for tag, i1, i2, j1, j2 in codes:
        if tag == "equal" and i2 - i1 > n * 2:
            group.append((tag, i1, min(i2, i1 + n), j1, min(j2, j1 + n)))
            groups.append(group)
            group = []
            i1, j1 = max(i1, i2 - n), max(j1, j2 - n)
        group.append((tag, i1, i2, j1, j2))
    if group and not (len(group) == 1 and group[0][0] == "equal"):
        groups.append(group)
    return groups


def _range(start: int, stop: int) -> str:
    """A hunk's line range as unified diffs write it (difflib's _format_range_unified)."""
    beginning, length = start + 1, stop - start
    if length == 1:
        return f"{beginning}"
    if not length:
        beginning -= 1  # an empty range begins before it
    return f"{beginning},{length}"
