"""Static checks of the JSON Schemas shipped in schemas/ and the output schemas in tests/data/.

These tests use only jsonschema and pytest: they do not import catalogtool, so they
keep working while the package is being built and they pin the schema contract
(FORMAT.md) on their own.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = ROOT / "schemas"
DATA = Path(__file__).resolve().parent / "data"

KINDS = ("purchase-catalog", "access-list", "assistance-list")
KIND_FILES = {kind: SCHEMAS / f"{kind}.schema.json" for kind in KINDS}
CONFIG_FILE = SCHEMAS / "config.schema.json"
VALIDATE_OUT_FILE = DATA / "validate-output.schema.json"
DIFF_OUT_FILE = DATA / "diff-output.schema.json"
ALL_FILES = [*KIND_FILES.values(), CONFIG_FILE, VALIDATE_OUT_FILE, DIFF_OUT_FILE]
CHINESE_FILES = [*KIND_FILES.values(), CONFIG_FILE]

CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")


def load(path: Path) -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return schema


def validator(schema: dict[str, Any]) -> Draft202012Validator:
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def errors(schema: dict[str, Any], doc: Any) -> list[tuple[str, str | None]]:
    """(JSON Pointer, keyword) of every error, flattening anyOf/oneOf contexts."""
    out: list[tuple[str, str | None]] = []

    def walk(errs: Any) -> None:
        for e in errs:
            pointer = "".join(f"/{p}" for p in e.absolute_path)
            out.append((pointer, e.validator))
            walk(e.context or ())

    walk(validator(schema).iter_errors(doc))
    return out


def messages(schema: dict[str, Any], doc: Any) -> list[str]:
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in validator(schema).iter_errors(doc)
    ]


# --------------------------------------------------------------------------- documents

HEADER: dict[str, Any] = {
    "schema": 1,
    "title": "清新区乡镇政府购买服务指导性目录（2025年版）",
    "region": {"code": "441803", "name": "清远市清新区"},
    "year": 2025,
    "issuer": "清远市清新区财政局",
}


def catalog_doc() -> dict[str, Any]:
    return {
        "kind": "purchase-catalog",
        **copy.deepcopy(HEADER),
        "categories": [
            {
                "code": "A",
                "name": "公共服务",
                "children": [
                    {
                        "code": "A01",
                        "name": "基本公共服务",
                        "children": [
                            {
                                "code": "A0101",
                                "name": "养老服务",
                                "content": "为辖区特困、失能老年人提供居家上门照料、助餐、助浴等服务",
                                "township": True,
                                "providers": ["社会组织", "企业"],
                                "basis": [
                                    {
                                        "level": "行政法规",
                                        "title": "社会救助暂行办法",
                                        "article": "第十四条",
                                    }
                                ],
                            }
                        ],
                    }
                ],
            }
        ],
    }


def catalog_full_doc() -> dict[str, Any]:
    doc = catalog_doc()
    doc.update(
        document_number="清新财〔2025〕12号",
        effective="2025-01-01",
        expires="2026-12-31",
        notes="2025 年修订",
    )
    level2 = doc["categories"][0]["children"][0]
    level2["description"] = "基本公共服务事项"
    level2["children"].append(
        {
            "code": "A0102",
            "name": "社区服务",
            "notes": "含四级目录",
            "children": [
                {
                    "code": "A010201",
                    "name": "社区养老照料",
                    "description": "日间照料",
                    "content": "日间照料中心运营",
                    "township": False,
                    "providers": ["社会组织"],
                    "purchasers": ["区民政局", "各镇人民政府"],
                    "procurement_code": "C23",
                    "notes": "四级目录",
                }
            ],
        }
    )
    return doc


def access_doc() -> dict[str, Any]:
    return {
        "kind": "access-list",
        **copy.deepcopy(HEADER),
        "title": "清新区村（社区）工作事项准入清单",
        "issuer": "清远市清新区民政局",
        "items": [
            {
                "code": "ZR-001",
                "name": "最低生活保障家庭状况定期核查",
                "content": "协助做好困难排查",
            }
        ],
    }


def access_full_doc() -> dict[str, Any]:
    doc = access_doc()
    doc["approval"] = {
        "body": "中共清远市清新区委常委会",
        "date": "2025-01-10",
        "document_number": "清新委办〔2025〕3号",
    }
    doc["items"] = [
        {
            "code": "ZR-001",
            "name": "最低生活保障家庭状况定期核查",
            "category": "社会保障",
            "content": "协助做好困难排查、信息报送、公示监督",
            "department": "清新区民政局",
            "basis": [{"level": "行政法规", "title": "社会救助暂行办法", "article": "第十三条"}],
            "term": "长期",
            "funding": {"required": True, "source": "区财政专项", "amount": 12000},
            "premises_required": False,
            "staff_required": False,
            "approval": {
                "body": "区委常委会",
                "date": "2025-06-01",
                "document_number": "清新委办〔2025〕9号",
            },
            "notes": "年中新增",
        },
        {
            "code": "0101",
            "name": "临时事项",
            "content": "临时协助",
            "term": "临时",
            "funding": {"amount": 0.5},
        },
    ]
    doc["excluded"] = [
        {"code": "FM-001", "name": "招商引资任务指标", "reason": "民发〔2015〕136号 明确取消"}
    ]
    return doc


def assistance_doc() -> dict[str, Any]:
    return {
        "kind": "assistance-list",
        **copy.deepcopy(HEADER),
        "title": "清新区基层群众自治组织协助政府工作事项清单",
        "issuer": "清远市清新区人民政府",
        "items": [{"code": "XZ-001", "name": "社会救助协助", "content": "协助做好困难排查"}],
    }


def assistance_full_doc() -> dict[str, Any]:
    doc = assistance_doc()
    doc["region"] = {"code": "441803101", "name": "太和镇"}
    doc["scope"] = "村（居）民委员会"
    doc["items"][0].update(
        category="社会保障",
        department="清新区民政局",
        basis=[{"level": "地方政府规章", "title": "陕西省社会救助办法", "article": "第四条"}],
        guidance="区民政局每季度组织业务培训，提供统一表格",
        funding={"source": "区财政按户拨付工作经费", "amount": 3000},
        evaluation="年终双向评估",
        purchase_ref="A0101",
        notes="备注",
    )
    return doc


CONFIG_FULL: dict[str, Any] = {
    "rules": {
        "duplicate-name": "warning",
        "legal-basis": "off",
        "prohibited-purchase": {"level": "warning", "ignore_words": ["培训"]},
        "top-category": {"allowed": ["公共服务"]},
    },
    "code_scheme": {
        "segments": ["[A-Z]", "[0-9]{2}", "[0-9]{2}", "[0-9]{2}"],
        "separator": "",
        "item_depths": [3, 4],
    },
    "diff": {"similarity": 0.8},
    "limits": {"max_file_bytes": 20000000, "max_depth": 100, "max_nodes": 2000000},
    "exclude": ["drafts/**"],
    "lang": "zh",
}

DOCS = {
    "purchase-catalog": (catalog_doc, catalog_full_doc),
    "access-list": (access_doc, access_full_doc),
    "assistance-list": (assistance_doc, assistance_full_doc),
}


# --------------------------------------------------------------------------- metaschema


@pytest.mark.parametrize("path", ALL_FILES, ids=lambda p: p.name)
def test_schema_is_valid_draft_2020_12(path: Path) -> None:
    schema = load(path)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("kind", KINDS)
def test_kind_schema_id(kind: str) -> None:
    assert load(KIND_FILES[kind])["$id"] == f"urn:catalogtool:schema:{kind}:1"


def _refs(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref":
                yield value
            else:
                yield from _refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from _refs(value)


@pytest.mark.parametrize("path", ALL_FILES, ids=lambda p: p.name)
def test_schema_is_self_contained(path: Path) -> None:
    """Every $ref is local and resolves, so one file works alone in an editor."""
    schema = load(path)
    for ref in _refs(schema):
        assert ref.startswith("#/"), ref
        target: Any = schema
        for part in ref[2:].split("/"):
            target = target[part.replace("~1", "/").replace("~0", "~")]
        assert isinstance(target, dict)
    defs = set(schema.get("$defs", {}))
    used = {ref.split("/")[2] for ref in _refs(schema) if ref.startswith("#/$defs/")}
    assert defs <= used, f"unused $defs: {defs - used}"


# --------------------------------------------------------------------------- titles


def _described(schema: Any, where: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every property, $def and map-value schema (plus the root), with its location."""
    if not isinstance(schema, dict):
        return
    yield where, schema
    for name, sub in schema.get("properties", {}).items():
        if isinstance(sub, dict):
            yield from _described(sub, f"{where}/properties/{name}")
    for name, sub in schema.get("$defs", {}).items():
        yield from _described(sub, f"{where}/$defs/{name}")
    extra = schema.get("additionalProperties")
    if isinstance(extra, dict):
        yield from _described(extra, f"{where}/additionalProperties")
    for i, sub in enumerate(schema.get("anyOf", [])):
        yield from _described(sub, f"{where}/anyOf/{i}")


