"""The user guide (docs/guide/) works as written: every command it shows is run, in order, in a fresh folder.

Conventions the guide follows, so this test can run it:
- commands are in ```sh blocks, one per line, run with bash from the folder the
  previous `cd` lines lead to (the first `cd` enters the repository `init` makes);
- a trailing `# 示意` marks a command that cannot run here (it needs a real address,
  such as `git push`); a trailing `# 退出码 N` is the exit status the guide promises
  (otherwise 0);
- a ```sh block inside an HTML comment (`<!-- 测试步骤 ... -->`) is what the reader does by
  hand in an editor, done here by a command; readers do not see it;
- a plain ``` block right after a line ending in `显示：` is the output of the command
  before it: each of its lines must be in what the command printed.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

GUIDE = Path(__file__).resolve().parents[1] / "docs" / "guide"
BIN = Path(sys.executable).parent
NOT_RUN = "# 示意"
EXIT = re.compile(r"#\s*退出码\s*(\d+)\s*$")
FENCE = re.compile(r"^```(\w*)\n(.*?)^```$", re.M | re.S)


@dataclass
class Step:
    page: str
    command: str
    exit_code: int
    shown: list[str]


def pages() -> list[str]:
    """The guide's pages in the order index.md links them."""
    index = (GUIDE / "index.md").read_text(encoding="utf-8")
    return list(dict.fromkeys(re.findall(r"\]\((\d\d-[a-z-]+\.md)\)", index)))


def steps() -> tuple[list[Step], list[str]]:
    """Every command to run, and the ones marked as not runnable here."""
    out: list[Step] = []
    skipped: list[str] = []
    for page in pages():
        text = (GUIDE / page).read_text(encoding="utf-8")
        for match in FENCE.finditer(text):
            language, body = match.group(1), match.group(2)
            if language == "" and text[:match.start()].rstrip().endswith("显示：") and out:
                out[-1].shown = [line for line in body.splitlines() if line.strip()]
            if language != "sh":
                continue
            for line in body.splitlines():
                if not line.strip() or line.lstrip().startswith("#"):
                    continue
                if line.rstrip().endswith(NOT_RUN):
                    skipped.append(line)
                    continue
                expected = EXIT.search(line)
                out.append(Step(page, line, int(expected.group(1)) if expected else 0, []))
    return out, skipped


def test_the_guide_has_pages_and_commands_and_only_a_few_are_not_run() -> None:
    assert len(pages()) >= 8
    run, skipped = steps()
    commands = " ".join(step.command for step in run)
    for needed in ("catalogtool init", "catalogtool validate", "catalogtool diff", "catalogtool export",
                   "--townships", "catalogtool import", "catalogtool site", "git commit"):
        assert needed in commands, needed
    assert len(skipped) <= 4, skipped
    assert any(step.exit_code == 1 for step in run)  # the guide shows a failing check and what it says


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_every_command_of_the_guide_exits_as_the_guide_says(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}", "HOME": str(home),
           "GIT_CONFIG_NOSYSTEM": "1", "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
           "NO_COLOR": "1", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "CATALOGTOOL_LANG": "zh"}
    env.pop("LANGUAGE", None)
    cwd = tmp_path / "work"
    cwd.mkdir()
    run, _ = steps()
    for step in run:
        if step.command.startswith("cd "):
            cwd = (cwd / step.command[3:].strip()).resolve()
            assert cwd.is_dir(), step
            continue
        done = subprocess.run(["bash", "-c", step.command], cwd=cwd, env=env, capture_output=True, text=True,
                              timeout=600)
        said = f"{step.page}: {step.command}\nexit {done.returncode}\n{done.stdout}\n{done.stderr}"
        assert done.returncode == step.exit_code, said
        for line in step.shown:
            assert line in done.stdout, f"{said}\nthe guide shows: {line}"


def test_every_picture_the_guide_shows_is_there_and_every_picture_is_shown() -> None:
    shown = {name for page in [*pages(), "index.md"]
             for name in re.findall(r"!\[[^\]]*\]\(img/([^)]+)\)", (GUIDE / page).read_text(encoding="utf-8"))}
    assert shown, "the guide shows the workbook and the site"
    assert shown == {path.name for path in (GUIDE / "img").glob("*.png")}


def test_every_link_between_pages_leads_to_a_page() -> None:
    for page in [*pages(), "index.md"]:
        for target in re.findall(r"\]\(([^)#:]+\.md)\)", (GUIDE / page).read_text(encoding="utf-8")):
            assert (GUIDE / target).is_file(), (page, target)
