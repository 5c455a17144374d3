"""Documents made storable: characters no workbook can hold are removed, with a warning naming the item.

Done once, before any sheet is written, so every sheet shows the same text and
each bad string is reported once.  The warning names the field as the sheet's
header does (服务内容, 事项内容), so it can be found in the workbook too.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from catalogtool.excel import cells
from catalogtool.excel.columns import HEADER_LABELS, SECTION_COLUMNS, catalog_columns, field_header
from catalogtool.excel.model import Context, Source, who
from catalogtool.problems import Message

Labels = Callable[[str], str | None]
_ITEM_COLUMNS = {"access-list": SECTION_COLUMNS["access"], "assistance-list": SECTION_COLUMNS["assistance"]}
_CATALOG_COLUMNS = catalog_columns(4)


def _catalog_label(key: str) -> str | None:
    return "名称" if key == "name" else field_header(_CATALOG_COLUMNS, key)


def clean_document(source: Source, ctx: Context) -> dict[str, Any]:
    data = source.data
    out: dict[str, Any] = {}
    for key, value in data.items():
        if key in ("categories", "items", "excluded") and isinstance(value, list):
            out[key] = value
        else:
            out[key] = _clean(value, (f"{source.path} 文件信息", f"{source.path} header"), ctx,
                              HEADER_LABELS.get, str(key))
    items = _ITEM_COLUMNS.get(source.kind, [])
    sections: dict[str, Labels] = {
        "items": lambda key: field_header(items, key),
        "excluded": lambda key: field_header(SECTION_COLUMNS["excluded"], key),
    }
    for key, labels in sections.items():
        if isinstance(out.get(key), list):
            out[key] = [_clean(e, who(source.path, e), ctx, labels) for e in out[key]]
    if isinstance(out.get("categories"), list):
        out["categories"] = _clean_tree(out["categories"], source.path, ctx)
    return out


def _clean_tree(nodes: list[Any], path: str, ctx: Context) -> list[Any]:
    result = []
    for node in nodes:
        if isinstance(node, dict):
            copied = {k: v for k, v in node.items() if k != "children"}
            copied = _clean(copied, who(path, node), ctx, _catalog_label)
            if "children" in node:
                children = node["children"]
                copied["children"] = _clean_tree(children, path, ctx) if isinstance(children, list) else children
            result.append(copied)
        else:
            result.append(node)
    return result


def _clean(value: Any, where: tuple[str, str], ctx: Context, labels: Labels, key: str = "") -> Any:
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
            Message(f"{where[0]}：{field_zh}含 Excel 无法保存的控制字符 {shown}，已删除",
            f"{where[1]}: {field_en}contains characters Excel cannot store ({', '.join(bad)}); removed"),
        )
        return cells.strip_illegal(value)
    if isinstance(value, dict):
        return {k: _clean(v, where, ctx, labels, f"{key}.{k}" if key else str(k)) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean(v, where, ctx, labels, key) for v in value]
    return value
