"""Reading and checking `catalogtool.yaml`, and finding the one that governs each file.

Configuration is hierarchical, as in ruff and yamllint: the nearest
catalogtool.yaml at or above a file's folder governs that file, whole (settings
are not merged with a configuration further up), and its `exclude` patterns are
relative to its own folder.  `--config FILE` makes one configuration govern
every file of the run.

A bad configuration is a CatalogToolError (exit 2) that names file:line:column,
because running with a half-understood configuration would report the wrong things.
An empty configuration (or one with only comments) is all defaults.  Rule options
are checked against what each rule's spec declares.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from catalogtool.config import (
    DEFAULT_LIMITS,
    DEFAULT_SIMILARITY,
    CodeScheme,
    Config,
    LoadLimits,
    Override,
    SiteSettings,
)
from catalogtool.discovery import CONFIG_NAME
from catalogtool.document import Document, join_pointer, unescape_token
from catalogtool.errors import CatalogToolError
from catalogtool.lazy_pattern import compile_later
from catalogtool.loader import load_file
from catalogtool.placement import position, render_message
from catalogtool.problems import Level, Message
from catalogtool.rules import RULES
from catalogtool.rules.options import describe_value, with_defaults
from catalogtool.rules.schema import describe_error
from catalogtool.rules.unknown_kind import RULE as UNKNOWN_KIND


class Configs:
    """The configuration of every file of a run: the nearest catalogtool.yaml above it, or
    one forced for all (--config).  Each configuration file is read once per run, when the
    first file it governs is met, so a bad one stops the run before anything is checked."""

    def __init__(self, forced: Config | None = None) -> None:
        self.forced = forced
        self._by_folder: dict[str, Config] = {}
        self._by_file: dict[str, Config] = {}

    @classmethod
    def for_run(cls, option: str | Path | None) -> Configs:
        """The configurations of a command: the file given with --config, else the hierarchy."""
        return cls(load_config(Path(option))) if option else cls()

    def of(self, path: Path) -> Config:
        """The configuration governing `path`: a file (or a file yet to be written), or a folder's own files."""
        absolute = os.path.abspath(path)  # abspath, not resolve: a symbolic link is governed where it is
        if os.path.isdir(absolute):
            return self.forced or self._folder(absolute)
        config = self.forced or self._folder(os.path.dirname(absolute))
        return config.for_file(Path(absolute)) if config.overrides else config

    def local(self, path: Path) -> bool:
        """Whether the configuration governing `path` excludes it (the discovery.Excluder protocol)."""
        return self.of(path).excludes(path)

    def _folder(self, folder: str) -> Config:
        walked: list[str] = []
        config: Config | None = None
        while config is None:
            config = self._by_folder.get(folder)
            if config is not None:
                break
            walked.append(folder)
            candidate = os.path.join(folder, CONFIG_NAME)
            if os.path.isfile(candidate):
                config = self._by_file.get(candidate) or load_config(Path(candidate))
                self._by_file[candidate] = config
            else:
                parent = os.path.dirname(folder)
                if parent == folder:
                    config = Config()
                folder = parent
        for name in walked:
            self._by_folder[name] = config
        return config


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
    """Read and validate a configuration file; no file, an empty file or only comments mean the defaults."""
    if path is None:
        return Config()
    if path.is_dir():
        raise CatalogToolError(Message(f"{path} 是目录；--config 应指向配置文件，例如 {path / CONFIG_NAME}",
                               f"{path} is a directory; --config names the file, e.g. {path / CONFIG_NAME}"))
    if not path.exists():
        raise CatalogToolError(Message(f"找不到配置文件 {path}", f"configuration file {path} not found"))
    doc = load_file(path)
    # The loader's `unknown-kind` finding (an empty file) is about documents; a configuration needs no kind.
    findings = [f for f in doc.findings if f.rule != UNKNOWN_KIND.id]
    if findings:
        finding = findings[0]
        message = render_message(finding)
        raise _error(path, *position(finding, doc), message)
    if doc.data is None:
        return Config(path=str(path))
    _unbool_levels(doc)
    _check_schema(path, doc)
    return _build(path, doc)


