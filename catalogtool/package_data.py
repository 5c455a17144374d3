"""Files shipped inside the catalogtool package, found without importing importlib.resources.

importlib.resources (with tempfile, shutil and zipfile behind it) takes longer to
import than `catalogtool validate` takes to check a small file.  Where the package
is a folder on disk (a wheel's install, a checkout) its files are that folder's,
exactly as importlib.resources finds them; anywhere else (a zip) it is asked.
"""

from __future__ import annotations

import sys
from importlib.machinery import SourceFileLoader, SourcelessFileLoader
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable


def package_files() -> Traversable:
    """The catalogtool package's folder: what importlib.resources.files("catalogtool") answers."""
    spec = sys.modules["catalogtool"].__spec__
    if spec is not None and spec.origin and isinstance(spec.loader, SourceFileLoader | SourcelessFileLoader):
        return Path(spec.origin).parent  # importlib.readers.FileReader's answer for a package on disk
    from importlib import resources

    return resources.files("catalogtool")
