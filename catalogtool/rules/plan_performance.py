"""A plan project without performance targets a year-end evaluation can hold it to: no `performance`
at all, no output indicator (产出数量, 产出质量, 产出时效), no effect or satisfaction indicator
(效益, 满意度), or an indicator without a target value.

Why: a purchase sits inside the budget's performance management (绩效目标管理): each
project states what it will produce and what good it will do before the money is
spent, so that the purchaser, the people served or a third party can evaluate it.
The grouping of indicators into output, effect and satisfaction follows common
practice for project performance targets; the output indicator asked for is 产出数量,
产出质量 or 产出时效 (a 成本 indicator may be given but does not stand in for one).  Indicators
whose dimension is not one of the six are the schema's to report.

Good::

    performance:
      - {dimension: 产出数量, name: 服务老年人数, target: "60", unit: 人}
      - {dimension: 满意度, name: 服务对象满意度, target: "≥90", unit: "%"}

Bad::

    performance:
      - {dimension: 产出数量, name: 服务老年人数, target: "60", unit: 人}     # no effect or satisfaction
    performance:
      - {dimension: 成本, name: 人均服务成本, target: "≤3600", unit: 元}     # no output indicator
      - {dimension: 满意度, name: 服务对象满意度, target: ""}                # no target
"""

from __future__ import annotations

from collections.abc import Iterator

from catalogtool.kinds import PURCHASE_PLAN
from catalogtool.kinds.purchase_plan import EFFECT_DIMENSIONS, OUTPUT_DIMENSIONS
from catalogtool.problems import Finding, Level, Message
from catalogtool.rules.context import DocContext
from catalogtool.rules.plan_values import filled
from catalogtool.rules.spec import RuleSpec, Scope, documentation

DOC_ZH = """年度购买计划中的项目没有可供年终评价对照的绩效目标：完全没有 `performance`，没有产出指标（产出数量、
产出质量、产出时效），没有效益或满意度指标，或者指标没有写目标值。

原因：政府购买服务纳入预算绩效管理（绩效目标管理）：每个项目在花钱之前写明要产出什么、取得什么效果，
购买主体、服务对象或第三方才能据此评价。指标分为产出、效益和满意度三类，
是项目绩效目标的通行做法；本规则要求的产出指标是产出数量、产出质量或产出时效，成本指标可以填写，但不能代替产出指标。指标类别不是这六种的，由 schema 规则报告。

正确示例：

    performance:
      - {dimension: 产出数量, name: 服务老年人数, target: "60", unit: 人}
      - {dimension: 满意度, name: 服务对象满意度, target: "≥90", unit: "%"}

错误示例：

    performance:
      - {dimension: 产出数量, name: 服务老年人数, target: "60", unit: 人}     # 没有效益或满意度指标
    performance:
      - {dimension: 成本, name: 人均服务成本, target: "≤3600", unit: 元}     # 没有产出指标
      - {dimension: 满意度, name: 服务对象满意度, target: ""}                # 没有目标值
"""

ID = "plan-performance"
MESSAGES = {
    "none": Message("项目“{name}”没有绩效目标（performance）；至少写一项产出指标和一项效益或满意度指标，并写明目标值",
                    "project {name} has no performance targets; give at least one output indicator and one effect or "
                    "satisfaction indicator, each with a target"),
    "no-output": Message("项目“{name}”的绩效目标没有产出指标（产出数量、产出质量或产出时效）",
                         "project {name} has no output indicator (产出数量, 产出质量 or 产出时效)"),
    "no-effect": Message("项目“{name}”的绩效目标没有效益或满意度指标", "project {name} has no effect or satisfaction indicator (效益 or 满意度)"),
    "no-target": Message("绩效指标“{indicator}”没有写目标值（target）", "the indicator {indicator} has no target"),
}


def check(ctx: DocContext) -> Iterator[Finding]:
    for project in ctx.items:
        name = project.name if isinstance(project.name, str) else ctx.written(f"{project.pointer}/code")
        indicators = project.data.get("performance")
        pointer = f"{project.pointer}/performance"
        if indicators is None or indicators == []:
            yield Finding(ID, "none", pointer if "performance" in project.data else project.pointer,
                          {"name": name}, at="key")
            continue
        if not isinstance(indicators, list):
            continue  # the schema's to report
        dimensions: set[str] = set()
        for index, indicator in enumerate(indicators):
            if not isinstance(indicator, dict):
                continue
            dimension = indicator.get("dimension")
            if isinstance(dimension, str):
                dimensions.add(dimension)
            if not filled(indicator.get("target")):
                label = indicator.get("name")
                shown = label if isinstance(label, str) and label.strip() else f"第 {index + 1} 项"
                yield Finding(ID, "no-target", f"{pointer}/{index}", {"indicator": shown})
        if not dimensions & set(OUTPUT_DIMENSIONS):
            yield Finding(ID, "no-output", pointer, {"name": name}, at="key")
        if not dimensions & set(EFFECT_DIMENSIONS):
            yield Finding(ID, "no-effect", pointer, {"name": name}, at="key")


RULE = RuleSpec(
    id=ID,
    level=Level.ERROR,
    scope=Scope.DOCUMENT,
    kinds=(PURCHASE_PLAN,),
    summary=Message("项目缺少绩效目标：至少一项产出指标和一项效益或满意度指标，且写明目标值",
                    "a project without at least one output and one effect or satisfaction indicator with a target"),
    source=Message(
        "预算绩效管理（绩效目标管理）：项目绩效目标包括产出、效益和满意度指标",
        "budget performance management (performance targets): a project's targets cover output, effect and "
        "satisfaction"),
    doc=documentation(DOC_ZH, __doc__),
    messages=MESSAGES,
    check=check,
)
