"""Text normalisation and hygiene checks for catalog item names and free text.

Two jobs, both pure and cheap:

* :func:`normalize_name` builds the *comparison key* used to decide that two item
  names are "the same" (duplicate detection).  People paste names from web pages,
  Word documents and PDFs, so the same name arrives in traditional or simplified
  script, with full-width letters, stray spaces, invisible characters and different
  bracket styles.  The key folds all of that away; it is never shown to users.
* :func:`hygiene_issues` finds characters that should not be in catalog text at all
  (control and zero-width characters, non-breaking spaces, line separators, HTML
  left-overs and other web-page leftovers, anti-scraping watermarks, U+FFFD,
  private-use characters, leading/trailing whitespace), so a rule can point at them.

The traditional→simplified table is a *character-level* table derived from OpenCC's
``TSCharacters.txt`` (Apache-2.0, see ``data/NOTICE-opencc.txt``).  Phrase-level
conversion is deliberately not done: for a duplicate key, mapping every traditional
character to its preferred simplified form is enough, and it needs no dependency.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable

from catalogtool.record import Frozen, setfield

__all__ = ["HygieneIssue", "all_clean", "char_name", "hygiene_issues", "normalize_name", "to_simplified"]


# Traditional → simplified


@functools.cache
def _t2s_table() -> dict[int, str]:
    """The str.translate table from ``catalogtool/data/t2s.txt``, loaded once.

    Chains (A→B, B→C) are resolved to the end, so conversion is idempotent even if a
    future copy of the data file is not already a fixed point.
    """
    from catalogtool.package_data import package_files

    path = package_files() / "data" / "t2s.txt"
    mapping: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        trad, simp = line.split("\t")
        mapping[trad] = simp
    table: dict[int, str] = {}
    for trad, simp in mapping.items():
        seen = {trad}
        while simp in mapping and simp not in seen:
            seen.add(simp)
            simp = mapping[simp]
        if simp != trad:
            table[ord(trad)] = simp
    return table


def to_simplified(text: str) -> str:
    """Convert traditional Chinese characters to simplified, one character at a time.

    Characters without a traditional→simplified mapping (simplified characters, Latin
    letters, punctuation, …) are left as they are.
    """
    if text.isascii():
        return text
    return text.translate(_t2s_table())


# Duplicate key

# Format characters (Unicode category Cf), spelled out so that no table has to be
# built at import time.  Unicode 15.0; tests check it covers the running Python's data.
_CF = (
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e"
    "\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"
)
# Variation selectors: invisible, and they only pick a glyph variant.
_VS = "\ufe00-\ufe0f\U000e0100-\U000e01ef"
# Private use (category Co).
_CO = "\ue000-\uf8ff\U000f0000-\U000ffffd\U00100000-\U0010fffd"

# Python's \s is Unicode whitespace (str.isspace): includes U+3000, U+00A0, U+2007, U+202F.
_INVISIBLE = rf"[\s{_CF}{_VS}]+"

# Applied after NFKC, which already turns full-width （），：；！？ etc. into ASCII.
_PUNCT_TABLE = str.maketrans(dict(zip("（）【】〔〕〖〗“”„「」‘’『』、，・‧", "()[][][]\"\"\"\"\"'''',,··", strict=True)))


def _normalize_once(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    text = to_simplified(text)
    text = (_INVISIBLE_RE or _invisible_re()).sub("", text)
    text = text.translate(_PUNCT_TABLE)
    return text.casefold()


@functools.lru_cache(maxsize=1 << 15)  # the same names recur in every county's catalog and list
def normalize_name(text: str) -> str:
    """Return the key under which two item names count as duplicates.

    Names in a catalog are typed by hand or pasted from web pages, Word and PDF
    files, so one and the same name shows up in many spellings that a reader would
    call identical: ``養老服務`` and ``养老服务``, ``ＡＢＣ１２３`` and ``ABC123``,
    ``养老 服务`` and ``养老服务``, ``社区（村）`` and ``社区(村)``, or with an
    invisible U+200B inside.  An exact string comparison misses those duplicates,
    so names are compared by this key instead.  Steps:

    1. NFKC: full-width letters, digits and punctuation become ASCII, compatibility
       ideographs become their unified form, ``①`` becomes ``1``;
    2. traditional characters become simplified (:func:`to_simplified`);
    3. all whitespace (including U+3000 and NBSP), format characters (category Cf:
       U+200B, U+200C, U+200D, U+2060, U+FEFF, soft hyphen …) and variation
       selectors are removed;
    4. bracket, quote and comma variants are unified (``【】`` → ``[]``, ``“”`` →
       ``"``, ``‘’`` → ``'``, ``、`` → ``,`` …);
    5. casefold, so Latin letters compare case-insensitively.

    The key is idempotent: ``normalize_name(normalize_name(s)) == normalize_name(s)``.
    Removing a space can let NFKC compose what it could not before (``"a \u0301"``),
    so the steps are repeated while the result is not NFKC-normal.  Every other step
    is already stable on its own output (the table has no chains; casefold yields no
    whitespace, format, bracket or traditional characters; the tests check this for
    every code point), so an NFKC-normal result is final.

    The key is for comparing only; never show it or write it back.
    """
    key = _normalize_once(text)
    for _ in range(8):
        if key.isascii() or unicodedata.is_normalized("NFKC", key):
            break
        key = _normalize_once(key)
    return key


# Hygiene


class HygieneIssue(Frozen):
    """One suspicious spot in a text.

    ``kind`` is one of ``control``, ``bidi``, ``zero-width``, ``nbsp``, ``line-separator``,
    ``leading-space``, ``trailing-space``, ``html``, ``web-leftover``, ``watermark``,
    ``replacement``, ``private-use``.  ``index`` is the position in the string (code
    points).  ``char`` is the offending text: one character, the whole whitespace run
    for ``leading-space``/``trailing-space``, the whole entity or tag for ``html``, the
    phrase for ``web-leftover`` and the run of tokens for ``watermark``.  ``detail`` is
    human-readable: the code point(s) such as ``"U+200B"`` (space separated for a run),
    for ``html`` one of ``"entity"``, ``"tag"``, ``"comment"``, and for ``web-leftover``
    and ``watermark`` the offending text itself.
    """

    __slots__ = ("char", "detail", "index", "kind")
    kind: str
    index: int
    char: str
    detail: str

    def __init__(self, kind: str, index: int, char: str, detail: str) -> None:
        setfield(self, "kind", kind)
        setfield(self, "index", index)
        setfield(self, "char", char)
        setfield(self, "detail", detail)


# C0 and C1 controls except \t (U+0009) and \n (U+000A).
_CONTROL = "\x00-\x08\x0b-\x1f\x7f-\x9f"
_ZERO_WIDTH = _CF  # includes U+00AD SOFT HYPHEN
_NBSP = "\u00a0\u2007\u202f"
# Direction controls are format characters too, but they reorder what is shown
# (a "Trojan Source" trick), which deserves its own name.
_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_REPLACEMENT = "\ufffd"
# LINE SEPARATOR and PARAGRAPH SEPARATOR: whitespace to Python, but most editors,
# spreadsheets and web forms show them as nothing or as a box, not as a line break.
_LINE_SEPARATOR = "\u2028\u2029"

_HTML = (
    r"(?P<entity>&(?:\#[0-9]{1,7}|\#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});"
    r"|&nbsp(?![A-Za-z0-9;]))"
    r"|(?P<comment><!--.{0,1000}?-->)"
    r"|(?P<tag></?[A-Za-z][A-Za-z0-9:-]*(?:\s[^<>]{0,500})?/?>)"
)
# What a page around the text adds when it is copied from a portal: edit links and
# footnote marks of encyclopaedia pages (`[编辑]`, `[1]`), "more" links and the
# buttons of government sites (`点击查看更多>>`, `返回顶部`, `打印本页`, `关闭窗口`,
# `【字体：大 中 小】`, `上一篇：`).  A footnote mark is one to three digits in ASCII
# brackets, so neither a year (清新财[2025]12号) nor a character class (`[0-9]`) is one.
_WEB_LEFTOVER = (
    r"[\[［【]\s*编辑(?:本段)?\s*[\]］】]"
    r"|\[[0-9]{1,3}\]"
    r"|点击查看更多(?:\s*(?:>>|》》|»|>|》))?|(?:查看)?更多\s*(?:>>|》》|»)"
    r"|返回顶部|打印本页|关闭窗口|扫一扫在手机打开当前页"
    r"|字[体号][:：]\s*大\s*中\s*小|[上下]一篇[:：]"
)
# Anti-scraping watermarks (forum software inserts them between the characters of a
# post, and they survive copying): four or more short tokens of printable ASCII,
# separated by spaces, such as `8 m( r+ ~8 r/ b6 Q' H) N`.  Whether a run is junk is
# decided by _is_watermark; this pattern only finds candidates.
_TOKEN_RUN = r"(?<![!-~])(?:[!-~]{1,3}[ \t]+){3,}[!-~]{1,3}(?![!-~])"
_BAD_CHARS = f"[{_CONTROL}{_ZERO_WIDTH}{_NBSP}{_LINE_SEPARATOR}{_REPLACEMENT}{_CO}]"
# What every issue but whitespace at an edge contains: a bad character; `&` or `<` (HTML);
# of a web leftover a bracket, `击` (点击查看更多), `>` `》` `»` (更多>>), `顶` (返回顶部), `页`
# (打印本页, …当前页), `窗` (关闭窗口), `字体`/`字号`, `篇` (上一篇：); of a watermark, three
# gaps between short ASCII tokens.  A text without any of them (and without whitespace at
# either end) has no issue, and searching for them is much cheaper than for every pattern.
_MAYBE = (rf"[{_CONTROL}{_ZERO_WIDTH}{_NBSP}{_LINE_SEPARATOR}{_REPLACEMENT}{_CO}&<\[［【击>》»顶页窗篇]|字[体号]"
          r"|[!-~][ \t]+[!-~]{1,3}[ \t]+[!-~]{1,3}[ \t]+[!-~]")
# Joins texts for one search over all of them: not whitespace, in no pattern above.
_JOIN = "\uffff"



# The regular expressions are compiled when first needed, each on its own: their character
# classes take longer to compile than `catalogtool validate` takes to check a small file, and
# clean text needs only the first search.
_ANY_ISSUE_RE: re.Pattern[str] | None = None
_INVISIBLE_RE: re.Pattern[str] | None = None
_MAYBE_RE: re.Pattern[str] | None = None


def _maybe_re() -> re.Pattern[str]:
    global _MAYBE_RE
    _MAYBE_RE = re.compile(_MAYBE)
    return _MAYBE_RE


@functools.cache
def _maybe_joined_re() -> re.Pattern[str]:
    return re.compile(f"{_MAYBE}|{_JOIN}\\s|\\s{_JOIN}")


def all_clean(texts: Iterable[str]) -> bool:
    """True when no text has any hygiene issue (False: maybe one has; ask hygiene_issues).

    One search over all the texts joined, for a document's thousands of distinct texts.
    """
    joined = _JOIN.join(texts)
    if joined[:1].isspace() or joined[-1:].isspace():
        return False
    return _maybe_joined_re().search(joined) is None


def _any_issue_re() -> re.Pattern[str]:
    global _ANY_ISSUE_RE
    _ANY_ISSUE_RE = re.compile(rf"{_BAD_CHARS}|{_HTML}|{_WEB_LEFTOVER}|{_TOKEN_RUN}|\A\s|\s\Z", re.DOTALL)
    return _ANY_ISSUE_RE


def _invisible_re() -> re.Pattern[str]:
    global _INVISIBLE_RE
    _INVISIBLE_RE = re.compile(_INVISIBLE)
    return _INVISIBLE_RE


@functools.cache
def _pattern(name: str) -> re.Pattern[str]:
    """What finds, and tells apart, the issues in a text that has some."""
    return {"html": lambda: re.compile(_HTML, re.DOTALL), "bad-char": lambda: re.compile(_BAD_CHARS),
            "web-leftover": lambda: re.compile(_WEB_LEFTOVER), "token-run": lambda: re.compile(_TOKEN_RUN),
            "control": lambda: re.compile(f"[{_CONTROL}]"), "zero-width": lambda: re.compile(f"[{_ZERO_WIDTH}]"),
            "bidi": lambda: re.compile(f"[{_BIDI}]"), "private-use": lambda: re.compile(f"[{_CO}]")}[name]()


def _code_point(ch: str) -> str:
    return f"U+{ord(ch):04X}"


def _code_points(run: str) -> str:
    return " ".join(_code_point(c) for c in run)


def _char_kind(ch: str) -> str:
    if _pattern("control").match(ch):
        return "control"
    if _pattern("bidi").match(ch):
        return "bidi"
    if _pattern("zero-width").match(ch):
        return "zero-width"
    if ch in _NBSP:
        return "nbsp"
    if ch in _LINE_SEPARATOR:
        return "line-separator"
    if ch == _REPLACEMENT:
        return "replacement"
    if _pattern("private-use").match(ch):
        return "private-use"
    raise AssertionError(f"unexpected character {ch!r}")  # pragma: no cover


def _is_watermark(run: str) -> bool:
    """A run of short ASCII tokens is a watermark when it mixes letters, digits and symbols,
    and at least two tokens mix them inside themselves (`m(`, `b6`, `~8`).

    Legitimate text between Chinese characters is either not such a run at all
    (`GB/T 2260`, `ISO 9001`, `A0101`, `Wi-Fi`, `12345热线`) or lacks one of the three
    classes: `9 : 00 - 17 : 00` has no letter, `as it is, so be it` no digit,
    `2G 3G 4G 5G` no symbol, `(1) (2) (3) (4)` no letter.
    """
    tokens = run.split()
    letters = digits = symbols = mixed = 0
    for token in tokens:
        has_letter = any(c.isalpha() for c in token)
        has_digit = any(c.isdigit() for c in token)
        has_symbol = any(not c.isalnum() for c in token)
        letters += has_letter
        digits += has_digit
        symbols += has_symbol
        mixed += has_letter + has_digit + has_symbol >= 2
    return bool(letters and digits and symbols) and mixed >= 2


def hygiene_issues(text: str) -> list[HygieneIssue]:
    """Find characters and fragments that do not belong in catalog text.

    Reports, sorted by position: control characters (Cc, except ``\\n`` and ``\\t``),
    zero-width/format characters (Cf such as U+200B, U+FEFF, and the soft hyphen
    U+00AD), non-breaking spaces (U+00A0, U+2007, U+202F), the line and paragraph
    separators U+2028 and U+2029, whitespace (any, including U+3000) at the very start
    or end of the whole string, HTML entities and tags (``&nbsp;``, ``&#12345;``,
    ``<br>``, ``</span>``, ``<div class=…>``), other web-page leftovers (``[编辑]``,
    ``[1]``, ``点击查看更多>>``, ``返回顶部``, ``打印本页`` …), anti-scraping watermarks
    (``8 m( r+ ~8 r/ b6 Q' H) N``), U+FFFD (the mark of a broken encoding conversion)
    and private-use characters.  One issue per offending character, entity, tag,
    phrase or watermark; a leading or trailing whitespace run is one issue at the
    run's first index (a string of only whitespace is one leading-space issue).
    Clean text costs a single regex search.
    """
    if (_MAYBE_RE or _maybe_re()).search(text) is None and not text[:1].isspace() and not text[-1:].isspace():
        return []
    if (_ANY_ISSUE_RE or _any_issue_re()).search(text) is None:
        return []
    issues: list[HygieneIssue] = []
    for m in _pattern("bad-char").finditer(text):
        ch = m.group()
        issues.append(HygieneIssue(_char_kind(ch), m.start(), ch, _code_point(ch)))
    for m in _pattern("html").finditer(text):
        what = m.lastgroup or "tag"
        issues.append(HygieneIssue("html", m.start(), m.group(), what))
    for m in _pattern("web-leftover").finditer(text):
        issues.append(HygieneIssue("web-leftover", m.start(), m.group(), m.group()))
    for m in _pattern("token-run").finditer(text):
        if _is_watermark(m.group()):
            issues.append(HygieneIssue("watermark", m.start(), m.group(), m.group()))
    # str.strip and re's \s agree on what whitespace is (str.isspace); strip is linear.
    body = text.lstrip()
    if len(body) != len(text):
        run = text[: len(text) - len(body)]
        issues.append(HygieneIssue("leading-space", 0, run, _code_points(run)))
    if body:
        body = text.rstrip()
        if len(body) != len(text):
            run = text[len(body) :]
            issues.append(HygieneIssue("trailing-space", len(body), run, _code_points(run)))
    issues.sort(key=lambda issue: (issue.index, issue.kind))
    return issues


# Describing characters

_CONTROL_NAMES = {
    0x00: "NULL",
    0x07: "BELL",
    0x08: "BACKSPACE",
    0x09: "CHARACTER TABULATION",
    0x0A: "LINE FEED",
    0x0B: "LINE TABULATION",
    0x0C: "FORM FEED",
    0x0D: "CARRIAGE RETURN",
    0x1B: "ESCAPE",
    0x7F: "DELETE",
    0x85: "NEXT LINE",
}

_UNNAMED = {
    "Cc": "<control>",
    "Co": "<private use>",
    "Cs": "<surrogate>",
    "Cn": "<unassigned>",
}


def char_name(ch: str) -> str:
    """Describe one character as ``"U+200B ZERO WIDTH SPACE"``.

    Characters without a Unicode name get their alias (``"U+0007 BELL"``) or their
    kind (``"U+E000 <private use>"``, ``"U+0001 <control>"``).
    """
    cp = ord(ch)
    name = unicodedata.name(ch, "") or _CONTROL_NAMES.get(cp, "")
    if not name:
        name = _UNNAMED.get(unicodedata.category(ch), "<unnamed>")
    return f"U+{cp:04X} {name}"
