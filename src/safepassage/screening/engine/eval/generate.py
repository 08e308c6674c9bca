"""Generate the labelled evaluation set of name pairs; the same seed always writes the same file.

Run: python -m safepassage.screening.engine.eval.generate [--check]

Writes pairs.csv beside this file (or, with --check, fails if the file differs from what the
generator makes). Each pair says what kind of variant it is, which naming convention made the
query (conventions.md gives the source of each) and whether the two names are one person.
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import sys
from collections import Counter
from dataclasses import astuple, dataclass
from pathlib import Path

import iuliia

from ..namedata import FEMALE_NAMES, MALE_NAMES, SURNAMES, feminine_surname
from .conventions import FOREIGN
from .scripts import more_pairs

SEED = 18
HERE = Path(__file__).resolve().parent
PAIRS_FILE = HERE / "pairs.csv"
FIELDS = (
    "id", "kind", "convention", "label", "query", "query_birth", "listed", "listed_birth", "note",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Pair:
    """One labelled pair: a name as typed or printed, and a list entry."""

    id: str
    kind: str
    convention: str
    label: str  # "match" or "non-match"
    query: str
    query_birth: str
    listed: str
    listed_birth: str
    note: str

    @property
    def match(self) -> bool:
        """Whether the two names are one person."""
        return self.label == "match"


class Maker:
    """Collects pairs with ids numbered per kind."""

    def __init__(self, seed: int = SEED) -> None:
        self.rng = random.Random(seed)  # noqa: S311 - invented test data, reproducible by design
        self.pairs: list[Pair] = []
        self._counts: Counter[str] = Counter()

    def add(
        self, kind: str, convention: str, match: bool, query: str, listed: str, note: str = "",
        query_birth: str = "", listed_birth: str = "",
    ) -> None:  # fmt: skip
        """Add one pair."""
        self._counts[kind] += 1
        label = "match" if match else "non-match"
        self.pairs.append(
            Pair(f"{kind}-{self._counts[kind]:03d}", kind, convention, label, query, query_birth,
                 listed, listed_birth, note)
        )  # fmt: skip

    def birth(self) -> str:
        """A birth date in ISO form."""
        rng = self.rng
        return f"{rng.randint(1965, 2004)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def icao(text: str) -> str:
    """Cyrillic as Russian foreign passports write it (ICAO Doc 9303)."""
    return str(iuliia.ICAO_DOC_9303.translate(text))


def bgn(text: str) -> str:
    """Cyrillic as many sanctions lists write it (BGN/PCGN)."""
    return str(iuliia.BGN_PCGN.translate(text)).replace("ё", "ë")


def patronymic_of(father: str, female: bool) -> str:
    """A Russian-style patronymic from any father's name in Cyrillic."""
    for name in MALE_NAMES:
        if name.cyrillic == father:
            return name.patronymics[1 if female else 0]
    stem = father[:-1] if father[-1] in "ьй" else father
    soft = father[-1] in "аяиуоэьй"
    return stem + ("евна" if soft else "овна") if female else stem + ("евич" if soft else "ович")


@dataclass(frozen=True, slots=True)
class Russian:
    """An invented Russian person, in Cyrillic."""

    given: str
    patronymic: str
    surname: str
    female: bool
    birth: str

    def parts(self) -> tuple[str, str, str]:
        return self.given, self.patronymic, self.surname


def russian(maker: Maker, female: bool | None = None) -> Russian:
    """A person with common Russian names."""
    rng = maker.rng
    woman = rng.random() < 0.15 if female is None else female
    given = rng.choice(FEMALE_NAMES if woman else MALE_NAMES[:60]).cyrillic
    father = rng.choice(MALE_NAMES[:60]).cyrillic
    surname = rng.choice(SURNAMES[:150])
    surname = feminine_surname(surname) if woman else surname
    return Russian(given, patronymic_of(father, woman), surname, woman, maker.birth())


def listed_form(maker: Maker, person: Russian, with_patronymic: bool = True) -> str:
    """How a list prints the person: ICAO or BGN/PCGN, sometimes surname first in capitals."""
    system = icao if maker.rng.random() < 0.6 else bgn
    given, patronymic, surname = (system(p) for p in person.parts())
    if maker.rng.random() < 0.25:
        return (
            f"{surname.upper()} {given} {patronymic}"
            if with_patronymic
            else f"{surname.upper()} {given}"
        )
    return f"{given} {patronymic} {surname}" if with_patronymic else f"{given} {surname}"


