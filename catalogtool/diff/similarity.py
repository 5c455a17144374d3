"""How alike two entries' texts are, and which left-over entries are one entry recoded.

Entries left over on both sides of a pool (no partner with the same code) are
paired as recodes when their identifying texts (the pool's `match_fields`, name +
content for items) are similar enough: character-bigram Dice similarity on
normalised text, greedy best pair first.
"""

from __future__ import annotations

import math
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from catalogtool.diff.entries import Entry, code_key, text
from catalogtool.textnorm import normalize_name


def similarity_text(value: str) -> str:
    """Text reduced to what identifies it: width, script (繁→简), case, spaces and punctuation folded away."""
    folded = normalize_name(value)
    return "".join(ch for ch in folded if not unicodedata.category(ch).startswith(("P", "S", "Z", "C")))


def bigrams(parts: Iterable[str]) -> frozenset[str]:
    """The set of character bigrams of each part (no bigram spans two parts); a one-character part counts itself."""
    grams: set[str] = set()
    for part in parts:
        folded = similarity_text(part)
        if len(folded) == 1:
            grams.add(folded)
        grams.update(folded[i : i + 2] for i in range(len(folded) - 1))
    return frozenset(grams)


def dice(a: frozenset[str], b: frozenset[str]) -> float:
    """Sørensen-Dice coefficient of two bigram sets: 2|A∩B| / (|A|+|B|); 0 when either is empty."""
    if not a or not b:
        return 0.0
    return 2 * len(a & b) / (len(a) + len(b))


def _grams(data: Mapping[str, Any], fields: Sequence[str]) -> frozenset[str]:
    return bigrams(text(data.get(f)) for f in fields)


def similarity(old: Mapping[str, Any], new: Mapping[str, Any], fields: Sequence[str] = ("name", "content")) -> float:
    """How alike two entries' identifying texts are, 0..1 (name + content, as for items, unless told)."""
    return dice(_grams(old, fields), _grams(new, fields))


def pair_recodes(
    removed: list[Entry], added: list[Entry], fields: Sequence[str], threshold: float
) -> list[tuple[Entry, Entry, float]]:
    """Greedy best-first pairing of leftover entries whose `fields` are at least `threshold` alike."""
    if not removed or not added:
        return []
    old_grams = [_grams(e.data, fields) for e in removed]
    new_grams = [_grams(e.data, fields) for e in added]
    used_old: set[int] = set()
    used_new: set[int] = set()
    pairs = []
    # Identical texts first (similarity 1, the usual renumbering), without comparing every
    # pair: the same pairs, in the same order, that the greedy loop below would pick.
    by_grams: dict[frozenset[str], list[int]] = {}
    for j in sorted(range(len(added)), key=lambda j: code_key(added[j].code)):
        if new_grams[j]:
            by_grams.setdefault(new_grams[j], []).append(j)
    for i in sorted(range(len(removed)), key=lambda i: code_key(removed[i].code)):
        waiting = by_grams.get(old_grams[i])
        if waiting:
            j = waiting.pop(0)
            used_old.add(i)
            used_new.add(j)
            pairs.append((removed[i], added[j], 1.0))
    olds = [i for i, grams in enumerate(old_grams) if grams and i not in used_old]
    news = [j for j, grams in enumerate(new_grams) if grams and j not in used_new]
    candidates: list[tuple[float, int, int]] = []
    for i, j in _candidate_pairs([old_grams[i] for i in olds], [new_grams[j] for j in news], threshold):
        i, j = olds[i], news[j]
        score = dice(old_grams[i], new_grams[j])
        if score >= threshold:
            candidates.append((score, i, j))
    candidates.sort(key=lambda c: (-c[0], code_key(removed[c[1]].code), code_key(added[c[2]].code)))
    for score, i, j in candidates:
        if i in used_old or j in used_new:
            continue
        used_old.add(i)
        used_new.add(j)
        pairs.append((removed[i], added[j], score))
    return pairs


def _candidate_pairs(
    olds: list[frozenset[str]], news: list[frozenset[str]], threshold: float
) -> Iterable[tuple[int, int]]:
    """Pairs that can reach `threshold`, without trying all of them (prefix filtering).

    Dice ≥ t is Jaccard ≥ t/(2-t).  Order bigrams from rare to common; two sets whose
    Jaccard is at least J share a bigram among the first |x| - ⌈J·|x|⌉ + 1 of each
    (Chaudhuri et al., 2006).  So only pairs sharing a rare bigram are scored, and
    bigrams every item has (服务, 提供) cost nothing.
    """
    jaccard = threshold / (2 - threshold)
    frequency = Counter(g for grams in (*olds, *news) for g in grams)

    def prefix(grams: frozenset[str]) -> list[str]:
        keep = len(grams) - math.ceil(jaccard * len(grams) - 1e-9) + 1
        return sorted(grams, key=lambda g: (frequency[g], g))[: max(keep, 1)]

    index: dict[str, list[int]] = {}
    for j, grams in enumerate(news):
        for g in prefix(grams):
            index.setdefault(g, []).append(j)
    for i, grams in enumerate(olds):
        seen: set[int] = set()
        for g in prefix(grams):
            seen.update(index.get(g, ()))
        for j in sorted(seen):
            # Dice is at most 2·min/(sum): sizes alone rule some pairs out.
            if 2 * min(len(grams), len(news[j])) >= threshold * (len(grams) + len(news[j])):
                yield i, j
