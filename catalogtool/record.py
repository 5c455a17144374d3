"""Value classes without the dataclasses module, for the classes a one-file `validate` makes.

Importing dataclasses brings inspect, ast, dis and tokenize, and making a frozen
dataclass compiles half a dozen methods (about a millisecond a class on Python
3.11): for the 27 classes a run needs, more than checking a small file takes.  A
class here annotates its fields, in order, lists them in `__slots__` and writes its own __init__
(the dataclass's, by hand); Record adds what `@dataclass(slots=True)` added:
equality by fields (and no hash), a repr, pickling and copying; Frozen adds a hash
by fields and refuses assignment after __init__ (which sets fields with `setfield`).
tests/test_record.py holds them to dataclasses' behaviour.
"""

from __future__ import annotations

from _thread import get_ident
from operator import attrgetter
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar, cast

if TYPE_CHECKING:
    from collections.abc import Callable

setfield = object.__setattr__  # how a frozen record's __init__ sets a field, as a frozen dataclass's does

_REPRS: set[tuple[int, int]] = set()  # the records whose repr is being made, to say `...` for a cycle


class FrozenError(AttributeError):
    """Assigning to a field of a frozen record (dataclasses.FrozenInstanceError, without dataclasses)."""


class Record:
    """Fields in `__slots__`; compared by their values, class and all, as a dataclass is; unhashable."""

    __slots__ = ()
    _fields: ClassVar[tuple[str, ...]] = ()

    if TYPE_CHECKING:
        @staticmethod
        def _values(record: Any) -> tuple[Any, ...]:
            """The fields' values in order (an attrgetter made for each class)."""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if cls.__module__ == __name__:
            return  # Frozen
        own = [klass for klass in reversed(cls.__mro__) if klass.__module__ != __name__ and klass is not object]
        names = tuple(name for klass in own for name in vars(klass).get("__annotations__", ()))
        if set(names) != {name for klass in own for name in vars(klass).get("__slots__", ())}:
            raise TypeError(f"{cls.__qualname__}: its annotations and its __slots__ name different fields")
        cls._fields = names
        if len(names) > 1:
            getter: Callable[[Any], tuple[Any, ...]] = attrgetter(*names)
        elif names:
            getter = _one(names[0])
        else:
            getter = _none
        cls._values = staticmethod(getter)  # type: ignore[assignment]

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            return bool(self._values(self) == self._values(other))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        key = (id(self), get_ident())
        if key in _REPRS:
            return "..."
        _REPRS.add(key)
        try:
            shown = ", ".join(f"{name}={value!r}" for name, value in zip(self._fields, self._values(self), strict=True))
        finally:
            _REPRS.discard(key)
        return f"{type(self).__qualname__}({shown})"

    def __reduce__(self) -> tuple[Any, ...]:
        return _rebuild, (type(self), self._values(self))


class Frozen(Record):
    """A record that cannot change once made: hashed by its fields, as a frozen dataclass is."""

    __slots__ = ()

    def __setattr__(self, name: str, value: Any) -> None:
        raise FrozenError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenError(f"cannot delete field {name!r}")

    def __hash__(self) -> int:  # type: ignore[override]
        return hash(self._values(self))


def _one(name: str) -> Callable[[Any], tuple[Any, ...]]:
    get = attrgetter(name)
    return lambda record: (get(record),)


def _none(record: Any) -> tuple[Any, ...]:
    return ()


def _rebuild(cls: type[Record], values: tuple[Any, ...]) -> Record:
    """A record from its pickled fields, without its __init__ (which may check or fill in)."""
    record = cls.__new__(cls)
    for name, value in zip(cls._fields, values, strict=True):
        setfield(record, name, value)
    return record


R = TypeVar("R", bound=Record)


def fields(record: Record | type[Record]) -> tuple[str, ...]:
    """The names of a record's fields, in order (dataclasses.fields, names only)."""
    return record._fields


def as_dict(record: Record) -> dict[str, Any]:
    """Each field's name and value (dataclasses.asdict, one level deep)."""
    return dict(zip(record._fields, record._values(record), strict=True))


def replace(record: R, **changes: Any) -> R:
    """A new record with some fields changed, made through __init__ (dataclasses.replace)."""
    values = as_dict(record)
    unknown = set(changes) - set(values)
    if unknown:
        raise TypeError(f"{type(record).__qualname__} has no field {sorted(unknown)[0]!r}")
    values.update(changes)
    return cast("R", cast("Any", type(record))(**values))
