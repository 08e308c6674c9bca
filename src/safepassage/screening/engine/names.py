"""Split a name into given name, patronymic and surname, whatever the order and spelling."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from .keys import (
    alternate_skeletons,
    baltic_skeleton,
    fold_gender,
    looks_german,
    normalise,
    skeleton,
)
from .memory import name_memo
from .namedata import GIVEN_NAMES
from .peoples import (
    BELARUSIAN_GIVEN,
    DAUGHTER_OF,
    KOREAN_SURNAMES,
    SON_OF,
    TURKIC_PATRONYMIC,
)
from .scripts import is_armenian, script_kind, split_east_asian
from .translit import SYSTEMS, has_cyrillic, is_ukrainian_spelling, renderings


class Role(StrEnum):
    """What a part of a name is."""

    GIVEN = "given"
    PATRONYMIC = "patronymic"
    SURNAME = "surname"
    INITIAL = "initial"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class NamePart:
    """One part of a name with its keys and what it is taken to be."""

    text: str
    norm: str
    skel: str
    role: Role
    given: frozenset[int]
    father: frozenset[int]
    alt: tuple[str, ...] = ()  # skeletons of other readings of an ambiguous spelling
    script: str = ""  # "abjad", "hangul" or "armenian" where comparison needs to know

    def skeletons(self) -> tuple[str, ...]:
        """The skeleton and those of the other readings."""
        return (self.skel, *self.alt)


@dataclass(frozen=True, slots=True)
class ParsedName:
    """A name as written and its parts."""

    text: str
    parts: tuple[NamePart, ...]

    def part(self, role: Role) -> NamePart | None:
        """The first part with this role, if any."""
        return next((p for p in self.parts if p.role is role), None)


class _Classes:
    """Skeleton → given-name classes, and skeleton → father's-name classes of patronymics."""

    def __init__(self) -> None:
        self.given: dict[str, set[int]] = {}
        self.given_spellings: set[str] = set()  # normalised forms, to find a name inside a word
        self.father: dict[str, set[int]] = {}
        for number, name in enumerate(GIVEN_NAMES):
            for form in _spellings((name.cyrillic, name.ukrainian)) | set(name.latin_variants):
                self.given.setdefault(key_of(form), set()).add(number)
                self.given_spellings.add(normalise(form))
            for form in _spellings(name.patronymics):
                self.father.setdefault(key_of(form), set()).add(number)
            if name.cyrillic in BELARUSIAN_GIVEN:
                for form in _spellings((BELARUSIAN_GIVEN[name.cyrillic],)):
                    self.given.setdefault(key_of(form), set()).add(number)
        # Korean surnames: every spelling of one surname also files under one shared key.
        self.surname: dict[str, str] = {}
        for line in KOREAN_SURNAMES.strip().splitlines():
            hangul, *forms = line.split()
            for form in (hangul, *forms):
                # By the letters, not the skeleton: Yun (윤) and Jun (전) share a skeleton.
                self.surname[normalise(form)] = SURNAME_CLASS_MARK + hangul


def _spellings(cyrillic_forms: tuple[str, ...]) -> set[str]:
    forms: set[str] = set()
    for form in cyrillic_forms:
        forms.add(form)
        forms.update(renderings(form).values())
        if not is_ukrainian_spelling(form):
            forms.add(str(SYSTEMS["ukrainian"].word(form.lower())))
    return forms


def key_of(text: str) -> str:
    """The gender-folded skeleton of one part."""
    return fold_gender(skeleton(normalise(text)))


@lru_cache(maxsize=1)
def _classes() -> _Classes:
    return _Classes()


def given_classes(skel: str) -> frozenset[int]:
    """The given names a spelling stands for (Aleksandr, Oleksandr, Sasha → Александр)."""
    return frozenset(_classes().given.get(skel, ()))


def is_given_spelling(norm: str) -> bool:
    """Whether a normalised word is a known spelling of a given name (ivan, iwan, ioann)."""
    return norm in _classes().given_spellings


def father_classes(skel: str) -> frozenset[int]:
    """The fathers' names a patronymic spelling stands for (Iourievitch → Юрий)."""
    return frozenset(_classes().father.get(skel, ()))


SURNAME_CLASS_MARK = "#"


def surname_class(norm: str) -> str | None:
    """The shared key of a surname with several spellings (Choi, Choe, Цой → 최), if any."""
    return _classes().surname.get(norm)


def class_label(number: int) -> str:
    """The Cyrillic form of a given-name class, for explanations."""
    return GIVEN_NAMES[number].cyrillic


