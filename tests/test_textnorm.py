"""Tests for catalogtool.textnorm: traditional→simplified, duplicate keys, text hygiene."""

from __future__ import annotations

import re
import time
import unicodedata
from importlib import resources

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from catalogtool import textnorm
from catalogtool.record import FrozenError
from catalogtool.textnorm import (
    HygieneIssue,
    char_name,
    hygiene_issues,
    normalize_name,
    to_simplified,
)

T2S_LINES = (
    (resources.files("catalogtool") / "data" / "t2s.txt").read_text(encoding="utf-8").splitlines()
)
T2S_PAIRS = [tuple(line.split("\t")) for line in T2S_LINES if not line.startswith("#")]


# -- data file ---------------------------------------------------------------------------


def test_t2s_header_names_source_and_license() -> None:
    assert T2S_LINES[0].startswith("#") and "OpenCC" in T2S_LINES[0]
    assert T2S_LINES[1].startswith("#") and "Apache-2.0" in T2S_LINES[1]
    assert not any(line.startswith("#") for line in T2S_LINES[2:])


def test_t2s_table_is_large_and_well_formed() -> None:
    assert len(T2S_PAIRS) > 2000
    for line in T2S_LINES[2:]:
        parts = line.split("\t")
        assert len(parts) == 2, repr(line)
        trad, simp = parts
        assert len(trad) == 1 and len(simp) == 1, repr(line)
        assert trad != simp, repr(line)
        assert unicodedata.category(trad) == "Lo" and unicodedata.category(simp) == "Lo"
    keys = [trad for trad, _ in T2S_PAIRS]
    assert keys == sorted(keys), "t2s.txt must be sorted by code point"
    assert len(set(keys)) == len(keys), "no duplicate keys"
    assert not {simp for _, simp in T2S_PAIRS} & set(keys), "chains must be resolved"


def test_notice_file_carries_the_license() -> None:
    notice = (resources.files("catalogtool") / "data" / "NOTICE-opencc.txt").read_text(
        encoding="utf-8"
    )
    assert "OpenCC" in notice
    assert "Apache License" in notice and "Version 2.0" in notice
    assert "END OF TERMS AND CONDITIONS" in notice


# -- to_simplified -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("trad", "simp"),
    [
        ("服務", "服务"),
        ("養老服務", "养老服务"),
        ("社區", "社区"),
        ("政府採購", "政府采购"),
        ("醫療衛生", "医疗卫生"),
        ("薴", "苎"),  # a chain in the upstream data (薴→苧→苎) resolved to the end
    ],
)
def test_to_simplified(trad: str, simp: str) -> None:
    assert to_simplified(trad) == simp


def test_to_simplified_leaves_other_text_alone() -> None:
    text = "养老服务 ABC-123（试点）"
    assert to_simplified(text) == text
    assert to_simplified("") == ""


def test_to_simplified_is_idempotent_over_the_whole_table() -> None:
    all_trad = "".join(trad for trad, _ in T2S_PAIRS)
    once = to_simplified(all_trad)
    assert to_simplified(once) == once


# -- normalize_name ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("服務", "服务"),
        ("養老服務", "养老服务"),
        ("ＡＢＣ１２３", "ABC123"),
        ("abc123", "ABC123"),
        ("养老 服务", "养老服务"),
        ("养老\u3000服务", "养老服务"),
        ("养老\u00a0服务 ", "养老服务"),
        ("养\u200b老\u200c服\u200d务\u2060\ufeff", "养老服务"),
        ("养老\u00ad服务", "养老服务"),
        ("社区（村）", "社区(村)"),
        ("【试点】社區（村）服務", "[试点]社区(村)服务"),
        ("“长者”食堂", '"长者"食堂'),
        ("‘长者’食堂", "'长者'食堂"),
        ("甲、乙，丙", "甲,乙,丙"),
        ("甲，乙", "甲,乙"),
    ],
)
def test_normalize_name_equal(a: str, b: str) -> None:
    assert normalize_name(a) == normalize_name(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("养老服务", "托育服务"),
        ("社区(村)", "社区"),
        ("ABC123", "ABC124"),
        ("养老服务一", "养老服务二"),
    ],
)
def test_normalize_name_different(a: str, b: str) -> None:
    assert normalize_name(a) != normalize_name(b)


