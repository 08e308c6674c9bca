"""Tokens survive the ways two organisations write one person, and differ for other people."""

from __future__ import annotations

from safepassage.overlap.tokens import MAX_PER_PERSON, person_tokens


def shared(one: list[str], other: list[str]) -> set[str]:
    return set(one) & set(other)


def test_cyrillic_and_icao_spelling_share_a_token():
    cyrillic = person_tokens(["Жуков Евгений Петрович"], "1990-05-17")
    latin = person_tokens(["Evgenii Petrovich Zhukov"], "1990-05-17")
    assert shared(cyrillic, latin)


def test_cyrillic_and_french_and_german_spellings_share_a_token():
    cyrillic = person_tokens(["Хрущёв Фёдор Юрьевич"], "1985-02")
    for latin in ("Fedor Iourievitch Khrouchtchev", "Fjodor Jurjewitsch Chruschtschow"):
        assert shared(cyrillic, person_tokens([latin], "1985-02")), latin


def test_several_romanisations_of_one_person_all_meet():
    spellings = ["Цой Евгений", "Tsoi Evgenii", "Tsoy Yevgeniy", "Tcoi Evgenii", "Zoi Jewgeni"]
    sets = [person_tokens([s], "1979-11-02") for s in spellings]
    for one in sets[1:]:
        assert shared(sets[0], one)


def test_reordered_name_gives_the_same_tokens():
    assert person_tokens(["Ivanov Sergei"], "1990") == person_tokens(["Sergei Ivanov"], "1990")
    assert person_tokens(["IVANOV Sergei"], "1990") == person_tokens(["Sergei Ivanov"], "1990")


def test_patronymic_missing_on_one_side_still_meets():
    full = person_tokens(["Иванов Сергей Петрович"], "1990-03-04")
    short = person_tokens(["Sergey Ivanov"], "1990-03-04")
    assert shared(full, short)


def test_another_birth_year_or_month_does_not_meet():
    one = person_tokens(["Иванов Сергей"], "1990-03-04")
    assert not shared(one, person_tokens(["Иванов Сергей"], "1991-03-04"))
    assert not shared(one, person_tokens(["Иванов Сергей"], "1990-04-04"))


def test_a_year_without_month_meets_every_month_of_that_year():
    year = person_tokens(["Иванов Сергей"], "1990")
    assert shared(year, person_tokens(["Ivanov Sergei"], "1990-11-30"))
    assert shared(year, person_tokens(["Ivanov Sergei"], "1990"))
    assert not shared(year, person_tokens(["Ivanov Sergei"], "1989-11-30"))


def test_another_person_does_not_meet():
    assert not shared(
        person_tokens(["Иванов Сергей"], "1990-03"), person_tokens(["Петров Сергей"], "1990-03")
    )
    assert not shared(
        person_tokens(["Иванов Сергей"], "1990-03"), person_tokens(["Иванов Андрей"], "1990-03")
    )


def test_no_birth_year_no_token():
    assert person_tokens(["Иванов Сергей"], "") == []
    assert person_tokens(["Иванов Сергей"], "unknown") == []


def test_a_single_name_part_gives_no_token():
    assert person_tokens(["Сергей"], "1990-03") == []


def test_tokens_per_person_are_bounded():
    names = ["Podieiachev Khrushchev Evgenii", "Schukow Tschaikowski Jurij", "Xrushhyov Czoj"]
    assert 0 < len(person_tokens(names, "1990")) <= MAX_PER_PERSON
    assert 0 < len(person_tokens(names, "1990-01")) <= MAX_PER_PERSON
