"""Every spelling of the screening notes' romanisation table is recognised as the same name."""

import pytest

from safepassage.screening.engine.keys import normalise
from safepassage.screening.engine.names import Role, make_part
from safepassage.screening.engine.scorer import AGREES, compare_parts
from safepassage.screening.engine.translit import SYSTEMS, render, renderings

SYSTEM_ROWS = (
    "icao", "gost_52535", "mvd_1997", "french", "bgn_pcgn", "gost_779_b", "iso9", "german",
)  # fmt: skip
# The romanisation table of docs/screening.md, column by column.
TABLE = {
    ("Евгений", Role.GIVEN): "Evgenii Evgenii Evgeniy Evguenii Yevgeniy Evgenij Evgenij Jewgeni",
    ("Фёдор", Role.GIVEN): "Fedor Fedor Fedor Fedor Fëdor Fyodor Fëdor Fjodor",
    ("Жуков", Role.SURNAME): "Zhukov Zhukov Zhukov Joukov Zhukov Zhukov Žukov Schukow",
    ("Хрущёв", Role.SURNAME): (
        "Khrushchev Khrushchev Khrushchev Khrouchtchev Khrushchëv Xrushhyov Xruščëv Chruschtschow"
    ),
    ("Цой", Role.SURNAME): "Tsoi Tcoi Tsoy Tsoi Tsoy Czoj Coj Zoi",
    ("Подъячев", Role.SURNAME): (
        'Podieiachev Podiachev Pod"yachev Podiatchev Pod”yachev Pod``yachev Podʺjačev Podjatschew'
    ),
    ("Юрьевич", Role.PATRONYMIC): (
        "Iurevich Iurevich Yuryevich Iourievitch Yur’yevich Yur`evich Jurʹevič Jurjewitsch"
    ),
}
CELLS = [
    pytest.param(cyrillic, role, system, spelling, id=f"{system}-{spelling}")
    for (cyrillic, role), row in TABLE.items()
    for system, spelling in zip(SYSTEM_ROWS, row.split(), strict=True)
]


@pytest.mark.parametrize(("cyrillic", "role", "system", "spelling"), CELLS)
def test_table_spelling_is_recognised_as_the_cyrillic_name(cyrillic, role, system, spelling):
    comparison = compare_parts(make_part(spelling, role), make_part(cyrillic, role))
    assert comparison.similarity >= AGREES, (system, comparison)


@pytest.mark.parametrize(("cyrillic", "role", "system", "spelling"), CELLS)
def test_table_spelling_is_recognised_as_the_bgn_spelling(cyrillic, role, system, spelling):
    listed = make_part(render(cyrillic, "bgn_pcgn"), role)
    assert compare_parts(make_part(spelling, role), listed).similarity >= AGREES


def test_french_rendering_of_khrushchev_matches():
    comparison = compare_parts(make_part("Khrouchtchev"), make_part("Khrushchev"))
    assert comparison.similarity >= 0.95
    assert "romanisation" in comparison.how


def test_three_letter_surname_tsoi_matches_in_every_system():
    spellings = {"Tsoi", "Tcoi", "Tsoy", "Czoj", "Coj", "Zoi", "Tsoï"}
    for spelling in spellings:
        assert compare_parts(make_part(spelling), make_part("Цой")).similarity >= 0.95, spelling


def test_icao_hard_sign_as_ie_matches():
    assert compare_parts(make_part("Podieiachev"), make_part("Pod'yachev")).similarity >= 0.95


def test_diacritics_become_digraphs_not_bare_letters():
    # ISO 9 then stripping accents would give "Zukov" and "Sukin".
    assert normalise("Žukov") == "zhukov"
    assert normalise("Ščukin") == "shchukin"
    assert compare_parts(make_part("Zukov"), make_part("Жуков")).similarity < 0.95


def test_every_system_renders_cyrillic_into_latin_letters():
    for key, rendered in renderings("Хрущёв Никита Сергеевич").items():
        assert not any("\u0400" <= ch <= "\u04ff" for ch in rendered), key


def test_own_german_table_follows_duden():
    assert render("Хрущёв", "german") == "Chruschtschow"
    assert render("Жуков", "german") == "Schukow"
    assert render("Евгений", "german") == "Jewgeni"
    assert render("Василий", "german") == "Wassili"


def test_own_french_table_follows_the_press():
    assert render("Путин", "french") == "Poutine"
    assert render("Хрущёв", "french") == "Khrouchtchev"
    assert render("Юрьевич", "french") == "Iourievitch"


def test_ukrainian_national_system_for_ukrainian_spelling():
    assert render("Олександр Григорович", "ukrainian") == "Oleksandr Hryhorovych"
    assert render("Юрій", "ukrainian") == "Yurii"
    assert "ukrainian" in renderings("Сергій")
    assert "icao" not in renderings("Сергій")


def test_russian_name_written_through_ukrainian():
    assert render("Евгений", "russian_via_ukrainian") == "Yevhenii"
    assert compare_parts(make_part("Yevhenii"), make_part("Евгений")).similarity >= 0.95


def test_capitals_are_kept():
    assert render("ХРУЩЁВ", "icao") == "KHRUSHCHEV"


def test_unknown_system_is_refused():
    with pytest.raises(KeyError):
        render("Иван", "klingon")


def test_systems_cover_the_ones_people_meet():
    expected = {"icao", "gost_52535", "mvd_1997", "bgn_pcgn", "gost_779_a", "gost_779_b"}
    assert expected | {"german", "french", "ukrainian", "scholarly"} <= set(SYSTEMS)
