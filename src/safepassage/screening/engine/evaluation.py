"""A seeded generator of Russian people, of their names as others write them, of look-alikes."""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache

from .dates import PartialDate
from .namedata import FEMALE_NAMES, MALE_NAMES, SURNAMES, feminine_surname, generated_surnames
from .translit import render

# Systems a list entry is written in, and systems a query may come in (Cyrillic included).
LIST_SYSTEMS = ("bgn_pcgn", "icao", "mvd_1997", "wikipedia", "gost_52535")
QUERY_SYSTEMS = (
    "icao", "gost_52535", "mvd_1997", "mvd_1997_fr", "mvd_2000", "bgn_pcgn", "gost_779_a",
    "gost_779_b", "scholarly", "wikipedia", "telegram", "german", "french",
    "russian_via_ukrainian", "cyrillic",
)  # fmt: skip
ORDERS = (("GPS", 0.35), ("SGP", 0.3), ("GS", 0.15), ("SG", 0.12), ("S,GP", 0.08))
TYPO_RATE = 0.2
WESTERN_FORM_RATE = 0.08
FEMALE_SHARE = 0.1


@dataclass(frozen=True, slots=True)
class Person:
    """Someone invented: indexes into the name tables, so identity is exact."""

    given: int  # into MALE_NAMES or FEMALE_NAMES
    father: int  # into MALE_NAMES
    surname: int  # into all_surnames()
    female: bool
    birth: PartialDate | None

    def identity(self) -> tuple[bool, int, int, int]:
        """What makes two invented people namesakes."""
        return (self.female, self.given, self.father, self.surname)

    def cyrillic_parts(self) -> tuple[str, str, str]:
        """Given name, patronymic and surname in Cyrillic."""
        given = (FEMALE_NAMES if self.female else MALE_NAMES)[self.given].cyrillic
        patronymic = MALE_NAMES[self.father].patronymics[1 if self.female else 0]
        surname = all_surnames()[self.surname]
        return given, patronymic, feminine_surname(surname) if self.female else surname


@cache
def all_surnames() -> tuple[str, ...]:
    """The common surnames followed by the generated ones."""
    return SURNAMES + generated_surnames()


@dataclass(frozen=True, slots=True)
class Variant:
    """A name as someone wrote it, and how it was made."""

    text: str
    system: str
    order: str
    with_patronymic: bool
    typo: str | None


class PeopleGenerator:
    """Invents people with realistic name frequencies; the same seed gives the same people."""

    def __init__(self, seed: int = 1) -> None:
        self.rng = random.Random(seed)  # noqa: S311 - invented test data, reproducible by design
        surnames = all_surnames()
        # Surnames repeat as in life: a few very common ones, a long tail of rare ones.
        self._surname_weights = [1.0 / (rank + 5) ** 0.9 for rank in range(len(surnames))]
        self._male_weights = [n.weight for n in MALE_NAMES]
        self._female_weights = [n.weight for n in FEMALE_NAMES]

    def person(self) -> Person:
        """One invented person."""
        rng = self.rng
        female = rng.random() < FEMALE_SHARE
        weights = self._female_weights if female else self._male_weights
        given = rng.choices(range(len(weights)), weights)[0]
        father = rng.choices(range(len(MALE_NAMES)), self._male_weights)[0]
        surname = rng.choices(range(len(self._surname_weights)), self._surname_weights)[0]
        return Person(given, father, surname, female, self.birth_date())

    def birth_date(self) -> PartialDate | None:
        """A birth date known to the day, the month, the year, or not at all."""
        rng = self.rng
        roll = rng.random()
        if roll < 0.1:
            return None
        year, month, day = rng.randint(1960, 2004), rng.randint(1, 12), rng.randint(1, 28)
        if roll < 0.75:
            return PartialDate(year, month, day)
        if roll < 0.85:
            return PartialDate(year, month)
        return PartialDate(year)

    def people(self, count: int) -> Iterator[Person]:
        """`count` invented people."""
        for _ in range(count):
            yield self.person()


def _render(word: str, system: str) -> str:
    return word if system == "cyrillic" else render(word, system)