def foreign_pairs(maker: Maker, per_language: int = 45) -> None:
    """Russian names as Latvian, Lithuanian, Polish, Czech, Serbian, Spanish, Italian write them."""
    for language, convert in FOREIGN.items():
        for _ in range(per_language):
            person = russian(maker)
            man = not person.female
            given, surname = (
                convert(person.given.lower(), man),
                convert(person.surname.lower(), man),
            )
            patronymic = convert(person.patronymic.lower(), man)
            baltic = language in ("latvian", "lithuanian")
            if not baltic and maker.rng.random() < 0.35:
                query = f"{given} {patronymic} {surname}"
            else:
                query = f"{surname} {given}" if maker.rng.random() < 0.3 else f"{given} {surname}"
            maker.add(language, language, True, query, listed_form(maker, person))


def joined_split_pairs(maker: Maker, count: int = 120) -> None:
    """Names run together, split apart or hyphenated differently."""
    rng = maker.rng
    for number in range(count):
        person = russian(maker, female=False)
        given, patronymic, surname = (icao(p) for p in person.parts())
        style = number % 6
        listed = listed_form(maker, person)
        if style == 0:
            query, note = f"{given}-{surname}", "given name and surname hyphenated"
        elif style == 1:
            query, note = f"{given}{surname}", "given name and surname run together"
        elif style == 2:
            query, note = f"{given}{surname}".lower(), "run together in small letters"
            query = f"{surname}{given}".lower() if rng.random() < 0.3 else query
        elif style == 3:
            second = icao(rng.choice(SURNAMES[:150]))
            listed = f"{given} {patronymic} {surname}-{second}"
            query, note = f"{given} {surname} {second}", "double surname written apart"
        elif style == 4:
            second = icao(rng.choice(SURNAMES[:150]))
            listed = f"{given} {patronymic} {surname} {second}"
            query, note = f"{surname}-{second} {given}", "two surnames hyphenated"
        else:
            woman = rng.choice(FEMALE_NAMES[:15]).cyrillic
            other = rng.choice(FEMALE_NAMES[15:]).cyrillic
            family = icao(feminine_surname(rng.choice(SURNAMES[:150])))
            listed = f"{icao(woman)}-{icao(other)} {family}"
            query, note = f"{icao(woman)} {icao(other)} {family}", "double given name apart"
        maker.add("joined_split", "joined_split", True, query, listed, note)


def initials_pairs(maker: Maker, count: int = 60, negatives: int = 30) -> None:
    """Initials for the given name and patronymic; the birth date agrees, as on a document."""
    rng = maker.rng
    for number in range(count + negatives):
        person = russian(maker)
        given, patronymic, surname = (icao(p) for p in person.parts())
        g, p = given[0], patronymic[0]
        style = number % 5
        if style == 4 and person.female:
            other = icao(rng.choice(FEMALE_NAMES[15:]).cyrillic)
            listed_name = f"{given}-{other} {surname}"
            query = f"{g}.-{other[0]}. {surname}"
        else:
            listed_name = f"{given} {patronymic} {surname}"
            query = (f"{g}. {surname}", f"{g}.{p}. {surname}", f"{surname} {g}.{p}.",
                     f"{g}. {p}. {surname}", f"{g}. {surname}")[style]  # fmt: skip
        if number < count:
            maker.add(
                "initials", "initials", True, query, listed_name, "", person.birth, person.birth
            )
        else:
            other_year = str(int(person.birth[:4]) + rng.choice((-7, -3, 4, 9)))
            maker.add("initials", "initials", False, query, listed_name,
                      "same initials and surname, another birth date",
                      other_year + person.birth[4:], person.birth)  # fmt: skip


_DIGITS = {"o": "0", "e": "3", "a": "4", "i": "1", "s": "5"}


def digit_pairs(maker: Maker, count: int = 60) -> None:
    """Digits typed for the letters they look like."""
    rng = maker.rng
    for _ in range(count):
        person = russian(maker)
        words = [icao(person.given), icao(person.surname)]
        for _ in range(rng.choice((1, 2, 2, 3))):
            which = rng.randrange(2)
            word = words[which]
            spots = [i for i, ch in enumerate(word) if ch.lower() in _DIGITS and i > 0]
            if spots:
                i = rng.choice(spots)
                words[which] = word[:i] + _DIGITS[word[i].lower()] + word[i + 1 :]
        maker.add("digits", "digits", True, " ".join(words), listed_form(maker, person))


def _typo(rng: random.Random, word: str) -> str:
    i = rng.randrange(1, len(word) - 1)
    kind = rng.choice(("drop", "double", "swap", "replace"))
    if kind == "drop":
        return word[:i] + word[i + 1 :]
    if kind == "double":
        return word[:i] + word[i] + word[i:]
    if kind == "swap":
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    return word[:i] + rng.choice([c for c in "aeiounrstlk" if c != word[i]]) + word[i + 1 :]


