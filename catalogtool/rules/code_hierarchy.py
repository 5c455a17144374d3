"""A catalog code does not extend its parent's code, or does not fit the code scheme.

Why: the code says where an item sits (`A0101` is under `A01`, under `A`); a code
that disagrees with its position misleads every reader and breaks the diff's
recode detection.  The default scheme: level 1 one capital letter, each lower
level two more digits.  A repository can set another in catalogtool.yaml
(`code_scheme: {segments, separator, item_depths}`).

Good::

    - code: A01
      children:
        - {code: A0101, ...}

Bad::

    - code: A01
      children:
        - {code: B0101, ...}     # does not start with A01
"""

from __future__ import annotations

from collections.abc import Iterator

from catalogtool.problems import Finding, Level, Message
from catalogtool.rules.context import DocContext

ID = "code-hierarchy"
LEVEL = Level.ERROR
SCOPE = "document"
KINDS = ("purchase-catalog",)
SOURCE = "财综〔2020〕57号（一至三级目录沿用上级目录，可增设四级）；catalogtool 默认编码规则（可在 catalogtool.yaml 的 code_scheme 中另行规定）"
SUMMARY = Message("下级编码未延续上级编码，或不符合编码规则", "a child's code does not extend its parent's, or does not fit the scheme")
MESSAGES = {
    "prefix": Message("编码 {code} 应以上级目录编码 {parent}{sep} 开头", "code {code} should start with its parent's code {parent}{sep}"),
    "segment": Message("编码 {code} 不符合第 {depth} 级编码规则：上级编码之后应为 {pattern}（例如 {example}）",
                "code {code} does not fit level {depth} of the code scheme: after the parent's code expected {pattern} (e.g. {example})"),
}
_EXAMPLES = {"[A-Z]": "A", "[0-9]{2}": "01", "[0-9]{3}": "001"}


def check(ctx: DocContext) -> Iterator[Finding]:
    scheme = ctx.config.code_scheme
    for node in ctx.nodes:
        code = node.code
        if not isinstance(code, str):
            continue
        pattern = scheme.segment_re(node.depth)
        if pattern is None:
            continue  # deeper than the scheme: catalog-depth reports it
        rest = code
        parent_code = node.parent.code if node.parent is not None else None
        if node.parent is not None:
            if not isinstance(parent_code, str):
                continue
            prefix = parent_code + scheme.separator
            if not code.startswith(prefix):
                yield Finding(ID, "prefix", f"{node.pointer}/code", {"code": code, "parent": parent_code, "sep": scheme.separator})
                continue
            rest = code[len(prefix):]
        if not pattern.fullmatch(rest):
            raw = scheme.segments[node.depth - 1]
            example = (parent_code + scheme.separator if parent_code else "") + _EXAMPLES.get(raw, raw)
            yield Finding(ID, "segment", f"{node.pointer}/code", {"code": code, "depth": node.depth, "pattern": raw, "example": example})
