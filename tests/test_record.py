"""Records (catalogtool.record) behave as the dataclasses they replaced: equality, hash, repr,
pickling, copying, replace and read-only fields; and every class a run makes is one."""

from __future__ import annotations

import copy
import dataclasses
import pickle
from typing import Any

import pytest

from catalogtool.record import Frozen, FrozenError, Record, as_dict, fields, replace, setfield


class Point(Frozen):
    __slots__ = ("tags", "x", "y")
    x: int
    y: int
    tags: tuple[str, ...]

    def __init__(self, x: int, y: int = 0, tags: tuple[str, ...] = ()) -> None:
        setfield(self, "x", x)
        setfield(self, "y", y)
        setfield(self, "tags", tags)


class Node(Record):
    __slots__ = ("children", "name")
    name: str
    children: list[Node]

    def __init__(self, name: str, children: list[Node] | None = None) -> None:
        self.name = name
        self.children = [] if children is None else children


class One(Frozen):
    __slots__ = ("value",)
    value: Any

    def __init__(self, value: Any) -> None:
        setfield(self, "value", value)


@dataclasses.dataclass(frozen=True, slots=True)
class Point_:  # Point's dataclass twin
    x: int
    y: int = 0
    tags: tuple[str, ...] = ()


@dataclasses.dataclass(slots=True)
class Node_:  # Node's dataclass twin
    name: str
    children: list[Node_] = dataclasses.field(default_factory=list)


@dataclasses.dataclass(frozen=True, slots=True)
class One_:  # One's dataclass twin
    value: Any


def _twin_repr(record: object) -> str:
    return repr(record).replace("_(", "(")


@pytest.mark.parametrize(("ours", "theirs"), [
    (Point(1, 2, ("a",)), Point_(1, 2, ("a",))), (Point(1), Point_(1)), (One("甲"), One_("甲")), (One(None), One_(None)),
])
def test_a_frozen_record_is_a_frozen_dataclass(ours: Frozen, theirs: Any) -> None:
    assert repr(ours).replace("Point", "Point_").replace("One", "One_") == repr(theirs)
    assert hash(ours) == hash(theirs)  # the same tuple of values is hashed
    assert fields(ours) == tuple(f.name for f in dataclasses.fields(theirs)) == fields(type(ours))
    assert as_dict(ours) == dataclasses.asdict(theirs)
    for name in ("x", "value", "other"):
        with pytest.raises(FrozenError):
            setattr(ours, name, 3)
        with pytest.raises(AttributeError):
            delattr(ours, name)
    for made in (pickle.loads(pickle.dumps(ours)), copy.copy(ours), copy.deepcopy(ours)):
        assert made == ours and made is not ours and type(made) is type(ours) and hash(made) == hash(ours)
    assert not hasattr(ours, "__dict__")


def test_equality_is_by_class_and_values_in_order() -> None:
    assert Point(1, 2) == Point(1, 2) and Point(1, 2) != Point(2, 1)
    assert Point(1) != Point_(1) and Point(1) != (1, 0, ())
    assert Point(1, tags=("a",)) != Point(1, tags=("b",))
    assert len({Point(1), Point(1), Point(2)}) == 2
    assert One([1]) == One([1])
    with pytest.raises(TypeError):
        hash(One([1]))  # as a frozen dataclass holding a list


def test_a_plain_record_is_a_dataclass_mutable_and_unhashable() -> None:
    node = Node("a", [Node("b")])
    assert repr(node) == _twin_repr(Node_("a", [Node_("b")]))
    assert node == Node("a", [Node("b")]) and node != Node("a")
    with pytest.raises(TypeError):
        hash(node)
    node.name = "c"
    assert node.name == "c"
    node.children.append(node)  # a cycle: repr says `...` as a dataclass's does
    twin = Node_("c", [Node_("b")])
    twin.children.append(twin)
    assert repr(node) == _twin_repr(twin)
    clone = pickle.loads(pickle.dumps(node))
    assert clone.children[1] is clone and clone.children[0] == Node("b")
    with pytest.raises(AttributeError):
        node.other = 1  # type: ignore[attr-defined]


def test_replace_makes_a_new_record_through_init() -> None:
    point = Point(1, 2)
    assert replace(point, y=5) == Point(1, 5) and point == Point(1, 2)
    with pytest.raises(TypeError):
        replace(point, z=1)


def test_fields_must_be_both_annotated_and_slotted() -> None:
    with pytest.raises(TypeError):
        class Bad(Frozen):  # a field missing from __slots__
            __slots__ = ("a",)
            a: int
            b: int
