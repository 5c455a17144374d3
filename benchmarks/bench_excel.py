"""Benchmark: `catalogtool export` of a province's catalogs into one workbook, and `import` of it back.

Generates 200 catalogs of 500 items (benchmarks/generate.py: 100,000 items, about
110,000 rows with their directories), then runs export and import as whole
processes and prints each one's wall time and peak memory beside the goal (30 s and
500 MB each way, issue 12).  Measured in the same run: what loading and validating
the YAML alone costs (part of export's figures), and a baseline, plain openpyxl in
its normal mode writing the same cells (values and one style per cell) and reading
them back with `load_workbook`, which is how export and import worked before.
Wall time is the figure the goal is about; the CPU time beside it shows what a
busy machine added.  The other baseline is the code before this work (`--before
REV`, default main): its catalogtool package is taken from git and run on the
same input in the same run, export and import alternating with the current code
(`--repeat` times each, medians printed), and its outputs are compared byte for
byte with the current ones.  Memory is the peak of the summed resident sizes of
the command's process tree (export loads many files in worker processes),
polled every 20 ms.  The
machine's load average is printed at the start and the end.  Nothing here
asserts a time.  Run `make bench`, or `python benchmarks/bench_excel.py --files
20 --items 500` for a quick look.
"""

from __future__ import annotations

import argparse
import compileall
import hashlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
from importlib import metadata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate

GOAL_SECONDS = 30.0
GOAL_MB = 500.0

# Runs a command as a child and prints its wall time, CPU time and peak memory: the largest sum of the resident
# sizes of the child and all its descendants (worker processes) seen while polling /proc every 20 ms, or where
# /proc is missing the largest single process (getrusage).
_MEASURE = """
import json, os, resource, subprocess, sys, tempfile, time


def tree_rss(pid):
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        try:
            with open(f"/proc/{current}/status") as status:
                total += next(int(line.split()[1]) for line in status if line.startswith("VmRSS"))
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as children:
                    todo.extend(int(child) for child in children.read().split())
        except (OSError, StopIteration, ValueError):
            pass
    return total


start = time.perf_counter()
errors = tempfile.TemporaryFile("w+")  # a pipe left unread would stop a child that says much
child = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=errors, text=True)
peak = 0
polling = os.path.isdir(f"/proc/{child.pid}")
while child.poll() is None:
    if polling:
        peak = max(peak, tree_rss(child.pid))
    time.sleep(0.02)
errors.seek(0)
err = errors.read()
wall = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
mb = max(peak, usage.ru_maxrss) / 1024
print(json.dumps({"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "mb": mb, "rc": child.returncode,
                  "err": err[-2000:]}))
"""

# Loading and validating the inputs as export does, without writing anything.
_YAML_ONLY = """
import sys
from pathlib import Path
from catalogtool.config_file import Configs
from catalogtool.export_inputs import load_sources
inputs = load_sources([Path(sys.argv[1])], Configs.for_run(None), lambda text: None)
print(len(inputs.sources))
"""

# The baseline: the exported workbook's cells written by openpyxl in normal mode, then read back likewise.
_BASELINE_WRITE = """
import sys
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Border, Font, Side
source = load_workbook(sys.argv[1], read_only=True)
wb = Workbook()
wb.remove(wb.active)
font, side = Font(name="宋体", size=10.5), Side(style="thin")
border, align = Border(left=side, right=side, top=side, bottom=side), Alignment(wrap_text=True)
for sheet in source.worksheets:
    ws = wb.create_sheet(sheet.title[:31])
    for row in sheet.iter_rows():
        for cell in row:
            if cell.value is not None:
                out = ws.cell(cell.row, cell.column, cell.value)
                out.font, out.border, out.alignment = font, border, align
wb.save(sys.argv[2])
"""
_BASELINE_READ = """
import sys
from openpyxl import load_workbook
wb = load_workbook(sys.argv[1])
print(sum(1 for ws in wb.worksheets for row in ws.iter_rows() for cell in row if cell.value is not None))
"""


