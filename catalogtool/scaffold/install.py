"""Putting a new repository's files on disk: never over a user's file unless forced, all or nothing.

The files are written through catalogtool.fsutil.write_outputs: each is first
written whole beside its target and only then moved in, so a failure (a full
disk, a folder we may not write) leaves neither a half scaffold nor a changed file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from catalogtool.errors import CatalogToolError
from catalogtool.fsutil import write_outputs
from catalogtool.problems import Message

SHOWN = 10


@dataclass(slots=True)
class Installed:
    """What install did: files written, and of those the user's files that were replaced (with --force)."""

    written: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)


def install(folder: Path, files: dict[str, bytes], *, force: bool = False) -> Installed:
    """Write `files` (relative paths) under `folder`; refuse if any exists and not `force`."""
    if folder.exists() and not folder.is_dir():
        raise CatalogToolError(Message(f"{folder} 已存在，但不是文件夹", f"{folder} exists and is not a folder"))
    result = Installed()
    existing = []
    for rel, data in files.items():
        path = folder / rel
        if path.is_dir():
            raise CatalogToolError(Message(f"{path} 是一个文件夹，无法写入同名文件；请先移走它",
                                           f"{path} is a folder; move it away first"))
        if path.exists() or path.is_symlink():
            existing.append(rel)
            if path.is_file() and path.read_bytes() == data:
                result.unchanged.append(rel)
            else:
                result.replaced.append(rel)
    existing.sort(key=lambda rel: (rel.startswith("."), rel))  # the user's documents first, then settings
    if existing and not force:
        listed = "、".join(existing[:SHOWN]) + (f" 等 {len(existing)} 个文件" if len(existing) > SHOWN else "")
        listed_en = ", ".join(existing[:SHOWN]) + (f" and {len(existing) - SHOWN} more" if len(existing) > SHOWN else "")
        raise CatalogToolError(Message(
            f"{folder} 中已有 {listed}，没有写入任何文件。要用新生成的文件替换它们，请加 --force（会列出被替换的文件）",
            f"{folder} already has {listed_en}; nothing was written. To replace them, add --force "
            "(the replaced files are listed)"))
    todo = [(folder / rel, data) for rel, data in files.items() if rel not in result.unchanged]
    write_outputs(todo)
    result.written = [rel for rel in files if rel not in result.unchanged]
    return result
