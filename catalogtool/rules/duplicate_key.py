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

ID = "duplicate-key"
LEVEL = Level.ERROR
SCOPE = "load"
# A file that was not read whole cannot pass: configuration may not lower this level.
FIXED_LEVEL = True
SOURCE = "YAML 1.2 §3.2.1.1（键必须唯一）"
SUMMARY = Message("同一映射中的键重复", "a mapping repeats a key")
MESSAGES = {
    "dup": Message("键 {key} 重复（首次出现在第 {first_line} 行）；只保留了第一处的值，请删除或合并其中一处",
            "key {key} is repeated (first on line {first_line}); only the first value is kept, remove or merge one of them"),
}
