"""The diff core (matching, recodes, field comparison, apply) and its renderers, on small documents."""

from __future__ import annotations

import copy
import json
import os
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from catalogtool.diff.apply import apply, normalize
from catalogtool.diff.changes import Change, FieldChange
from catalogtool.diff.core import compare, compare_sets
from catalogtool.diff.pieces import field_pieces, text_pieces
from catalogtool.diff.render_json import diff_object, render_json
from catalogtool.diff.render_markdown import cell, render_markdown
from catalogtool.diff.render_text import render_text
from catalogtool.diff.similarity import bigrams, dice, similarity

DATA = Path(__file__).parent / "data"
CATALOG = "purchase-catalog"
ACCESS = "access-list"
ASSIST = "assistance-list"


def header(kind: str, **extra: Any) -> dict[str, Any]:
    return {
        "kind": kind,
        "schema": 1,
        "title": "清新区目录",
        "region": {"code": "441803", "name": "清远市清新区"},
        "year": 2025,
        "issuer": "清远市清新区财政局",
        **extra,
    }


def item(code: str, name: str, content: str, **extra: Any) -> dict[str, Any]:
    return {"code": code, "name": name, "content": content, "township": True, "providers": ["社会组织"], **extra}


ELDER = "为辖区特困、失能老年人提供居家上门照料、助餐、助浴等服务"
CHILD = "为农村留守儿童提供课后托管、学业辅导和心理疏导服务"
DISABLED = "为残疾人提供康复训练、辅助器具适配和托养照护服务"
CORRECTION = "协助司法所开展社区矫正对象教育帮扶和心理矫治"


def catalog() -> dict[str, Any]:
    return header(
        CATALOG,
        categories=[
            {"code": "A", "name": "公共服务", "children": [
                {"code": "A01", "name": "基本公共服务", "children": [
                    item("A0101", "养老服务", ELDER),
                    item("A0102", "儿童关爱服务", CHILD),
                    {"code": "A0103", "name": "残疾人服务", "children": [
                        item("A010301", "残疾人康复服务", DISABLED),
                    ]},
                ]},
                {"code": "A02", "name": "社会事务服务", "children": [
                    item("A0201", "社区矫正", CORRECTION),
                ]},
            ]},
        ],
    )


def node(doc: dict[str, Any], *codes: str) -> dict[str, Any]:
    """The catalog node reached by following codes from the root."""
    nodes = doc["categories"]
    found: dict[str, Any] = {}
    for code in codes:
        found = next(n for n in nodes if n["code"] == code)
        nodes = found.get("children", [])
    return found


def summary(changes: list[Change]) -> list[tuple[str, str, str]]:
    return [(c.type, c.section, c.old_code + ">" + c.new_code if c.type == "recoded" else c.code) for c in changes]


def roundtrips(old: dict[str, Any], new: dict[str, Any], kind: str) -> None:
    changes = compare(old, new, kind=kind)
    rebuilt = apply(old, changes)
    assert normalize(rebuilt) == normalize(new)
    assert compare(rebuilt, new, kind=kind) == []


# --------------------------------------------------------------------------- field comparison


def test_identical_documents_have_no_changes() -> None:
    assert compare(catalog(), catalog(), kind=CATALOG) == []


def test_changed_fields_old_and_new() -> None:
    old, new = catalog(), catalog()
    node(new, "A", "A01", "A0101")["content"] = ELDER.replace("助浴", "助浴、助洁")
    node(new, "A", "A01", "A0101")["township"] = False
    changes = compare(old, new, kind=CATALOG)
    assert summary(changes) == [("changed", "items", "A0101")]
    fields = changes[0].fields
    assert fields["content"].old == ELDER
    assert fields["township"] == FieldChange(True, False)
    assert changes[0].old is not None and changes[0].old["_path"] == ["公共服务", "基本公共服务"]
    assert changes[0].new is not None and changes[0].new["_parents"] == ["A", "A01"]
    roundtrips(old, new, CATALOG)


