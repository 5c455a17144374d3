"""A yes/no validator for the part of JSON Schema the kinds' schemas use, written as plain Python.

fastjsonschema's code builds an error for every check it might fail and works out
sets of keys for every mapping; catalogtool only asks it "valid?" (jsonschema
explains errors).  This writes a smaller answer: one pass over each mapping's keys,
plain type tests, no sets.  It is sound, not exact: "valid" here means jsonschema
finds no error; "invalid" only means "ask the full validator" (a float where an
integer is wanted, say).  The parts that decide which rules apply (`if`, `not`,
`oneOf`) are written exactly.  A schema with any keyword not handled here is
refused (`Unsupported`) and the full validator is used alone.
tests/test_cold_fast_paths.py compares it with jsonschema on valid and mutated documents.
"""

from __future__ import annotations

from typing import Any

# Keywords that only describe; they never change an answer.
_ANNOTATIONS = frozenset({"title", "description", "examples", "default", "$comment", "$schema", "$defs",
                          "deprecated", "readOnly", "writeOnly"})
_SOUND = frozenset({"type", "const", "enum", "minLength", "maxLength", "pattern", "format", "minimum", "maximum",
                    "exclusiveMinimum", "exclusiveMaximum", "minItems", "maxItems", "uniqueItems", "items",
                    "required", "properties", "additionalProperties", "$ref", "if", "then", "else", "not",
                    "anyOf", "allOf", "oneOf"})
# Written exactly as well (everything a negation or `if` may hold).
_EXACT = frozenset({"type", "const", "enum", "minLength", "maxLength", "pattern", "minimum", "maximum",
                    "exclusiveMinimum", "exclusiveMaximum", "minItems", "maxItems", "items", "required",
                    "properties", "$ref", "not", "anyOf", "allOf", "oneOf"})
# "valid" may only be said of the types jsonschema's checker accepts; plain built-in types suffice.
_SOUND_TYPE = {"string": "type({v}) is str", "integer": "type({v}) is int", "number": "type({v}) in _NUMBERS",
               "boolean": "type({v}) is bool", "null": "{v} is None", "object": "type({v}) is dict",
               "array": "type({v}) is list"}
# jsonschema's own type checks (draft 2020-12), for exact answers and for which keywords apply.
_EXACT_TYPE = {"string": "isinstance({v}, str)", "integer": "_is_integer({v})", "number": "_is_number({v})",
               "boolean": "isinstance({v}, bool)", "null": "{v} is None", "object": "isinstance({v}, dict)",
               "array": "isinstance({v}, list)"}
_FAMILY = {"minLength": "string", "maxLength": "string", "pattern": "string", "format": "string",
           "minimum": "number", "maximum": "number", "exclusiveMinimum": "number", "exclusiveMaximum": "number",
           "minItems": "array", "maxItems": "array", "uniqueItems": "array", "items": "array",
           "required": "object", "properties": "object", "additionalProperties": "object"}
_COMPARE = {"minimum": "<", "maximum": ">", "exclusiveMinimum": "<=", "exclusiveMaximum": ">="}

_PRELUDE = '''\
import re
from datetime import date
from decimal import Decimal
from numbers import Number

_NUMBERS = (int, float, Decimal)
_DAY = re.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _is_integer(v):
    return not isinstance(v, bool) and (isinstance(v, int) or (isinstance(v, float) and v.is_integer()))


def _is_number(v):
    return not isinstance(v, bool) and isinstance(v, Number)


def _date(v):  # stricter than jsonschema's date format, never looser
    if _DAY.fullmatch(v) is None:
        return False
    try:
        date.fromisoformat(v)
    except ValueError:
        return False
    return True
'''


class Unsupported(Exception):
    """The schema uses something this writer does not handle: use the full validator."""


def subset_source(schema: Any) -> str:
    """Python source defining `valid(data) -> bool` for `schema`; raises Unsupported.

    The code expects the formats' checks (`{"date": check}`) as the global `_formats`.
    """
    writer = _Writer(schema)
    entry = writer.function(schema, exact=False, key=("#", False))
    return "\n\n".join([_PRELUDE, *writer.constants, *writer.functions, f"valid = {entry}\n"])


