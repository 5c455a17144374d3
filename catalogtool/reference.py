"""The published national lists the rules use, shipped as package data (catalogtool/data/reference)."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

from catalogtool.pyyaml import yaml


@cache
def reference(name: str) -> dict[str, Any]:
    """One reference list by file stem, e.g. `prohibited-purchases`; read once per process."""
    text = (resources.files("catalogtool") / "data" / "reference" / f"{name}.yaml").read_text(encoding="utf-8")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = yaml.load(text, Loader=loader)
    return data if isinstance(data, dict) else {}
