"""`catalogtool completion install|show [SHELL]`: Tab completion in bash, zsh, fish and PowerShell.

The shell scripts and the protocol are typer's (the shell sets
`_CATALOGTOOL_COMPLETE=complete_bash` and the words typed, catalogtool answers
with candidates); catalogtool.cli.main registers typer's shell classes only when
that variable is set, so an ordinary run pays nothing for completion.  Installing
writes the script where each shell looks for it and, for bash and zsh, one line
in the start-up file, each written atomically and only once however often it is
run; PowerShell's execution policy is left as the user set it.  Rule ids and
document kinds complete from the registries, with their one-line summaries.
typer keeps its scripts and shell classes in private modules (so in the locked
typer 0.29); tests/test_completion.py runs the protocol for every shell, so a
typer that moves them fails there, not at a user's Tab.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from catalogtool.errors import CatalogToolError
from catalogtool.i18n import default_lang
from catalogtool.problems import Message

PROG = "catalogtool"
COMPLETE_VAR = "_CATALOGTOOL_COMPLETE"
SHELLS = ("bash", "zsh", "fish", "powershell", "pwsh")
ACTIONS = ("install", "show")


def complete_rule_id(incomplete: str) -> list[tuple[str, str]]:
    """Rule ids starting with what was typed, each with its summary (zsh, fish and PowerShell show it)."""
    from catalogtool.rules import RULES

    lang = default_lang()
    return [(rule.id, rule.summary.text(lang)) for rule in RULES.values() if rule.id.startswith(incomplete)]


def complete_kind(incomplete: str) -> list[str]:
    """Kinds of document (and `config`) that `catalogtool schema` prints."""
    from catalogtool.schemas import schema_names

    return [name for name in schema_names() if name.startswith(incomplete)]


def register_shells() -> None:
    """typer's bash, zsh, fish and PowerShell completion classes, for the completion protocol."""
    from typer._completion_classes import completion_init

    completion_init()


def script(shell: str) -> str:
    from typer._completion_shared import get_completion_script

    return get_completion_script(prog_name=PROG, complete_var=COMPLETE_VAR, shell=shell) + "\n"


def detect_shell() -> str | None:
    """The shell catalogtool was started from, if it is one completion supports."""
    from typer._completion_shared import _get_shell_name

    name = _get_shell_name()
    return name if name in SHELLS else None


def install(shell: str) -> list[Path]:
    """Put the completion script where `shell` loads it; the files written (or already right)."""
    home = Path.home()
    text = script(shell)
    if shell == "bash":
        target = home / ".bash_completions" / f"{PROG}.sh"
        return [_write(target, text), _add_line(home / ".bashrc", f"source '{target}'")]
    if shell == "zsh":
        target = home / ".zfunc" / f"_{PROG}"
        return [_write(target, text), _add_line(home / ".zshrc", "fpath+=~/.zfunc; autoload -Uz compinit; compinit")]
    if shell == "fish":
        return [_write(home / ".config" / "fish" / "completions" / f"{PROG}.fish", text)]
    profile = _powershell_profile(shell)
    begin, end = f"# >>> {PROG} completion >>>", f"# <<< {PROG} completion <<<"
    old = profile.read_text(encoding="utf-8-sig") if profile.is_file() else ""
    if begin in old and end in old:  # replace our block, keep the rest
        old = old[:old.index(begin)] + old[old.index(end) + len(end):].lstrip("\n")
    return [_write(profile, f"{old.rstrip()}\n\n{begin}\n{text}{end}\n".lstrip())]


def _powershell_profile(shell: str) -> Path:
    try:
        found = subprocess.run([shell, "-NoProfile", "-Command", "Write-Output $PROFILE.CurrentUserAllHosts"],
                               capture_output=True, check=True, timeout=60, text=True)
    except (OSError, subprocess.SubprocessError) as error:
        from catalogtool.errors import os_reason

        if isinstance(error, OSError):
            zh, en = os_reason(error)
        elif isinstance(error, subprocess.TimeoutExpired):
            zh, en = "超过 60 秒没有结束", "it did not finish within 60 seconds"
        else:
            zh, en = "运行失败", "it failed"
        raise CatalogToolError(Message(f"无法运行 {shell} 查找 PowerShell 配置文件（{zh}）",
                                       f"cannot run {shell} to find the PowerShell profile ({en})")) from error
    return Path(found.stdout.strip())


def _write(path: Path, text: str) -> Path:
    from catalogtool.fsutil import write_atomic

    if path.is_symlink() and not path.exists():
        raise CatalogToolError(Message(f"{path} 是指向不存在文件的符号链接，未写入；请先修正这个链接",
                                       f"{path} is a symbolic link to a missing file; nothing written: mend the link first"))
    path = path.resolve()  # a dotfile kept as a symlink stays one
    if not (path.is_file() and path.read_text(encoding="utf-8", errors="replace") == text):
        try:
            write_atomic(path, text.encode("utf-8", "surrogateescape"))  # bytes of an rc file kept as they were
        except OSError as error:
            from catalogtool.errors import os_reason

            zh, en = os_reason(error)
            raise CatalogToolError(Message(f"无法写入 {path}：{zh}", f"cannot write {path}: {en}")) from error
    return path


def _add_line(rc: Path, line: str) -> Path:
    old = rc.read_text(encoding="utf-8", errors="surrogateescape") if rc.is_file() else ""
    if line in old.splitlines():
        return rc.resolve()
    return _write(rc, f"{old.rstrip(chr(10))}\n{line}\n" if old else f"{line}\n")


def run(action: str, shell: str | None, lang: str) -> None:
    """What `catalogtool completion ACTION [SHELL]` does; errors are CatalogToolError."""
    if action not in ACTIONS:
        raise CatalogToolError(Message(f"第一个参数只能是 install（安装）或 show（显示），而不是 {action}",
                                       f"the first argument must be install or show, not {action}"))
    if shell is not None and shell not in SHELLS:
        raise CatalogToolError(Message(f"不支持 {shell}；支持 bash、zsh、fish 和 powershell（pwsh）",
                                       f"{shell} is not supported; bash, zsh, fish and powershell (pwsh) are"))
    chosen = shell or detect_shell()
    if chosen is None:
        raise CatalogToolError(Message("无法识别当前使用的 shell，请指明：bash、zsh、fish 或 powershell",
                                       "cannot tell which shell this is; name it: bash, zsh, fish or powershell"))
    if action == "show":
        sys.stdout.write(script(chosen))
        return
    written = install(chosen)
    for path in written:
        print(Message(f"已写入 {path}", f"written: {path}").text(lang))
    note = Message(f"{chosen} 的命令补全已安装，重新打开终端后生效（按 Tab 补全命令、选项、规则编号和文档类型）。",
                   f"{chosen} completion is installed; it takes effect in a new terminal (Tab completes commands, "
                   "options, rule ids and kinds).").text(lang)
    if chosen in ("powershell", "pwsh"):
        note += Message("如果 PowerShell 不加载配置文件，请先运行：Set-ExecutionPolicy -Scope CurrentUser RemoteSigned",
                        " If PowerShell does not load your profile, first run: "
                        "Set-ExecutionPolicy -Scope CurrentUser RemoteSigned").text(lang)
    print(note)
