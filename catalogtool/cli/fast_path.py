"""What a pre-commit hook runs, answered before typer is imported: `--version` and a plain `validate`.

Importing typer, click and pydantic costs more than checking one small file.  This
module recognises an allow-list of command lines exactly and runs them with the same
core calls, messages and exit codes as the full CLI (cli/app.py, cli/validate.py).
Anything else - another option or command (added later too), a repeated option, a
value the full CLI would refuse, an environment variable it reads - gets None, and
the full CLI runs.  tests/test_fast_path.py compares both on a table of command lines.
"""

from __future__ import annotations

import os

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (mypy reads it the same)

if TYPE_CHECKING:  # `--version` imports nothing it does not need
    from collections.abc import Mapping, Sequence
    from pathlib import Path
    from typing import Any

# validate's options this path takes, and how many values each has.
_VALIDATE_OPTIONS = {"--format": 1, "-f": 1, "--strict": 0, "--lang": 1, "--jobs": 1, "-j": 1, "--config": 1,
                     "--no-cache": 0, "--cache-dir": 1}
_SAME = {"-f": "--format", "-j": "--jobs"}
# The formats of cli/validate_run.py's FORMATS, named here so that `--version` imports nothing more.
_FORMATS = ("text", "json", "github", "sarif", "junit", "gitlab", "markdown")
# The environment variables read here as the full CLI reads them; any other CATALOGTOOL_ one
# (an option's envvar added later, shell completion's _CATALOGTOOL_COMPLETE) sends the
# command line to the full CLI.
_ENV_SEEN_HERE = frozenset({"CATALOGTOOL_LANG", "CATALOGTOOL_DEBUG", "CATALOGTOOL_CACHE_DIR"})


def fast_exit_code(argv: Sequence[str], environ: Mapping[str, str] | None = None) -> int | None:
    """Run `argv` if it is a command line this path knows exactly; None means: run the full CLI."""
    env = os.environ if environ is None else environ
    if any((name.startswith("CATALOGTOOL_") and name not in _ENV_SEEN_HERE) or name.startswith("_CATALOGTOOL")
           for name in env):
        return None
    if list(argv) == ["--version"]:
        from catalogtool import __version__

        print(f"catalogtool {__version__}")
        return 0
    if argv[:1] == ["validate"]:
        parsed = parse_validate(argv[1:])
        if parsed is not None:
            return _validate(argv, **parsed)
    return None


def parse_validate(args: Sequence[str]) -> dict[str, Any] | None:
    """validate's options and paths, or None for anything not on the allow-list."""
    from pathlib import Path

    options: dict[str, str | None] = {}
    paths: list[str] = []
    index = 0
    while index < len(args):
        arg = args[index]
        index += 1
        if not arg.startswith("-"):
            paths.append(arg)
            continue
        name, _, inline = arg.partition("=")
        count = _VALIDATE_OPTIONS.get(name)
        if count is None or (inline and (count == 0 or not name.startswith("--"))):
            return None  # `-`, `--`, `--help`, bundled short options, an option added later...
        name = _SAME.get(name, name)
        if name in options:
            return None  # click takes the last one; leave repeats to it
        if count == 0:
            options[name] = None
            continue
        if not inline:
            if index >= len(args):
                return None
            inline = args[index]
            index += 1
        if inline.startswith("-"):
            return None
        options[name] = inline
    if not paths or "" in paths:
        return None
    output_format = options.get("--format", "text")
    jobs = options.get("--jobs")
    lang = options.get("--lang")
    if output_format not in _FORMATS or (jobs is not None and not _is_jobs(jobs)) or lang not in (None, "zh", "en"):
        return None
    if options.get("--cache-dir") == "":
        return None  # leave click to say what it says of an empty path
    return {"paths": [Path(p) for p in paths], "output_format": output_format, "strict": "--strict" in options,
            "config": options.get("--config"), "lang": lang, "jobs": int(jobs) if jobs is not None else None,
            "no_cache": "--no-cache" in options, "cache_dir": options.get("--cache-dir")}


def _is_jobs(text: str) -> bool:
    """A count click's IntRange(min=1) takes as written: 1 to 9999, no sign, no leading zero."""
    return text.isascii() and text.isdigit() and text[0] != "0" and len(text) <= 4


def _validate(argv: Sequence[str], paths: list[Path], output_format: str, strict: bool, config: str | None,
              lang: str | None, jobs: int | None, no_cache: bool, cache_dir: str | None) -> int:
    """validate_command's work (cli/validate_run.py) for the command lines parse_validate accepts."""
    from pathlib import Path

    from catalogtool.cli.validate_run import Request, run
    from catalogtool.i18n import lang_from_args

    # validate's --cache-dir, else CATALOGTOOL_CACHE_DIR as click reads it (ignored when empty).
    folder = cache_dir if cache_dir is not None else os.environ.get("CATALOGTOOL_CACHE_DIR") or None
    request = Request(paths, output_format, strict, config, lang, jobs, cache_dir=Path(folder) if folder else None,
                      no_cache=no_cache)
    return run(request, lang if lang is not None else lang_from_args(argv))