def _objects(schema: Any, where: str = "#") -> Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(schema, dict):
        if schema.get("type") == "object":
            yield where, schema
        for key, value in schema.items():
            yield from _objects(value, f"{where}/{key}")
    elif isinstance(schema, list):
        for i, value in enumerate(schema):
            yield from _objects(value, f"{where}/{i}")


@pytest.mark.parametrize("path", CHINESE_FILES, ids=lambda p: p.name)
def test_every_property_has_chinese_title_and_description(path: Path) -> None:
    missing = []
    for where, sub in _described(load(path), "#"):
        for key in ("title", "description"):
            value = sub.get(key)
            if not isinstance(value, str) or not value.strip() or not CJK.search(value):
                missing.append(f"{where}: {key}={value!r}")
    assert not missing, "\n".join(missing)


def test_walker_sees_nested_properties() -> None:
    places = {where for where, _ in _described(load(KIND_FILES["access-list"]), "#")}
    assert "#/$defs/item/properties/funding/properties/amount" in places
    assert "#/$defs/basis/properties/title" in places
    places = {where for where, _ in _described(load(CONFIG_FILE), "#")}
    assert "#/properties/rules/additionalProperties/anyOf/1/properties/level" in places


@pytest.mark.parametrize("path", CHINESE_FILES, ids=lambda p: p.name)
def test_objects_are_closed(path: Path) -> None:
    """additionalProperties: false everywhere, except the option map of a rule setting."""
    open_objects = [
        where
        for where, sub in _objects(load(path))
        if sub.get("additionalProperties") is not False
        and where not in ("#/properties/rules", "#/properties/rules/additionalProperties/anyOf/1")
    ]
    assert not open_objects


