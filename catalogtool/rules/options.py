"""The options a rule accepts in catalogtool.yaml: name, type, default and help, declared by the rule.

A rule that reads options lists them in its spec, `RuleSpec(options=(RuleOption(...), ...))`,
as yamllint's rules carry `CONF` and `DEFAULT`.  The configuration is checked
against the declarations (an unknown name or a wrong type is an error at its line,
never a crash in the rule or a silent no-op), a rule sees every declared option
with its default filled in, and `catalogtool rules RULE` lists them.
"""

from __future__ import annotations

import datetime as _dt
import json
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from catalogtool.document import escape_token
from catalogtool.money import exact_enough, in_fen, to_decimal
from catalogtool.problems import Message
from catalogtool.record import Frozen, setfield


class Mismatch(Frozen):
    """Where a configured value first fails its type: a JSON Pointer below the option, what is there,
    whether that is a mapping key, and the type wanted in its place."""

    __slots__ = ("at", "expected", "pointer", "value")
    pointer: str
    value: Any
    expected: OptionType
    at: str

    def __init__(self, pointer: str, value: Any, expected: OptionType, at: str = "value") -> None:
        setfield(self, "pointer", pointer)
        setfield(self, "value", value)
        setfield(self, "expected", expected)
        setfield(self, "at", at)


class OptionType(Frozen):
    """What values an option accepts: a Python type, the type of its elements, and a name for users."""

    __slots__ = ("accepts", "item", "name", "python")
    name: Message
    python: type | tuple[type, ...]
    item: OptionType | None  # every element of a list, every value of a mapping
    accepts: Callable[[Any], bool] | None  # a further condition on the value (an amount above zero)

    def __init__(self, name: Message, python: type | tuple[type, ...], item: OptionType | None = None,
                 accepts: Callable[[Any], bool] | None = None) -> None:
        setfield(self, "name", name)
        setfield(self, "python", python)
        setfield(self, "item", item)
        setfield(self, "accepts", accepts)

    def mismatch(self, value: Any, pointer: str = "") -> Mismatch | None:
        """The first place where `value` is not of this type, or None."""
        if not isinstance(value, self.python) or (isinstance(value, bool) and self.python is not bool):
            return Mismatch(pointer, value, self)
        if self.accepts is not None and not self.accepts(value):
            return Mismatch(pointer, value, self)
        if self.item is None:
            return None
        children: Iterable[tuple[Any, Any]] = ()
        if isinstance(value, list):
            children = enumerate(value)
        elif isinstance(value, dict):
            for key in value:
                if not isinstance(key, str):
                    return Mismatch(f"{pointer}/{escape_token(str(key))}", key, TEXT, "key")
            children = value.items()
        for key, child in children:
            found = self.item.mismatch(child, f"{pointer}/{escape_token(str(key))}")
            if found is not None:
                return found
        return None


TEXT = OptionType(Message("文字", "text"), str)
TEXT_LIST = OptionType(Message("文字列表（如 [培训, 咨询]）", "a list of text (e.g. [a, b])"), list, TEXT)
MONEY = OptionType(Message("大于 0 的金额（元，数字，最多两位小数，如 2000000）",
                           "an amount in yuan above zero (a number with at most two decimals, e.g. 2000000)"),
                   (int, float), accepts=lambda value: _positive_amount(value))
TEXT_LIST_MAP = OptionType(Message("名称到文字列表的映射（如 {goods: [办公用品]}）",
                                   "a mapping of names to lists of text (e.g. {goods: [a, b]})"), dict, TEXT_LIST)


def _positive_amount(value: Any) -> bool:
    """A finite number above zero, in whole fen, that a spreadsheet keeps exactly (no NaN, no 1e+20)."""
    amount = to_decimal(value)
    return amount is not None and amount > 0 and in_fen(amount) and exact_enough(amount)


class RuleOption(Frozen):
    """One option of one rule.  `default` is what the rule sees when the option is not set."""

    __slots__ = ("default", "help", "name", "type")
    name: str
    type: OptionType
    default: Any
    help: Message

    def __init__(self, name: str, type: OptionType, default: Any, help: Message) -> None:
        setfield(self, "name", name)
        setfield(self, "type", type)
        setfield(self, "default", default)
        setfield(self, "help", help)


def with_defaults(declared: Iterable[RuleOption], configured: Mapping[str, Any]) -> dict[str, Any]:
    """Every declared option of a rule: the configured value, else the default."""
    values = {option.name: option.default for option in declared}
    values.update(configured)
    return values


def show_default(value: Any) -> str:
    """A default as it would be written in catalogtool.yaml."""
    return json.dumps(list(value) if isinstance(value, tuple) else value, ensure_ascii=False)


def describe_value(value: Any) -> Message:
    """What a configured value is, in Chinese and English, for a message that says what was expected instead."""
    if value is None:
        return Message("空值", "null")
    if isinstance(value, bool):
        return Message(f"布尔值 {str(value).lower()}", f"the boolean {str(value).lower()}")
    if isinstance(value, int | float):
        shown = str(value) if abs(value) < 10**30 else "（很长的数）"
        return Message(f"数字 {shown}", f"the number {shown}")
    if isinstance(value, str):
        return Message(f"文字“{value[:40]}”", f"the text {value[:40]!r}")
    if isinstance(value, _dt.date):
        return Message(f"日期 {value.isoformat()}", f"the date {value.isoformat()}")
    if isinstance(value, list):
        return Message("列表", "a list")
    if isinstance(value, dict):
        return Message("映射（键: 值）", "a mapping")
    return Message(f"{type(value).__name__} 类型的值", f"a value of type {type(value).__name__}")
