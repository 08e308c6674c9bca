"""How other languages write Russian names: the rules the evaluation set is generated with.

Written from each language's own published rules (see conventions.md beside this file), apart
from the engine: the set tests the engine, so it must not borrow the engine's readings.
Each function takes one Russian word in lower-case Cyrillic and says whether it is a man's
word; it returns the word as that language writes it, capitalised.
"""

from __future__ import annotations

from collections.abc import Callable

VOWELS = "аеёиоуыэюя"
HUSHING = "жчшщц"


def _iotated(word: str, i: int) -> bool:
    return i == 0 or word[i - 1] in VOWELS or word[i - 1] in "ьъ"


def _apply(word: str, rule: Callable[[str, int], str]) -> str:
    return "".join(rule(word, i) for i in range(len(word)))


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


_SLAVIC_LATIN = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "з": "z", "и": "i", "й": "j", "к": "k",
    "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
    "ф": "f", "ж": "ž", "ц": "c", "ч": "č", "ш": "š", "щ": "šč", "ъ": "", "ь": "", "ы": "y",
    "э": "e",
}  # fmt: skip


def _slavic(word: str, i: int, kh: str, soft_y: str = "y") -> str:
    """Czech, Serbian, Latvian and Lithuanian share most letters; they differ in х and ы."""
    ch = word[i]
    if ch == "х":
        return kh
    if ch == "ы":
        return soft_y
    if ch in "еёюя":
        base = {"е": "e", "ё": "o", "ю": "u", "я": "a"}[ch]
        if ch == "е":
            return "je" if _iotated(word, i) else "e"
        if ch == "ё" and i and word[i - 1] in HUSHING:
            return "o"
        return "j" + base
    return _SLAVIC_LATIN.get(ch, ch)


def czech(word: str, man: bool) -> str:
    """Czech transcription (Pravidla českého pravopisu): ch for х, -ij for -ий."""
    return _cap(_apply(word, lambda w, i: _slavic(w, i, "ch")))


def serbian(word: str, man: bool) -> str:
    """Serbian Latin transcription (Pravopis srpskoga jezika): h for х, i for ы."""
    return _cap(_apply(word, lambda w, i: _slavic(w, i, "h", "i")))


def _baltic_base(word: str, kh: str) -> str:
    return _apply(word, lambda w, i: _slavic(w, i, kh, "i" if kh == "h" else "y"))


def latvian(word: str, man: bool) -> str:
    """Latvian (Cabinet Regulation No. 114, 2004): a man's name takes -s, -is after -sk/-ck."""
    base = _baltic_base(word, "h")
    if man:
        if base.endswith(("skij", "ckij")):
            base = base[:-1] + "s"  # Dostojevskis
        elif base.endswith(("ij", "ej", "oj", "aj")) or base[-1:] not in "aeiou":
            base += "s"  # Sergejs, Dmitrijs, Ivanovs, Aleksandrs
    return _cap(base)


def lithuanian(word: str, man: bool) -> str:
    """Lithuanian: a man's name takes -as, -is or -us (Ivanovas, Igoris, Sergejus)."""
    base = _baltic_base(word, "ch")
    if man:
        if base.endswith(("skij", "ckij")):
            base = base[:-2] + "is"  # Dostojevskis
        elif base.endswith(("ij", "ej", "oj", "aj")):
            base += "us"  # Sergejus, Dmitrijus
        elif base.endswith(("r", "l")):
            base += "is"  # Igoris, Pavelis
        elif base[-1:] not in "aeiou":
            base += "as"  # Ivanovas, Aleksandras
    return _cap(base)


_POLISH = {
    "а": "a", "б": "b", "в": "w", "г": "g", "д": "d", "ж": "ż", "з": "z", "й": "j", "к": "k",
    "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f",
    "х": "ch", "ц": "c", "ч": "cz", "ш": "sz", "щ": "szcz", "ъ": "", "ы": "y", "э": "e",
}  # fmt: skip


def _polish(word: str, i: int) -> str:
    ch, after = word[i], word[i + 1 : i + 2]
    if ch == "л":
        return "l" if after and after in "ьеёиюя" else "ł"
    if ch == "ь":
        return "i" if after and after in "аоу" else ""
    if ch == "и":
        return "y" if i and word[i - 1] in "жшц" else "i"
    if ch in "еёюя":
        vowel = {"е": "e", "ё": "o", "ю": "u", "я": "a"}[ch]
        if _iotated(word, i):
            return "j" + vowel
        if i and word[i - 1] in HUSHING:
            return vowel
        return ("i" + vowel) if ch != "е" else "ie"
    return _POLISH.get(ch, ch)


def polish(word: str, man: bool) -> str:
    """Polish transcription (PWN, Zasady pisowni 77.B): w, sz, cz, szcz, ż, ie after consonants."""
    text = _apply(word, _polish)
    if text.endswith(("skij", "ckij")):
        text = text[:-2]  # Dostojewski
    return _cap(text)


def _spanish(word: str, i: int) -> str:
    ch, after = word[i], word[i + 1 : i + 2]
    plain = {
        "а": "a", "б": "b", "в": "v", "д": "d", "ж": "zh", "з": "z", "и": "i", "к": "k",
        "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
        "у": "u", "ф": "f", "х": "j", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "sch", "ъ": "",
        "ь": "", "ы": "i", "э": "e",
    }  # fmt: skip
    if ch == "г":
        return "gu" if after and after in "еёиэ" else "g"
    if ch == "й":
        return "" if i == len(word) - 1 and i and word[i - 1] == "и" else "i"
    if ch in "еёюя":
        vowel = {"е": "e", "ё": "o", "ю": "u", "я": "a"}[ch]
        if i == 0:
            return "y" + vowel
        if ch == "е" or (word[i - 1] in HUSHING):
            return vowel if ch != "е" or not _iotated(word, i) else "ie"
        return "i" + vowel
    return plain.get(ch, ch)


