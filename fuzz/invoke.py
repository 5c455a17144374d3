"""Run a catalogtool command in this process, as a user would from a shell.

In-process, because a fuzzing campaign runs a hundred thousand commands and a new
interpreter per command costs more than the command.  The entry point is the real
one (`catalogtool.cli.main.run`), so the crash handler and exit codes are those a
user sees; an exception that escapes it is recorded with its traceback.
"""

from __future__ import annotations

import contextlib
import io
import os
import signal
import sys
import time
import traceback
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any


class CaseTimeout(BaseException):
    """Raised by the alarm when one case runs past its wall-clock bound."""


@dataclass
class Invocation:
    """What one command did: exit code, output, CPU and wall seconds, and an escaped exception."""

    args: list[str]
    exit_code: int | None
    stdout: str
    stderr: str
    cpu_seconds: float
    wall_seconds: float
    timed_out: bool = False
    escaped: str | None = None  # traceback of an exception the entry point let through

    @property
    def output(self) -> str:
        return self.stdout + "\n" + self.stderr


@contextlib.contextmanager
def alarm(seconds: float) -> Iterator[None]:
    """Raise CaseTimeout in this (main) thread after `seconds` of wall time."""
    if seconds <= 0 or not hasattr(signal, "setitimer"):
        yield
        return

    def _fire(signum: int, frame: object) -> None:
        raise CaseTimeout(f"case ran longer than {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, _fire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


# typer builds the click command from the functions' signatures on every call of the app, which is
# half of a small validate; a campaign builds it once per language (localize() rewrites help texts
# in place, so one object per language) and runs the real entry point and crash handler around it.
_COMMANDS: dict[str, Any] = {}


def _built_command(lang: str) -> Any:
    import typer.main

    from catalogtool.cli import main

    if lang not in _COMMANDS:
        _COMMANDS[lang] = typer.main.get_command(main.app)
    return _COMMANDS[lang]


def run_cli(args: list[str], *, wall_limit: float = 0.0, cwd: str | None = None, debug: bool = False) -> Invocation:
    """`catalogtool ARGS...` with stdout and stderr captured and no standard input.
    `debug` sets CATALOGTOOL_DEBUG=1, so a crash escapes the handler with its traceback."""
    from catalogtool.cli import main
    from catalogtool.i18n import lang_from_args

    command = _built_command(lang_from_args(args))

    stdout = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", newline="")
    stderr = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", newline="")
    stdin = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    saved = (sys.argv, sys.stdin, sys.stdout, sys.stderr, os.getcwd())
    saved_debug = os.environ.pop("CATALOGTOOL_DEBUG", None)
    if debug:
        os.environ["CATALOGTOOL_DEBUG"] = "1"
    exit_code: int | None = None
    escaped = None
    timed_out = False
    cpu, wall = time.process_time(), time.perf_counter()
    sys.argv = ["catalogtool", *args]
    sys.stdin, sys.stdout, sys.stderr = stdin, stdout, stderr
    try:
        if cwd:
            os.chdir(cwd)
        app, main.app = main.app, command
        try:
            with alarm(wall_limit):
                main.run()
        finally:
            main.app = app
        exit_code = 0
    except SystemExit as done:
        code = done.code
        exit_code = code if isinstance(code, int) else (0 if code is None else 1)
    except CaseTimeout:
        timed_out = True
    except BaseException:  # the entry point let something through: that is a finding
        escaped = traceback.format_exc()
    finally:
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        sys.argv, sys.stdin, sys.stdout, sys.stderr = saved[:4]
        os.chdir(saved[4])
        os.environ.pop("CATALOGTOOL_DEBUG", None)
        if saved_debug is not None:
            os.environ["CATALOGTOOL_DEBUG"] = saved_debug
    text = []
    for stream in (stdout, stderr):
        stream.flush()
        raw = stream.buffer
        assert isinstance(raw, io.BytesIO)
        text.append(raw.getvalue().decode("utf-8", "replace"))
    # The product's crash handler turns the alarm into an "internal error" naming it.
    if "CaseTimeout" in text[1]:
        timed_out = True
    return Invocation(list(args), exit_code, text[0], text[1], cpu, wall, timed_out, escaped)
