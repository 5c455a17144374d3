"""What a repository's configuration says: rule levels and options, code scheme, limits.

Only the values: reading and checking `catalogtool.yaml`, and finding the one that
governs a file, is catalogtool.config_file's job.  This module imports nothing that
checks or loads, so everything (loader, rules, engine) can depend on it.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from catalogtool.discovery import Exclude
from catalogtool.problems import Level
from catalogtool.record import Frozen, replace, setfield

DEFAULT_SIMILARITY = 0.8


class LoadLimits(Frozen):
    """Bounds that keep hostile files from hanging or exhausting the machine."""

    __slots__ = ("max_depth", "max_file_bytes", "max_nodes", "max_number_length")
    max_file_bytes: int
    max_depth: int
    max_nodes: int
    # Not in catalogtool.yaml: no real value comes near it, and Python refuses to
    # print an integer of more than 4,300 digits, which every message would do.
    max_number_length: int

    def __init__(self, max_file_bytes: int = 20_000_000, max_depth: int = 64, max_nodes: int = 1_000_000,
                 max_number_length: int = 100) -> None:
        setfield(self, "max_file_bytes", max_file_bytes)
        setfield(self, "max_depth", max_depth)
        setfield(self, "max_nodes", max_nodes)
        setfield(self, "max_number_length", max_number_length)


DEFAULT_LIMITS = LoadLimits()


class CodeScheme(Frozen):
    """How purchase-catalog codes are built: one pattern per level, joined by `separator`."""

    __slots__ = ("item_depths", "segments", "separator")
    segments: tuple[str, ...]
    separator: str
    item_depths: tuple[int, ...]

    def __init__(self, segments: tuple[str, ...] = ("[A-Z]", "[0-9]{2}", "[0-9]{2}", "[0-9]{2}"), separator: str = "",
                 item_depths: tuple[int, ...] = (3, 4)) -> None:
        setfield(self, "segments", segments)
        setfield(self, "separator", separator)
        setfield(self, "item_depths", item_depths)

    def segment_re(self, depth: int) -> re.Pattern[str] | None:
        if 1 <= depth <= len(self.segments):
            return re.compile(f"(?:{self.segments[depth - 1]})")
        return None

    @property
    def max_depth(self) -> int:
        return max(self.item_depths) if self.item_depths else len(self.segments)


class SiteSettings(Frozen):
    """The `site:` section: how `catalogtool site` dresses its pages.  Paths are absolute (resolved
    against the configuration's folder by the reader); None means the built-in default."""

    __slots__ = ("footer", "logo", "primary_color", "templates", "title")
    title: str | None
    logo: str | None
    primary_color: str | None
    footer: str | None
    templates: str | None

    def __init__(self, title: str | None = None, logo: str | None = None, primary_color: str | None = None,
                 footer: str | None = None, templates: str | None = None) -> None:
        setfield(self, "title", title)
        setfield(self, "logo", logo)
        setfield(self, "primary_color", primary_color)
        setfield(self, "footer", footer)
        setfield(self, "templates", templates)


DEFAULT_CODE_SCHEME = CodeScheme()
DEFAULT_SITE = SiteSettings()


class Override(Frozen):
    """One entry of `overrides:`: rule levels for the files its patterns match (as `exclude` matches)."""

    __slots__ = ("levels", "paths")
    paths: tuple[str, ...]
    levels: dict[str, Level]

    def __init__(self, paths: tuple[str, ...], levels: dict[str, Level]) -> None:
        setfield(self, "paths", paths)
        setfield(self, "levels", levels)


class Config(Frozen):
    """Everything checking a file needs to know from its configuration; picklable for worker processes."""

    __slots__ = ("code_scheme", "exclude", "lang", "levels", "limits", "options", "overrides", "path", "similarity",
                 "site")
    levels: dict[str, Level]
    options: dict[str, dict[str, Any]]
    code_scheme: CodeScheme
    similarity: float
    limits: LoadLimits
    exclude: tuple[str, ...]
    lang: str | None
    path: str | None
    site: SiteSettings
    overrides: tuple[Override, ...]

    def __init__(self, levels: dict[str, Level] | None = None, options: dict[str, dict[str, Any]] | None = None,
                 code_scheme: CodeScheme = DEFAULT_CODE_SCHEME, similarity: float = DEFAULT_SIMILARITY,
                 limits: LoadLimits = DEFAULT_LIMITS, exclude: tuple[str, ...] = (), lang: str | None = None,
                 path: str | None = None, site: SiteSettings = DEFAULT_SITE,
                 overrides: tuple[Override, ...] = ()) -> None:
        setfield(self, "levels", {} if levels is None else levels)
        setfield(self, "options", {} if options is None else options)
        setfield(self, "code_scheme", code_scheme)
        setfield(self, "similarity", similarity)
        setfield(self, "limits", limits)
        setfield(self, "exclude", exclude)
        setfield(self, "lang", lang)
        setfield(self, "path", path)
        setfield(self, "site", site)
        setfield(self, "overrides", overrides)

    @property
    def exclusion(self) -> Exclude:
        """The `exclude` patterns, relative to this configuration's folder."""
        return Exclude(self.exclude, Path(self.path).parent if self.path else None)

    def excludes(self, path: Path) -> bool:
        return self.exclusion.local(path)

    def for_file(self, path: Path) -> Config:
        """The configuration as it applies to one file: `overrides` that match it set their levels,
        later entries over earlier ones.  The result has the levels merged and no overrides left,
        so whatever keys on the configuration (the results cache) sees the file's own levels."""
        if not self.overrides:
            return self
        base = Path(self.path).parent if self.path else None
        levels = dict(self.levels)
        for override in self.overrides:
            if Exclude(override.paths, base).local(path):
                levels.update(override.levels)
        return replace(self, levels=levels, overrides=())
