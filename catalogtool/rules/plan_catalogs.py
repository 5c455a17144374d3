"""The catalog edition a purchase plan draws on, for the run-wide plan rules (plan-catalog-ref, plan-provider).

A plan names its catalog as `{region, year}` (a purchase catalog of the run with that
region code and year) or as `{path}` (a file, relative to the plan's folder).  A named
file is taken from the run when the run holds it, else read here through the loader
the engine hands to `finish`, with the plan's own limits: a plan checked alone (a
pre-commit hook on one changed file) is still checked against its catalog.  Facts are
JSON (the results cache keeps them); a catalog outside the run is read at finish
time, so a cached plan never carries a stale copy of it.
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from catalogtool.config import Config, LoadLimits
from catalogtool.kinds import CATALOG, kind_of
from catalogtool.problems import Message
from catalogtool.record import as_dict
from catalogtool.rules.context import DocContext
from catalogtool.rules.spec import Load

Facts = dict[str, Any]
Problem = tuple[str, dict[str, Any]]

# Messages about the catalog file itself; plan-catalog-ref reports them (once, though plan-provider reads it too).
PATH_MESSAGES = {
    "path-missing": Message("找不到计划所依据的目录文件 {path}（路径相对于本计划所在的文件夹，即 {resolved}），无法核对项目的目录编码",
                            "the catalog file {path} the plan draws on does not exist (relative to the plan's folder: "
                            "{resolved}), so the projects' catalog items cannot be checked"),
    "path-unreadable": Message("计划所依据的目录文件 {path} 无法读取或不是有效的 YAML，无法核对项目的目录编码；请先修正该文件",
                               "the catalog file {path} the plan draws on cannot be read as YAML, so the projects' "
                               "catalog items cannot be checked; fix that file first"),
    "path-not-catalog": Message("计划所依据的文件 {path} 不是购买服务目录（{kind}），应指向一份政府购买服务指导性目录",
                                "the file {path} the plan draws on is not a purchase catalog ({kind_en}); "
                                "name a guidance catalog of services"),
}


def catalog_facts(ctx: DocContext) -> Facts:
    """What a plan may need of a catalog: its edition, its items (name, township, providers) and directories."""
    data = ctx.data if isinstance(ctx.data, dict) else {}
    region = data.get("region")
    code = region.get("code") if isinstance(region, dict) else None
    year = data.get("year")
    items: dict[str, Any] = {}
    for entry in ctx.items:
        if isinstance(entry.code, str) and entry.code not in items:
            providers = entry.data.get("providers")
            items[entry.code] = {
                "name": entry.name if isinstance(entry.name, str) else "",
                "township": entry.data.get("township") is True,
                "providers": [p for p in providers if isinstance(p, str)] if isinstance(providers, list) else None,
            }
    dirs = {e.code: e.name if isinstance(e.name, str) else "" for e in ctx.entries
            if not ctx.is_item(e) and isinstance(e.code, str)}
    return {"catalog": True, "region": code if isinstance(code, str) else None,
            "year": year if isinstance(year, int) and not isinstance(year, bool) else None,
            "items": items, "dirs": dirs}


def edition_facts(ctx: DocContext) -> Facts:
    """Which catalog a plan names, and whether the plan is a township's (a nine-digit region code)."""
    data = ctx.data if isinstance(ctx.data, dict) else {}
    region = data.get("region")
    code = region.get("code") if isinstance(region, dict) else None
    township = isinstance(code, str) and len(code) == 9 and code.isascii() and code.isdigit()
    named = data.get("catalog")
    edition: Facts | None = None
    if isinstance(named, dict):
        path = named.get("path")
        if isinstance(path, str) and path.strip():
            # Relative to the plan's folder, as the plan's own name is given (the cache keeps no absolute path).
            joined = posixpath.normpath(posixpath.join(posixpath.dirname(ctx.doc.path), path.strip()))
            edition = {"path": path, "file": joined}
        elif isinstance(named.get("region"), str) and type(named.get("year")) is int:
            edition = {"region": named["region"], "year": named["year"]}
    return {"catalog": False, "township": township, "edition": edition,
            "limits": as_dict(ctx.config.limits)}


class Editions:
    """The catalogs of one run, and those read from outside it, looked up by what a plan names."""

    def __init__(self, facts: Iterable[tuple[str, Facts]], load: Load) -> None:
        self.facts = list(facts)
        self.load = load
        self.by_file = {os.path.abspath(path): fact for path, fact in self.facts if fact.get("catalog")}
        self.read: dict[str, tuple[Facts | None, str, dict[str, Any]]] = {}

    def plans(self) -> list[tuple[str, Facts]]:
        return [(path, fact) for path, fact in self.facts if not fact.get("catalog")]

    def of(self, plan: Facts) -> tuple[Facts | None, Message, Problem | None]:
        """The catalog a plan names (None when it is not available), how to name it, and a problem of
        its file (message key and arguments, reported at /catalog/path)."""
        edition = plan.get("edition")
        if not isinstance(edition, dict):
            return None, Message("", ""), None
        if "file" in edition:
            label = Message(f"目录文件 {edition['path']} ", f"the catalog file {edition['path']}")
            found = self.by_file.get(os.path.abspath(edition["file"]))
            if found is not None:
                return found, label, None
            catalog, key, args = self._read(edition["file"], plan.get("limits"))
            return catalog, label, ((key, {"path": edition["path"], **args}) if key else None)
        region, year = edition.get("region"), edition.get("year")
        label = Message(f"行政区划 {region} 的 {year} 年度购买服务目录", f"the {year} purchase catalog of {region}")
        same = [fact for fact in self.by_file.values() if fact["region"] == region and fact["year"] == year]
        return (same[0] if same else None), label, None

    def _read(self, file: str, limits: Any) -> tuple[Facts | None, str, dict[str, Any]]:
        """A catalog outside the run, read once per run: (facts or None, problem key or "", its arguments)."""
        absolute = os.path.abspath(file)
        if absolute not in self.read:
            self.read[absolute] = self._load(Path(absolute), file, limits)
        return self.read[absolute]

    def _load(self, path: Path, display: str, limits: Any) -> tuple[Facts | None, str, dict[str, Any]]:
        try:
            if not path.exists():
                return None, "path-missing", {"resolved": display}
        except (OSError, ValueError):  # a name too long for the file system, a NUL byte
            return None, "path-unreadable", {}
        try:
            bounds = LoadLimits(**limits) if isinstance(limits, dict) else LoadLimits()
        except TypeError:  # facts cached by another version of catalogtool
            bounds = LoadLimits()
        try:
            doc = self.load(path, display, bounds)
        except (OSError, ValueError):
            return None, "path-unreadable", {}
        if doc.data is None:
            return None, "path-unreadable", {}
        kind = kind_of(doc.data)
        if kind is not CATALOG:
            written = doc.data.get("kind") if isinstance(doc.data, dict) else None
            shown = written if isinstance(written, str) else None
            return None, "path-not-catalog", {"kind": f"它的 kind 是 {shown}" if shown else "它没有写 kind",
                                              "kind_en": f"its kind is {shown}" if shown else "it has no kind"}
        return catalog_facts(DocContext(doc, Config(limits=bounds))), "", {}
