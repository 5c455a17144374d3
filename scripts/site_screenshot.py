"""Make the README's picture of the site: the examples' 2025 catalog page, in headless Chromium.

    python scripts/site_screenshot.py                 # writes docs/img/site-catalog.png
    python scripts/site_screenshot.py -o /tmp/a.png

Builds the site of `examples/` in a temporary folder with this checkout's code, opens
the catalog page from disk with Playwright driving the system's Chromium (`chromium`
or `chromium-browser`; Playwright's own browser download is not needed) and saves
the top of the page as a PNG.  Chinese text needs a CJK font (Debian: fonts-noto-cjk).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAGE = "441803/2025/catalog/index.html"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-o", "--output", type=Path, default=ROOT / "docs/img/site-catalog.png")
    parser.add_argument("--width", type=int, default=960)
    parser.add_argument("--height", type=int, default=720)
    args = parser.parse_args()
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        print("site_screenshot: no chromium or chromium-browser on PATH", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "public"
        subprocess.run([sys.executable, "-m", "catalogtool", "site", str(ROOT / "examples"), "-o", str(site)],
                       check=True, capture_output=True)
        args.output.parent.mkdir(parents=True, exist_ok=True)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium)
            page = browser.new_page(viewport={"width": args.width, "height": args.height})
            page.goto((site / PAGE).as_uri())
            page.screenshot(path=str(args.output))
            browser.close()
    print(f"wrote {args.output} ({args.output.stat().st_size // 1024} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
