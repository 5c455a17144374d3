"""Hostile YAML documents: the shipped examples, mutated the ways real files go wrong.

Every generator takes a `random.Random`, so one code path serves both the long
campaign (a seeded Random per case, so a case is reproducible from its seed) and the
hypothesis test (`st.randoms()`, so hypothesis can shrink a failure to few mutations).
A mutation returns the new text and a short note of what it did; the notes become
the description of a saved reproducer.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


@dataclass
class HostileDocument:
    """One generated case: the file name it is validated under, its bytes, and how it was made."""

    name: str
    content: bytes
    notes: list[str] = field(default_factory=list)


def base_documents() -> list[tuple[str, str]]:
    """(file name, text) of every shipped example document."""
    found = []
    for path in sorted(EXAMPLES.glob("20*/**/*.yaml")):  # plans/ too
        found.append((path.name, path.read_text(encoding="utf-8")))
    return found


# ------------------------------------------------------------------ odd values

# Valid YAML that is not the text it looks like (YAML 1.1 numbers, booleans, dates, nulls),
# and odd but valid shapes.
_ODD_SCALARS = [
    "0101", "0o17", "0x1F", "0b101", "00", "-0", "+1", "1_000", "1e3", "1.5e400", ".inf", "-.inf",
    ".nan", "NO", "no", "Yes", "on", "OFF", "y", "n", "~", "null", "Null", "NULL", "true", "False",
    "1:20", "190:20:30", "-1:00", "2025-02-30", "2025-13-01", "2025-01-01 25:61:00", "2025-1-1",
    "2025-01-01T00:00:00Z", "0000-00-00", "9999-12-31", "''", '""', "' '", '"\\x00"', '"\\ud800"',
    '"\\U0010FFFF"', "{}", "[]", "[[]]", "{a: {b: {}}}", "[1, a, ~]", "{code: A0101}",
    "A0101 # comment", "<<", "=", "清远市清新区", "　", "\u3000文字\u3000",
]
# Values that break the syntax.
_BROKEN_SCALARS = ["'", '"', "[", "]", "{", "}", "{a: 1", "[1, 2", "&", "*", "!", "|", ">", "|-9", "@x", "`x`",
                   "%x", "? x", ": x", "x: y: z", "#", "!!", "- x"]

_TAGS = [
    "!!set {a, b}", "!!binary aGVsbG8=", "!!binary '!!!'", "!!bool 2", "!!bool yes", "!!int abc",
    "!!int 0101", "!!float abc", "!!float 1", "!!str 0101", "!!null x", "!!timestamp x",
    "!!timestamp 2025-01-01", "!!omap [{a: 1}, {b: 2}]", "!!pairs [{a: 1}]", "!!map [1, 2]",
    "!!seq {a: 1}", "!!merge x", "!!value x", "!!yaml x", "!custom x", "!<tag:example.com,2000:x> y",
    "!!python/object/apply:os.system ['true']", "!!python/name:os.system ''", "!!str", "!!map",
    "!!int", "!!set", "!!binary", "!e!x y",
]


def _huge_int(rnd: random.Random) -> str:
    digits = rnd.choice([20, 400, 4300, 5000, 12000])
    base = rnd.choice(["", "0x", "0o", "0b", "-", "0"])
    alphabet = {"0x": "0123456789abcdef", "0o": "01234567", "0b": "01"}.get(base, "0123456789")
    bulk = random.Random(rnd.getrandbits(32))  # one draw, however many digits (hypothesis stays small)
    return base + bulk.choice(alphabet[1:]) + "".join(bulk.choices(alphabet, k=digits - 1))


def _odd_value(rnd: random.Random, family: str) -> str:
    if family == "tagged":
        return rnd.choice(_TAGS)
    if family == "huge-int":
        return _huge_int(rnd)
    kind = rnd.random()
    if kind < 0.65:
        return rnd.choice(_ODD_SCALARS)
    if kind < 0.78:
        return rnd.choice(_BROKEN_SCALARS)
    if kind < 0.9:
        return _long_text(rnd)
    return rnd.choice(["1.0", "12000.005", "1e-7", "0.1", "-12000", "99999999999999999999.99", "1" * 40])


def _long_text(rnd: random.Random) -> str:
    size = rnd.choice([300, 32767, 32768, 40000, 200_000])
    return rnd.choice(["字", "a", "为老年人提供助餐服务 ", "\\n"]) * (size // 2 + 1)


_STRANGE_CHARS = ["\x00", "\x01", "\x08", "\t", "\x0b", "\x0c", "\r", "\x1b", "\x7f", "\x85", "\xa0",
                  "\u2028", "\u2029", "\ufeff", "\u200b", "\u200d", "\u202e", "\ufffe", "\uffff",
                  "\U0001f600", "\u0301", "\ue000", "：", "，", "＃", "－", "　", "\\", "'", '"', "#",
                  ": ", " #", "&a ", "*a", "!", "%", "@", "`", "|", ">", "{", "}", "[", "]", ","]

_KEY_LINE = re.compile(r"^(?P<indent>\s*(?:-\s+)?)(?P<key>[^\s#:{}\[\],][^:#]*?):(?P<space>\s+)(?P<value>\S.*)$")
_ANY_KEY = re.compile(r"^(?P<indent>\s*(?:-\s+)?)(?P<key>[^\s#:{}\[\],][^:#]*?):(?P<rest>(?:\s.*)?)$")


# ------------------------------------------------------------------ mutations of the text

def _pick_line(rnd: random.Random, lines: list[str], pattern: re.Pattern[str]) -> int | None:
    candidates = [i for i, line in enumerate(lines) if pattern.match(line)]
    return rnd.choice(candidates) if candidates else None


def delete_line(rnd: random.Random, text: str) -> tuple[str, str]:
    lines = text.split("\n")
    i = rnd.randrange(len(lines))
    removed = lines.pop(i)
    return "\n".join(lines), f"deleted line {i + 1} {removed.strip()[:40]!r}"


def duplicate_line(rnd: random.Random, text: str) -> tuple[str, str]:
    lines = text.split("\n")
    i = rnd.randrange(len(lines))
    count = rnd.choice([1, 1, 2, 50])
    lines[i + 1:i + 1] = [lines[i]] * count
    return "\n".join(lines), f"duplicated line {i + 1} ×{count}"


def duplicate_block(rnd: random.Random, text: str) -> tuple[str, str]:
    """Copy a list entry (a `- ` line and the lines indented under it) right after itself."""
    lines = text.split("\n")
    starts = [i for i, line in enumerate(lines) if line.lstrip().startswith("- ")]
    if not starts:
        return text, "no list entry to duplicate"
    i = rnd.choice(starts)
    indent = len(lines[i]) - len(lines[i].lstrip())
    j = i + 1
    while j < len(lines) and (not lines[j].strip() or len(lines[j]) - len(lines[j].lstrip()) > indent):
        j += 1
    lines[j:j] = lines[i:j]
    return "\n".join(lines), f"duplicated the list entry at line {i + 1}"


def swap_lines(rnd: random.Random, text: str) -> tuple[str, str]:
    lines = text.split("\n")
    i, j = rnd.randrange(len(lines)), rnd.randrange(len(lines))
    lines[i], lines[j] = lines[j], lines[i]
    return "\n".join(lines), f"swapped lines {i + 1} and {j + 1}"


def _set_value(rnd: random.Random, text: str, family: str) -> tuple[str, str]:
    """Replace one value, on a `key: value` line or inside a flow mapping `{key: value, …}`."""
    value = _odd_value(rnd, family)
    spots = list(re.finditer(r"(?<=[{,]\s)(\w+): ([^,}\n]+)", text))
    if spots and rnd.random() < 0.3 and "\n" not in value:
        m = rnd.choice(spots)
        return text[:m.start(2)] + value + text[m.end(2):], f"flow value {m.group(1)} = {value[:60]!r}"
    lines = text.split("\n")
    i = _pick_line(rnd, lines, _KEY_LINE)
    if i is None:
        return text, "no key: value line"
    match = _KEY_LINE.match(lines[i])
    assert match
    lines[i] = f"{match['indent']}{match['key']}:{match['space']}{value}"
    return "\n".join(lines), f"line {i + 1}: {match['key'].strip()} = {value[:60]!r}{'…' if len(value) > 60 else ''}"


def odd_scalar(rnd: random.Random, text: str) -> tuple[str, str]:
    """A value YAML 1.1 reads as something else (0101, NO, 1:20), broken syntax, or a long text."""
    return _set_value(rnd, text, "plain")


def tagged_value(rnd: random.Random, text: str) -> tuple[str, str]:
    """A value with an explicit tag: valid (!!set, !!binary), wrong for its value (!!bool 2), or unknown."""
    return _set_value(rnd, text, "tagged")


def huge_int(rnd: random.Random, text: str) -> tuple[str, str]:
    """An integer with thousands of digits, in any base."""
    return _set_value(rnd, text, "huge-int")


def retype_key(rnd: random.Random, text: str) -> tuple[str, str]:
    lines = text.split("\n")
    i = _pick_line(rnd, lines, _ANY_KEY)
    if i is None:
        return text, "no key line"
    match = _ANY_KEY.match(lines[i])
    assert match
    key = match["key"]
    others = [m["key"] for line in lines if (m := _ANY_KEY.match(line))]
    choice = rnd.random()
    if choice < 0.3 and len(key) > 1:
        k = rnd.randrange(len(key))
        new = key[:k] + key[k + 1:]  # a typo: one character lost
    elif choice < 0.55:
        new = rnd.choice(others)  # another key of the document (a duplicate, or a misplaced one)
    elif choice < 0.75:
        new = key.upper() if rnd.random() < 0.5 else key + "_"
    else:
        new = rnd.choice(["0101", "1", "yes", "NO", "~", "null", "1.5", "2025-01-01", "[a, b]", "{a: 1}",
                          "<<", '""', "? x", "&k kind", "*k", "名称", "kind",
                          "code", "items", "categories", "children", "x" * 2000])
    lines[i] = f"{match['indent']}{new}:{match['rest']}"
    return "\n".join(lines), f"line {i + 1}: key {key!r} -> {new[:40]!r}"


def insert_duplicate_key(rnd: random.Random, text: str) -> tuple[str, str]:
    lines = text.split("\n")
    i = _pick_line(rnd, lines, _KEY_LINE)
    if i is None:
        return text, "no key: value line"
    match = _KEY_LINE.match(lines[i])
    assert match
    indent = re.sub(r"-", " ", match["indent"])
    lines.insert(i + 1, f"{indent}{match['key']}: {rnd.choice(_ODD_SCALARS)}")
    return "\n".join(lines), f"line {i + 2}: duplicate key {match['key'].strip()!r}"


def reindent(rnd: random.Random, text: str) -> tuple[str, str]:
    lines = text.split("\n")
    i = rnd.randrange(len(lines))
    choice = rnd.random()
    if choice < 0.4:
        lines[i] = "\t" + lines[i].lstrip(" ") if rnd.random() < 0.5 else lines[i].replace("  ", "\t", 1)
        what = "tab indentation"
    elif choice < 0.7:
        lines[i] = " " + lines[i]
        what = "one more space"
    else:
        lines[i] = lines[i][1:] if lines[i].startswith(" ") else lines[i]
        what = "one space less"
    return "\n".join(lines), f"line {i + 1}: {what}"


def deep_nesting(rnd: random.Random, text: str) -> tuple[str, str]:
    depth = rnd.choice([10, 63, 64, 65, 100, 999, 1000, 1001, 1100, 5000, 20000])
    style = rnd.choice(["flow-sequence", "flow-mapping", "block-sequence", "block-mapping", "mixed"])
    if style == "flow-sequence":
        value = "[" * depth + "1" + "]" * depth
    elif style == "flow-mapping":
        value = "{a: " * depth + "1" + "}" * depth
    elif style == "mixed":
        value = "[{a: " * (depth // 2) + "1" + "}]" * (depth // 2)
    else:
        depth = min(depth, 400)  # block nesting grows quadratically in size
        step = "- " if style == "block-sequence" else "k: "
        value = "\n" + "\n".join("  " * (n + 1) + step.rstrip() + (" " if step == "- " else "") for n in range(depth))
        value += "1" if style == "block-sequence" else " 1"
    unclosed = rnd.random() < 0.1
    if unclosed and style.startswith("flow"):
        value = value[: len(value) - depth // 2]
    return text.rstrip("\n") + f"\nnested: {value}\n", f"{style} nested {depth} deep{' (unclosed)' if unclosed else ''}"


def aliases(rnd: random.Random, text: str) -> tuple[str, str]:
    choice = rnd.random()
    if choice < 0.3:  # a billion laughs, bounded
        levels = rnd.choice([3, 6, 9, 12])
        bomb = ["x0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
        for n in range(1, levels):
            bomb.append(f"x{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * 10) + "]")
        return "\n".join(bomb) + "\n" + text, f"alias bomb, {levels} levels of 10"
    if choice < 0.5:
        return text.rstrip("\n") + "\nnotes: *nowhere\n", "alias to an undefined anchor"
    if choice < 0.65:
        return text.rstrip("\n") + "\nnotes: &self [*self]\n", "an alias inside its own anchor"
    lines = text.split("\n")
    merge = rnd.random() < 0.4
    # The anchor comes first (an alias before its anchor is just undefined); a merge key
    # needs a mapping to merge, such as `region: {code: …, name: …}`.
    anchors = [i for i, line in enumerate(lines) if (m := _KEY_LINE.match(line))
               and (m["value"].startswith("{") or not merge)]
    if not anchors:
        return text, "no value to anchor"
    i = rnd.choice(anchors)
    later = [j for j in range(i + 1, len(lines)) if _KEY_LINE.match(lines[j])]
    if not later:
        return text, "no value after the anchor"
    j = rnd.choice(later)
    mi, mj = _KEY_LINE.match(lines[i]), _KEY_LINE.match(lines[j])
    assert mi and mj
    lines[i] = f"{mi['indent']}{mi['key']}: &v {mi['value']}"
    if not merge:
        lines[j] = f"{mj['indent']}{mj['key']}: *v"
        what = f"line {j + 1} aliases line {i + 1}"
    else:
        indent = re.sub(r"-", " ", mj["indent"])
        lines.insert(j + 1, f"{indent}<<: *v")
        what = f"merge key after line {j + 1} merging line {i + 1}"
    return "\n".join(lines), what


def strange_chars(rnd: random.Random, text: str) -> tuple[str, str]:
    pos = rnd.randrange(len(text) + 1)
    chars = "".join(rnd.choice(_STRANGE_CHARS) for _ in range(rnd.choice([1, 1, 3, 10])))
    return text[:pos] + chars + text[pos:], f"inserted {chars!r} at offset {pos}"


def long_text(rnd: random.Random, text: str) -> tuple[str, str]:
    lines = text.split("\n")
    i = _pick_line(rnd, lines, _KEY_LINE)
    if i is None:
        return text, "no key: value line"
    match = _KEY_LINE.match(lines[i])
    assert match
    value = _long_text(rnd)
    lines[i] = f"{match['indent']}{match['key']}: {value}"
    return "\n".join(lines), f"line {i + 1}: {match['key'].strip()} is {len(value)} characters"


def stream_shape(rnd: random.Random, text: str) -> tuple[str, str]:
    choice = rnd.choice(["second-document", "directive", "tag-directive", "document-end", "empty", "comments",
                         "null-document", "scalar-document", "list-document", "bare-kind", "doc-start"])
    if choice == "second-document":
        return text + "\n---\n" + text, "two documents in the stream"
    if choice == "directive":
        return rnd.choice(["%YAML 1.2\n---\n", "%YAML 1.1\n---\n", "%YAML 2.0\n---\n", "%FOO bar\n---\n"]) + text, "a %YAML directive"
    if choice == "tag-directive":
        return "%TAG ! tag:example.com,2000:\n---\n" + text.replace("kind:", "kind: !x", 1), "a %TAG directive"
    if choice == "document-end":
        return text + "\n...\n", "a document end marker"
    if choice == "empty":
        return "", "an empty file"
    if choice == "comments":
        return "# 只有注释\n# only comments\n", "comments only"
    if choice == "null-document":
        return "~\n", "a null document"
    if choice == "scalar-document":
        return "kind\n", "a scalar document"
    if choice == "list-document":
        return "- kind: purchase-catalog\n", "a list at the top"
    if choice == "bare-kind":
        return "kind: purchase-catalog\n", "only a kind"
    return "--- " + text, "a document start marker with content on its line"


def truncate(rnd: random.Random, text: str) -> tuple[str, str]:
    cut = rnd.randrange(len(text) + 1)
    return text[:cut], f"cut at character {cut}"


# ------------------------------------------------------------------ mutations of the data

def _paths(node: Any, prefix: tuple[Any, ...] = (), budget: list[int] | None = None) -> list[tuple[Any, ...]]:
    """Paths to the nodes of a data tree: at most 20,000 and 50 deep (aliases can make it huge)."""
    budget = budget if budget is not None else [20_000]
    budget[0] -= 1
    found = [prefix]
    if budget[0] <= 0 or len(prefix) >= 50:
        return found
    children = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for key, value in children:
        if budget[0] <= 0:
            break
        found += _paths(value, (*prefix, key), budget)
    return found


def _replacement(rnd: random.Random, old: Any) -> Any:
    return rnd.choice([
        None, True, False, 0, -1, 65, 10**30, 1.5, float("inf"), "", " ", "0101", "NO", "1:20",
        [], {}, [old], {"x": old}, str(old), [1, "a", None], {"code": 1}, "字" * 40000,
        rnd.randint(-10**6, 10**6),
    ])


def data_mutation(rnd: random.Random, text: str) -> tuple[str, str]:
    """Parse, change the data tree (delete, duplicate or retype a node), and dump it back.
    With libyaml where PyYAML has it: the pure-Python parser made this a third of a case's time."""
    try:
        data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except Exception:  # PyYAML's constructors raise more than YAMLError on hostile input
        return text, "not parseable; data mutation skipped"
    try:
        return _mutate_data(rnd, data, text)
    except RecursionError:  # libyaml builds nesting that str() and the dumper cannot walk
        return text, "nested too deeply; data mutation skipped"
    except ValueError:  # str() of an integer of more than 4,300 digits (Python's conversion limit)
        return text, "a value str() refuses; data mutation skipped"


