"""Benchmark: start-up, the cold single-process rate, validate on a synthetic repository, the national scale.

Prints each figure beside its goal (issue 12) and a baseline measured in the same
run; nothing here asserts a time.  The machine may be shared: timings alternate
the measured command and its baseline and report medians; `--instructions` adds
instruction counts (valgrind's callgrind), which load on the machine does not change.

    python benchmarks/bench_validate.py                      # make bench
    python benchmarks/bench_validate.py --files 400 --items 500
    python benchmarks/bench_validate.py --national 1         # make bench-national (long)
    python benchmarks/bench_validate.py --national 0.01 --national 0.1 --skip-repository
"""

from __future__ import annotations

import argparse
import compileall
import gc
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate, national

ROOT = Path(__file__).resolve().parent.parent
CLI = [sys.executable, "-m", "catalogtool"]


def line(what: str, figure: str, goal: str = "", baseline: str = "") -> None:
    print(f"{what:<46} {figure:>14}  {('goal ' + goal) if goal else '':<16} {baseline}")


def paired(runs: dict[str, Callable[[], object]], repeat: int) -> dict[str, float]:
    """Median seconds of each run, the runs taking turns so that load on the machine hits all alike."""
    times: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(repeat):
        for name, run in runs.items():
            start = time.perf_counter()
            run()
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(t) for name, t in times.items()}


def instructions(argv: list[str], env: dict[str, str]) -> int | None:
    """Instructions the command executes (callgrind), or None without valgrind."""
    if shutil.which("valgrind") is None:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        done = subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={tmp}/out", *argv],
                              capture_output=True, text=True, env=env)
    for text in done.stderr.splitlines():
        if "Collected" in text:
            return int(text.split()[-1])
    return None


# ---------------------------------------------------------------- start-up

def startup(small: Path, repeat: int, count_instructions: bool) -> None:
    """`--version` and `validate one-small-file.yaml`, each beside the bare interpreter and the full CLI."""
    # Installed packages carry their bytecode; a checkout run with PYTHONDONTWRITEBYTECODE would not.
    compileall.compile_dir(str(ROOT / "catalogtool"), quiet=1)
    env = dict(os.environ)
    full = {**env, "CATALOGTOOL_FULL_CLI": "1"}  # any unknown CATALOGTOOL_ variable: no fast path
    version = [*CLI, "--version"]
    check = [*CLI, "validate", str(small)]
    for argv in (version, check):  # the first run compiles and caches the schema validators
        subprocess.run(argv, capture_output=True, env=env, check=False)

    def run(argv: list[str], environ: dict[str, str]) -> Callable[[], object]:
        return lambda: subprocess.run(argv, capture_output=True, env=environ, check=False)

    t = paired({"python": run([sys.executable, "-c", "pass"], env), "version": run(version, env),
                "version-full": run(version, full), "validate": run(check, env),
                "validate-full": run(check, full)}, repeat)
    print(f"start-up ({small.name}, {small.stat().st_size / 1000:.1f} kB): median of {repeat} runs taking turns; "
          f"the bare interpreter takes {t['python'] * 1000:.0f} ms")
    line("catalogtool --version", f"{t['version'] * 1000:.0f} ms", "<= 80 ms",
         f"full CLI {t['version-full'] * 1000:.0f} ms")
    line("catalogtool validate one-small-file.yaml", f"{t['validate'] * 1000:.0f} ms", "<= 150 ms",
         f"full CLI {t['validate-full'] * 1000:.0f} ms")
    if count_instructions:
        for name, argv in (("python -c pass", [sys.executable, "-c", "pass"]), ("--version", version),
                           ("validate one small file", check), ("validate one small file, json", [*check, "-f", "json"]),
                           ("validate one small file, no cache", [*check, "--no-cache"])):
            fast, slow = instructions(argv, env), instructions(argv, full)
            if fast is not None and slow is not None:
                line(f"  instructions, {name}", f"{fast / 1e6:.0f} M", "", f"full CLI {slow / 1e6:.0f} M")
    imports = subprocess.run([sys.executable, "-X", "importtime", "-m", "catalogtool", "validate", str(small)],
                             capture_output=True, text=True, env=env, check=False).stderr.splitlines()
    top = []
    for text in imports:
        parts = text.split("|")
        if len(parts) == 3 and parts[1].strip().isdigit():
            top.append((int(parts[1]), parts[2].strip()))
    firsts = [entry for entry in top if not entry[1].startswith(("catalogtool.", "encodings"))] + \
             [entry for entry in top if entry[1].startswith("catalogtool.")]
    print("  -X importtime, validate one small file, largest cumulative imports (ms):",
          ", ".join(f"{name} {us / 1000:.0f}" for us, name in sorted(firsts, reverse=True)[:8]))
    print("  typer imported:", "yes" if any(name == "typer" for _, name in top) else "no",
          "| openpyxl imported:", "yes" if any(name == "openpyxl" for _, name in top) else "no")


