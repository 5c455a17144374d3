"""Fixtures for every test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True)
def _own_cache_folder(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Runs are cached by default: each test gets its own cache folder, never the user's."""
    monkeypatch.setenv("CATALOGTOOL_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    # A test that unsets the variable gets the platform folder: point that away from the user's too.
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("xdg-cache")))
    yield