def _mutate_data(rnd: random.Random, data: Any, text: str) -> tuple[str, str]:
    if not isinstance(data, (dict, list)):
        return text, "not a collection; data mutation skipped"
    paths = _paths(data)[1:]
    if not paths:
        return text, "empty document; data mutation skipped"
    path = rnd.choice(paths)
    parent = data
    for step in path[:-1]:
        parent = parent[step]
    last = path[-1]
    action = rnd.choice(["delete", "duplicate", "retype", "retype", "swap-kind"])
    where = "/".join(str(p) for p in path)
    if action == "delete":
        del parent[last]
    elif action == "duplicate" and isinstance(parent, list):
        parent.insert(last, parent[last])
        where += " (aliased copy)" if rnd.random() < 0.5 else ""
    elif action == "swap-kind" and isinstance(data, dict):
        data["kind"] = rnd.choice(["purchase-catalog", "access-list", "assistance-list", "purchase-plan",
                                   "catalog", "", None, 1, ["access-list"]])
        where = "kind"
    else:
        parent[last] = _replacement(rnd, parent[last])
        action = "retype"
    try:
        dumped = yaml.dump(data, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper), allow_unicode=True, sort_keys=rnd.random() < 0.3,
                                default_flow_style=rnd.choice([False, None]), width=rnd.choice([80, 10**6]))
    except Exception:
        return text, "not dumpable; data mutation skipped"
    return dumped, f"data: {action} {where}"


