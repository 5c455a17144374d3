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

from catalogtool.model import list_entries, text
from catalogtool.problems import Finding, Level, Message
from catalogtool.reference import reference
from catalogtool.rules.context import DocContext
from catalogtool.textnorm import normalize_name

ID = "excluded-task"
LEVEL = Level.ERROR
SCOPE = "document"
KINDS = ("access-list", "assistance-list")
SOURCE = "民政部 中央组织部 民发〔2015〕136号《关于进一步开展社区减负工作的通知》"
SUMMARY = Message("社区事项属于本清单负面清单或国家明令取消的事项", "a community item on the list's own or the national negative list")
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
    for _, entry in list_entries(ctx.data, "excluded"):
        name = entry.get("name")
        if isinstance(name, str) and normalize_name(name):
            own[normalize_name(name)] = (str(entry.get("code", "")), text(entry.get("reason")))
    for pointer, item in list_entries(ctx.data):
        name, content = text(item.get("name")), text(item.get("content"))
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
