"""What a repository's configuration says: rule levels and options, code scheme, limits.

Only the values: reading and checking `catalogtool.yaml`, and finding the one that
governs a file, is catalogtool.config_file's job.  This module imports nothing that
checks or loads, so everything (loader, rules, engine) can depend on it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from catalogtool.discovery import Exclude
from catalogtool.problems import Level

DEFAULT_SIMILARITY = 0.8


@dataclass(frozen=True, slots=True)
class LoadLimits:
    """Bounds that keep hostile files from hanging or exhausting the machine."""

    max_file_bytes: int = 20_000_000
    max_depth: int = 64
    max_nodes: int = 1_000_000
    # Not in catalogtool.yaml: no real value comes near it, and Python refuses to
    # print an integer of more than 4,300 digits, which every message would do.
    max_number_length: int = 100


DEFAULT_LIMITS = LoadLimits()


@dataclass(frozen=True, slots=True)
class CodeScheme:
    """How purchase-catalog codes are built: one pattern per level, joined by `separator`."""

    segments: tuple[str, ...] = ("[A-Z]", "[0-9]{2}", "[0-9]{2}", "[0-9]{2}")
    separator: str = ""
    item_depths: tuple[int, ...] = (3, 4)

    def segment_re(self, depth: int) -> re.Pattern[str] | None:
        if 1 <= depth <= len(self.segments):
            return re.compile(f"(?:{self.segments[depth - 1]})")
        return None

    @property
    def max_depth(self) -> int:
        return max(self.item_depths) if self.item_depths else len(self.segments)


@dataclass(frozen=True, slots=True)
class SiteSettings:
    """The `site:` section: how `catalogtool site` dresses its pages.  Paths are absolute (resolved
    against the configuration's folder by the reader); None means the built-in default."""

    title: str | None = None
    logo: str | None = None
    primary_color: str | None = None
    footer: str | None = None
    templates: str | None = None


@dataclass(frozen=True, slots=True)
class Override:
    """One entry of `overrides:`: rule levels for the files its patterns match (as `exclude` matches)."""

    paths: tuple[str, ...]
    levels: dict[str, Level]


@dataclass(frozen=True, slots=True)
class Config:
    """Everything checking a file needs to know from its configuration; picklable for worker processes."""

    levels: dict[str, Level] = field(default_factory=dict)
    options: dict[str, dict[str, Any]] = field(default_factory=dict)
    code_scheme: CodeScheme = CodeScheme()
    similarity: float = DEFAULT_SIMILARITY
    limits: LoadLimits = DEFAULT_LIMITS
    exclude: tuple[str, ...] = ()
    lang: str | None = None
    path: str | None = None
    site: SiteSettings = SiteSettings()
    overrides: tuple[Override, ...] = ()

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
