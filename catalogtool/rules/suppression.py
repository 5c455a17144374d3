"""An inline suppression comment (`# catalogtool: disable=RULE 理由`) that is wrong or not needed:
no reason given, a rule that does not exist or may not be suppressed, a comment that
looks like a suppression but is not one, or a suppression that hides nothing.

Why: a suppression is a decision that somebody else will read in a year.  Without
its reason nobody can tell an accepted exception from a problem swept under the
carpet; a misspelt rule id hides nothing while looking as if it did; and a
suppression left behind after the problem was fixed would silently hide the next
problem of that rule on the same item.

Good::

    - code: A0101   # catalogtool: disable=prohibited-purchase 经区财政局2024年会议确认属服务事项

Bad::

    - code: A0101   # catalogtool: disable=prohibited-purchase
    - code: A0102   # catalogtool: disable=prohibitted-purchase 已确认
"""

from __future__ import annotations

from collections.abc import Iterator

from catalogtool.problems import Finding, Level, Message
from catalogtool.rules.context import DocContext
from catalogtool.rules.spec import RuleSpec, Scope, documentation

DOC_ZH = """行内忽略注释（`# catalogtool: disable=规则编号 理由`）本身有问题：没有写理由，规则编号不存在或
该规则不允许忽略，注释看似忽略注释但写法不对，或者这条注释没有忽略任何问题。

原因：忽略一个问题是一项决定，一年后会有别人来看。不写理由，就分不清是经过确认的例外还是被掩盖的问题；
规则编号写错，看起来忽略了问题，实际上什么也没忽略；问题改正后留下的忽略注释，会悄悄掩盖同一事项上
这条规则以后发现的新问题。

正确示例：

    - code: A0101   # catalogtool: disable=prohibited-purchase 经区财政局2024年会议确认属服务事项

错误示例：

    - code: A0101   # catalogtool: disable=prohibited-purchase
    - code: A0102   # catalogtool: disable=prohibitted-purchase 已确认
"""

ID = "suppression"
MESSAGES = {
    "no-reason": Message("忽略注释没有写理由；请在规则编号后空一格写明为什么忽略，例如“# catalogtool: disable={rules} 经某某会议确认”",
                         "the suppression gives no reason; write why after the rule id, e.g. "
                         "`# catalogtool: disable={rules} confirmed at the meeting of ...`"),
    "unknown-rule": Message("忽略注释中的规则 {rule} 不存在{hint}", "the suppression names rule {rule}, which does not exist{hint_en}"),
    "not-suppressible": Message("规则 {rule} 不能用注释忽略——文件没有被完整读取时，检查不能算通过",
                                "rule {rule} cannot be suppressed: a file that was not read whole cannot pass"),
    "malformed": Message("这条注释像是忽略注释，但写法不对；应写作“# catalogtool: disable=规则编号[,规则编号] 理由”",
                         "this comment looks like a suppression but is not one; write "
                         "`# catalogtool: disable=RULE[,RULE] reason`"),
    "unused": Message("忽略注释没有忽略任何问题（{rules}）：问题可能已经改正，请删除这条注释",
                      "the suppression hides no problem ({rules}): the problem was probably fixed; remove the comment"),
}

# Every registered rule, filled in by catalogtool.rules once all are registered: a rule module
# cannot import the registry that imports it.
REGISTRY: dict[str, RuleSpec] = {}
# Problems no comment may hide: this rule's own, and a failure inside catalogtool.
NEVER = frozenset({ID, "internal-error"})


def suppressible(rule: RuleSpec | None) -> bool:
    """Whether a comment may hide the problems of `rule` (None: no such rule)."""
    return rule is not None and rule.id not in NEVER and not rule.fixed_level


def check(ctx: DocContext) -> Iterator[Finding]:
    """What is wrong with the document's suppression comments; which ones go unused is known only
    after the run (catalogtool.suppressions reports those)."""
    for d in ctx.doc.suppressions:
        if d.malformed:
            yield Finding(ID, "malformed", line=d.line, column=d.column)
            continue
        for rule in d.rules:
            spec = REGISTRY.get(rule)
            if spec is not None and spec.fixed_level:
                yield Finding(ID, "not-suppressible", args={"rule": rule}, line=d.line, column=d.column)
            elif not suppressible(spec):
                import difflib  # only when something is misspelt: not at start-up
                close = difflib.get_close_matches(rule, [r for r, s in REGISTRY.items() if suppressible(s)], n=1)
                yield Finding(ID, "unknown-rule", args={
                    "rule": rule, "hint": f"；是否想写 {close[0]}？" if close else "；用 catalogtool rules 查看全部规则",
                    "hint_en": f"; did you mean {close[0]}?" if close else "; run `catalogtool rules` to list them"},
                    line=d.line, column=d.column)
        if not d.reason:
            yield Finding(ID, "no-reason", args={"rules": ",".join(d.rules)}, line=d.line, column=d.column)


RULE = RuleSpec(
    id=ID,
    level=Level.ERROR,
    scope=Scope.DOCUMENT,
    summary=Message("行内忽略注释缺少理由、写错或没有用到", "an inline suppression without reason, wrong, or unused"),
    source=Message(
        "catalogtool：忽略某条检查是需要说明理由、留档备查的决定",
        "catalogtool: suppressing a check is a decision that must state its reason, on record"),
    doc=documentation(DOC_ZH, __doc__),
    messages=MESSAGES,
    check=check,
)
