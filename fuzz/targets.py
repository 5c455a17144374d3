"""The fuzz targets and their oracle: what catalogtool promises for any input.

- loader: `load_bytes` never raises, finishes in bounded time, and libyaml and the
  pure-Python parser give the same data and the same rules (the loader's promise);
  a stream PyYAML itself composes is never reported as `yaml-syntax`.
- validate: `catalogtool validate FILE --format json|text` exits 0 or 1 (a valid
  configuration and one readable file leave no room for 2), prints JSON that agrees
  with the exit code, and never shows "internal error" or a traceback.
- import: `catalogtool import BOOK.xlsx -o DIR` exits 0, 1 or 2, never shows an
  internal error or a traceback, never reads a local file through an XML entity,
  never writes outside the output folder, and never exits 0 having written fewer
  documents than the workbook holds.

Every case is also bounded in CPU time (`Limits.cpu_seconds`).  A failure carries a
signature (kind, exception type, innermost catalogtool frame) so a campaign can
count distinct bugs instead of distinct inputs.
"""

from __future__ import annotations

import json
import math
import re
import shutil
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from fuzz.invoke import CaseTimeout, Invocation, alarm, run_cli

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "examples" / "catalogtool.yaml"
_CRASH_TEXT = re.compile(r"Traceback \(most recent call last\)|internal error|内部错误")
# "catalogtool：内部错误：TypeError: ..." (the run's language: "internal error: TypeError: ..."),
# or a file's internal-error problem: "出现内部错误（TypeError: ...）".
_INTERNAL = re.compile(r"(?:内部错误[（：]|internal error[:(]\s*)(?P<type>[A-Za-z_][\w.]*)(?::\s*(?P<message>.*))?")
PURE_MAX_BYTES = 100_000
# The absolute path fuzz/workbooks.py puts in the export sheet; import must not write it.
ESCAPE_PROBE = Path(tempfile.gettempdir()) / "catalogtool-fuzz-absolute.yaml"
_LEAKED_FILE = "root:x:0:0:"  # the first line of /etc/passwd, which an XML external entity would pull in


@dataclass(frozen=True)
class Limits:
    """Per-case bounds: CPU seconds for a pass, and wall seconds after which a case is stopped."""

    cpu_seconds: float = 5.0
    wall_seconds: float = 30.0


@dataclass
class Failure:
    """One broken promise."""

    target: str
    kind: str  # crash, internal-error, traceback, exit-code, json, slow, timeout, differential, dropped, leak, ...
    detail: str
    signature: str = ""
    traceback: str = ""

    def __post_init__(self) -> None:
        if not self.signature:
            self.signature = f"{self.target}:{self.kind}"


@dataclass
class Verdict:
    """What one case did to every target it went through."""

    failures: list[Failure] = field(default_factory=list)
    exit_codes: dict[str, int | None] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.failures


def innermost_frame(text: str) -> str:
    """`module.py:function` of the deepest catalogtool frame of a formatted traceback."""
    frames = re.findall(r'File "([^"]+)", line \d+, in (\S+)', text)
    ours = [(path, func) for path, func in frames if "/catalogtool/" in path.replace("\\", "/")]
    path, func = (ours or frames or [("?", "?")])[-1]
    return f"{Path(path).name}:{func}"


def _exception_signature(target: str, kind: str, tb: str) -> str:
    last = tb.strip().splitlines()[-1] if tb.strip() else "?"
    exc_type = last.split(":", 1)[0].strip()
    return f"{target}:{kind}:{exc_type}@{innermost_frame(tb)}"


# ------------------------------------------------------------------ loader

def _same(a: Any, b: Any) -> bool:
    """Equality that counts NaN equal to NaN and tells 1 from True."""
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


def _composes(text: str) -> bool:
    """Whether PyYAML's own pure-Python parser and composer accept the stream (tags unchecked)."""
    try:
        for _ in yaml.compose_all(text, Loader=yaml.SafeLoader):
            pass
    except (yaml.YAMLError, RecursionError, MemoryError):
        return False
    return True


