"""The document breaks its kind's JSON Schema: a missing or unknown key, a wrong type, a value
outside the allowed list or pattern.

Why: the schema is the shape every other tool (editors, diff, export) relies on.
Unknown keys are usually typos, so the message suggests the nearest known key.
The schemas are in `schemas/` (`catalogtool schema KIND` prints one).

Good::

    providers: [社会组织, 企业]

Bad::

    contnet: 为老年人提供助餐服务     # unknown key: did you mean content?
    providers: [公司]                 # not an allowed provider type
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from typing import Any

from catalogtool.document import escape_token, join_pointer
from catalogtool.lazy_pattern import compile_later
from catalogtool.money import MAX_DIGITS, plain, significant_digits
from catalogtool.problems import Finding, Level, Message
from catalogtool.rules.context import DocContext
from catalogtool.rules.spec import RuleSpec, Scope, documentation

DOC_ZH = """文档不符合其类型的 JSON Schema：缺少字段或有未知字段、类型不对、取值不在允许的范围内或不符合格式。

原因：Schema 规定了文档的结构，编辑器、比较和导出都依赖它。未知字段多半是拼写错误，
所以提示会给出最接近的已知字段。各类文档的 Schema 可以用 `catalogtool schema 类型` 打印出来。

正确示例：

    providers: [社会组织, 企业]

错误示例：

    contnet: 为老年人提供助餐服务     # 未知字段：是否想写 content？
    providers: [公司]                 # 不是允许的承接主体类型
"""

ID = "schema"
MESSAGES = {
    "required": Message("缺少必填字段 {field}", "required field {field_en} is missing"),
    "unknown-key": Message("未知字段 {key}{hint_zh}", "unknown field {key}{hint_en}"),
    "type": Message("{field}{sp}应为{expected}，实为{actual}", "{field_en} should be {expected_en}, not {actual_en}"),
    "number-text": Message("{field}{sp}应为数字，实为文本 {value}；请写成 {number}（不加引号、逗号、货币符号和单位）",
                           "{field_en} should be a number, not the text {value}; write {number} (no quotes, commas, "
                           "currency signs or units)"),
    "enum": Message("{field}{sp}的值“{value}”不在允许范围内{hint_zh}；可选：{options}", "{field_en}: {value} is not allowed{hint_en}; choose one of: {options}"),
    "const": Message("{field}{sp}应为 {expected}，实为 {value}", "{field_en} must be {expected}, not {value}"),
    "book-marks": Message("{field}{sp}不要带书名号《》，请写成“{fixed}”", "{field_en}: write the title without 《》: {fixed}"),
    "pattern": Message("{field}{sp}的值“{value}”格式不正确{hint_zh}", "{field_en}: {value} is not in the expected format{hint_en}"),
    "date": Message("{field}{sp}的值“{value}”不是有效日期；请写成 YYYY-MM-DD，例如 2025-01-10", "{field_en}: {value} is not a valid date; write YYYY-MM-DD, e.g. 2025-01-10"),
    "empty-list": Message("{field}{sp}不能为空列表", "{field_en} must not be an empty list"),
    "empty-text": Message("{field}{sp}不能为空", "{field_en} must not be empty"),
    "min-items": Message("{field}{sp}至少需要 {limit} 项", "{field_en} needs at least {limit} entries"),
    "minimum": Message("{field}{sp}不能小于 {limit}（实为 {value}）", "{field_en} must be at least {limit} (is {value})"),
    "maximum": Message("{field}{sp}不能大于 {limit}（实为 {value}）", "{field_en} must be at most {limit} (is {value})"),
    "unique": Message("{field}{sp}中有重复的项", "{field_en} has repeated entries"),
    "directory-field": Message("有 children 的是目录，不应填写 {field}；服务事项的字段只能写在末级事项上",
                        "a node with children is a directory and must not have {field_en}; item fields belong on the leaf items"),
    "other": Message("{field}{sp}不符合要求：{detail}", "{field_en} is invalid: {detail}"),
}

def enrich(key: str, args: dict[str, Any]) -> dict[str, Any]:
    """Chinese puts no space between a field's Chinese label and the next word, but one after a Latin name."""
    field = str(args.get("field", ""))
    return {**args, "sp": "" if field and not field[-1].isascii() else " "}


