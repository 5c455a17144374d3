"""Outputs are written whole and with ordinary permissions, never over an input."""

from __future__ import annotations

import os
import stat

import pytest

from catalogtool.errors import CatalogToolError
from catalogtool.fsutil import ensure_not_input, write_atomic


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
