"""The evaluation generator: reproducible, and its look-alikes are really other people."""

import random

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from safepassage.screening.engine.evaluation import (
    NEGATIVE_KINDS,
    PeopleGenerator,
    evaluation_cases,
    hard_negative,
    render_person,
)
from safepassage.screening.engine.keys import osa_distance
from safepassage.screening.engine.names import parse_name
from safepassage.screening.engine.scorer import ALERT_THRESHOLD, score_names

RENDERINGS = ("icao", "bgn_pcgn", "mvd_1997", "german", "french", "gost_779_b", "cyrillic")


def test_same_seed_same_people_and_cases():
    first = list(PeopleGenerator(5).people(50))
    assert first == list(PeopleGenerator(5).people(50))
    assert evaluation_cases(first, 9, 20, 10) == evaluation_cases(first, 9, 20, 10)
    assert first != list(PeopleGenerator(6).people(50))


def test_hard_negatives_differ_in_exactly_one_part():
    rng = random.Random(3)
    for person in PeopleGenerator(3).people(100):
        for kind in NEGATIVE_KINDS:
            other = hard_negative(person, kind, rng)
            diffs = [
                a != b for a, b in zip(person.cyrillic_parts(), other.cyrillic_parts(), strict=True)
            ]
            assert sum(diffs) == 1, (kind, person, other)


def test_generated_hard_negatives_do_not_alert_against_their_source():
    rng = random.Random(11)
    false_alerts = []
    for person in PeopleGenerator(11).people(150):
        listed = parse_name(render_person(person, "bgn_pcgn", "GPS").text)
        for kind in NEGATIVE_KINDS:
            other = hard_negative(person, kind, rng)
            text = render_person(other, rng.choice(RENDERINGS), "GPS").text
            if score_names(parse_name(text), listed).score >= ALERT_THRESHOLD:
                false_alerts.append((kind, text, listed.text))
    # Another surname may be a one-letter neighbour (Ivanov, Ivakov): allow one in 450.
    assert len(false_alerts) <= 1, false_alerts


def test_typo_changes_one_letter_of_one_part():
    rng = random.Random(2)
    for person in PeopleGenerator(2).people(50):
        clean = render_person(person, "icao", "GPS").text
        typed = render_person(person, "icao", "GPS", typo=True, rng=rng)
        assert osa_distance(clean, typed.text) <= 1
        assert typed.typo


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 10_000), system=st.sampled_from(RENDERINGS),
       order=st.sampled_from(("GPS", "SGP", "S,GP", "GS", "SG")))  # fmt: skip
def test_any_order_and_system_of_a_persons_name_alerts_against_the_listed_form(seed, system, order):
    # German spelling shows itself by its letters (w, sch, ja); with no patronymic to carry
    # them, "Michail Simin" cannot be told from Симин, so German is tried with the full name.
    assume(system != "german" or "P" in order)
    person = next(PeopleGenerator(seed).people(1))
    listed = parse_name(render_person(person, "bgn_pcgn", "GPS").text)
    query = parse_name(render_person(person, system, order).text)
    assert score_names(query, listed).score >= ALERT_THRESHOLD
