"""The workbook code asks the kinds: one column model for writing and reading, codecs as objects, no kind ids."""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import Any

import pytest

from catalogtool import kinds
from catalogtool.excel.read.published_header import header_words
from catalogtool.kinds import codecs
from catalogtool.kinds.columns import Column
from catalogtool.yaml_writer import dump_document

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "catalogtool"

# Every header word a published catalog table was read by before the column model held them: none may be lost.
PUBLISHED_WORDS = {
    "seq": ("序号", "编号序号"),
    "code": ("编码", "代码", "目录编码", "事项编码", "分类编码", "目录代码", "编号"),
    "level1": ("一级目录", "一级", "一级分类", "一级目录名称", "一级事项"),
    "level2": ("二级目录", "二级", "二级分类", "二级目录名称", "二级事项"),
    "level3": ("三级目录", "三级", "三级分类", "三级目录名称", "三级事项"),
    "level4": ("四级目录", "四级", "四级分类", "四级目录名称", "四级事项"),
    "content": ("服务内容", "具体内容", "内容", "服务内容及要求", "主要内容", "服务内容说明", "内容说明",
                "服务内容描述", "事项内容", "服务说明", "具体服务内容"),
    "providers": ("承接主体", "承接主体类型", "承接主体范围", "承接主体要求"),
    "township": ("乡镇适用", "乡镇是否适用", "是否适用乡镇", "适用乡镇", "乡镇可购买", "是否乡镇适用"),
    "basis": ("设定依据", "依据", "政策依据", "法律依据", "设立依据", "法规政策依据", "购买依据"),
    "notes": ("备注",),
    "purchasers": ("购买主体",),
    "procurement_code": ("采购品目", "政府采购品目", "采购品目编码", "品目编码", "政府采购品目编码"),
    "description": ("说明",),
}


def _role(column: Column) -> str:
    if column.role == "level":
        return f"level{column.level}"
    return column.role if column.path is None else column.path[0]


def _published_table() -> Any:
    [kind] = [kind for kind in kinds.KINDS.values() if kind.published is not None]
    assert kind.published is not None
    section = kind.section(kind.published.section)
    assert section is not None and section.table is not None
    return section.table


def test_published_tables_are_read_by_the_columns_export_writes() -> None:
    words = header_words(_published_table())
    assert {word: _role(column) for word, column in words.items()} == {
        word: key for key, names in PUBLISHED_WORDS.items() for word in names
    }
    exported = {column.header: column for column in _published_table().columns(4) if column.role != "reserved"}
    for word, column in words.items():
        assert exported[column.header] == column, word  # the very column export writes, codec and all


def test_every_section_has_a_table_whose_fields_have_codecs() -> None:
    for kind in kinds.KINDS.values():
        assert kind.exportable
        for section in kind.sections:
            assert section.table is not None and section.key_order is not None
            for column in section.table.columns():
                assert isinstance(column.codec, codecs.Codec)


@pytest.mark.parametrize(("codec", "value"), [
    (codecs.TEXT, "社区养老服务"),
    (codecs.CODE, "0101"),
    (codecs.BOOL, True),
    (codecs.BOOL, False),
    (codecs.NUMBER, 12000),
    (codecs.NUMBER, 0.5),
    (codecs.LIST, ["社会组织", "企业"]),
    (codecs.BASIS, [{"level": "行政法规", "title": "社会救助暂行办法", "article": "第十三条"}]),
    (codecs.DATE, "2025-01-10"),
])
def test_a_codec_reads_back_what_it_writes(codec: codecs.Codec, value: Any) -> None:
    assert codec.decode(codec.encode(value)) == value


def test_a_codec_refuses_a_cell_it_cannot_read_with_a_bilingual_message() -> None:
    with pytest.raises(codecs.CellValueError) as error:
        codecs.BOOL.decode("也许")
    assert "“是”或“否”" in error.value.message.zh and "yes" in error.value.message.en
    with pytest.raises(codecs.CellValueError):
        codecs.NUMBER.decode("一万")


def test_yaml_keys_follow_each_kinds_order() -> None:
    access = {"kind": "access-list", "items": [{"notes": "n", "funding": {"source": "s", "required": True},
                                                "name": "甲", "code": "ZR-1"}]}
    assert dump_document(access).splitlines()[1:] == [
        "items:", '  - code: "ZR-1"', "    name: 甲", "    funding: {required: true, source: s}", "    notes: n"]
    catalog = {"categories": [{"children": [{"name": "乙", "code": "A01"}], "name": "甲", "code": "A"}],
               "kind": "purchase-catalog"}
    assert dump_document(catalog).splitlines() == [
        "kind: purchase-catalog", "categories:", '  - code: "A"', "    name: 甲", "    children:",
        '      - code: "A01"', "        name: 乙"]


def _modules(*parts: str) -> list[Path]:
    return [path for part in parts for path in ((PACKAGE / part).rglob("*.py") if (PACKAGE / part).is_dir()
                                                else [PACKAGE / part])]


EXCEL_AND_ITS_HELPERS = ("excel", "townships.py", "sources.py", "export_inputs.py", "import_check.py",
                         "imported.py", "yaml_writer.py", "cli/export.py", "cli/import_.py")


@pytest.mark.parametrize("path", _modules(*EXCEL_AND_ITS_HELPERS), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_the_workbook_code_asks_the_kind_and_stays_small(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    ids = "|".join(re.escape(kind_id) for kind_id in kinds.KINDS)
    assert not re.search(f"[\"']({ids})[\"']", text), "ask the kind (catalogtool.kinds), never its id"
    assert len(text.splitlines()) <= 400


def test_excel_only_writes_and_reads_workbooks() -> None:
    """Validating and comparing documents is the commands' work; the pure column model never needs openpyxl."""
    for path in _modules("excel"):
        imported = {node.module for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
                    if isinstance(node, ast.ImportFrom) and node.module}
        assert not imported & {"catalogtool.engine", "catalogtool.diff.core", "catalogtool.loader"}, path
    for path in _modules("kinds", "sources.py", "imported.py", "import_check.py", "export_inputs.py",
                         "yaml_writer.py"):
        source = path.read_text(encoding="utf-8")
        assert not re.search(r"^\s*(from|import) (openpyxl|typer|rich|catalogtool\.(excel|cli|reporters))\b",
                             source, re.MULTILINE), path
