"""The documents of a site grouped as published: by region (county) and year, with their townships.

A township's own documents (a purchase plan, region code of nine digits) belong to
their county's edition.  Every document gets a slug unique within its edition, from
its kind (`Kind.slug`), so its pages and downloads have stable addresses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from catalogtool import kinds
from catalogtool.kinds import Kind
from catalogtool.sources import Source
from catalogtool.townships import TOWNSHIP_CODE, Township


@dataclass(slots=True)
class Doc:
    """One published document: its source, kind, where and when it applies, and its slug."""

    source: Source
    kind: Kind
    region_code: str
    region_name: str
    year: int
    slug: str = ""

    @property
    def data(self) -> dict[str, Any]:
        return self.source.data

    @property
    def title(self) -> str:
        return str(self.data.get("title") or self.kind.name.zh)

    @property
    def township_code(self) -> str | None:
        return self.region_code if TOWNSHIP_CODE.match(self.region_code) else None

    @property
    def page(self) -> str:
        """Where the document is read, relative to its edition: a township's plan is on the township's page."""
        if self.kind.site_page == "catalog":
            return f"{self.slug}/index.html"
        if self.kind.site_page == "plan" and self.township_code:
            return f"townships/{self.township_code}.html"
        return f"{self.slug}.html"


@dataclass(slots=True)
class Edition:
    """A region's documents of one year, and the townships the site gives a page."""

    region: str
    region_name: str
    year: int
    docs: list[Doc] = field(default_factory=list)
    townships: list[Township] = field(default_factory=list)

    @property
    def key(self) -> str:
        return f"{self.region}/{self.year}"

    def of_page(self, page: str) -> list[Doc]:
        """The documents whose kind is shown as `page` (Kind.site_page)."""
        return [doc for doc in self.docs if doc.kind.site_page == page]

    def plans_of(self, township: str) -> list[Doc]:
        return [doc for doc in self.of_page("plan") if doc.township_code == township]


def _region(data: dict[str, Any]) -> tuple[str, str]:
    region = data.get("region")
    if not isinstance(region, dict):
        return "000000", ""
    code, name = region.get("code"), region.get("name")
    return (code if isinstance(code, str) and code.isdigit() else "000000"), (name if isinstance(name, str) else "")


def _safe(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "_", text).strip("_") or "doc"


def editions(sources: list[Source], roster: list[Township]) -> list[Edition]:
    """The editions of the site, sorted by region and year; documents in registry order, then path."""
    found: dict[tuple[str, int], Edition] = {}
    for source in sources:
        kind = kinds.kind_of(source.data)
        year = source.data.get("year")
        if kind is None or not isinstance(year, int) or isinstance(year, bool):
            continue
        code, name = _region(source.data)
        county = code[:6]
        edition = found.setdefault((county, year), Edition(county, "", year))
        if len(code) == 6 and name and not edition.region_name:
            edition.region_name = name
        edition.docs.append(Doc(source, kind, code, name, year))
    for edition in found.values():
        edition.docs.sort(key=lambda d: (kinds.order(d.kind.id), d.region_code, d.source.path))
        taken: set[str] = set()
        for doc in edition.docs:
            slug = doc.kind.slug + (f"-{doc.township_code}" if doc.township_code else "")
            if slug in taken:
                slug = f"{slug}-{_safe(doc.source.path.rsplit('.', 1)[0])}"
            while slug in taken:
                slug += "_"
            taken.add(slug)
            doc.slug = slug
        if not edition.region_name:
            edition.region_name = edition.docs[0].region_name or edition.region
        edition.townships = _townships(edition, roster)
    return [found[key] for key in sorted(found)]


def _townships(edition: Edition, roster: list[Township]) -> list[Township]:
    """The roster's townships of this county, and every township with a plan in the edition."""
    named = {t.code: t for t in roster if t.code.startswith(edition.region)}
    for doc in edition.of_page("plan"):
        code = doc.township_code
        if code and code not in named:
            named[code] = Township(code, doc.region_name or Township.by_code(code).name, bool(doc.region_name))
    return [named[code] for code in sorted(named)]


def previous(all_editions: list[Edition], edition: Edition) -> Edition | None:
    """The same region's latest edition before this one's year."""
    earlier = [e for e in all_editions if e.region == edition.region and e.year < edition.year]
    return max(earlier, key=lambda e: e.year) if earlier else None