def _error(path: Path, line: int, column: int, what: Message) -> CatalogToolError:
    return CatalogToolError(Message(f"配置文件 {path}:{line}:{column} 有误：{what.zh}",
                                    f"configuration {path}:{line}:{column} is invalid: {what.en}"))


_LEVEL_POINTER = compile_later(r"^(?:/overrides/[0-9]+)?/rules/[^/]+(?:/level)?$")


def _unbool_levels(doc: Document) -> None:
    """`duplicate-name: off` is YAML 1.1's boolean false; in a level position it means the word."""
    for pointer, implicit in doc.implicit.items():
        if implicit.tag == "bool" and _LEVEL_POINTER.match(pointer):
            parent = doc.value_at(pointer[:pointer.rfind("/")])
            if isinstance(parent, dict):
                parent[unescape_token(pointer[pointer.rfind("/") + 1:])] = implicit.source.lower()


def _check_schema(path: Path, doc: Document) -> None:
    from catalogtool.schemas import schema_errors

    errors = sorted(schema_errors("config", doc.data), key=lambda e: [str(t) for t in e.absolute_path])
    if not errors:
        return
    finding = describe_error(errors[0], "config", doc.data)[0]
    message = render_message(finding)
    raise _error(path, *position(finding, doc), message)


def _build(path: Path, doc: Document) -> Config:
    data: dict[str, Any] = doc.data
    levels, options = _rules(path, doc)
    scheme_data = data.get("code_scheme") or {}
    default = CodeScheme()
    scheme = CodeScheme(
        segments=tuple(scheme_data.get("segments", default.segments)),
        separator=scheme_data.get("separator", default.separator),
        item_depths=tuple(scheme_data.get("item_depths", default.item_depths)),
    )
    for index, pattern in enumerate(scheme.segments):
        try:
            re.compile(pattern)
        except (re.error, OverflowError, RecursionError) as exc:  # `a{99999999999}` overflows, not re.error
            line, column = doc.position(f"/code_scheme/segments/{index}")
            raise _error(path, line, column, Message(f"code_scheme.segments 中的正则表达式 {pattern} 有误：{exc}",
                                                     f"bad regular expression {pattern} in code_scheme.segments: {exc}")) from None
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
        site=_site(path, doc),
        overrides=_overrides(path, doc),
    )


def _site(path: Path, doc: Document) -> SiteSettings:
    """The `site:` section, its paths made absolute and checked: a logo or template folder that is
    not there is an error at its line, not a site that silently looks different."""
    data: dict[str, Any] = doc.data.get("site") or {}
    found: dict[str, str] = {}
    for key, want_dir in (("logo", False), ("templates", True)):
        value = data.get(key)
        if value is None:
            continue
        target = (path.parent / value).resolve()
        if not (target.is_dir() if want_dir else target.is_file()):
            what = Message("目录", "folder") if want_dir else Message("文件", "file")
            raise _error(path, *doc.position(f"/site/{key}"),
                         Message(f"site.{key} 指向的{what.zh} {value} 不存在（路径相对于配置文件所在目录）",
                                 f"site.{key}: no such {what.en} {value} (paths are relative to the configuration's folder)"))
        found[key] = str(target)
    return SiteSettings(title=data.get("title"), logo=found.get("logo"), primary_color=data.get("primary_color"),
                        footer=data.get("footer"), templates=found.get("templates"))


def _overrides(path: Path, doc: Document) -> tuple[Override, ...]:
    """The `overrides:` entries, each rule id checked as under `rules:` (the schema checked the shape)."""
    found = []
    for index, entry in enumerate(doc.data.get("overrides") or ()):
        levels: dict[str, Level] = {}
        for rule_id, level in entry["rules"].items():
            pointer = join_pointer(f"/overrides/{index}/rules", rule_id)
            if rule_id not in RULES:
                raise _error(path, *doc.position(pointer, "key"), _no_rule(rule_id))
            if RULES[rule_id].fixed_level and level != Level.ERROR.value:
                raise _error(path, *doc.position(pointer, "key"), _fixed(rule_id))
            levels[rule_id] = Level(level)
        found.append(Override(tuple(entry["paths"]), levels))
    return tuple(found)


