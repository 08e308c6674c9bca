"""Our scorer: align name parts one by one, then weigh birth date and unit as evidence."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass
from itertools import permutations
from typing import Any

from .dates import PartialDate, best_date_evidence
from .keys import (
    FOREIGN_LABELS,
    alternate_skeletons,
    osa_distance,
    reading_label,
    spelling_similarity,
)
from .memory import name_memo
from .namedata import GIVEN_NAMES
from .names import (
    SURNAME_CLASS_MARK,
    NamePart,
    ParsedName,
    Role,
    class_label,
    given_classes,
    key_of,
    make_part,
)
from .peoples import father_name, patronymic_gender
from .scripts import consonant_key
from .variants import Form, name_forms

ALERT_THRESHOLD = 0.80
# Below this the name itself is too weak to alert, whatever birth date or unit add.
NAME_FLOOR = 0.72
AGREES = 0.78  # a part at least this similar counts as agreeing
# Given names are short and known names never fall to fuzzy matching, so a closer call is safe.
GIVEN_AGREES = 0.74

_ROLE_WEIGHT = {
    Role.SURNAME: 1.0,
    Role.GIVEN: 0.8,
    Role.PATRONYMIC: 0.5,
    Role.INITIAL: 0.3,
    Role.OTHER: 0.8,
}
# Roles of a typed query are guessed, so the same name across roles costs nothing (Ivanov Ivan;
# Abramovich is a surname too); a merely similar one across roles costs a share.
_ROLE_MIX_FACTOR = {
    frozenset((Role.GIVEN, Role.SURNAME)): 0.8,
    frozenset((Role.PATRONYMIC, Role.SURNAME)): 0.7,
    frozenset((Role.GIVEN, Role.PATRONYMIC)): 0.6,
}
SAME_NAME = 0.95
MISMATCH_PENALTY = 1.5
MISSING_QUERY_PART = 0.12
MISSING_LIST_PART = 0.04
ONE_PART_CAP = 0.6
INITIAL_CAP = 0.76  # "A. Ivanov" is worth a look, never an alert on its own
INITIAL_AGREES = 0.7
UNIT_AGREES = 0.10
# Surname endings are folded across genders; a man's and a woman's full names still differ.
GENDER_MISMATCH = 0.3


@dataclass(frozen=True, slots=True)
class PartComparison:
    """How one query part compares with one listed part."""

    similarity: float
    how: str
    same_name: bool = False  # one name though the similarity is below SAME_NAME (other script)


def _initial_compatible(initial: NamePart, word: NamePart) -> bool:
    letter, first = initial.skel[:1], word.skel[:1]
    if not letter or not first:
        return False
    # Е, Ю, Я are written E/Ye/Je, Iu/Yu/Ju, Ia/Ya/Ja: an initial I or Y may stand for them.
    return letter == first or (letter == "i" and first in "aeiou")


def compare_parts(query: NamePart, listed: NamePart, *, explain: bool = True) -> PartComparison:
    """Compare two name parts whatever their romanisation or script; the result says why.

    Without `explain` only the similarity is right: the reason may be left general.
    """
    found = _compare(query, listed, explain)
    if explain and found.similarity >= AGREES and (_has_digit(query) or _has_digit(listed)):
        return PartComparison(found.similarity, f"{found.how}, digits read as letters")
    return found


def _has_digit(part: NamePart) -> bool:
    return not part.text.isalpha() and _DIGIT.search(part.text) is not None


_DIGIT = re.compile(r"\d")
ABJAD_SAME = 0.9
FATHER_SAME = 0.95
FATHER_BARE = 0.9
NEAR = 0.55  # below this, the letters as written are not tried: the parts are other names


def _father_comparison(query: NamePart, listed: NamePart) -> PartComparison | None:
    """Patronymics written differently from one father's name: Abishuly, Abish-uly, Abishevich."""
    found_q, found_l = father_name(query.norm), father_name(listed.norm)
    if found_q is not None and found_l is not None:
        if _same_father(found_q[0], found_l[0]):
            how = f"patronymics from the same father's name ({found_l[0]})"
            return PartComparison(FATHER_SAME, how)
        return None
    # The father's name standing alone where a patronymic is expected: Ramzan Ahmad Kadyrov.
    if found_q is not None:
        bare, stem = listed, found_q[0]
    elif found_l is not None:
        bare, stem = query, found_l[0]
    else:
        return None
    bare_name = bare.role in (Role.PATRONYMIC, Role.OTHER) and len(bare.norm) >= 3
    if bare_name and _same_father(bare.norm, stem):
        how = f"the father's name ({bare.text}) without a patronymic ending"
        return PartComparison(FATHER_BARE, how)
    return None


