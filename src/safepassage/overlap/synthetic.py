"""Invented people for the shared-case tests and the benchmark: two organisations' sets with
planted shared people written differently on each side. No Django here; the same seed always
gives the same people, and no line describes a real person."""

from __future__ import annotations

import random
from dataclasses import dataclass

from safepassage.overlap.tokens import person_tokens
from safepassage.screening.engine.namedata import (
    FEMALE_NAMES,
    MALE_NAMES,
    SURNAMES,
    feminine_surname,
    generated_surnames,
)
from safepassage.screening.engine.translit import render

# Romanisations a document or a partner's file may use for the same person.
SYSTEMS = ("icao", "gost_52535", "mvd_1997", "mvd_1997_fr", "bgn_pcgn", "german", "french")


@dataclass(frozen=True)
class Person:
    given: str
    patronymic: str
    surname: str
    birth: str

    def cyrillic(self) -> str:
        return f"{self.surname} {self.given} {self.patronymic}"


@dataclass(frozen=True)
class Written:
    """A person as one organisation recorded him: names and birth date as typed."""

    names: tuple[str, ...]
    birth: str
    shared: int | None = None  # the planted person's number, for measuring


def _person(rng: random.Random, surnames: tuple[str, ...]) -> Person:
    woman = rng.random() < 0.2
    given = rng.choice(FEMALE_NAMES if woman else MALE_NAMES).cyrillic
    father = rng.choice(MALE_NAMES)
    surname = rng.choice(surnames)
    surname = feminine_surname(surname) if woman else surname
    month = rng.randint(1, 12)
    birth = f"{rng.randint(1960, 2006)}-{month:02d}-{rng.randint(1, 28):02d}"
    return Person(given, father.patronymics[1 if woman else 0], surname, birth)


def _written(rng: random.Random, person: Person, style: int) -> tuple[tuple[str, ...], str]:
    """The person in one of several ways: Cyrillic; a romanisation; reordered; without the
    patronymic; with the birth date to the year only."""
    system = rng.choice(SYSTEMS)

    def latin(text: str) -> str:
        return render(text, system)

    # Most records hold the date from a passport; some only the year a man gave.
    birth = person.birth if rng.random() < 0.9 else person.birth[:4]
    if style == 0:
        return (person.cyrillic(),), birth
    if style == 1:
        return (latin(f"{person.given} {person.patronymic} {person.surname}"),), birth
    if style == 2:
        return (latin(f"{person.surname.upper()} {person.given}"),), birth
    return (latin(f"{person.given} {person.surname}"), latin(person.surname)), birth


def two_sides(size: int, shared: int, seed: int = 20) -> tuple[list[Written], list[Written]]:
    """Two organisations' people, `size` each, of whom `shared` are the same people written
    differently (another script or romanisation, reordered, without the patronymic)."""
    rng = random.Random(seed)  # noqa: S311 - invented test data, reproducible by design
    surnames = tuple(SURNAMES) + generated_surnames()
    planted = [_person(rng, surnames) for _ in range(shared)]
    ours: list[Written] = []
    theirs: list[Written] = []
    for number, person in enumerate(planted):
        style = rng.randrange(4)
        other = (style + 1 + rng.randrange(3)) % 4
        names, birth = _written(rng, person, style)
        ours.append(Written(names, birth, number))
        names, birth = _written(rng, person, other)
        theirs.append(Written(names, birth, number))
    for side in (ours, theirs):
        while len(side) < size:
            names, birth = _written(rng, _person(rng, surnames), rng.randrange(4))
            side.append(Written(names, birth))
        rng.shuffle(side)
    return ours, theirs


def token_index(side: list[Written]) -> dict[str, list[int]]:
    """Each token of a side with the people (by position) it stands for."""
    out: dict[str, list[int]] = {}
    for number, person in enumerate(side):
        for token in person_tokens(person.names, person.birth):
            out.setdefault(token, []).append(number)
    return out
