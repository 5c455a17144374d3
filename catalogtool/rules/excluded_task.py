"""A community item that matches the list's own negative list (`excluded`) or the national one.

Why: 民发〔2015〕136号 cancels, as a rule, community targets for 招商引资、协税护税、
经济创收, and the community acting as the responsible party for 执法、拆迁拆违、
环境整治、城市管理.  The latter are fine where the committee only assists
(协助、配合、宣传、引导), so those words only count when the item's text does not
say so.  An item whose name is an entry of the document's own `excluded` list
contradicts the list itself.

Good::

    name: 协助开展环境整治宣传
    content: 配合街道做好环境卫生宣传引导

Bad::

    name: 社区招商引资任务
"""

from __future__ import annotations

from collections.abc import Iterator

from catalogtool.kinds import ACCESS_LIST, ASSISTANCE_LIST
from catalogtool.problems import Finding, Level, Message
from catalogtool.reference import reference
from catalogtool.rules.context import DocContext, text
from catalogtool.rules.spec import RuleSpec, Scope, documentation
from catalogtool.textnorm import normalize_name

DOC_ZH = """社区事项属于本清单的负面清单（`excluded`）或国家明令取消的事项。

原因：民发〔2015〕136号原则上取消了对社区的招商引资、协税护税、经济创收等指标，也取消了让社区作为
责任主体承担执法、拆迁拆违、环境整治、城市管理等工作。后几类工作如果社区只是协助（协助、配合、宣传、
引导）可以保留，所以只有事项文字没有这样写明时，这些词才算数。事项名称出现在本文档自己的负面清单里，
清单就自相矛盾了。

正确示例：

    name: 协助开展环境整治宣传
    content: 配合街道做好环境卫生宣传引导

错误示例：

    name: 社区招商引资任务
"""

ID = "excluded-task"
ASSISTING = ("协助", "配合", "宣传", "引导", "劝导", "报告", "上报", "反映")
MESSAGES = {
    "national": Message("事项“{name}”含“{word}”：民发〔2015〕136号已明确取消社区的此类任务", "item {name} mentions {word}: 民发〔2015〕136号 cancels such community tasks"),
    "responsible": Message("事项“{name}”含“{word}”且未写明社区仅为协助、配合：民发〔2015〕136号规定社区不作为此类事项的责任主体",
                    "item {name} mentions {word} without saying the community only assists: 民发〔2015〕136号 forbids the community being the responsible party"),
    "own": Message("事项“{name}”在本清单的负面清单中（{code}：{reason}）", "item {name} is on this list's own negative list ({code}: {reason})"),
}


def check(ctx: DocContext) -> Iterator[Finding]:
    negative = reference("excluded-community-tasks")
    always = [w for w in negative.get("items") or () if isinstance(w, str)]
    responsible = [w for w in negative.get("as_responsible_party") or () if isinstance(w, str)]
    # 拆迁拆违 also appears as 拆迁 or 拆违 alone.
    responsible_words = responsible + [w for w in ("拆迁", "拆违") if w not in responsible]
    own = {}
    items = ctx.items
    for entry in ctx.entries:
        name = entry.name
        if not ctx.is_item(entry) and isinstance(name, str) and normalize_name(name):  # the list's negative list
            own[normalize_name(name)] = (str(entry.data.get("code", "")), text(entry.data.get("reason")))
    for item in items:
        pointer = item.pointer
        name, content = text(item.name), text(item.data.get("content"))
        whole = name + "\n" + content
        key = normalize_name(name)
        if key and key in own:
            code, reason = own[key]
            yield Finding(ID, "own", f"{pointer}/name", {"name": name, "code": code, "reason": reason})
            continue
        word = next((w for w in always if w in whole), None)
        if word:
            yield Finding(ID, "national", f"{pointer}/name", {"name": name, "word": word})
            continue
        word = next((w for w in responsible_words if w in whole), None)
        if word and not any(a in whole for a in ASSISTING):
            yield Finding(ID, "responsible", f"{pointer}/name", {"name": name, "word": word})


RULE = RuleSpec(
    id=ID,
    level=Level.ERROR,
    scope=Scope.DOCUMENT,
    kinds=(ACCESS_LIST, ASSISTANCE_LIST,),
    summary=Message("社区事项属于本清单负面清单或国家明令取消的事项", "a community item on the list's own or the national negative list"),
    source=Message(
        "民政部 中央组织部 民发〔2015〕136号《关于进一步开展社区减负工作的通知》",
        "Ministry of Civil Affairs and Organization Department of the CPC Central Committee, 民发〔2015〕136号, "
        "Notice on further reducing the burden on communities"),
    doc=documentation(DOC_ZH, __doc__),
    messages=MESSAGES,
    check=check,
)