# ------------------------------------------------------------------ bytes

def encode(rnd: random.Random, text: str) -> tuple[bytes, str]:
    """The final bytes: UTF-8 mostly, sometimes another encoding or broken bytes."""
    choice = rnd.random()
    if choice < 0.88:
        return text.encode("utf-8", "surrogatepass"), "utf-8"
    if choice < 0.92:
        encoding = rnd.choice(["gbk", "gb18030", "big5", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-8-sig",
                               "latin-1", "shift_jis"])
        return text.encode(encoding, "replace"), encoding
    content = text.encode("utf-8", "surrogatepass")
    choice = rnd.random()
    if choice < 0.25:
        return content.replace(b"\n", b"\r\n"), "CRLF line ends"
    if choice < 0.35:
        return content.replace(b"\n", b"\r"), "CR line ends"
    if choice < 0.55:
        cut = rnd.randrange(len(content) + 1)
        return content[:cut], f"bytes cut at {cut}"
    pos = rnd.randrange(len(content) + 1)
    junk = rnd.choice([b"\xff", b"\xfe\xff", b"\xc3", b"\xed\xa0\x80", b"\x00", b"\xef\xbb\xbf", b"\x80\x80",
                       b"\xf4\x90\x80\x80", b"\xc0\xaf", bytes(range(256))])
    return content[:pos] + junk + content[pos:], f"bytes {junk[:8]!r} at {pos}"