def test_set_like_lists_ignore_order_and_repeats() -> None:
    old, new = catalog(), catalog()
    node(old, "A", "A01", "A0101")["providers"] = ["社会组织", "企业"]
    node(new, "A", "A01", "A0101")["providers"] = ["企业", "社会组织", "企业"]
    basis = [{"level": "法律", "title": "甲法"}, {"level": "行政法规", "title": "乙条例", "article": "第三条"}]
    node(old, "A", "A01", "A0101")["basis"] = basis
    node(new, "A", "A01", "A0101")["basis"] = [dict(reversed(list(b.items()))) for b in reversed(basis)]
    assert compare(old, new, kind=CATALOG) == []
    node(new, "A", "A01", "A0101")["providers"] = ["企业"]
    changes = compare(old, new, kind=CATALOG)
    assert list(changes[0].fields) == ["providers"]


def test_nested_mappings_compare_by_dotted_field() -> None:
    old = header(ACCESS, items=[{"code": "ZR-001", "name": "核查", "funding": {"required": True, "source": "区财政", "amount": 12000}}])
    new = copy.deepcopy(old)
    new["items"][0]["funding"]["source"] = "区财政专项"
    new["items"][0]["funding"]["amount"] = 12000.0  # same number
    changes = compare(old, new, kind=ACCESS)
    assert changes[0].fields == {"funding.source": FieldChange("区财政", "区财政专项")}
    roundtrips(old, new, ACCESS)


def test_missing_and_null_are_the_same_but_types_are_not() -> None:
    old = header(ASSIST, items=[{"code": "XZ-001", "name": "协助", "notes": None, "purchase_ref": "A0101"}])
    new = header(ASSIST, items=[{"code": "XZ-001", "name": "协助", "purchase_ref": "A0101"}])
    assert compare(old, new, kind=ASSIST) == []
    new["items"][0]["funding"] = {"amount": 1}
    old["items"][0]["funding"] = {"amount": True}
    assert list(compare(old, new, kind=ASSIST)[0].fields) == ["funding.amount"]


def test_header_changes_are_one_change() -> None:
    old, new = catalog(), catalog()
    new["title"] = "清新区目录（2025年版）"
    new["region"]["name"] = "清新区"
    new["document_number"] = "清新财〔2025〕12号"
    changes = compare(old, new, kind=CATALOG)
    assert [c.type for c in changes] == ["header"]
    assert list(changes[0].fields) == ["title", "region.name", "document_number"]
    assert changes[0].fields["document_number"].old is None
    roundtrips(old, new, CATALOG)


# --------------------------------------------------------------------------- recodes


def test_recode_is_reported_once() -> None:
    old = header(ASSIST, items=[item("XZ-007", "兵役登记协助", "协助做好兵役登记和征兵宣传")])
    new = header(ASSIST, items=[item("XZ-014", "兵役登记协助", "协助做好兵役登记和征兵宣传")])
    changes = compare(old, new, kind=ASSIST)
    assert summary(changes) == [("recoded", "items", "XZ-007>XZ-014")]
    assert changes[0].code == "XZ-014" and changes[0].fields == {} and changes[0].similarity == 1.0
    roundtrips(old, new, ASSIST)


def test_recode_with_small_edit_reports_the_edit() -> None:
    old = header(ASSIST, items=[item("XZ-001", "社会救助协助", "协助做好困难排查、信息报送、宣传引导、公示监督")])
    new = header(ASSIST, items=[item("XZ-101", "社会救助协助", "协助做好困难排查、信息报送、宣传引导、公示监督和回访")])
    changes = compare(old, new, kind=ASSIST)
    assert summary(changes) == [("recoded", "items", "XZ-001>XZ-101")]
    assert list(changes[0].fields) == ["content"]
    roundtrips(old, new, ASSIST)


