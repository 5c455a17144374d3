"""Writing the site: a whole new folder beside the target, swapped in for the old one, never a mix of editions.

The target must be new, empty, or a folder an earlier `catalogtool site` wrote (it
holds the marker file); it must not be an input, inside an input folder, or hold
an input.  The pages are written to a temporary folder next to it, then the old
folder is renamed away, the new one renamed into place and the old one removed.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path

from catalogtool.errors import CatalogToolError, os_reason
from catalogtool.problems import Message
from catalogtool.site.build import MARKER


def check_target(output: Path, inputs: Iterable[Path]) -> None:
    """Refuse an output folder that would overwrite, hold or sit inside an input, or a folder we did not write."""
    out = Path(os.path.abspath(output))
    for given in inputs:
        src = Path(os.path.abspath(given))
        if out == src or src in out.parents or out in src.parents:
            raise CatalogToolError(Message(
                f"输出目录 {output} 与输入 {given} 重叠；网站会整个替换输出目录，请换一个不含输入文件的目录",
                f"the output folder {output} overlaps the input {given}; the site replaces its folder whole, "
                "so choose a folder that holds no inputs"))
    if out.exists() or out.is_symlink():
        if not out.is_dir() or out.is_symlink():
            raise CatalogToolError(Message(f"输出路径 {output} 已存在且不是目录",
                                           f"the output {output} exists and is not a folder"))
        if any(out.iterdir()) and not (out / MARKER).is_file():
            raise CatalogToolError(Message(
                f"输出目录 {output} 不是空目录，也不是 catalogtool site 生成的网站（没有 {MARKER} 文件）；为免删除其中的文件，请换一个目录",
                f"the output folder {output} is not empty and was not written by catalogtool site (no {MARKER} file); "
                "choose another folder so nothing in it is deleted"))


def write_site(output: Path, files: Mapping[str, bytes]) -> None:
    """Write every file into a fresh folder beside `output`, then swap it in."""
    out = Path(os.path.abspath(output))
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        fresh = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".new", dir=out.parent))
    except OSError as error:
        raise _error(output, error) from None
    try:
        for name, data in files.items():
            target = fresh / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        os.chmod(fresh, 0o777 & ~_umask())  # mkdtemp makes the folder private
        old = None
        if out.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".old", dir=out.parent))
            os.replace(out, old / "site")
        try:
            os.replace(fresh, out)
        except OSError:
            if old is not None:
                os.replace(old / "site", out)
            raise
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except OSError as error:
        with contextlib.suppress(OSError):
            shutil.rmtree(fresh)
        raise _error(output, error) from None


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _error(output: Path, error: OSError) -> CatalogToolError:
    zh, en = os_reason(error)
    return CatalogToolError(Message(f"无法写入网站 {output}：{zh}；原有网站保持不变",
                                    f"cannot write the site {output}: {en}; the old site is unchanged"))
