"""A mapping repeats a key.

Why: YAML tools silently keep one of the two values, so one of the author's
edits is lost without a word.  catalogtool keeps the first and reports the second.

Good::

    name: 养老服务
    content: 居家上门照料

Bad::

    name: 养老服务
    name: 助餐服务
"""

from __future__ import annotations

from catalogtool.problems import Level, Message
from catalogtool.rules.spec import RuleSpec, Scope, documentation

DOC_ZH = """同一个映射中有重复的键。

原因：多数 YAML 工具会悄悄只保留其中一个值，作者的一处修改就这样丢了。catalogtool 保留第一个值，
并报告第二个。

正确示例：

    name: 养老服务
    content: 居家上门照料

错误示例：

    name: 养老服务
    name: 助餐服务
"""

ID = "duplicate-key"
MESSAGES = {
    "dup": Message("键 {key} 重复（首次出现在第 {first_line} 行）；只保留了第一处的值，请删除或合并其中一处",
            "key {key} is repeated (first on line {first_line}); only the first value is kept, remove or merge one of them"),
}


RULE = RuleSpec(
    id=ID,
    level=Level.ERROR,
    scope=Scope.LOAD,
    summary=Message("同一映射中的键重复", "a mapping repeats a key"),
    source=Message("YAML 1.2 §3.2.1.1（键必须唯一）", "YAML 1.2 §3.2.1.1 (keys must be unique)"),
    doc=documentation(DOC_ZH, __doc__),
    messages=MESSAGES,
    fixed_level=True,  # a file that was not read whole cannot pass
)
