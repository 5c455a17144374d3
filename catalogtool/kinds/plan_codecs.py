"""The codecs of a purchase plan's own values: a period of dates and performance indicators.

Kept apart from catalogtool.kinds.codecs (the values every kind shares) only for
size; the contract is the same: `decode(encode(v)) == v` for what a cell shows.
"""

from __future__ import annotations

from typing import Any

from catalogtool.kinds.codecs import LINE_SPLIT_RE, CellValueError, Codec, as_text, json_list
from catalogtool.lazy_pattern import compile_later
from catalogtool.problems import Message

PERIOD_JOIN = "至"
PERIOD_SPLIT_RE = compile_later(r"\s*(?:至|～|~|—+)\s*")
INDICATOR_PARTS = ("dimension", "name", "target", "unit")
INDICATOR_JOIN = "｜"
INDICATOR_SPLIT_RE = compile_later(r"[｜|]")


class Period(Codec):
    """A period of dates, start and end: 2025-03-01至2026-02-28."""

    name = "period"

    def encode(self, value: Any) -> Any:
        if not (isinstance(value, dict) and set(value) == {"start", "end"}):
            return None
        start, end = value["start"], value["end"]
        if not (isinstance(start, str) and isinstance(end, str) and start and end):
            return None
        return f"{start}{PERIOD_JOIN}{end}"

    def decode(self, cell: Any) -> dict[str, str]:
        text = as_text(cell)
        parts = PERIOD_SPLIT_RE.split(text.strip(), maxsplit=1)
        if len(parts) != 2 or not parts[0] or not parts[1]:
            raise CellValueError(
                Message(f"实施期限应写成“开始日期{PERIOD_JOIN}结束日期”，例如 2025-03-01{PERIOD_JOIN}2026-02-28，而不是“{text}”",
                        f"a period reads start{PERIOD_JOIN}end, e.g. 2025-03-01{PERIOD_JOIN}2026-02-28, not {text!r}"))
        return {"start": parts[0], "end": parts[1]}


class Indicators(Codec):
    """Performance indicators, one a line: 类别｜名称｜目标值｜计量单位 (the unit left out when there is none).

    产出数量｜服务老年人数｜60｜人 reads back as {dimension, name, target: "60", unit};
    the target stays text (≥95, 2025年12月底前), so the line decodes exactly.
    """

    name = "performance"

    def encode(self, value: Any) -> Any:
        if not isinstance(value, list) or not value:
            return None
        lines = []
        for entry in value:
            if not isinstance(entry, dict) or not set(entry) <= set(INDICATOR_PARTS):
                return None
            parts = [entry.get(key) for key in INDICATOR_PARTS if key in entry or key != "unit"]
            if not all(isinstance(part, (str, int, float)) and not isinstance(part, bool) for part in parts):
                return None
            lines.append(INDICATOR_JOIN.join(as_text(part) for part in parts))
        return "\n".join(lines)

    def decode(self, cell: Any) -> list[dict[str, str]]:
        text = as_text(cell)
        loaded = json_list(text, dict)
        if loaded is not None:
            return loaded
        out = []
        for line in LINE_SPLIT_RE.split(text):
            if not line.strip():
                continue
            parts = [part.strip() for part in INDICATOR_SPLIT_RE.split(line.strip())]
            if len(parts) not in (3, 4) or not all(parts[:3]):
                raise CellValueError(
                    Message(f"绩效指标“{line}”应写成 类别｜名称｜目标值｜计量单位，例如 产出数量｜服务老年人数｜60｜人（没有单位的省去最后一项）",
                            f"indicator {line!r} should read dimension｜name｜target｜unit, e.g. 产出数量｜服务老年人数｜60｜人 "
                            "(no unit: leave the last part out)"))
            indicator = dict(zip(INDICATOR_PARTS, parts, strict=False))
            if not indicator.get("unit", "x"):
                del indicator["unit"]
            out.append(indicator)
        return out


PERIOD = Period()
PERFORMANCE = Indicators()