@pytest.mark.parametrize("kind", KINDS)
def test_codes_are_strings(kind: str) -> None:
    for where, sub in _described(load(KIND_FILES[kind]), "#"):
        if where.endswith("/code"):
            assert sub["type"] == "string", where


# --------------------------------------------------------------------------- good documents


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("which", [0, 1], ids=["minimal", "full"])
def test_valid_document(kind: str, which: int) -> None:
    doc = DOCS[kind][which]()
    assert messages(load(KIND_FILES[kind]), doc) == []


@pytest.mark.parametrize("config", [{}, CONFIG_FULL], ids=["empty", "full"])
def test_valid_config(config: dict[str, Any]) -> None:
    assert messages(load(CONFIG_FILE), config) == []


# --------------------------------------------------------------------------- bad documents

ITEM = "/categories/0/children/0/children/0"
_DELETE = object()  # as a value for _set: remove the key


def _set(doc: dict[str, Any], pointer: str, value: Any) -> None:
    parts = [int(p) if p.isdigit() else p for p in pointer.strip("/").split("/")]
    target: Any = doc
    for part in parts[:-1]:
        target = target[part]
    if value is _DELETE:
        del target[parts[-1]]
    else:
        target[parts[-1]] = value


BAD = [
    # (id, kind, pointer to change, new value, expected error pointer, expected keyword)
    ("integer-code", "purchase-catalog", f"{ITEM}/code", 65, f"{ITEM}/code", "type"),
    ("integer-code-list", "access-list", "/items/0/code", 65, "/items/0/code", "type"),
    ("integer-code-assist", "assistance-list", "/items/0/code", 65, "/items/0/code", "type"),
    ("integer-region-code", "access-list", "/region/code", 441803, "/region/code", "type"),
    ("unknown-key", "purchase-catalog", f"{ITEM}/contnet", "x", ITEM, "additionalProperties"),
    (
        "unknown-key-list",
        "access-list",
        "/items/0/contnet",
        "x",
        "/items/0",
        "additionalProperties",
    ),
    ("unknown-top-key", "assistance-list", "/scop", "村民委员会", "", "additionalProperties"),
    (
        "provider-empty-text",
        "purchase-catalog",
        f"{ITEM}/providers",
        [""],
        f"{ITEM}/providers/0",
        "minLength",
    ),
    (
        "provider-empty",
        "purchase-catalog",
        f"{ITEM}/providers",
        [],
        f"{ITEM}/providers",
        "minItems",
    ),
    (
        "provider-duplicate",
        "purchase-catalog",
        f"{ITEM}/providers",
        ["企业", "企业"],
        f"{ITEM}/providers",
        "uniqueItems",
    ),
    (
        "basis-title-marks",
        "purchase-catalog",
        f"{ITEM}/basis/0/title",
        "《社会救助暂行办法》",
        f"{ITEM}/basis/0/title",
        "pattern",
    ),
    (
        "basis-level",
        "purchase-catalog",
        f"{ITEM}/basis/0/level",
        "法规",
        f"{ITEM}/basis/0/level",
        "enum",
    ),
    ("no-township", "purchase-catalog", f"{ITEM}/township", _DELETE, ITEM, "required"),
    ("township-string", "purchase-catalog", f"{ITEM}/township", "是", f"{ITEM}/township", "type"),
    ("no-content", "purchase-catalog", f"{ITEM}/content", _DELETE, ITEM, "required"),
    ("empty-name", "purchase-catalog", f"{ITEM}/name", "", f"{ITEM}/name", "minLength"),
    (
        "empty-children",
        "purchase-catalog",
        "/categories/0/children",
        [],
        "/categories/0/children",
        "minItems",
    ),
    ("no-categories", "purchase-catalog", "/categories", _DELETE, "", "required"),
    ("wrong-kind", "purchase-catalog", "/kind", "access-list", "/kind", "const"),
    ("schema-2", "access-list", "/schema", 2, "/schema", "const"),
    ("schema-string", "access-list", "/schema", "1", "/schema", "type"),
    ("year-range", "assistance-list", "/year", 1999, "/year", "minimum"),
    ("year-string", "assistance-list", "/year", "2025", "/year", "type"),
    ("region-pattern", "assistance-list", "/region/code", "44180", "/region/code", "pattern"),
    ("bad-date", "access-list", "/effective", "2025-1-1", "/effective", "pattern"),
    ("impossible-date", "access-list", "/effective", "2025-02-30", "/effective", "format"),
    ("no-issuer", "access-list", "/issuer", _DELETE, "", "required"),
    ("term-enum", "access-list", "/items/0/term", "永久", "/items/0/term", "enum"),
    (
        "negative-amount",
        "access-list",
        "/items/0/funding",
        {"amount": -1},
        "/items/0/funding/amount",
        "minimum",
    ),
    (
        "funding-required-type",
        "access-list",
        "/items/0/funding",
        {"required": "是"},
        "/items/0/funding/required",
        "type",
    ),
    (
        "approval-unknown-key",
        "access-list",
        "/approval",
        {"body": "区委常委会", "approver": "张三"},
        "/approval",
        "additionalProperties",
    ),
    (
        "excluded-no-reason",
        "access-list",
        "/excluded",
        [{"code": "FM-1", "name": "x"}],
        "/excluded/0",
        "required",
    ),
    ("scope-enum", "assistance-list", "/scope", "社区", "/scope", "enum"),
    ("item-no-content", "assistance-list", "/items/0/content", _DELETE, "/items/0", "required"),
    (
        "purchase-ref-int",
        "assistance-list",
        "/items/0/purchase_ref",
        101,
        "/items/0/purchase_ref",
        "type",
    ),
]