def test_dissimilar_items_are_removed_and_added_and_threshold_is_configurable() -> None:
    old = header(ASSIST, items=[item("XZ-001", "森林防火宣传", "协助开展森林防火宣传，劝阻野外用火")])
    new = header(ASSIST, items=[item("XZ-002", "森林防火巡查", "协助开展森林防火巡查，劝阻野外违规用火并报告火情")])
    score = similarity(old["items"][0], new["items"][0])
    assert 0.5 < score < 0.8
    assert sorted(summary(compare(old, new, kind=ASSIST))) == [("added", "items", "XZ-002"), ("removed", "items", "XZ-001")]
    assert summary(compare(old, new, kind=ASSIST, similarity=0.5)) == [("recoded", "items", "XZ-001>XZ-002")]


def test_recodes_pair_best_first() -> None:
    a = "为残疾人提供康复训练和辅助器具适配服务"
    b = "为残疾人提供康复训练和就业辅导服务"
    old = header(ASSIST, items=[item("XZ-001", "残疾人服务", a), item("XZ-002", "残疾人服务", b)])
    new = header(ASSIST, items=[item("XZ-011", "残疾人服务", b), item("XZ-012", "残疾人服务", a)])
    changes = compare(old, new, kind=ASSIST, similarity=0.5)
    assert sorted(summary(changes)) == [("recoded", "items", "XZ-001>XZ-012"), ("recoded", "items", "XZ-002>XZ-011")]


def test_a_code_still_present_is_never_a_recode() -> None:
    # A0102 stays (reworded beyond recognition); a new A0105 copies its old text: that is an addition.
    old, new = catalog(), catalog()
    node(new, "A", "A01", "A0102")["content"] = "全新的内容，与原来完全不同"
    node(new, "A", "A01")["children"].append(item("A0105", "儿童关爱服务", CHILD))
    assert sorted(summary(compare(old, new, kind=CATALOG))) == [("added", "items", "A0105"), ("changed", "items", "A0102")]


def test_moving_an_item_to_another_parent_is_a_recode() -> None:
    old, new = catalog(), catalog()
    moved = node(new, "A", "A01")["children"].pop(1)
    moved["code"] = "A0202"
    node(new, "A", "A02")["children"].append(moved)
    changes = compare(old, new, kind=CATALOG)
    assert summary(changes) == [("recoded", "items", "A0102>A0202")]
    assert changes[0].old is not None and changes[0].old["_path"] == ["公共服务", "基本公共服务"]
    assert changes[0].new is not None and changes[0].new["_path"] == ["公共服务", "社会事务服务"]
    roundtrips(old, new, CATALOG)


def test_same_code_under_another_parent_reports_the_path() -> None:
    # Only possible under a custom code scheme: the code stays, the parent changes.
    old, new = catalog(), catalog()
    moved = node(new, "A", "A01")["children"].pop(0)
    node(new, "A", "A02")["children"].append(moved)
    changes = compare(old, new, kind=CATALOG)
    assert summary(changes) == [("changed", "items", "A0101")]
    assert changes[0].fields["_path"] == FieldChange(["公共服务", "基本公共服务"], ["公共服务", "社会事务服务"])
    roundtrips(old, new, CATALOG)


def test_similarity_reads_characters_not_forms() -> None:
    assert dice(bigrams(["養老服務"]), bigrams(["养老服务"])) == 1.0
    assert dice(bigrams(["养老 服务（居家）"]), bigrams(["养老服务(居家)"])) == 1.0
    assert dice(bigrams(["服"]), bigrams(["服"])) == 1.0
    assert dice(bigrams([""]), bigrams([""])) == 0.0
    # Order of clauses hardly matters with bigrams:
    assert dice(bigrams(["助餐、助浴、助洁"]), bigrams(["助洁、助餐、助浴"])) > 0.6


# --------------------------------------------------------------------------- catalog directories


def test_directory_rename_is_a_categories_change() -> None:
    old, new = catalog(), catalog()
    node(new, "A", "A02")["name"] = "社会事务类服务"
    changes = compare(old, new, kind=CATALOG)
    assert summary(changes) == [("changed", "categories", "A02")]
    assert changes[0].fields == {"name": FieldChange("社会事务服务", "社会事务类服务")}
    assert changes[0].to_dict()["section"] == "categories"
    roundtrips(old, new, CATALOG)