# ---------------------------------------------------------------- one repository

def cold_rate(root: Path, items: int, repeat: int) -> None:
    """validate on one process, no cache, against a plain yaml.load(CSafeLoader) of the same files, gc paused."""
    import yaml

    from catalogtool.config import Config
    from catalogtool.engine import validate_paths
    from catalogtool.loader import load_file

    files = sorted(root.rglob("*.yaml"))
    loader = yaml.CSafeLoader

    def plain_load() -> None:
        gc.disable()
        try:
            for f in files:
                yaml.load(f.read_bytes(), Loader=loader)  # the safe loader, in C
        finally:
            gc.enable()

    def validate() -> None:
        validate_paths([root], Config(), jobs=1)  # the engine keeps no results unless given a cache folder

    def own_load() -> None:  # catalogtool's loader alone (data and positions), as validate runs it
        for f in files:
            load_file(f, f.name)

    validate()  # every import and compiled validator ready, as in the baseline
    t = paired({"load": plain_load, "validate": validate, "own": own_load}, repeat)
    ratio = t["load"] / t["validate"]
    line("cold validate, 1 process, no cache", f"{items / t['validate']:,.0f} items/s", "",
         f"yaml.load(CSafeLoader), gc paused: {items / t['load']:,.0f} items/s")
    line("  cold rate, as a multiple of that load", f"{ratio:.2f} x", ">= 1.0 x")
    line("  of which loading (catalogtool's loader)", f"{t['own'] / t['validate']:.0%}", "",
         f"{t['load'] / t['own']:.2f} x the plain load; checking the rest")