def _same_father(a: str, b: str) -> bool:
    """Whether two fathers' names (normalised) are one name: spelling, reading or known name."""
    keys_a = {key_of(a), *alternate_skeletons(a)}
    keys_b = {key_of(b), *alternate_skeletons(b)}
    if keys_a & keys_b or given_classes(key_of(a)) & given_classes(key_of(b)):
        return True
    # One letter apart in a longer name is a spelling (Vüqar / Vugar), not another father.
    return min(len(a), len(b)) >= 5 and osa_distance(key_of(a), key_of(b), limit=2) <= 1


SAME_CONSONANTS = "same consonants"
_VOWEL_GROUPS = re.compile(r"[aeiouwy]+")


def _korean_comparison(query: NamePart, listed: NamePart) -> PartComparison:
    """Hangul against a Latin or Cyrillic spelling: a known surname's spellings, or consonants.

    Skeletons fold j and y together, which Korean keeps apart (윤 Yun, 전 Jun).
    """
    shared = {a for a in query.alt if a.startswith(SURNAME_CLASS_MARK)} & set(listed.alt)
    if shared:
        return PartComparison(0.95, f"spellings of one surname ({min(shared)[1:]})")
    return _consonant_comparison(query, listed)


_VOWELS_DIFFER = "vowels are unwritten in Arabic and Hebrew script, and spelt many ways from Korean"


def _consonant_comparison(query: NamePart, listed: NamePart) -> PartComparison:
    """A name in Arabic, Hebrew or Korean script against a Latin or Cyrillic one: consonants."""
    a, b = consonant_key(query.norm), consonant_key(listed.norm)
    if min(len(a), len(b)) < 2:
        return PartComparison(0.0, "too few consonants to compare across scripts")
    distance = osa_distance(a, b, limit=len(a) + len(b))
    korean, other = (query, listed) if query.script == "hangul" else (listed, query)
    if korean.script == "hangul" and len(korean.text) != len(_VOWEL_GROUPS.findall(other.norm)):
        # Each Hangul block is one syllable: Hyun is not 현우 (hyeon-u), whatever the consonants.
        return PartComparison(0.5, "consonants alike, but the syllables differ")
    if distance == 0:
        return PartComparison(ABJAD_SAME, f"{SAME_CONSONANTS} ({_VOWELS_DIFFER})", True)
    similarity = ABJAD_SAME * max(0.0, 1.0 - distance / max(len(a), len(b)))
    plural = "s" if distance != 1 else ""
    return PartComparison(
        similarity, f"consonants differ by {distance} letter{plural} across scripts"
    )


def _another_reading(query: NamePart, listed: NamePart) -> str:
    """Name the reading that made two spellings agree, where it is one of the less usual ones."""
    label = reading_label(query.norm, set(listed.skeletons())) or reading_label(
        listed.norm, set(query.skeletons())
    )
    if label:
        kind = "spelling" if label in FOREIGN_LABELS else "romanisation"
        return f"same name in another {kind} ({label})"
    return "same name in another romanisation or gender form"