_TYPE_ZH = {"string": "文本", "integer": "整数", "number": "数字", "boolean": "布尔值（true 或 false）",
            "array": "列表", "object": "映射（键: 值）", "null": "空值"}
_TYPE_EN = {"string": "text", "integer": "an integer", "number": "a number", "boolean": "a boolean (true or false)",
            "array": "a list", "object": "a mapping", "null": "empty"}
_PATTERN_HINTS = {
    "^[0-9]{6}([0-9]{3})?$": Message("，应为 6 位县级代码或 9 位乡镇代码，如 \"441803\"", ", expected a 6-digit county code or 9-digit township code, e.g. \"441803\""),
    "^[0-9]{4}-[0-9]{2}-[0-9]{2}$": Message("，应写成 YYYY-MM-DD", ", expected YYYY-MM-DD"),
}
_REQUIRED_RE = compile_later(r"^(.+) is a required property$")


def check(ctx: DocContext) -> Iterator[Finding]:
    if ctx.kind_spec is None:
        return
    skip = ctx.implicit_text
    findings: list[Finding] = []
    suggested: dict[str, set[str]] = {}
    errors = ctx.schema_errors
    # A date such as 20250220 breaks both the pattern and the date format: say it once.
    bad_formats = {_pointer(e) for e in errors if e.validator == "format"}
    for error in errors:
        pointer = _pointer(error)
        if error.validator == "type" and pointer in skip:
            continue  # reported by implicit-type, with the spelling the author wrote
        if error.validator == "pattern" and pointer in bad_formats:
            continue
        for finding in describe_error(error, ctx.kind_spec.schema, ctx.data):
            findings.append(finding)
            if finding.key == "unknown-key" and finding.args.get("suggestion"):
                suggested.setdefault(pointer, set()).add(finding.args["suggestion"])
    for finding in findings:
        # A typo such as `contnet` already says "did you mean content?"; do not also say
        # that content is missing.
        if finding.key == "required" and finding.args.get("name") in suggested.get(finding.pointer, ()):
            continue
        yield finding


def _pointer(error: Any) -> str:
    pointer = ""
    for token in error.absolute_path:
        pointer = join_pointer(pointer, token)
    return pointer


def _label(root: str, pointer: str, name: str | None = None) -> tuple[str, str]:
    """A field's name for messages: `content（服务内容）` in Chinese, `content` in English."""
    from catalogtool.schemas import load_schema, subschema_at

    if name is None:
        name = pointer.rsplit("/", 1)[-1] if pointer else "文档"
        target = pointer
    else:
        target = join_pointer(pointer, name)
    name_en = name
    if name.isdigit():
        parent = target.rsplit("/", 2)
        if len(parent) >= 2:
            item = Message(f"{parent[-2]} 第 {int(name) + 1} 项", f"{parent[-2]} item {int(name) + 1}")
            name, name_en = item.zh, item.en
    schema = load_schema(root)
    title = _own_title(schema, target)
    if title is None:
        sub = subschema_at(schema, target)
        title = sub.get("title") if sub else None
    return (f"{name}（{title}）" if title else name), name_en


def _own_title(schema: dict[str, Any], target: str) -> str | None:
    """The title written next to a property's `$ref` (`effective` is 施行日期, not the shared 日期)."""
    from catalogtool.document import split_pointer
    from catalogtool.schemas import subschema_at

    tokens = split_pointer(target)
    if not tokens:
        return None
    parent = subschema_at(schema, "".join(f"/{escape_token(t)}" for t in tokens[:-1]))
    props = parent.get("properties") if parent else None
    own = props.get(tokens[-1]) if isinstance(props, dict) else None
    title = own.get("title") if isinstance(own, dict) else None
    return title if isinstance(title, str) else None


