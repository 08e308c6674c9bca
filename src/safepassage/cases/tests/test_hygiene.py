"""The "must not hold" warnings, one test per kind of content they guard."""

from __future__ import annotations

import pytest

from safepassage.cases import hygiene


def kinds(text: str) -> set[str]:
    return {f.kind for f in hygiene.findings(text)}


@pytest.mark.parametrize(
    "text",
    [
        "he is hiding at 43.2389, 76.8897 now",
        "точка 43°14'20\"N 76°53'23\"E",
        "https://maps.google.com/?q=43.2,76.8",
    ],
)
def test_coordinates_are_flagged(text):
    assert hygiene.COORDINATES in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "живёт на ул. Абая, д. 15, кв. 4",
        "вулиця Шевченка 10",
        "he stays at 12 Baker Street",
        "hébergé 14 rue de la Paix",
        "Goethestraße 12",
    ],
)
def test_street_addresses_are_flagged(text):
    assert hygiene.ADDRESS in kinds(text)


@pytest.mark.parametrize(
    "text", ["call +7 701 234 56 78", "его номер 8 (912) 345-67-89", "tel 0033 6 12 34 56 78"]
)
def test_phone_numbers_are_flagged(text):
    assert hygiene.PHONE in kinds(text)


def test_card_numbers_are_flagged_only_when_they_pass_luhn():
    assert hygiene.CARD in kinds("карта 4111 1111 1111 1111")
    assert hygiene.CARD not in kinds("карта 4111 1111 1111 1112")


@pytest.mark.parametrize(
    "text",
    [
        "пойдёт через КПП Мариновка",
        "маршрут через горы",
        "planned border crossing at night",
        "le passeur attend",
    ],
)
def test_routes_and_crossings_are_flagged(text):
    assert hygiene.ROUTE in kinds(text)


@pytest.mark.parametrize(
    "text", ["водитель Сергей отвезёт", "hosted by Marat in town", "the driver Aslan knows"]
)
def test_helpers_names_are_flagged(text):
    assert hygiene.HELPER in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "Mobilised in October 2022, left the unit in March 2023. Case under article 338.",
        "Мобилизован в 2022 году, служил в в/ч 12345, оставил часть 10.03.2023.",
        "Interview held; account consistent with documents.",
    ],
)
def test_ordinary_case_notes_raise_nothing(text):
    assert kinds(text) == set()
