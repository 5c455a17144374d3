"""What each document field is called, in Chinese and English: one name per field in every output.

The diff (text, Markdown, the 新旧对照表 sheet) and the workbook (cover,
sheet subtitles, warnings about cleaned text) name a field from this table, so
the same field is never 审批日期 in one place and 批准日期 in another.  The
column headers of an exported workbook are the contract `import` reads back by
(catalogtool.excel.columns); they use these names too, and tests/test_labels.py
keeps them equal.

A few fields read better under the name their kind's published tables give
them: a catalog item's `content` is its 服务内容, a list item's is its 事项内容.
Those names are in each kind's `field_labels` (catalogtool.kinds); everything else is named the same in
every kind.
"""

from __future__ import annotations

from catalogtool.kinds import KINDS
from catalogtool.problems import Message

# field (a dotted path for nested fields) -> (Chinese, English)
FIELD_LABELS: dict[str, Message] = {
    # Every document's header (FORMAT.md §1)
    "kind": Message("文件类型", "kind"),
    "schema": Message("格式版本", "schema version"),
    "title": Message("标题", "title"),
    "region": Message("行政区划", "region"),
    "region.code": Message("行政区划代码", "region code"),
    "region.name": Message("行政区划名称", "region name"),
    "year": Message("年度", "year"),
    "issuer": Message("发布单位", "issuer"),
    "document_number": Message("文号", "document number"),
    "effective": Message("施行日期", "effective date"),
    "expires": Message("失效日期", "expiry date"),
    "notes": Message("备注", "notes"),
    "scope": Message("适用范围", "scope"),
    "approval": Message("批准", "approval"),
    "approval.body": Message("批准机关", "approving body"),
    "approval.date": Message("批准日期", "approval date"),
    "approval.document_number": Message("批准文号", "approval document number"),
    "approval.meeting": Message("批准会议", "approving meeting"),
    # Entries: catalog nodes and list items
    "code": Message("编码", "code"),
    "name": Message("名称", "name"),
    "description": Message("说明", "description"),
    "content": Message("内容", "content"),
    "township": Message("乡镇适用", "for townships"),
    "providers": Message("承接主体", "providers"),
    "purchasers": Message("购买主体", "purchasers"),
    "procurement_code": Message("采购品目", "procurement item"),
    "basis": Message("设定依据", "legal basis"),
    "category": Message("类别", "category"),
    "department": Message("责任单位", "department"),
    "term": Message("期限", "term"),
    "funding": Message("经费", "funding"),
    "funding.required": Message("需要经费", "funding required"),
    "funding.source": Message("经费来源", "funding source"),
    "funding.amount": Message("经费金额（元/年）", "funding amount (yuan a year)"),
    "premises_required": Message("需专门场所", "premises required"),
    "staff_required": Message("需专职人员", "staff required"),
    "guidance": Message("指导与保障", "guidance and support"),
    "evaluation": Message("评估方式", "evaluation"),
    "purchase_ref": Message("对应购买事项", "purchase-catalog item"),
    "reason": Message("不得准入的理由", "reason for exclusion"),
    # Not a field of the documents: the diff's list of a catalog entry's parent directories.
    "_path": Message("所属目录", "parent directories"),
    "_budget": Message("预算合计（各项目金额之和）", "budget total (sum of the projects)"),
}



def field_label(name: str, lang: str, kind: str = "") -> str:
    """A field's name for people (the kind's own name for it first); a dotted name not in the table
    is built from its parts."""
    described = KINDS.get(kind)
    label = (described.field_labels.get(name) if described is not None else None) or FIELD_LABELS.get(name)
    if label is not None:
        return label.text(lang)
    if "." in name:
        head, _, last = name.rpartition(".")
        return field_label(head, lang, kind) + ("." if lang == "en" else "·") + field_label(last, lang, kind)
    return name