def _value(instance: Any) -> str:
    if instance is True:
        return "true"
    if instance is False:
        return "false"
    if instance is None:
        return "空值"
    return str(instance)


_NUMBER_TEXT = compile_later(r"[¥￥]?\s*(?P<digits>[0-9][0-9,，]*(?:\.[0-9]+)?)\s*(?P<wan>万)?\s*元?")


def _number_in_text(instance: Any) -> str | None:
    """The plain number a text such as "216000", "¥216,000", "21.6万" or "3600元" stands for, or None."""
    if not isinstance(instance, str) or len(instance) > 40:
        return None
    match = _NUMBER_TEXT.fullmatch(instance.strip())
    if match is None:
        return None
    try:
        number = Decimal(match["digits"].replace(",", "").replace("，", ""))
    except InvalidOperation:
        return None
    if match["wan"]:
        number = number.scaleb(4)
    if significant_digits(number) > MAX_DIGITS:
        return None  # no plain number to suggest: the amount rules say why
    return plain(number)


def _type_name(instance: Any) -> str:
    if isinstance(instance, bool):
        return "boolean"
    if isinstance(instance, int):
        return "integer"
    if isinstance(instance, float):
        return "number"
    if isinstance(instance, str):
        return "string"
    if isinstance(instance, list):
        return "array"
    if isinstance(instance, dict):
        return "object"
    return "null"