def check_loader(name: str, content: bytes, limits: Limits = Limits(), *, differential: bool = True) -> Verdict:
    """The loader on one document: no crash, no hang, and (with `differential`) the same result from
    libyaml and the pure-Python parser, and no yaml-syntax for a stream PyYAML composes."""
    from catalogtool.loader import decode, load_bytes

    verdict = Verdict()
    docs = {}
    start = time.process_time()
    # The pure-Python parser is the reference for the differential check only (users get
    # libyaml), and it is slow: it reads the documents of ordinary size.
    both = differential and len(content) <= PURE_MAX_BYTES
    parsers = [("libyaml", False), ("pure", True)] if both else [("libyaml", False)]
    for parser, pure in parsers:
        try:
            with alarm(limits.wall_seconds):
                docs[parser] = load_bytes(content, name, pure=pure)
        except CaseTimeout:
            verdict.failures.append(Failure("loader", "timeout", f"{parser}: no result after {limits.wall_seconds:g} s",
                                            f"loader:timeout:{parser}"))
            return verdict
        except BaseException:
            tb = traceback.format_exc()
            verdict.failures.append(Failure("loader", "crash", f"{parser}: {tb.strip().splitlines()[-1]}",
                                            _exception_signature("loader", "crash", tb), tb))
            return verdict
    verdict.seconds = time.process_time() - start
    if verdict.seconds > 2 * limits.cpu_seconds:
        verdict.failures.append(Failure("loader", "slow", f"both parsers took {verdict.seconds:.1f} s of CPU"))
    if "pure" not in docs:
        return verdict
    c_doc, py_doc = docs["libyaml"], docs["pure"]
    c_rules = sorted({f.rule for f in c_doc.findings})
    py_rules = sorted({f.rule for f in py_doc.findings})
    if c_rules != py_rules:
        verdict.failures.append(Failure(
            "loader", "differential", f"libyaml found {c_rules}, the pure-Python parser {py_rules}",
            f"loader:differential:{'+'.join(c_rules)}|{'+'.join(py_rules)}"))
    elif not _same(c_doc.data, py_doc.data):
        verdict.failures.append(Failure("loader", "differential", "the two parsers built different data",
                                        "loader:differential:data"))
    # One document per file is the format's own rule, so a second one is rightly yaml-syntax,
    # and so is a merge key (`<<`) given something other than a mapping, as in YAML 1.1.
    syntax = [f for f in c_doc.findings if f.rule == "yaml-syntax" and f.key not in {"multi-doc", "bad-merge"}]
    text, _ = decode(content)
    if syntax and text is not None and len(text) < 200_000 and text.count("[") + text.count("{") < 500 \
            and _composes(text):
        keys = sorted({f.key for f in syntax})
        verdict.failures.append(Failure(
            "loader", "misnamed-syntax", f"yaml-syntax ({', '.join(keys)}) for a stream PyYAML composes",
            f"loader:misnamed-syntax:{'+'.join(keys)}"))
    return verdict


# ------------------------------------------------------------------ CLI

def _judge_invocation(target: str, run: Invocation, allowed: set[int], limits: Limits, verdict: Verdict,
                      replay: list[str] | None = None) -> None:
    verdict.exit_codes[target] = run.exit_code
    if run.escaped:
        verdict.failures.append(Failure(target, "crash", run.escaped.strip().splitlines()[-1],
                                        _exception_signature(target, "crash", run.escaped), run.escaped))
        return
    if run.timed_out:
        verdict.failures.append(Failure(target, "timeout", f"stopped after {limits.wall_seconds:g} s"))
        return
    crash = _CRASH_TEXT.search(run.output)
    if crash:
        found = _INTERNAL.search(run.stderr)
        tb = _debug_traceback(replay) if replay else ""
        exc_type = found["type"] if found else crash.group(0)
        detail = (found.group(0) if found else run.output[max(0, crash.start() - 200):crash.end() + 200]).strip()
        signature = f"{target}:internal-error:{exc_type}@{innermost_frame(tb)}" if tb else \
            f"{target}:internal-error:{exc_type}"
        verdict.failures.append(Failure(target, "internal-error", detail[:2000], signature, tb))
        return
    if run.exit_code not in allowed:
        verdict.failures.append(Failure(target, "exit-code", f"exit {run.exit_code}; expected one of {sorted(allowed)}"
                                        f"\n{run.stderr[-1500:]}", f"{target}:exit-code:{run.exit_code}"))
    if run.cpu_seconds > limits.cpu_seconds:
        verdict.failures.append(Failure(target, "slow", f"{run.cpu_seconds:.1f} s of CPU (bound {limits.cpu_seconds:g} s)"))


