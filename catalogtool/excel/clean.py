"""Documents made storable: characters no workbook can hold are removed, with a warning naming the item.

Done once, before any sheet is written, so every sheet shows the same text and
each bad string is reported once.
"""

from __future__ import annotations

from typing import Any

from catalogtool.excel import cells
from catalogtool.excel.model import Context, Source, who


def clean_document(source: Source, ctx: Context) -> dict[str, Any]:
    data = source.data
    out: dict[str, Any] = {}
    for key, value in data.items():
        if key in ("categories", "items", "excluded") and isinstance(value, list):
            out[key] = value
        else:
            out[key] = _clean(value, (f"{source.path} 文件信息", f"{source.path} header"), ctx, str(key))
    for key in ("items", "excluded"):
        if isinstance(out.get(key), list):
            out[key] = [_clean(e, who(source.path, e), ctx) for e in out[key]]
    if isinstance(out.get("categories"), list):
        out["categories"] = _clean_tree(out["categories"], source.path, ctx)
    return out


def _clean_tree(nodes: list[Any], path: str, ctx: Context) -> list[Any]:
    result = []
    for node in nodes:
        if isinstance(node, dict):
            copied = {k: v for k, v in node.items() if k != "children"}
            copied = _clean(copied, who(path, node), ctx)
            if "children" in node:
                children = node["children"]
                copied["children"] = _clean_tree(children, path, ctx) if isinstance(children, list) else children
            result.append(copied)
        else:
            result.append(node)
    return result


def _clean(value: Any, where: tuple[str, str], ctx: Context, key: str = "") -> Any:
    """A copy of `value` with characters no workbook can store removed, warning once per string."""
    if isinstance(value, str):
        bad = cells.illegal_chars(value)
        if not bad:
            return value
        shown = "、".join(bad)
        field_zh = f"字段 {key} " if key else ""
        field_en = f"field {key} " if key else ""
        ctx.warn(
            f"{where[0]}：{field_zh}含 Excel 无法保存的控制字符 {shown}，已删除",
            f"{where[1]}: {field_en}contains characters Excel cannot store ({', '.join(bad)}); removed",
        )
        return cells.strip_illegal(value)
    if isinstance(value, dict):
        return {k: _clean(v, where, ctx, f"{key}.{k}" if key else str(k)) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean(v, where, ctx, key) for v in value]
    return value
