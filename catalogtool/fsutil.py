"""Writing outputs safely: all the files of one command or none, and never over a file the user gave as input."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path

from catalogtool.discovery import YAML_SUFFIXES
from catalogtool.errors import CatalogToolError, os_reason
from catalogtool.problems import Message


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
                Message(f"输出 {output} 会覆盖输入 {given} 中的文件；为免覆盖原文件，请换一个输出路径",
                f"output {output} would overwrite the input {given}; choose another output path"),
            )


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _write_file(fd: int, data: bytes) -> None:
    """Write and flush to disk, so a file moved into place is whole even after a power cut."""
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def _mode_for(path: Path) -> int:
    """The mode the new file gets: the replaced file's own (a private file stays private), else what
    a plain open() would give."""
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        return 0o666 & ~_umask()


def _temp_beside(path: Path, data: bytes) -> str:
    """`data` in a new temporary file in `path`'s folder (so moving it into place is a rename), with
    the mode of the file it replaces, or the mode a plain open() would give."""
    mode = _mode_for(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.chmod(tmp, mode)  # mkstemp makes the file private (0600)
        _write_file(fd, data)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return tmp


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` so that readers see the old file or the whole new one, never half."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = _temp_beside(path, data)
    try:
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


class _Batch:
    """The files of one command on their way to disk.

    Each file is first written in full to a temporary file beside its target; only
    when every one is written are they moved into place, each existing file kept
    aside (as a hard link, or renamed) until all are in.  `rollback` puts back what
    was there and removes what this batch made, folders included.
    """

    def __init__(self) -> None:
        self.staged: list[tuple[Path, str]] = []  # (target, temporary file)
        self.committed: list[tuple[Path, str | None]] = []  # (target, the old file kept aside, if any)
        self.made: list[Path] = []  # folders created, outermost first

    def stage(self, path: Path, data: bytes) -> None:
        if any(path == target for target, _ in self.staged):
            raise ValueError(f"{path} is written twice in one batch")
        if path.is_dir() and not path.is_symlink():
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
        missing = [p for p in (path.parent, *path.parent.parents) if not p.exists()]
        for folder in reversed(missing):
            try:
                folder.mkdir()
            except OSError as error:
                zh, en = os_reason(error)
                raise CatalogToolError(
                    Message(f"无法创建目录 {folder}：{zh}；本次没有写入任何文件，原有文件保持不变",
                    f"cannot create the folder {folder}: {en}; nothing was written and existing files are unchanged"),
                ) from None
            self.made.append(folder)
        self.staged.append((path, _temp_beside(path, data)))

    def commit(self) -> None:
        for path, tmp in self.staged:
            kept = _keep_aside(path, tmp) if os.path.lexists(path) else None
            try:
                os.replace(tmp, path)
            except BaseException:
                if kept is not None:
                    with contextlib.suppress(OSError):
                        os.replace(kept, path)
                raise
            self.committed.append((path, kept))
        for _, kept in self.committed:
            if kept is not None:
                with contextlib.suppress(OSError):
                    os.unlink(kept)
        self.staged.clear()

    def rollback(self) -> None:
        for path, kept in reversed(self.committed):
            with contextlib.suppress(OSError):
                if kept is not None:
                    os.replace(kept, path)
                else:
                    os.unlink(path)
        done = {str(path) for path, _ in self.committed}
        for path, tmp in self.staged:
            if str(path) not in done:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
        for folder in reversed(self.made):
            with contextlib.suppress(OSError):
                folder.rmdir()  # only if empty: never what was there before


def _keep_aside(path: Path, tmp: str) -> str:
    """Another name for the existing `path`, so it can be put back; the target never goes missing
    when the file system allows hard links."""
    kept = tmp + ".old"
    try:
        os.link(path, kept, follow_symlinks=False)
    except (OSError, NotImplementedError):
        os.replace(path, kept)
    return kept


def write_outputs(files: Iterable[tuple[Path, bytes]]) -> None:
    """Write the files of one command as a whole or not at all.

    `files` may be a generator that makes each file in turn (one workbook per
    township, say): if making one fails, or any write fails (a full disk), every
    file written so far is removed, files that were there before are left as they
    were, and the error is raised (a write failure as a CatalogToolError, exit 2).
    """
    batch = _Batch()
    try:
        for path, data in files:
            try:
                batch.stage(Path(path), data)
            except OSError as error:
                raise _write_error(Path(path), error) from None
        try:
            batch.commit()
        except OSError as error:
            raise _write_error(batch.staged[len(batch.committed)][0], error) from None
    except BaseException:
        batch.rollback()
        raise


def _write_error(path: Path, error: OSError) -> CatalogToolError:
    zh, en = os_reason(error)
    return CatalogToolError(
        Message(f"无法写入 {path}：{zh}；本次没有写入任何文件，原有文件保持不变",
        f"cannot write {path}: {en}; nothing was written and existing files are unchanged"),
    )


def write_output(path: Path, data: bytes) -> None:
    """One output file, written atomically: a failure is a user-facing error (exit 2)."""
    write_outputs([(path, data)])
