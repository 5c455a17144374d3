"""The file exceeds a safety limit: size, nesting depth, values after alias expansion, or
the length of a number.

Why: a hostile or broken file (a "billion laughs" alias bomb, thousands of nested
brackets, a number of thousands of digits) must not hang a CI job, exhaust memory or
break the messages that print its values.  The limits are set in catalogtool.yaml
under `limits`; a number may have at most 100 digits.

Good: an ordinary catalog of a few hundred items.

Bad::

    a: &a [x, x, x, x, x, x, x, x, x]
    b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
    # ... nine more levels: a billion values
"""

from __future__ import annotations

from catalogtool.problems import Level, Message
from catalogtool.rules.spec import RuleSpec, Scope, documentation

DOC_ZH = """文件超出安全限制：文件大小、嵌套层数、别名展开后值的数量，或数字的位数。

原因：恶意或损坏的文件（“十亿笑声”式的别名炸弹、成千上万层嵌套的括号、成千上万位的数字）不能让 CI 任务
卡住、耗尽内存，或让显示其值的提示出错。限制在 catalogtool.yaml 的 `limits` 中设置；数字最多 100 位。

正确示例：一份几百个事项的普通目录。

错误示例：

    a: &a [x, x, x, x, x, x, x, x, x]
    b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
    # ……再嵌套九层：十亿个值
"""

ID = "input-limit"
MESSAGES = {
    "file-size": Message("文件大小 {size} 超过上限 {limit}；如确需处理，请在 catalogtool.yaml 的 limits.max_file_bytes 中调高",
                  "the file is {size}, over the {limit} limit; raise limits.max_file_bytes in catalogtool.yaml if this is intended"),
    "depth": Message("嵌套超过 {limit} 层，已停止读取；目录文件不应有这样深的结构", "nesting deeper than {limit} levels; reading stopped"),
    "nodes": Message("展开别名（*引用）后值的数量超过 {limit} 个，疑似“别名炸弹”，已停止读取",
              "more than {limit} values after expanding aliases (an alias bomb?); reading stopped"),
    "recursion": Message("结构过深，无法检查", "the structure is too deep to check"),
    "parser-depth": Message("嵌套层数超过了 YAML 解析器的上限，已停止读取；目录文件不应有这样深的结构",
                     "nesting deeper than the YAML parser allows; reading stopped"),
    "number": Message("数字 {start}… 共 {length} 位，超过 {limit} 位的上限，已停止读取；如果这是编码或文字，请加引号",
               "the number {start}… has {length} digits, over the limit of {limit}; reading stopped. "
               "If it is a code or text, quote it"),
}


RULE = RuleSpec(
    id=ID,
    level=Level.ERROR,
    scope=Scope.LOAD,
    summary=Message("文件超出安全限制（大小、嵌套层数、别名展开后的值数量或数字位数）",
                    "the file exceeds a safety limit (size, nesting, alias expansion, number length)"),
    source=Message("catalogtool 安全限制（catalogtool.yaml: limits）",
                   "catalogtool's safety limits (catalogtool.yaml: limits)"),
    doc=documentation(DOC_ZH, __doc__),
    messages=MESSAGES,
    fixed_level=True,  # a file that was not read whole cannot pass
)
