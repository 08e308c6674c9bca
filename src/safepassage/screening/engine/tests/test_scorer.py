"""The scorer: part alignment, patronymic rules, birth-date and unit evidence, explanations."""

import json

from safepassage.screening.engine.dates import PartialDate, parse_date
from safepassage.screening.engine.names import parse_name
from safepassage.screening.engine.scorer import (
    ALERT_THRESHOLD,
    combine,
    date_evidence,
    explain,
    score_names,
    unit_evidence,
)


def name_score(query, listed):
    return score_names(parse_name(query), parse_name(listed))


def test_same_person_in_two_romanisations_alerts():
    score = name_score("Khrouchtchev Nikita Sergueievitch", "Nikita Sergeyevich KHRUSHCHEV")
    assert score.score >= ALERT_THRESHOLD


def test_name_order_does_not_matter():
    listed = "Ivan Petrovich Sidorov"
    first = name_score("Sidorov Ivan Petrovich", listed).score
    assert first == name_score("Ivan Petrovich Sidorov", listed).score
    assert first == name_score("Sidorov, Ivan Petrovich", listed).score


def test_missing_patronymic_on_one_side_is_neutral():
    with_patronymic = name_score("Ivan Petrovich Sidorov", "Ivan Petrovich Sidorov").score
    assert name_score("Ivan Sidorov", "Ivan Petrovich Sidorov").score == with_patronymic
    assert name_score("Ivan Petrovich Sidorov", "Ivan Sidorov").score == with_patronymic


def test_missing_patronymic_is_noted_in_the_explanation():
    notes = name_score("Ivan Sidorov", "Ivan Petrovich Sidorov").notes
    assert any("neutral" in note for note in notes)


def test_different_patronymic_counts_against():
    score = name_score("Ivan Sergeevich Sidorov", "Ivan Petrovich Sidorov")
    assert score.score < ALERT_THRESHOLD
    assert any("patronymic differs" in note for note in score.notes)


def test_other_surname_with_same_given_name_and_patronymic_does_not_alert():
    assert name_score("Ivan Petrovich Kuznetsov", "Ivan Petrovich Sidorov").score < ALERT_THRESHOLD


def test_same_surname_with_other_given_name_does_not_alert():
    assert name_score("Pavel Petrovich Sidorov", "Ivan Petrovich Sidorov").score < ALERT_THRESHOLD


def test_surname_alone_does_not_alert():
    assert name_score("Sidorov", "Ivan Petrovich Sidorov").score < ALERT_THRESHOLD


def test_initial_alone_does_not_alert_but_ranks():
    score = name_score("Sidorov I.", "Ivan Petrovich Sidorov").score
    assert 0.6 < score < ALERT_THRESHOLD


def test_one_typo_in_the_surname_still_alerts():
    assert name_score("Ivan Petrovich Sidorvo", "Ivan Petrovich Sidorov").score >= ALERT_THRESHOLD


def test_different_first_letter_weighs_more_than_a_typo():
    # Verin and Averin are different surnames; a dropped inner letter is a typo.
    inner = name_score("Arkadii Iurevich Avrin", "Arkadii Iurevich Averin").score
    first = name_score("Arkadii Iurevich Verin", "Arkadii Iurevich Averin").score
    assert first < ALERT_THRESHOLD <= inner


def evidence_after(query_date, listed_dates):
    name = name_score("Ivan Petrovich Sidorov", "Ivan Petrovich Sidorov")
    evidence = date_evidence(parse_date(query_date), [parse_date(d) for d in listed_dates])
    return name, evidence


def test_matching_full_birth_date_adds_to_the_score():
    _name, evidence = evidence_after("1975-03-14", ["1975-03-14"])
    assert evidence is not None
    assert evidence.weight > 0
    weak = name_score("Ivan Sidorvo", "Ivan Petrovich Sidorov")
    assert combine(weak, [evidence])[0] > weak.score


def test_matching_birth_year_adds_less_than_a_full_date():
    _, year = evidence_after("1975", ["1975-03-14"])
    _, day = evidence_after("1975-03-14", ["1975-03-14"])
    _, month = evidence_after("1975-03", ["1975-03-14"])
    assert year is not None
    assert month is not None
    assert day is not None
    assert 0 < year.weight < month.weight < day.weight


def test_contradicting_birth_year_prevents_the_alert():
    name, evidence = evidence_after("1975-03-14", ["1982-07-01"])
    assert evidence is not None
    assert evidence.weight < 0
    score, alert = combine(name, [evidence])
    assert score < name.score
    assert not alert


def test_one_year_apart_counts_against_less_than_seven():
    _, close = evidence_after("1975", ["1976"])
    _, far = evidence_after("1975", ["1982"])
    assert close is not None
    assert far is not None
    assert far.weight < close.weight < 0


def test_several_listed_birth_dates_take_the_agreeing_one():
    _, evidence = evidence_after("1975-03-14", ["1970", "1975-03-14"])
    assert evidence is not None
    assert evidence.weight > 0


def test_absent_birth_date_is_no_evidence():
    assert date_evidence(None, [PartialDate(1975)]) is None
    assert date_evidence(PartialDate(1975), []) is None


def test_same_unit_is_evidence_and_other_unit_is_not():
    shared = unit_evidence({"n:51460"}, {"n:51460", "u:64 brigade"})
    assert shared is not None
    assert shared.weight > 0
    assert "51460" in shared.detail
    assert unit_evidence({"n:51460"}, {"n:74268"}) is None


def test_unit_cannot_lift_a_wrong_name_into_an_alert():
    name = name_score("Pavel Petrovich Sidorov", "Ivan Petrovich Sidorov")
    unit = unit_evidence({"n:51460"}, {"n:51460"})
    assert unit is not None
    assert combine(name, [unit])[1] is False


def test_explanation_says_which_part_matched_which_and_is_json():
    name = name_score("Jewgeni Schukow", "Evgenii Zhukov")
    score, alert = combine(name, [])
    explanation = explain(name, [], score, alert)
    parts = {(p["query"], p["listed"]): p for p in explanation["name"]["parts"]}
    assert parts[("Schukow", "Zhukov")]["role"] == "surname"
    assert "romanisation" in parts[("Schukow", "Zhukov")]["how"]
    assert json.loads(json.dumps(explanation)) == explanation


def test_man_and_woman_of_the_same_family_do_not_alert():
    score = name_score("Valentin Olegovich Aleksandrov", "Valentina Olegovna Aleksandrova")
    assert score.score < ALERT_THRESHOLD
    assert any("gender differs" in note for note in score.notes)


def test_womans_surname_in_masculine_form_still_alerts():
    assert name_score("Anna Ivanovna Ivanova", "Anna Ivanovna Ivanov").score >= ALERT_THRESHOLD
