"""Names in scripts other than Latin and Russian Cyrillic, brought to Latin letters.

anyascii does the general work: it covers every script lists and transit countries' records
carry (Georgian, Armenian, Arabic, Hebrew, Chinese, Korean...), is ISC-licensed, pure Python
and fast (about 3 µs a name). Our own small tables come first where they beat it: the extra
Cyrillic letters of the Federation's and Central Asia's languages (read as their passports
romanise them), the Arabic letters that Turkic, Persian and Caucasian names pronounce as z,
and the way Chinese and Korean names divide into surname and given name.
"""

from __future__ import annotations

import re

from anyascii import anyascii

# Cyrillic letters of Kazakh, Kyrgyz, Tatar, Bashkir, Uzbek, Tajik, Yakut, Buryat, Tuvan and
# Chechen, read as those countries' passports and Russian documents write them in Latin.
EXTRA_CYRILLIC = {
    "ә": "a", "ғ": "g", "қ": "k", "ң": "n", "ө": "o", "ұ": "u", "ү": "u", "һ": "h",
    "җ": "zh", "ҳ": "kh", "ҷ": "j", "ӣ": "i", "ӯ": "u", "ҙ": "z", "ҫ": "s", "ҕ": "g",
    "ӈ": "n", "ӏ": "", "ҡ": "k", "ӧ": "o", "ӱ": "u", "ӓ": "a", "ӹ": "y",
}  # fmt: skip

# Latin letters of Turkic alphabets (Kazakh 2021, Azerbaijani, Tatar, Turkish, Uzbek) and of
# Latvian and Lithuanian, where dropping the accent would lose a letter.
EXTRA_LATIN = {
    "ə": "a", "ı": "y", "ş": "sh", "ç": "ch", "ğ": "g", "ñ": "n", "ņ": "n", "ļ": "l",
    "ķ": "k", "ģ": "g", "ū": "u", "ī": "i", "ā": "a", "ē": "e", "ė": "e", "ų": "u", "į": "i",
}  # fmt: skip

# Our own readings before anyascii's. Arabic letters that Turkic, Persian and Caucasian names say
# as z, s or g (Ramzan, not Ramadan; Gadzhiev), where anyascii follows Arabic proper; و, mostly a
# vowel in names. Hebrew: ו a vowel unless doubled, and the geresh letters for ч, ж, дж.
# Armenian ու is one vowel, u, which anyascii spells "ow".
_OWN_READINGS = str.maketrans(
    {"ض": "z", "ظ": "z", "ذ": "z", "ث": "s", "غ": "g", "و": "", "ؤ": "", "ו": "", "ə": "a"}
)
_OWN_DIGRAPHS = (("וו", "v"), ("צ'", "ch"), ("ץ'", "ch"), ("ז'", "zh"), ("ג'", "dzh"),
                 ("ու", "u"), ("Ու", "U"), ("և", "ev"))  # fmt: skip

_HEBREW_INITIAL_VAV = re.compile(r"(?<![\u05d0-\u05ea])ו")
_HAN = re.compile(r"^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]{2,4}$")
_HANGUL = re.compile(r"^[\uac00-\ud7a3]{2,4}$")
_ABJAD = re.compile(r"[\u0590-\u05ff\u0600-\u06ff\u0750-\u077f\ufb1d-\ufdff\ufe70-\ufeff]")
_OTHER_SCRIPT = re.compile(r"[^\x00-\u024f\u0300-\u036f\u0400-\u04ff\u1e00-\u1eff]")


def needs_anyascii(text: str) -> bool:
    """Whether the text holds letters beyond Latin and Cyrillic."""
    return _OTHER_SCRIPT.search(text) is not None


def is_abjad(text: str) -> bool:
    """Whether the text is in Arabic or Hebrew script, which leave most vowels unwritten."""
    return _ABJAD.search(text) is not None


_HANGUL_LETTER = re.compile(r"[\uac00-\ud7a3]")


_ARMENIAN_LETTER = re.compile(r"[\u0531-\u058f]")


def is_armenian(text: str) -> bool:
    """Whether the text is in Armenian script."""
    return _ARMENIAN_LETTER.search(text) is not None


def script_kind(text: str) -> str:
    """ "abjad", "hangul" or "armenian" for the scripts the scorer compares its own way."""
    if is_abjad(text):
        return "abjad"
    if is_hangul(text):
        return "hangul"
    return "armenian" if is_armenian(text) else ""


def is_hangul(text: str) -> bool:
    """Whether the text is in Korean script."""
    return _HANGUL_LETTER.search(text) is not None


def to_latin(text: str) -> str:
    """Latin letters for a word of another script (lower case; signs for vowels kept as ')."""
    if "ו" in text:
        text = _HEBREW_INITIAL_VAV.sub("v", text)  # ולדימיר: a word's first ו is v
    for digraph, latin in _OWN_DIGRAPHS:
        if digraph in text:
            text = text.replace(digraph, latin)
    return anyascii(text.translate(_OWN_READINGS)).lower()


def split_east_asian(token: str) -> list[str]:
    """A Chinese or Korean name written as one word, split into surname and given name.

    Chinese and Korean write the surname first and the whole name without a space; a
    one-syllable surname is by far the most common, so the first character is taken for it.
    """
    if _HAN.match(token) or _HANGUL.match(token):
        return [token[0], token[1:]]
    return [token]


# Consonant keys compare a name in Arabic or Hebrew script with its Latin form: the scripts
# write few vowels, so only the consonants can agree.
_CONSONANT_STEPS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"dzh|dj|zh|j", "j"),
        (r"shch|sch|sh", "1"),
        (r"kh|ch|gh(?=$|[^aeiou])|h|x", "h"),
        (r"ts|tc|tz|th|c(?=[eiy])", "s"),
        (r"dh", "z"),
        (r"ck|q|c|k", "k"),
        (r"gh", "g"),
        (r"ph|[bvfp]", "f"),
        (r"[aeiouyw'`]", ""),
        (r"(.)\1+", r"\1"),
    )
)


def consonant_key(latin: str) -> str:
    """The consonants of a Latin spelling, in classes both scripts can tell apart."""
    key = latin.lower()
    for pattern, replacement in _CONSONANT_STEPS:
        key = pattern.sub(replacement, key)
    return key
