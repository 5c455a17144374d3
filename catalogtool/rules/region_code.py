"""The region code is not a valid GB/T 2260 code (six digits) or township code (nine digits).

Why: the region code ties a document to a county or township; a mistyped code
sends a township the wrong guide.  Checked: the province segment is a real
province, the city segment is in a GB/T 2260 range (00, 01-70, 90), the county
segment likewise (00, 01-99), and a township segment is 001-599 (001-099 街道,
100-199 镇, 200-399 乡, 400-599 other).

Good::

    region: {code: "441803", name: 清远市清新区}

Bad::

    region: {code: "991803", name: 清远市清新区}   # there is no province 99
"""

from __future__ import annotations

from collections.abc import Iterator

from catalogtool.lazy_pattern import compile_later
from catalogtool.problems import Finding, Level, Message
from catalogtool.rules.context import DocContext
from catalogtool.rules.spec import RuleSpec, Scope, documentation

DOC_ZH = """行政区划代码不是有效的 GB/T 2260 代码（六位）或乡镇代码（九位）。

原因：行政区划代码把文档和县、乡镇对应起来；代码写错，乡镇就会拿到别处的指南。检查的内容：
省级两位是确实存在的省份，地市两位在 GB/T 2260 的取值范围内（00、01-70、90），区县两位同样
（00、01-99），乡镇三位在 001-599 之间（001-099 街道，100-199 镇，200-399 乡，400-599 其他）。

正确示例：

    region: {code: "441803", name: 清远市清新区}

错误示例：

    region: {code: "991803", name: 清远市清新区}   # 没有代码为 99 的省份
"""

ID = "region-code"
MESSAGES = {
    "province": Message("行政区划代码 {code} 的前两位 {part} 不是有效的省级代码", "region code {code}: {part} is not a province code"),
    "city": Message("行政区划代码 {code} 的第 3-4 位 {part} 不是有效的地级代码（应为 00、01-70 或 90）", "region code {code}: {part} is not a valid city segment (00, 01-70 or 90)"),
    "county": Message("行政区划代码 {code} 的第 5-6 位 {part} 不是有效的县级代码", "region code {code}: {part} is not a valid county segment"),
    "structure": Message("行政区划代码 {code} 不完整：地级为 00 时县级也应为 00", "region code {code}: the county segment must be 00 when the city segment is 00"),
    "township": Message("乡镇代码 {code} 的第 7-9 位 {part} 应在 001-599 之间（001-099 街道，100-199 镇，200-399 乡）",
                 "township code {code}: {part} must be 001-599"),
}
PROVINCES = frozenset({11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46,
                       50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82})
_SHAPE = compile_later(r"[0-9]{6}(?:[0-9]{3})?")


def problems_of(code: str) -> tuple[str, str] | None:
    """(message key, offending part) for a code of the right shape, or None when it is valid."""
    province, city, county = int(code[0:2]), int(code[2:4]), int(code[4:6])
    if province not in PROVINCES:
        return "province", code[0:2]
    if not (city == 0 or 1 <= city <= 70 or city == 90):
        return "city", code[2:4]
    if city == 0 and county != 0:
        return "structure", code[4:6]
    if county == 0 and len(code) == 9:
        return "county", code[4:6]
    if len(code) == 9 and not 1 <= int(code[6:9]) <= 599:
        return "township", code[6:9]
    return None


def check(ctx: DocContext) -> Iterator[Finding]:
    region = ctx.data.get("region") if isinstance(ctx.data, dict) else None
    code = region.get("code") if isinstance(region, dict) else None
    if not isinstance(code, str) or not _SHAPE.fullmatch(code):
        return  # missing or wrongly shaped: the schema rule says so
    found = problems_of(code)
    if found is not None:
        yield Finding(ID, found[0], "/region/code", {"code": code, "part": found[1]})


RULE = RuleSpec(
    id=ID,
    level=Level.ERROR,
    scope=Scope.DOCUMENT,
    summary=Message("行政区划代码不是有效的 GB/T 2260 代码或乡镇代码", "the region code is not a valid GB/T 2260 or township code"),
    source=Message(
        "GB/T 2260《中华人民共和国行政区划代码》；统计用区划代码（乡镇级 3 位）",
        "GB/T 2260, Codes for the administrative divisions of the People's Republic of China; statistical "
        "division codes (3 digits for a township)"),
    doc=documentation(DOC_ZH, __doc__),
    messages=MESSAGES,
    check=check,
)
