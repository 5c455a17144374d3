"""click, as the installed typer carries it: typer 0.26 and later ship their own copy."""

from __future__ import annotations

try:
    from typer import _click as click
except ImportError:  # pragma: no cover - an older typer depends on click itself
    import click  # type: ignore[no-redef]

__all__ = ["click"]
