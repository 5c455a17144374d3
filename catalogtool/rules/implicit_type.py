"""A value that YAML types as something other than text: an unquoted number, boolean, date
or null where text is expected, or an explicit YAML type tag these documents do not use.

Why: YAML reads `0101` as the octal number 65, `NO` as false and `1:20` as 80
(base 60).  The code or name the author typed is then silently something else in
every tool that reads the file.  catalogtool reports it instead of converting.
Explicit tags (`!!set`, `!!binary`, `!!omap`, `!foo`) are valid YAML, but name types
that catalogtool's documents, and the JSON and spreadsheets made from them, do not
have; a tag on a value that is not of its type (`!!bool 2`) cannot be read at all.
catalogtool reads such a value as written and reports the tag.

Good::

    code: "0101"
    name: "NO"
    providers: [社会组织, 企业]

Bad::

    code: 0101      # read as 65
    name: NO        # read as false
    notes: ~        # read as null
    providers: !!set {社会组织, 企业}
    township: !!bool 2
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from catalogtool.problems import Finding, Level, Message
from catalogtool.rules.context import DocContext
from catalogtool.rules.spec import RuleSpec, Scope, documentation

DOC_ZH = """YAML 把这里的值读成了文本以外的类型：没有加引号的数字、布尔值、日期或空值出现在应当是文本的地方，
或者用了这些文档不使用的 YAML 类型标签。

原因：YAML 会把 `0101` 读成八进制数 65，把 `NO` 读成 false，把 `1:20` 读成 80（六十进制）。
作者写下的编码或名称，在每一个读取这个文件的工具里都悄悄变成了别的东西。catalogtool 不做转换，
而是报告出来。显式类型标签（`!!set`、`!!binary`、`!!omap`、`!foo`）是合法的 YAML，但它们表示的类型
在 catalogtool 的文档以及由文档生成的 JSON 和表格里都没有；标签与值不符时（`!!bool 2`）则根本无法读取。
catalogtool 按写下的原样读取这样的值，并报告这个标签。

正确示例：

    code: "0101"
    name: "NO"
    providers: [社会组织, 企业]

错误示例：

    code: 0101      # 读成 65
    name: NO        # 读成 false
    notes: ~        # 读成空值 null
    providers: !!set {社会组织, 企业}
    township: !!bool 2
