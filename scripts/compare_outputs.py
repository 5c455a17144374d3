"""Run every command of the demo at two git revisions and compare what they wrote, byte for byte.

Why: a redesign must not change what users see.  This runs the same commands on
the shipped `examples/` with the code of REV_A and of REV_B (each checked out in a
temporary worktree and run with this interpreter), then compares stdout, stderr,
exit codes and every file written (text, JSON, markdown, SARIF, every workbook).

    python scripts/compare_outputs.py HEAD~5 HEAD        # two revisions
    python scripts/compare_outputs.py main WORKTREE      # WORKTREE: the working tree as it is

Exit 0 when everything is identical, 1 with a list of differences otherwise.
The examples are taken from REV_B's tree for both runs, so only the code differs.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# (name, arguments); {ex} is the examples folder, {out} the output folder of the run.
COMMANDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("validate-text", ("validate", "{ex}")),
    ("validate-text-en", ("validate", "{ex}", "--lang", "en")),
    ("validate-json", ("validate", "{ex}", "--format", "json")),
    ("validate-github", ("validate", "{ex}", "--format", "github")),
    ("validate-sarif", ("validate", "{ex}", "--format", "sarif")),
    ("diff-text", ("diff", "{ex}/2024", "{ex}/2025")),
    ("diff-json", ("diff", "{ex}/2024", "{ex}/2025", "--format", "json")),
    ("diff-markdown", ("diff", "{ex}/2024", "{ex}/2025", "--format", "markdown", "-o", "{out}/changes.md")),
    ("diff-xlsx", ("diff", "{ex}/2024", "{ex}/2025", "--format", "xlsx", "-o", "{out}/changes.xlsx")),
    ("export-guide", ("export", "{ex}/2025", "--since", "{ex}/2024", "-o", "{out}/guide-2025.xlsx")),
    ("export-townships", ("export", "{ex}/2025", "--townships", "{ex}/townships.yaml", "-o", "{out}/townships")),
    ("import-guide", ("import", "{out}/guide-2025.xlsx", "-o", "{out}/imported")),
    ("rules", ("rules",)),
    ("rules-markdown", ("rules", "--format", "markdown")),
)


def _checkout(rev: str, into: Path) -> Path:
    if rev == "WORKTREE":
        return ROOT
    subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "--quiet", str(into), rev], check=True)
    return into


def _run(code: Path, examples: Path, out: Path) -> dict[str, bytes]:
    """Every command's stdout, stderr and exit code, then every file under `out`, by name."""
    out.mkdir(parents=True)
    env = {**os.environ, "PYTHONPATH": str(code), "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8",
           "NO_COLOR": "1", "COLUMNS": "120", "TZ": "UTC", "SOURCE_DATE_EPOCH": "1700000000"}
    env.pop("GITHUB_STEP_SUMMARY", None)
    seen: dict[str, bytes] = {}
    for name, args in COMMANDS:
        argv = [a.format(ex="examples", out=str(out)) for a in args]
        done = subprocess.run([sys.executable, "-m", "catalogtool", *argv], cwd=examples.parent,
                              env=env, capture_output=True, timeout=600)
        seen[f"{name}: stdout"] = done.stdout.replace(str(out).encode(), b"OUT")
        seen[f"{name}: stderr"] = done.stderr.replace(str(out).encode(), b"OUT")
        seen[f"{name}: exit"] = str(done.returncode).encode()
    for path in sorted(out.rglob("*")):
        if path.is_file():
            seen[f"file {path.relative_to(out)}"] = path.read_bytes()
    return seen


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rev_a")
    parser.add_argument("rev_b", help="a revision, or WORKTREE for the working tree as it is")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="compare-outputs-") as tmp:
        base = Path(tmp)
        code_a = _checkout(args.rev_a, base / "a")
        code_b = _checkout(args.rev_b, base / "b")
        try:
            shutil.copytree(code_b / "examples", base / "work" / "examples")
            examples = base / "work" / "examples"
            runs = [_run(code, examples, base / f"out-{side}") for side, code in (("a", code_a), ("b", code_b))]
        finally:
            for code in (code_a, code_b):
                if code != ROOT:
                    subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(code)], check=False)
    a, b = runs
    differences = []
    for key in sorted(set(a) | set(b)):
        if a.get(key) != b.get(key):
            what = "only in " + ("B" if key not in a else "A") if key not in a or key not in b else "differs"
            differences.append(f"  {key}: {what}")
    for key in sorted(set(a) & set(b)):
        if a[key] == b[key] and key.startswith("file "):
            print(f"same  {key}  sha256 {hashlib.sha256(a[key]).hexdigest()[:16]}")
    if differences:
        print(f"{len(differences)} outputs differ between {args.rev_a} and {args.rev_b}:")
        print("\n".join(differences))
        return 1
    print(f"identical: {len(a)} outputs of {len(COMMANDS)} commands")
    return 0


if __name__ == "__main__":
    sys.exit(main())
