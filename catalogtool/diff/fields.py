"""When two field values are the same for the diff, and which fields of an entry differ.

A missing key and a null value are the same thing; 1 and 1.0 are equal but 1,
True and "1" are not; lists whose order means nothing (providers, purchasers,
basis) compare as sets; nested mappings (funding, approval, region) compare key by
key under dotted names (`funding.source`).
"""

from __future__ import annotations

import copy
import math
from collections.abc import Mapping
from typing import Any

from catalogtool.diff.changes import FieldChange

# Lists whose order carries no meaning: compared as sets.
SET_FIELDS = frozenset({"providers", "purchasers", "basis", "provider_types", "evaluation", "performance"})


def canon(value: Any) -> Any:
    """A hashable, type-aware form for equality: 1 == 1.0 but 1 != True and "1"; null keys dropped."""
    if isinstance(value, bool):
        return ("b", value)
    if isinstance(value, int | float):
        if isinstance(value, float) and math.isnan(value):
            return ("nan",)
        return ("n", value)
    if isinstance(value, str):
        return ("s", value)
    if value is None:
        return ("0",)
    if isinstance(value, Mapping):
        return ("d", tuple(sorted(((str(k), canon(v)) for k, v in value.items() if v is not None), key=repr)))
    if isinstance(value, list | tuple):
        return ("l", tuple(canon(v) for v in value))
    return ("r", repr(value))


def _as_set(value: list[Any]) -> frozenset[Any]:
    return frozenset(canon(v) for v in value)


def same(old: Any, new: Any, *, as_set: bool = False) -> bool:
    """Whether two field values are equal for the diff (lists as sets when `as_set`)."""
    if as_set and isinstance(old, list) and isinstance(new, list):
        return _as_set(old) == _as_set(new)
    return bool(canon(old) == canon(new))


def diff_fields(
    old: Mapping[str, Any], new: Mapping[str, Any], *, set_fields: frozenset[str] = SET_FIELDS, prefix: str = ""
) -> dict[str, FieldChange]:
    """Field-by-field differences; nested mappings recurse under dotted names.

    `code` and private `_` keys are never fields: the code is the identity, and `_`
    keys are the diff's own annotations.
    """
    out: dict[str, FieldChange] = {}
    keys = list(old) + [k for k in new if k not in old]
    for key in keys:
        if not prefix and (key == "code" or str(key).startswith("_")):
            continue
        name = f"{prefix}{key}"
        ov, nv = old.get(key), new.get(key)
        if isinstance(ov, Mapping) and isinstance(nv, Mapping):
            out.update(diff_fields(ov, nv, set_fields=frozenset(), prefix=f"{name}."))
        elif not same(ov, nv, as_set=not prefix and key in set_fields):
            out[name] = FieldChange(copy.deepcopy(ov), copy.deepcopy(nv))
    return out
