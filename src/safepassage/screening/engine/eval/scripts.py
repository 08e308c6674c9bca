"""Pairs for the Federation's other peoples, Central Asia, and names in other scripts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import people as P
from .conventions import (
    GEORGIAN,
    KAZAKH_2021,
    KAZAKH_PASSPORT,
    KAZAKH_TO_RUSSIAN,
    UZBEK_LATIN,
    UZBEK_TO_RUSSIAN,
    table,
)

if TYPE_CHECKING:
    from .generate import Maker

# Russian letters as Arabic-language press writes them in Russian names; vowels as long ones.
_TO_ARABIC = {
    "а": "ا", "б": "ب", "в": "ف", "г": "غ", "д": "د", "е": "ي", "ё": "يو", "ж": "ج", "з": "ز",
    "и": "ي", "й": "ي", "к": "ك", "л": "ل", "м": "م", "н": "ن", "о": "و", "п": "ب", "р": "ر",
    "с": "س", "т": "ت", "у": "و", "ф": "ف", "х": "خ", "ц": "تس", "ч": "تش", "ш": "ش", "щ": "ش",
    "ъ": "", "ы": "ي", "ь": "", "э": "ي", "ю": "يو", "я": "يا",
}  # fmt: skip
# Russian letters as Hebrew writes them (final forms fixed below); vowels mostly unwritten.
_TO_HEBREW = {
    "а": "", "б": "ב", "в": "ב", "г": "ג", "д": "ד", "е": "", "ё": "יו", "ж": "ז'", "з": "ז",
    "и": "י", "й": "י", "к": "ק", "л": "ל", "м": "מ", "н": "נ", "о": "ו", "п": "פ", "р": "ר",
    "с": "ס", "т": "ט", "у": "ו", "ф": "פ", "х": "ח", "ц": "צ", "ч": "צ'", "ш": "ש", "щ": "שצ'",
    "ъ": "", "ы": "י", "ь": "", "э": "", "ю": "יו", "я": "יה",
}  # fmt: skip
_HEBREW_FINAL = str.maketrans("מנפצכ", "םןףץך")


def arabic_script(word: str) -> str:
    """A Russian word in Arabic letters, as Arabic-language press writes Russian names."""
    letters = [_TO_ARABIC.get(ch, ch) for ch in word.lower()]
    if word.lower()[0] in "аеиоуэ":
        letters[0] = "ا" + letters[0] if letters[0] != "ا" else "ا"
    return "".join(letters)


def hebrew_script(word: str) -> str:
    """A Russian word in Hebrew letters (initial vowels with alef, final letter forms)."""
    low = word.lower()
    text = "".join(_TO_HEBREW.get(ch, ch) for ch in low)
    if low[0] in "аеэ":
        text = "א" + text
    if low[-1] == "а":
        text += "ה"
    last = text.rstrip("'")
    return last[:-1] + last[-1].translate(_HEBREW_FINAL) + text[len(last) :]


def _icao(text: str) -> str:
    from .generate import icao

    return icao(text)


def _russian_patronymic(father: str) -> str:
    from .generate import patronymic_of

    return patronymic_of(father, False)


def caucasus_pairs(maker: Maker, count: int = 110) -> None:
    """Chechen, Ingush and Dagestani names: press spellings, Arabic script, the father's name."""
    rng = maker.rng
    given_rows = P.rows(P.CAUCASUS_GIVEN)
    surnames = P.words(P.CAUCASUS_SURNAMES)
    for number in range(count):
        given, spellings = rng.choice(given_rows)
        father = rng.choice(given_rows)[0]
        surname = rng.choice(surnames)
        listed = f"{_icao(given)} {_icao(_russian_patronymic(father))} {_icao(surname)}"
        forms = spellings.split()
        latin = [f for f in forms if f.isascii()] or [_icao(given)]
        arabic = [f for f in forms if not f.isascii()]
        style = number % 4
        press_surname = _icao(surname).replace("kh", "h").replace("Kh", "H")
        if style == 0:
            query, convention = f"{rng.choice(latin)} {press_surname}", "arabic_names_press"
        elif style == 1 and arabic:
            query = f"{rng.choice(arabic)} {arabic_script(surname)}"
            convention = "arabic_script"
        elif style == 1:
            query, convention = f"{given} {surname}", "cyrillic"
        elif style == 2:
            father_latin = [f for f in dict(given_rows)[father].split() if f.isascii()]
            query = (
                f"{rng.choice(latin)} {rng.choice(father_latin or [_icao(father)])} {press_surname}"
            )
            convention = "arabic_names_nasab"
        else:
            query, convention = f"{press_surname.upper()} {rng.choice(latin)}", "arabic_names_press"
        maker.add("peoples", convention, True, query, listed, "Chechen, Ingush or Dagestani name")
    # Swapped given and family names, so common in Dagestan; and brothers.
    stems = {g: s for g, s in ((r[0], r[0] + "ов") for r in given_rows) if s in surnames}
    pairs = sorted(stems.items())
    for _ in range(40):
        (a, a_s), (b, b_s) = rng.sample(pairs, 2)
        query = f"{_icao(a)} {_icao(b_s)}"
        listed = f"{_icao(b)} {_icao(_russian_patronymic(rng.choice(given_rows)[0]))} {_icao(a_s)}"
        maker.add("swapped", "icao", False, query, listed, "given name and surname swapped")
    for _ in range(30):
        surname, father = rng.choice(surnames), rng.choice(given_rows)[0]
        one, two = rng.sample(given_rows, 2)
        patronymic = _icao(_russian_patronymic(father))
        query = f"{rng.choice(one[1].split())} {patronymic} {_icao(surname)}"
        listed = f"{_icao(two[0])} {patronymic} {_icao(surname)}"
        maker.add("relative", "arabic_names_press", False, query, listed, "brothers")


