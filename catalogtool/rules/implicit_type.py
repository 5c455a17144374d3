"""An unquoted value that YAML 1.1 turned into a number, boolean, date or null where text is expected.

Why: YAML reads `0101` as the octal number 65, `NO` as false and `1:20` as 80
(base 60).  The code or name the author typed is then silently something else in
every tool that reads the file.  catalogtool reports it instead of converting.

Good::

    code: "0101"
    name: "NO"

Bad::

    code: 0101      # read as 65
    name: NO        # read as false
    notes: ~        # read as null
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from catalogtool.problems import Finding, Level, Message
from catalogtool.rules.context import DocContext

ID = "implicit-type"
LEVEL = Level.ERROR
SCOPE = "document"
SOURCE = "YAML 1.1 隐式类型（int/bool/float/timestamp，含八进制与六十进制）"
SUMMARY = Message("未加引号的文本被 YAML 读成了数字、布尔值或日期", "unquoted text that YAML reads as a number, boolean or date")
MESSAGES = {
    "number": ("{source} 未加引号，YAML 会把它读成数字 {value}，而这里需要文本；请加引号写成 \"{source}\"",
               "unquoted {source} is read by YAML as the number {value}, but text is expected here; quote it: \"{source}\""),
    "bool": ("{source} 未加引号，YAML 会把它读成布尔值 {value}，而这里需要文本；请加引号写成 \"{source}\"",
             "unquoted {source} is read by YAML as the boolean {value}, but text is expected here; quote it: \"{source}\""),
    "null": ("{source} 未加引号，YAML 会把它读成空值（null），而这里需要文本；请填写内容，或加引号写成 \"{source}\"",
             "unquoted {source} is read by YAML as null (no value), but text is expected here; fill it in, or quote it: \"{source}\""),
    "timestamp": ("{source} 未加引号，YAML 会把它读成日期，而这里需要文本；请加引号写成 \"{source}\"",
                  "unquoted {source} is read by YAML as a date, but text is expected here; quote it: \"{source}\""),
}
_KEY_BY_TAG = {"int": "number", "float": "number", "bool": "bool", "null": "null", "timestamp": "timestamp"}


def check(ctx: DocContext) -> Iterator[Finding]:
    for pointer, tag in ctx.implicit_text.items():
        source = ctx.doc.implicit[pointer].source
        value: Any = ctx.doc.value_at(pointer)
        shown = "true" if value is True else "false" if value is False else value
        yield Finding(ID, _KEY_BY_TAG.get(tag, "number"), pointer, {"source": source, "value": shown})
