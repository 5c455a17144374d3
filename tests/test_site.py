"""`catalogtool site`: the static website of the examples, checked at the HTML level.

Escaping, the Content-Security-Policy, no inline scripts or handlers, every link
resolving to a file, byte-identical rebuilds, refusals, the --allow-errors banner
and the open-data index.
"""

from __future__ import annotations

import itertools
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from posixpath import normpath
from urllib.parse import unquote, urlsplit

import pytest
from typer.testing import CliRunner

from catalogtool.cli.main import app

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
       "base-uri 'none'; form-action 'none'")


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


class Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.script_bodies: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        (self.script_bodies if self._in_script else self.text).append(data)


def parse(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site") / "public"
    code, output = run("site", str(EXAMPLES), "-o", str(out))
    assert code == 0, output
    return out


def test_pages_and_stable_addresses(site: Path) -> None:
    for name in ("index.html", "441803/2025/index.html", "441803/2025/catalog/index.html",
                 "441803/2025/catalog/A0101.html", "441803/2025/townships/441803100.html",
                 "441803/2025/access.html", "441803/2025/assistance.html", "441803/2025/changes.html",
                 "441803/2025/search.html", "441803/2025/data/catalog.yaml", "441803/2025/data/catalog.json",
                 "data/index.json", "assets/site.css", "assets/site.js"):
        assert (site / name).is_file(), name
    item = parse(site / "441803/2025/catalog/A0101.html")
    assert "A0101" in "".join(item.text)
    township = "".join(parse(site / "441803/2025/townships/441803100.html").text)
    assert "¥" in township and "采购方式" in township and "绩效目标" in township
    access = "".join(parse(site / "441803/2025/access.html").text)
    assert "负面清单" in access


def test_every_page_is_safe_and_accessible(site: Path) -> None:
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 50
    for path in pages:
        page = parse(path)
        tags = [tag for tag, _ in page.tags]
        html = dict(page.tags[0][1]) if page.tags[0][0] == "html" else {}
        assert html.get("lang") == "zh-CN", path
        metas = [a for t, a in page.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
        assert metas and metas[0]["content"] == CSP, path
        for landmark in ("header", "nav", "main", "footer"):
            assert landmark in tags, (path, landmark)
        assert tags.count("h1") == 1, path
        levels = [int(t[1]) for t in tags if re.fullmatch(r"h[1-6]", t)]
        assert all(b - a <= 1 for a, b in itertools.pairwise(levels)), (path, levels)
        for tag, attrs in page.tags:
            assert not any(name.startswith("on") for name in attrs), (path, tag, attrs)
            assert "style" not in attrs, (path, tag)
            if tag == "script":
                assert attrs.get("src"), path
            for name in ("href", "src"):
                link = attrs.get(name)
                if link:
                    parts = urlsplit(link)
                    assert not parts.scheme and not parts.netloc, (path, link)
                    if parts.path:
                        target = Path(normpath(str(path.parent / unquote(parts.path))))
                        assert target.is_file() and site in target.parents, (path, link)
        assert not "".join(page.script_bodies).strip(), path


def test_same_input_gives_the_same_bytes(site: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    assert run("site", str(EXAMPLES), "-o", str(again))[0] == 0
    files = sorted(p.relative_to(site) for p in site.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(again) for p in again.rglob("*") if p.is_file())
    for name in files:
        assert (site / name).read_bytes() == (again / name).read_bytes(), name


def test_open_data_index(site: Path) -> None:
    index = json.loads((site / "data/index.json").read_text(encoding="utf-8"))
    assert index["validated"] is True
    assert {e["year"] for e in index["editions"]} == {2024, 2025}
    for doc in index["documents"]:
        assert (site / doc["yaml"]).is_file() and (site / doc["json"]).is_file()
    search = json.loads((site / "441803/2025/search-index.json").read_text(encoding="utf-8"))
    assert any(r["code"] == "A0101" and r["township"] is True for r in search)


def _hostile(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    repo.mkdir()
    text = (EXAMPLES / "2025/purchase-catalog.yaml").read_text(encoding="utf-8")
    hostile = re.sub(r"^title: .*$", 'title: "<script>alert(1)</script>目录"', text, count=1, flags=re.M)
    assert hostile != text
    (repo / "purchase-catalog.yaml").write_text(hostile, encoding="utf-8")
    return repo


def test_text_is_escaped(tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, output = run("site", str(_hostile(tmp_path)), "-o", str(out))
    assert code == 0, output
    raw = (out / "441803/2025/index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in raw
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in raw
    script = (out / "441803/2025/search-index.js").read_text(encoding="utf-8")
    assert "</script" not in script


def test_refusals(tmp_path: Path, site: Path) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(EXAMPLES / "2025", repo)
    code, _ = run("site", str(repo), "-o", str(repo / "public"))
    assert code == 2 and not (repo / "public").exists()
    code, _ = run("site", str(repo / "purchase-catalog.yaml"), "-o", str(repo))
    assert code == 2
    other = tmp_path / "other"
    other.mkdir()
    (other / "keep.txt").write_text("mine", encoding="utf-8")
    code, _output = run("site", str(repo), "-o", str(other))
    assert code == 2 and (other / "keep.txt").read_text(encoding="utf-8") == "mine"
    # a folder the site wrote before is replaced whole
    old = tmp_path / "old"
    assert run("site", str(EXAMPLES / "2024"), "-o", str(old))[0] == 0
    assert run("site", str(repo), "-o", str(old))[0] == 0
    assert not (old / "441803/2024").exists() and (old / "441803/2025/index.html").is_file()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_errors_refuse_unless_allowed(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    text = (EXAMPLES / "2025/purchase-catalog.yaml").read_text(encoding="utf-8")
    (repo / "purchase-catalog.yaml").write_text(text.replace("code: A0102", "code: A0101", 1), encoding="utf-8")
    code, output = run("site", str(repo), "-o", str(tmp_path / "out"))
    assert code == 1 and "duplicate-code" in output and not (tmp_path / "out").exists()
    code, output = run("site", str(repo), "-o", str(tmp_path / "out"), "--allow-errors")
    assert code == 0, output
    for path in (tmp_path / "out").rglob("*.html"):
        assert 'class="banner"' in path.read_text(encoding="utf-8"), path
    assert json.loads((tmp_path / "out/data/index.json").read_text(encoding="utf-8"))["validated"] is False


def test_site_settings_restyle_and_bad_settings_name_their_line(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(EXAMPLES / "2025", repo)
    (repo / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    templates = repo / "theme"
    templates.mkdir()
    (templates / "home.html").write_text('{% extends "base.html" %}{% block content %}<p>县里的首页</p>{% endblock %}',
                                         encoding="utf-8")
    (repo / "catalogtool.yaml").write_text(
        'site:\n  title: 清新区公开平台\n  logo: logo.png\n  primary_color: "#8B0000"\n  footer: 联系电话 0763-0000000\n'
        "  templates: theme\n", encoding="utf-8")
    out = tmp_path / "out"
    code, output = run("site", str(repo), "-o", str(out))
    assert code == 0, output
    home = (out / "index.html").read_text(encoding="utf-8")
    assert "县里的首页" in home and "清新区公开平台" in home and "0763-0000000" in home
    assert (out / "assets/logo.png").is_file()
    assert "#8B0000" in (out / "assets/theme.css").read_text(encoding="utf-8")
    (repo / "catalogtool.yaml").write_text('site:\n  primary_color: red\n', encoding="utf-8")
    code, output = run("site", str(repo), "-o", str(out))
    assert code == 2 and "catalogtool.yaml:2:" in output
    (repo / "catalogtool.yaml").write_text('site:\n  templates: nowhere\n', encoding="utf-8")
    code, output = run("site", str(repo), "-o", str(out))
    assert code == 2 and "catalogtool.yaml:2:14" in output


def test_the_repository_language_speaks_unless_lang_is_given(tmp_path: Path) -> None:
    """`lang: en` in catalogtool.yaml makes the command's messages English, as it does for validate and export."""
    folder = tmp_path / "in"
    shutil.copytree(EXAMPLES / "2025", folder)
    shutil.copy(EXAMPLES / "catalogtool.yaml", folder / "catalogtool.yaml")
    with (folder / "catalogtool.yaml").open("a", encoding="utf-8") as config:
        config.write("lang: en\n")
    result = CliRunner().invoke(app, ["site", str(folder), "-o", str(tmp_path / "site")])
    assert result.exit_code == 0, result.stderr
    assert "wrote the site to" in result.stderr
    again = CliRunner().invoke(app, ["site", str(folder), "-o", str(tmp_path / "site"), "--lang", "zh"])
    assert again.exit_code == 0 and "生成网站" in again.stderr