def test_normalize_name_exact_key() -> None:
    assert normalize_name(" 養老　服務（ＡＢＣ）\u200b") == "养老服务(abc)"
    assert normalize_name("") == ""


def test_format_class_covers_this_pythons_unicode_data() -> None:
    """The hand-written Cf ranges must cover every Cf code point Python knows."""
    missing = [
        f"U+{cp:04X}"
        for cp in range(0x110000)
        if unicodedata.category(chr(cp)) == "Cf" and textnorm._pattern("zero-width").match(chr(cp)) is None
    ]
    assert missing == []


def test_casefold_output_is_stable_under_the_other_steps() -> None:
    """What normalize_name's early exit relies on, checked for every code point.

    A character that survives steps 2-4 must casefold to characters that steps 2-5
    leave alone; and the punctuation replacements must be stable too.
    """
    table = textnorm._t2s_table()
    punct = textnorm._PUNCT_TABLE

    def removable(c: str) -> bool:
        return bool(textnorm._invisible_re().match(c)) or ord(c) in table or ord(c) in punct

    unstable = []
    for cp in range(0x110000):
        c = chr(cp)
        if removable(c):
            continue
        folded = c.casefold()
        if folded == c:
            continue  # already checked: c itself is not removable
        if folded.casefold() != folded or any(removable(x) for x in folded):
            unstable.append(f"U+{cp:04X}")
    assert unstable == []
    for replacement in punct.values():
        assert isinstance(replacement, str)
        assert not any(removable(x) or x.casefold() != x for x in replacement)


def test_normalize_name_recomposes_after_removing_spaces() -> None:
    assert normalize_name("e \u0301") == normalize_name("\u00e9") == "\u00e9"


# Text with many table characters, full-width forms, spaces, invisibles and punctuation,
# mixed with arbitrary Unicode.
_INTERESTING = sorted(
    {c for pair in T2S_PAIRS for c in pair}
    | set(
        "ＡＢＣａｂｃ１２３ ()（）【】〔〕“”‘’「」『』、，,.:：\u3000\u00a0\u200b\u200d\ufeff\u00adÅåßẞİ"
    )
    | {"\u0301", "\u0308", "\ufe00", "\ufe0f", "\uf900", "\u2460"}
)
_names = st.text(
    alphabet=st.one_of(st.sampled_from(_INTERESTING), st.characters()),
    max_size=30,
)


@settings(max_examples=500, deadline=None)
@given(_names)
def test_normalize_name_is_idempotent(s: str) -> None:
    key = normalize_name(s)
    assert normalize_name(key) == key


@settings(max_examples=500, deadline=None)
@given(_names)
def test_normalize_name_ignores_script(s: str) -> None:
    assert normalize_name(s) == normalize_name(to_simplified(s))


@settings(max_examples=300, deadline=None)
@given(_names)
def test_normalized_key_has_no_whitespace_or_format_chars(s: str) -> None:
    key = normalize_name(s)
    assert not any(c.isspace() or unicodedata.category(c) == "Cf" for c in key)


# -- hygiene_issues ----------------------------------------------------------------------


def _kinds(text: str) -> list[tuple[str, int]]:
    return [(issue.kind, issue.index) for issue in hygiene_issues(text)]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "养老服务",
        "社区（村）养老服务中心运营补贴",
        "R&D 研发费用 5<6，a > b",
        "第一行\n第二行\t缩进",
        "《政府采购法》第十条",
    ],
)
def test_clean_text_has_no_issues(text: str) -> None:
    assert hygiene_issues(text) == []


def test_zero_width_space_at_its_index() -> None:
    issues = hygiene_issues("养老\u200b服务")
    assert issues == [HygieneIssue("zero-width", 2, "\u200b", "U+200B")]


@pytest.mark.parametrize("ch", ["\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"])
def test_other_zero_width_chars(ch: str) -> None:
    assert _kinds(f"ab{ch}cd") == [("zero-width", 2)]


def test_trailing_ideographic_space() -> None:
    issues = hygiene_issues("养老服务\u3000")
    assert issues == [HygieneIssue("trailing-space", 4, "\u3000", "U+3000")]


def test_leading_and_trailing_runs_are_one_issue_each() -> None:
    assert _kinds("  养老服务 \u3000") == [("leading-space", 0), ("trailing-space", 6)]


