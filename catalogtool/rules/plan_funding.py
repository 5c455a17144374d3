"""A plan project funded from `其他` (another source) that does not say which in `funding_note`.

Why: the funding source is what the finance bureau checks the budget against
(县级财政, 乡镇财政, 上级转移支付 are known lines of the budget); "other" says nothing
until the note names the source (a donation, a fund, a village collective's money).

Good::

    funding: 其他
    funding_note: 市级福利彩票公益金

Bad::

    funding: 其他              # no funding_note
"""

from __future__ import annotations

from collections.abc import Iterator

from catalogtool.kinds import PURCHASE_PLAN
from catalogtool.kinds.purchase_plan import FUNDING_SOURCES
from catalogtool.problems import Finding, Level, Message
from catalogtool.rules.context import DocContext
from catalogtool.rules.plan_values import filled
from catalogtool.rules.spec import RuleSpec, Scope, documentation

DOC_ZH = """年度购买计划中资金来源写“其他”的项目，没有在 `funding_note` 中说明是什么资金。

原因：财政部门要按资金来源核对预算（县级财政、乡镇财政、上级转移支付都是预算中明确的来源）；
写“其他”而不说明，就等于没有写来源（例如社会捐赠、专项基金、村集体资金，要写清楚）。

正确示例：

    funding: 其他
    funding_note: 市级福利彩票公益金

错误示例：

    funding: 其他              # 没有写 funding_note
"""

ID = "plan-funding"
OTHER = FUNDING_SOURCES[-1]
MESSAGES = {
    "no-note": Message("资金来源为“其他”，须在 funding_note 中写明是什么资金（例如社会捐赠、专项基金）",
                       "the funding source is 其他 (other): name it in funding_note (a donation, a fund)"),
}


def check(ctx: DocContext) -> Iterator[Finding]:
    for project in ctx.items:
        if project.data.get("funding") == OTHER and not filled(project.data.get("funding_note")):
            yield Finding(ID, "no-note", f"{project.pointer}/funding")


RULE = RuleSpec(
    id=ID,
    level=Level.ERROR,
    scope=Scope.DOCUMENT,
    kinds=(PURCHASE_PLAN,),
    summary=Message("资金来源为“其他”却没有写 funding_note", "funding from another source without a funding_note"),
    source=Message("预算管理实践：预算资金要有明确的来源", "budget practice: every budget names where its money comes from"),
    doc=documentation(DOC_ZH, __doc__),
    messages=MESSAGES,
    check=check,
)
