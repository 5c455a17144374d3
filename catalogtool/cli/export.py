"""Placeholder until the command lands."""

from __future__ import annotations

import typer


def export_command() -> None:
    """（尚未实现）"""
    print("not implemented yet")
    raise typer.Exit(2)
