"""Tokens of a person for shared-case discovery: name keys on which spellings agree, with the
birth year and month. No Django here.

A token is `t1|given|surname|1990-05` made from the screening engine's keys of the
name parts, the patronymic left out (one side often lacks it) and the two parts in a fixed
order (so a reordered name gives the same token). A spelling whose reading is uncertain gives
one token per reading, and a Cyrillic name one per skeleton its usual romanisations make, so a
Latin spelling on the other side meets one of them. A person without a birth year gives no
token: a name alone matches far too many strangers. Tokens never leave the instance in the
clear: `protocol` blinds them under a key of the run.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import combinations

from safepassage.screening.engine.dates import DateError, PartialDate, parse_date
from safepassage.screening.engine.keys import fold_gender, normalise, skeleton
from safepassage.screening.engine.names import (
    NamePart,
    Role,
    looks_like_patronymic,
    parse_name,
)
from safepassage.screening.engine.translit import has_cyrillic, render

VERSION = "t1"
# A person's tokens are bounded, so the size of a set says how many people it can stand for.
MAX_PER_PERSON = 52
# Systems a Cyrillic name is also read through: those whose skeletons differ most often.
_SYSTEMS = ("icao", "mvd_1997_fr", "german", "gost_779_b")


def _keys(part: NamePart) -> list[str]:
    """The keys of one name part: given-name classes when it is a known given name, else its
    skeletons (the main reading first)."""
    if part.given:
        return [f"g{n}" for n in sorted(part.given)]
    return list(dict.fromkeys(part.skeletons()))


def _core_parts(text: str) -> list[NamePart]:
    parsed = parse_name(text)
    return [
        p
        for p in parsed.parts
        if p.role not in (Role.PATRONYMIC, Role.INITIAL) and not looks_like_patronymic(p)
    ]


def _part_keys(text: str) -> list[list[str]]:
    parts = _core_parts(text)
    keys = [_keys(p) for p in parts]
    if has_cyrillic(text) and len(parts) == len(keys):
        # The same part read through other romanisations: skeletons a Latin spelling may have.
        for number, part in enumerate(parts):
            if part.given:
                continue
            for system in _SYSTEMS:
                other = fold_gender(skeleton(normalise(render(part.text, system))))
                if other and other not in keys[number]:
                    keys[number].append(other)
    return keys


def name_keys(text: str) -> set[str]:
    """`a|b` for each pair of name parts but the patronymic, in a fixed order."""
    out: set[str] = set()
    keys = _part_keys(text)
    for left, right in combinations(keys, 2):
        for a in left:
            for b in right:
                if a != b:
                    out.add("|".join(sorted((a, b))))
    return out


def birth_of(text: str | None) -> PartialDate | None:
    if not text:
        return None
    try:
        return parse_date(text.strip())
    except DateError:
        return None


def person_tokens(names: Iterable[str], birth: str | None) -> list[str]:
    """The tokens of one person (sorted, at most MAX_PER_PERSON); none without a birth year."""
    date = birth_of(birth)
    if date is None:
        return []
    keys: set[str] = set()
    for name in names:
        if name and name.strip():
            keys |= name_keys(name)
    # Given-name classes first: they are the surest keys; the bound keeps the rest.
    ordered = sorted(keys, key=lambda k: (not k.startswith("g"), len(k), k))
    if date.month:
        when = [f"{date.year:04d}-{date.month:02d}"]
    else:
        # The month unknown here may be known there: this side stands for every month of the
        # year, while a known month stands only for itself (two different months never meet).
        when = [f"{date.year:04d}-??", *(f"{date.year:04d}-{m:02d}" for m in range(1, 13))]
    ordered = ordered[: max(1, MAX_PER_PERSON // len(when))]
    return sorted(f"{VERSION}|{k}|{w}" for k in ordered for w in when)