_PATRONYMIC_ENDING = re.compile(r"(?:[oe]v|[^aeiou]i|ev)iX$|[oei]vna$|iXna$")
_SURNAME_ENDING = re.compile(r"(?:ov|ev|in|ski|Cki|enko|uk|iX|ik|ai)$")
_PARENTHESES = re.compile(r"\([^)]*\)|\[[^]]*\]")
_TOKEN = re.compile(r"[^\s,;]+")
_INITIALS = re.compile(r"^(?:[^\W\d_]{1,2}\.-?)+$")
_INITIAL_RUN = re.compile(r"\.(?=[^\W\d_])")  # I.P.Petrov: a dot right before a letter
_TURKIC_MARKERS = SON_OF | DAUGHTER_OF
_ARMENIAN_H = re.compile(r"^h|(?<=[aeiou])h(?=[aeiou])")
_HEBREW_END = re.compile(r"[\u05d0-\u05ea]'$")
_MARKER_LENGTH = 7  # o'g'li with its signs


@name_memo(300_000)
def make_part(text: str, role: Role = Role.OTHER, german: bool = False) -> NamePart:
    """A name part with its keys; the role is kept as given.

    `german` says the rest of the name is written the German way, so that an initial s may
    stand for з (Simin for Зимин) even in a part that shows no German letters itself.
    """
    norm = normalise(text)
    skel = fold_gender(skeleton(norm))
    readings = alternate_skeletons(norm, german=german)
    alt = tuple(dict.fromkeys(fold_gender(a) for a in readings if a))
    alt = tuple(a for a in alt if a != skel)
    if alt and given_classes(skel) and (baltic := baltic_skeleton(norm)) in alt:
        # Denis and Boris are names as they stand: no case ending to take off.
        alt = tuple(a for a in alt if a != baltic)
    if not text.isascii() and is_armenian(text):
        # Russian forms of Armenian names drop h at the start and between vowels (Айк, Саакян).
        without_h = fold_gender(skeleton(_ARMENIAN_H.sub("", norm)))
        if without_h != skel:
            alt = (*alt, without_h)
    short = len(skel) < 2 and text.isascii()  # a Latin "I" is an initial, Hangul 이 a surname
    if role is not Role.INITIAL and not short and (shared := surname_class(norm)):
        alt = (*alt, shared)
    script = script_kind(text) if not text.isascii() else ""
    return NamePart(text, norm, skel, role, given_classes(skel), father_classes(skel), alt, script)


def looks_like_patronymic(part: NamePart) -> bool:
    """A known patronymic, or a part with a patronymic ending (-ovich, -evna, -ovych, -ichna)."""
    # Short words ending like a patronymic (Ivna, a typo of Ivan) are not taken for one.
    return (
        bool(part.father)
        or (len(part.norm) >= 7 and bool(_PATRONYMIC_ENDING.search(part.skel)))
        or (len(part.norm) >= 6 and TURKIC_PATRONYMIC.match(part.norm) is not None)
    )


def _looks_like_surname(part: NamePart) -> bool:
    return bool(_SURNAME_ENDING.search(part.skel))


@name_memo(200_000)
def _fits(text: str) -> dict[str, float]:
    """How well one part fits each role: G given name, P patronymic, S surname, X unknown."""
    part = make_part(text)
    patronymic = looks_like_patronymic(part)
    surname_like = _looks_like_surname(part)
    surname = 1.0 if surname_like else 0.0
    if part.given and not surname_like:
        surname -= 1.5
    if patronymic:
        surname -= 1.0  # Abramovich and Petrovich are surnames too, so not ruled out
    return {
        "G": 2.0 if part.given else (-2.0 if patronymic else 0.0),
        "P": 3.0 if patronymic else -4.0,
        "S": surname,
        "X": 0.0,
    }


SHOUTING_BONUS = 2.0  # lists print the surname in capitals: IVANOV Ivan


_TEMPLATES = {
    1: (("X", 0.0),),
    2: (("GS", 0.4), ("SG", 0.3), ("GP", 0.0)),
    3: (("GPS", 0.6), ("SGP", 0.5), ("GSP", -0.5)),
}
_ROLE_OF = {"G": Role.GIVEN, "P": Role.PATRONYMIC, "S": Role.SURNAME, "X": Role.OTHER}