def _debug_traceback(args: list[str]) -> str:
    """The traceback of a crash: the command again with CATALOGTOOL_DEBUG=1."""
    return run_cli(args, wall_limit=30, debug=True).escaped or ""


def check_validate(name: str, content: bytes, *, output_format: str = "json", lang: str = "zh",
                   limits: Limits = Limits()) -> Verdict:
    """`catalogtool validate FILE` on the document saved as `name` beside the examples' configuration."""
    verdict = Verdict()
    folder = Path(tempfile.mkdtemp(prefix="catalogtool-fuzz-"))
    try:
        shutil.copy(CONFIG, folder / "catalogtool.yaml")
        path = folder / (name if name.endswith((".yaml", ".yml")) else name + ".yaml")
        path.write_bytes(content)
        args = ["validate", str(path), "--format", output_format, "--lang", lang]
        run = run_cli(args, wall_limit=limits.wall_seconds)
        verdict.seconds = run.cpu_seconds
        _judge_invocation("validate", run, {0, 1}, limits, verdict, replay=args)
        if output_format == "json" and not verdict.failures:
            _judge_json(run, verdict)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return verdict


def _judge_json(run: Invocation, verdict: Verdict) -> None:
    try:
        report = json.loads(run.stdout)
        ok, problems = report["ok"], report["problems"]
    except (ValueError, KeyError, TypeError) as error:
        verdict.failures.append(Failure("validate", "json", f"stdout is not the JSON report: {error}: {run.stdout[:300]!r}"))
        return
    if ok != (run.exit_code == 0):
        verdict.failures.append(Failure("validate", "json", f'"ok": {ok} but exit {run.exit_code}'))
    for problem in problems:
        line, column = problem.get("line"), problem.get("column")
        if not (isinstance(line, int) and line >= 1 and isinstance(column, int) and column >= 1) \
                or not problem.get("message") or not problem.get("rule"):
            verdict.failures.append(Failure("validate", "json", f"a problem without a place or a message: {problem}",
                                            f"validate:json:placeless:{problem.get('rule')}"))
            return


def check_import(content: bytes, expected_documents: int | None, *, limits: Limits = Limits()) -> Verdict:
    """`catalogtool import BOOK.xlsx -o DIR`; `expected_documents` is how many the workbook still holds
    (None when a mutation made that unclear)."""
    verdict = Verdict()
    folder = Path(tempfile.mkdtemp(prefix="catalogtool-fuzz-"))
    try:
        book = folder / "guide.xlsx"
        book.write_bytes(content)
        out = folder / "out"
        args = ["import", str(book), "-o", str(out)]
        run = run_cli(args, wall_limit=limits.wall_seconds)
        verdict.seconds = run.cpu_seconds
        _judge_invocation("import", run, {0, 1, 2}, limits, verdict, replay=args)
        written = sorted(out.rglob("*.yaml")) if out.is_dir() else []
        strays = sorted(p.name for p in folder.iterdir() if p.name not in {"guide.xlsx", "out"})
        if strays or ESCAPE_PROBE.exists():
            ESCAPE_PROBE.unlink(missing_ok=True)
            verdict.failures.append(Failure("import", "escape", f"wrote outside -o: {strays or [str(ESCAPE_PROBE)]}"))
        leaked = [p.name for p in written if _LEAKED_FILE in p.read_text("utf-8", "replace")]
        if leaked or _LEAKED_FILE in run.output:
            verdict.failures.append(Failure("import", "leak", f"a local file's content reached {leaked or 'the output'}"))
        if run.exit_code == 0 and expected_documents is not None and len(written) < expected_documents:
            verdict.failures.append(Failure(
                "import", "dropped",
                f"exit 0 with {len(written)} of {expected_documents} documents written "
                f"({', '.join(p.name for p in written)})\n{run.stderr[-1500:]}",
                f"import:dropped:{expected_documents - len(written)}:wrote={'+'.join(p.name for p in written)}"))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return verdict
