"""validate's progress bar: drawn on a terminal (a real pty here) for long runs, never in pipes or CI."""

from __future__ import annotations

import io
import os
import pty
import select
import subprocess
import sys
from pathlib import Path

import pytest

from catalogtool.cli import progress
from catalogtool.cli.progress import ProgressBar, progress_bar, wanted

ROOT = Path(__file__).resolve().parents[1]
# The CLI as installed, with the delay before a bar set to 0 so that every run counts as long.
RUN_CLI = ("import sys; import catalogtool.cli.progress as p; p.DELAY = float(sys.argv.pop(1)); "
           "from catalogtool.cli.main import run; sys.argv[0] = 'catalogtool'; run()")
TERMINAL_ENV = {k: v for k, v in os.environ.items() if k not in ("CI", "NO_COLOR", "GITHUB_ACTIONS")} | {
    "TERM": "xterm-256color", "COLUMNS": "100", "LANG": "C.UTF-8"}


def _run(stderr_on_pty: bool, env: dict[str, str], delay: float = 0.0) -> tuple[int, bytes, bytes]:
    """validate examples/ as text; (exit code, stdout, what reached stderr)."""
    command = [sys.executable, "-c", RUN_CLI, str(delay), "validate", "examples", "--lang", "zh", "--no-cache"]  # a warm cache leaves nothing to show
    if not stderr_on_pty:
        done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, check=False, timeout=120)
        return done.returncode, done.stdout, done.stderr
    master, slave = pty.openpty()
    child = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=slave, stdin=subprocess.DEVNULL)
    os.close(slave)
    seen = bytearray()
    while True:
        ready, _, _ = select.select([master], [], [], 60)
        if not ready:
            child.kill()
            pytest.fail("no output from the child for 60 s")
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the child closed its end
            break
        if not chunk:
            break
        seen += chunk
    os.close(master)
    assert child.stdout is not None
    with child.stdout:
        out = child.stdout.read()
    return child.wait(timeout=60), out, bytes(seen)


def test_bar_is_drawn_on_a_terminal_and_kept_out_of_stdout() -> None:
    code, out, terminal = _run(True, TERMINAL_ENV)
    assert code == 0
    assert "正在检查".encode() in terminal and "个文件".encode() in terminal
    assert b"\x1b[" in terminal  # drawn with cursor movement, then erased (transient)
    assert out.decode("utf-8").strip() == "共检查 14 个文件：0 个错误，0 个警告。"


def test_no_bar_in_a_pipe() -> None:
    code, out, err = _run(False, TERMINAL_ENV)
    assert code == 0 and err == b""
    assert "正在检查".encode() not in out


@pytest.mark.parametrize("env", [{"CI": "true"}, {"CI": "1"}, {"TERM": "dumb"}])
def test_no_bar_in_ci_logs_or_dumb_terminals(env: dict[str, str]) -> None:
    code, _, terminal = _run(True, TERMINAL_ENV | env)
    assert code == 0 and "正在检查".encode() not in terminal and b"\x1b[" not in terminal


def test_no_bar_on_a_terminal_for_a_quick_run() -> None:
    """With a delay longer than the run, nothing is drawn: short runs stay quiet."""
    code, _, terminal = _run(True, TERMINAL_ENV, delay=600)
    assert code == 0 and terminal == b""


class _FakeTTY(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_wanted_reads_the_stream_and_the_environment() -> None:
    assert wanted(_FakeTTY(), {})
    assert wanted(_FakeTTY(), {"CI": "false", "TERM": "xterm"})
    assert not wanted(_FakeTTY(), {"CI": "true"})
    assert not wanted(_FakeTTY(), {"TERM": "dumb"})
    assert not wanted(io.StringIO(), {})


def test_bar_waits_for_the_delay_and_not_for_the_last_file(monkeypatch: pytest.MonkeyPatch) -> None:
    clock = [100.0]
    monkeypatch.setattr(progress.time, "monotonic", lambda: clock[0])
    stream = _FakeTTY()
    bar = ProgressBar("en", stream, delay=1.0)
    bar(1, 10)
    assert not bar.shown
    clock[0] += 2
    bar(10, 10)  # already finished: no bar for the last moment
    assert not bar.shown
    bar(5, 10)
    assert bar.shown
    bar.close()
    assert "Checking" in stream.getvalue()


def test_context_gives_nothing_where_no_bar_belongs() -> None:
    with progress_bar("zh", io.StringIO(), {}) as bar:
        assert bar is None
    with progress_bar("zh", _FakeTTY(), {}) as bar:
        assert isinstance(bar, ProgressBar)


@pytest.mark.parametrize("jobs", [1, 2])
def test_engine_tells_each_file_done_in_order(tmp_path: Path, jobs: int) -> None:
    """Both the in-process loop and the worker pool (from PARALLEL_THRESHOLD files) report every file."""
    from catalogtool.config_file import Configs
    from catalogtool.engine import PARALLEL_THRESHOLD, validate_paths

    count = PARALLEL_THRESHOLD if jobs > 1 else 3
    for n in range(count):
        (tmp_path / f"f{n:02}.yaml").write_text("kind: purchase-catalog\nschema: 1\n", encoding="utf-8")
    calls: list[tuple[int, int]] = []
    result = validate_paths([tmp_path], Configs.for_run(None), jobs=jobs, on_file_done=lambda d, t: calls.append((d, t)))
    assert calls == [(n, count) for n in range(1, count + 1)]
    assert len(result.files) == count
