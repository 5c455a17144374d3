"""Compiled schema validators kept in the cache: same answers, never stale, never trusted when damaged."""

from __future__ import annotations

import json
from pathlib import Path

import fastjsonschema
import pytest

from catalogtool.schema_code import Invalid, compiled_validator, fastjsonschema_version

SCHEMA = {"type": "object", "properties": {"code": {"type": "string", "pattern": "^[A-Z][0-9]+$"},
                                           "date": {"type": "string", "format": "date"}},
          "required": ["code"], "additionalProperties": False}


def _is_date(value: object) -> bool:
    return not isinstance(value, str) or value[:4].isdigit()


def _answers(validate) -> list[str]:
    out = []
    for data in ({"code": "A1"}, {"code": "a1"}, {}, {"code": "A1", "x": 1}, {"code": "A1", "date": "x"},
                 {"code": "A1", "date": "2025-01-01"}):
        try:
            validate(data)
            out.append("ok")
        except ValueError as error:  # fastjsonschema's JsonSchemaValueException, or Invalid in its place
            assert isinstance(error, (fastjsonschema.JsonSchemaValueException, Invalid))
            out.append(error.message)
    return out


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CATALOGTOOL_CACHE_DIR", str(tmp_path))
    return tmp_path / "validators"


def test_the_cached_validator_answers_as_fastjsonschema_does(cache: Path) -> None:
    text = json.dumps(SCHEMA)
    expected = _answers(fastjsonschema.compile(SCHEMA, formats={"date": _is_date}))
    assert "ok" in expected and len(set(expected)) > 2
    assert _answers(compiled_validator(text, SCHEMA, {"date": _is_date})) == expected  # compiled, then kept
    assert len(list(cache.iterdir())) == 2  # catalogtool's yes/no code, and fastjsonschema's for the noes
    assert _answers(compiled_validator(text, SCHEMA, {"date": _is_date})) == expected  # read back


def test_a_changed_schema_is_compiled_anew(cache: Path) -> None:
    compiled_validator(json.dumps(SCHEMA), SCHEMA, {"date": _is_date})
    changed = {**SCHEMA, "required": []}
    validate = compiled_validator(json.dumps(changed), changed, {"date": _is_date})
    assert len(list(cache.iterdir())) == 2
    assert validate({}) == {}


def test_a_damaged_cache_file_is_compiled_again(cache: Path) -> None:
    text = json.dumps(SCHEMA)
    compiled_validator(text, SCHEMA, {"date": _is_date})
    (file,) = cache.iterdir()
    for damage in (b"", b"\x00garbage", file.read_bytes()[:20]):
        file.write_bytes(damage)
        assert _answers(compiled_validator(text, SCHEMA, {"date": _is_date}))[0] == "ok"
    assert len(file.read_bytes()) > 20  # and written again whole


def test_an_unwritable_cache_still_validates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("CATALOGTOOL_CACHE_DIR", str(blocker))
    assert _answers(compiled_validator(json.dumps(SCHEMA), SCHEMA, {"date": _is_date}))[0] == "ok"


def test_the_version_is_read_as_fastjsonschema_says_it() -> None:
    assert fastjsonschema_version() == fastjsonschema.VERSION


def test_a_cached_validator_runs_without_importing_fastjsonschema(cache: Path) -> None:
    import subprocess
    import sys

    probe = ("import json, sys; from catalogtool.schema_code import compiled_validator; "
             f"v = compiled_validator({json.dumps(SCHEMA)!r}, json.loads({json.dumps(SCHEMA)!r}), {{}}); "
             "v({'code': 'A1'}); print('fastjsonschema' in sys.modules)")
    env = {"PATH": "/usr/bin:/bin", "CATALOGTOOL_CACHE_DIR": str(cache.parent)}
    runs = [subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, check=True).stdout
            for _ in ("cold", "warm")]
    assert runs == ["True\n", "False\n"]  # compiled with it once, then read back without it
