"""The compiled fast path and jsonschema agree on validity, so no problem is ever skipped."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from catalogtool.loader import load_file
from catalogtool.schema_code import Invalid
from catalogtool.schemas import _fast_validator, validator

EXAMPLES = sorted((Path(__file__).resolve().parents[1] / "examples").glob("20*/*.yaml"))
DOCS = [load_file(p).data for p in EXAMPLES]

ODD_VALUES = [None, True, 0, -1, 1.5, "", "x", "2025-02-30", "2025-01-10", "《社会救助暂行办法》", "公司",
              "社会组织", [], ["企业", "企业"], {}, {"code": "A"}, "０１", 65]


def fast_valid(kind: str, data: Any) -> bool:
    import fastjsonschema

    compiled = _fast_validator(kind)
    assert compiled is not None, "fastjsonschema should compile every kind schema"
    try:
        compiled(data)
    except (fastjsonschema.JsonSchemaException, Invalid):
        return False
    return True


def paths(node: Any, prefix: tuple = ()) -> list[tuple]:
    out = [prefix]
    if isinstance(node, dict):
        for key, value in node.items():
            out += paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            out += paths(value, (*prefix, index))
    return out


def mutate(doc: Any, path: tuple, action: str, value: Any) -> Any:
    doc = copy.deepcopy(doc)
    if not path:
        return value if action == "replace" else doc
    parent = doc
    for token in path[:-1]:
        parent = parent[token]
    last = path[-1]
    if action == "replace":
        parent[last] = value
    elif action == "delete" and isinstance(parent, dict):
        del parent[last]
    elif action == "delete" and isinstance(parent, list):
        parent.pop(last)
    elif action == "add-key" and isinstance(parent[last], dict):
        parent[last]["unknown_key"] = value
    return doc


@pytest.mark.parametrize("index", range(len(DOCS)), ids=[p.parent.name + "/" + p.name for p in EXAMPLES])
def test_examples_are_valid_for_both(index):
    doc = DOCS[index]
    assert fast_valid(doc["kind"], doc)
    assert validator(doc["kind"]).is_valid(doc)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_random_mutations_get_the_same_verdict(data):
    doc = data.draw(st.sampled_from(DOCS))
    kind = doc["kind"]
    path = data.draw(st.sampled_from(paths(doc)))
    action = data.draw(st.sampled_from(["replace", "delete", "add-key"]))
    value = data.draw(st.sampled_from(ODD_VALUES))
    mutated = mutate(doc, path, action, value)
    assert fast_valid(kind, mutated) == validator(kind).is_valid(mutated), (path, action, value)
