"""SHA-256 without loading OpenSSL for the small inputs of a one-file run.

`import hashlib` initialises OpenSSL (about 11 M instructions, ~5 ms), which a pre-commit
hook checking one small file pays on every commit.  CPython's own SHA-256 gives the
same digest; OpenSSL's is about 7 times faster on large inputs, so a large file's bytes
still go through hashlib.  Either way the digest, and so every cache key, is the same.
"""

from __future__ import annotations

import sys
from typing import Protocol

try:
    from _sha256 import sha256 as _builtin  # CPython 3.11
except ImportError:  # pragma: no cover - 3.12 renamed it; any other Python has hashlib
    try:
        from _sha2 import sha256 as _builtin
    except ImportError:
        from hashlib import sha256 as _builtin



class Hasher(Protocol):
    def update(self, data: bytes, /) -> None: ...
    def hexdigest(self) -> str: ...


# Below this many bytes the builtin's speed does not matter and OpenSSL's start-up would.
LARGE = 256 * 1024


def sha256(data: bytes = b"") -> Hasher:
    """A SHA-256 hasher (update/hexdigest) for small, incrementally fed inputs: keys, names, schemas."""
    return _builtin(data)  # type: ignore[no-any-return]


def sha256_hex(data: bytes) -> str:
    """The SHA-256 hex digest of `data`, through OpenSSL when `data` is large or OpenSSL is loaded anyway."""
    if len(data) < LARGE and "hashlib" not in sys.modules:
        return str(_builtin(data).hexdigest())
    import hashlib

    return hashlib.sha256(data).hexdigest()