def describe_error(error: Any, root: str, data: Any) -> list[Finding]:
    """Turn one jsonschema error into findings with plain-language messages (also used for the config)."""
    pointer = _pointer(error)
    validator = error.validator
    field, field_en = _label(root, pointer)
    base = {"field": field, "field_en": field_en}
    instance = error.instance
    if validator == "required":
        match = _REQUIRED_RE.match(error.message)
        try:
            import ast  # a `required` error only: not at start-up

            name = ast.literal_eval(match.group(1)) if match else str(error.message)
        except (ValueError, SyntaxError):
            name = str(error.message)
        label, label_en = _label(root, pointer, str(name))
        return [Finding(ID, "required", pointer, {"field": label, "field_en": label_en, "name": name}, at="key")]
    if validator == "additionalProperties":
        allowed = list((error.schema.get("properties") or {}).keys())
        extras = [key for key in instance if key not in allowed] if isinstance(instance, dict) else []
        out = []
        import difflib  # only when something is misspelt: not at start-up

        for key in extras:
            close = difflib.get_close_matches(str(key), allowed, n=1, cutoff=0.6)
            hint_zh = f"；是否想写 {close[0]}？" if close else (f"；允许的字段：{'、'.join(allowed)}" if len(allowed) <= 12 else "")
            hint_en = f"; did you mean {close[0]}?" if close else (f"; allowed: {', '.join(allowed)}" if len(allowed) <= 12 else "")
            out.append(Finding(ID, "unknown-key", join_pointer(pointer, key), {
                "key": key, "hint_zh": hint_zh, "hint_en": hint_en, "suggestion": close[0] if close else ""}, at="key"))
        return out
    if validator == "type":
        raw = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        expected = [str(t) for t in raw]
        number = _number_in_text(instance) if {"number", "integer"} & set(expected) else None
        if number is not None:
            return [Finding(ID, "number-text", pointer, {**base, "value": _value(instance), "number": number})]
        actual = _type_name(instance)
        return [Finding(ID, "type", pointer, {**base,
                        "expected": "或".join(_TYPE_ZH.get(t, t) for t in expected),
                        "expected_en": " or ".join(_TYPE_EN.get(t, t) for t in expected),
                        "actual": f"{_TYPE_ZH.get(actual, actual)}{'' if instance is None else ' ' + _value(instance)}",
                        "actual_en": f"{_TYPE_EN.get(actual, actual)}{'' if instance is None else ' ' + _value(instance)}"})]
    if validator == "enum":
        from catalogtool.textnorm import normalize_name

        options = [str(o) for o in error.validator_value]
        same = [o for o in options if isinstance(instance, str) and normalize_name(o) == normalize_name(instance)]
        import difflib  # only when something is misspelt: not at start-up
        close = same or difflib.get_close_matches(str(instance), options, n=1, cutoff=0.5)
        return [Finding(ID, "enum", pointer, {**base, "value": _value(instance), "options": "、".join(options),
                        "hint_zh": f"（是否想写“{close[0]}”？）" if close else "",
                        "hint_en": f" (did you mean {close[0]}?)" if close else ""})]
    if validator == "const":
        return [Finding(ID, "const", pointer, {**base, "expected": _value(error.validator_value), "value": _value(instance)})]
    if validator == "pattern":
        pattern = str(error.validator_value)
        if "《" in pattern and isinstance(instance, str):
            return [Finding(ID, "book-marks", pointer, {**base, "fixed": instance.replace("《", "").replace("》", "")})]
        hint = _PATTERN_HINTS.get(pattern, Message("", ""))
        if pointer.endswith("/rules"):  # a badly spelt rule id in the configuration
            return [Finding(ID, "pattern", join_pointer(pointer, str(instance)), {**base, "value": _value(instance),
                            "hint_zh": "；规则名由小写字母、数字和连字符组成", "hint_en": "; rule ids are lower-case words joined by hyphens"}, at="key")]
        return [Finding(ID, "pattern", pointer, {**base, "value": _value(instance), "hint_zh": hint.zh, "hint_en": hint.en})]
    if validator == "format":
        return [Finding(ID, "date" if error.validator_value == "date" else "pattern", pointer,
                        {**base, "value": _value(instance), "hint_zh": "", "hint_en": ""})]
    if validator == "minItems":
        key = "empty-list" if error.validator_value == 1 else "min-items"
        return [Finding(ID, key, pointer, {**base, "limit": error.validator_value})]
    if validator == "minLength":
        return [Finding(ID, "empty-text", pointer, base)]
    if validator in ("minimum", "exclusiveMinimum"):
        return [Finding(ID, "minimum", pointer, {**base, "limit": error.validator_value, "value": _value(instance)})]
    if validator in ("maximum", "exclusiveMaximum"):
        return [Finding(ID, "maximum", pointer, {**base, "limit": error.validator_value, "value": _value(instance)})]
    if validator == "uniqueItems":
        return [Finding(ID, "unique", pointer, base)]
    if validator in ("anyOf", "oneOf") and error.context:
        # "not valid under any of the given schemas" helps nobody: explain the closest alternative.
        from jsonschema.exceptions import best_match

        # A branch that fails on type is simply another form; prefer one that fits the form written.
        fitting = [e for e in error.context if e.validator != "type"] or list(error.context)
        return describe_error(best_match(fitting), root, data)
    if validator == "not":
        return [Finding(ID, "directory-field", pointer, base, at="key")]
    return [Finding(ID, "other", pointer, {**base, "detail": error.message})]


RULE = RuleSpec(
    id=ID,
    level=Level.ERROR,
    scope=Scope.DOCUMENT,
    summary=Message("不符合文档类型的 JSON Schema：缺少或多余的字段、类型错误、取值不在允许范围",
                    "JSON Schema violation: missing or unknown key, wrong type, bad value"),
    source=Message("各类文件的 JSON Schema 2020-12（catalogtool schema 命令可输出）",
                   "the JSON Schema 2020-12 of each kind of file (printed by catalogtool schema)"),
    doc=documentation(DOC_ZH, __doc__),
    messages=MESSAGES,
    check=check,
    enrich=enrich,
)
