"""The published national lists the rules use, shipped as package data (catalogtool/data/reference)."""

from __future__ import annotations

from functools import cache
from typing import Any

from catalogtool.package_data import package_files
from catalogtool.pyyaml import yaml


@cache
def reference(name: str) -> dict[str, Any]:
    """One reference list by file stem, e.g. `prohibited-purchases`; read once per process."""
    text = (package_files() / "data" / "reference" / f"{name}.yaml").read_text(encoding="utf-8")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = yaml.load(text, Loader=loader)
    return data if isinstance(data, dict) else {}
