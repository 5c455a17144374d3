"""The user's cache folder for catalogtool, as platformdirs names it, without importing
platformdirs where that is a few lines.

platformdirs costs a one-file run about 11 M instructions (~5 ms).  On Linux (not
Android) its answer is $XDG_CACHE_HOME/catalogtool when that is absolute, else
$HOME/.cache/catalogtool when HOME is absolute; that is done here, and every other case
(another platform, no or a relative HOME, root redirection it may grow) asks platformdirs.
tests/test_startup.py checks the two agree.
"""

from __future__ import annotations

import os
import sys

APP = "catalogtool"


def user_cache_folder() -> str:
    """platformdirs.user_cache_dir("catalogtool", appauthor=False)."""
    environ = os.environ
    if sys.platform == "linux" and not hasattr(sys, "getandroidapilevel") and not (
            environ.get("ANDROID_DATA") == "/data" and environ.get("ANDROID_ROOT") == "/system"):
        xdg = environ.get("XDG_CACHE_HOME", "")
        if xdg.startswith("/"):
            return os.path.join(xdg, APP)
        home = environ.get("HOME")
        if home is not None and home.startswith("/"):
            return os.path.join(home.rstrip("/") + "/.cache", APP)
    import platformdirs

    return str(platformdirs.user_cache_dir(APP, appauthor=False))
