"""The local git setting that makes `git diff` of a catalog show item changes (the diff driver `.gitattributes` names)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

DRIVER_KEY = "diff.catalogtool.command"


def config_command(command: str) -> str:
    """The one command a user runs when init could not set it."""
    return f'git config {DRIVER_KEY} "{command}"'


def _git(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str] | None:
    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False,
                              env={**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"}, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return None


def set_diff_driver(folder: Path, command: str) -> bool:
    """Set the driver in the repository's local config when `folder` is in a git work tree; False otherwise."""
    inside = _git(["rev-parse", "--is-inside-work-tree"], folder)
    if inside is None or inside.returncode != 0 or inside.stdout.strip() != "true":
        return False
    done = _git(["config", "--local", DRIVER_KEY, command], folder)
    return done is not None and done.returncode == 0