def measure(*command: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> dict[str, float]:
    out = subprocess.run([sys.executable, "-c", _MEASURE, *command], capture_output=True, text=True, check=True,
                         env=env, cwd=cwd)
    figures = json.loads(out.stdout)
    if figures["rc"] != 0:
        raise SystemExit(f"{' '.join(command[:4])} ... failed ({figures['rc']}):\n{figures['err']}")
    return figures


def median(runs: list[dict[str, float]]) -> dict[str, float]:
    return {key: statistics.median(run[key] for run in runs) for key in ("wall", "cpu", "mb")}


def line(label: str, figures: dict[str, float], goal: bool = False) -> None:
    target = f"   goal ≤ {GOAL_SECONDS:.0f} s, ≤ {GOAL_MB:.0f} MB" if goal else ""
    verdict = ""
    if goal:
        verdict = "  met" if figures["wall"] <= GOAL_SECONDS and figures["mb"] <= GOAL_MB else "  NOT met"
    print(f"{label:<44} {figures['wall']:7.1f} s {figures['mb']:7.0f} MB  (cpu {figures['cpu']:6.1f} s){target}{verdict}")


def version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "-"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--items", type=int, default=500, help="items per catalog")
    parser.add_argument("--no-baseline", action="store_true", help="skip the (slow) openpyxl normal-mode baseline")
    parser.add_argument("--before", default="main", help="git revision whose catalogtool is the baseline (default: "
                        "where this branch left main, `git merge-base main HEAD`)")
    parser.add_argument("--no-before", action="store_true", help="skip the (slow) baseline of the code before")
    parser.add_argument("--only", choices=("export", "import"), help="measure one command (import needs export's "
                        "workbook, made unmeasured)")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each command, alternating with the baseline")
    args = parser.parse_args()
    print(f"load average at start: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    compileall.compile_dir(str(Path(__file__).resolve().parent.parent / "catalogtool"), quiet=1)  # as installed

    print(f"machine: {os.cpu_count()} cores, Python {platform.python_version()}, openpyxl {version('openpyxl')}, "
          f"lxml {version('lxml')}, PyYAML {version('pyyaml')}")
    tool = [sys.executable, "-m", "catalogtool"]
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "repo"
        generate(root, args.files, args.items)
        print(f"input: {args.files} catalogs, {args.files * args.items} items")
        before = None if args.no_before else _checkout(args.before, Path(tmp) / "before")
        env = {**os.environ, "PYTHONPATH": str(before)} if before else None
        yaml_only = measure(sys.executable, "-c", _YAML_ONLY, str(root))
        runs: dict[str, list[dict[str, float]]] = {"export": [], "import": [], "export before": [], "import before": []}
        book, old_book = Path(tmp) / "guide.xlsx", Path(tmp) / "guide-before.xlsx"
        for turn in range(args.repeat):
            back, old_back = Path(tmp) / f"back{turn}", Path(tmp) / f"back-before{turn}"
            runs["export"].append(measure(*tool, "export", str(root), "-o", str(book)))
            if env and args.only != "import":
                runs["export before"].append(measure(*tool, "export", str(root), "-o", str(old_book),
                                                     env=env, cwd=before))
            if args.only == "export":
                continue
            runs["import"].append(measure(*tool, "import", str(book), "-o", str(back)))
            if env:
                runs["import before"].append(measure(*tool, "import", str(book), "-o", str(old_back), env=env,
                                                     cwd=before))
        print(f"workbook: {_rows(book)} rows on {_sheets(book)} sheets, {book.stat().st_size / 1e6:.1f} MB")
        line("load and validate the YAML only (in export)", yaml_only)
        if args.only != "import":
            line("export", median(runs["export"]), goal=True)
        if runs["export before"]:
            line(f"baseline: export before ({args.before})", median(runs["export before"]))
        if runs["import"]:
            line("import", median(runs["import"]), goal=True)
        if runs["import before"]:
            line(f"baseline: import before ({args.before})", median(runs["import before"]))
        again = Path(tmp) / "again.xlsx"
        measure(*tool, "export", str(root), "-o", str(again))
        print(f"export run twice gives the same bytes:       {'yes' if _digest(book) == _digest(again) else 'NO'}")
        if runs["export before"]:
            print(f"export gives the same bytes as before:       {'yes' if _digest(book) == _digest(old_book) else 'NO'}")
        if runs["import before"]:
            print(f"import writes the same files as before:      {'yes' if _tree(Path(tmp) / 'back0') == _tree(Path(tmp) / 'back-before0') else 'NO'}")
        if not args.no_baseline:
            plain = Path(tmp) / "plain.xlsx"
            line("baseline: openpyxl normal mode, write", measure(sys.executable, "-c", _BASELINE_WRITE, str(book),
                                                                 str(plain)))
            line("baseline: openpyxl normal mode, read", measure(sys.executable, "-c", _BASELINE_READ, str(plain)))
    print(f"load average at end: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


def _checkout(revision: str, into: Path) -> Path | None:
    """The catalogtool package as it was at `revision`, compiled, in `into`; None outside a git checkout."""
    repo = Path(__file__).resolve().parent.parent
    if shutil.which("git") is None:
        return None
    if revision == "main":  # the code this branch started from, not what was merged into main since
        base = subprocess.run(["git", "-C", str(repo), "merge-base", "main", "HEAD"], capture_output=True, text=True)
        revision = base.stdout.strip() if base.returncode == 0 and base.stdout.strip() else revision
        head = subprocess.run(["git", "-C", str(repo), "rev-parse", "HEAD"], capture_output=True, text=True)
        if revision == head.stdout.strip():  # on main itself: the code before would be this very code
            print("baseline: no code before on main itself (give one with --before REV, e.g. da87532, "
                  "the code before issue 12's workbook work); the plain openpyxl baseline stands")
            return None
    print(f"baseline: catalogtool at {revision[:12]}")
    archive = subprocess.run(["git", "-C", str(repo), "archive", revision, "catalogtool", "schemas"], capture_output=True)
    if archive.returncode != 0:
        print(f"(no baseline: git archive {revision} failed)")
        return None
    into.mkdir(parents=True)
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive.stdout, check=True)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(into / "catalogtool")], check=True)
    return into


def _digest(path: Path) -> bytes:
    return hashlib.sha256(path.read_bytes()).digest()


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): _digest(p) for p in sorted(folder.rglob("*")) if p.is_file()}


def _rows(book: Path) -> int:
    from openpyxl import load_workbook

    wb = load_workbook(book, read_only=True)
    return sum(ws.max_row or 0 for ws in wb.worksheets)


def _sheets(book: Path) -> int:
    from openpyxl import load_workbook

    return len(load_workbook(book, read_only=True).sheetnames)


if __name__ == "__main__":
    main()
