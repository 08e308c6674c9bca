"""Keys for one name part: a plain Latin form and a skeleton on which romanisations agree."""

from __future__ import annotations

import re
import unicodedata

from .memory import name_memo
from .scripts import EXTRA_CYRILLIC, EXTRA_LATIN, needs_anyascii, to_latin

# Cyrillic goes to one Latin form first; the skeleton then folds it like any other spelling.
_CYRILLIC_TO_LATIN = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh",
    "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
    "я": "ya", "і": "i", "ї": "yi", "є": "ye", "ґ": "g", "ў": "u", **EXTRA_CYRILLIC,
}  # fmt: skip
_UKRAINIAN_MARKERS = frozenset("іїєґ")

# Letters with diacritics stand for digraphs in the scholarly and ISO systems: folding them to
# their bare letter would turn Жуков into "Zukov" and Щукин into "Sukin".
_LATIN_SPECIAL = {
    "ž": "zh", "š": "sh", "č": "ch", "ŝ": "shch", "ĉ": "ch", "ć": "ch", "ż": "zh",
    "ś": "s", "ź": "z", "ł": "l", "ë": "e", "ï": "i", "â": "ya", "û": "yu", "ŭ": "u",
    "ĭ": "y", "ß": "ss", "ç": "s", "ñ": "n", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d",
}  # fmt: skip
_SIGNS = "ʹʺ'’`\"”“‘ʼ´"
_LATIN_TABLE = str.maketrans({**_LATIN_SPECIAL, **EXTRA_LATIN, **dict.fromkeys(_SIGNS, "")})
# Digits typed for the letters they look like (S3rg3i, Ivan0v), read only inside words.
_DIGITS_AS_LETTERS = str.maketrans("0134578", "oieastb")
_DIGIT = re.compile(r"\d")
# Uzbek oʻ is the ў that Russian documents write у (Oʻtkir, Уткир); O'Brien keeps its O.
_UZBEK_O = re.compile(r"[oO][ʻ'’‘](?=[a-z])")
_LETTER = re.compile(r"[^\W\d_]")
_NOT_LETTER = re.compile(r"[^a-z]+")
_CYRILLIC_RANGE = re.compile(r"[\u0400-\u04ff]")


_BELARUSIAN_FINAL_U = re.compile(r"(?<=[оеё])ў$")


def _cyrillic_to_latin(word: str) -> str:
    # Belarusian writes the -ов of surnames -оў (Мельнікоў): the same ending.
    word = _BELARUSIAN_FINAL_U.sub("в", word) if "ў" in word else word
    ukrainian = any(ch in _UKRAINIAN_MARKERS for ch in word)
    out = []
    for ch in word:
        if ch == "г" and ukrainian:
            out.append("h")
        else:
            out.append(_CYRILLIC_TO_LATIN.get(ch, ch))
    return "".join(out)


@name_memo(500_000)
def normalise(part: str) -> str:
    """Lower-case ASCII letters of one name part, Cyrillic romanised, diacritics as digraphs."""
    text = unicodedata.normalize("NFC", part)
    if "'" in text or "ʻ" in text or "’" in text or "‘" in text:
        text = _UZBEK_O.sub("u", text)
    text = text.lower()
    if _CYRILLIC_RANGE.search(text):
        text = _cyrillic_to_latin(text)
    if needs_anyascii(text):
        text = to_latin(text)
    text = text.translate(_LATIN_TABLE)
    if _DIGIT.search(text) and _LETTER.search(text):
        text = text.translate(_DIGITS_AS_LETTERS)
    # Whatever accent is left (é, ö, the tie bars of ALA-LC) carries no digraph: drop it.
    text = "".join(
        ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch)
    )
    return _NOT_LETTER.sub("", text)


# Each step folds spellings that the systems disagree on. Upper-case letters are classes:
# Z for ж, S for ш, Q for щ, X for х/ч, C for ц (and z, which German uses for ц).
_STEPS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"iei(?=[aeou])", "i"),  # ICAO writes ъ as "ie": Podieiachev
        (r"j(?=ou|[bdgklmnprstvz])", "zh"),  # French j is ж: Joukov, Jdanov
        (r"ou", "u"),  # French у
        (r"gu(?=[eiy])", "g"),  # French г before e/i: Evguenii
        (r"schtsch|shtsch|chtch|shch|shh", "Q"),  # щ
        (r"tsch|tch", "X"),  # ч in German and French
        (r"zh", "Z"),  # ж
        (r"sch|sh", "S"),  # ш; German sch may also be ж, see _READINGS
        (r"kh|ch|h", "X"),  # х, ч
        (r"^x", "X"),  # х in GOST 7.79 B and scholarly spellings
        (r"x", "ks"),  # elsewhere mostly кс (Alexandrov); `alternate_skeleton` reads it as х
        (r"ts|tc|tz|cz|c|z", "C"),  # ц in every system, and German z
        (r"[yj]", "i"),
        (r"w", "v"),
        (r"ph", "f"),
        (r"ck|q", "k"),
        (r"(.)\1+", r"\1"),
        (r"io", "e"),  # ё: Fiodor, Fyodor, Fjodor, Fedor
        (r"i(?=[aeou])", ""),  # iotation written as a letter: Iurii / Yuriy / Jurij
        (r"(?<=[SZQX])o(?=v)", "e"),  # ё after a hushing letter: Chruschtschow / Khrushchev
        (r"ine$", "in"),  # French -ine: Poutine
        (r"(.)\1+", r"\1"),
    )
)


