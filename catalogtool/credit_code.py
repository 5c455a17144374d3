"""The unified social credit code (统一社会信用代码, GB 32100-2015) and its two check characters.

18 characters: the registering authority (1), the organisation type (1), the
registering authority's region (6, GB/T 2260), the organisation code (9, GB 11714,
whose ninth character checks the first eight) and a check character over the first
seventeen.  The alphabet is 0-9 and the capital letters without I, O, S, V and Z.
"""

from __future__ import annotations

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_VALUE = {char: index for index, char in enumerate(ALPHABET)}
_WEIGHTS = tuple(pow(3, i, 31) for i in range(17))  # 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
_ORG_VALUE = {**{str(d): d for d in range(10)}, **{chr(ord("A") + i): 10 + i for i in range(26)}}


def check_character(first17: str) -> str:
    """The eighteenth character of a code beginning with these seventeen."""
    total = sum(_VALUE[char] * weight for char, weight in zip(first17, _WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def organisation_check(first8: str) -> str | None:
    """GB 11714's check character of an organisation code's first eight characters (None if not computable)."""
    if any(char not in _ORG_VALUE for char in first8):
        return None
    remainder = 11 - sum(_ORG_VALUE[char] * weight for char, weight in zip(first8, _ORG_WEIGHTS, strict=True)) % 11
    return "X" if remainder == 10 else "0" if remainder == 11 else str(remainder)


def problem(code: str) -> str | None:
    """Why `code` is not a valid unified social credit code ('length', 'character', 'check'), or None.

    Only the final check character is judged: organisation codes issued before the
    unified code sometimes break GB 11714 in old registers, and the final character
    already catches a mistyped character or two swapped ones.
    """
    if len(code) != 18:
        return "length"
    if any(char not in _VALUE for char in code):
        return "character"
    if check_character(code[:17]) != code[17]:
        return "check"
    return None
