"""Benchmark: start-up, loader throughput (C vs pure Python) and validate on a synthetic repository.

Prints its figures; nothing here asserts a time.  Run `make bench`, or
`python benchmarks/bench_validate.py --files 2000 --items 300` for a bigger run.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate


def timed(fn, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--items", type=int, default=300)
    args = parser.parse_args()

    from catalogtool.config import Config
    from catalogtool.engine import validate_paths
    from catalogtool.loader import HAVE_LIBYAML, load_file

    cmd = [sys.executable, "-m", "catalogtool", "--version"]
    startup = timed(lambda: subprocess.run(cmd, check=True, capture_output=True), repeat=5)
    print(f"start-up (catalogtool --version):           {startup * 1000:8.0f} ms")
    imports = subprocess.run([sys.executable, "-X", "importtime", "-c", "import catalogtool.cli.main"],
                             capture_output=True, text=True, check=True).stderr.splitlines()
    heavy = [ln for ln in imports if "openpyxl" in ln]
    print(f"openpyxl imported at start-up:              {'yes' if heavy else 'no'}")

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        generate(root, args.files, args.items)
        files = sorted(root.rglob("*.yaml"))
        size = sum(f.stat().st_size for f in files)
        items = args.files * (args.items // 10) * 10
        print(f"repository: {len(files)} files, {items} items, {size / 1e6:.1f} MB, libyaml={HAVE_LIBYAML}, cores={os.cpu_count()}")

        sample = files[: min(20, len(files))]
        sample_items = len(sample) * (args.items // 10) * 10
        fast = timed(lambda: [load_file(f) for f in sample])
        pure = timed(lambda: [load_file(f, pure=True) for f in sample], repeat=1)
        import yaml

        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        baseline = timed(lambda: [yaml.load(f.read_bytes(), Loader=loader) for f in sample])
        print(f"yaml.load(CSafeLoader), no positions:       {sample_items / baseline:8.0f} items/s")
        print(f"load, C parser:                             {sample_items / fast:8.0f} items/s")
        print(f"load, pure-Python parser:                   {sample_items / pure:8.0f} items/s")

        serial = timed(lambda: validate_paths([root], Config(), jobs=1), repeat=1)
        parallel = timed(lambda: validate_paths([root], Config()), repeat=1)
        result = validate_paths([root], Config())
        print(f"validate, 1 process:                        {serial:8.2f} s  ({items / serial:8.0f} items/s)")
        print(f"validate, all cores:                        {parallel:8.2f} s  ({items / parallel:8.0f} items/s)")
        print(f"problems found (expected 0):                {len(result.problems):8d}")
        cache = root / ".cache"
        validate_paths([root], Config(), cache_dir=cache)
        warm = timed(lambda: validate_paths([root], Config(), cache_dir=cache), repeat=1)
        print(f"validate, warm result cache (--cache-dir):  {warm:8.2f} s  ({items / warm:8.0f} items/s)")


if __name__ == "__main__":
    main()
