"""Which files under a folder are catalog documents: one answer for validate, diff and export.

YAML files (*.yaml, *.yml) are candidates; the repository configuration
(catalogtool.yaml), hidden files and folders (.pre-commit-config.yaml, .github/)
and the configuration's `exclude` patterns are not.  A file named on the command
line is always checked, whatever its name.
"""

from __future__ import annotations

import fnmatch
import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

CONFIG_NAME = "catalogtool.yaml"
YAML_SUFFIXES = (".yaml", ".yml")
_SKIPPED_FOLDERS = frozenset({"node_modules", "__pycache__"})


def is_candidate(rel: PurePosixPath) -> bool:
    """A path relative to the searched folder that names a document to check."""
    return (rel.name.endswith(YAML_SUFFIXES) and rel.name != CONFIG_NAME
            and not any(part.startswith(".") for part in rel.parts))


def yaml_files(root: Path) -> list[str]:
    """Relative `/`-separated paths of the candidate files under `root`, sorted."""
    found: list[str] = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in _SKIPPED_FOLDERS)
        rel_folder = PurePosixPath(Path(folder).relative_to(root).as_posix())
        for name in sorted(files):
            rel = rel_folder / name
            if is_candidate(rel):
                found.append(str(rel))
    return sorted(found)


@dataclass(frozen=True, slots=True)
class Exclude:
    """The configuration's `exclude` patterns.

    Local files are matched by their path relative to the configuration's folder;
    files in git by their path from the repository root (where catalogtool.yaml
    normally lives).
    """

    patterns: tuple[str, ...] = ()
    base: Path | None = None

    def local(self, path: Path) -> bool:
        if not self.patterns:
            return False
        rel: PurePosixPath | None = None
        if self.base is not None:
            try:  # abspath, not resolve: symbolic links (even looping ones) keep their own names
                rel = PurePosixPath(Path(os.path.abspath(path)).relative_to(os.path.abspath(self.base)).as_posix())
            except ValueError:
                rel = None
        return self.matches(rel if rel is not None else PurePosixPath(path.as_posix()))

    def matches(self, rel: PurePosixPath) -> bool:
        return any(fnmatch.fnmatch(str(rel), p) or rel.match(p) for p in self.patterns)


NO_EXCLUDE = Exclude()