@pytest.mark.parametrize(
    ("kind", "pointer", "value", "at", "keyword"),
    [case[1:] for case in BAD],
    ids=[case[0] for case in BAD],
)
def test_bad_document(kind: str, pointer: str, value: Any, at: str, keyword: str) -> None:
    doc = DOCS[kind][0]()
    _set(doc, pointer, value)
    found = errors(load(KIND_FILES[kind]), doc)
    assert (at, keyword) in found, found


def test_incomplete_approval_is_left_to_the_approval_record_rule() -> None:
    doc = DOCS["access-list"][0]()
    _set(doc, "/approval", {"body": "区委常委会"})
    assert errors(load(KIND_FILES["access-list"]), doc) == []


@pytest.mark.parametrize("pointer", ["/approval", "/items/0/approval"])
def test_an_approval_may_name_the_meeting_instead_of_a_document_number(pointer: str) -> None:
    """FORMAT.md §1.2: `{body, date, meeting}` for a list or item adopted by a meeting's vote."""
    doc = access_full_doc()
    _set(doc, pointer, {"body": "区委全面深化改革领导小组", "date": "2018-02-01", "meeting": "第十八次会议"})
    assert errors(load(KIND_FILES["access-list"]), doc) == []
    _set(doc, f"{pointer}/meeting", "")
    assert errors(load(KIND_FILES["access-list"]), doc) == [(f"{pointer}/meeting", "minLength")]


