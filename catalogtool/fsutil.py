"""Writing outputs safely: atomically, and never over a file the user gave as input."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from catalogtool.discovery import YAML_SUFFIXES
from catalogtool.errors import CatalogToolError, os_reason


def ensure_not_input(output: Path, inputs: Iterable[Path]) -> None:
    """Refuse an output that is one of the input files, or a YAML file inside an input folder.

    A workbook or report may sit next to the documents (`export . -o guide.xlsx`);
    a YAML output inside an input folder would overwrite a document or be read as
    one on the next run.
    """
    out = Path(os.path.abspath(output))
    for given in inputs:
        src = Path(os.path.abspath(given))
        same = out == src
        if not same and out.exists() and src.exists():
            with contextlib.suppress(OSError):
                same = os.path.samefile(out, src)  # also hard links and symlinks
        inside = src.is_dir() and src in out.parents and out.suffix.lower() in YAML_SUFFIXES
        if same or inside:
            raise CatalogToolError(
                f"输出 {output} 会覆盖输入 {given} 中的文件；为免覆盖原文件，请换一个输出路径",
                f"output {output} would overwrite the input {given}; choose another output path",
            )


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` so that readers see the old file or the whole new one, never half."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        # mkstemp makes the file private (0600); give it the mode a plain open() would.
        os.chmod(tmp, 0o666 & ~_umask())
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def write_output(path: Path, data: bytes) -> None:
    """write_atomic for a command's output: a failure is a user-facing error (exit 2)."""
    try:
        write_atomic(path, data)
    except OSError as error:
        zh, en = os_reason(error)
        raise CatalogToolError(f"无法写入 {path}：{zh}", f"cannot write {path}: {en}") from None
