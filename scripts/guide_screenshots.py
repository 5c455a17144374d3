"""Make the user guide's pictures (docs/guide/img/): the Excel guide as printed, and the website.

    python scripts/guide_screenshots.py               # writes docs/guide/img/*.png
    python scripts/guide_screenshots.py -o /tmp/img

Uses the examples (清远市清新区, 2024 and 2025) and this checkout's code.  The
workbooks are exported with `catalogtool export`, printed to PDF by LibreOffice
headless (its own profile in a temporary folder, so a running LibreOffice is not
disturbed) and rendered to PNG with pdftoppm: what a township gets on paper.  The
site is built with `catalogtool site` and photographed in headless Chromium through
Playwright (the system's /usr/bin/chromium; no browser download).  Chinese text
needs a CJK font (Debian: fonts-noto-cjk).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
# (png name, workbook, page of its PDF)
WORKBOOK_PAGES = (("workbook-cover.png", "guide.xlsx", 1), ("workbook-catalog.png", "guide.xlsx", 3),
                  ("workbook-township.png", "townships/441803100-太和镇.xlsx", 1))
# (png name, page of the site, full page?)
SITE_PAGES = (("site-edition.png", "441803/2025/index.html", False), ("site-catalog.png", "441803/2025/catalog/index.html", False),
              ("site-township.png", "441803/2025/townships/441803100.html", False))


def _catalogtool(*args: str, cwd: Path = ROOT) -> None:
    subprocess.run([sys.executable, "-m", "catalogtool", *args], check=True, capture_output=True, timeout=600, cwd=cwd)


def workbooks(tmp: Path, out: Path, resolution: int) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None or shutil.which("pdftoppm") is None:
        raise SystemExit("guide_screenshots: soffice and pdftoppm are needed for the workbook pictures")
    # A copy of the examples, exported from inside it: the workbook then says 与2024相比, as a user's would.
    repo = tmp / "repo"
    shutil.copytree(EXAMPLES, repo)
    _catalogtool("export", "2025", "--since", "2024", "-o", str(tmp / "guide.xlsx"), cwd=repo)
    _catalogtool("export", "2025", "--townships", "townships.yaml", "-o", str(tmp / "townships"), cwd=repo)
    profile = (tmp / "lo-profile").as_uri()
    for name, workbook, page in WORKBOOK_PAGES:
        source = tmp / workbook
        pdf_dir = tmp / "pdf" / source.stem
        subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                        "--outdir", str(pdf_dir), str(source)], check=True, capture_output=True, timeout=600)
        pdf = pdf_dir / f"{source.stem}.pdf"
        stem = tmp / "png" / name.removesuffix(".png")
        stem.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(["pdftoppm", "-png", "-r", str(resolution), "-f", str(page), "-l", str(page),
                        "-singlefile", str(pdf), str(stem)], check=True, capture_output=True, timeout=600)
        shutil.copyfile(stem.with_suffix(".png"), out / name)
        print(f"wrote {out / name}")


def site(tmp: Path, out: Path, width: int, height: int) -> None:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        raise SystemExit("guide_screenshots: no chromium or chromium-browser on PATH")
    from playwright.sync_api import sync_playwright

    public = tmp / "public"
    _catalogtool("site", str(EXAMPLES), "-o", str(public))
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium)
        page = browser.new_page(viewport={"width": width, "height": height})
        for name, path, full in SITE_PAGES:
            page.goto((public / path).as_uri())
            page.screenshot(path=str(out / name), full_page=full)
            print(f"wrote {out / name}")
        browser.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-o", "--output", type=Path, default=ROOT / "docs/guide/img")
    parser.add_argument("--resolution", type=int, default=80, help="dots per inch of the printed pages")
    parser.add_argument("--width", type=int, default=960)
    parser.add_argument("--height", type=int, default=640)
    args = parser.parse_args()
    args.output.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        workbooks(Path(tmp), args.output, args.resolution)
        site(Path(tmp), args.output, args.width, args.height)
    return 0


if __name__ == "__main__":
    sys.exit(main())
