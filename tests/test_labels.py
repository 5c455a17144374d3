"""One name per field everywhere: the diff, the workbook's columns, cover and comparison sheet (issue 7.18)."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml

from catalogtool.diff.core import compare
from catalogtool.diff.render_markdown import render_markdown
from catalogtool.diff.render_text import render_text
from catalogtool.labels import field_label

ROOT = Path(__file__).resolve().parent.parent
ACCESS = yaml.safe_load((ROOT / "examples" / "2025" / "access-list.yaml").read_text(encoding="utf-8"))


def _dated(date: str) -> dict:
    doc = copy.deepcopy(ACCESS)
    doc["approval"]["date"] = date
    return doc


def test_the_diff_names_the_approval_date_as_the_workbook_does() -> None:
    from catalogtool.excel.write.context import HEADER_LABELS
    from catalogtool.kinds.sheets.access_list import ITEMS_TABLE

    ACCESS_COLUMNS = ITEMS_TABLE.columns()
    from catalogtool.excel.write.compare_sheet import change_row

    changes = compare(_dated("2025-01-10"), _dated("2025-01-20"), kind="access-list")
    [column] = [c.header for c in ACCESS_COLUMNS if c.path == ("approval", "date")]
    assert column == HEADER_LABELS["approval.date"] == "批准日期"
    assert "批准日期：2025-01-10 → 2025-01-20" in render_text(changes)
    assert "**批准日期**" in render_markdown(changes)
    assert "批准日期：2025-01-10 → 2025-01-20" in change_row(changes[0])[8]
    assert "approval date: 2025-01-10 → 2025-01-20" in change_row(changes[0], "en")[8]
    for output in (render_text(changes), render_markdown(changes), str(change_row(changes[0]))):
        assert "审批" not in output and "审定" not in output


@pytest.mark.parametrize("section", ["catalog", "access", "assistance", "excluded"])
def test_every_column_header_is_its_fields_label(section: str) -> None:
    """The workbook's headers are the import contract; the diff must call the fields the same."""
    from catalogtool.kinds import KINDS
    from catalogtool.kinds.sheets.purchase_catalog import TABLE as CATALOG_TABLE

    SECTION_COLUMNS = {s.sheet_id: s.table.columns() for kind in KINDS.values() for s in kind.sections if s.table}
    catalog_columns = CATALOG_TABLE.columns

    kind = {"catalog": "purchase-catalog", "excluded": "access-list"}.get(section, f"{section}-list")
    columns = catalog_columns(4) if section == "catalog" else SECTION_COLUMNS[section]
    fields = [c for c in columns if c.role == "field" and c.path]
    assert fields
    for column in fields:
        assert column.header == field_label(".".join(column.path or ()), "zh", kind), column


def test_a_mapping_value_names_its_keys_as_nested_fields() -> None:
    old = {"kind": "access-list", "items": [{"code": "ZR-1", "name": "甲", "content": "x"}]}
    new = copy.deepcopy(old)
    new["items"][0]["funding"] = {"required": True, "source": "区财政"}
    changes = compare(old, new, kind="access-list")
    assert "经费：{+需要经费：是；经费来源：区财政+}" in render_text(changes)
    assert "funding: {+funding required: yes; funding source: 区财政+}" in render_text(changes, lang="en")
    assert "required" not in render_text(changes)


def test_labels_exist_in_both_languages() -> None:
    from catalogtool.kinds import KINDS
    from catalogtool.labels import FIELD_LABELS

    pairs = list(FIELD_LABELS.values()) + [p for kind in KINDS.values() for p in kind.field_labels.values()]
    for label in pairs:
        assert label.zh and label.en and label.zh != label.en
        assert label.en.isascii()
    assert field_label("approval.date", "en") == "approval date"
    assert field_label("funding.unknown", "zh") == "经费·unknown"
