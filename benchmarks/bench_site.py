"""Benchmark: `catalogtool site` on a 10,000-item catalog, and its search in a real browser.

Prints its figures beside the goals (build under a minute, search answer under
200 ms) and baselines measured in the same run: `catalogtool validate` on the same
repository (the site validates first), and the search on the small examples site.
Nothing here asserts a time.  The browser part needs Playwright and a Chromium
executable (`chromium` or `chromium-browser`); without one it says so and stops.
Run `make bench`, or `python benchmarks/bench_site.py --items 20000`.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import PROVIDERS, SERVICES

ROOT = Path(__file__).resolve().parents[1]
QUERIES = ["养老", "法律援助 回访", "B0501", "数据处理", "没有这个词"]
# One answer: set the box, fire the input event (the search runs and rebuilds the
# list), then wait until the browser has laid the list out and painted it.
ANSWER = """async (query) => {
  const q = document.getElementById("q");
  const start = performance.now();
  q.value = query;
  q.dispatchEvent(new Event("input"));
  await new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));
  return [performance.now() - start, document.getElementById("count").textContent];
}"""


TOPS = (("A", "公共服务"), ("B", "政府履职所需辅助性服务"))


def catalog(year: int, items: int, rng: random.Random) -> str:
    """A county's catalog of `items` items: the two first-level categories, up to 99 directories each."""
    per_dir = max(1, -(-items // (len(TOPS) * 99)))
    lines = ["kind: purchase-catalog", "schema: 1", f"title: 某某县乡镇政府购买服务指导性目录（{year}年版）",
             'region: {code: "441803", name: 某某县}', f"year: {year}", "issuer: 某某县财政局",
             f"effective: {year}-01-01", "categories:"]
    made = 0
    for top, name in TOPS:
        lines += [f"  - code: {top}", f"    name: {name}", "    children:"]
        for d in range(1, 100):
            if made >= items or (d - 1) * per_dir >= -(-items // len(TOPS)):
                break
            lines += [f"      - code: {top}{d:02d}", f"        name: 第{d}类服务", "        children:"]
            for i in range(1, per_dir + 1):
                if made >= items:
                    break
                service = rng.choice(SERVICES)
                code = f"{top}{d:02d}{i:02d}"
                lines += [f"          - code: {code}", f"            name: {service}{code}",
                          f"            content: 为辖区居民提供{service}，包括上门服务、信息登记和定期回访",
                          f"            township: {'true' if rng.random() < 0.6 else 'false'}",
                          f"            providers: [{', '.join(rng.sample(PROVIDERS, 2))}]",
                          "            basis:", "              - {level: 行政法规, title: 社会救助暂行办法, article: 第十三条}"]
                made += 1
    return "\n".join(lines) + "\n"


def timed(fn, repeat: int = 1) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def cli(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "catalogtool", *args], check=True, capture_output=True)


def search_times(browser, site: Path, edition: str) -> tuple[float, float, list[str]]:
    """Median and worst answer over QUERIES (each asked 3 times) and page load, in ms."""
    page = browser.new_page()
    start = time.perf_counter()
    page.goto((site / edition / "search.html").as_uri())
    page.locator("#search").wait_for(state="visible")
    load = (time.perf_counter() - start) * 1000
    answers, counts = [], []
    for query in QUERIES * 3:
        ms, count = page.evaluate(ANSWER, query)
        answers.append(ms)
        counts.append(f"{query}: {count}")
    page.close()
    return statistics.median(answers), max(answers), [load, *counts[: len(QUERIES)]]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--items", type=int, default=10_000)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        rng = random.Random(1)
        one, two = root / "one", root / "two"
        one.mkdir()
        two.mkdir()
        (one / "catalog-2025.yaml").write_text(catalog(2025, args.items, rng), encoding="utf-8")
        (two / "catalog-2024.yaml").write_text(catalog(2024, args.items, rng), encoding="utf-8")
        shutil.copy(one / "catalog-2025.yaml", two / "catalog-2025.yaml")
        print(f"repositories: one catalog of {args.items} items (2025); the same with its 2024 edition")

        validate = timed(lambda: cli("validate", str(one)))
        site = root / "public"
        build = timed(lambda: cli("site", str(one), "-o", str(site)))
        files = [f for f in site.rglob("*") if f.is_file()]
        size = sum(f.stat().st_size for f in files)
        index = (site / "441803/2025/search-index.js").stat().st_size
        both = timed(lambda: cli("site", str(two), "-o", str(root / "public-two")))
        print(f"validate, {args.items} items (baseline):           {validate:8.2f} s")
        print(f"site, {args.items} items:                          {build:8.2f} s   goal < 60 s")
        print(f"site, two editions with changes:            {both:8.2f} s")
        print(f"site output: {len(files)} files, {size / 1e6:.1f} MB; search index {index / 1e6:.1f} MB")

        chromium = shutil.which("chromium") or shutil.which("chromium-browser")
        if chromium is None:
            print("browser search: skipped (no chromium or chromium-browser on PATH)")
            return
        from playwright.sync_api import sync_playwright

        small = root / "examples-site"
        cli("site", str(ROOT / "examples"), "-o", str(small))
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium)
            base_median, base_worst, _ = search_times(browser, small, "441803/2025")
            median, worst, (load, *counts) = search_times(browser, site, "441803/2025")
            browser.close()
        print(f"search, examples site (baseline):           {base_median:8.1f} ms median, {base_worst:6.1f} ms worst")
        print(f"search, {args.items} items:                      {median:8.1f} ms median, {worst:6.1f} ms worst"
              "   goal < 200 ms")
        print(f"search page load, {args.items} items:            {load:8.0f} ms")
        print("answers: " + "; ".join(counts))


if __name__ == "__main__":
    main()