def test_directory_added_and_removed_with_their_items() -> None:
    old, new = catalog(), catalog()
    node(new, "A")["children"].pop(1)
    node(new, "A")["children"].append(
        {"code": "A03", "name": "就业创业服务", "children": [item("A0301", "零工市场运营", "运营零工市场，提供供需匹配")]}
    )
    assert sorted(summary(compare(old, new, kind=CATALOG))) == [
        ("added", "categories", "A03"),
        ("added", "items", "A0301"),
        ("removed", "categories", "A02"),
        ("removed", "items", "A0201"),
    ]
    roundtrips(old, new, CATALOG)


def test_renumbered_directory_recodes_it_and_its_items() -> None:
    old, new = catalog(), catalog()
    a02 = node(new, "A", "A02")
    a02["code"] = "A05"
    a02["children"][0]["code"] = "A0501"
    assert summary(compare(old, new, kind=CATALOG)) == [
        ("recoded", "categories", "A02>A05"),
        ("recoded", "items", "A0201>A0501"),
    ]
    roundtrips(old, new, CATALOG)


def test_item_becoming_level_four() -> None:
    old, new = catalog(), catalog()
    moved = node(new, "A", "A01")["children"].pop(0)
    moved["code"] = "A010302"
    node(new, "A", "A01", "A0103")["children"].append(moved)
    changes = compare(old, new, kind=CATALOG)
    assert summary(changes) == [("recoded", "items", "A0101>A010302")]
    roundtrips(old, new, CATALOG)


# --------------------------------------------------------------------------- lists


def test_access_list_items_and_excluded_are_separate_sections() -> None:
    old = header(ACCESS, items=[{"code": "ZR-001", "name": "低保核查", "content": "协助核查"}],
                 excluded=[{"code": "FM-001", "name": "招商引资任务指标", "reason": "民发〔2015〕136号 明确取消"}])
    new = copy.deepcopy(old)
    new["excluded"][0]["reason"] = "民发〔2015〕136号 明确取消，不得下派"
    new["excluded"].append({"code": "FM-002", "name": "协税护税任务", "reason": "民发〔2015〕136号 明确取消"})
    changes = compare(old, new, kind=ACCESS)
    assert summary(changes) == [("changed", "excluded", "FM-001"), ("added", "excluded", "FM-002")]
    roundtrips(old, new, ACCESS)


def test_malformed_entries_do_not_break_the_diff() -> None:
    old = header(ASSIST, items=[{"code": "XZ-1", "name": "甲"}, {"code": "XZ-1", "name": "乙"}, "junk", {"name": "无编码"}])
    new = header(ASSIST, items=[{"code": "XZ-1", "name": "甲"}, {"code": 65, "name": "八进制"}])
    changes = compare(old, new, kind=ASSIST)
    assert ("added", "items", "65") in summary(changes)
    assert compare(old, old, kind=ASSIST) == []


def test_compare_sets_pairs_by_path_then_by_kind() -> None:
    old_docs = {"catalog-2024.yaml": catalog(), "access.yaml": header(ACCESS, items=[]), "gone.yaml": header(ASSIST, items=[item("XZ-1", "甲", "甲事项")])}
    new = catalog()
    new["year"] = 2026
    new_docs = {"catalog-2025.yaml": new, "access.yaml": header(ACCESS, items=[]), "other.yaml": {"townships": []}}
    changes = compare_sets(old_docs, new_docs)
    assert [(c.document, c.type) for c in changes] == [
        ("catalog-2025.yaml", "header"),
        ("gone.yaml", "header"),
        ("gone.yaml", "removed"),
    ]
    assert changes[1].fields["title"].new is None


# --------------------------------------------------------------------------- output


def example_changes() -> list[Change]:
    old, new = catalog(), catalog()
    new["title"] = "清新区目录（2025年版）"
    node(new, "A", "A01", "A0101")["content"] = ELDER.replace("助浴", "助浴、助洁")
    node(new, "A", "A01", "A0101")["providers"] = ["社会组织", "企业"]
    node(new, "A", "A01")["children"].pop(1)
    moved = node(new, "A", "A02")["children"].pop(0)
    moved["code"] = "A0104"
    node(new, "A", "A01")["children"].append(moved)
    node(new, "A", "A02")["children"].append(item("A0202", "法律援助|咨询", "提供<免费>法律咨询\n和代理"))
    return compare(old, new, kind=CATALOG)