PROVIDER_TYPES = ["企业", "社会组织", "事业单位", "农村集体经济组织", "基层群众性自治组织", "个人",
                  "农民专业合作组织", "公益性服务机构", "个体工商户"]


def test_provider_types_are_offered_to_editors_and_judged_by_the_provider_type_rule() -> None:
    """A repository may add provider types in its configuration, so the schema cannot hold a
    closed list: it offers the known types as examples (editors complete them) and leaves
    the judgement, including 财政部令第102号 第八条, to the rule provider-type."""
    schema = load(KIND_FILES["purchase-catalog"])
    items = schema["$defs"]["node"]["properties"]["providers"]["items"]
    assert "enum" not in items
    assert items["examples"] == PROVIDER_TYPES
    doc = catalog_doc()
    _set(doc, f"{ITEM}/providers", [*PROVIDER_TYPES, "供销合作社"])
    assert errors(schema, doc) == []


def test_catalog_typo_reports_unknown_key_and_missing_content() -> None:
    doc = catalog_doc()
    item = doc["categories"][0]["children"][0]["children"][0]
    item["contnet"] = item.pop("content")
    found = errors(load(KIND_FILES["purchase-catalog"]), doc)
    assert sorted(found) == [(ITEM, "additionalProperties"), (ITEM, "required")]


def test_catalog_directory_rejects_item_fields() -> None:
    doc = catalog_doc()
    doc["categories"][0]["content"] = "目录不写服务内容"
    found = errors(load(KIND_FILES["purchase-catalog"]), doc)
    assert found == [("/categories/0/content", "not")]


