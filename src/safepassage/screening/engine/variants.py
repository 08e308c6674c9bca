"""Other ways to divide one name into parts: split at a hyphen, split off a known name, joined.

People join and split names as they type them (Ivan-Petrov, ivanpetrov, Petrov Vodkin for
Petrov-Vodkin, Jong Un for Jong-un); the scorer tries these divisions and keeps the best,
saying which one it used.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from .names import ParsedName, Role, is_given_spelling, key_of, looks_like_patronymic, parse_name
from .peoples import DAUGHTER_OF, SON_OF
from .scripts import is_abjad

# A part that joins a known given name to another word is split only when it is this long.
JOINED_MIN = 7
# Parts this short may be syllables of a Chinese or Korean given name, which is written joined,
# hyphenated or apart (Jong Un, Jong-un, Jongun).
SYLLABLE_MAX = 5
_SURNAME_END = re.compile(r"(?:ov|ev|in|yn|sky|ski|skii|enko|uk|ев|ов|ин|ский|енко)$")
_SUFFIX = re.compile(r"^(?:ov|ev|ёв|in|yn|sk|ck|ich|enko|uk|ik|ов|ев|ин|ск|цк|ич|енко|ук)")


@dataclass(frozen=True, slots=True)
class Form:
    """One division of a name into parts, and how it differs from the name as written."""

    name: ParsedName
    note: str | None = None


def _hyphen_splits(name: ParsedName) -> list[Form]:
    out = []
    for part in name.parts:
        pieces = [p for p in part.text.split("-") if p]
        if len(pieces) < 2 or part.role is Role.INITIAL:
            continue
        if key_of(pieces[-1]) in SON_OF | DAUGHTER_OF:
            continue  # Abish-uly is one patronymic
        text = name.text.replace(part.text, " ".join(pieces), 1)
        out.append(Form(parse_name(text), f"{part.text} read as {' + '.join(pieces)}"))
    return out


def _known_name_split(norm: str) -> tuple[str, str] | None:
    """Where a word joins a known given name to another word (ivanpetrov, petrovivan).

    Works on the normalised word with plain set look-ups: nothing about it is kept.
    """
    if len(norm) < JOINED_MIN:
        return None
    best: tuple[tuple[bool, int], tuple[str, str]] | None = None
    for cut in range(3, len(norm) - 2):
        left, right = norm[:cut], norm[cut:]
        if _SUFFIX.match(right):
            continue  # Petrovsky is not Petr + Ovsky
        for known, other in ((left, right), (right, left)):
            if len(known) < 3 or len(other) < 4 or not is_given_spelling(known):
                continue
            if sum(ch in "aeiouy" for ch in other) < 2:
                continue  # petro + vsky: an ending, not a word
            # Best: the other piece ends like a surname (markov + roman, not marko + vroman).
            surname_like = _SURNAME_END.search(other) is not None
            if not (surname_like or is_given_spelling(other)):
                continue
            rank = (surname_like, len(known))
            if best is None or rank > best[0]:
                best = (rank, (left, right))
    return None if best is None else best[1]


def _joined_splits(name: ParsedName) -> list[Form]:
    out = []
    for part in name.parts:
        if part.role is Role.INITIAL or part.given or looks_like_patronymic(part):
            continue
        found = _known_name_split(part.norm)
        if found:
            text = name.text.replace(part.text, " ".join(found), 1)
            out.append(Form(parse_name(text), f"{part.text} read as {' + '.join(found)}"))
    return out


def _syllable_joins(name: ParsedName) -> list[Form]:
    out: list[Form] = []
    parts = [p for p in name.parts if p.role is not Role.INITIAL]
    if any(len(p.norm) > SYLLABLE_MAX for p in parts):
        return out  # a Chinese or Korean name in Latin letters is all short syllables
    for first, second in pairwise(parts):
        if max(len(first.norm), len(second.norm)) > SYLLABLE_MAX:
            continue
        if looks_like_patronymic(first) or looks_like_patronymic(second):
            continue
        if is_abjad(first.text) or is_abjad(second.text):
            continue  # Arabic script writes few vowels: its words only look short
        joined = first.text + second.text.lower()
        text = name.text.replace(f"{first.text} {second.text}", joined, 1)
        if text != name.text:
            out.append(Form(parse_name(text), f"{first.text} {second.text} read as {joined}"))
    return out


def name_forms(name: ParsedName, *, typed: bool = True) -> list[Form]:
    """The name as written first, then its other divisions.

    Only a typed name (a query) is searched for a known given name joined to another word:
    list entries are written with care, and it costs time on every candidate.
    """
    forms = [Form(name)]
    nothing_to_divide = len(name.parts) < 3 or any(len(p.norm) > SYLLABLE_MAX for p in name.parts)
    if not typed and "-" not in name.text and nothing_to_divide:
        return forms  # the common case, kept quick
    if any("-" in p.text for p in name.parts):
        forms.extend(_hyphen_splits(name))
    if typed:
        forms.extend(_joined_splits(name))
    if len(name.parts) >= 3:
        forms.extend(_syllable_joins(name))
    return forms