def _no_rule(rule_id: str) -> Message:
    import difflib  # only for a configuration that names an unknown rule

    close = difflib.get_close_matches(rule_id, list(RULES), n=1)
    hint_zh = f"；是否想写 {close[0]}？" if close else "；用 catalogtool rules 查看全部规则"
    hint_en = f"; did you mean {close[0]}?" if close else "; run `catalogtool rules` to list them"
    return Message(f"没有规则 {rule_id}{hint_zh}", f"there is no rule {rule_id}{hint_en}")


def _fixed(rule_id: str) -> Message:
    return Message(f"规则 {rule_id} 的级别不能调低——文件没有被完整读取时，检查不能算通过",
                   f"the level of {rule_id} cannot be lowered: a file that was not read whole cannot pass")


def _rules(path: Path, doc: Document) -> tuple[dict[str, Level], dict[str, dict[str, Any]]]:
    """Levels and options by rule, each option checked against what the rule declares."""
    levels: dict[str, Level] = {}
    options: dict[str, dict[str, Any]] = {}
    for rule_id, setting in (doc.data.get("rules") or {}).items():
        rule_pointer = join_pointer("/rules", rule_id)
        if rule_id not in RULES:
            raise _error(path, *doc.position(rule_pointer, "key"), _no_rule(rule_id))
        rule = RULES[rule_id]
        if isinstance(setting, str):
            levels[rule_id] = Level(setting)
        elif isinstance(setting, dict):
            opts = dict(setting)
            level = opts.pop("level", None)
            if level is not None:
                levels[rule_id] = Level(level)
            known = {option.name: option for option in rule.options}
            checked: dict[str, Any] = {}
            for name, value in opts.items():
                pointer = join_pointer(rule_pointer, name)
                option = known.get(name)
                if option is None:
                    raise _error(path, *doc.position(pointer, "key"), _unknown_option(rule_id, str(name), list(known)))
                if value is None:  # `ignore_words:` with every entry commented out: not set
                    continue
                wrong = option.type.mismatch(value)
                if wrong is not None:
                    found = describe_value(wrong.value)
                    written = doc.implicit.get(pointer + wrong.pointer)
                    if written is not None and wrong.expected.python is str:  # `0101` read as 65
                        found = Message(f"{found.zh}（写作 {written.source}；作为文字须加引号：\"{written.source}\"）",
                                        f"{found.en} (written {written.source}; quote it as text: \"{written.source}\")")
                    part = (Message("中的键", "a key in ") if wrong.at == "key" else Message("中的值", "a value in ")
                            if wrong.pointer else Message("", ""))
                    raise _error(path, *doc.position(pointer + wrong.pointer, wrong.at), Message(
                        f"规则 {rule_id} 的选项 {name} {part.zh}应为{wrong.expected.name.zh}，而这里是{found.zh}",
                        f"{part.en}option {name} of rule {rule_id} must be {wrong.expected.name.en}, not {found.en}"))
                checked[name] = value
            options[rule_id] = checked
            wrong_together = rule.check_options(with_defaults(rule.options, checked)) if rule.check_options else None
            if wrong_together is not None:
                name, message = wrong_together
                raise _error(path, *doc.position(join_pointer(rule_pointer, name), "key"), message)
        if rule.fixed_level and levels.get(rule_id, Level.ERROR) is not Level.ERROR:
            raise _error(path, *doc.position(rule_pointer, "key"), _fixed(rule_id))
    return levels, options


def _unknown_option(rule_id: str, name: str, known: list[str]) -> Message:
    if not known:
        return Message(f"规则 {rule_id} 没有选项 {name}，只能设置级别 level",
                       f"rule {rule_id} has no option {name}; only its level can be set")
    import difflib

    close = difflib.get_close_matches(name, [*known, "level"], n=1, cutoff=0.6)
    listed = "、".join(known)
    hint_zh = f"；是否想写 {close[0]}？" if close else f"；可用的选项：{listed}（及 level）"
    hint_en = f"; did you mean {close[0]}?" if close else f"; its options: {', '.join(known)} (and level)"
    return Message(f"规则 {rule_id} 没有选项 {name}{hint_zh}", f"rule {rule_id} has no option {name}{hint_en}")