TEXT_MUTATIONS: dict[str, Callable[[random.Random, str], tuple[str, str]]] = {
    "delete-line": delete_line,
    "duplicate-line": duplicate_line,
    "duplicate-block": duplicate_block,
    "swap-lines": swap_lines,
    "odd-scalar": odd_scalar,
    "tagged-value": tagged_value,
    "huge-int": huge_int,
    "retype-key": retype_key,
    "duplicate-key": insert_duplicate_key,
    "reindent": reindent,
    "deep-nesting": deep_nesting,
    "aliases": aliases,
    "strange-chars": strange_chars,
    "long-text": long_text,
    "stream-shape": stream_shape,
    "truncate": truncate,
    "data": data_mutation,
}
# How often each is drawn (default 1): the ones that keep the document readable, so that
# the rules get to see it, more often than the ones that break the syntax.
WEIGHTS = {"odd-scalar": 6, "data": 8, "tagged-value": 3, "huge-int": 1, "retype-key": 3, "duplicate-key": 2,
           "duplicate-block": 2, "strange-chars": 2, "aliases": 2, "truncate": 0.5, "swap-lines": 0.5,
           "stream-shape": 0.5, "reindent": 0.5}


def hostile_document(rnd: random.Random, *, skip: frozenset[str] = frozenset(),
                     bases: list[tuple[str, str]] | None = None) -> HostileDocument:
    """One example document with one to four mutations; `skip` names mutations not to draw."""
    name, text = rnd.choice(bases or _bases())
    names = [n for n in TEXT_MUTATIONS if n not in skip]
    weights = [WEIGHTS.get(n, 1) for n in names]
    notes = [f"base {name}"]
    for _ in range(rnd.choice([1, 1, 2, 2, 3, 4])):
        mutation = rnd.choices(names, weights)[0]
        text, note = TEXT_MUTATIONS[mutation](rnd, text)
        notes.append(f"{mutation}: {note}")
    content, how = encode(rnd, text)
    if how != "utf-8":
        notes.append(f"encoding: {how}")
    return HostileDocument(rnd.choice([name, name, "document.yaml", "清单.yml"]), content, notes)


_CACHE: list[list[tuple[str, str]]] = []


def _bases() -> list[tuple[str, str]]:
    if not _CACHE:
        _CACHE.append(base_documents())
    return _CACHE[0]
