"""`catalogtool git-diff`: git's external diff driver, so `git diff` of a catalog shows item changes.

git runs it as `diff.catalogtool.command` with seven arguments (path, old file,
old hash, old mode, new file, new hash, new mode; /dev/null for a side that does
not exist) and nine for a rename.  Files that are not catalogtool documents, or do
not load, are shown as an ordinary unified diff, so nothing is ever hidden; and it
exits 0 whenever it could show something, since git stops at an external diff that fails.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from catalogtool.cli.options import LangOption, resolve_lang
from catalogtool.problems import Message

NULL = "/dev/null"


def git_diff_command(
    args: Annotated[list[str], typer.Argument(
        help="git 传来的参数：路径 旧文件 旧哈希 旧权限 新文件 新哈希 新权限（改名时还有新路径和说明）。",
        metavar="路径", show_default=False)],
    lang: LangOption = None,
) -> None:
    """供 git 调用的比较程序：git diff 时按事项显示目录和清单的变化（git config diff.catalogtool.command "catalogtool git-diff"）。"""
    language = resolve_lang(lang)
    if len(args) not in (7, 9):
        print(Message("catalogtool git-diff 由 git 调用，需要 7 个参数（改名时 9 个）："
                      "路径 旧文件 旧哈希 旧权限 新文件 新哈希 新权限",
                      "catalogtool git-diff is run by git with 7 arguments (9 for a rename): "
                      "path old-file old-hash old-mode new-file new-hash new-mode").text(language), file=sys.stderr)
        raise typer.Exit(2)
    path, old_file, new_file = args[0], args[1], args[4]
    new_path = args[7] if len(args) == 9 else path
    old_bytes, new_bytes = _read(old_file), _read(new_file)
    sys.stdout.write(f"diff --catalogtool a/{path} b/{new_path}\n")
    rendered = _item_diff(old_bytes, new_bytes, path, new_path, language)
    sys.stdout.write(rendered if rendered is not None else _unified(old_bytes, new_bytes, path, new_path, old_file, new_file))
    sys.stdout.flush()


def _read(name: str) -> bytes | None:
    if name == NULL:
        return None
    try:
        return Path(name).read_bytes()
    except OSError:
        return None


def _document(content: bytes | None, label: str) -> tuple[bool, dict[str, Any] | None]:
    """(usable, data): usable is false when the side exists but is not a document we know."""
    from catalogtool.kinds import kind_of
    from catalogtool.loader import load_bytes

    if content is None:
        return True, None
    doc = load_bytes(content, label)
    if doc.data is None or doc.findings or kind_of(doc.data) is None:
        return False, None
    return True, doc.data


def _item_diff(old: bytes | None, new: bytes | None, path: str, new_path: str, lang: str) -> str | None:
    """The changes item by item, or None when either side is not a document of a known kind (or they differ in kind)."""
    from catalogtool.diff.core import compare
    from catalogtool.diff.render import RENDERERS
    from catalogtool.diff.visible import visible_changes

    old_ok, old_data = _document(old, path)
    new_ok, new_data = _document(new, new_path)
    if not (old_ok and new_ok) or (old_data is None and new_data is None):
        return None
    kinds = {str(data.get("kind")) for data in (old_data, new_data) if data is not None}
    if len(kinds) != 1:
        return None
    changes = visible_changes(compare(old_data, new_data, kind=kinds.pop()))
    if not changes:  # say so, then show the lines that did change: nothing is hidden
        return Message("（只改了格式或说明文字，事项没有变化）\n", "(layout or comments only: no item changed)\n").text(lang) \
            + _unified(old, new, path, new_path, path, new_path)
    rendered = RENDERERS["text"](changes, lang=lang, color=False, old_label=f"a/{path}", new_label=f"b/{new_path}")
    return rendered if isinstance(rendered, str) else None


def _unified(old: bytes | None, new: bytes | None, path: str, new_path: str, old_file: str, new_file: str) -> str:
    """What plain `git diff` would show, near enough: a unified diff of the two texts (lines end at LF only),
    control characters escaped; binary files are only said to differ, as git says it."""
    from catalogtool.diff.unified import unified_lines
    from catalogtool.diff.visible import visible

    if any(content is not None and b"\0" in content for content in (old, new)):
        return f"Binary files {NULL if old is None else 'a/' + path} and {NULL if new is None else 'b/' + new_path} differ\n"

    def lines(content: bytes | None) -> list[str]:
        if content is None:
            return []
        text = content.decode("utf-8", errors="replace")
        return [visible(line[:-1]) + "\n" if line.endswith("\n") else visible(line)
                for line in re.split(r"(?<=\n)", text) if line]

    out = unified_lines(lines(old), lines(new), NULL if old_file == NULL else f"a/{path}",
                         NULL if new_file == NULL else f"b/{new_path}")
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in out)
