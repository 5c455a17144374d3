"""Level names as people read them, in each language."""

from __future__ import annotations

from catalogtool.problems import Level

LEVEL_NAMES = {
    "zh": {Level.ERROR: "错误", Level.WARNING: "警告", Level.INFO: "提示"},
    "en": {Level.ERROR: "error", Level.WARNING: "warning", Level.INFO: "info"},
}


def level_name(level: Level, lang: str) -> str:
    return LEVEL_NAMES["en" if lang == "en" else "zh"].get(level, level.value)


def summary_line(files: int, errors: int, warnings: int, infos: int, lang: str) -> str:
    if lang == "en":
        parts = [f"{errors} error{'s' if errors != 1 else ''}", f"{warnings} warning{'s' if warnings != 1 else ''}"]
        if infos:
            parts.append(f"{infos} info")
        return f"Checked {files} file{'s' if files != 1 else ''}: {', '.join(parts)}."
    parts = [f"{errors} 个错误", f"{warnings} 个警告"]
    if infos:
        parts.append(f"{infos} 条提示")
    return f"共检查 {files} 个文件：{'，'.join(parts)}。"