def test_json_output_matches_the_published_schema() -> None:
    schema = json.loads((DATA / "diff-output.schema.json").read_text(encoding="utf-8"))
    text = render_json(example_changes())
    data = json.loads(text)
    jsonschema.validate(data, schema)
    assert "助洁" in text  # not \\u escaped
    assert data["summary"] == {"added": 1, "removed": 1, "changed": 1, "recoded": 1, "header": 1}
    assert diff_object([]) == {"summary": {"added": 0, "removed": 0, "changed": 0, "recoded": 0, "header": 0}, "changes": []}


def test_text_pieces_show_whole_edits() -> None:
    assert text_pieces("提供助餐服务", "提供助餐、助浴服务") == [("equal", "提供助餐"), ("insert", "、助浴"), ("equal", "服务")]
    # one kept character between two edits is folded into them
    assert text_pieces("甲乙丙", "丁乙戊") == [("delete", "甲乙丙"), ("insert", "丁乙戊")]
    pieces, sep = field_pieces("township", True, False, "zh")
    assert pieces == [("delete", "是"), ("insert", "否")] and sep == " → "


def test_markdown_cells_are_escaped() -> None:
    assert cell("a|b\nc<d>") == "a\\|b<br>c&lt;d&gt;"
    text = render_markdown(example_changes(), old_label="2024", new_label="2025")
    for line in text.splitlines():
        if line.startswith("|"):
            assert line.endswith("|")
            # every row of a table has as many unescaped separators as its header
    assert "法律援助\\|咨询" in text
    assert "&lt;免费&gt;法律咨询<br>和代理" in text
    assert "<ins>、助洁</ins>" in text
    assert "#### 重新编码（1）" in text


def test_markdown_folds_long_sections() -> None:
    old = header(ASSIST, items=[])
    new = header(ASSIST, items=[item(f"XZ-{i:03}", f"事项{i}", f"内容{i}" * 5) for i in range(12)])
    text = render_markdown(compare(old, new, kind=ASSIST), lang="en")
    assert "<details>" in text and "<summary><b>added (12)</b></summary>" in text


def test_text_output_plain_and_coloured() -> None:
    changes = example_changes()
    plain = render_text(changes, old_label="2024", new_label="2025")
    assert "\x1b[" not in plain
    assert "{+、助洁+}" in plain and "重新编码" in plain and "A0201 → A0104" in plain
    coloured = render_text(changes, color=True, lang="en")
    assert "\x1b[" in coloured and "recoded" in coloured
    assert render_text([], lang="zh").strip() == "没有变更。"


@pytest.mark.parametrize("kind", [CATALOG, ACCESS, ASSIST])
def test_document_added_or_removed_entirely(kind: str) -> None:
    doc = catalog() if kind == CATALOG else header(kind, items=[item("X-1", "甲", "甲事项")])
    added = compare(None, doc, kind=kind)
    assert added[0].type == "header" and {c.type for c in added[1:]} == {"added"}
    assert normalize(apply({}, added, kind=kind)) == normalize(doc)
    removed = compare(doc, None, kind=kind)
    assert {c.type for c in removed[1:]} == {"removed"}


def test_a_kind_catalogtool_does_not_know_is_compared_as_a_plain_items_list() -> None:
    old = header("township-list", items=[item("T-1", "甲", "甲事项"), item("T-2", "乙", "乙事项")],
                 excluded=[{"code": "X-1", "name": "丙", "reason": "理由"}])
    new = copy.deepcopy(old)
    new["items"][0]["content"] = "甲事项（修订）"
    new["items"][1]["code"] = "T-9"
    new["excluded"][0]["reason"] = "新的理由"
    changes = compare(old, new, kind="township-list")
    # `excluded` is no section of an unknown kind: it is part of the header.
    assert summary(changes) == [("header", "items", ""), ("changed", "items", "T-1"), ("recoded", "items", "T-2>T-9")]
    assert "excluded" in changes[0].fields and {c.section for c in changes} == {"items"}
    assert changes[1].old is not None and "_path" not in changes[1].old
    assert normalize(apply(old, changes)) == normalize(new)
    assert "township-list" in render_text(changes)


