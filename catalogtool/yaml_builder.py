"""Parser events -> a positioned Document: the builder the loader feeds, one event at a time.

It walks PyYAML's event stream with an explicit stack instead of PyYAML's composer and
constructor: positions are recorded as the data is built (one pass, no node graph),
nesting depth and alias expansion are checked before they can exhaust the stack or
memory, and duplicate keys, implicit YAML 1.1 typing (`0101` -> 65, `NO` -> False) and
explicit tags are seen where they happen.  catalogtool.loader chooses the parser,
decodes the bytes and explains the parser's complaints.  This module is the hot loop;
catalogtool.yaml_events handles every event in general.
"""

from __future__ import annotations

import gc
from typing import Any

from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

from catalogtool.document import Implicit, escape_token
from catalogtool.problems import Finding
from catalogtool.rules.unknown_kind import RULE as UNKNOWN_KIND
from catalogtool.rules.yaml_syntax import RULE as YAML_SYNTAX
from catalogtool.yaml_events import MERGE, RESOLVABLE_FIRST, TYPED, Abort, EventHandler, Frame

__all__ = ["Abort", "Builder"]


class Builder(EventHandler):
    """Turns an event stream into a Document, one event at a time."""

    def run(self, loader: Any) -> None:
        # The data is a tree (an alias can only name a finished node), so it makes no reference
        # cycles: the collector would only walk the growing document again and again.
        collecting = gc.isenabled()
        gc.disable()
        try:
            self._run(loader)
        finally:
            if collecting:
                gc.enable()

    # The loop is long on purpose: one dispatch per event is the hot path.  The common events
    # (a plain key, a plain text or memoised typed value, a collection under a fresh key or in a
    # list) are handled inline, exactly as the methods below would; the node count is kept in
    # a local and handed to self.nodes around every method call.
    def _run(self, loader: Any) -> None:
        get_event = loader.get_event
        stack = self.stack
        positions = self.doc.positions
        implicit = self.doc.implicit
        tokens = self.tokens
        max_nodes = self.limits.max_nodes
        max_depth = self.limits.max_depth
        max_number = self.limits.max_number_length
        resolvable = RESOLVABLE_FIRST
        memo = TYPED
        nodes = self.nodes
        top: Frame | None = None  # stack[-1]
        while True:
            event = get_event()
            cls = type(event)
            if cls is ScalarEvent:
                text = event.value
                if top is not None and top.is_map and top.key is None:
                    if event.anchor is None and text != "<<":
                        mark = event.start_mark
                        top.key = text
                        top.key_mark = (mark.line + 1, mark.column + 1)
                    else:
                        self._scalar_key(top, event)
                    continue
                if (top is not None and event.tag is None and event.anchor is None and event.implicit[0] and text
                        and nodes < max_nodes):
                    record: Implicit | None = None
                    if text[0] not in resolvable:
                        value: Any = text
                        known = True
                    else:
                        typed = memo.get(text)
                        known = typed is not None and len(text) <= max_number
                        if typed is not None:
                            value, record = typed
                    if known:
                        # Plain text, or a typed value seen before, under a fresh key or in a list.
                        mark = event.start_mark
                        if top.is_map:
                            key = top.key
                            if key and key != MERGE and key not in top.obj:
                                token = tokens.get(key)
                                if token is None:
                                    token = tokens[key] = escape_token(key)
                                pointer = f"{top.pointer}/{token}"
                                top.obj[key] = value
                                kline, kcol = top.key_mark
                                positions[pointer] = (kline, kcol, mark.line + 1, mark.column + 1)
                                if record is not None:
                                    implicit[pointer] = record
                                nodes += 1
                                top.key = None
                                continue
                        else:
                            obj = top.obj
                            pointer = f"{top.pointer}/{len(obj)}"
                            line, column = mark.line + 1, mark.column + 1
                            positions[pointer] = (line, column, line, column)
                            if record is not None:
                                implicit[pointer] = record
                            obj.append(value)
                            nodes += 1
                            continue
                self.nodes = nodes
                value = self._scalar_value(event, top)
                mark = event.start_mark
                if not text and top is not None and top.is_map and event.implicit[0]:
                    # An empty value (`key:`): parsers disagree on where it starts, so
                    # place it at its key, which is also where a reader looks.
                    self._attach(value, top.key_mark, 1, event.anchor)
                else:
                    self._attach(value, (mark.line + 1, mark.column + 1), 1, event.anchor)
                nodes = self.nodes
            elif cls is MappingStartEvent or cls is SequenceStartEvent:
                is_map = cls is MappingStartEvent
                if (top is not None and event.tag is None and event.anchor is None and nodes < max_nodes
                        and len(stack) < max_depth):
                    mark = event.start_mark
                    parent = top.obj
                    if not top.is_map:
                        pointer = f"{top.pointer}/{len(parent)}"
                        line, column = mark.line + 1, mark.column + 1
                        positions[pointer] = (line, column, line, column)
                        top = Frame({} if is_map else [], pointer, None, is_map, nodes)
                        parent.append(top.obj)
                        nodes += 1
                        stack.append(top)
                        continue
                    key = top.key
                    if key and key != MERGE and key not in parent:
                        token = tokens.get(key)
                        if token is None:
                            token = tokens[key] = escape_token(key)
                        pointer = f"{top.pointer}/{token}"
                        kline, kcol = top.key_mark
                        positions[pointer] = (kline, kcol, mark.line + 1, mark.column + 1)
                        top = Frame({} if is_map else [], pointer, None, is_map, nodes)
                        parent[key] = top.obj
                        nodes += 1
                        stack.append(top)
                        continue
                self.nodes = nodes
                self._open(event, is_map)
                nodes = self.nodes
                top = stack[-1]
            elif cls is MappingEndEvent or cls is SequenceEndEvent:
                frame = stack.pop()
                if frame.merges:
                    self._apply_merges(frame)
                if frame.anchor is not None:
                    self.anchors[frame.anchor] = (frame.obj, nodes - frame.start)
                if stack:
                    top = stack[-1]
                    if top.is_map:
                        top.key = None
                else:
                    top = None
            elif cls is AliasEvent:
                self.nodes = nodes
                self._alias(event)
                nodes = self.nodes
            elif cls is DocumentStartEvent:
                self.documents += 1
                if self.documents > 1:
                    mark = event.start_mark
                    self.doc.findings.append(Finding(YAML_SYNTAX.id, "multi-doc", line=mark.line + 1, column=mark.column + 1))
                    self.nodes = nodes
                    return
            elif cls is StreamEndEvent:
                break
        self.nodes = nodes
        if not self.root_set:
            self.doc.data = None
            self.doc.findings.append(Finding(UNKNOWN_KIND.id, "empty", line=1, column=1))
