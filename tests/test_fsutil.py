"""Outputs are written whole and with ordinary permissions, never over an input."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from catalogtool import fsutil
from catalogtool.errors import CatalogToolError
from catalogtool.fsutil import ensure_not_input, write_atomic, write_outputs
from catalogtool.problems import Message


def test_write_atomic_replaces_whole_file_with_umask_mode(tmp_path):
    target = tmp_path / "sub" / "guide.xlsx"
    old = os.umask(0o022)
    try:
        write_atomic(target, b"first")
        write_atomic(target, b"second")
    finally:
        os.umask(old)
    assert target.read_bytes() == b"second"
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert [p.name for p in target.parent.iterdir()] == ["guide.xlsx"]  # no temporary left behind


def test_a_replaced_file_keeps_its_own_mode(tmp_path):
    target = tmp_path / ".bashrc"
    target.write_text("export TOKEN=x\n")
    target.chmod(0o600)
    write_atomic(target, b"export TOKEN=x\nsource completion\n")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600  # a private file is not made readable by all


def test_output_may_not_be_an_input_or_a_yaml_inside_an_input_folder(tmp_path):
    src = tmp_path / "catalog.yaml"
    src.write_text("kind: x\n", encoding="utf-8")
    with pytest.raises(CatalogToolError):
        ensure_not_input(src, [src])
    with pytest.raises(CatalogToolError):
        ensure_not_input(tmp_path / "sub" / "out.yaml", [tmp_path])
    link = tmp_path / "link.yaml"
    link.symlink_to(src)
    with pytest.raises(CatalogToolError):
        ensure_not_input(link, [src])
    ensure_not_input(tmp_path / "guide.xlsx", [tmp_path])
    ensure_not_input(tmp_path.parent / "elsewhere.xlsx", [tmp_path])


# --------------------------------------------------------------------------- the files of one command: all or none


def _full_disk_on(call: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the `call`-th file written fail as a full disk does."""
    real = fsutil._write_file
    calls = {"n": 0}

    def write(fd: int, data: bytes) -> None:
        calls["n"] += 1
        if calls["n"] == call:
            os.close(fd)
            raise OSError(errno.ENOSPC, "No space left on device")
        real(fd, data)

    monkeypatch.setattr(fsutil, "_write_file", write)


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("failing", [2, 3])
def test_a_full_disk_leaves_the_folder_as_it_was(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: int) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "b.yaml").write_bytes(b"old b\n")
    _full_disk_on(failing, monkeypatch)
    files = [(out / "a.yaml", b"new a\n"), (out / "b.yaml", b"new b\n"), (out / "sub" / "c.yaml", b"new c\n")]
    with pytest.raises(CatalogToolError) as caught:
        write_outputs(files)
    assert "磁盘空间不足" in caught.value.message.zh and "没有写入任何文件" in caught.value.message.zh
    assert _tree(out) == {"b.yaml": b"old b\n"}  # nothing new, the old file untouched, no temporary left
    assert sorted(p.name for p in out.iterdir()) == ["b.yaml"]  # the folder made for c.yaml is gone too


def test_a_failure_while_moving_into_place_puts_back_what_was_there(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "a.yaml").write_bytes(b"old a\n")
    (out / "b.yaml").write_bytes(b"old b\n")
    real = os.replace
    moved = {"n": 0}

    def replace(src: str, dst: str) -> None:
        if str(src).endswith(".tmp"):
            moved["n"] += 1
            if moved["n"] == 3:
                raise OSError(errno.EIO, "Input/output error")
        real(src, dst)

    monkeypatch.setattr(fsutil.os, "replace", replace)
    with pytest.raises(CatalogToolError):
        write_outputs([(out / "a.yaml", b"new a\n"), (out / "b.yaml", b"new b\n"), (out / "c.yaml", b"new c\n")])
    assert _tree(out) == {"a.yaml": b"old a\n", "b.yaml": b"old b\n"}


def test_a_failure_while_making_the_files_removes_those_made(tmp_path: Path) -> None:
    out = tmp_path / "guides"

    def guides() -> Iterator[tuple[Path, bytes]]:
        yield out / "1.xlsx", b"one"
        raise CatalogToolError(Message("第二个乡镇的指南无法生成", "第二个乡镇的指南无法生成"))

    with pytest.raises(CatalogToolError):
        write_outputs(guides())
    assert not out.exists()


def test_write_outputs_writes_every_file(tmp_path: Path) -> None:
    (tmp_path / "b.yaml").write_bytes(b"old")
    write_outputs([(tmp_path / "a.yaml", b"a"), (tmp_path / "b.yaml", b"b"), (tmp_path / "x" / "c.yaml", b"c")])
    assert _tree(tmp_path) == {"a.yaml": b"a", "b.yaml": b"b", "x/c.yaml": b"c"}


def test_a_folder_in_the_way_is_a_plain_error_and_nothing_is_written(tmp_path: Path) -> None:
    (tmp_path / "b.yaml").mkdir()
    with pytest.raises(CatalogToolError) as caught:
        write_outputs([(tmp_path / "a.yaml", b"a"), (tmp_path / "b.yaml", b"b")])
    assert "这是一个目录" in caught.value.message.zh
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.yaml"] and (tmp_path / "b.yaml").is_dir()