def test_inner_line_breaks_are_not_edge_whitespace() -> None:
    assert hygiene_issues("第一行 \n 第二行") == []
    assert _kinds("第一行\n第二行\n") == [("trailing-space", 7)]


def test_whitespace_only_string_is_one_leading_issue() -> None:
    assert hygiene_issues(" \u3000 ") == [
        HygieneIssue("leading-space", 0, " \u3000 ", "U+0020 U+3000 U+0020")
    ]


def test_regex_whitespace_matches_str_isspace() -> None:
    """hygiene_issues finds edge whitespace with str.strip and \\s; they must agree."""
    pattern = re.compile(r"\s")
    assert all(bool(pattern.match(chr(cp))) == chr(cp).isspace() for cp in range(0x110000))


@pytest.mark.parametrize(
    "text",
    [
        "a" + " " * 20000 + "b",
        "<!--" * 5000,
        "<a " * 5000,
        "&" * 20000,
        "<" * 20000,
    ],
)
def test_hygiene_is_not_quadratic(text: str) -> None:
    start = time.perf_counter()
    hygiene_issues(text)
    assert time.perf_counter() - start < 1.0


@pytest.mark.parametrize("ch", ["\u00a0", "\u2007", "\u202f"])
def test_nbsp(ch: str) -> None:
    assert hygiene_issues(f"养老{ch}服务") == [HygieneIssue("nbsp", 2, ch, f"U+{ord(ch):04X}")]


@pytest.mark.parametrize(
    ("text", "index", "fragment", "detail"),
    [
        ("养老&nbsp;服务", 2, "&nbsp;", "entity"),
        ("养老&nbsp服务", 2, "&nbsp", "entity"),
        ("A&amp;B", 1, "&amp;", "entity"),
        ("&lt;b&gt;", 0, "&lt;", "entity"),
        ("第&#12345;号", 1, "&#12345;", "entity"),
        ("第&#x3000;号", 1, "&#x3000;", "entity"),
        ("第一行<br>第二行", 3, "<br>", "tag"),
        ("第一行<br/>", 3, "<br/>", "tag"),
        ("<p>养老服务", 0, "<p>", "tag"),
        ("养老服务</span>", 4, "</span>", "tag"),
        ('x<div class="a">y', 1, '<div class="a">', "tag"),
        ("x<!-- note -->y", 1, "<!-- note -->", "comment"),
    ],
)
def test_html(text: str, index: int, fragment: str, detail: str) -> None:
    issues = [issue for issue in hygiene_issues(text) if issue.kind == "html"]
    assert issues[0] == HygieneIssue("html", index, fragment, detail)


def test_every_html_fragment_is_reported() -> None:
    assert _kinds("a<p>b&nbsp;c</p>") == [("html", 1), ("html", 5), ("html", 12)]


def test_control_char() -> None:
    assert hygiene_issues("养老\x07服务") == [HygieneIssue("control", 2, "\x07", "U+0007")]
    assert _kinds("a\rb\x7fc\x85d") == [("control", 1), ("control", 3), ("control", 5)]


def test_replacement_char() -> None:
    assert hygiene_issues("养老\ufffd服务") == [HygieneIssue("replacement", 2, "\ufffd", "U+FFFD")]


def test_private_use_char() -> None:
    assert _kinds("养老\ue000服务\U000f0000") == [("private-use", 2), ("private-use", 5)]


def test_one_issue_per_occurrence_in_order() -> None:
    text = "\u3000a\u200bb\u200b&amp;c\x07\ufffd "
    assert _kinds(text) == [
        ("leading-space", 0),
        ("zero-width", 2),
        ("zero-width", 4),
        ("html", 5),
        ("control", 11),
        ("replacement", 12),
        ("trailing-space", 13),
    ]


# Mixed Chinese and ASCII text that real catalogs contain: none of it is junk.
LEGITIMATE_MIXED_TEXT = [
    "按 GB/T 2260 编码",
    "开通12345热线",
    "A0101 养老服务",
    "(一)基本公共服务",
    "通过 ISO 9001 认证",
    "提供 Wi-Fi 覆盖",
    "5G 网络",
    "满意度≥95%",
    "依据第3.2条",
    "2025年",
    "详见 https://www.gov.cn/zhengce/content/2017-02/20/content_5169482.htm?a=1&b=2 。",
    "清新财[2025]12号",
    "编码段为 [0-9]{2}",
    "PM2.5 监测、B 超、CT/MRI 检查",
    "工作时间 9 : 00 - 17 : 00",
    "as it is, so be it",
    "2G 3G 4G 5G 网络",
    "分为 (1) (2) (3) (4) 四档",
    "A、B、C 三类",
    "查看更多信息请拨打热线",
]