def typo_and_dropped_pairs(maker: Maker, typos: int = 60, dropped: int = 40) -> None:
    """One typing error in one part; one middle name left out."""
    rng = maker.rng
    for _ in range(typos):
        person = russian(maker)
        words = [icao(person.given), icao(person.patronymic), icao(person.surname)]
        which = rng.choice((0, 2, 2, 1))
        words[which] = _typo(rng, words[which])
        maker.add("typo", "typo", True, " ".join(words), listed_form(maker, person))
    for number in range(dropped):
        person = russian(maker, female=False)
        given, patronymic, surname = (icao(p) for p in person.parts())
        middle = icao(rng.choice(MALE_NAMES[:60]).cyrillic)
        if number % 2:
            listed, query = (
                f"{given} {middle} {patronymic} {surname}",
                f"{given} {patronymic} {surname}",
            )
        else:
            listed, query = f"{given} {middle} {surname}", f"{given} {surname}"
        maker.add("dropped_middle", "dropped_middle", True, query, listed)


_BELARUSIAN_GIVEN = {
    "Александр": "Аляксандр", "Сергей": "Сяргей", "Дмитрий": "Дзмітрый", "Андрей": "Андрэй",
    "Алексей": "Аляксей", "Николай": "Мікалай", "Владимир": "Уладзімір", "Виктор": "Віктар",
    "Олег": "Алег", "Павел": "Павел", "Иван": "Іван", "Михаил": "Міхаіл", "Юрий": "Юрый",
}  # fmt: skip


def belarusian_spelling(word: str) -> str:
    """A Russian surname respelt in Belarusian Cyrillic: і for и, ў for a final в, шч for щ."""
    out = word.replace("щ", "шч").replace("и", "і").replace("И", "І")
    return out[:-1] + "ў" if out.endswith("ов") or out.endswith("ев") else out


def ukrainian_belarusian_pairs(maker: Maker, count: int = 60) -> None:
    """Names in Ukrainian or Belarusian Cyrillic against the Russian form on the list."""
    rng = maker.rng
    for number in range(count):
        person = russian(maker, female=False)
        if number % 2:
            given = next(n.ukrainian for n in MALE_NAMES if n.cyrillic == person.given)
            surname = person.surname.replace("и", "і").replace("ы", "и").replace("ё", "ьо")
            query, convention = f"{given} {surname}", "ukrainian_cyrillic"
        else:
            found = _BELARUSIAN_GIVEN.get(person.given)
            if found is None:
                found = rng.choice(sorted(_BELARUSIAN_GIVEN.values()))
                person = Russian(
                    next(k for k, v in _BELARUSIAN_GIVEN.items() if v == found),
                    person.patronymic, person.surname, False, person.birth,
                )  # fmt: skip
            query, convention = (
                f"{found} {belarusian_spelling(person.surname)}",
                "belarusian_cyrillic",
            )
        maker.add("other_script", convention, True, query, listed_form(maker, person))


_SWAPPABLE = (
    ("Иван", "Иванов"), ("Пётр", "Петров"), ("Павел", "Павлов"), ("Роман", "Романов"),
    ("Борис", "Борисов"), ("Александр", "Александров"), ("Сергей", "Сергеев"),
    ("Никита", "Никитин"), ("Денис", "Денисов"), ("Антон", "Антонов"), ("Егор", "Егоров"),
    ("Кирилл", "Кириллов"), ("Максим", "Максимов"), ("Матвей", "Матвеев"), ("Андрей", "Андреев"),
    ("Фёдор", "Фёдоров"), ("Николай", "Николаев"), ("Григорий", "Григорьев"),
    ("Тимофей", "Тимофеев"), ("Семён", "Семёнов"), ("Степан", "Степанов"), ("Филипп", "Филиппов"),
    ("Захар", "Захаров"), ("Яков", "Яковлев"), ("Михаил", "Михайлов"), ("Василий", "Васильев"),
    ("Дмитрий", "Дмитриев"), ("Алексей", "Алексеев"), ("Богдан", "Богданов"), ("Тарас", "Тарасов"),
    ("Кузьма", "Кузьмин"), ("Илья", "Ильин"), ("Фома", "Фомин"), ("Ефим", "Ефимов"),
)  # fmt: skip


