"""The registry of typed rule specs: every rule is a RuleSpec that says what it checks and how."""

from __future__ import annotations

import pytest

from catalogtool.kinds import ACCESS_LIST, CATALOG, KINDS
from catalogtool.problems import Level, Message
from catalogtool.record import replace
from catalogtool.rules import RULES
from catalogtool.rules.spec import RuleSpec, Scope


def test_the_registry_is_keyed_by_each_specs_own_id() -> None:
    assert all(rule_id == rule.id for rule_id, rule in RULES.items())
    assert list(RULES)[:2] == ["yaml-syntax", "duplicate-key"] and list(RULES)[-1] == "unreadable-file"


def test_a_rule_names_the_kinds_it_checks_with_registered_kinds() -> None:
    registered = list(KINDS.values())
    for rule in RULES.values():
        assert rule.kinds is None or all(any(kind is k for k in registered) for kind in rule.kinds), rule.id
    assert RULES["top-category"].applies_to(CATALOG) and not RULES["top-category"].applies_to(ACCESS_LIST)
    assert RULES["duplicate-code"].applies_to(ACCESS_LIST) and not RULES["duplicate-code"].applies_to(None)
    assert [rule.id for rule in RULES.values() if rule.applies_to(None)] == ["unknown-kind"]


def test_the_scope_says_which_functions_a_rule_has() -> None:
    for rule in RULES.values():
        if rule.scope is Scope.LOAD:
            assert rule.check is rule.collect is rule.finish is None, rule.id
            assert rule.fixed_level, rule.id  # a file that was not read whole cannot pass
        elif rule.scope is Scope.DOCUMENT:
            assert rule.check is not None and rule.collect is None, rule.id
        else:
            assert rule.collect is not None and rule.finish is not None and rule.check is None, rule.id
    document = RULES["region-code"]
    with pytest.raises(TypeError, match="a document rule has a check only"):
        replace(document, check=None)
    with pytest.raises(TypeError, match="a run rule has collect and finish"):
        replace(document, scope=Scope.RUN)
    with pytest.raises(TypeError, match="a load rule has no check"):
        RuleSpec("x", Level.ERROR, Scope.LOAD, Message("", ""), Message("", ""), Message("", ""), {},
                 check=document.check)