def _compare(query: NamePart, listed: NamePart, explain: bool = True) -> PartComparison:
    if Role.INITIAL in (query.role, listed.role):
        if query.role is listed.role:
            same = query.skel[:1] == listed.skel[:1]
            return PartComparison(0.8 if same else 0.0, "same initial" if same else "other initial")
        initial, word = (query, listed) if query.role is Role.INITIAL else (listed, query)
        if _initial_compatible(initial, word):
            return PartComparison(0.75, f"initial {initial.text} fits {word.text}")
        return PartComparison(0.0, f"initial {initial.text} does not fit {word.text}")
    if query.norm == listed.norm:
        return PartComparison(1.0, "same spelling")
    if "hangul" in (query.script, listed.script) and query.script != listed.script:
        return _korean_comparison(query, listed)
    if query.skel == listed.skel:
        return PartComparison(0.97, "same name in another romanisation or gender form")
    if shared := set(query.skeletons()) & set(listed.skeletons()):
        marked = sorted(k for k in shared if k.startswith(SURNAME_CLASS_MARK))
        if len(marked) == len(shared):
            return PartComparison(0.95, f"spellings of one surname ({marked[0][1:]})")
        how = _another_reading(query, listed) if explain else "same name in another reading"
        return PartComparison(0.97, how)
    if common := query.given & listed.given:
        label = ", ".join(sorted(class_label(c) for c in common))
        return PartComparison(0.95, f"equivalent given names ({label})")
    if common := query.father & listed.father:
        label = ", ".join(sorted(class_label(c) for c in common))
        return PartComparison(0.95, f"patronymics from the same father's name ({label})")
    if found := _father_comparison(query, listed):
        return found
    if query.script != listed.script and "armenian" not in (query.script, listed.script):
        return _consonant_comparison(query, listed)
    # Each reading of one side against the main reading of the other.
    similarity, distance = max(
        [_spelling(a, listed.skel) for a in query.skeletons()]
        + [_spelling(query.skel, b) for b in listed.alt]
    )
    if NEAR <= similarity < AGREES and abs(len(query.norm) - len(listed.norm)) <= 1:
        # A typo can break a digraph the skeleton would fold (Fioatov): the letters as written.
        similarity, distance = max((similarity, distance), _spelling(query.norm, listed.norm))
    if (query.given and listed.given) or (query.father and listed.father):
        # Both are known names and not the same one: Ivan is not Ilya, however close.
        return PartComparison(min(similarity, 0.5), "different names")
    plural = "s" if distance != 1 else ""
    return PartComparison(similarity, f"similar spelling ({distance} edit{plural})")


def _bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)}


def _spelling(a: str, b: str) -> tuple[float, int]:
    # Parts with no pair of letters in common are different names: skip the edit distance.
    if len(a) > 2 and len(b) > 2 and not (_bigrams(a) & _bigrams(b)):
        return 0.0, max(len(a), len(b))
    return spelling_similarity(a, b)


def _pair_role(query: NamePart, listed: NamePart) -> tuple[Role, float]:
    """The role a pair stands for and how much a disagreement of roles costs."""
    if listed.role is Role.OTHER:
        return query.role, 1.0
    if query.role in (Role.OTHER, listed.role):
        return listed.role, 1.0
    if Role.INITIAL in (query.role, listed.role):
        other = listed.role if query.role is Role.INITIAL else query.role
        return (
            (Role.INITIAL, 1.0) if other in (Role.GIVEN, Role.PATRONYMIC) else (Role.INITIAL, 0.3)
        )
    return listed.role, _ROLE_MIX_FACTOR.get(frozenset((query.role, listed.role)), 0.5)


# What a quick comparer answers for parts it did not compare; see `_refine`.
ESTIMATED = "not compared yet"


@dataclass(frozen=True, slots=True)
class AlignedPair:
    """A query part matched to a listed part."""

    query: NamePart
    listed: NamePart
    role: Role
    similarity: float
    how: str


Comparer = Callable[[NamePart, NamePart], PartComparison]


