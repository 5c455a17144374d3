"""Property tests: random documents of each kind, random edit scripts, and the diff must report exactly the edits.

Texts come from a deterministic generator rather than from hypothesis: hypothesis
likes to shrink strings to "一一一一", and two such items *are* the same item to the
recode detector.  Structure and choice of edits are hypothesis draws.
"""

from __future__ import annotations

import copy
import random
from collections import Counter
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from catalogtool.diff.apply import apply, normalize
from catalogtool.diff.changes import Change
from catalogtool.diff.core import compare

PROVIDERS = ["企业", "社会组织", "事业单位", "农村集体经济组织", "基层群众性自治组织", "个人"]
SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])

Expected = Counter[tuple[str, str, str, frozenset[str]]]


class Texts:
    """Fresh random Chinese text on every call; deterministic per example."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, low: int, high: int) -> str:
        self.count += 1
        rnd = random.Random(self.count * 7919)
        return "".join(chr(0x4E00 + rnd.randrange(0x51A5)) for _ in range(rnd.randint(low, high)))


def header(kind: str, text: Texts) -> dict[str, Any]:
    return {"kind": kind, "schema": 1, "title": text(8, 14), "region": {"code": "441803", "name": "清远市清新区"},
            "year": 2024, "issuer": text(6, 10)}


def catalog_item(draw: Any, text: Texts, code: str) -> dict[str, Any]:
    out = {"code": code, "name": text(4, 10), "content": text(15, 40), "township": draw(st.booleans()),
           "providers": draw(st.lists(st.sampled_from(PROVIDERS), min_size=1, max_size=3, unique=True))}
    if draw(st.booleans()):
        out["basis"] = [{"level": "行政法规", "title": text(5, 9), "article": "第十条"}]
    return out


def list_item(draw: Any, text: Texts, kind: str, code: str) -> dict[str, Any]:
    out: dict[str, Any] = {"code": code, "name": text(4, 10), "category": text(2, 4), "content": text(15, 40),
                           "department": text(5, 8), "basis": [{"level": "法律", "title": text(5, 9)}]}
    if kind == "access-list":
        out |= {"term": draw(st.sampled_from(["长期", "临时"])),
                "funding": {"required": True, "source": text(4, 8), "amount": draw(st.integers(1, 50)) * 1000},
                "premises_required": False, "staff_required": False}
    else:
        out |= {"guidance": text(10, 20), "funding": {"source": text(4, 8), "amount": draw(st.integers(1, 50)) * 500},
                "evaluation": "年终双向评估"}
    return out


# --------------------------------------------------------------------------- field edits


def edit_fields(draw: Any, text: Texts, entry: dict[str, Any], section: str, *, identity_safe: bool) -> set[str]:
    """Change some fields of `entry` in place; returns the names the diff must report.

    With `identity_safe` the edits keep the entry recognisable (a recode): no new
    name, at most one character appended to the content.
    """
    if section == "excluded":
        options = ["reason"] if identity_safe else ["reason", "name"]
    elif section == "categories":
        options = ["name", "description"]
    else:
        options = ["content_tweak", "notes"]
        options += [k for k in ("township", "providers", "basis", "term", "funding.amount", "funding.source",
                                "guidance", "purchase_ref") if k.split(".")[0] in entry or k == "purchase_ref"]
        if not identity_safe:
            options += ["content", "name"]
    chosen = draw(st.lists(st.sampled_from(options), min_size=0 if identity_safe else 1, max_size=3, unique=True))
    names: set[str] = set()
    for option in chosen:
        if option == "content_tweak":
            entry["content"] += text(1, 1)
            names.add("content")
        elif option in ("content", "name", "guidance"):
            entry[option] = text(6, 30)
            names.add(option)
        elif option == "reason":
            entry["reason"] = entry.get("reason", "") + text(1, 1) if identity_safe else text(8, 20)
            names.add("reason")
        elif option == "description":
            entry["description"] = text(8, 20)
            names.add("description")
        elif option == "notes":
            if "notes" in entry:
                del entry["notes"]
            else:
                entry["notes"] = text(5, 10)
            names.add("notes")
        elif option == "township":
            entry["township"] = not entry["township"]
            names.add("township")
        elif option == "providers":
            others = [p for p in PROVIDERS if p not in entry["providers"]]
            entry["providers"] = [*entry["providers"], draw(st.sampled_from(others))]
            names.add("providers")
        elif option == "basis":
            entry["basis"] = [*entry.get("basis", []), {"level": "地方性法规", "title": text(5, 9)}]
            names.add("basis")
        elif option == "term":
            entry["term"] = "临时" if entry["term"] == "长期" else "长期"
            names.add("term")
        elif option == "funding.amount":
            entry["funding"]["amount"] += 100
            names.add("funding.amount")
        elif option == "funding.source":
            entry["funding"]["source"] = text(4, 8)
            names.add("funding.source")
        elif option == "purchase_ref":
            if "purchase_ref" in entry:
                del entry["purchase_ref"]
            else:
                entry["purchase_ref"] = "A0101"
            names.add("purchase_ref")
    return names


# --------------------------------------------------------------------------- scenarios

OPS = ["keep", "keep", "remove", "change", "recode"]


@st.composite
def catalog_scenario(draw: Any) -> tuple[dict[str, Any], dict[str, Any], Expected]:
    text = Texts()
    old = header("purchase-catalog", text)
    old["categories"] = []
    for letter in "AB"[: draw(st.integers(1, 2))]:
        level2 = []
        for j in range(1, draw(st.integers(1, 3)) + 1):
            code2 = f"{letter}{j:02}"
            children = []
            for k in range(1, draw(st.integers(0, 4)) + 1):
                code3 = f"{code2}{k:02}"
                if draw(st.integers(0, 3)) == 0:
                    leaves = [catalog_item(draw, text, f"{code3}{m:02}") for m in range(1, draw(st.integers(1, 2)) + 1)]
                    children.append({"code": code3, "name": text(4, 8), "children": leaves})
                else:
                    children.append(catalog_item(draw, text, code3))
            level2.append({"code": code2, "name": text(4, 8), "description": text(8, 16), "children": children})
        old["categories"].append({"code": letter, "name": text(4, 6), "children": level2})

    new = copy.deepcopy(old)
    expected: Expected = Counter()
    dirs2 = [d for top in new["categories"] for d in top["children"]]
    used = {n for n in _codes(old)}
    free: dict[str, int] = {d["code"]: 50 for d in dirs2}

    def fresh_code(parent: dict[str, Any]) -> str:
        while True:
            free[parent["code"]] += 1
            code = f"{parent['code']}{free[parent['code']]:02}"
            if code not in used:
                used.add(code)
                return code

    leaves = [(parent, child) for parent, child in _leaves(new)]
    for parent, leaf in leaves:
        op = draw(st.sampled_from(OPS))
        if op == "remove":
            parent["children"].remove(leaf)
            expected[("removed", "items", leaf["code"], frozenset())] += 1
        elif op == "change":
            fields = edit_fields(draw, text, leaf, "items", identity_safe=False)
            expected[("changed", "items", leaf["code"], frozenset(fields))] += 1
        elif op == "recode":
            target = draw(st.sampled_from(dirs2))
            fields = edit_fields(draw, text, leaf, "items", identity_safe=True)
            old_code = leaf["code"]
            leaf["code"] = fresh_code(target)
            parent["children"].remove(leaf)
            target["children"].append(leaf)
            expected[("recoded", "items", f"{old_code}>{leaf['code']}", frozenset(fields))] += 1
    for target in draw(st.lists(st.sampled_from(dirs2), max_size=3)):
        added = catalog_item(draw, text, fresh_code(target))
        target["children"].append(added)
        expected[("added", "items", added["code"], frozenset())] += 1
    for directory in draw(st.lists(st.sampled_from(dirs2), max_size=2, unique_by=id)):
        fields = edit_fields(draw, text, directory, "categories", identity_safe=False)
        expected[("changed", "categories", directory["code"], frozenset(fields))] += 1
    if draw(st.booleans()):
        _renumber_directory(draw, new, dirs2, expected, used)
    _edit_header(draw, text, new, expected)
    _shuffle(draw, new)
    return old, new, expected


def _renumber_directory(draw: Any, new: dict[str, Any], dirs2: list[dict[str, Any]], expected: Expected,
                        used: set[str]) -> None:
    """Give an untouched level-2 directory a new number: it and everything under it are recoded."""
    touched = {part for key in expected for part in key[2].split(">")}
    untouched = [d for d in dirs2 if not ({d["code"], *_codes({"categories": d["children"]})} & touched)]
    if not untouched:
        return
    directory = draw(st.sampled_from(untouched))
    old_prefix = directory["code"]
    number = 60
    while f"{old_prefix[0]}{number:02}" in used:
        number += 1
    new_prefix = f"{old_prefix[0]}{number:02}"
    used.add(new_prefix)
    stack = [directory]
    while stack:
        node = stack.pop()
        section = "categories" if "children" in node else "items"
        old_code = node["code"]
        node["code"] = new_prefix + old_code[len(old_prefix):]
        expected[("recoded", section, f"{old_code}>{node['code']}", frozenset())] += 1
        stack.extend(node.get("children", []))


@st.composite
def list_scenario(draw: Any, kind: str) -> tuple[dict[str, Any], dict[str, Any], Expected]:
    text = Texts()
    prefix = "ZR" if kind == "access-list" else "XZ"
    old = header(kind, text)
    old["items"] = [list_item(draw, text, kind, f"{prefix}-{i:03}") for i in range(1, draw(st.integers(0, 8)) + 1)]
    if kind == "access-list":
        old["excluded"] = [{"code": f"FM-{i:03}", "name": text(4, 10), "reason": text(8, 20)}
                           for i in range(1, draw(st.integers(0, 3)) + 1)]
    new = copy.deepcopy(old)
    expected: Expected = Counter()
    next_code = {"items": 500, "excluded": 500}
    for section, pre in (("items", prefix), ("excluded", "FM")):
        if section not in new:
            continue
        for entry in list(new[section]):
            op = draw(st.sampled_from(OPS))
            if op == "remove":
                new[section].remove(entry)
                expected[("removed", section, entry["code"], frozenset())] += 1
            elif op == "change":
                fields = edit_fields(draw, text, entry, section, identity_safe=False)
                expected[("changed", section, entry["code"], frozenset(fields))] += 1
            elif op == "recode":
                fields = edit_fields(draw, text, entry, section, identity_safe=True)
                next_code[section] += 1
                old_code, entry["code"] = entry["code"], f"{pre}-{next_code[section]}"
                expected[("recoded", section, f"{old_code}>{entry['code']}", frozenset(fields))] += 1
        for _ in range(draw(st.integers(0, 2))):
            next_code[section] += 1
            code = f"{pre}-{next_code[section]}"
            entry = (list_item(draw, text, kind, code) if section == "items"
                     else {"code": code, "name": text(4, 10), "reason": text(8, 20)})
            new[section].append(entry)
            expected[("added", section, code, frozenset())] += 1
    _edit_header(draw, text, new, expected)
    _shuffle(draw, new)
    return old, new, expected


def _codes(doc: dict[str, Any]) -> list[str]:
    out = []
    stack = list(doc.get("categories", []))
    while stack:
        node = stack.pop()
        out.append(node["code"])
        stack.extend(node.get("children", []))
    return out


def _leaves(doc: dict[str, Any]) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    out = []
    stack = list(doc["categories"])
    while stack:
        node = stack.pop()
        for child in node.get("children", []):
            if "children" in child:
                stack.append(child)
            else:
                out.append((node, child))
    return out


def _edit_header(draw: Any, text: Texts, new: dict[str, Any], expected: Expected) -> None:
    fields = set()
    if draw(st.booleans()):
        new["title"] = text(8, 14)
        fields.add("title")
    if draw(st.booleans()):
        new["year"] = 2025
        fields.add("year")
    if draw(st.booleans()):
        new["region"]["name"] = "清新区"
        fields.add("region.name")
    if fields:
        expected[("header", "", "", frozenset(fields))] += 1


def _shuffle(draw: Any, doc: dict[str, Any]) -> None:
    """Order of entries and of set-like lists carries no meaning: shuffle them."""
    rnd = draw(st.randoms(use_true_random=False))
    stack: list[Any] = [doc]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            for key, child in value.items():
                if key in ("children", "items", "excluded", "categories", "providers", "basis") and isinstance(child, list):
                    rnd.shuffle(child)
                stack.append(child)
        elif isinstance(value, list):
            stack.extend(value)


def reported(changes: list[Change]) -> Expected:
    out: Expected = Counter()
    for c in changes:
        if c.type == "header":
            out[("header", "", "", frozenset(c.fields))] += 1
        elif c.type == "recoded":
            out[("recoded", c.section, f"{c.old_code}>{c.new_code}", frozenset(c.fields))] += 1
        else:
            out[(c.type, c.section, c.code, frozenset(c.fields))] += 1
    return out


def reverse(expected: Expected) -> Expected:
    swap = {"added": "removed", "removed": "added"}
    out: Expected = Counter()
    for (kind, section, code, fields), n in expected.items():
        if kind == "recoded":
            old, new = code.split(">")
            code = f"{new}>{old}"
        out[(swap.get(kind, kind), section, code, fields)] += n
    return out


scenarios = st.one_of(catalog_scenario(), list_scenario("access-list"), list_scenario("assistance-list"))


@SETTINGS
@given(scenarios)
def test_diff_reports_exactly_the_edits(scenario: tuple[dict[str, Any], dict[str, Any], Expected]) -> None:
    old, new, expected = scenario
    kind = old["kind"]
    changes = compare(old, new, kind=kind)
    assert reported(changes) == expected
    assert reported(compare(new, old, kind=kind)) == reverse(expected)


@SETTINGS
@given(scenarios)
def test_old_plus_changes_rebuilds_new(scenario: tuple[dict[str, Any], dict[str, Any], Expected]) -> None:
    old, new, _ = scenario
    kind = old["kind"]
    changes = compare(old, new, kind=kind)
    rebuilt = apply(old, changes)
    assert normalize(rebuilt) == normalize(new)
    assert compare(rebuilt, new, kind=kind) == []


@SETTINGS
@given(scenarios)
def test_a_document_diffed_with_itself_reports_nothing(scenario: tuple[dict[str, Any], dict[str, Any], Expected]) -> None:
    old, new, _ = scenario
    assert compare(old, copy.deepcopy(old), kind=old["kind"]) == []
    assert compare(new, new, kind=new["kind"]) == []