@pytest.mark.parametrize("threshold", [0.3, 0.5, 0.8, 0.95])
def test_fast_recode_pairing_equals_brute_force(threshold: float) -> None:
    """The exact-match shortcut and prefix filtering pick the same pairs as scoring every pair."""
    import random

    from catalogtool.diff.entries import Entry
    from catalogtool.diff.similarity import pair_recodes

    rnd = random.Random(threshold)
    alphabet = "养老服务助餐浴洁残疾人康复训练就业辅导社区矫正"

    def entry(code: str) -> Any:
        return Entry(code, {"name": "".join(rnd.choices(alphabet, k=rnd.randint(1, 6))),
                                  "content": "".join(rnd.choices(alphabet, k=rnd.randint(0, 14)))})

    for _ in range(30):
        removed = [entry(f"R{i:02}") for i in range(rnd.randint(0, 12))]
        added = [entry(f"N{i:02}") for i in range(rnd.randint(0, 12))]
        added += [Entry(f"N{50 + i}", dict(e.data)) for i, e in enumerate(removed[:3])]  # exact copies
        grams = {id(e): bigrams([e.data["name"], e.data["content"]]) for e in removed + added}
        scored = sorted(((dice(grams[id(o)], grams[id(n)]), o.code, n.code) for o in removed for n in added),
                        key=lambda c: (-c[0], c[1], c[2]))
        expected, taken = [], set()
        for score, o, n in scored:
            if score >= threshold and o not in taken and n not in taken:
                taken |= {o, n}
                expected.append((o, n))
        got = pair_recodes(removed, added, ("name", "content"), threshold)
        assert sorted((o.code, n.code) for o, n, _ in got) == sorted(expected)


def test_directory_rows_say_they_are_directories() -> None:
    old, new = catalog(), catalog()
    node(new, "A", "A02")["name"] = "社会事务类服务"
    changes = compare(old, new, kind=CATALOG)
    assert "（二级目录）" in render_text(changes)  # the name column may wrap before it
    assert "社会事务类服务（二级目录）" in render_markdown(changes)
    assert "社会事务类服务 (level-2 directory)" in render_markdown(changes, lang="en")


def test_changes_come_in_the_same_order_whatever_the_hash_seed(tmp_path) -> None:
    """Two entries under one repeated code: their changes are listed in document order in every run."""
    import subprocess
    import sys

    old = tmp_path / "old.yaml"
    old.write_text(
        "kind: purchase-catalog\nschema: 1\ntitle: t\nregion: {code: \"441803\", name: 清远市清新区}\nyear: 2025\n"
        "issuer: x\ncategories:\n  - code: A\n    name: 公共服务\n    children:\n      - code: A01\n"
        "        name: 基本公共服务\n        children:\n"
        "          - {code: A0101, name: 养老服务, content: 甲, township: true, providers: [企业]}\n"
        "          - {code: A0101, name: 助餐服务, content: 乙, township: true, providers: [企业]}\n",
        encoding="utf-8")
    new = tmp_path / "new.yaml"
    new.write_text(old.read_text(encoding="utf-8").replace("甲", "甲甲").replace("乙", "乙乙"), encoding="utf-8")
    outputs = set()
    for seed in ("1", "2", "3", "4", "5", "6"):
        done = subprocess.run([sys.executable, "-m", "catalogtool", "diff", str(old), str(new), "--format", "json"],
                              capture_output=True, text=True, env={**os.environ, "PYTHONHASHSEED": seed}, timeout=60)
        assert done.returncode == 0, done.stderr
        outputs.add(done.stdout)
    assert len(outputs) == 1
