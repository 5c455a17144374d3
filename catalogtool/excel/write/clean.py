"""Documents made storable: characters no workbook can hold are removed, with a warning naming the item.

Done once, before any sheet is written, so every sheet shows the same text and
each bad string is reported once.  The warning names the field as the sheet's
header does (服务内容, 事项内容), so it can be found in the workbook too.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from catalogtool.excel import cells
from catalogtool.excel.write.context import HEADER_LABELS, Context, who
from catalogtool.kinds import Kind
from catalogtool.kinds.columns import Column, field_header
from catalogtool.problems import Message
from catalogtool.sources import Source

Labels = Callable[[str], str | None]


def clean_document(source: Source, kind: Kind, ctx: Context) -> dict[str, Any]:
    data = source.data
    out: dict[str, Any] = {}
    for key, value in data.items():
        if key in kind.data_keys and isinstance(value, list):
            out[key] = value
        else:
            out[key] = _clean(value, Message(f"{source.path} 文件信息", f"{source.path} header"), ctx,
                              HEADER_LABELS.get, str(key))
    for section in kind.sections:
        entries = out.get(section.key)
        if section.table is None or not isinstance(entries, list):
            continue
        columns = section.table.columns()
        if section.table.tree:
            out[section.key] = _clean_tree(entries, source.path, ctx, _tree_labels(columns))
        else:
            labels = _labels(columns)
            out[section.key] = [_clean_entry(e, source.path, ctx, labels) for e in entries]
    return out


def _clean_entry(entry: Any, path: str, ctx: Context, labels: Labels) -> Any:
    copied = _plain_copy(entry)
    return copied if copied is not _DIRTY else _clean(entry, who(path, entry), ctx, labels)


def _labels(columns: list[Column]) -> Labels:
    return lambda key: field_header(columns, key)


def _tree_labels(columns: list[Column]) -> Labels:
    """A tree's entries have their names in the level columns: the name is just 名称 there."""
    return lambda key: "名称" if key == "name" else field_header(columns, key)


def _clean_tree(nodes: list[Any], path: str, ctx: Context, labels: Labels) -> list[Any]:
    result = []
    for node in nodes:
        if isinstance(node, dict):
            copied = {k: v for k, v in node.items() if k != "children"}
            fast = _plain_copy(copied)
            copied = fast if fast is not _DIRTY else _clean(copied, who(path, node), ctx, labels)
            if "children" in node:
                children = node["children"]
                copied["children"] = _clean_tree(children, path, ctx, labels) if isinstance(children, list) else children
            result.append(copied)
        else:
            result.append(node)
    return result


def _clean(value: Any, where: Message, ctx: Context, labels: Labels, key: str = "") -> Any:
    """A copy of `value` with characters no workbook can store removed, warning once per string."""
    if isinstance(value, str):
        bad = cells.illegal_chars(value)
        if not bad:
            return value
        shown = "、".join(bad)
        label = labels(key) if key else None
        field_zh = label or (f"字段 {key} " if key else "")
        field_en = f"field {key} " if key else ""
        ctx.warn(
            Message(f"{where.zh}：{field_zh}含 Excel 无法保存的控制字符 {shown}，已删除",
            f"{where.en}: {field_en}contains characters Excel cannot store ({', '.join(bad)}); removed"),
        )
        return cells.strip_illegal(value)
    if isinstance(value, dict):
        return {k: _clean(v, where, ctx, labels, f"{key}.{k}" if key else str(k)) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean(v, where, ctx, labels, key) for v in value]
    return value


_DIRTY: Any = object()
_SEARCH = cells.ILLEGAL_RE.search


def _plain_copy(value: Any) -> Any:
    """What `_clean` gives for a value without a character to remove, found without a call per value;
    _DIRTY when there is one (or a subclass of str, dict or list), for `_clean` to do it and warn."""
    kind = type(value)
    if kind is dict:
        out = {}
        for key, child in value.items():
            inner = type(child)
            if inner is str:
                if _SEARCH(child) is not None:
                    return _DIRTY
                out[key] = child
            elif inner is dict or inner is list:
                copied = _plain_copy(child)
                if copied is _DIRTY:
                    return _DIRTY
                out[key] = copied
            elif isinstance(child, (str, dict, list)):
                return _DIRTY
            else:
                out[key] = child
        return out
    if kind is list:
        items = []
        for child in value:
            copied = _plain_copy(child)
            if copied is _DIRTY:
                return _DIRTY
            items.append(copied)
        return items
    if kind is str:
        return value if _SEARCH(value) is None else _DIRTY
    if isinstance(value, (str, dict, list)):
        return _DIRTY
    return value
