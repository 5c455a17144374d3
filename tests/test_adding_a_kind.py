"""docs/adding-a-kind.md kept true: a new kind of document is its module, its schema, an example and
its rule cases, and every command then works with it.

tests/kinds_example/ holds the four things the walk-through adds for its example
kind, `certificate-list` (村（居）民委员会出具证明事项清单).  Each test registers
the kind for its own duration only and drives the commands as a user would:
`validate` (the example passes; planted errors are placed at file:line:column
under the right rule; the JSON report counts the items), `schema`, `diff`, and
`export` then `import` back to the same data.  Its rule cases run through the
very test that runs tests/rules/cases/.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
from pathlib import Path
from types import ModuleType

import openpyxl
import pytest
import test_schemas_static as shipped_schemas
import yaml
from rules import test_rule_cases as rule_cases
from typer.testing import CliRunner

from catalogtool.cli.main import app
from catalogtool.errors import CatalogToolError
from catalogtool.kinds import KINDS, Kind
from catalogtool.rules import RULES
from catalogtool.schemas import load_schema, schema_names, schema_text

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "tests" / "kinds_example"
MODULE = EXAMPLE / "certificate_list.py"
SCHEMA = EXAMPLE / "certificate-list.schema.json"
DOCUMENT = EXAMPLE / "certificate-list.yaml"
CASES = sorted((EXAMPLE / "cases").glob("*.yaml"))


def _load_module() -> ModuleType:
    """The kind module, imported from its file: it is no module of the package."""
    spec = importlib.util.spec_from_file_location("kinds_example_certificate_list", MODULE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


EXAMPLE_KIND: Kind = _load_module().KIND


@pytest.fixture
def kind(monkeypatch: pytest.MonkeyPatch) -> Kind:
    """The example kind, in the registry for this test only, as if listed in catalogtool/kinds/__init__.py."""
    monkeypatch.setitem(KINDS, EXAMPLE_KIND.id, EXAMPLE_KIND)
    monkeypatch.delenv("CATALOGTOOL_CACHE_DIR", raising=False)
    return EXAMPLE_KIND


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository holding the example document, as the working directory."""
    shutil.copy(DOCUMENT, tmp_path / DOCUMENT.name)
    (tmp_path / "catalogtool.yaml").write_text("{}\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result.exit_code, result.stdout, result.stderr


def validate(*args: str) -> tuple[int, str, str]:
    return run("validate", *args, "--config", "catalogtool.yaml", "--jobs", "1")


def line_column(text: str, needle: str) -> tuple[int, int]:
    """Where `needle` first starts in `text`, 1-based, as the reports count."""
    before = text[:text.index(needle)]
    return before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1


# ------------------------------------------------------------------ the kind is four files


def test_the_example_kind_is_four_files_and_no_kind_of_the_product() -> None:
    files = {path.relative_to(EXAMPLE).as_posix() for path in EXAMPLE.rglob("*")
             if path.is_file() and "__pycache__" not in path.parts}
    assert files == {MODULE.name, SCHEMA.name, DOCUMENT.name, *(f"cases/{path.name}" for path in CASES)}
    assert EXAMPLE_KIND.id == "certificate-list" and EXAMPLE_KIND.id not in KINDS
    assert EXAMPLE_KIND.schema_path == SCHEMA


def test_the_schema_keeps_the_conventions_of_the_shipped_ones() -> None:
    """The checks tests/test_schemas_static.py makes of every kind's schema under schemas/."""
    shipped_schemas.test_schema_is_valid_draft_2020_12(SCHEMA)
    shipped_schemas.test_schema_is_self_contained(SCHEMA)
    shipped_schemas.test_every_property_has_chinese_title_and_description(SCHEMA)
    shipped_schemas.test_objects_are_closed(SCHEMA)
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert schema["$id"] == f"urn:catalogtool:schema:{EXAMPLE_KIND.id}:1"
    assert schema["properties"]["kind"]["const"] == EXAMPLE_KIND.id


def test_registering_the_kind_leaves_nothing_behind(monkeypatch: pytest.MonkeyPatch) -> None:
    real = {name: schema_text(name) for name in schema_names()}
    with monkeypatch.context() as patch:
        patch.setitem(KINDS, EXAMPLE_KIND.id, EXAMPLE_KIND)
        assert schema_names() == (*tuple(real)[:-1], EXAMPLE_KIND.id, "config")
        assert load_schema(EXAMPLE_KIND.id)["$id"] == "urn:catalogtool:schema:certificate-list:1"
    assert schema_names() == tuple(real)
    assert {name: schema_text(name) for name in schema_names()} == real
    with pytest.raises(CatalogToolError):
        schema_text(EXAMPLE_KIND.id)


def test_the_example_is_no_document_of_the_repository(monkeypatch: pytest.MonkeyPatch) -> None:
    """`catalogtool validate .` at the top leaves tests/ out (tests/catalogtool.yaml excludes it)."""
    monkeypatch.chdir(ROOT)
    code, out, err = run("validate", ".", "--format", "json", "--jobs", "1")
    assert code == 0, out + err
    files = [entry["file"] for entry in json.loads(out)["files"]]
    assert files and not [name for name in files if name.startswith("tests/")]


# ------------------------------------------------------------------ validate


def test_the_example_passes_and_its_items_are_counted(kind: Kind, repo: Path) -> None:
    code, out, err = validate(".", "--format", "json")
    assert code == 0, out + err
    report = json.loads(out)
    assert report["ok"] is True and report["problems"] == []
    assert report["files"] == [{"file": DOCUMENT.name, "kind": kind.id, "items": 3}]


def test_planted_errors_are_reported_at_their_place_under_their_rule(kind: Kind, repo: Path) -> None:
    text = DOCUMENT.read_text(encoding="utf-8")
    planted = (text.replace("code: ZM-002", "code: ZM-001")  # a code used twice
               .replace("    content: 证明村民是本村集体经济组织成员，用于申请宅基地\n", ""))  # a required field gone
    (repo / DOCUMENT.name).write_text(planted, encoding="utf-8")
    duplicate = line_column(planted, "ZM-001\n    name: 土地承包经营情况证明")
    missing = line_column(planted, "code: ZM-003")  # the item that lacks `content`

    code, out, _ = validate(".")
    assert code == 1
    lines = out.splitlines()
    for (line, column), rule, words in ((duplicate, "duplicate-code", "编码 ZM-001 重复"),
                                        (missing, "schema", "缺少必填字段 content（证明内容）")):
        place = f"{DOCUMENT.name}:{line}:{column} "
        assert any(entry.startswith(place) and f"[{rule}]" in entry and words in entry for entry in lines), out

    code, out, _ = validate(".", "--format", "json")
    problems = json.loads(out)["problems"]
    assert sorted((p["rule"], p["line"], p["column"], p["pointer"]) for p in problems) == [
        ("duplicate-code", *duplicate, "/items/1/code"), ("schema", *missing, "/items/2")]


# ------------------------------------------------------------------ schema


def test_the_schema_command_lists_and_prints_the_kinds_schema(kind: Kind) -> None:
    code, out, _ = run("schema")
    assert code == 0 and kind.id in out.splitlines()
    code, out, _ = run("schema", kind.id)
    assert code == 0 and out == SCHEMA.read_text(encoding="utf-8")


# ------------------------------------------------------------------ diff


def test_diff_reports_the_added_and_the_changed_certificate(kind: Kind, repo: Path) -> None:
    new = repo / "2026"
    new.mkdir()
    edited = DOCUMENT.read_text(encoding="utf-8").replace("用于申请宅基地", "用于申请宅基地和办理集体资产股权登记") + (
        "  - code: ZM-004\n"
        "    name: 村级公益事业建设情况证明\n"
        "    content: 证明村集体实施的公益事业项目，用于申请一事一议财政奖补\n"
        "    department: 清新区财政局\n"
        "    basis:\n"
        "      - {level: 规范性文件, title: 村级公益事业建设一事一议财政奖补资金管理办法}\n")
    (new / DOCUMENT.name).write_text(edited, encoding="utf-8")

    code, out, err = run("diff", DOCUMENT.name, f"2026/{DOCUMENT.name}", "--format", "json")
    assert code == 0, out + err
    report = json.loads(out)
    assert report["summary"] == {"added": 1, "removed": 0, "changed": 1, "recoded": 0, "header": 0}
    assert [(c["type"], c["kind"], c["code"]) for c in report["changes"]] == [
        ("changed", kind.id, "ZM-003"), ("added", kind.id, "ZM-004")]
    assert set(report["changes"][0]["fields"]) == {"content"}

    code, out, _ = run("diff", DOCUMENT.name, f"2026/{DOCUMENT.name}")
    assert code == 0
    assert "出具证明事项清单" in out  # the kind's short name heads its changes
    assert "证明内容：" in out  # and its own name for `content`


# ------------------------------------------------------------------ export and import


def test_export_then_import_gives_the_same_data(kind: Kind, repo: Path) -> None:
    code, out, err = run("export", DOCUMENT.name, "-o", "certificates.xlsx")
    assert code == 0, out + err
    book = openpyxl.load_workbook(repo / "certificates.xlsx")
    assert "出具证明事项清单" in book.sheetnames
    assert [cell.value for cell in book["出具证明事项清单"][3]][:7] == [
        "序号", "编码", "证明名称", "证明内容", "责任单位", "设定依据", "备注"]

    code, out, err = run("import", "certificates.xlsx", "-o", "imported")
    assert code == 0, out + err
    imported = repo / "imported" / DOCUMENT.name
    assert yaml.safe_load(imported.read_text(encoding="utf-8")) == yaml.safe_load(DOCUMENT.read_text(encoding="utf-8"))
    code, out, err = validate("imported")
    assert code == 0, out + err


# ------------------------------------------------------------------ rule cases


def test_every_case_file_is_of_a_rule_that_checks_the_kind() -> None:
    for path in CASES:
        data, cases = rule_cases.load_case_file(path)
        assert RULES[data["rule"]].applies_to(EXAMPLE_KIND), path.name
        assert any(case.good for case in cases) and any(not case.good for case in cases), path.name


@pytest.mark.parametrize("case", [case for path in CASES for case in rule_cases.load_case_file(path)[1]],
                         ids=lambda case: case.id)
def test_example_rule_case(case: rule_cases.Case, kind: Kind, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rule_cases.test_rule_case(case, tmp_path, monkeypatch)