def repository(args: argparse.Namespace) -> None:
    from catalogtool.config import Config
    from catalogtool.engine import validate_paths
    from catalogtool.loader import HAVE_LIBYAML

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "repo"
        generate(root, args.files, args.items)
        files = sorted(root.rglob("*.yaml"))
        size = sum(f.stat().st_size for f in files)
        items = args.files * (args.items // 10) * 10
        print(f"repository: {len(files)} files, {items} items, {size / 1e6:.1f} MB, libyaml={HAVE_LIBYAML}, "
              f"cores={os.cpu_count()}")
        # A small real file, as a pre-commit hook checks: the example access list (7.7 kB).
        startup(ROOT / "examples" / "2025" / "access-list.yaml", args.repeat * 3, args.instructions)
        cold_rate(root, items, args.repeat)
        parallel = paired({"all": lambda: validate_paths([root], Config())}, 1)["all"]
        result = validate_paths([root], Config())
        line("validate, all cores, no cache", f"{parallel:.2f} s", "", f"{items / parallel:,.0f} items/s")
        line("problems found", f"{len(result.problems)}", "0")
        cache = Path(tmp) / "cache"
        validate_paths([root], Config(), cache_dir=cache)
        warm = paired({"warm": lambda: validate_paths([root], Config(), cache_dir=cache)}, args.repeat)["warm"]
        line("validate, warm result cache", f"{warm:.2f} s", "", f"{items / warm:,.0f} items/s")


# ---------------------------------------------------------------- the national scale

class PeakMemory:
    """The largest total resident memory of a process and its descendants, sampled every 0.2 s."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        while not self._stop.wait(0.2):
            self.peak = max(self.peak, _tree_rss(self.pid))

    def stop(self) -> int:
        self._stop.set()
        self._thread.join()
        return self.peak


def _tree_rss(root: int) -> int:
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/status", encoding="ascii", errors="replace") as status:
                fields = dict(line.split(":", 1) for line in status if ":" in line)
        except OSError:
            continue
        parents[int(entry)] = int(fields.get("PPid", "0").strip() or 0)
        rss[int(entry)] = int((fields.get("VmRSS", "0 kB").split() or ["0"])[0]) * 1024
    total = 0
    for pid in rss:
        walk = pid
        while walk and walk != root:
            walk = parents.get(walk, 0)
        if walk == root:
            total += rss[pid]
    return total


def timed_cli(argv: list[str], env: dict[str, str]) -> tuple[float, int, int]:
    """(seconds, peak bytes of the process tree, exit code) of one catalogtool run."""
    start = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    memory = PeakMemory(process.pid)
    process.wait()
    return time.perf_counter() - start, memory.stop(), process.returncode


def national_scale(fractions: list[float], workdir: Path | None) -> None:
    print(f"national scale (2,850 county catalogs, 31,755 townships' two lists), cores={os.cpu_count()}")
    rows = []
    for fraction in fractions:
        with tempfile.TemporaryDirectory(dir=workdir) as tmp:
            root = Path(tmp) / "national"
            start = time.perf_counter()
            files, items = national(root, fraction)
            made = time.perf_counter() - start
            size = sum(f.stat().st_size for f in root.rglob("*.yaml"))
            env = {k: v for k, v in os.environ.items() if k != "CATALOGTOOL_CACHE_DIR"}
            # Cold: an empty result cache (a first run, which also fills it); warm: the same run again.
            argv = [*CLI, "validate", str(root), "--format", "json", "--cache-dir", str(Path(tmp) / "cache")]
            load = os.getloadavg()[0]
            cpu_before = _children_cpu()
            cold, cold_peak, code = timed_cli(argv, env)
            cold_cpu = _children_cpu() - cpu_before
            warm, warm_peak, _ = timed_cli(argv, env)
            warm_cpu = _children_cpu() - cpu_before - cold_cpu
            rows.append((fraction, files, items, cold_cpu, warm_cpu))
            print(f"  fraction {fraction:g}: {files:,} files, {items:,} items, {size / 1e6:,.0f} MB "
                  f"(generated in {made:.0f} s), exit {code}, load {load:.1f} -> {os.getloadavg()[0]:.1f}")
            line("  cold validate, all cores", f"{cold:.1f} s", "<= 600 s" if fraction == 1 else "",
                 f"{cold_cpu:,.0f} s CPU, {items / cold:,.0f} items/s, peak {cold_peak / 1e6:,.0f} MB (goal <= 1000 MB)")
            line("  warm validate (result cache)", f"{warm:.1f} s", "<= 30 s" if fraction == 1 else "",
                 f"{warm_cpu:,.1f} s CPU, {items / warm:,.0f} items/s, peak {warm_peak / 1e6:,.0f} MB")
    if len(rows) > 1:
        base = rows[0]
        print("  growth against the smallest run, in CPU seconds (linear: ratio = item ratio):")
        for fraction, _, items, cold, warm in rows[1:]:
            print(f"    x{items / base[2]:.1f} items: cold x{cold / base[3]:.1f}, warm x{warm / base[4]:.1f} "
                  f"(fraction {fraction:g})")


def _children_cpu() -> float:
    """CPU seconds (user + system) of the finished child processes so far, their workers included."""
    import resource

    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--items", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=3, help="runs per timing (start-up takes 3x as many)")
    parser.add_argument("--instructions", action="store_true", help="also count start-up instructions (valgrind)")
    parser.add_argument("--national", type=float, action="append", metavar="FRACTION",
                        help="run the national scale (1 = all of it; repeat for several sizes)")
    parser.add_argument("--workdir", type=Path, help="where the national scale is generated (default: the temp folder)")
    parser.add_argument("--skip-repository", action="store_true", help="only the national scale")
    args = parser.parse_args()
    if not args.skip_repository:
        repository(args)
    if args.national:
        national_scale(sorted(args.national), args.workdir)


if __name__ == "__main__":
    main()
