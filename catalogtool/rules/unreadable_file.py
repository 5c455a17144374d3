"""A file given on the command line, or found in a directory, cannot be read.

Why: a file that silently drops out of a check is worse than a failed check.

Good: a readable `2025/purchase-catalog.yaml`.

Bad: a file without read permission, or a broken symbolic link.
"""

from __future__ import annotations

from catalogtool.problems import Level, Message
from catalogtool.rules.spec import RuleSpec, Scope, documentation

DOC_ZH = """命令行给出的文件，或在目录中找到的文件，无法读取。

原因：文件悄无声息地漏检，比检查不通过更糟。

正确示例：一个可以读取的 `2025/purchase-catalog.yaml`。

错误示例：没有读取权限的文件，或失效的符号链接。
"""

ID = "unreadable-file"
MESSAGES = {
    "os": Message("无法读取文件：{reason}", "cannot read the file: {reason_en}"),
    "missing": Message("路径不存在", "no such file or directory"),
}


RULE = RuleSpec(
    id=ID,
    level=Level.ERROR,
    scope=Scope.LOAD,
    summary=Message("文件无法读取", "the file cannot be read"),
    source=Message("catalogtool", "catalogtool"),
    doc=documentation(DOC_ZH, __doc__),
    messages=MESSAGES,
    fixed_level=True,  # a file that was not read whole cannot pass
)