@name_memo(500_000)
def skeleton(norm: str) -> str:
    """The skeleton of a normalised part, on which most romanisations of one name agree."""
    key = norm
    for pattern, replacement in _STEPS:
        key = pattern.sub(replacement, key)
    return key


# Letters whose reading depends on the system, which one spelling alone cannot tell: each rule
# gives a second reading of the whole part. The index files a part under every reading.
_GERMAN_HINT = re.compile(r"w|sch|j[aeiou]")
_READINGS: tuple[tuple[re.Pattern[str], str, re.Pattern[str] | None], ...] = (
    (re.compile(r"(?<=.)x"), "kh", None),  # х in GOST 7.79 B: Mixajlov
    (re.compile(r"(?<![tsk])ch"), "sh", None),  # French ш: Chilov, Chevtchouk
    (re.compile(r"(?<![kcszgt])h"), "g", None),  # Ukrainian г: Hryhoriev, Husev
    (re.compile(r"^s(?=[aeiouy])"), "z", _GERMAN_HINT),  # German з: Saizew, Sujew
    (re.compile(r"j(?=[aeiou])"), "zh", None),  # ж in French and chat spelling: Ryjov, Jukov
    (re.compile(r"sc(?!h)"), "shch", None),  # щ in chat spelling: Scerbakov
    (re.compile(r"(?<!t)sch(?!tsch)"), "zh", _GERMAN_HINT),  # German ж: Schukow
    (re.compile(r"(?<!t)sch(?!tsch)"), "shch", None),  # щ in English press: Khruschev
)
_READING_LABELS = (
    "x read as х", "ch read as ш", "h read as г", "s read as з", "j read as ж",
    "sc read as щ", "sch read as ж", "sch read as щ",
)  # fmt: skip


_FOREIGN: tuple[tuple[str, str, tuple[tuple[str, str], ...]], ...] = (
    # Polish (PWN rules): Kuzniecow, Szewczenko, Chruszczow.
    ("Polish spelling", r"sz|cz|rz",
     (("szcz", "shch"), ("sz", "sh"), ("cz", "ch"), ("rz", "zh"))),
    # Latvian and Lithuanian add a case ending to men's names: Ivanovs, Sergejus, Igoris; j is й.
    ("Latvian or Lithuanian case ending", r"(?<=[a-z]{3})s$",
     (("(?<=[sc]k)is$", "i"), ("(?<=[a-z]{3})(?:a|u|i|y)?s$", ""), ("j", "i"))),
    # Spanish writes х as j: Mijail Jodorkovski, Jruschov.
    ("Spanish j for х", r"j", (("j", "kh"),)),
    # Italian: gh for г, ci/c for ч, sc/sci for ш (Serghei, Gorbaciov).
    ("Italian spelling", r"gh|ci|c[ei]|sc",
     (("gh", "g"), ("sci(?=[aou])", "sh"), ("sc(?=[ei])", "sh"), ("ci(?=[aou])", "ch"),
      ("c(?=[ei])", "ch"))),
    # English, Turkic and Uzbek j for дж (Jamshid, Khojaev); Azerbaijani c (Cəfərov).
    ("j or c for дж", r"j|^c[aeiou]",
     (("dj", "dzh"), ("(?<![dz])j", "dzh"), ("^c(?=[aeiou])", "dzh"))),
    # Korean: the Revised Romanisation's eo and eu are o and u elsewhere (Jeong / Jong).
    ("Korean eo/eu for o/u", r"eo|eu", (("eo", "o"), ("eu", "u"))),
)  # fmt: skip

FOREIGN_LABELS = frozenset(label for label, _, _ in _FOREIGN)

# Other languages' spellings of Russian names: each is one more reading of the whole part,
# made by all its substitutions together, and only for parts that show its letters.
_FOREIGN_READINGS: tuple[tuple[re.Pattern[str], tuple[tuple[re.Pattern[str], str], ...]], ...] = (
    tuple(
        (re.compile(hint), tuple((re.compile(p), r) for p, r in steps))
        for _, hint, steps in _FOREIGN
    )
)


_BALTIC = next(
    (re.compile(hint), tuple((re.compile(p), r) for p, r in steps))
    for label, hint, steps in _FOREIGN
    if label.startswith("Latvian")
)


