"""`catalogtool site` in a real browser: the examples' site opened in headless Chromium.

Playwright drives the system's Chromium (Debian's `chromium` package, which
.ci/run installs); Playwright's own browser download is never used.  Every visit
records console errors, page errors, dialogs and requests, and the test fails if
a page logs an error or asks for anything outside the site's folder.
"""

from __future__ import annotations

import re
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from catalogtool.cli.main import app

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(CHROMIUM is None, reason="no Chromium executable (chromium or chromium-browser) on PATH; "
                       ".ci/run installs Debian's chromium package"),
]
sync_api = pytest.importorskip("playwright.sync_api")

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
EDITION = "441803/2025"
HOSTILE = "<script>alert(1)</script>"


def build(source: Path, out: Path) -> Path:
    result = CliRunner().invoke(app, ["site", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(EXAMPLES, tmp_path_factory.mktemp("site") / "public")


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the examples with a script planted in an item's content."""
    repo = tmp_path_factory.mktemp("hostile") / "repo"
    shutil.copytree(EXAMPLES, repo)
    catalog = repo / "2025/purchase-catalog.yaml"
    text = catalog.read_text(encoding="utf-8")
    planted = text.replace("content: 为辖区特困", f'content: "{HOSTILE}为辖区特困', 1)
    planted = planted.replace("精神慰藉服务\n", '精神慰藉服务"\n', 1)
    assert planted.count(HOSTILE) == 1
    catalog.write_text(planted, encoding="utf-8")
    return build(repo, repo.parent / "public")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM)
        yield chromium
        chromium.close()


@dataclass
class Visit:
    """A browser tab that remembers what went wrong and what it asked for."""

    page: Any
    base: str
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def open(self, path: str) -> None:
        self.page.goto(self.base + path)

    def check(self) -> None:
        assert not self.errors, self.errors
        assert not self.dialogs, f"a dialog opened: {self.dialogs}"
        outside = [url for url in self.requests if not url.startswith(self.base)]
        assert not outside, f"requests outside the site: {outside}"
        assert self.requests, "no request was recorded"


@pytest.fixture
def visit(browser: Any, site: Path) -> Iterator[Visit]:
    with _visit(browser, site.as_uri() + "/") as seen:
        yield seen


@contextmanager
def _visit(browser: Any, base: str) -> Iterator[Visit]:
    context = browser.new_context()
    context.set_default_timeout(10_000)
    page = context.new_page()
    seen = Visit(page, base)
    page.on("console", lambda msg: seen.errors.append(f"console: {msg.text}") if msg.type == "error" else None)
    page.on("pageerror", lambda error: seen.errors.append(f"page error: {error}"))
    page.on("request", lambda request: seen.requests.append(request.url))

    def dialog(d: Any) -> None:
        seen.dialogs.append(d.message)
        d.dismiss()

    page.on("dialog", dialog)
    try:
        yield seen
        seen.check()
    finally:
        context.close()


def test_navigate_home_to_item_to_township(visit: Visit) -> None:
    page = visit.page
    visit.open("index.html")
    assert page.locator("html").get_attribute("lang") == "zh-CN"
    page.get_by_role("link", name=re.compile("清远市清新区.*2025年")).click()
    page.wait_for_url(re.compile(f"{EDITION}/index.html$"))
    page.get_by_role("link", name="清新区乡镇政府购买服务指导性目录（2025年版）").click()
    page.wait_for_url(re.compile(f"{EDITION}/catalog/index.html$"))
    assert page.locator("h1").inner_text() == "清新区乡镇政府购买服务指导性目录（2025年版）"
    page.get_by_role("link", name="A0101 居家养老上门服务").click()
    page.wait_for_url(re.compile(f"{EDITION}/catalog/A0101.html$"))
    main = page.locator("main")
    assert "助浴" in main.inner_text() and "社会组织" in main.inner_text()
    page.locator("nav.crumbs").get_by_role("link", name="清远市清新区 2025年").click()
    page.wait_for_url(re.compile(f"{EDITION}/index.html$"))
    page.locator("ul.townships a").first.click()
    page.wait_for_url(re.compile(f"{EDITION}/townships/\\d{{9}}.html$"))
    text = page.locator("main").inner_text()
    assert "¥" in text and "采购方式" in text


def _search(visit: Visit) -> Any:
    visit.open(f"{EDITION}/search.html")
    page = visit.page
    page.locator("#search").wait_for(state="visible")  # the script ran: the form is shown
    return page


def test_search_finds_an_item_by_a_word_of_its_content(visit: Visit) -> None:
    page = _search(visit)
    page.locator("#q").fill("助浴")
    results = page.locator("#results li")
    assert page.locator("#count").inner_text() == "找到 2 项"
    assert results.count() == 2
    assert results.nth(0).locator("a").inner_text() == "A0101 居家养老上门服务"
    # a township buying the service this year is found too, under the township's name
    assert results.nth(1).locator("a").inner_text() == "TH-01 太和镇居家养老上门服务项目"
    assert "太和镇" in results.nth(1).locator("p").inner_text()
    results.first.locator("a").click()
    page.wait_for_url(re.compile(f"{EDITION}/catalog/A0101.html$"))


def test_a_long_answer_is_shown_a_page_at_a_time(visit: Visit) -> None:
    page = _search(visit)
    everything = _count(page)
    assert everything > 50, "the examples hold more records than one page of results"
    assert page.locator("#results li").count() == 50
    assert page.locator("#count").inner_text() == f"找到 {everything} 项，显示前 50 项"
    page.locator("#more").click()
    assert page.locator("#results li").count() == everything
    assert page.locator("#more").is_hidden()
    assert page.locator("#count").inner_text() == f"找到 {everything} 项"


def _count(page: Any) -> int:
    return int(re.search(r"\d+", page.locator("#count").inner_text()).group())  # type: ignore[union-attr]


def test_filters_narrow_the_list(visit: Visit) -> None:
    page = _search(visit)
    everything = _count(page)
    assert everything > 1
    page.locator("#township").select_option("no")
    not_for_townships = _count(page)
    assert 0 < not_for_townships < everything
    assert "A0103 老年人能力综合评估服务" in page.locator("#results").inner_text()
    assert "A0101 居家养老上门服务" not in page.locator("#results").inner_text()
    page.locator("#township").select_option("")
    page.locator("#provider").select_option("农村集体经济组织")
    assert 0 < _count(page) < everything
    assert "A0104 长者饭堂助餐服务" in page.locator("#results").inner_text()


def test_search_box_and_filters_are_reachable_by_tab(visit: Visit) -> None:
    page = _search(visit)
    reached = []
    for _ in range(40):
        page.keyboard.press("Tab")
        reached.append(page.evaluate("document.activeElement && document.activeElement.id"))
    assert {"q", "kind", "provider", "township"} <= set(reached), reached
    assert reached.index("q") < reached.index("kind") < reached.index("provider") < reached.index("township")
    page.locator("#q").focus()
    page.keyboard.type("助浴")
    assert _count(page) == 2


def test_planted_script_shows_as_text_and_never_runs(browser: Any, hostile_site: Path) -> None:
    with _visit(browser, hostile_site.as_uri() + "/") as seen:
        page = seen.page
        seen.open(f"{EDITION}/catalog/A0101.html")
        assert HOSTILE in page.locator("main").inner_text()
        seen.open(f"{EDITION}/catalog/index.html")
        assert HOSTILE in page.locator("main").inner_text()
        page.goto(seen.base + f"{EDITION}/search.html")
        page.locator("#search").wait_for(state="visible")
        page.locator("#q").fill("alert")
        assert page.locator("#results li").count() == 1
        assert HOSTILE in page.locator("#results").inner_text()


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def test_search_works_over_a_web_server(browser: Any, site: Path) -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        with _visit(browser, f"http://127.0.0.1:{server.server_address[1]}/") as seen:
            page = _search(seen)
            page.locator("#q").fill("助浴")
            assert page.locator("#results li").count() == 2
            page.locator("#results a").first.click()
            page.wait_for_url(re.compile(f"{EDITION}/catalog/A0101.html$"))
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