def _typo(rng: random.Random, word: str) -> tuple[str, str]:
    letters = list(word)
    if len(letters) < 4:
        return word, ""
    i = rng.randrange(1, len(letters) - 1)
    kind = rng.choice(("drop", "double", "swap", "replace"))
    if kind == "drop":
        del letters[i]
    elif kind == "double":
        letters.insert(i, letters[i])
    elif kind == "swap":
        letters[i], letters[i + 1] = letters[i + 1], letters[i]
    else:
        pool = "аеиоунстрлк" if "а" <= letters[i].lower() <= "я" else "aeiounstrlk"
        letters[i] = rng.choice([c for c in pool if c != letters[i].lower()])
    return "".join(letters), f"{kind} in {word}"


def render_person(
    person: Person, system: str, order: str, *, typo: bool = False, rng: random.Random | None = None
) -> Variant:
    """Write a person's name in one system and order, optionally with one typing error."""
    rng = rng or random.Random(0)  # noqa: S311 - invented test data, reproducible by design
    given, patronymic, surname = (_render(p, system) for p in person.cyrillic_parts())
    note = None
    if typo:
        which = rng.choice(("G", "S") if "P" not in order else ("G", "P", "S"))
        if which == "G":
            given, note = _typo(rng, given)
        elif which == "P":
            patronymic, note = _typo(rng, patronymic)
        else:
            surname, note = _typo(rng, surname)
    pieces = {"G": given, "P": patronymic, "S": surname}
    if order == "S,GP":
        text = f"{surname}, {given} {patronymic}"
    else:
        text = " ".join(pieces[c] for c in order)
    return Variant(text, system, order, "P" in order, note or None)


def random_variant(person: Person, rng: random.Random) -> Variant:
    """The name as a vetter might type it or a document might print it."""
    system = rng.choice(QUERY_SYSTEMS)
    order = rng.choices([o for o, _ in ORDERS], [w for _, w in ORDERS])[0]
    variant = render_person(person, system, order, typo=rng.random() < TYPO_RATE, rng=rng)
    if not person.female and rng.random() < WESTERN_FORM_RATE and system != "cyrillic":
        forms = MALE_NAMES[person.given].latin_variants
        given = _render(person.cyrillic_parts()[0], system)
        western = rng.choice(forms)
        return Variant(
            variant.text.replace(given, western, 1), system, order, variant.with_patronymic,
            (variant.typo or "") + f" given name written {western}",
        )  # fmt: skip
    return variant


NEGATIVE_KINDS = ("other_surname", "other_patronymic", "other_given")


def hard_negative(person: Person, kind: str, rng: random.Random) -> Person:
    """A different person whose name shares all but one part with `person`."""
    if kind == "other_surname":
        choices = [i for i in range(len(all_surnames())) if i != person.surname]
        return Person(person.given, person.father, rng.choice(choices), person.female, None)
    if kind == "other_patronymic":
        choices = [i for i in range(len(MALE_NAMES)) if i != person.father]
        return Person(person.given, rng.choice(choices), person.surname, person.female, None)
    if kind == "other_given":
        pool = FEMALE_NAMES if person.female else MALE_NAMES
        choices = [i for i in range(len(pool)) if i != person.given]
        return Person(rng.choice(choices), person.father, person.surname, person.female, None)
    raise ValueError(f"unknown kind of negative: {kind}")


@dataclass(frozen=True, slots=True)
class Case:
    """One evaluation query: what is typed, who is meant, and who it must not alert on."""

    query: str
    birth: PartialDate | None
    target: int | None  # position of the true person in the list, None for a negative
    truth: Person
    kind: str
    variant: Variant
    source: int | None = None  # for a negative: the listed person it was made to resemble


def evaluation_cases(
    listed: Sequence[Person], seed: int, positives: int, negatives: int
) -> list[Case]:
    """Variants of listed people and hard look-alikes of them, reproducibly."""
    rng = random.Random(seed)  # noqa: S311 - invented test data, reproducible by design
    cases = []
    for _ in range(positives):
        target = rng.randrange(len(listed))
        person = listed[target]
        variant = random_variant(person, rng)
        cases.append(Case(variant.text, person.birth, target, person, "variant", variant))
    for _ in range(negatives):
        position = rng.randrange(len(listed))
        kind = rng.choice(NEGATIVE_KINDS)
        other = hard_negative(listed[position], kind, rng)
        system = rng.choice(QUERY_SYSTEMS)
        variant = render_person(other, system, rng.choice(("GPS", "SGP")))
        cases.append(Case(variant.text, None, None, other, kind, variant, position))
    return cases
