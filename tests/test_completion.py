"""Shell completion: the shells' protocol answered in a real process, and `catalogtool completion`."""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from catalogtool.cli.validate import FORMATS
from catalogtool.rules import RULES
from catalogtool.schemas import schema_names

ROOT = Path(__file__).resolve().parents[1]
# The installed command, as a shell runs it: the protocol's variable is named after the program.
CATALOGTOOL = Path(sys.executable).with_name("catalogtool")
BASE_ENV = {k: v for k, v in os.environ.items() if not k.startswith(("_CATALOGTOOL", "_TYPER", "COMP_"))}


def _catalogtool(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    assert CATALOGTOOL.exists(), "install catalogtool into the test environment (make .venv/bin/catalogtool)"
    return subprocess.run([str(CATALOGTOOL), *args], cwd=ROOT, env=BASE_ENV | (env or {}),
                          capture_output=True, text=True, check=False, timeout=120)


def _bash(line: str, **env: str) -> list[str]:
    """What bash's completion function gets for the command line `line` (the cursor at its end)."""
    words = line.split(" ")
    done = _catalogtool(env={"_CATALOGTOOL_COMPLETE": "complete_bash", "COMP_WORDS": line,
                             "COMP_CWORD": str(len(words) - 1), **env})
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    return done.stdout.split()


def test_bash_completes_commands() -> None:
    assert _bash("catalogtool ") == ["validate", "diff", "export", "import", "schema", "rules", "site", "init", "completion"]
    assert _bash("catalogtool va") == ["validate"]


def test_bash_completes_rule_ids() -> None:
    assert _bash("catalogtool rules ") == list(RULES)
    assert _bash("catalogtool rules plan-") == [r for r in RULES if r.startswith("plan-")]
    assert "duplicate-code" in _bash("catalogtool rules dup")


def test_bash_completes_kinds_formats_and_options() -> None:
    assert _bash("catalogtool schema ") == list(schema_names())
    assert "purchase-catalog" in _bash("catalogtool schema pur")
    assert _bash("catalogtool validate --format ") == list(FORMATS)
    assert _bash("catalogtool validate -f g") == ["github", "gitlab"]
    assert "--strict" in _bash("catalogtool validate --s")
    assert _bash("catalogtool completion ") == ["install", "show"]
    assert _bash("catalogtool completion show p") == ["powershell", "pwsh"]


@pytest.mark.parametrize(("lang_env", "summary_of"), [({"LANG": "zh_CN.UTF-8"}, "zh"), ({"LANG": "en_US.UTF-8"}, "en")])
def test_zsh_fish_and_powershell_show_each_rule_with_its_summary(lang_env: dict[str, str], summary_of: str) -> None:
    rule = RULES["plan-amount"]
    env = {"CATALOGTOOL_LANG": "", "LC_ALL": "", "LC_MESSAGES": "", **lang_env}
    zsh = _catalogtool(env={**env, "_CATALOGTOOL_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": "catalogtool rules plan-am"})
    assert zsh.returncode == 0 and "plan-amount" in zsh.stdout
    assert rule.summary.text(summary_of)[:8] in zsh.stdout
    fish = _catalogtool(env={**env, "_CATALOGTOOL_COMPLETE": "complete_fish", "_TYPER_COMPLETE_FISH_ACTION": "get-args",
                             "_TYPER_COMPLETE_ARGS": "catalogtool rules plan-am"})
    assert fish.stdout.splitlines()[0].startswith("plan-amount\t")
    pwsh = _catalogtool(env={**env, "_CATALOGTOOL_COMPLETE": "complete_powershell",
                             "_TYPER_COMPLETE_ARGS": "catalogtool rules plan-am", "_TYPER_COMPLETE_WORD_TO_COMPLETE": "plan-am"})
    assert pwsh.stdout.startswith("plan-amount:::")


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish", "powershell", "pwsh"])
def test_show_prints_the_script_for_each_shell(shell: str) -> None:
    done = _catalogtool("completion", "show", shell)
    assert done.returncode == 0
    assert "_CATALOGTOOL_COMPLETE=complete_" in done.stdout or '_CATALOGTOOL_COMPLETE = "complete_' in done.stdout
    assert "catalogtool" in done.stdout


def test_bash_script_really_completes_in_bash(tmp_path: Path) -> None:
    """The printed script, sourced by bash, fills COMPREPLY with rule ids."""
    script = _catalogtool("completion", "show", "bash").stdout
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "catalogtool").symlink_to(CATALOGTOOL)
    probe = (f"{script}\nCOMP_WORDS=(catalogtool rules plan-p); COMP_CWORD=2\n"
             "_catalogtool_completion catalogtool\nprintf '%s\\n' \"${COMPREPLY[@]}\"\n")
    done = subprocess.run(["bash", "--norc", "--noprofile", "-c", probe], cwd=ROOT, capture_output=True, text=True,
                          env=BASE_ENV | {"PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}, check=False, timeout=120)
    assert done.stdout.split() == [r for r in RULES if r.startswith("plan-p")], done.stderr


def test_install_writes_each_shell_once_and_keeps_the_rc_file(tmp_path: Path) -> None:
    home = tmp_path / "home"
    (home / "dotfiles").mkdir(parents=True)
    (home / "dotfiles" / "bashrc").write_text("alias ll='ls -l'\n", encoding="utf-8")
    (home / ".bashrc").symlink_to(home / "dotfiles" / "bashrc")
    env = {"HOME": str(home), "USERPROFILE": str(home)}
    for _ in range(2):  # installing again changes nothing
        for shell in ("bash", "zsh", "fish"):
            done = _catalogtool("completion", "install", shell, env=env)
            assert done.returncode == 0, done.stderr
            assert "重新打开终端后生效" in done.stdout
    bashrc = (home / "dotfiles" / "bashrc").read_text(encoding="utf-8")
    assert (home / ".bashrc").is_symlink()
    assert bashrc.startswith("alias ll='ls -l'\n")
    assert bashrc.count(f"source '{home / '.bash_completions' / 'catalogtool.sh'}'") == 1
    assert "complete_bash" in (home / ".bash_completions" / "catalogtool.sh").read_text(encoding="utf-8")
    assert (home / ".zshrc").read_text(encoding="utf-8").count("fpath+=~/.zfunc") == 1
    assert "complete_zsh" in (home / ".zfunc" / "_catalogtool").read_text(encoding="utf-8")
    assert "complete_fish" in (home / ".config" / "fish" / "completions" / "catalogtool.fish").read_text(encoding="utf-8")


def test_install_keeps_a_private_rc_file_private_and_refuses_a_broken_link(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / ".bashrc").write_text("export TOKEN=x\n", encoding="utf-8")
    (home / ".bashrc").chmod(0o600)
    (home / ".zshrc").symlink_to(tmp_path / "missing" / "zshrc")
    env = {"HOME": str(home), "USERPROFILE": str(home)}
    assert _catalogtool("completion", "install", "bash", env=env).returncode == 0
    assert (home / ".bashrc").stat().st_mode & 0o777 == 0o600
    done = _catalogtool("completion", "install", "zsh", env=env)
    assert done.returncode == 2 and "符号链接" in done.stderr
    assert not (tmp_path / "missing").exists()


def test_install_for_powershell_adds_one_block_to_the_profile(tmp_path: Path) -> None:
    """A stand-in `pwsh` answers where the profile is; the execution policy is never touched."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    profile = tmp_path / "Documents" / "PowerShell" / "profile.ps1"
    calls = tmp_path / "calls.txt"
    fake = bin_dir / "pwsh"
    fake.write_text(f'#!/bin/sh\necho "$@" >> "{calls}"\necho "{profile}"\n', encoding="utf-8")
    fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
    profile.parent.mkdir(parents=True)
    profile.write_text("Set-Alias g git\n", encoding="utf-8")
    env = {"PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}
    for _ in range(2):
        done = _catalogtool("completion", "install", "pwsh", env=env)
        assert done.returncode == 0, done.stderr
    text = profile.read_text(encoding="utf-8")
    assert text.startswith("Set-Alias g git\n")
    assert text.count("# >>> catalogtool completion >>>") == 1 and "Register-ArgumentCompleter" in text
    assert "ExecutionPolicy" not in calls.read_text(encoding="utf-8")
    assert "Set-ExecutionPolicy -Scope CurrentUser RemoteSigned" in done.stdout


def test_a_missing_powershell_is_said_in_chinese(tmp_path: Path) -> None:
    env = {"PATH": str(tmp_path)}  # no pwsh here
    done = _catalogtool("completion", "install", "pwsh", env=env)
    assert done.returncode == 2 and "无法运行 pwsh 查找 PowerShell 配置文件（文件或目录不存在" in done.stderr
    assert not re.search(r"[A-Za-z]{4,}", done.stderr.split("（", 1)[1]), done.stderr  # no English OS wording


@pytest.mark.parametrize(("args", "says"), [
    (["completion", "remove", "bash"], "第一个参数只能是 install（安装）或 show（显示），而不是 remove"),
    (["completion", "show", "tcsh"], "不支持 tcsh"),
    (["completion", "show", "tcsh", "--lang", "en"], "tcsh is not supported"),
])
def test_bad_arguments_are_usage_errors(args: list[str], says: str) -> None:
    done = _catalogtool(*args)
    assert done.returncode == 2 and says in done.stderr and "Traceback" not in done.stderr


def test_an_ordinary_run_does_not_load_completion() -> None:
    """Start-up stays cheap: the completion module is imported only when a shell asks or the command runs."""
    probe = ("import sys, runpy; sys.argv = ['catalogtool', '--version']\n"
             "try:\n    runpy.run_module('catalogtool', run_name='__main__')\nexcept SystemExit:\n    pass\n"
             "print('catalogtool.cli.completion' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, env=BASE_ENV, capture_output=True, text=True,
                          check=False, timeout=120)
    assert done.stdout.strip().endswith("False"), done.stderr
