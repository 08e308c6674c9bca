"""The language a message is written in, guessed from its letters alone (no network, no model),
so that a screen reader reads it with the right voice.

The script with the most letters decides. Cyrillic is Russian unless letters Russian never uses
say Kazakh or Belarusian, or Ukrainian letters and words outnumber Russian ones; Latin is English
unless common French or German words outnumber common English ones. A few other scripts name one
language; anything else, or a text with almost no letters, gives no guess (the page's language
then applies).
"""

from __future__ import annotations

import re
import unicodedata

# Scripts that name one language, by the first word of their letters' Unicode names.
SINGLE_LANGUAGE_SCRIPTS = {"GEORGIAN": "ka", "ARMENIAN": "hy", "GREEK": "el", "HEBREW": "he"}
ONLY_RUSSIAN = frozenset("ыэъё")  # Ukrainian has none of them
ONLY_UKRAINIAN = frozenset("іїєґ")
ONLY_KAZAKH = frozenset("әғқңөұүһ")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Common words of one language and not of the other, for texts too short for letters to tell.
RUSSIAN_WORDS = _words(
    "и что как это меня мне он она они сейчас нужна нужно помощь под мы вы где когда если "
    "только уже тоже был была"
)
UKRAINIAN_WORDS = _words(
    "і й та що як це мене мені він вона вони зараз потрібна потрібно допомога під ми ви де "
    "коли якщо тільки вже теж був була"
)
COMMON_WORDS = {
    "en": _words(
        "the and is are you to of in my me we it for not have was with this that help am he his "
        "from"
    ),
    "fr": _words(
        "le la les et est je vous des un une pour pas mon ma nous avec que qui suis dans il au aux"
    ),
    "de": _words(
        "der die das und ist ich sie nicht mit ein eine zu den mein wir bin für auf bitte er im"
    ),
}
MIN_LETTERS = 3
_WORD = re.compile(r"[^\W\d_]+")


def _script(ch: str) -> str:
    return unicodedata.name(ch, "").split(" ", 1)[0]


def text_language(text: str) -> str | None:
    """A BCP 47 language code for the text, or None when it cannot be told."""
    counts: dict[str, int] = {}
    for ch in text:
        if ch.isalpha():
            script = _script(ch)
            counts[script] = counts.get(script, 0) + 1
    if not counts or sum(counts.values()) < MIN_LETTERS:
        return None
    script = max(counts, key=lambda s: counts[s])
    lowered = text.lower()
    if script == "CYRILLIC":
        return _cyrillic(lowered)
    if script == "LATIN":
        return _latin(lowered)
    return SINGLE_LANGUAGE_SCRIPTS.get(script)


def _cyrillic(text: str) -> str:
    def count(letters: frozenset[str]) -> int:
        return sum(text.count(letter) for letter in letters)

    # Letters Russian never uses: two of them are not a quoted name.
    if count(ONLY_KAZAKH) >= 2:
        return "kk"
    # Belarusian writes ў and і, and never и.
    if "ў" in text and text.count("і") > text.count("и"):
        return "be"
    words = _WORD.findall(text)
    russian = count(ONLY_RUSSIAN) + 2 * sum(w in RUSSIAN_WORDS for w in words)
    ukrainian = count(ONLY_UKRAINIAN) + 2 * sum(w in UKRAINIAN_WORDS for w in words)
    return "uk" if ukrainian > russian else "ru"


def _latin(text: str) -> str:
    words = _WORD.findall(text)
    scores = {code: sum(w in common for w in words) for code, common in COMMON_WORDS.items()}
    best = max(scores, key=lambda code: scores[code])
    return best if scores[best] > scores["en"] else "en"