class _Writer:
    def __init__(self, root: Any) -> None:
        self.root = root
        self.names: dict[Any, str] = {}
        self.functions: list[str] = []
        self.constants: list[str] = []
        self.count = 0

    def fresh(self, prefix: str) -> str:
        self.count += 1
        return f"{prefix}{self.count}"

    def constant(self, value: Any) -> str:
        name = self.fresh("_K")
        self.constants.append(f"{name} = {value}")
        return name

    def function(self, schema: Any, exact: bool, key: Any = None) -> str:
        """The name of a function answering for `schema` (written once per $ref and mode)."""
        key = key if key is not None else (id(schema), exact)
        if key in self.names:
            return self.names[key]
        name = self.names[key] = self.fresh("_e" if exact else "_s")
        body = self.body(schema, "v", exact, "    ", None)
        self.functions.append("\n".join([f"def {name}(v):", *body, "    return True"]))
        return name

    def resolve(self, ref: Any) -> Any:
        if not isinstance(ref, str) or not ref.startswith("#"):
            raise Unsupported(ref)
        node = self.root
        for token in [t for t in ref[1:].split("/") if t] if ref != "#" else []:
            token = token.replace("~1", "/").replace("~0", "~")
            if not isinstance(node, dict) or token not in node:
                raise Unsupported(ref)
            node = node[token]
        return node

    def body(self, schema: Any, v: str, exact: bool, ind: str, known: str | None) -> list[str]:
        """Statements that `return False` unless `v` passes `schema` (`known`: v's type, already tested)."""
        if schema is True or schema == {}:
            return []
        if schema is False or (isinstance(schema, dict) and set(schema) == {"not"} and schema["not"] in ({}, True)):
            return [f"{ind}return False"]
        if not isinstance(schema, dict):
            raise Unsupported(schema)
        words = set(schema) - _ANNOTATIONS - ({"$id"} if schema is self.root else set())
        if words - (_EXACT if exact else _SOUND):
            raise Unsupported(sorted(words - (_EXACT if exact else _SOUND)))
        out: list[str] = []
        if "type" in schema:
            names = [schema["type"]] if isinstance(schema["type"], str) else schema["type"]
            if not isinstance(names, list) or not names or any(n not in _SOUND_TYPE for n in names):
                raise Unsupported(names)
            table = _EXACT_TYPE if exact else _SOUND_TYPE
            out.append(f"{ind}if not ({' or '.join(table[n].format(v=v) for n in names)}):")
            out.append(f"{ind}    return False")
            if len(names) == 1:
                known = names[0]
        for family in ("string", "number", "array", "object"):
            words_here = [w for w in schema if _FAMILY.get(w) == family]
            if not words_here:
                continue
            if known is None:
                inner = self.family(schema, family, v, exact, ind + "    ")
                if inner:
                    out += [f"{ind}if {_EXACT_TYPE[family].format(v=v)}:", *inner]
            elif known == family or (known == "integer" and family == "number"):
                out += self.family(schema, family, v, exact, ind)
            # else: the value's type is another, so these keywords do not apply
        out += self.general(schema, v, exact, ind, known)
        return out

    def general(self, schema: dict[str, Any], v: str, exact: bool, ind: str, known: str | None) -> list[str]:
        out: list[str] = []
        if "const" in schema:
            c = schema["const"]
            if (type(c) not in (str, int, bool) and c is not None) or (exact and type(c) is not str):
                raise Unsupported(c)
            if exact:  # jsonschema's equality, for a text
                test = f"{v} == {c!r}"
            else:
                test = f"{v} is None" if c is None else f"type({v}) is {type(c).__name__} and {v} == {c!r}"
            out += [f"{ind}if not ({test}):", f"{ind}    return False"]
        if "enum" in schema:
            values = schema["enum"]
            if not isinstance(values, list) or not all(type(e) is str for e in values):
                raise Unsupported(values)
            name = self.constant(f"frozenset({sorted(values)!r})")
            out += [f"{ind}if not (isinstance({v}, str) and {v} in {name}):", f"{ind}    return False"]
        if "$ref" in schema:
            target = self.resolve(schema["$ref"])
            out += [f"{ind}if not {self.function(target, exact, (schema['$ref'], exact))}({v}):",
                    f"{ind}    return False"]
        for sub in schema.get("allOf", []):
            out += self.body(sub, v, exact, ind, known)
        if "anyOf" in schema:
            calls = " or ".join(f"{self.function(sub, exact)}({v})" for sub in schema["anyOf"])
            out += [f"{ind}if not ({calls}):", f"{ind}    return False"]
        if "oneOf" in schema:
            calls = " + ".join(f"{self.function(sub, True)}({v})" for sub in schema["oneOf"])
            out += [f"{ind}if {calls} != 1:", f"{ind}    return False"]
        if "not" in schema:
            out += [f"{ind}if {self.function(schema['not'], True)}({v}):", f"{ind}    return False"]
        if "if" in schema:
            then = self.body(schema.get("then", True), v, exact, ind + "    ", known) or [f"{ind}    pass"]
            other = self.body(schema.get("else", True), v, exact, ind + "    ", known) or [f"{ind}    pass"]
            condition = schema["if"]
            if known == "object" and isinstance(condition, dict) and set(condition) - _ANNOTATIONS == {"required"} \
                    and _strings(condition["required"]):  # `if: {required: [children]}`, on a mapping
                test = " and ".join(f"{r!r} in {v}" for r in condition["required"]) or "True"
            else:
                test = f"{self.function(condition, True)}({v})"
            out += [f"{ind}if {test}:", *then, f"{ind}else:", *other]
        return out

    def family(self, schema: dict[str, Any], family: str, v: str, exact: bool, ind: str) -> list[str]:
        """The checks of one type's keywords, for a `v` known to be of that type."""
        out: list[str] = []
        if family == "string":
            for word, op in (("minLength", "<"), ("maxLength", ">")):
                if word in schema:
                    out += [f"{ind}if len({v}) {op} {_count(schema[word])}:", f"{ind}    return False"]
            if "pattern" in schema:
                name = self.constant(f"re.compile({schema['pattern']!r}).search")
                out += [f"{ind}if {name}({v}) is None:", f"{ind}    return False"]
            if "format" in schema:
                if schema["format"] != "date":
                    raise Unsupported(schema["format"])
                # jsonschema's date and the caller's own (which the full validator applies)
                out += [f"{ind}if not (_date({v}) and _formats['date']({v})):", f"{ind}    return False"]
        elif family == "number":
            for word, op in _COMPARE.items():
                if word in schema:
                    limit = schema[word]
                    if type(limit) not in (int, float):
                        raise Unsupported(limit)
                    out += [f"{ind}if {v} {op} {limit!r}:", f"{ind}    return False"]
        elif family == "array":
            out += self.array(schema, v, exact, ind)
        else:
            out += self.mapping(schema, v, exact, ind)
        return out

    def array(self, schema: dict[str, Any], v: str, exact: bool, ind: str) -> list[str]:
        out: list[str] = []
        for word, op in (("minItems", "<"), ("maxItems", ">")):
            if word in schema:
                out += [f"{ind}if len({v}) {op} {_count(schema[word])}:", f"{ind}    return False"]
        if schema.get("uniqueItems") is True:  # a set finds repeats jsonschema does too (and 1 == True)
            out += [f"{ind}if len(set({v})) != len({v}):", f"{ind}    return False"]
        elif schema.get("uniqueItems", False) is not False:
            raise Unsupported("uniqueItems")
        if "items" in schema:
            if isinstance(schema["items"], list):
                raise Unsupported("items")
            x = self.fresh("x")
            inner = self.body(schema["items"], x, exact, ind + "    ", None)
            if inner:
                out += [f"{ind}for {x} in {v}:", *inner]
        return out

    def mapping(self, schema: dict[str, Any], v: str, exact: bool, ind: str) -> list[str]:
        out: list[str] = []
        required = schema.get("required", [])
        if not _strings(required):
            raise Unsupported(required)
        if required:
            out += [f"{ind}if {' or '.join(f'{r!r} not in {v}' for r in required)}:", f"{ind}    return False"]
        properties = schema.get("properties", {})
        extra = schema.get("additionalProperties", True)
        if not isinstance(properties, dict):
            raise Unsupported(properties)
        if extra is True:  # only the named keys are looked at
            for key, sub in properties.items():
                x = self.fresh("x")
                inner = self.body(sub, x, exact, ind + "    ", None)
                if inner == [f"{ind}    return False"]:  # `not: {}`: the key must be absent
                    out += [f"{ind}if {key!r} in {v}:", *inner]
                elif inner:
                    out += [f"{ind}if {key!r} in {v}:", f"{ind}    {x} = {v}[{key!r}]", *inner]
            return out
        if exact:
            raise Unsupported("additionalProperties")
        # One pass over the keys: each named key's value checked, any other key checked as extra.
        k, x = self.fresh("k"), self.fresh("x")
        out.append(f"{ind}for {k}, {x} in {v}.items():")
        # Keys whose checks read the same (a catalog node's six texts) share one branch.
        branches: dict[tuple[str, ...], list[str]] = {}
        for key, sub in properties.items():
            branches.setdefault(tuple(self.body(sub, x, exact, ind + "        ", None) or [f"{ind}        pass"]),
                                []).append(key)
        word = "if"
        for lines, keys in sorted(branches.items(), key=lambda branch: -len(branch[1])):
            test = f"{k} == {keys[0]!r}" if len(keys) == 1 else f"{k} in {self.constant(f'frozenset({keys!r})')}"
            out += [f"{ind}    {word} {test}:", *lines]
            word = "elif"
        rest = self.body(extra, x, exact, ind + "        ", None) or [f"{ind}        pass"]
        out += [f"{ind}    else:", *rest] if properties else [f"{ind}    if True:", *rest]
        return out


def _count(value: Any) -> int:
    if type(value) is not int:
        raise Unsupported(value)
    return value


def _strings(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)
