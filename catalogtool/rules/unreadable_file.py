"""A file given on the command line, or found in a directory, cannot be read.

Why: a file that silently drops out of a check is worse than a failed check.

Good: a readable `2025/purchase-catalog.yaml`.

Bad: a file without read permission, or a broken symbolic link.
"""

from __future__ import annotations

from catalogtool.problems import Level, Message

ID = "unreadable-file"
LEVEL = Level.ERROR
SCOPE = "load"
# A file that was not read whole cannot pass: configuration may not lower this level.
FIXED_LEVEL = True
SOURCE = "catalogtool"
SUMMARY = Message("文件无法读取", "the file cannot be read")
MESSAGES = {
    "os": Message("无法读取文件：{reason}", "cannot read the file: {reason_en}"),
    "missing": Message("路径不存在", "no such file or directory"),
}
