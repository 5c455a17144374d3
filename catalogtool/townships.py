"""Townships: the roster (townships.yaml), finding one by code or name, and what its guide keeps.

A township's guide lists only the catalog items a township may buy
(`township: true`) under the directories above them (each kind says what it
keeps: `Kind.township_view`); the lists for villages and communities apply
county-wide and stay whole.  Every user error is a
CatalogToolError (exit 2); nothing here prints or touches Excel.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from catalogtool.errors import CatalogToolError
from catalogtool.problems import Message

if TYPE_CHECKING:
    from catalogtool.sources import Source

TOWNSHIPS_FILE = "townships.yaml"
# Nine digits: the county's six, then the township's three (001-599).
TOWNSHIP_CODE = re.compile(r"^[0-9]{6}(?:0(?:0[1-9]|[1-9][0-9])|[1-5][0-9]{2})$")


@dataclass(frozen=True, slots=True)
class Township:
    """A township by its nine-digit code and its name; `named` is false when no roster gave the name
    and the township goes by its code."""

    code: str
    name: str
    named: bool = True

    @classmethod
    def by_code(cls, code: str) -> Township:
        """A township known only by its code: titles then read 代码为441803100的乡镇."""
        return cls(code, f"代码为{code}的乡镇", named=False)


# --------------------------------------------------------------------------- the roster


def read_townships(path: Path) -> list[Township]:
    """The roster in `path`: `townships: [{code, name}, ...]` (or the bare list), codes unique."""
    from catalogtool.loader import load_file

    if not path.is_file():
        raise CatalogToolError(Message(f"找不到乡镇名单文件 {path}", f"township list {path} not found"))
    doc = load_file(path)
    if doc.data is None or doc.findings:
        raise CatalogToolError(Message(f"乡镇名单 {path} 不是有效的 YAML", f"township list {path} is not valid YAML"))
    entries = doc.data.get("townships") if isinstance(doc.data, dict) else doc.data
    if not isinstance(entries, list) or not entries:
        raise CatalogToolError(
            Message(f"乡镇名单 {path} 应为 townships: [{{code: \"441803100\", name: 太和镇}}, ...]",
            f"township list {path} should read townships: [{{code: \"441803100\", name: 太和镇}}, ...]"),
        )
    out: list[Township] = []
    seen: set[str] = set()
    for index, entry in enumerate(entries):
        pointer = f"/townships/{index}" if isinstance(doc.data, dict) else f"/{index}"
        line = doc.line_of(pointer)
        code = entry.get("code") if isinstance(entry, dict) else None
        name = entry.get("name") if isinstance(entry, dict) else None
        if not isinstance(code, str) or not TOWNSHIP_CODE.match(code) or not isinstance(name, str) or not name.strip():
            raise CatalogToolError(
                Message(f"{path}:{line}: 每个乡镇应写成 {{code: \"九位代码\", name: 名称}}，代码加引号",
                f"{path}:{line}: each township must be {{code: \"nine-digit code\", name: name}}, the code quoted"),
            )
        if code in seen:
            raise CatalogToolError(Message(f"{path}:{line}: 乡镇代码 {code} 重复", f"{path}:{line}: township code {code} repeats"))
        seen.add(code)
        out.append(Township(code, name.strip()))
    return out


def find_roster(roots: Iterable[Path]) -> Path | None:
    """A townships.yaml next to the inputs or in a folder above them, so --township needs no --townships."""
    for root in roots:
        folder = root.resolve() if root.is_dir() else root.resolve().parent
        for candidate in (folder, *folder.parents):
            path = candidate / TOWNSHIPS_FILE
            if path.is_file():
                return path
    return None


def resolve_township(value: str, roster: list[Township] | None, roster_path: Path | None,
                     roots: Iterable[Path]) -> Township:
    """The township `value` names (code or name), from the roster given or else the one found near `roots`.

    With no roster at all, a nine-digit code still names a township (FORMAT.md: the guide
    is asked for by code): it goes by its code (`Township.by_code`), and the caller says so.
    """
    if roster is None:
        roster_path = find_roster(roots)
        roster = read_townships(roster_path) if roster_path else []
    for entry in roster:
        if value in (entry.code, entry.name):
            return entry
    if roster_path is not None:
        raise CatalogToolError(
            Message(f"--township {value}：乡镇名单 {roster_path} 中没有这个乡镇（可以给出九位代码或名称）",
            f"--township {value}: no such township in the list {roster_path} (give its nine-digit code or name)"),
        )
    if not TOWNSHIP_CODE.match(value):
        raise CatalogToolError(
            Message(f"--township {value}：没有找到乡镇名单，无法按名称找到这个乡镇（用 --townships 指定名单文件，或给出九位乡镇代码）",
            f"--township {value}: no township list was found to look the name up in (give the list with --townships, "
            "or a nine-digit code)"),
        )
    return Township.by_code(value)


def region_prefix(code: str) -> str:
    """The significant digits of a region code: 441800 covers every code starting 4418."""
    prefix = code
    while prefix.endswith("00") and len(prefix) > 2:
        prefix = prefix[:-2]
    return prefix


def check_township(township: Township, sources: Iterable[Source]) -> None:
    """Refuse a township outside a document's region: its guide would list another county's items."""
    for source in sources:
        region = source.data.get("region")
        code = region.get("code") if isinstance(region, dict) else None
        if (isinstance(code, str) and len(code) == 6 and code.isdigit()
                and not township.code.startswith(region_prefix(code))):
            raise CatalogToolError(
                Message(f"乡镇 {township.name}（{township.code}）不在 {source.path} 的行政区划 {code} 内",
                f"township {township.name} ({township.code}) is not within region {code} of {source.path}"),
            )


def township_file_name(township: Township) -> str:
    """`441803100-太和镇.xlsx`: sorts by code, reads by name, safe on every file system."""
    safe = re.sub(r'[\\/:*?"<>|\x00-\x1f]', "_", township.name).strip() or "乡镇"
    return f"{township.code}-{safe}.xlsx"


# --------------------------------------------------------------------------- what a guide keeps


def apply_township(sources: list[Source], township: Township | None) -> list[Source]:
    """The documents as the township's guide shows them: what each kind keeps for townships (a
    catalog's `township: true` items), the rest whole, and no other township's own documents (plans)."""
    if township is None:
        return sources
    out = []
    for source in sources:
        region = source.data.get("region")
        code = region.get("code") if isinstance(region, dict) else None
        if isinstance(code, str) and TOWNSHIP_CODE.match(code) and code != township.code:
            continue  # another township's own document (its purchase plan): not in this township's guide
        kind = source.kind
        view = kind.township_view if kind is not None else None
        out.append(dataclasses.replace(source, data=view(source.data)) if view is not None else source)
    return out
