"""A community item that asks committees to issue a certificate from the national list of 20
they should not issue (亲属关系证明, 无犯罪记录证明, 健在证明 ...).

Why: 民发〔2020〕20号 lists certificates village and residents' committees should not
issue; an access or assistance item that pushes them back onto committees undoes
that reform.  Matched on the item's name and content, so a warning.

Good::

    name: 协助开展社会救助对象排查

Bad::

    name: 出具居民健在证明
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from catalogtool.kinds import ACCESS_LIST, ASSISTANCE_LIST
from catalogtool.problems import Finding, Level, Message
from catalogtool.reference import reference
from catalogtool.rules.context import DocContext, text
from catalogtool.rules.spec import RuleSpec, Scope, documentation

DOC_ZH = """社区事项要求村（居）委会出具国家明确不应由其出具的 20 类证明之一（亲属关系证明、无犯罪记录证明、
健在证明……）。

原因：民发〔2020〕20号列出了村（居）民委员会不应出具的证明；准入或协助事项又把这些证明压回给村（居）委会，
就违背了这项改革。本规则根据事项名称和内容判断，所以是警告。

正确示例：

    name: 协助开展社会救助对象排查

错误示例：

    name: 出具居民健在证明
"""

ID = "non-issuable-certificate"
MESSAGES = {
    "certificate": Message("事项“{name}”涉及出具“{certificate}”：民发〔2020〕20号明确村（居）民委员会不应出具此类证明",
                    "item {name} involves issuing {certificate}, which 民发〔2020〕20号 says committees should not issue"),
}


def check(ctx: DocContext) -> Iterator[Finding]:
    names = [re.sub(r"（.*?）", "", c) for c in reference("non-issuable-certificates").get("items") or () if isinstance(c, str)]
    for item in ctx.items:
        pointer = item.pointer
        whole = text(item.name) + "\n" + text(item.data.get("content"))
        hit = next((c for c in names if c and c in whole), None)
        if hit:
            yield Finding(ID, "certificate", f"{pointer}/name", {"name": ctx.written(f"{pointer}/name"), "certificate": hit})


RULE = RuleSpec(
    id=ID,
    level=Level.WARNING,
    scope=Scope.DOCUMENT,
    kinds=(ACCESS_LIST, ASSISTANCE_LIST,),
    summary=Message("社区事项要求出具国家明确不应由村（居）委会出具的证明", "a community item asks committees to issue a certificate they should not issue"),
    source=Message(
        "民政部 司法部 民发〔2020〕20号《关于改进和规范基层群众性自治组织出具证明工作的指导意见》附件",
        "Ministry of Civil Affairs and Ministry of Justice, 民发〔2020〕20号, Guiding opinions on improving and "
        "regulating the certificates issued by grassroots self-governing organizations, annex"),
    doc=documentation(DOC_ZH, __doc__),
    messages=MESSAGES,
    check=check,
)