def test_catalog_leaf_at_any_depth_is_an_item() -> None:
    """A node without children must carry the item fields, even at level 1 (depth is a rule)."""
    doc = catalog_doc()
    doc["categories"].append({"code": "B", "name": "政府履职所需辅助性服务"})
    found = errors(load(KIND_FILES["purchase-catalog"]), doc)
    # one `required` error per missing key: content, township, providers
    assert found == [("/categories/1", "required")] * 3


def test_error_count_is_not_multiplied_by_recursion() -> None:
    doc = catalog_doc()
    _set(doc, f"{ITEM}/code", 65)
    assert errors(load(KIND_FILES["purchase-catalog"]), doc) == [(f"{ITEM}/code", "type")]


# --------------------------------------------------------------------------- bad config

BAD_CONFIG = [
    ("unknown-section", {"rule": {}}, "", "additionalProperties"),
    # propertyNames errors carry the inner keyword and the map's own path
    ("rule-id-case", {"rules": {"Duplicate_Name": "warning"}}, "/rules", "pattern"),
    ("rule-level", {"rules": {"duplicate-name": "fatal"}}, "/rules/duplicate-name", "anyOf"),
    ("rule-option-level", {"rules": {"x": {"level": "fatal"}}}, "/rules/x/level", "enum"),
    ("segments-empty", {"code_scheme": {"segments": []}}, "/code_scheme/segments", "minItems"),
    ("item-depth", {"code_scheme": {"item_depths": [10]}}, "/code_scheme/item_depths/0", "maximum"),
    ("scheme-typo", {"code_scheme": {"seperator": "."}}, "/code_scheme", "additionalProperties"),
    ("similarity", {"diff": {"similarity": 1.5}}, "/diff/similarity", "maximum"),
    ("max-depth", {"limits": {"max_depth": 1}}, "/limits/max_depth", "minimum"),
    ("max-nodes-type", {"limits": {"max_nodes": 1.5}}, "/limits/max_nodes", "type"),
    ("exclude-type", {"exclude": "drafts/**"}, "/exclude", "type"),
    ("lang", {"lang": "fr"}, "/lang", "enum"),
]


@pytest.mark.parametrize(
    ("config", "at", "keyword"), [c[1:] for c in BAD_CONFIG], ids=[c[0] for c in BAD_CONFIG]
)
def test_bad_config(config: dict[str, Any], at: str, keyword: str) -> None:
    found = errors(load(CONFIG_FILE), config)
    assert (at, keyword) in found, found


# --------------------------------------------------------------------------- output schemas

VALIDATE_EXAMPLE: dict[str, Any] = {
    "ok": False,
    "files": [
        {"file": "2025/catalog.yaml", "kind": "purchase-catalog", "items": 128},
        {"file": "broken.yaml", "kind": None, "items": 0},
    ],
    "problems": [
        {
            "file": "2025/catalog.yaml",
            "line": 14,
            "column": 13,
            "pointer": "/categories/0/children/0/children/1/code",
            "rule": "duplicate-code",
            "level": "error",
            "message": "编码 A0101 重复（首次出现在第 9 行）",
        },
        {
            "file": "broken.yaml",
            "line": 1,
            "column": 1,
            "pointer": "",
            "rule": "yaml-syntax",
            "level": "error",
            "message": "x",
        },
    ],
    "summary": {"files": 2, "errors": 2, "warnings": 0},
}

DIFF_EXAMPLE: dict[str, Any] = {
    "summary": {"added": 1, "removed": 1, "changed": 1, "recoded": 1, "header": 1},
    "changes": [
        {
            "type": "header",
            "kind": "purchase-catalog",
            "fields": {"title": {"old": "a", "new": "b"}},
        },
        {"type": "added", "kind": "purchase-catalog", "code": "A0105", "name": "..."},
        {
            "type": "removed",
            "kind": "access-list",
            "document": "2025/access.yaml",
            "section": "excluded",
            "code": "FM-001",
            "name": "...",
        },
        {
            "type": "changed",
            "kind": "purchase-catalog",
            "code": "A0101",
            "fields": {
                "content": {"old": "...", "new": "..."},
                "funding.amount": {"old": None, "new": 3},
            },
        },
        {
            "type": "recoded",
            "kind": "purchase-catalog",
            "old_code": "A0103",
            "new_code": "A0203",
            "name": "...",
            "fields": {},
        },
    ],
}


