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

ID = "input-limit"
LEVEL = Level.ERROR
SCOPE = "load"
# A file that was not read whole cannot pass: configuration may not lower this level.
FIXED_LEVEL = True
SOURCE = "catalogtool 安全限制（catalogtool.yaml: limits）"
SUMMARY = Message("文件超出安全限制（大小、嵌套层数、别名展开后的值数量或数字位数）",
                  "the file exceeds a safety limit (size, nesting, alias expansion, number length)")
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