@pytest.mark.parametrize("text", LEGITIMATE_MIXED_TEXT)
def test_mixed_text_is_not_web_junk(text: str) -> None:
    assert hygiene_issues(text) == []


@pytest.mark.parametrize(
    ("text", "index", "run"),
    [
        ("为老年人提供助餐服务8 m( r+ ~8 r/ b6 Q' H) N", 10, "8 m( r+ ~8 r/ b6 Q' H) N"),
        ("助浴服务( D9 s1 u6 M1 b% I# h为失能老人", 4, "( D9 s1 u6 M1 b% I# h"),
        ("上门照料3 S/ T. u& D2 t5 F8 t", 4, "3 S/ T. u& D2 t5 F8 t"),
    ],
)
def test_anti_scraping_watermark(text: str, index: int, run: str) -> None:
    assert hygiene_issues(text) == [HygieneIssue("watermark", index, run, run)]


@pytest.mark.parametrize(
    ("text", "index", "fragment"),
    [
        ("养老服务[编辑]", 4, "[编辑]"),
        ("养老服务【编辑】", 4, "【编辑】"),
        ("养老服务[编辑本段]", 4, "[编辑本段]"),
        ("居家养老服务[1]", 6, "[1]"),
        ("居家养老服务[12]是指", 6, "[12]"),
        ("助餐服务点击查看更多>>", 4, "点击查看更多>>"),
        ("助餐服务 更多>>", 5, "更多>>"),
        ("助餐服务返回顶部", 4, "返回顶部"),
        ("助餐服务【打印本页】", 5, "打印本页"),
        ("助餐服务关闭窗口", 4, "关闭窗口"),
        ("【字体：大 中 小】助餐服务", 1, "字体：大 中 小"),
        ("扫一扫在手机打开当前页", 0, "扫一扫在手机打开当前页"),
        ("助餐服务上一篇：助浴服务", 4, "上一篇："),
    ],
)
def test_web_page_leftovers(text: str, index: int, fragment: str) -> None:
    assert hygiene_issues(text) == [HygieneIssue("web-leftover", index, fragment, fragment)]


@pytest.mark.parametrize("ch", ["\u2028", "\u2029"])
def test_line_and_paragraph_separators(ch: str) -> None:
    assert hygiene_issues(f"第一行{ch}第二行") == [HygieneIssue("line-separator", 3, ch, f"U+{ord(ch):04X}")]


def test_watermark_search_is_not_quadratic() -> None:
    text = "a( " * 20000 + "x" * 20000 + " b" * 20000
    start = time.perf_counter()
    hygiene_issues(text)
    assert time.perf_counter() - start < 1.0


def test_hygiene_issue_is_frozen() -> None:
    issue = HygieneIssue("nbsp", 0, "\u00a0", "U+00A0")
    with pytest.raises(FrozenError):
        issue.kind = "x"  # type: ignore[misc]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_hygiene_indices_point_at_the_reported_text(s: str) -> None:
    for issue in hygiene_issues(s):
        assert s[issue.index : issue.index + len(issue.char)] == issue.char


# -- char_name ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ch", "expected"),
    [
        ("\u200b", "U+200B ZERO WIDTH SPACE"),
        ("\u3000", "U+3000 IDEOGRAPHIC SPACE"),
        ("\u00a0", "U+00A0 NO-BREAK SPACE"),
        ("\x07", "U+0007 BELL"),
        ("\x01", "U+0001 <control>"),
        ("\ue000", "U+E000 <private use>"),
        ("养", "U+517B CJK UNIFIED IDEOGRAPH-517B"),
        ("\U0001f600", "U+1F600 GRINNING FACE"),
    ],
)
def test_char_name(ch: str, expected: str) -> None:
    assert char_name(ch) == expected


def test_direction_controls_are_named_apart_from_zero_width():
    from catalogtool.textnorm import hygiene_issues

    assert [i.kind for i in hygiene_issues("养老\u202e服务")] == ["bidi"]
    assert [i.kind for i in hygiene_issues("养老\u200b服务")] == ["zero-width"]
