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

import re
from collections.abc import Iterator

from catalogtool.kinds import CATALOG
from catalogtool.problems import Finding, Level, Message
from catalogtool.rules.context import DocContext
from catalogtool.rules.spec import RuleSpec, Scope, documentation

DOC_ZH = """目录编码没有延续上级编码，或不符合编码规则。

原因：编码表明事项所在的位置（`A0101` 在 `A01` 之下，`A01` 在 `A` 之下）；编码与位置不符，
会误导每一位读者，也会妨碍比较时识别重新编码。默认规则：一级目录是一个大写字母，每下一级加两位数字。
仓库可以在 catalogtool.yaml 中另设规则（`code_scheme: {segments, separator, item_depths}`）。

正确示例：

    - code: A01
      children:
        - {code: A0101, ...}

错误示例：

    - code: A01
      children:
        - {code: B0101, ...}     # 没有以 A01 开头
"""

ID = "code-hierarchy"
MESSAGES = {
    "prefix": Message("编码 {code} 应以上级目录编码 {parent}{sep} 开头", "code {code} should start with its parent's code {parent}{sep}"),
    "segment": Message("编码 {code} 不符合第 {depth} 级编码规则：上级编码之后应为 {pattern}（例如 {example}）",
                "code {code} does not fit level {depth} of the code scheme: after the parent's code expected {pattern} (e.g. {example})"),
}
_EXAMPLES = {"[A-Z]": "A", "[0-9]{2}": "01", "[0-9]{3}": "001"}


def check(ctx: DocContext) -> Iterator[Finding]:
    scheme = ctx.config.code_scheme
    patterns: dict[int, re.Pattern[str] | None] = {}  # compiled once per depth, not once per node
    for node in ctx.nodes:
        code = node.code
        if not isinstance(code, str):
            continue
        depth = node.depth
        if depth in patterns:
            pattern = patterns[depth]
        else:
            pattern = patterns[depth] = scheme.segment_re(depth)
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


RULE = RuleSpec(
    id=ID,
    level=Level.ERROR,
    scope=Scope.DOCUMENT,
    kinds=(CATALOG,),
    summary=Message("下级编码未延续上级编码，或不符合编码规则", "a child's code does not extend its parent's, or does not fit the scheme"),
    source=Message(
        "财综〔2020〕57号（一至三级目录沿用上级目录，可增设四级）；catalogtool 默认编码规则（可在 catalogtool.yaml 的 code_scheme 中另行规定）",
        "Ministry of Finance 财综〔2020〕57号 (levels 1-3 follow the higher-level catalog; a level 4 may be "
        "added); catalogtool's default code scheme (another can be set under code_scheme in catalogtool.yaml)"),
    doc=documentation(DOC_ZH, __doc__),
    messages=MESSAGES,
    check=check,
)