def _render_query(maker: Maker, person: Russian, with_patronymic: bool) -> tuple[str, str]:
    rng = maker.rng
    convention = rng.choice(("icao", "bgn_pcgn", "cyrillic", *sorted(FOREIGN)))
    man = not person.female
    if convention == "icao":
        words = [icao(w) for w in person.parts()]
    elif convention == "bgn_pcgn":
        words = [bgn(w) for w in person.parts()]
    elif convention == "cyrillic":
        words = list(person.parts())
    else:
        words = [FOREIGN[convention](w.lower(), man) for w in person.parts()]
    given, patronymic, surname = words
    text = f"{given} {patronymic} {surname}" if with_patronymic else f"{given} {surname}"
    return text, convention


def russian_negative_pairs(maker: Maker, relatives: int = 150, patronymics: int = 100,
                           swapped: int = 80) -> None:  # fmt: skip
    """Different people with names that share much: relatives, namesakes, swapped names."""
    rng = maker.rng
    for number in range(relatives):
        listed = russian(maker, female=False)
        kind = number % 3
        if kind == 0:  # his son: the father's given name is the son's patronymic
            son = rng.choice([n for n in MALE_NAMES[:60] if n.cyrillic != listed.given]).cyrillic
            other = Russian(son, patronymic_of(listed.given, False), listed.surname, False, "")
            note = "son of the listed man"
        elif kind == 1:  # his brother
            brother = rng.choice([n for n in MALE_NAMES[:60] if n.cyrillic != listed.given])
            other = Russian(brother.cyrillic, listed.patronymic, listed.surname, False, "")
            note = "brother of the listed man"
        else:  # his sister
            sister = rng.choice(FEMALE_NAMES).cyrillic
            stem = listed.patronymic[:-3] if listed.patronymic.endswith("вич") else ""
            other = Russian(sister, (stem + "вна") if stem else listed.patronymic,
                            feminine_surname(listed.surname), True, "")  # fmt: skip
            note = "sister of the listed man"
        query, convention = _render_query(maker, other, rng.random() < 0.7)
        maker.add("relative", convention, False, query, listed_form(maker, listed), note)
    for _ in range(patronymics):
        listed = russian(maker)
        father = rng.choice([n for n in MALE_NAMES[:60] if n.patronymics[0] != listed.patronymic])
        other = Russian(listed.given, patronymic_of(father.cyrillic, listed.female),
                        listed.surname, listed.female, "")  # fmt: skip
        query, convention = _render_query(maker, other, True)
        maker.add("other_patronymic", convention, False, query, listed_form(maker, listed),
                  "same given name and surname, another father")  # fmt: skip
    for _ in range(swapped):
        (a, a_surname), (b, b_surname) = rng.sample(_SWAPPABLE, 2)
        one = Russian(a, patronymic_of(rng.choice(MALE_NAMES[:60]).cyrillic, False), b_surname,
                      False, "")  # fmt: skip
        two = Russian(b, one.patronymic if rng.random() < 0.5 else patronymic_of("Олег", False),
                      a_surname, False, "")  # fmt: skip
        query, convention = _render_query(maker, one, rng.random() < 0.5)
        maker.add("swapped", convention, False, query, listed_form(maker, two, rng.random() < 0.5),
                  "given name and surname swapped: another man")  # fmt: skip


def generate(seed: int = SEED) -> list[Pair]:
    """Every pair of the set, in a fixed order."""
    maker = Maker(seed)
    foreign_pairs(maker)
    joined_split_pairs(maker)
    initials_pairs(maker)
    digit_pairs(maker)
    typo_and_dropped_pairs(maker)
    ukrainian_belarusian_pairs(maker)
    russian_negative_pairs(maker)
    more_pairs(maker)
    return maker.pairs


def to_csv(pairs: list[Pair]) -> str:
    """The pairs as CSV text."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(FIELDS)
    writer.writerows(astuple(p) for p in pairs)
    return out.getvalue()


def load_pairs(path: Path = PAIRS_FILE) -> list[Pair]:
    """Read the set back from its CSV file."""
    with path.open(encoding="utf-8", newline="") as stream:
        reader = csv.DictReader(stream)
        return [Pair(**{k: row[k] for k in FIELDS}) for row in reader]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="fail if pairs.csv is not current")
    args = parser.parse_args(argv)
    text = to_csv(generate())
    if args.check:
        current = PAIRS_FILE.read_text(encoding="utf-8") if PAIRS_FILE.exists() else ""
        if current != text:
            print("pairs.csv differs from what the generator makes", file=sys.stderr)
            return 1
        print("pairs.csv is current")
        return 0
    PAIRS_FILE.write_text(text, encoding="utf-8")
    print(f"wrote {text.count(chr(10)) - 1} pairs to {PAIRS_FILE.name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
