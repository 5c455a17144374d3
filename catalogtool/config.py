"""The repository configuration `catalogtool.yaml`: rule levels and options, code scheme, limits.

A bad configuration is a CatalogToolError (exit 2) that names file:line:column,
because running with a half-understood configuration would report the wrong things.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from catalogtool.discovery import CONFIG_NAME
from catalogtool.errors import CatalogToolError
from catalogtool.loader import DEFAULT_LIMITS, LoadLimits, load_file
from catalogtool.problems import Level

DEFAULT_SIMILARITY = 0.8


@dataclass(frozen=True, slots=True)
class CodeScheme:
    """How purchase-catalog codes are built: one pattern per level, joined by `separator`."""

    segments: tuple[str, ...] = ("[A-Z]", "[0-9]{2}", "[0-9]{2}", "[0-9]{2}")
    separator: str = ""
    item_depths: tuple[int, ...] = (3, 4)

    def segment_re(self, depth: int) -> re.Pattern[str] | None:
        if 1 <= depth <= len(self.segments):
            return re.compile(f"(?:{self.segments[depth - 1]})")
        return None

    @property
    def max_depth(self) -> int:
        return max(self.item_depths) if self.item_depths else len(self.segments)


@dataclass(frozen=True, slots=True)
class Config:
    """Everything a run needs to know from configuration; picklable for worker processes."""

    levels: dict[str, Level] = field(default_factory=dict)
    options: dict[str, dict[str, Any]] = field(default_factory=dict)
    code_scheme: CodeScheme = CodeScheme()
    similarity: float = DEFAULT_SIMILARITY
    limits: LoadLimits = DEFAULT_LIMITS
    exclude: tuple[str, ...] = ()
    lang: str | None = None
    path: str | None = None

    def rule_options(self, rule_id: str) -> dict[str, Any]:
        return self.options.get(rule_id, {})


def find_config(paths: list[Path]) -> Path | None:
    """The nearest catalogtool.yaml at or above the first given path."""
    for given in paths:
        start = given.resolve()
        folder = start if start.is_dir() else start.parent
        for candidate in (folder, *folder.parents):
            path = candidate / CONFIG_NAME
            if path.is_file():
                return path
        break
    return None


def load_config(path: Path | None) -> Config:
    """Read and validate a configuration file; no file means the defaults."""
    if path is None:
        return Config()
    if path.is_dir():
        raise CatalogToolError(f"{path} 是目录；--config 应指向配置文件，例如 {path / CONFIG_NAME}",
                               f"{path} is a directory; --config names the file, e.g. {path / CONFIG_NAME}")
    if not path.is_file():
        raise CatalogToolError(f"找不到配置文件 {path}", f"configuration file {path} not found")
    doc = load_file(path)
    if doc.findings:
        finding = doc.findings[0]
        from catalogtool.engine import render_message

        message = render_message(finding)
        line, column = (finding.line, finding.column) if finding.line else doc.position(finding.pointer)
        raise CatalogToolError(
            f"配置文件 {path}:{line}:{column} 有误：{message.zh}",
            f"configuration {path}:{line}:{column} is invalid: {message.en}",
        )
    data = doc.data
    if data is None:
        return Config(path=str(path))
    _unbool_levels(doc)
    _check_schema(path, doc)
    return _build(path, data)


_LEVEL_POINTER = re.compile(r"^/rules/[^/]+(?:/level)?$")


def _unbool_levels(doc: Any) -> None:
    """`duplicate-name: off` is YAML 1.1's boolean false; in a level position it means the word."""
    for pointer, implicit in doc.implicit.items():
        if implicit.tag == "bool" and _LEVEL_POINTER.match(pointer):
            parts = pointer.split("/")
            target = doc.data["rules"]
            if len(parts) == 4:
                target = target[parts[2]]
            target[parts[-1]] = implicit.source.lower()


def _check_schema(path: Path, doc: Any) -> None:
    from catalogtool.schemas import schema_errors

    errors = sorted(schema_errors("config", doc.data), key=lambda e: [str(t) for t in e.absolute_path])
    if not errors:
        return
    from catalogtool.rules.schema import describe_error

    error = errors[0]
    finding = describe_error(error, "config", doc.data)[0]
    line, column = doc.position(finding.pointer, finding.at)
    from catalogtool.engine import render_message

    message = render_message(finding)
    raise CatalogToolError(
        f"配置文件 {path}:{line}:{column} 有误：{message.zh}",
        f"configuration {path}:{line}:{column} is invalid: {message.en}",
    )


def _build(path: Path, data: dict[str, Any]) -> Config:
    from catalogtool.rules import RULES

    levels: dict[str, Level] = {}
    options: dict[str, dict[str, Any]] = {}
    for rule_id, setting in (data.get("rules") or {}).items():
        if rule_id not in RULES:
            close = difflib.get_close_matches(rule_id, list(RULES), n=1)
            hint_zh = f"；是否想写 {close[0]}？" if close else "；用 catalogtool rules 查看全部规则"
            hint_en = f"; did you mean {close[0]}?" if close else "; run `catalogtool rules` to list them"
            raise CatalogToolError(f"配置文件 {path} 中的规则 {rule_id} 不存在{hint_zh}",
                                   f"configuration {path} names an unknown rule {rule_id}{hint_en}")
        if isinstance(setting, str):
            levels[rule_id] = Level(setting)
        elif isinstance(setting, dict):
            opts = dict(setting)
            level = opts.pop("level", None)
            if level is not None:
                levels[rule_id] = Level(level)
            options[rule_id] = opts
        if getattr(RULES[rule_id], "FIXED_LEVEL", False) and levels.get(rule_id, Level.ERROR) is not Level.ERROR:
            raise CatalogToolError(
                f"配置文件 {path}：规则 {rule_id} 的级别不能调低——文件没有被完整读取时，检查不能算通过",
                f"configuration {path}: the level of {rule_id} cannot be lowered: a file that was not read whole cannot pass")
    scheme_data = data.get("code_scheme") or {}
    default = CodeScheme()
    scheme = CodeScheme(
        segments=tuple(scheme_data.get("segments", default.segments)),
        separator=scheme_data.get("separator", default.separator),
        item_depths=tuple(scheme_data.get("item_depths", default.item_depths)),
    )
    for pattern in scheme.segments:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise CatalogToolError(f"配置文件 {path} 的 code_scheme.segments 中的正则表达式 {pattern} 有误：{exc}",
                                   f"configuration {path}: bad regular expression {pattern} in code_scheme.segments: {exc}") from None
    limits_data = data.get("limits") or {}
    limits = LoadLimits(
        max_file_bytes=limits_data.get("max_file_bytes", DEFAULT_LIMITS.max_file_bytes),
        max_depth=limits_data.get("max_depth", DEFAULT_LIMITS.max_depth),
        max_nodes=limits_data.get("max_nodes", DEFAULT_LIMITS.max_nodes),
    )
    return Config(
        levels=levels,
        options=options,
        code_scheme=scheme,
        similarity=float((data.get("diff") or {}).get("similarity", DEFAULT_SIMILARITY)),
        limits=limits,
        exclude=tuple(data.get("exclude") or ()),
        lang=data.get("lang"),
        path=str(path),
    )