def central_asia_pairs(maker: Maker, count: int = 40) -> None:
    """Kazakh (2021 Latin and Cyrillic), Uzbek, Kyrgyz, Tajik and Azerbaijani names."""
    rng = maker.rng
    for number in range(count * 2):  # Kazakh
        given, father, surname = (rng.choice(P.KAZAKH_GIVEN), rng.choice(P.KAZAKH_GIVEN),
                                  rng.choice(P.KAZAKH_SURNAMES))  # fmt: skip
        female = number % 5 == 4
        if female:
            given, surname = rng.choice(P.KAZAKH_WOMEN), surname + "а"
        russian = given.translate(KAZAKH_TO_RUSSIAN), surname.translate(KAZAKH_TO_RUSSIAN)
        father_ru = father.translate(KAZAKH_TO_RUSSIAN)
        patronymic = _russian_patronymic(father_ru) if not female else father_ru + "овна"
        listed = f"{_icao(russian[0])} {_icao(patronymic)} {_icao(russian[1])}"
        marker = ("қызы", "qyzy") if female else ("ұлы", "ūly")
        style = number % 3
        if style == 0:
            words = [table(w.lower(), KAZAKH_2021) for w in (given, father, surname)]
            given_, father_, surname_ = (w.capitalize() for w in words)
            query = f"{given_} {father_}{marker[1]} {surname_}"
            convention = "kazakh_2021"
        elif style == 1:
            query, convention = f"{given} {father}{marker[0]} {surname}", "kazakh_cyrillic"
        else:
            words = [
                _icao(table(w.lower(), KAZAKH_PASSPORT)).capitalize() for w in (given, surname)
            ]
            query, convention = " ".join(words), "kazakh_passport"
        maker.add("central_asia", convention, True, query, listed, "Kazakh name")
        if number % 4 == 0:
            brother = rng.choice([g for g in P.KAZAKH_GIVEN if g != given])
            other = f"{table(brother.lower(), KAZAKH_2021).capitalize()} " + query.split(" ", 1)[1]
            if style == 0 and not female:
                maker.add("relative", "kazakh_2021", False, other, listed, "brother")
    for number in range(count):  # Uzbek
        given, father, surname = (rng.choice(P.UZBEK_GIVEN), rng.choice(P.UZBEK_GIVEN),
                                  rng.choice(P.UZBEK_SURNAMES))  # fmt: skip
        ru = ["".join(UZBEK_TO_RUSSIAN.get(c, c) for c in w.lower()).capitalize()
              for w in (given, father, surname)]  # fmt: skip
        listed = f"{_icao(ru[0])} {_icao(_russian_patronymic(ru[1]))} {_icao(ru[2])}"
        words = [table(w.lower(), UZBEK_LATIN).capitalize() for w in (given, father, surname)]
        if number % 2:
            query = f"{words[0]} {words[1]} oʻgʻli {words[2]}"
        else:
            query = f"{words[2]} {words[0]}"
        maker.add("central_asia", "uzbek_latin", True, query, listed, "Uzbek name")
    for number in range(count):  # Kyrgyz
        given, father, surname = (rng.choice(P.KYRGYZ_GIVEN), rng.choice(P.KYRGYZ_GIVEN),
                                  rng.choice(P.KYRGYZ_SURNAMES))  # fmt: skip
        ru = [w.replace("ң", "н") for w in (given, father, surname)]
        listed = f"{_icao(ru[0])} {_icao(_russian_patronymic(ru[1]))} {_icao(ru[2])}"
        if number % 2:
            query, convention = f"{given} {father} уулу {surname}", "kyrgyz_cyrillic"
        else:
            latin = [_icao(w).replace("Zh", "J").replace("zh", "j") for w in ru]
            query, convention = f"{latin[0]} {latin[1]} uulu {latin[2]}", "kyrgyz_press"
        maker.add("central_asia", convention, True, query, listed, "Kyrgyz name")
    tajik = P.rows(P.TAJIK)
    names, surnames = tajik[:9], tajik[9:]
    for _ in range(count // 2):  # Tajik
        (given, given_ru), (surname, surname_ru) = rng.choice(names), rng.choice(surnames)
        maker.add("central_asia", "tajik_cyrillic", True, f"{given} {surname}",
                  f"{_icao(given_ru)} {_icao(surname_ru)}", "Tajik name")  # fmt: skip
    azeri_given, azeri_surnames = P.rows(P.AZERI_GIVEN), P.rows(P.AZERI_SURNAMES)
    for number in range(count):  # Azerbaijani
        (given, given_az), (father, father_az) = rng.sample(azeri_given, 2)
        surname, surname_az = rng.choice(azeri_surnames)
        listed = f"{_icao(given)} {_icao(_russian_patronymic(father))} {_icao(surname)}"
        if number % 2:
            query = f"{given_az} {father_az} oğlu {surname_az}"
        else:
            query = f"{surname_az} {given_az}"
        maker.add("central_asia", "azerbaijani_latin", True, query, listed, "Azerbaijani name")
        if number % 3 == 0:
            other_father = rng.choice([f for f in azeri_given if f[0] not in (father, given)])[1]
            query = f"{given_az} {other_father} oğlu {surname_az}"
            maker.add(
                "other_patronymic", "azerbaijani_latin", False, query, listed, "another father"
            )


def federation_pairs(maker: Maker, count: int = 40) -> None:
    """Tatar, Bashkir, Buryat, Tuvan and Yakut names in their other spellings."""
    rng = maker.rng
    volga, volga_surnames = P.rows(P.VOLGA_GIVEN), P.words(P.VOLGA_SURNAMES)
    for _ in range(count):
        given, spelling = rng.choice(volga)
        surname, father = rng.choice(volga_surnames), rng.choice(volga)[0]
        listed = f"{_icao(given)} {_icao(_russian_patronymic(father))} {_icao(surname)}"
        english = _icao(surname).replace("kh", "kh").replace("Kh", "Kh")
        maker.add(
            "peoples", "volga_press", True, f"{spelling} {english}", listed, "Tatar or Bashkir name"
        )
    siberia, siberia_surnames = P.rows(P.SIBERIA_GIVEN), P.rows(P.SIBERIA_SURNAMES)
    for number in range(count):
        (given, given_forms), (surname, surname_forms) = (
            rng.choice(siberia),
            rng.choice(siberia_surnames),
        )
        listed = f"{_icao(given)} {_icao(surname)}"
        query = f"{rng.choice(given_forms.split())} {rng.choice(surname_forms.split())}"
        if number % 4 == 0:
            double = rng.choice(P.TUVAN_DOUBLE)
            listed = f"{_icao(double)} {_icao(surname)}"
            written = _icao(double)
            joined = rng.choice((written.replace("-", ""), written.replace("-", " ")))
            query = f"{joined} {rng.choice(surname_forms.split())}"
        maker.add(
            "peoples", "siberia_romanisations", True, query, listed, "Buryat, Tuvan or Yakut name"
        )


def script_pairs(maker: Maker) -> None:
    """Georgian, Armenian, Chinese, Korean and Hebrew script against their Latin forms."""
    rng = maker.rng
    georgian_given, georgian_surnames = P.rows(P.GEORGIAN_GIVEN), P.rows(P.GEORGIAN_SURNAMES)
    for number in range(50):
        (given, given_ru), (surname, surname_ru) = (
            rng.choice(georgian_given),
            rng.choice(georgian_surnames),
        )
        query = f"{table(given, GEORGIAN)} {table(surname, GEORGIAN)}"
        if number % 2:
            plain = [w.replace("'", "").capitalize() for w in (given, surname)]
            listed = " ".join(plain)
            convention = "georgian_national"
        else:
            listed, convention = f"{_icao(given_ru)} {_icao(surname_ru)}", "georgian_russian_form"
        maker.add("other_script", convention, True, query, listed, "Georgian script")
        if number % 5 == 0:
            other = rng.choice([g for g in georgian_given if g[0] != given])[0]
            query = f"{table(other, GEORGIAN)} {table(surname, GEORGIAN)}"
            maker.add("relative", "georgian_national", False, query, listed, "same surname")
    armenian_given, armenian_surnames = P.rows(P.ARMENIAN_GIVEN), P.rows(P.ARMENIAN_SURNAMES)
    for number in range(45):
        g, s = rng.choice(armenian_given), rng.choice(armenian_surnames)
        if number % 2:
            listed, convention = f"{g[1]} {s[1]}", "armenian_passport"
        else:
            listed, convention = f"{_icao(g[2])} {_icao(s[2])}", "armenian_russian_form"
        maker.add("other_script", convention, True, f"{g[0]} {s[0]}", listed, "Armenian script")
        if number % 5 == 0:
            relative = rng.choice([x for x in armenian_given if x != g])
            maker.add(
                "relative",
                "armenian_passport",
                False,
                f"{relative[0]} {s[0]}",
                listed,
                "same surname",
            )
    chinese = P.rows(P.CHINESE)
    for number, (hanzi, pinyin) in enumerate(chinese):
        family, given = pinyin.split()
        forms = (f"{family} {given}", f"{family.upper()} {given}", f"{given} {family}")
        maker.add("other_script", "pinyin", True, hanzi, forms[number % 3], "Chinese characters")
        if len(given) > 4 and number % 2:
            hyphenated = f"{family} {given[:2]}-{given[2:]}"
            note = "Chinese characters, given name hyphenated"
            maker.add("other_script", "pinyin", True, hanzi, hyphenated, note)
        other = chinese[(number + 5) % len(chinese)][1].split()[1]
        maker.add("relative", "pinyin", False, hanzi, f"{family} {other}", "same surname")
    for number, (hangul, revised, usual, _russian) in enumerate(P.rows(P.KOREAN)):
        maker.add("other_script", "korean_revised", True, hangul, revised, "Hangul")
        maker.add("other_script", "korean_usual", True, hangul, usual, "Hangul")
        family, *syllables = usual.split()
        maker.add(
            "other_script",
            "korean_usual",
            True,
            hangul,
            f"{family} {'-'.join(syllables)}",
            "Hangul",
        )
        others = P.rows(P.KOREAN)[(number + 3) % 12][2].split()
        maker.add(
            "relative",
            "korean_usual",
            False,
            hangul,
            f"{family} {' '.join(others[1:])}",
            "same surname",
        )
    for number in range(25):
        given, surname = rng.choice(P.JEWISH_GIVEN), rng.choice(P.JEWISH_SURNAMES)
        query = f"{hebrew_script(given)} {hebrew_script(surname)}"
        maker.add(
            "other_script",
            "hebrew_script",
            True,
            query,
            f"{_icao(given)} {_icao(surname)}",
            "Hebrew script",
        )
        if number % 5 == 0:
            other = rng.choice([g for g in P.JEWISH_GIVEN if g != given])
            query = f"{hebrew_script(other)} {hebrew_script(surname)}"
            listed = f"{_icao(given)} {_icao(surname)}"
            maker.add("relative", "hebrew_script", False, query, listed, "same surname")


def more_pairs(maker: Maker) -> None:
    """Every pair beyond Russian names."""
    caucasus_pairs(maker)
    central_asia_pairs(maker)
    federation_pairs(maker)
    script_pairs(maker)
