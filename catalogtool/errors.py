"""Errors that end a command with exit code 2: bad usage, configuration or input paths."""

from __future__ import annotations

from catalogtool.problems import Message


class CatalogToolError(Exception):
    """A problem the user can fix, stated in both languages; the CLI prints it and exits 2."""

    def __init__(self, message: Message) -> None:
        super().__init__(message.zh)
        self.message = message

    def text(self, lang: str) -> str:
        return self.message.text(lang)


_OS_REASONS = {
    "ENOENT": "文件或目录不存在（也可能是失效的符号链接）",
    "EACCES": "没有访问权限",
    "EPERM": "操作不被允许",
    "ELOOP": "符号链接形成了循环",
    "ENOTDIR": "路径中的上级不是目录",
    "EISDIR": "这是一个目录，不是文件",
    "EEXIST": "已存在同名文件",
    "ENOSPC": "磁盘空间不足",
    "EROFS": "所在磁盘为只读",
    "ENXIO": "不是普通文件（设备或套接字）",
    "EINVAL": "路径或参数无效",
    "ENAMETOOLONG": "文件名过长",
    "EBUSY": "文件正被其他程序占用",
    "ETXTBSY": "文件正被其他程序占用",
    "EMFILE": "同时打开的文件过多",
    "ENFILE": "同时打开的文件过多",
    "EIO": "读写出错（磁盘或网络存储故障）",
    "EFBIG": "文件过大",
    "EDQUOT": "超出磁盘配额",
    "ENOEXEC": "不是可执行的程序",
    "ENOMEM": "内存不足",
}


def os_reason(error: OSError) -> tuple[str, str]:
    """An operating-system error in Chinese and English, without Python's wording."""
    import errno

    english = error.strerror or str(error)
    name = errno.errorcode.get(error.errno or 0, "")
    return _OS_REASONS.get(name, f"系统错误 {name or error.errno}（{english}）" if name or error.errno else english), english