def _assign(parts: list[NamePart], shouting: list[bool], surname_first: bool) -> list[Role]:
    n = len(parts)
    if n in _TEMPLATES:
        best, best_score = "", float("-inf")
        for template, prior in _TEMPLATES[n]:
            if surname_first and template[0] != "S":
                continue
            score = prior
            for part, role, loud in zip(parts, template, shouting, strict=True):
                score += _fits(part.text)[role] + (SHOUTING_BONUS if loud and role == "S" else 0.0)
            if score > best_score:
                best, best_score = template, score
        if best == "X" and looks_like_patronymic(parts[0]):
            return [Role.PATRONYMIC]
        return [_ROLE_OF[r] for r in best]
    # Four parts or more: a double given name or surname, or a title left in.
    roles = [Role.SURNAME] * n
    patronymic = next((i for i in range(n - 1, 0, -1) if looks_like_patronymic(parts[i])), None)
    if patronymic is not None:
        roles[patronymic] = Role.PATRONYMIC
        roles[patronymic - 1] = Role.GIVEN
    else:
        given = next((i for i, p in enumerate(parts) if p.given), 0)
        roles[given] = Role.GIVEN
    return roles


def _tokens(text: str) -> tuple[list[str], bool]:
    cleaned = _PARENTHESES.sub(" ", text) if ("(" in text or "[" in text) else text
    surname_first = "," in cleaned and cleaned.index(",") < len(cleaned.rstrip(", ")) - 1
    if "." in cleaned:
        cleaned = _INITIAL_RUN.sub(". ", cleaned)
    tokens: list[str] = []
    words = _TOKEN.findall(cleaned)
    if len(words) == 1 and len(east_asian := split_east_asian(words[0])) == 2:
        return east_asian, True  # 王伟, 김정은: the surname comes first
    for token in words:
        if "." in token and _INITIALS.match(token):
            tokens.extend(t + "." for t in re.split(r"[.-]", token) if t)
            continue
        # A final apostrophe is a Hebrew geresh (גורביץ' for ч), not punctuation.
        token = token.strip('."-').lstrip("'")
        if token.endswith("'") and not _HEBREW_END.search(token):
            token = token.rstrip("'")
        if (
            tokens
            and len(token) <= _MARKER_LENGTH
            and normalise(token) in _TURKIC_MARKERS
            and not tokens[-1].endswith(".")
        ):
            tokens[-1] = f"{tokens[-1]} {token}"  # Abish uly, Heydar oglu: one patronymic
            continue
        for piece in _camel_pieces(token):
            tokens.extend(split_east_asian(piece))
    return [t for t in tokens if t], surname_first


def _camel_pieces(token: str) -> list[str]:
    """IvanPetrov written as one word: split where a capital follows a small letter.

    Pieces shorter than three letters stay joined (McDonald, DeNiro).
    """
    if token.isupper() or token[1:].islower() or len(token) < 6:
        return [token]
    cuts = [
        i
        for i in range(3, len(token) - 2)
        if token[i].isupper() and token[i - 1].islower() and token[i - 3 : i].isalpha()
    ]
    if not cuts or not token[cuts[-1] :][1:3].islower():
        return [token]
    pieces, start = [], 0
    for cut in cuts:
        pieces.append(token[start:cut])
        start = cut
    pieces.append(token[start:])
    return pieces


@name_memo(200_000)
def parse_name(text: str) -> ParsedName:
    """Split a full name into parts and decide which is the given name, patronymic and surname."""
    tokens, surname_first = _tokens(text)
    words = [t for t in tokens if not t.endswith(".")]
    german = any(looks_german(normalise(t)) for t in words)
    parts = [make_part(t, german=german) for t in words]
    parts = [p for p in parts if p.norm]
    mixed_case = any(not t.isupper() for t in words)
    shouting = [p.text.isupper() and len(p.text) > 1 and mixed_case for p in parts]
    roles = _assign(parts, shouting, surname_first) if parts else []
    if len(tokens) == 2 and split_east_asian(text.strip()) == tokens:
        # 王伟, 김정은: the surname is first, but the Latin forms they are compared with may put
        # it anywhere; roles are left open, each part taking the role of the part it meets.
        roles = [Role.OTHER, Role.OTHER]
    out = [make_part(p.text, role, german) for p, role in zip(parts, roles, strict=True)]
    out.extend(make_part(t, Role.INITIAL) for t in tokens if t.endswith("."))
    return ParsedName(text, tuple(p for p in out if p.norm))


def structured_name(
    given: str | None, patronymic: str | None, surname: str | None, text: str | None = None
) -> ParsedName:
    """A name whose parts a list already told apart (firstName, fatherName, lastName)."""
    parts: list[NamePart] = []
    for value, role in (
        (given, Role.GIVEN),
        (patronymic, Role.PATRONYMIC),
        (surname, Role.SURNAME),
    ):
        for token in _tokens(value or "")[0]:
            part = make_part(token, Role.INITIAL if token.endswith(".") else role)
            if part.norm:
                parts.append(part)
    shown = text or " ".join(v for v in (given, patronymic, surname) if v)
    return ParsedName(shown, tuple(parts))


def is_cyrillic_name(text: str) -> bool:
    """Whether the name is written in Cyrillic."""
    return has_cyrillic(text)
