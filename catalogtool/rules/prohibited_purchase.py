"""A catalog item (or a plan's project) that looks like something that must not be bought as a service: goods,
works (or works bundled with services), financing, the purchaser's own staffing
(hiring, labour dispatch, public-welfare posts) or duties government must perform
itself (licensing, penalties, enforcement).

Why: 财政部令第102号《政府购买服务管理办法》第十条 forbids these; 财预〔2017〕87号 adds
that goods and building works are not services.  This is a heuristic on the
item's name and content (the signal words in reference/prohibited-purchases.yaml),
so it is a warning.  Options: `ignore_words` (words not to flag in this
repository) and `extra_words` (a mapping category -> words).

Good::

    name: 公共文化设施运营管理服务

Bad::

    name: 村级文化室装修
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from catalogtool.kinds import CATALOG, PURCHASE_PLAN
from catalogtool.lazy_pattern import compile_later
from catalogtool.problems import Finding, Level, Message
from catalogtool.reference import reference
from catalogtool.rules.context import DocContext
from catalogtool.rules.options import TEXT_LIST, TEXT_LIST_MAP, RuleOption
from catalogtool.rules.spec import RuleSpec, Scope, documentation

DOC_ZH = """目录事项（或年度计划的项目）看起来属于不得作为服务购买的内容：货物、工程（或工程与服务打包）、融资、购买主体自身的用人
（招聘、劳务派遣、公益性岗位），或应当由政府直接履行的职责（许可、处罚、执法）。

原因：《政府购买服务管理办法》（财政部令第102号）第十条禁止购买这些内容；财预〔2017〕87号进一步明确，
货物和建设工程不是服务。本规则根据事项名称和内容中的提示词判断（提示词见 catalogtool 自带的
reference/prohibited-purchases.yaml），所以是警告。选项：`ignore_words`（本仓库中不提示的词）和
`extra_words`（类别到提示词的映射）。

正确示例：

    name: 公共文化设施运营管理服务

错误示例：

    name: 村级文化室装修
"""

ID = "prohibited-purchase"
_CATEGORY = {
    "goods": Message("货物", "goods"),
    "works": Message("工程或工程与服务打包", "works, or works bundled with services"),
    "financing": Message("融资行为", "financing"),
    "staffing": Message("购买主体的人员招聘、劳务派遣或公益性岗位", "the purchaser's own hiring, labour dispatch or public-welfare posts"),
    "direct_duties": Message("应当由政府直接履职的事项", "a duty government must perform directly"),
}
MESSAGES = {
    "signal": Message("事项“{name}”的{where}含有“{word}”，疑似{category_zh}，按财政部令第102号第十条不得作为政府购买服务内容；如确属服务，请在配置中忽略该词（rules.prohibited-purchase.ignore_words）",
               "item {name}: its {where_en} contains {word}, which suggests {category_en}; 财政部令第102号 Art. 10 forbids buying this as a service (ignore the word with rules.prohibited-purchase.ignore_words if it is a service)"),
}


# Words beyond the shipped reference list: FORMAT.md names works among the forbidden, and
# catalogs write them as 工程施工 or 工程建设 as often as 新建 or 改建.
ADDITIONAL_SIGNALS = {"works": ["工程施工", "施工建设", "工程建设"]}


def check(ctx: DocContext) -> Iterator[Finding]:
    signals: dict[str, list[str]] = {k: list(v) for k, v in (reference("prohibited-purchases").get("signals") or {}).items()}
    for category, words in ADDITIONAL_SIGNALS.items():
        signals.setdefault(category, []).extend(w for w in words if w not in signals.get(category, []))
    for category, words in (ctx.options.get("extra_words") or {}).items():
        signals.setdefault(category, []).extend(words)
    ignore = set(ctx.options.get("ignore_words") or ())
    # Most texts hold no signal word at all: one search for any of them rules a text out
    # (masking false friends only removes text, so it cannot make a word appear).
    anywhere = _any_word(tuple(w for words in signals.values() for w in words))
    for item in ctx.items:
        for field, where in (("name", Message("名称", "name")), ("content", Message("服务内容", "content"))):
            value = item.data.get(field)
            if not isinstance(value, str):
                continue
            if anywhere is not None and anywhere.search(value) is None:
                continue
            hit = _first_signal(value, signals, ignore)
            if hit is not None:
                category, word = hit
                label = _CATEGORY.get(category, Message(category, category))
                yield Finding(ID, "signal", f"{item.pointer}/{field}", {
                    "name": ctx.written(f"{item.pointer}/name"), "where": where.zh, "where_en": where.en, "word": word,
                    "category_zh": label.zh, "category_en": label.en})
                break


# Chinese has no spaces, so a signal word can straddle two words: 整改|建议 holds 改建 and
# 重新|建立 holds 新建.  These words are masked before matching; none of them is works.
FALSE_FRIENDS = compile_later("建议|建立|建档")


@functools.lru_cache(maxsize=8)
def _any_word(words: tuple[str, ...]) -> re.Pattern[str] | None:
    """A pattern that finds any of the words, or None where it would not be exact.

    Masking replaces a false friend with `··`: a word holding `·` could match across the
    mask, and an empty word is in every text, so with either the rule reads every text.
    """
    if not words or any(not w or "·" in w for w in words):
        return None
    return re.compile("|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True)))


def _first_signal(text: str, signals: dict[str, list[str]], ignore: set[str]) -> tuple[str, str] | None:
    text = FALSE_FRIENDS.sub("··", text)
    for category, words in signals.items():
        for word in words:
            if word in text and word not in ignore:
                return category, word
    return None


RULE = RuleSpec(
    id=ID,
    level=Level.WARNING,
    scope=Scope.DOCUMENT,
    kinds=(CATALOG, PURCHASE_PLAN),
    summary=Message("目录事项疑似不得作为政府购买服务的内容（货物、工程、融资、用人、应由政府直接履职的事项）",
                    "an item that looks like goods, works, financing, staffing or a direct government duty"),
    source=Message(
        "财政部令第102号《政府购买服务管理办法》第十条；财预〔2017〕87号",
        "Measures for the Administration of Government Purchase of Services (Ministry of Finance Decree "
        "No. 102), Article 10; 财预〔2017〕87号"),
    doc=documentation(DOC_ZH, __doc__),
    messages=MESSAGES,
    options=(
        RuleOption("ignore_words", TEXT_LIST, (), Message(
            "本仓库不提示的信号词，例如 [培训]（该词出现在名称或服务内容中也不视为疑似禁止事项）",
            "signal words not to flag in this repository, e.g. [培训]")),
        RuleOption("extra_words", TEXT_LIST_MAP, {}, Message(
            "补充的信号词，按类别列出：goods（货物）、works（工程）、financing（融资）、staffing（用人）、direct_duties（应由政府直接履职的事项）",
            "more signal words by category: goods, works, financing, staffing, direct_duties")),
    ),
    check=check,
)
