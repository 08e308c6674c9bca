"""Render Cyrillic names in the romanisations people meet on passports, lists and in the press."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import iuliia

from .memory import name_memo

_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_WORD = re.compile(r"[\u0400-\u04ff'’ʼ]+|[^\u0400-\u04ff'’ʼ]+")

VOWELS = frozenset("аеёиоуыэюяіїє")
_SOFTENERS = frozenset("ьъ'’ʼ")


def has_cyrillic(text: str) -> bool:
    """Whether the text holds at least one Cyrillic letter."""
    return _CYRILLIC.search(text) is not None


@dataclass(frozen=True)
class System:
    """One romanisation system: a key, where people meet it, and how to apply it to one word."""

    key: str
    label: str
    word: Callable[[str], str]


def _iuliia_word(schema: iuliia.Schema) -> Callable[[str], str]:
    def apply(word: str) -> str:
        # Some iuliia schemes keep a Cyrillic ё in their output (BGN/PCGN, GOST 7.79 A);
        # lists print it as the Latin ë.
        return str(schema.translate(word)).replace("ё", "ë")

    return apply


def _context_word(rule: Callable[[str, int], str]) -> Callable[[str], str]:
    def apply(word: str) -> str:
        return "".join(rule(word, i) for i in range(len(word)))

    return apply


def _prev(word: str, i: int) -> str:
    return word[i - 1] if i > 0 else ""


def _next(word: str, i: int) -> str:
    return word[i + 1] if i + 1 < len(word) else ""


def _iotated_position(word: str, i: int) -> bool:
    """Word-initial, after a vowel or after a hard or soft sign: where е/ё/ю/я sound with a y."""
    before = _prev(word, i)
    return before == "" or before in VOWELS or before in _SOFTENERS


# German (Duden) conventions, the ones German newspapers and many German documents use.
_GERMAN_PLAIN = {
    "а": "a", "б": "b", "в": "w", "г": "g", "д": "d", "ж": "sch", "з": "s", "и": "i",
    "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "т": "t",
    "у": "u", "ф": "f", "х": "ch", "ц": "z", "ч": "tsch", "ш": "sch", "щ": "schtsch",
    "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "ju", "я": "ja",
}  # fmt: skip


def _german(word: str, i: int) -> str:
    ch, before, after = word[i], _prev(word, i), _next(word, i)
    if ch == "е":
        return "je" if _iotated_position(word, i) else "e"
    if ch == "ё":
        return "o" if before in "жчшщ" and before else "jo"
    if ch == "й":
        if before == "и" and after == "":
            return ""  # -ий ends in -i: Jewgeni, Juri
        return "j" if after in VOWELS and after else "i"
    if ch == "и" and before == "ь":
        return "ji"
    if ch == "к" and after == "с":
        return "x"
    if ch == "с":
        if before == "к":
            return ""
        return "ss" if before in VOWELS and after in VOWELS and before and after else "s"
    return _GERMAN_PLAIN.get(ch, ch)


# French press conventions (Poutine, Khrouchtchev, Evgueni), distinct from the passport table.
_FRENCH_PLAIN = {
    "а": "a", "б": "b", "в": "v", "д": "d", "ж": "j", "з": "z", "к": "k", "л": "l",
    "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "т": "t", "у": "ou", "ф": "f",
    "х": "kh", "ц": "ts", "ч": "tch", "ш": "ch", "щ": "chtch", "ъ": "", "ы": "y", "ь": "",
    "э": "e", "ю": "iou", "я": "ia",
}  # fmt: skip


def _french(word: str, i: int) -> str:
    ch, before, after = word[i], _prev(word, i), _next(word, i)
    if ch == "г":
        return "gu" if after in "еёиыэ" and after else "g"
    if ch == "е":
        return "ie" if _iotated_position(word, i) and before else "e"
    if ch == "ё":
        return "e" if before in "жчшщ" and before else "io"
    if ch == "и":
        return "ï" if before in "аоуэ" and before else "i"
    if ch == "й":
        if before == "и" and after == "":
            return ""
        return "ï" if before in "аоуэе" and before else "i"
    if ch == "с":
        return "ss" if before in VOWELS and after in VOWELS and before and after else "s"
    if ch == "н" and before == "и" and after == "" and len(word) > 3:
        return "ne"  # -ин is written -ine so French readers do not nasalise it: Poutine
    return _FRENCH_PLAIN.get(ch, ch)


# Ukraine's national system (Cabinet of Ministers resolution 55, 2010) for Ukrainian spellings.
_UKRAINIAN_PLAIN = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "ж": "zh",
    "з": "z", "и": "y", "і": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ь": "", "'": "", "’": "", "ʼ": "",
}  # fmt: skip
_UKRAINIAN_IOTATED = {"є": ("ye", "ie"), "ї": ("yi", "i"), "й": ("y", "i"), "ю": ("yu", "iu"),
                      "я": ("ya", "ia")}  # fmt: skip


def _ukrainian(word: str, i: int) -> str:
    ch, before = word[i], _prev(word, i)
    if ch in _UKRAINIAN_IOTATED:
        initial, inner = _UKRAINIAN_IOTATED[ch]
        return initial if i == 0 else inner
    if ch == "г" and before == "з":
        return "gh"  # зг is written zgh so it is not read as the digraph zh
    return _UKRAINIAN_PLAIN.get(ch, ch)


def russian_to_ukrainian_spelling(word: str) -> str:
    """Respell a Russian word the way Ukrainian documents write it (и→і, ы→и, е→є where iotated)."""
    out: list[str] = []
    for i, ch in enumerate(word):
        before, after = _prev(word, i), _next(word, i)
        if ch == "и" and word.endswith("ич") and i == len(word) - 2:
            out.append("и")  # the patronymic suffix keeps its Ukrainian и: -ович
        elif ch == "и":
            out.append("ї" if before in "ьъ" and before else "і")
        elif ch == "ы":
            out.append("и")
        elif ch == "э":
            out.append("е")
        elif ch == "е":
            out.append("є" if _iotated_position(word, i) else "е")
        elif ch == "ё":
            # Ukrainian documents mostly write a Russian ё after a consonant as е: Федоров.
            out.append("йо" if _iotated_position(word, i) else ("о" if before in "жчшщ" else "е"))
        elif ch in "ъь" and after in "еёюяи" and after:
            out.append("'")
        elif ch == "ъ":
            continue
        else:
            out.append(ch)
    return "".join(out)


def _russian_via_ukrainian_word(word: str) -> str:
    return _context_word(_ukrainian)(russian_to_ukrainian_spelling(word))


SYSTEMS: dict[str, System] = {
    s.key: s
    for s in (
        System("icao", "ICAO 9303 (Russian foreign passports since 2013)",
               _iuliia_word(iuliia.ICAO_DOC_9303)),
        System("gost_52535", "GOST R 52535.1 (passports 2010-2013)",
               _iuliia_word(iuliia.GOST_52535)),
        System("mvd_1997", "interior ministry 1997 (passports 1997-2010)",
               _iuliia_word(iuliia.MVD_310)),
        System("mvd_1997_fr", "interior ministry 1997, French table (Soviet-era documents)",
               _iuliia_word(iuliia.MVD_310_FR)),
        System("mvd_2000", "interior ministry order 782 (documents from 2000)",
               _iuliia_word(iuliia.MVD_782)),
        System("bgn_pcgn", "BGN/PCGN (many sanctions lists)", _iuliia_word(iuliia.BGN_PCGN)),
        System("gost_779_a", "GOST 7.79 A / ISO 9:1995", _iuliia_word(iuliia.GOST_779)),
        System("gost_779_b", "GOST 7.79 B (ASCII bibliographic)",
               _iuliia_word(iuliia.GOST_779_ALT)),
        System("scholarly", "scholarly (ISO 9 style)", _iuliia_word(iuliia.SCIENTIFIC)),
        System("wikipedia", "English Wikipedia and press", _iuliia_word(iuliia.WIKIPEDIA)),
        System("telegram", "chat style, no digraphs", _iuliia_word(iuliia.TELEGRAM)),
        System("german", "German (Duden)", _context_word(_german)),
        System("french", "French press", _context_word(_french)),
        System("ukrainian", "Ukrainian national system (for Ukrainian spellings)",
               _context_word(_ukrainian)),
        System("russian_via_ukrainian", "Russian name written through Ukrainian (Ukrainian lists)",
               _russian_via_ukrainian_word),
    )
}  # fmt: skip

# Russian names come out wrong through the Ukrainian national table, and Ukrainian letters
# are unknown to the Russian ones: each spelling only goes through the systems meant for it.
RUSSIAN_SYSTEMS = tuple(k for k in SYSTEMS if k != "ukrainian")
UKRAINIAN_LETTERS = frozenset("іїєґ")


def is_ukrainian_spelling(text: str) -> bool:
    """Whether a Cyrillic text uses letters only Ukrainian has."""
    return any(ch in UKRAINIAN_LETTERS for ch in text.lower())


def _restore_case(source: str, rendered: str) -> str:
    if not rendered:
        return rendered
    if source.isupper() and len(source) > 1:
        return rendered.upper()
    if source[:1].isupper():
        return rendered[:1].upper() + rendered[1:]
    return rendered


@name_memo(200_000)
def _render_word(word: str, system: str) -> str:
    return _restore_case(word, SYSTEMS[system].word(word.lower()))


def render(text: str, system: str) -> str:
    """Romanise every Cyrillic word of `text` with one system; other text is kept as it is."""
    if system not in SYSTEMS:
        raise KeyError(f"unknown romanisation system: {system}")
    return "".join(
        _render_word(chunk, system) if has_cyrillic(chunk) else chunk
        for chunk in _WORD.findall(text)
    )


def renderings(text: str) -> dict[str, str]:
    """The text in every system meant for its spelling (Ukrainian or Russian)."""
    keys = ("ukrainian",) if is_ukrainian_spelling(text) else RUSSIAN_SYSTEMS
    return {key: render(text, key) for key in keys}