"""

ID = "implicit-type"
MESSAGES = {
    "number": Message("{source} 未加引号，YAML 会把它读成数字 {value}，而这里需要文本；请加引号写成 \"{source}\"",
               "unquoted {source} is read by YAML as the number {value}, but text is expected here; quote it: \"{source}\""),
    "bool": Message("{source} 未加引号，YAML 会把它读成布尔值 {value}，而这里需要文本；请加引号写成 \"{source}\"",
             "unquoted {source} is read by YAML as the boolean {value}, but text is expected here; quote it: \"{source}\""),
    "null": Message("{source} 未加引号，YAML 会把它读成空值（null），而这里需要文本；请填写内容，或加引号写成 \"{source}\"",
             "unquoted {source} is read by YAML as null (no value), but text is expected here; fill it in, or quote it: \"{source}\""),
    "timestamp": Message("{source} 未加引号，YAML 会把它读成日期，而这里需要文本；请加引号写成 \"{source}\"",
                  "unquoted {source} is read by YAML as a date, but text is expected here; quote it: \"{source}\""),
    "special": Message("{source} 未加引号，YAML 1.1 会把它读成特殊记号（{tag}），而这里需要文本；请加引号写成 \"{source}\"",
                "unquoted {source} is read by YAML 1.1 as a special marker ({tag}), but text is expected here; quote it: \"{source}\""),
    # Explicit tags, reported by the loader where they are written.
    "tag-type": Message("YAML 类型 {tag} 在目录文件中不使用；请删除“{tag}”，写成{plain_zh}",
                 "the YAML type {tag} is not used in catalog files; remove {tag} and write {plain_en}"),
    "tag-kind": Message("YAML 类型 {tag} 不能用于{node_zh}；请删除“{tag}”",
                 "the YAML type {tag} does not fit {node_en}; remove {tag}"),
    "tag-value": Message("“{value}”不是{type_zh}，不能标为 YAML 类型 {tag}；请删除“{tag}”{fix_zh}",
                  "{value} is not {type_en}, so it cannot be tagged {tag}; remove {tag}{fix_en}"),
    "tag-local": Message("“{tag}”是自定义的 YAML 标签，目录文件不使用；请删除它（如果“!”是文字的一部分，请给整个值加引号）",
                  "{tag} is a custom YAML tag, which catalog files do not use; remove it (quote the whole value if the ! is part of the text)"),
}
_KEY_BY_TAG = {"int": "number", "float": "number", "bool": "bool", "null": "null", "timestamp": "timestamp"}
# What to write instead of a tagged value, by YAML type or else by what the node is.
_PLAIN = {
    "set": Message("普通列表（“- 项”或 [项, 项]）", "a plain list (- item, or [item, item])"),
    "omap": Message("普通映射（键: 值）", "a plain mapping (key: value)"),
    "pairs": Message("普通映射（键: 值）", "a plain mapping (key: value)"),
    "binary": Message("普通文本", "plain text"),
    "scalar": Message("普通文本", "plain text"),
    "seq": Message("普通列表", "a plain list"),
    "map": Message("普通映射（键: 值）", "a plain mapping (key: value)"),
}
_NODE = {"scalar": Message("文本值", "a text value"), "seq": Message("列表", "a list"), "map": Message("映射", "a mapping")}
# type -> (what it is, how to write it)
_TYPE = {
    "int": (Message("整数", "an integer"), Message("", "")),
    "float": (Message("数字", "a number"), Message("", "")),
    "bool": (Message("布尔值", "a boolean"), Message("；布尔值只能写 true 或 false", "; a boolean is true or false")),
    "null": (Message("空值", "null"), Message("；要留空就只写“键:”", "; to leave it empty write only the key")),
    "timestamp": (Message("日期或时间", "a date or time"), Message("；日期请写成 YYYY-MM-DD", "; write a date as YYYY-MM-DD")),
}
_OTHER_TYPE = (Message("该类型", "of that type"), Message("", ""))


def enrich(key: str, args: dict[str, Any]) -> dict[str, Any]:
    if key == "tag-type":
        plain = _PLAIN.get(str(args.get("type")), _PLAIN.get(str(args.get("node")), _PLAIN["scalar"]))
        return {**args, "plain_zh": plain.zh, "plain_en": plain.en}
    if key == "tag-kind":
        node = _NODE.get(str(args.get("node")), _NODE["scalar"])
        return {**args, "node_zh": node.zh, "node_en": node.en}
    if key == "tag-value":
        what, fix = _TYPE.get(str(args.get("type")), _OTHER_TYPE)
        return {**args, "type_zh": what.zh, "type_en": what.en, "fix_zh": fix.zh, "fix_en": fix.en}
    return args


def check(ctx: DocContext) -> Iterator[Finding]:
    for pointer, tag in ctx.implicit_text.items():
        source = ctx.doc.implicit[pointer].source
        value: Any = ctx.doc.value_at(pointer)
        shown = "true" if value is True else "false" if value is False else value
        key = _KEY_BY_TAG.get(tag, "special")
        yield Finding(ID, key, pointer, {"source": source, "value": shown, "tag": f"!!{tag}"})


RULE = RuleSpec(
    id=ID,
    level=Level.ERROR,
    scope=Scope.DOCUMENT,
    summary=Message("未加引号的文本被 YAML 读成了数字、布尔值或日期，或用了文档不使用的 YAML 类型标签",
                    "unquoted text that YAML reads as a number, boolean or date, or a YAML type tag the documents do not use"),
    source=Message(
        "YAML 1.1 隐式类型（int/bool/float/timestamp，含八进制与六十进制）与类型标签（yaml.org/type）",
        "YAML 1.1 implicit types (int, bool, float, timestamp, octal and base 60 included) and type tags "
        "(yaml.org/type)"),
    doc=documentation(DOC_ZH, __doc__),
    messages=MESSAGES,
    check=check,
    enrich=enrich,
)