def spanish(word: str, man: bool) -> str:
    """Spanish transcription (Ortografía de la lengua española, 2010): j for х, gu before e/i."""
    return _cap(_apply(word, _spanish))


def _italian(word: str, i: int) -> str:
    ch, after = word[i], word[i + 1 : i + 2]
    front = bool(after) and after in "еиё"
    plain = {
        "а": "a", "б": "b", "в": "v", "д": "d", "ж": "zh", "з": "z", "и": "i", "к": "k",
        "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
        "у": "u", "ф": "f", "х": "ch", "ц": "ts", "ъ": "", "ь": "", "ы": "y", "э": "e",
    }  # fmt: skip
    if ch == "г":
        return "gh" if front else "g"
    if ch == "ч":
        return "c" if front else ("ci" if after and after in "аоуёюя" else "c")
    if ch in "шщ":
        return "sc" if front else ("sci" if after and after in "аоу" else "sh")
    if ch == "й":
        return "j"
    if ch in "еёюя":
        vowel = {"е": "e", "ё": "o", "ю": "u", "я": "a"}[ch]
        if ch == "е":
            return "e"
        if i and word[i - 1] in "чшщ":
            return vowel
        return "i" + vowel
    return plain.get(ch, ch)


def italian(word: str, man: bool) -> str:
    """Italian press transcription (Gorbaciov, Serghei): no standard, the papers' habit."""
    return _cap(_apply(word, _italian))


FOREIGN = {
    "czech": czech,
    "serbian": serbian,
    "latvian": latvian,
    "lithuanian": lithuanian,
    "polish": polish,
    "spanish": spanish,
    "italian": italian,
}

# Kazakh Cyrillic to the Latin alphabet presented by the Government on 28 January 2021.
KAZAKH_2021 = {
    "а": "a", "ә": "ä", "б": "b", "в": "v", "г": "g", "ғ": "ğ", "д": "d", "е": "e", "ж": "j",
    "з": "z", "и": "i", "й": "i", "к": "k", "қ": "q", "л": "l", "м": "m", "н": "n", "ң": "ñ",
    "о": "o", "ө": "ö", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ұ": "ū", "ү": "ü",
    "ф": "f", "х": "h", "һ": "h", "ц": "ts", "ч": "ç", "ш": "ş", "щ": "şş", "ъ": "", "ы": "y",
    "і": "ı", "ь": "", "э": "e", "ю": "iu", "я": "ia",
}  # fmt: skip
# Kazakh passports drop the marks of the Kazakh letters.
KAZAKH_PASSPORT = {
    "ә": "a", "ғ": "g", "қ": "k", "ң": "n", "ө": "o", "ұ": "u", "ү": "u", "һ": "h", "і": "i",
    "ж": "zh", "ш": "sh", "ч": "ch", "х": "kh", "ц": "ts", "й": "i", "ы": "y", "ю": "yu",
    "я": "ya", "щ": "shch", "ъ": "", "ь": "",
}  # fmt: skip
# Kazakh letters written as the nearest Russian one in Russian documents.
KAZAKH_TO_RUSSIAN = str.maketrans("әғқңөұүһіӘҒҚҢӨҰҮҺІ", "агкноуухиАГКНОУУХИ")
# Uzbek Cyrillic to the Uzbek Latin alphabet (law of 2 September 1993, revised 1995).
UZBEK_LATIN = {
    "а": "a", "б": "b", "в": "v", "г": "g", "ғ": "gʻ", "д": "d", "е": "e", "ё": "yo", "ж": "j",
    "з": "z", "и": "i", "й": "y", "к": "k", "қ": "q", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ў": "oʻ", "ф": "f", "х": "x", "ҳ": "h",
    "ц": "ts", "ч": "ch", "ш": "sh", "ъ": "ʼ", "ь": "", "э": "e", "ю": "yu", "я": "ya",
}  # fmt: skip
# Uzbek letters as Russian documents write them (ж is дж in Uzbek).
UZBEK_TO_RUSSIAN = {"ў": "у", "қ": "к", "ғ": "г", "ҳ": "х", "ж": "дж"}
# The national romanisation of Georgian (2002), from its Latin letters to the Georgian ones.
GEORGIAN = {
    "ch'": "ჭ", "ts'": "წ", "k'": "კ", "p'": "პ", "t'": "ტ", "q'": "ყ", "kh": "ხ", "gh": "ღ",
    "sh": "შ", "ch": "ჩ", "ts": "ც", "dz": "ძ", "zh": "ჟ", "a": "ა", "b": "ბ", "g": "გ",
    "d": "დ", "e": "ე", "v": "ვ", "z": "ზ", "t": "თ", "i": "ი", "l": "ლ", "m": "მ", "n": "ნ",
    "o": "ო", "r": "რ", "s": "ს", "u": "უ", "p": "ფ", "k": "ქ", "j": "ჯ", "h": "ჰ",
}  # fmt: skip


def table(word: str, letters: dict[str, str]) -> str:
    """A word through a letter table, longest match first."""
    out, i, longest = [], 0, max(len(k) for k in letters)
    while i < len(word):
        for size in range(longest, 0, -1):
            if word[i : i + size].lower() in letters:
                out.append(letters[word[i : i + size].lower()])
                i += size
                break
        else:
            out.append(word[i])
            i += 1
    return "".join(out)
