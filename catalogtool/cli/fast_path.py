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
import sys

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (mypy reads it the same)

if TYPE_CHECKING:  # `--version` imports nothing it does not need
    from collections.abc import Mapping, Sequence
    from pathlib import Path
    from typing import Any

# validate's options this path takes, and how many values each has.
_VALIDATE_OPTIONS = {"--format": 1, "-f": 1, "--strict": 0, "--lang": 1, "--jobs": 1, "-j": 1, "--config": 1}
_SAME = {"-f": "--format", "-j": "--jobs"}
_FORMATS = ("text", "json", "github", "sarif")
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
    return {"paths": [Path(p) for p in paths], "output_format": output_format, "strict": "--strict" in options,
            "config": options.get("--config"), "lang": lang, "jobs": int(jobs) if jobs is not None else None}


def _is_jobs(text: str) -> bool:
    """A count click's IntRange(min=1) takes as written: 1 to 9999, no sign, no leading zero."""
    return text.isascii() and text.isdigit() and text[0] != "0" and len(text) <= 4


def _validate(argv: Sequence[str], paths: list[Path], output_format: str, strict: bool, config: str | None,
              lang: str | None, jobs: int | None) -> int:
    """cli/validate.py's validate_command for the command lines parse_validate accepts."""
    from pathlib import Path

    from catalogtool.config_file import Configs
    from catalogtool.engine import validate_paths
    from catalogtool.errors import CatalogToolError
    from catalogtool.i18n import LANGS, lang_from_args
    from catalogtool.reporters import REPORTERS

    language = lang if lang is not None else lang_from_args(argv)
    try:
        configs = Configs.for_run(config)
        settings = configs.of(paths[0])
        if lang is None and settings.lang:
            if settings.lang.lower() not in LANGS:  # the configuration's schema allows none; as options.resolve_lang
                from catalogtool.i18n import default_lang

                return _fail(f"--lang 只能是 zh 或 en，而不是 {settings.lang}" if default_lang() == "zh" else
                             f"--lang must be zh or en, not {settings.lang}", default_lang())
            language = settings.lang.lower()
        # validate's --cache-dir reads CATALOGTOOL_CACHE_DIR (click ignores it when empty).
        cache_dir = os.environ.get("CATALOGTOOL_CACHE_DIR") or None
        result = validate_paths(paths, configs, jobs=jobs, cache_dir=Path(cache_dir) if cache_dir else None)
    except CatalogToolError as error:
        return _fail(error.text(language), language)
    if not result.files:
        _say_nothing_checked(result.left_out, language)
    REPORTERS[output_format](result, language, strict, sys.stdout)
    sys.stdout.flush()
    if result.crashed:
        print("catalogtool: " + ("error: catalogtool failed internally on some files (the internal-error problems "
                                 "in the report); the other files were checked" if language == "en" else
                                 "错误：catalogtool 检查部分文件时出现内部错误（见报告中的 internal-error），其他文件已照常检查"),
              file=sys.stderr)
        return 2
    return 1 if result.failed(strict) else 0


def _fail(text: str, lang: str) -> int:
    """options.fail's words: a user-facing error on stderr, exit 2."""
    print(f"catalogtool: error: {text}" if lang == "en" else f"catalogtool：错误：{text}", file=sys.stderr)
    return 2


def _say_nothing_checked(left_out: int, language: str) -> None:
    """cli/validate.py's note when no file was checked."""
    if left_out:
        print("catalogtool: " + (f"note: nothing to check: the {left_out} file(s) given are excluded "
                                 "(exclude in catalogtool.yaml, hidden, or a configuration file)" if language == "en" else
                                 f"提示：没有需要检查的文件：所给的 {left_out} 个文件都不参加检查"
                                 "（catalogtool.yaml 的 exclude 所列、隐藏文件或配置文件）"), file=sys.stderr)
    else:
        print("catalogtool: " + ("warning: no *.yaml or *.yml files found under the given paths" if language == "en"
                                 else "警告：所给路径下没有找到 *.yaml 或 *.yml 文件"), file=sys.stderr)
