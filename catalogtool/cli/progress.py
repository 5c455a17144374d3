"""validate's progress bar: on a terminal, for runs that take a while; never in pipes or CI logs.

The bar goes to stderr, only when stderr is a terminal and the environment is
not a CI job (CI set, as every major CI sets it) or a dumb terminal, and only
once the run has taken DELAY seconds, so quick runs print nothing extra.  It is
transient: it is erased before the report is written, so stdout holds the
report alone.  rich is imported only when a bar is actually shown.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any, TextIO

from catalogtool.problems import Message

DELAY = 1.0  # seconds before a bar appears


def wanted(stream: TextIO, environ: Mapping[str, str]) -> bool:
    """Whether a progress bar belongs on `stream`: a terminal, not a CI log, not a dumb terminal."""
    if environ.get("TERM", "").lower() == "dumb":
        return False
    if environ.get("CI", "").strip().lower() not in ("", "0", "false", "no"):
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a closed or unusual stream
        return False


class ProgressBar:
    """The `on_file_done(done, total)` callback of engine.validate_paths, drawing a bar once DELAY has passed."""

    def __init__(self, lang: str, stream: TextIO, delay: float | None = None) -> None:
        self._lang = lang
        self._stream = stream
        self._delay = DELAY if delay is None else delay
        self._started = time.monotonic()
        self._progress: Any = None
        self._task: Any = None

    @property
    def shown(self) -> bool:
        return self._progress is not None

    def __call__(self, done: int, total: int) -> None:
        if self._progress is None:
            if done >= total or time.monotonic() - self._started < self._delay:
                return
            self._show(total)
        self._progress.update(self._task, completed=done)

    def _show(self, total: int) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeRemainingColumn,
        )

        self._progress = Progress(TextColumn(Message("正在检查", "Checking").text(self._lang)), BarColumn(),
                                  MofNCompleteColumn(), TextColumn(Message("个文件", "files").text(self._lang)),
                                  TimeRemainingColumn(), console=Console(file=self._stream), transient=True,
                                  redirect_stdout=False, redirect_stderr=False)
        self._progress.start()
        self._task = self._progress.add_task("", total=total)

    def close(self) -> None:
        if self._progress is not None:
            self._progress.stop()


@contextmanager
def progress_bar(lang: str, stream: TextIO | None = None,
                 environ: Mapping[str, str] | None = None) -> Iterator[ProgressBar | None]:
    """A ProgressBar while the block runs, erased at its end; None where no bar belongs."""
    stream = sys.stderr if stream is None else stream
    if not wanted(stream, os.environ if environ is None else environ):
        yield None
        return
    bar = ProgressBar(lang, stream)
    try:
        yield bar
    finally:
        bar.close()
