"""A loaded YAML document: plain data plus where every key and value stood in the file."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from catalogtool.problems import Finding
from catalogtool.record import Frozen, Record, setfield

if TYPE_CHECKING:
    from catalogtool.comments import Directive


def escape_token(token: str) -> str:
    """Escape one RFC 6901 reference token."""
    if "~" not in token and "/" not in token:
        return token
    return token.replace("~", "~0").replace("/", "~1")


def unescape_token(token: str) -> str:
    if "~" not in token:
        return token
    return token.replace("~1", "/").replace("~0", "~")


def join_pointer(parent: str, token: str | int) -> str:
    return f"{parent}/{escape_token(str(token))}"


def split_pointer(pointer: str) -> list[str]:
    if not pointer:
        return []
    return [unescape_token(t) for t in pointer[1:].split("/")]


def resolve_pointer(data: Any, pointer: str) -> Any:
    """The value at an RFC 6901 pointer, or None where the path does not exist."""
    node = data
    for token in split_pointer(pointer):
        if isinstance(node, dict):
            node = node.get(token)
        elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        else:
            return None
    return node


class Implicit(Frozen):
    """A plain scalar YAML resolved to something other than text: what was written, and as what."""

    __slots__ = ("source", "tag")
    source: str
    tag: str  # "int", "float", "bool", "null", "timestamp"; "merge", "value" for a bare `<<`, `=`

    def __init__(self, source: str, tag: str) -> None:
        setfield(self, "source", source)
        setfield(self, "tag", tag)


class Document(Record):
    """One file's document.

    `data` is JSON-compatible (dict, list, str, int, float, bool, None); YAML
    timestamps are kept as the text written, so nothing becomes a date object.
    `positions` maps a JSON Pointer to (key line, key column, value line, value
    column), all 1-based; the root has no key, so its key position equals its value
    position.  `implicit` records every plain scalar that YAML typed (see Implicit).
    `findings` are the loader's own problems (syntax, duplicate keys, limits, tags).
    `data` is None when the file could not be loaded at all.  `suppressions` are the
    file's inline suppression comments (catalogtool.comments).
    """

    __slots__ = ("data", "findings", "implicit", "path", "positions", "suppressions")
    path: str
    data: Any
    positions: dict[str, tuple[int, int, int, int]]
    implicit: dict[str, Implicit]
    findings: list[Finding]
    suppressions: list[Directive]  # `# catalogtool: disable=` comments

    def __init__(self, path: str, data: Any = None, positions: dict[str, tuple[int, int, int, int]] | None = None,
                 implicit: dict[str, Implicit] | None = None, findings: list[Finding] | None = None,
                 suppressions: list[Directive] | None = None) -> None:
        self.path = path
        self.data = data
        self.positions = {} if positions is None else positions
        self.implicit = {} if implicit is None else implicit
        self.findings = [] if findings is None else findings
        self.suppressions = [] if suppressions is None else suppressions

    @property
    def loaded(self) -> bool:
        return self.data is not None

    @property
    def kind(self) -> str | None:
        if isinstance(self.data, dict):
            kind = self.data.get("kind")
            return kind if isinstance(kind, str) else None
        return None

    def position(self, pointer: str, at: str = "value") -> tuple[int, int]:
        """Line and column of the key or value at `pointer`, or of its nearest recorded ancestor.

        Values reached through a YAML alias have no entry of their own; they are
        placed at the alias.
        """
        probe = pointer
        while True:
            pos = self.positions.get(probe)
            if pos is not None:
                if at == "key" and probe == pointer:
                    return pos[0], pos[1]
                return pos[2], pos[3]
            if not probe:
                return 1, 1
            probe = probe[: probe.rfind("/")]

    def line_of(self, pointer: str) -> int:
        return self.position(pointer)[0]

    def value_at(self, pointer: str) -> Any:
        return resolve_pointer(self.data, pointer)