def baltic_skeleton(norm: str) -> str | None:
    """The skeleton read without a Latvian or Lithuanian case ending, if the part has one."""
    hint, steps = _BALTIC
    if not hint.search(norm):
        return None
    for pattern, replacement in steps:
        norm = pattern.sub(replacement, norm)
    return fold_gender(skeleton(norm))


def looks_german(norm: str) -> bool:
    """Whether a normalised part shows letters only German spelling uses (w, sch, ja/jo/ju)."""
    return _GERMAN_HINT.search(norm) is not None


@name_memo(500_000)
def alternate_skeletons(norm: str, german: bool = False) -> tuple[str, ...]:
    """Skeletons of the other readings of an ambiguous spelling, without the main one."""
    main = skeleton(norm)
    out: list[str] = []
    for pattern, replacement, hint in _READINGS:
        if hint is not None and not (german or hint.search(norm)):
            continue
        if pattern.search(norm):
            other = skeleton(pattern.sub(replacement, norm))
            if other != main and other not in out:
                out.append(other)
    for hint, steps in _FOREIGN_READINGS:
        if hint.search(norm):
            text = norm
            for pattern, replacement in steps:
                text = pattern.sub(replacement, text)
            other = skeleton(text)
            if text and other != main and other not in out:
                out.append(other)
    return tuple(out)


_GENDER_ENDINGS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"(?<=[a-zSZQXC]{2})([sC])k(?:a|oi)$", r"\1ki"),  # -skaya, -skoy / -sky; -tskaya / -tsky
        (r"(?<=[a-zSZQXC]{2})(ov|ev|in)a$", r"\1"),  # -ova / -ov, -eva / -ev, -ina / -in
    )
)


@name_memo(500_000)
def fold_gender(skel: str) -> str:
    """The skeleton with a feminine surname ending folded into the masculine one."""
    for pattern, replacement in _GENDER_ENDINGS:
        skel = pattern.sub(replacement, skel)
    return skel


def part_key(part: str) -> tuple[str, str]:
    """The normalised form and the gender-folded skeleton of one name part."""
    norm = normalise(part)
    return norm, fold_gender(skeleton(norm))


def trigrams(skel: str) -> list[str]:
    """Distinct character trigrams of a skeleton padded with word boundaries."""
    padded = f"^{skel}$"
    return sorted({padded[i : i + 3] for i in range(len(padded) - 2)})


def osa_distance(a: str, b: str, limit: int = 99) -> int:
    """Edit distance counting a swap of neighbours as one edit; past `limit` returns limit + 1.

    Bit-parallel (Hyyrö, 2003): one pass over `b`, the columns for all of `a` held in the bits
    of an integer; about four times faster in Python than the table.
    """
    m = len(a)
    if not m or not b:
        return min(max(m, len(b)), limit + 1)
    if a == b:
        return 0
    if abs(m - len(b)) > limit:
        return limit + 1
    positions: dict[str, int] = {}
    for i, ch in enumerate(a):
        positions[ch] = positions.get(ch, 0) | (1 << i)
    full = (1 << m) - 1
    last = 1 << (m - 1)
    vp, vn, d0, previous = full, 0, 0, 0
    score = m
    for ch in b:
        pm = positions.get(ch, 0)
        swapped = (((~d0) & pm) << 1) & previous
        d0 = ((((pm & vp) + vp) ^ vp) | pm | vn | swapped) & full
        hp = (vn | ~(d0 | vp)) & full
        hn = d0 & vp
        if hp & last:
            score += 1
        elif hn & last:
            score -= 1
        hp = ((hp << 1) | 1) & full
        hn = (hn << 1) & full
        vp = (hn | ~(d0 | hp)) & full
        vn = hp & d0
        previous = pm
    return min(score, limit + 1)


FIRST_LETTER_COST = 0.5


def spelling_similarity(a: str, b: str) -> tuple[float, int]:
    """1 minus the edit distance over the longer length, and the distance itself.

    A different first letter costs half an edit more: people seldom mistype the first letter,
    while different names (Verin, Averin) often differ there.
    """
    longest = max(len(a), len(b))
    if not longest:
        return 0.0, 0
    # Beyond half the length the exact distance no longer matters: the parts differ.
    distance = osa_distance(a, b, limit=longest // 2 + 1)
    extra = FIRST_LETTER_COST if a[:1] != b[:1] else 0.0
    return max(0.0, 1.0 - (distance + extra) / longest), distance


def reading_label(norm: str, target: set[str]) -> str | None:
    """Which reading of a normalised part gives one of the target skeletons, for explanations."""
    for (pattern, replacement, hint), label in zip(_READINGS, _READING_LABELS, strict=True):
        if (
            (hint is None or hint.search(norm))
            and pattern.search(norm)
            and fold_gender(skeleton(pattern.sub(replacement, norm))) in target
        ):
            return label
    for label, hint_text, steps in _FOREIGN:
        if re.search(hint_text, norm):
            text = norm
            for pattern_text, replacement in steps:
                text = re.sub(pattern_text, replacement, text)
            if fold_gender(skeleton(text)) in target:
                return label
    return None