@name_memo(500_000)
def _compare_keys(
    query: tuple[str, bool, tuple[str, ...]], listed: tuple[str, bool, tuple[str, ...]]
) -> PartComparison:
    # Keyed by text, initial or not, and the other readings (which depend on the whole name).
    parts = []
    for text, initial, alt in (query, listed):
        part = make_part(text, Role.INITIAL if initial else Role.OTHER)
        if part.alt != alt:
            part = dataclasses.replace(part, alt=alt)
        parts.append(part)
    return compare_parts(parts[0], parts[1])


def exact_comparer(q: NamePart, c: NamePart) -> PartComparison:
    """Compare two parts exactly; only initials compare differently by role."""
    return _compare_keys(
        (q.text, q.role is Role.INITIAL, q.alt), (c.text, c.role is Role.INITIAL, c.alt)
    )


PairCache = dict[tuple[int, int], tuple[float, "AlignedPair"]]


def _weighed_pair(q: NamePart, c: NamePart, compare: Comparer) -> tuple[float, AlignedPair]:
    comparison = compare(q, c)
    role, factor = _pair_role(q, c)
    same = comparison.similarity >= SAME_NAME or comparison.same_name
    similarity = comparison.similarity * (1.0 if same else factor)
    return _ROLE_WEIGHT[role] * similarity, AlignedPair(q, c, role, similarity, comparison.how)


def _same_name(comparison: PartComparison) -> bool:
    """One name, whatever role each side gave it (consonants alike across scripts count too)."""
    return comparison.similarity >= SAME_NAME or comparison.same_name


def align(
    query: ParsedName,
    listed: ParsedName,
    compare: Comparer | None = None,
    pairs: PairCache | None = None,
) -> list[AlignedPair]:
    """The one-to-one pairing of parts that agrees best, weighted by role.

    `pairs` may carry weighed pairs from one query to the next candidate: parts are shared
    objects (see names.make_part), so a pair is known by the identities of its two parts.
    """
    compare = compare or exact_comparer
    qs, cs = list(query.parts), list(listed.parts)
    if not qs or not cs:
        return []
    table: list[list[tuple[float, AlignedPair]]] = []
    for q in qs:
        row = []
        for c in cs:
            if pairs is None:
                row.append(_weighed_pair(q, c, compare))
                continue
            key = (id(q), id(c))
            found = pairs.get(key)
            if found is None:
                found = pairs[key] = _weighed_pair(q, c, compare)
            row.append(found)
        table.append(row)
    # Every value is at least zero, so the best pairing leaves no part idle on the shorter side.
    if max(len(qs), len(cs)) <= 5:
        best: tuple[float, list[AlignedPair]] = (-1.0, [])
        if len(qs) <= len(cs):
            for choice in permutations(range(len(cs)), len(qs)):
                value = sum(table[i][j][0] for i, j in enumerate(choice))
                if value > best[0]:
                    best = (value, [table[i][j][1] for i, j in enumerate(choice)])
        else:
            for choice in permutations(range(len(qs)), len(cs)):
                value = sum(table[i][j][0] for j, i in enumerate(choice))
                if value > best[0]:
                    best = (value, [table[i][j][1] for j, i in enumerate(choice)])
        return best[1]
    # Long names: greedy, best pairs first.
    flat = sorted(
        ((v, i, j) for i, row in enumerate(table) for j, (v, _) in enumerate(row)), reverse=True
    )
    used_q: set[int] = set()
    used_c: set[int] = set()
    chosen = []
    for _, i, j in flat:
        if i not in used_q and j not in used_c:
            used_q.add(i)
            used_c.add(j)
            chosen.append(table[i][j][1])
    return chosen


