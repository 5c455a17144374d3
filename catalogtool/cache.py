"""A results cache for large repositories: a file whose bytes, name, configuration and tool
version are unchanged is not parsed or checked again.

Entries are JSON, never pickle: a cache directory may be restored from CI storage
or slipped into a pull request, and reading it must not run code.  A corrupt or
foreign entry is simply a miss.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

from catalogtool import __version__
from catalogtool.config import Config
from catalogtool.fsutil import write_atomic
from catalogtool.problems import Level, Message, Problem

FORMAT_VERSION = 1


def config_fingerprint(config: Config) -> str:
    """Everything in the configuration that can change a file's result."""
    data = {
        "levels": {k: v.value for k, v in sorted(config.levels.items())},
        "options": config.options,
        "scheme": asdict(config.code_scheme),
        "limits": asdict(config.limits),
    }
    return json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)


class ResultCache:
    def __init__(self, folder: Path, config: Config) -> None:
        self.folder = Path(folder)
        self.salt = f"{FORMAT_VERSION}\0{__version__}\0{config_fingerprint(config)}".encode()

    def key(self, display: str, content: bytes) -> str:
        digest = hashlib.sha256(self.salt)
        digest.update(display.encode("utf-8", "surrogateescape") + b"\0")
        digest.update(content)
        return digest.hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str) -> dict[str, Any] | None:
        try:
            data = json.loads(self._path(key).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(data, dict) or data.get("key") != key:
            return None
        return data

    def put(self, key: str, entry: dict[str, Any]) -> None:
        with contextlib.suppress(OSError):  # a read-only or full cache must not fail the check
            write_atomic(self._path(key), json.dumps({"key": key, **entry}, ensure_ascii=False).encode("utf-8"))


def problem_to_json(problem: Problem) -> dict[str, Any]:
    return {"file": problem.file, "line": problem.line, "column": problem.column, "pointer": problem.pointer,
            "rule": problem.rule, "level": problem.level.value, "zh": problem.message.zh, "en": problem.message.en}


def problem_from_json(data: dict[str, Any]) -> Problem:
    return Problem(str(data["file"]), int(data["line"]), int(data["column"]), str(data["pointer"]),
                   str(data["rule"]), Level(data["level"]), Message(str(data["zh"]), str(data["en"])))


