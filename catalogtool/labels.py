"""What each document field is called, in Chinese and English: one name per field in every output.

The diff (text, Markdown, the 新旧对照表 sheet) and the workbook (cover,
sheet subtitles, warnings about cleaned text) name a field from this table, so
the same field is never 审批日期 in one place and 批准日期 in another.  The
column headers of an exported workbook are the contract `import` reads back by
(catalogtool.excel.columns); they use these names too, and tests/test_labels.py
keeps them equal.

A few fields read better under the name their kind's published tables give
them: a catalog item's `content` is its 服务内容, a list item's is its 事项内容.
Those names are in KIND_FIELD_LABELS; everything else is named the same in
every kind.
"""

from __future__ import annotations

# field (a dotted path for nested fields) -> (Chinese, English)
FIELD_LABELS: dict[str, tuple[str, str]] = {
    # Every document's header (FORMAT.md §1)
    "kind": ("文件类型", "kind"),
    "schema": ("格式版本", "schema version"),
    "title": ("标题", "title"),
    "region": ("行政区划", "region"),
    "region.code": ("行政区划代码", "region code"),
    "region.name": ("行政区划名称", "region name"),
    "year": ("年度", "year"),
    "issuer": ("发布单位", "issuer"),
    "document_number": ("文号", "document number"),
    "effective": ("施行日期", "effective date"),
    "expires": ("失效日期", "expiry date"),
    "notes": ("备注", "notes"),
    "scope": ("适用范围", "scope"),
    "approval": ("批准", "approval"),
    "approval.body": ("批准机关", "approving body"),
    "approval.date": ("批准日期", "approval date"),
    "approval.document_number": ("批准文号", "approval document number"),
    "approval.meeting": ("批准会议", "approving meeting"),
    # Entries: catalog nodes and list items
    "code": ("编码", "code"),
    "name": ("名称", "name"),
    "description": ("说明", "description"),
    "content": ("内容", "content"),
    "township": ("乡镇适用", "for townships"),
    "providers": ("承接主体", "providers"),
    "purchasers": ("购买主体", "purchasers"),
    "procurement_code": ("采购品目", "procurement item"),
    "basis": ("设定依据", "legal basis"),
    "category": ("类别", "category"),
    "department": ("责任单位", "department"),
    "term": ("期限", "term"),
    "funding": ("经费", "funding"),
    "funding.required": ("需要经费", "funding required"),
    "funding.source": ("经费来源", "funding source"),
    "funding.amount": ("经费金额（元/年）", "funding amount (yuan a year)"),
    "premises_required": ("需专门场所", "premises required"),
    "staff_required": ("需专职人员", "staff required"),
    "guidance": ("指导与保障", "guidance and support"),
    "evaluation": ("评估方式", "evaluation"),
    "purchase_ref": ("对应购买事项", "purchase-catalog item"),
    "reason": ("不得准入的理由", "reason for exclusion"),
    # Not a field of the documents: the diff's list of a catalog entry's parent directories.
    "_path": ("所属目录", "parent directories"),
}

# kind -> field -> (Chinese, English), where a kind names a field its own way
KIND_FIELD_LABELS: dict[str, dict[str, tuple[str, str]]] = {
    "purchase-catalog": {"content": ("服务内容", "service content")},
    "access-list": {"name": ("事项名称", "task name"), "content": ("事项内容", "task content")},
    "assistance-list": {"name": ("事项名称", "task name"), "content": ("事项内容", "task content")},
}


def field_label(name: str, lang: str, kind: str = "") -> str:
    """A field's name for people; a dotted name not in the table is built from its parts."""
    pair = KIND_FIELD_LABELS.get(kind, {}).get(name) or FIELD_LABELS.get(name)
    if pair is not None:
        return pair[1] if lang == "en" else pair[0]
    if "." in name:
        head, _, last = name.rpartition(".")
        return field_label(head, lang, kind) + ("." if lang == "en" else "·") + field_label(last, lang, kind)
    return name
