"""The whole site as files: every page, asset and download, by relative path, the same bytes for the same input.

Page addresses are stable: `<region>/<year>/<catalog slug>/<code>.html` for an
item, `<region>/<year>/townships/<code>.html` for a township.  Every link is
relative, so the folder works from a web server, a portal's sub-folder or disk.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2

from catalogtool.config import SiteSettings
from catalogtool.discovery import SITE_MARKER
from catalogtool.site import data as site_data
from catalogtool.site.changes import compare_editions
from catalogtool.site.model import Doc, Edition, editions, previous
from catalogtool.site.references import Reference, references
from catalogtool.site.render import environment, render
from catalogtool.site.views import header_rows, items, rows, sections, tree
from catalogtool.sources import Source
from catalogtool.townships import Township

# Makes the Excel guide of an edition's documents (for a township, or the county when None), or None when
# the documents cannot be written as a workbook.  The command passes one in: the site builder never imports
# the workbook writer, so it stays as light as its templates.
Workbooks = Callable[[list[Source], Township | None], bytes | None]

MARKER = SITE_MARKER
DEFAULT_TITLE = "政府购买服务目录公开"
DEFAULT_COLOR = "#1a4f8b"
_ASSETS = ("site.css", "site.js", "print.css", "icon.svg")


@dataclass(slots=True)
class Build:
    env: jinja2.Environment
    site: dict[str, Any]
    files: dict[str, bytes]

    def page(self, path: str, template: str, title: str, crumbs: list[tuple[str, str]], **context: Any) -> None:
        depth = path.count("/")
        root = "../" * depth
        self.files[path] = render(self.env, template, {
            "site": self.site, "root": root, "title": title, "path": path,
            "crumbs": [(label, _rel(path, href) if href else "") for label, href in crumbs], **context})


def _rel(page: str, target: str) -> str:
    return posixpath.relpath(target, posixpath.dirname(page) or ".")


def build_site(sources: list[Source], roster: list[Township], settings: SiteSettings, *, similarity: float,
               validated: bool, workbooks: Workbooks | None = None) -> dict[str, bytes]:
    all_editions = editions(sources, roster)
    title = settings.title or DEFAULT_TITLE
    logo = f"assets/logo{Path(settings.logo).suffix.lower()}" if settings.logo else None
    site = {"title": title, "logo": logo, "footer": settings.footer or "", "banner": not validated,
            "editions": [(e.key, e.region_name, e.year) for e in all_editions]}
    out = Build(environment(settings.templates), site, {})
    for name in _ASSETS:
        out.files[f"assets/{name}"] = resources.files("catalogtool.site").joinpath("static", name).read_bytes()
    color = settings.primary_color or DEFAULT_COLOR
    out.files["assets/theme.css"] = f":root {{ --primary: {color}; }}\n".encode()
    if settings.logo and logo:
        out.files[logo] = Path(settings.logo).read_bytes()
    out.files[MARKER] = b"This folder was written by catalogtool site; the next build replaces it whole.\n"
    out.page("index.html", "home.html", title, [], editions=all_editions)
    for edition in all_editions:
        _edition(out, edition, previous(all_editions, edition), similarity, workbooks)
    out.files["data/index.json"] = site_data.open_data_index(all_editions, title, validated, out.files)
    return dict(sorted(out.files.items()))


def _edition(out: Build, edition: Edition, before: Edition | None, similarity: float,
             workbooks: Workbooks | None) -> None:
    key = edition.key
    home = f"{key}/index.html"
    crumbs = [("首页", "index.html"), (f"{edition.region_name} {edition.year}年", home)]
    changes = compare_editions(before, edition, similarity)
    guide = _workbook(out, workbooks, edition, None)
    docs = [(doc, doc.page, header_rows(doc)) for doc in edition.docs]
    out.page(home, "edition.html", f"{edition.region_name} {edition.year}年", crumbs[:1], edition=edition,
             docs=docs, changes=changes, guide=guide)
    out.page(f"{key}/changes.html", "changes.html", f"{edition.year}年的变更", crumbs, edition=edition,
             changes=changes)
    names = {t.code: t.name for t in edition.townships}
    records = site_data.search_records(edition, names)
    out.files[f"{key}/search-index.json"] = site_data.to_json(records)
    out.files[f"{key}/search-index.js"] = site_data.search_script(records)
    providers = sorted({p for r in records for p in r["providers"]})
    out.page(f"{key}/search.html", "search.html", "搜索与筛选", crumbs, edition=edition, providers=providers,
             kinds=sorted({str(r["kind"]) for r in records}))
    cited = references(edition, names)
    for doc in edition.docs:
        out.files.update({f"{key}/{name}": body for name, body in site_data.document_files(doc).items()})
        if doc.kind.site_page == "catalog":
            _catalog(out, edition, doc, crumbs, cited)
        elif doc.kind.site_page == "list":
            out.page(f"{key}/{doc.page}", "list.html", doc.title, crumbs, doc=doc, header=header_rows(doc),
                     sections=sections(doc))
        elif not doc.township_code:  # a county department's plan: a page of its own
            out.page(f"{key}/{doc.page}", "plan.html", doc.title, crumbs, plans=[_plan(doc)], root_data="")
    for township in edition.townships:
        _township(out, edition, township, crumbs, workbooks)


def _workbook(out: Build, workbooks: Workbooks | None, edition: Edition, township: Township | None) -> str | None:
    """Adds the edition's Excel guide (the county's, or a township's) to the downloads; its path, or None."""
    if workbooks is None:
        return None
    body = workbooks([doc.source for doc in edition.docs], township)
    if body is None:
        return None
    name = f"guide-{township.code if township else edition.region}-{edition.year}.xlsx"
    out.files[f"{edition.key}/downloads/{name}"] = body
    return f"downloads/{name}"


def _catalog(out: Build, edition: Edition, doc: Doc, crumbs: list[tuple[str, str]],
             cited: dict[str, list[Reference]]) -> None:
    folder = f"{edition.key}/{doc.slug}"
    out.page(f"{folder}/index.html", "catalog.html", doc.title, crumbs, doc=doc, header=header_rows(doc),
             tree=tree(doc))
    inner = [*crumbs, (doc.title, f"{folder}/index.html")]
    for item in items(doc):
        out.page(f"{folder}/{item.file}", "item.html", f"{item.code} {item.name}", inner, doc=doc, item=item,
                 cited=cited.get(item.code, []))


def _plan(plan: Doc) -> tuple[Doc, list[Any], list[tuple[Any, list[Any]]]]:
    return plan, header_rows(plan), [(p, rows(p.data, plan.kind)) for p in items(plan)]


def _township(out: Build, edition: Edition, township: Township, crumbs: list[tuple[str, str]],
              workbooks: Workbooks | None) -> None:
    guides = []
    for doc in edition.of_page("catalog"):
        view = doc.kind.township_view
        shown = Doc(Source(doc.source.path, view(doc.data) if view else doc.data), doc.kind, doc.region_code,
                    doc.region_name, doc.year, doc.slug)
        guides.append((doc, items(shown)))
    plans = [_plan(plan) for plan in edition.plans_of(township.code)]
    guide = _workbook(out, workbooks, edition, township)
    out.page(f"{edition.key}/townships/{township.code}.html", "township.html", f"{township.name}（{edition.year}年）",
             crumbs, edition=edition, township=township, guides=guides, plans=plans, guide=guide, root_data="../")