@dataclass(slots=True)
class NameScore:
    """The name part of a score with its reasons."""

    score: float
    pairs: list[AlignedPair]
    notes: list[str]

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready account of the alignment."""
        return {
            "score": round(self.score, 4),
            "parts": [
                {
                    "query": p.query.text,
                    "listed": p.listed.text,
                    "role": str(p.role),
                    "similarity": round(p.similarity, 4),
                    "how": p.how,
                }
                for p in self.pairs
            ],
            "notes": self.notes,
        }


def _refine(pairs: list[AlignedPair]) -> list[AlignedPair]:
    """Redo exactly the comparisons a quick comparer only estimated, once the pairing is known."""
    out = []
    for p in pairs:
        if p.how == ESTIMATED:
            comparison = exact_comparer(p.query, p.listed)
            role, factor = _pair_role(p.query, p.listed)
            similarity = comparison.similarity
            similarity *= 1.0 if _same_name(comparison) else factor
            p = AlignedPair(p.query, p.listed, role, similarity, comparison.how)
        out.append(p)
    return out


def score_names(
    query: ParsedName,
    listed: ParsedName,
    compare: Comparer | None = None,
    *,
    refine: bool = True,
    pairs: PairCache | None = None,
    query_forms: list[Form] | None = None,
) -> NameScore:
    """Score two names part by part: absent patronymic is neutral, a different one counts against.

    With a quick comparer and `refine` false the score is a lower bound: parts it did not
    compare count as wholly unlike.
    """
    q_forms = query_forms if query_forms is not None else name_forms(query)
    l_forms = name_forms(listed, typed=False)
    if len(q_forms) == 1 and len(l_forms) == 1:
        aligned = align(query, listed, compare, pairs)
        return _score_alignment(query, listed, _refine(aligned) if refine else aligned)
    best: NameScore | None = None
    for q in q_forms:
        for c in l_forms:
            aligned = align(q.name, c.name, compare, pairs)
            if refine:
                aligned = _refine(aligned)
            found = _score_alignment(q.name, c.name, aligned)
            if best is None or found.score > best.score:
                found.notes[:0] = _form_notes(q, c)
                best = found
    assert best is not None  # noqa: S101 - every name has at least its written form
    return best


def _form_notes(query: Form, listed: Form) -> list[str]:
    return [
        f"{side} {form.note}" for side, form in (("query", query), ("listed", listed)) if form.note
    ]


def _score_alignment(query: ParsedName, listed: ParsedName, pairs: list[AlignedPair]) -> NameScore:
    notes: list[str] = []
    if not pairs:
        return NameScore(0.0, [], ["no part of the names could be compared"])
    total_weight = sum(_ROLE_WEIGHT[p.role] for p in pairs)
    score = sum(_ROLE_WEIGHT[p.role] * p.similarity for p in pairs) / total_weight
    agreeing = 0.0
    # "Roman Abramovich" reads as a given name and a patronymic; with no surname on one side,
    # what was taken for a patronymic may well be the surname, and it counts when it agrees.
    for p in pairs:
        if p.role is Role.INITIAL:
            if p.similarity >= INITIAL_AGREES:
                # An initial narrows little: it counts as half a given name.
                agreeing += 0.5 if Role.GIVEN in (p.query.role, p.listed.role) else 0.0
            else:
                score -= 0.3
                notes.append(f"initial {p.query.text} / {p.listed.text} disagrees")
            continue
        if p.similarity >= (GIVEN_AGREES if p.role is Role.GIVEN else AGREES):
            if p.role is not Role.PATRONYMIC or _surname_after_all(p, query, listed):
                agreeing += 1
            continue
        score -= MISMATCH_PENALTY * max(0.0, AGREES - p.similarity)
        what = "patronymic" if p.role is Role.PATRONYMIC else str(p.role).replace("other", "part")
        notes.append(f"{what} differs: {p.query.text} / {p.listed.text}")
    paired_q = {id(p.query) for p in pairs}
    paired_c = {id(p.listed) for p in pairs}
    for part in query.parts:
        if id(part) not in paired_q:
            if part.role in (Role.PATRONYMIC, Role.INITIAL):
                notes.append(f"query {part.role} {part.text} absent from the list entry: neutral")
            else:
                score -= MISSING_QUERY_PART
                notes.append(f"query part {part.text} absent from the list entry")
    for part in listed.parts:
        if id(part) not in paired_c:
            if part.role in (Role.PATRONYMIC, Role.INITIAL):
                notes.append(f"listed {part.role} {part.text} absent from the query: neutral")
            else:
                score -= MISSING_LIST_PART
                notes.append(f"listed part {part.text} absent from the query")
    query_gender, listed_gender = name_gender(query), name_gender(listed)
    if query_gender and listed_gender and query_gender != listed_gender:
        score -= GENDER_MISMATCH
        notes.append(f"gender differs: {query_gender} / {listed_gender}")
    cap = ONE_PART_CAP if agreeing < 1.5 else INITIAL_CAP if agreeing < 2 else 1.0
    if score > cap:
        score = cap
        notes.append(
            "only an initial stands for the given name"
            if cap == INITIAL_CAP
            else "fewer than two of given name and surname agree"
        )
    return NameScore(max(0.0, min(1.0, score)), pairs, notes)


def _surname_after_all(pair: AlignedPair, query: ParsedName, listed: ParsedName) -> bool:
    """Whether a pair taken for patronymics is a surname that a name of two parts hid."""
    query_bare = not any(p.role in (Role.SURNAME, Role.OTHER) for p in query.parts)
    listed_bare = not any(p.role is Role.SURNAME for p in listed.parts)
    if pair.query.role is pair.listed.role is Role.PATRONYMIC:
        return query_bare and listed_bare  # Roman Abramovich / Roman Abramovich
    if pair.listed.role is Role.PATRONYMIC:
        return listed_bare and pair.query.role is Role.SURNAME
    return query_bare and pair.listed.role is Role.SURNAME


_MALE_PATRONYMIC = re.compile(r"(?:iX|iQ)$")
_FEMALE_PATRONYMIC = re.compile(r"(?:[oei]vna|iXna)$")


def name_gender(name: ParsedName) -> str | None:
    """ "man" or "woman" when the patronymic or a known given name says so, else None."""
    for part in name.parts:
        if part.role is Role.PATRONYMIC or part.father:
            if _MALE_PATRONYMIC.search(part.skel):
                return "man"
            if _FEMALE_PATRONYMIC.search(part.skel):
                return "woman"
            if part.role is Role.PATRONYMIC and (turkic := patronymic_gender(part.norm)):
                return turkic
    for part in name.parts:
        if part.role is Role.GIVEN and part.given:
            women = {GIVEN_NAMES[c].female for c in part.given}
            if len(women) == 1:
                return "woman" if women.pop() else "man"
    return None


@dataclass(frozen=True, slots=True)
class Evidence:
    """Evidence besides the name, with its weight."""

    kind: str
    weight: float
    detail: str


def date_evidence(query: PartialDate | None, listed: list[PartialDate]) -> Evidence | None:
    """Birth-date evidence, or None when either side has no date."""
    if query is None or not listed:
        return None
    found = best_date_evidence(query, listed)
    return None if found is None else Evidence("birth_date", found.weight, found.detail)


def unit_evidence(query_keys: set[str], listed_keys: set[str]) -> Evidence | None:
    """A shared unit number or unit name raises the score; no shared unit says nothing."""
    common = sorted(query_keys & listed_keys)
    if not common:
        return None
    shown = ", ".join(k.split(":", 1)[1] for k in common)
    return Evidence("unit", UNIT_AGREES, f"same unit: {shown}")


def combine(name: NameScore, evidence: list[Evidence]) -> tuple[float, bool]:
    """The final score and whether it alerts."""
    score = max(0.0, min(1.0, name.score + sum(e.weight for e in evidence)))
    return score, score >= ALERT_THRESHOLD and name.score >= NAME_FLOOR


def explain(name: NameScore, evidence: list[Evidence], score: float, alert: bool) -> dict[str, Any]:
    """The JSON-ready explanation common to every result."""
    return {
        "score": round(score, 4),
        "alert": alert,
        "threshold": ALERT_THRESHOLD,
        "name": name.to_json(),
        "evidence": [{"kind": e.kind, "weight": e.weight, "detail": e.detail} for e in evidence],
    }
