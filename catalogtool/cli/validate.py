"""`catalogtool validate PATH...`: check files and directories, report, exit 0/1/2."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from catalogtool.cli.options import ConfigOption, LangOption, resolve_lang
from catalogtool.cli.validate_run import FORMATS


def validate_command(
    paths: Annotated[list[Path], typer.Argument(metavar="路径", help="要检查的 YAML 文件或目录（目录下的 *.yaml、*.yml 都会检查）；- 表示从标准输入读取。", show_default=False)],
    output_format: Annotated[str, typer.Option("--format", "-f", metavar="格式", autocompletion=lambda incomplete: [f for f in FORMATS if f.startswith(incomplete)], help="输出格式：text（默认）、json、github（GitHub Actions 注释）、sarif、junit（GitLab、Jenkins 测试报告）、gitlab（GitLab 代码质量报告）、markdown（作业摘要、合并请求评论）。")] = "text",
    strict: Annotated[bool, typer.Option("--strict", help="有警告也视为未通过（退出码 1）。")] = False,
    config: ConfigOption = None,
    lang: LangOption = None,
    jobs: Annotated[int | None, typer.Option("--jobs", "-j", min=1, metavar="N", help="并行进程数（默认使用全部 CPU 核心）。")] = None,
    stdin_filename: Annotated[str | None, typer.Option("--stdin-filename", metavar="文件名", help="从标准输入读取时，报告中使用的文件名（也用于查找配置）。")] = None,
    cache_dir: Annotated[Path | None, typer.Option("--cache-dir", metavar="目录", envvar="CATALOGTOOL_CACHE_DIR", help="结果缓存目录：未改动的文件不再重新检查（适合大型仓库和 CI）。")] = None,
    baseline: Annotated[Path | None, typer.Option("--baseline", metavar="文件", help="基线文件：文件不存在时记录现有问题并通过；存在时只报告基线中没有的新问题。")] = None,
    update_baseline: Annotated[bool, typer.Option("--update-baseline", help="用本次检查的问题重写 --baseline 文件（改正问题后缩减基线）。")] = False,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="不使用缓存（默认使用用户缓存目录）：不读也不写缓存。")] = False,
) -> None:
    """检查目录或文件，报告每个问题的位置（文件:行:列）。

    退出码：0 没有错误；1 发现错误（--strict 时警告也算）；2 用法、配置或内部错误。
    """
    from catalogtool.cli.validate_run import Request, run

    request = Request(paths, output_format, strict, config, lang, jobs, stdin_filename, cache_dir, no_cache, baseline,
                      update_baseline)
    raise typer.Exit(run(request, resolve_lang(lang)))