def test_validate_output_example() -> None:
    schema = load(VALIDATE_OUT_FILE)
    assert messages(schema, VALIDATE_EXAMPLE) == []
    with_infos = copy.deepcopy(VALIDATE_EXAMPLE)
    with_infos["summary"]["infos"] = 0
    assert messages(schema, with_infos) == []


def test_diff_output_example() -> None:
    schema = load(DIFF_OUT_FILE)
    assert messages(schema, DIFF_EXAMPLE) == []
    assert (
        messages(
            schema,
            {"summary": {"added": 0, "removed": 0, "changed": 0, "recoded": 0}, "changes": []},
        )
        == []
    )


BAD_VALIDATE = [
    ("line-zero", "/problems/0/line", 0, "/problems/0/line", "minimum"),
    ("level", "/problems/0/level", "off", "/problems/0/level", "enum"),
    ("pointer", "/problems/0/pointer", "categories/0", "/problems/0/pointer", "pattern"),
    ("kind-int", "/files/0/kind", 1, "/files/0/kind", "type"),
    ("no-rule", "/problems/0/rule", _DELETE, "/problems/0", "required"),
    ("extra", "/problems/0/hint", "x", "/problems/0", "additionalProperties"),
    ("summary", "/summary/errors", _DELETE, "/summary", "required"),
    ("ok", "/ok", "false", "/ok", "type"),
]


@pytest.mark.parametrize(
    ("pointer", "value", "at", "keyword"),
    [c[1:] for c in BAD_VALIDATE],
    ids=[c[0] for c in BAD_VALIDATE],
)
def test_bad_validate_output(pointer: str, value: Any, at: str, keyword: str) -> None:
    doc = copy.deepcopy(VALIDATE_EXAMPLE)
    _set(doc, pointer, value)
    assert (at, keyword) in errors(load(VALIDATE_OUT_FILE), doc)


BAD_DIFF = [
    ("type", "/changes/1/type", "moved", "/changes/1/type", "enum"),
    ("added-no-name", "/changes/1/name", _DELETE, "/changes/1", "required"),
    ("changed-no-fields", "/changes/3/fields", _DELETE, "/changes/3", "required"),
    ("changed-empty-fields", "/changes/3/fields", {}, "/changes/3/fields", "minProperties"),
    (
        "field-shape",
        "/changes/3/fields/content",
        {"old": 1},
        "/changes/3/fields/content",
        "required",
    ),
    ("recoded-no-new-code", "/changes/4/new_code", _DELETE, "/changes/4", "required"),
    ("recoded-with-code", "/changes/4/code", "A0203", "/changes/4", "additionalProperties"),
    ("header-no-fields", "/changes/0/fields", _DELETE, "/changes/0", "required"),
    ("header-with-section", "/changes/0/section", "items", "/changes/0", "additionalProperties"),
    ("no-kind", "/changes/1/kind", _DELETE, "/changes/1", "required"),
    ("summary", "/summary/recoded", -1, "/summary/recoded", "minimum"),
]


@pytest.mark.parametrize(
    ("pointer", "value", "at", "keyword"), [c[1:] for c in BAD_DIFF], ids=[c[0] for c in BAD_DIFF]
)
def test_bad_diff_output(pointer: str, value: Any, at: str, keyword: str) -> None:
    doc = copy.deepcopy(DIFF_EXAMPLE)
    _set(doc, pointer, value)
    assert (at, keyword) in errors(load(DIFF_OUT_FILE), doc)
