"""The English of the commands' help, keyed by the Chinese written in the commands.

Commands are written in Chinese, the default language; this table is their
English, the way a gettext catalog is keyed by its source text.  Keys are
compared with runs of white space collapsed.  Changing a Chinese help text means
changing its key here: tests/test_cli_lang.py fails for any help text, metavar
or argument name of the app that has no English.
"""

from __future__ import annotations

from catalogtool.kinds import KINDS

HELP_EN: dict[str, str] = {
    # catalogtool
    "检查、比较和导出政府购买服务目录与社区工作事项清单（YAML）。":
        "Check, compare and export government-purchase catalogs and community task lists (YAML).",
    "显示版本号并退出。": "Show the version and exit.",
    # shared options
    "消息语言 zh 或 en（默认随系统区域设置，否则中文）。":
        "Language of messages, zh or en (default: from the locale, else Chinese).",
    "用这一个配置文件管理所有文件（默认每个文件由其所在目录或上级目录中最近的 catalogtool.yaml 管理）。":
        "Use this one configuration file for every file (by default each file is governed by the nearest "
        "catalogtool.yaml in its folder or above).",
    "配置文件路径（默认向上查找 catalogtool.yaml）。":
        "Configuration file (default: the nearest catalogtool.yaml above the inputs).",
    # validate
    "检查目录或文件，报告每个问题的位置（文件:行:列）。\n\n"
    "退出码：0 没有错误；1 发现错误（--strict 时警告也算）；2 用法、配置或内部错误。":
        "Check files or folders and report where each problem is (file:line:column).\n\n"
        "Exit status: 0 no errors; 1 errors found (warnings too with --strict); "
        "2 usage, configuration or internal error.",
    "要检查的 YAML 文件或目录（目录下的 *.yaml、*.yml 都会检查）；- 表示从标准输入读取。":
        "YAML files or folders to check (every *.yaml and *.yml under a folder); - reads standard input.",
    "输出格式：text（默认）、json、github（GitHub Actions 注释）、sarif、junit（GitLab、Jenkins 测试报告）、"
    "gitlab（GitLab 代码质量报告）、markdown（作业摘要、合并请求评论）。":
        "Output format: text (default), json, github (GitHub Actions annotations), sarif, junit (GitLab and "
        "Jenkins test reports), gitlab (GitLab Code Quality) or markdown (job summaries, merge-request comments).",
    "有警告也视为未通过（退出码 1）。": "Fail on warnings too (exit status 1).",
    "并行进程数（默认使用全部 CPU 核心）。": "Number of parallel processes (default: all CPU cores).",
    "从标准输入读取时，报告中使用的文件名（也用于查找配置）。":
        "File name to report when reading standard input (also used to find the configuration).",
    "结果缓存目录：未改动的文件不再重新检查（适合大型仓库和 CI）。":
        "Folder for cached results: unchanged files are not checked again (for large repositories and CI).",
    "基线文件：文件不存在时记录现有问题并通过；存在时只报告基线中没有的新问题。":
        "Baseline file: when it does not exist, record today's problems in it and pass; when it exists, "
        "report only problems it does not hold.",
    "用本次检查的问题重写 --baseline 文件（改正问题后缩减基线）。":
        "Rewrite the --baseline file with this run's problems (to shrink it once problems are fixed).",
    "不使用缓存（默认使用用户缓存目录）：不读也不写缓存。":
        "Do not use the cache (by default, the user's cache folder): neither read nor write it.",
    # diff
    "比较两个版本的目录或清单，逐项列出新增、删除、修改、重新编码和文件信息变更。":
        "Compare two editions of catalogs or lists item by item: added, removed, changed and recoded "
        "items, and changes of the header.",
    "旧版本：YAML 文件、目录，或 git 的 修订版本:路径（如 main:catalogs）。":
        "The old edition: a YAML file, a folder, or a git REVISION:PATH (such as main:catalogs).",
    "新版本：与旧版本同样形式（文件对文件，目录对目录）。":
        "The new edition, in the same form as the old (a file with a file, a folder with a folder).",
    "输出格式：text、markdown（PR 评论）、json 或 xlsx（新旧对照表，须配合 -o）。":
        "Output format: text, markdown (a pull-request comment), json or xlsx (an old/new comparison "
        "workbook; needs -o).",
    "写入该文件（不会覆盖输入）；默认输出到屏幕。": "Write to this file (never over an input); default: the screen.",
    "有任何变更时以退出码 1 结束（同 git diff --exit-code）。":
        "Exit with status 1 when anything changed (as git diff --exit-code does).",
    "重新编码的相似度阈值（0-1），默认 0.8 或配置中的 diff.similarity。":
        "Similarity threshold for a recode (0-1); default 0.8, or diff.similarity in the configuration.",
    # export
    "导出 Excel 指南：封面说明、各目录清单、统计图表，可选新旧对照表；A4 横向打印就绪。\n\n"
    "退出码：0 已导出；1 输入文件有错误（先运行 catalogtool validate 修正），或有无法写入 Excel 的内容\n"
    "（如超过单元格上限 32767 个字符的文字）；2 用法或配置错误。":
        "Export the Excel guide: a cover, the catalogs and lists, statistics with charts and, if asked, "
        "an old/new comparison; ready to print on A4 landscape.\n\n"
        "Exit status: 0 exported; 1 the inputs have errors (run catalogtool validate and fix them first), "
        "or hold what Excel cannot take (such as text over a cell's limit of 32,767 characters); "
        "2 usage or configuration error.",
    "要导出的 YAML 文件或目录（目录下的 *.yaml、*.yml 都会导出）。":
        "YAML files or folders to export (every *.yaml and *.yml under a folder).",
    "输出的 .xlsx 文件；用 --townships 时为存放各乡镇指南的目录。":
        "The .xlsx file to write; with --townships, the folder for the townships' guides.",
    "生成某个乡镇的年度购买服务指南：乡镇代码（九位）或名称；只列出乡镇适用的事项。":
        "Make one township's annual purchase guide: the township's nine-digit code or its name; only "
        "the items townships may buy are listed.",
    "乡镇名单 YAML（townships: [{code, name}, ...]）；不加 --township 时为每个乡镇各生成一个工作簿，写入 -o 目录。":
        "Township roster YAML (townships: [{code, name}, ...]); without --township, one workbook per "
        "township is written to the -o folder.",
    "与旧版本比较，增加“新旧对照表”工作表：旧版的文件、目录或 git 的 修订版本:路径。":
        "Compare with an older edition and add an old/new comparison sheet: the old file, folder or git "
        "REVISION:PATH.",
    "工作簿封面标题（默认由文件标题、地区和年度生成）。":
        "Title on the workbook's cover (default: made from the documents' titles, region and year).",
    "封面的编制日期 YYYY-MM-DD，或 today；默认取各文件最晚的施行或批准日期（没有时留空），使相同输入总是得到相同的文件（也可设置 SOURCE_DATE_EPOCH）。":
        "Date of preparation on the cover, YYYY-MM-DD or today; default: the latest effective or approval "
        "date of the documents (blank when there is none), so the same inputs always give the same file "
        "(SOURCE_DATE_EPOCH also works).",
    # site
    "生成静态网站：目录树、各事项页面、清单、乡镇页面和年度计划、年度变更、搜索与下载，无需服务器。\n\n"
    "退出码：0 已生成；1 输入文件有错误（先运行 catalogtool validate 修正，或加 --allow-errors）；2 用法或配置错误。":
        "Build a static website: the catalog tree, a page per item, the lists, township pages with their "
        "plans, yearly changes, search and downloads; nothing runs on the server.\n\n"
        "Exit status: 0 built; 1 the inputs have errors (run catalogtool validate and fix them, or use "
        "--allow-errors); 2 usage or configuration error.",
    "要发布的 YAML 文件或目录（目录下的 *.yaml、*.yml 都会发布）。":
        "YAML files or folders to publish (every *.yaml and *.yml under a folder).",
    "网站目录：新目录、空目录，或以前由 catalogtool site 生成的目录（整个替换）。":
        "The site's folder: a new or empty folder, or one an earlier catalogtool site wrote (replaced whole).",
    "乡镇名单 YAML（townships: [{code, name}, ...]）；默认使用输入目录或其上级目录中的 townships.yaml。":
        "Township roster YAML (townships: [{code, name}, ...]); default: townships.yaml in or above the "
        "input folder.",
    "输入文件有错误时仍然生成网站，每页顶部显示警告（仅供核对，不应正式发布）。":
        "Build the site even when the inputs have errors, with a warning on top of every page (for review, "
        "not for publishing).",
    "是否在下载中附上 Excel 指南（每个年度一份全县指南，每个乡镇一份乡镇指南）。":
        "Whether the downloads hold the Excel guides (the county's for each year, and each township's).",
    # import
    "把 Excel 工作簿导回 YAML：export 导出的工作簿无损导回，也可读取按目录表格式发布的表格。\n\n"
    "退出码：0 已写入；1 工作簿中有错误（逐一指出 工作表!单元格，未写入任何文件），或写入的文件未通过检查；\n"
    "2 文件无法读取、配置或用法错误、文件已存在。":
        "Import an Excel workbook back into YAML: a workbook made by export comes back without loss, and "
        "catalog tables published as spreadsheets can be read too.\n\n"
        "Exit status: 0 written; 1 the workbook has errors (each at its Sheet!cell, and nothing was "
        "written), or the files written do not pass the checks; 2 the file cannot be read, a configuration "
        "or usage error, or a file already exists.",
    "要导入的 .xlsx 工作簿（export 导出的，或按 编码/一级目录/二级目录/三级目录/服务内容 列出的目录表）。":
        "The .xlsx workbook to import: one made by export, or a catalog table with the columns "
        "编码/一级目录/二级目录/三级目录/服务内容 (code, level-1 to level-3 directory, content).",
    "写入 YAML 文件的目录（每个文档一个文件）。": "Folder to write the YAML files to (one file per document).",
    "覆盖目录中已有的同名 YAML 文件（默认不覆盖）。":
        "Overwrite YAML files of the same name already in the folder (default: never).",
    # schema
    "打印某类文档的 JSON Schema（供编辑器提示和校验使用）。":
        "Print the JSON Schema of a kind of document (for editors' hints and checks).",
    f"文档类型：{'、'.join(KINDS)} 或 config；不填则列出全部。":
        f"Kind of document: {', '.join(KINDS)} or config; without it, the kinds are listed.",
    # rules
    "列出全部规则：编号、默认级别、说明和政策依据。":
        "List every rule: its id, default level, what it finds and its policy source.",
    "只显示这一条规则的完整说明（含正反示例）。": "Show this one rule in full (with good and bad examples).",
    "输出格式：text、json 或 markdown。": "Output format: text, json or markdown.",
    # init
    "生成一个县（市、区）的目录仓库：配置、各类起步文件、乡镇名单、编辑器和 CI 设置、说明。":
        "Make a county's catalog repository: configuration, a starter document of each kind, a township "
        "roster, editor and CI settings, and a README.",
    "新仓库所在的文件夹（不存在时创建）。": "Folder of the new repository (made if missing).",
    "县（市、区）的六位行政区划代码，例如 441803。": "The county's six-digit region code, e.g. 441803.",
    "行政区划全称，例如 清远市清新区。": "The region's full name, e.g. 清远市清新区.",
    "起步文件的年度，默认今年。": "Year of the starter documents (default: this year).",
    "pre-commit 和 CI 从这个 git 仓库安装 catalogtool（与 --hook-rev 一起给出）；"
    "默认 pre-commit 用本机安装的 catalogtool，CI 文件中安装 catalogtool 的一步留空待填。":
        "Git repository pre-commit and CI install catalogtool from (with --hook-rev); by default "
        "pre-commit uses the catalogtool installed on the machine and the CI files leave the step installing "
        "catalogtool for you to fill in.",
    "--hook-repo 的版本标签，例如 v1.0.0。": "Tag of --hook-repo to use, e.g. v1.0.0.",
    "替换已有的同名文件（会列出被替换的文件）。": "Replace files that already exist (each replaced file is listed).",
    # git-diff
    "供 git 调用的比较程序：git diff 时按事项显示目录和清单的变化（git config diff.catalogtool.command "
    "\"catalogtool git-diff\"）。":
        "External diff for git: git diff shows catalogs and lists item by item "
        "(git config diff.catalogtool.command \"catalogtool git-diff\").",
    "git 传来的参数：路径 旧文件 旧哈希 旧权限 新文件 新哈希 新权限（改名时还有新路径和说明）。":
        "The arguments git passes: path old-file old-hash old-mode new-file new-hash new-mode (and the new "
        "path and a note for a rename).",
    # completion
    "安装或显示 shell 命令补全（bash、zsh、fish、PowerShell）。\n\n"
    "装好后按 Tab 补全命令、选项、规则编号和文档类型：catalogtool completion install":
        "Install or show shell completion (bash, zsh, fish, PowerShell).\n\n"
        "Once installed, Tab completes commands, options, rule ids and kinds: catalogtool completion install",
    "install：为 shell 安装命令补全；show：只打印补全脚本。":
        "install: install completion for the shell; show: only print the completion script.",
    "bash、zsh、fish 或 powershell（pwsh）；默认为当前使用的 shell。":
        "bash, zsh, fish or powershell (pwsh); default: the shell in use.",
    # metavars
    "路径": "PATH",
    "格式": "FORMAT",
    "文件": "FILE",
    "文件名": "NAME",
    "目录": "DIR",
    "动作": "ACTION",
    "乡镇": "TOWNSHIP",
    "旧版本": "OLD",
    "标题": "TITLE",
    "日期": "DATE",
    "代码": "CODE",
    "名称": "NAME",
    "年度": "YEAR",
    "仓库": "REPO",
    "标签": "TAG",
}


def _key(text: str) -> str:
    return " ".join(text.split())


_BY_KEY = {_key(zh): en for zh, en in HELP_EN.items()}


def english(text: str) -> str | None:
    """The English of a Chinese help text, metavar or argument name; None if it has none."""
    return _BY_KEY.get(_key(text))
