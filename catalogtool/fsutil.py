"""Writing outputs safely: atomically, and never over a file the user gave as input."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from catalogtool.errors import CatalogToolError


def ensure_not_input(output: Path, inputs: Iterable[Path]) -> None:
    """Refuse an output path that is, or lies inside, one of the inputs."""
    out = output.resolve()
    for given in inputs:
        src = Path(given).resolve()
        if out == src or (src.is_dir() and src in out.parents):
            raise CatalogToolError(
                f"输出文件 {output} 与输入 {given} 相同或位于其中；为免覆盖原文件，请换一个输出路径",
                f"output {output} is, or lies inside, the input {given}; choose another output path "
                "so the input is not overwritten",
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
        reason = error.strerror or str(error)
        raise CatalogToolError(f"无法写入 {path}：{reason}", f"cannot write {path}: {reason}") from None
