"""`catalogtool init DIR`: a new catalog repository for a county, ready to edit, check and publish."""

from __future__ import annotations

import datetime
import shutil
import sys
from pathlib import Path
from typing import Annotated

import typer

from catalogtool.cli.options import LangOption, fail, resolve_lang
from catalogtool.errors import CatalogToolError
from catalogtool.problems import Message


def _diff_command() -> str:
    """How git should start `catalogtool git-diff`: by name when it is on PATH, else by this program's full path."""
    found = shutil.which("catalogtool")
    program = Path(sys.argv[0]).resolve() if sys.argv and sys.argv[0] else None
    if found or program is None or not program.is_file():
        return "catalogtool git-diff"
    return f"{program.as_posix()} git-diff"


def init_command(
    folder: Annotated[Path, typer.Argument(help="新仓库所在的文件夹（不存在时创建）。", metavar="目录", show_default=False)],
    region: Annotated[str, typer.Option("--region", metavar="代码", help="县（市、区）的六位行政区划代码，例如 441803。",
                                        show_default=False)],
    name: Annotated[str, typer.Option("--name", metavar="名称", help="行政区划全称，例如 清远市清新区。", show_default=False)],
    year: Annotated[int | None, typer.Option("--year", metavar="年度", help="起步文件的年度，默认今年。", show_default=False)] = None,
    hook_repo: Annotated[str | None, typer.Option(
        "--hook-repo", metavar="仓库", help="pre-commit 和 CI 从这个 git 仓库安装 catalogtool（与 --hook-rev 一起给出）；"
        "默认 pre-commit 用本机安装的 catalogtool，CI 文件中安装 catalogtool 的一步留空待填。",
        show_default=False)] = None,
    hook_rev: Annotated[str | None, typer.Option("--hook-rev", metavar="标签", help="--hook-repo 的版本标签，例如 v1.0.0。",
                                                 show_default=False)] = None,
    force: Annotated[bool, typer.Option("--force", help="替换已有的同名文件（会列出被替换的文件）。")] = False,
    lang: LangOption = None,
) -> None:
    """生成一个县（市、区）的目录仓库：配置、各类起步文件、乡镇名单、编辑器和 CI 设置、说明。"""
    from catalogtool.scaffold import install, parse_params, render
    from catalogtool.scaffold.gitconfig import config_command, set_diff_driver

    language = resolve_lang(lang)
    try:
        params = parse_params(region, name, year if year is not None else datetime.date.today().year,
                              hook_repo, hook_rev)
        done = install(folder, render(params), force=force)
    except CatalogToolError as error:
        fail(error, language)

    def say(message: Message) -> None:
        print(message.text(language))

    say(Message(f"已在 {folder} 生成 {len(done.written)} 个文件（{params.region_name}，{params.year} 年）。",
                f"Wrote {len(done.written)} files in {folder} ({params.region_name}, {params.year})."))
    if done.unchanged:
        say(Message(f"  另有 {len(done.unchanged)} 个文件已存在且内容相同，未改动。",
                    f"  {len(done.unchanged)} files already there with the same content were left as they were."))
    for rel in done.replaced:
        say(Message(f"  已替换原有文件：{rel}", f"  replaced the existing file: {rel}"))
    command = _diff_command()
    if set_diff_driver(folder, command):
        say(Message("已设置本仓库的 git diff 按事项显示变化。", "Set this repository's git diff to show item changes."))
        git_hint = Message("", "")
    else:
        git_hint = Message(f"\n  git init 之后运行一次：{config_command(command)}（git diff 按事项显示变化）",
                           f"\n  after git init, run once: {config_command(command)} (git diff shows item changes)")
    say(Message(f"下一步：把起步文件换成本地内容，然后运行 catalogtool validate {folder} 检查；说明见 {folder / 'README.md'}。"
                + git_hint.zh,
                f"Next: replace the starter content with your own, then run catalogtool validate {folder}; "
                f"see {folder / 'README.md'}." + git_hint.en))
