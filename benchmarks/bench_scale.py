"""Benchmark: diff of two province-scale editions and a warm validate (issue 12, goals 2 and 3).

Generates a repository of --files catalogs of --items items (default 400 × 500 =
200,000 items), copies it as a second edition with a few items changed, and runs
the real command line in fresh processes, each with its own cache folder:

* `diff OLD NEW`, cold (empty cache) and warm (the same diff again), beside the
  goal and a baseline measured in the same run: `--no-cache -j 1`, one process
  parsing both editions from scratch;
* `validate` of the repository, warm (the default cache filled by a first run),
  beside its goal and the same validate with `--no-cache`.

Each figure is the median of --repeat runs, with the peak memory: of the largest
single process (getrusage), and of all its processes together (sampled /proc).
Nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate

CHANGED = 5


def machine() -> str:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        total = next(ln for ln in Path("/proc/meminfo").read_text(encoding="utf-8").splitlines() if ln.startswith("MemTotal"))
        memory = f", {int(total.split()[1]) / 1e6:.1f} GB RAM"
    except (OSError, StopIteration):
        pass
    return f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores ({model or 'unknown CPU'}){memory}, Python {platform.python_version()}"


def _tree_memory(root: int) -> int:
    """Proportional resident memory (PSS: a page shared by n processes counts 1/n in each) of `root`
    and all its descendants, in bytes; Linux /proc only (0 elsewhere)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc") if os.path.isdir("/proc") else []:
        if entry.isdigit():
            try:
                ppid = int(Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry))
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        stack.extend(children.get(pid, []))
        try:
            for row in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if row.startswith("Pss:"):
                    total += int(row.split()[1]) * 1024
        except OSError:
            continue
    return total


def run(args: list[str], cache: Path | None) -> tuple[float, int, int, int, float]:
    """(seconds, exit code, peak RSS of the largest process, peak RSS of the process tree, CPU seconds of
    the process and its workers) of one run."""
    env = {**os.environ}
    if cache is not None:
        env["CATALOGTOOL_CACHE_DIR"] = str(cache)
    start = time.perf_counter()
    with tempfile.TemporaryFile() as err:
        process = subprocess.Popen([sys.executable, "-m", "catalogtool", *args], env=env,
                                   stdout=subprocess.DEVNULL, stderr=err)
        peak = [0]
        done = threading.Event()

        def sample() -> None:
            while not done.wait(0.05):
                peak[0] = max(peak[0], _tree_memory(process.pid))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(process.pid, 0)  # this child's own figures, its workers included
        elapsed = time.perf_counter() - start
        process.returncode = code = os.waitstatus_to_exitcode(status)
        done.set()
        sampler.join()
        if code not in (0, 1):
            err.seek(0)
            sys.exit(f"catalogtool {' '.join(args)} failed ({code}):\n{err.read().decode(errors='replace')}")
    return elapsed, code, usage.ru_maxrss * 1024, peak[0], usage.ru_utime + usage.ru_stime


def median_run(args: list[str], cache: Path | None, repeat: int,
               fresh_cache: bool = False) -> tuple[float, int, int, float]:
    times, largest, tree, cpu = [], 0, 0, []
    for _ in range(repeat):
        if fresh_cache and cache is not None:
            shutil.rmtree(cache, ignore_errors=True)
        seconds, _, big, whole, used = run(args, cache)
        times.append(seconds)
        cpu.append(used)
        largest, tree = max(largest, big), max(tree, whole)
    return statistics.median(times), largest, tree, statistics.median(cpu)


def line(label: str, figure: tuple[float, int, int, float], goal: str) -> None:
    """Wall seconds beside CPU seconds (all processes): on a shared machine the CPU figure is the steadier."""
    seconds, largest, tree, cpu = figure
    memory = f"peak {largest / 1e6:5.0f} MB RSS largest process, {tree / 1e6:5.0f} MB PSS all processes"
    print(f"{label:<44} {seconds:7.2f} s ({cpu:6.1f} s CPU)   {memory}   goal: {goal}")


def edit(edition: Path, files: int) -> None:
    """Change one item's text in `files` catalogs spread over the edition."""
    catalogs = sorted(edition.rglob("*.yaml"))
    for path in catalogs[:: max(1, len(catalogs) // files)][:files]:
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("为辖区居民提供", "为全县城乡居民提供", 1), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--files", type=int, default=400)
    parser.add_argument("--items", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--skip-baseline", action="store_true", help="leave out the slow uncached baselines")
    args = parser.parse_args()
    print(f"machine: {machine()}")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        old, new, cache = root / "old", root / "new", root / "cache"
        generate(old, args.files, args.items)
        shutil.copytree(old, new)
        edit(new, CHANGED)
        files = sorted(old.rglob("*.yaml"))
        size = sum(f.stat().st_size for f in files)
        items = args.files * (args.items // 10) * 10
        print(f"editions: {len(files)} files, {items} items, {size / 1e6:.1f} MB each; {CHANGED} items changed")
        time.sleep(3)  # files written this instant are hashed, not indexed (see catalogtool.cache)

        diff = ["diff", str(old), str(new), "--format", "json"]
        print("\ngoal 2: diff of two editions")
        if not args.skip_baseline:
            line("baseline: --no-cache -j 1 (one process)", median_run([*diff, "--no-cache", "-j", "1"], None, 1),
                 "-")
        line("diff, cold (empty cache)", median_run(diff, cache, args.repeat, fresh_cache=True), "<= 15 s, <= 500 MB")
        line("diff, warm (same diff again)", median_run(diff, cache, args.repeat), "<= 15 s, <= 500 MB")

        validate = ["validate", str(new)]
        print("\ngoal 3: repeated validate of an unchanged repository")
        shutil.rmtree(cache, ignore_errors=True)
        if not args.skip_baseline:
            line("baseline: validate --no-cache", median_run([*validate, "--no-cache"], None, 1), "-")
        line("validate, cold (fills the default cache)", median_run(validate, cache, 1), "-")
        line("validate, warm (default cache)", median_run(validate, cache, args.repeat), "<= 1 s")


if __name__ == "__main__":
    main()
