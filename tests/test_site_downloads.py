"""`catalogtool site`: the Excel guides among the downloads, and catalog items naming who buys them.

A social organisation reads an item's page to learn which townships buy the service
this year and for how much; a township officer downloads the township's printable
guide from its page.  Checked on the examples' site at the HTML and workbook level.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from catalogtool.cli.main import app

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
EDITION = "441803/2025"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site") / "public"
    code, output = run("site", str(EXAMPLES), "-o", str(out))
    assert code == 0, output
    return out


def _links(page: Path) -> list[str]:
    return re.findall(r'href="([^"]+)"', page.read_text(encoding="utf-8"))


def _sheet_text(path: Path) -> str:
    book = openpyxl.load_workbook(path, read_only=True)
    try:
        return "\n".join(str(v) for ws in book.worksheets for row in ws.iter_rows(values_only=True)
                         for v in row if v is not None)
    finally:
        book.close()


def test_the_edition_page_offers_the_county_guide(site: Path) -> None:
    assert "downloads/guide-441803-2025.xlsx" in _links(site / EDITION / "index.html")
    text = _sheet_text(site / EDITION / "downloads/guide-441803-2025.xlsx")
    # the county's guide holds every township's plan projects and the whole catalog
    assert "TH-01" in text and "LJ-01" in text
    assert "A0103" in text  # an item townships may not buy is still in the county's guide


def test_each_township_page_offers_its_own_guide(site: Path) -> None:
    page = site / EDITION / "townships/441803100.html"
    assert "../downloads/guide-441803100-2025.xlsx" in _links(page)
    text = _sheet_text(site / EDITION / "downloads/guide-441803100-2025.xlsx")
    assert "太和镇" in text and "TH-01" in text
    assert "LJ-01" not in text, "another township's plan is not in this township's guide"
    assert "A0103" not in text, "an item townships may not buy is not in a township's guide"


def test_the_guides_read_back_loss_free(site: Path, tmp_path: Path) -> None:
    out = tmp_path / "back"
    code, output = run("import", str(site / EDITION / "downloads/guide-441803-2025.xlsx"), "-o", str(out))
    assert code == 0, output
    assert run("validate", str(out))[0] == 0


def test_the_open_data_index_lists_the_guides(site: Path) -> None:
    index = json.loads((site / "data/index.json").read_text(encoding="utf-8"))
    edition = next(e for e in index["editions"] if e["year"] == 2025)
    assert edition["workbooks"] == sorted(f"{EDITION}/downloads/guide-{code}-2025.xlsx"
                                          for code in ("441803", "441803100", "441803101", "441803102", "441803103"))
    for name in edition["workbooks"]:
        assert (site / name).is_file()


def test_no_workbooks_leaves_them_out(tmp_path: Path) -> None:
    out = tmp_path / "public"
    assert run("site", str(EXAMPLES), "-o", str(out), "--no-workbooks")[0] == 0
    assert not list(out.rglob("*.xlsx"))
    assert "downloads/" not in (out / EDITION / "index.html").read_text(encoding="utf-8")


def test_an_item_page_names_the_projects_that_buy_it(site: Path) -> None:
    page = site / EDITION / "catalog/A0101.html"
    html = page.read_text(encoding="utf-8")
    assert "太和镇：" in html and "TH-01" in html and "¥" in html
    cited = [link for link in _links(page) if re.match(r"\.\./[^#]+#", link)]
    assert "../townships/441803100.html#e-TH-01" in cited
    for link in cited:  # every link lands on an element of its page
        target, anchor = link.split("#")
        assert f'id="{anchor}"' in (page.parent / target).resolve().read_text(encoding="utf-8"), link
    alone = (site / EDITION / "catalog/A0103.html").read_text(encoding="utf-8")
    assert "引用此事项" not in alone  # nobody buys it: no empty heading


def test_a_county_department_plan_gets_a_page_of_its_own(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(EXAMPLES / "2025", repo)
    plan = (repo / "plans/taihe.yaml").read_text(encoding="utf-8")
    plan = plan.replace('code: "441803100", name: 清远市清新区太和镇', 'code: "441803", name: 清远市清新区')
    (repo / "plans/taihe.yaml").write_text(plan, encoding="utf-8")
    out = tmp_path / "public"
    code, output = run("site", str(repo), "-o", str(out), "--no-workbooks")
    assert code == 0, output
    pages = [p for p in (out / EDITION).glob("plans*.html")]
    assert len(pages) == 1, sorted(p.name for p in (out / EDITION).iterdir())
    assert "TH-01" in pages[0].read_text(encoding="utf-8")
    assert pages[0].name in (out / EDITION / "index.html").read_text(encoding="utf-8")


def test_money_in_the_json_downloads_reads_back_exactly() -> None:
    from decimal import Decimal

    from catalogtool.site.data import to_json

    values = {"whole": Decimal("216000"), "fen": Decimal("3600.05"), "long": Decimal("12345678901234567.01")}
    back = json.loads(to_json(values), parse_float=Decimal)
    assert back == {"whole": 216000, "fen": Decimal("3600.05"), "long": "12345678901234567.01"}


def test_a_published_site_beside_the_documents_is_not_checked_as_documents(tmp_path: Path) -> None:
    """validate of a folder holding the repository and its built site checks the documents once, not the
    site's YAML downloads (copies, published, not edited)."""
    shutil.copytree(EXAMPLES, tmp_path / "repo")
    assert run("site", str(tmp_path / "repo"), "-o", str(tmp_path / "public"), "--no-workbooks")[0] == 0
    assert list((tmp_path / "public").rglob("*.yaml"))
    result = CliRunner().invoke(app, ["validate", str(tmp_path), "--format", "json", "--no-cache"])
    files = [f["file"] for f in json.loads(result.stdout)["files"]]
    assert files and not [f for f in files if "public" in f], files
