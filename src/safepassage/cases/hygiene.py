"""What a case must not hold: a warning before text is saved (framework-free).

Escape routes, crossing points, helpers' names, precise addresses and coordinates, phone and card
numbers endanger people if the data ever leaks. The checks look for their usual shapes in Russian,
Ukrainian, English and French; staff can correct the text or confirm it, and a confirmation is
audited. The checks warn, they do not decide: false alarms are cheap, misses are not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

COORDINATES = "coordinates"
ADDRESS = "street_address"
PHONE = "phone_number"
CARD = "card_number"
ROUTE = "route_or_crossing"
HELPER = "helper_name"
KINDS = (COORDINATES, ADDRESS, PHONE, CARD, ROUTE, HELPER)


@dataclass(frozen=True)
class Finding:
    kind: str
    excerpt: str


_COORDINATE_PATTERNS = [
    # 43.2389, 76.8897 / -33.9, 151.2 (decimal degrees with enough precision to pinpoint)
    re.compile(r"[-+]?\b\d{1,2}\.\d{3,}\s*[,;/ ]\s*[-+]?\d{1,3}\.\d{3,}\b"),
    # 43°14'20"N 76°53'23"E
    re.compile(r"\d{1,3}\s*°\s*\d{1,2}\s*['′]\s*(\d{1,2}(\.\d+)?\s*[\"″])?\s*[NSEWСЮВЗ]?", re.I),
    # geo: URIs and map links with coordinates
    re.compile(r"\bgeo:\s*[-+]?\d|\b(maps\.google|goo\.gl/maps|yandex\.\w+/maps|2gis)\b", re.I),
]
_ADDRESS_PATTERNS = [
    re.compile(
        r"\b(ул\.|улица|пр-т|проспект|пер\.|переулок|бульвар|шоссе|мкр\.?|микрорайон)\s*\S+",
        re.I,
    ),
    re.compile(r"\b(д\.|дом)\s*\d+|\b(кв\.|квартира)\s*\d+", re.I),
    re.compile(r"\b(вул\.|вулиця)\s*\S+", re.I),
    re.compile(
        r"\b\d{1,4}\s*,?\s*(rue|avenue|boulevard|bd|chemin|impasse)\s+\w+"
        r"|\b(rue|avenue|boulevard|chemin|impasse)\s+(de\s+|du\s+|des\s+|d['’])?\w+",
        re.I,
    ),
    re.compile(
        r"\b\d{1,5}\s+\w+(\s\w+)?\s+(street|st\.|road|rd\.|avenue|ave\.|lane|drive|dr\.)",
        re.I,
    ),
    re.compile(r"\b\w+(straße|strasse|gasse|weg|platz)\s+\d+", re.I),
    re.compile(r"\b(apt\.?|apartment|flat)\s*\d+", re.I),
]
_PHONE = re.compile(r"(?<![\w.])(\+|00)?\d[\d ()\-.]{8,}\d(?!\w)")
_CARD = re.compile(r"(?<!\d)(?:\d[ -]?){13,19}(?!\d)")
_ROUTE_PATTERNS = [
    re.compile(
        r"\b(кпп|пункт пропуска|погранпереход|через границу|переход(е|ить)? границ\w*"
        r"|маршрут\w*|проводник\w*|тропа|тропе|перейти границу)\b",
        re.I,
    ),
    re.compile(
        r"\b(checkpoint|border crossing|crossing point|cross(ing)? the border|route via|"
        r"smuggler|guide him|poste[- ]frontière|passage de la frontière|passeur)\b",
        re.I,
    ),
]
_HELPER_PATTERNS = [
    re.compile(
        r"\b(водитель|водителя|помогает|помогал\w*|приютил\w*|хозяин\w* квартиры|перевозчик)\b"
        r"\s+[А-ЯЁA-Z][а-яёa-z]+",
    ),
    re.compile(
        r"\b(driver|helper|host|hosted by|driven by|chauffeur|hébergé par|conduit par)\b"
        r"\s+[A-ZА-ЯЁ][a-zа-яё]+",
    ),
]


def _luhn(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        n = int(ch)
        if i % 2:
            n *= 2
            if n > 9:
                n -= 9
        total += n
    return total % 10 == 0


def _excerpt(text: str, match: re.Match[str]) -> str:
    start, end = max(0, match.start() - 15), min(len(text), match.end() + 15)
    return text[start:end].strip()


def findings(text: str) -> list[Finding]:
    """Everything in `text` that looks like what a case must not hold, one finding per kind."""
    if not text:
        return []
    found: dict[str, Finding] = {}

    def first(kind: str, patterns: list[re.Pattern[str]]) -> None:
        for pattern in patterns:
            match = pattern.search(text)
            if match:
                found.setdefault(kind, Finding(kind, _excerpt(text, match)))
                return

    first(COORDINATES, _COORDINATE_PATTERNS)
    first(ADDRESS, _ADDRESS_PATTERNS)
    for match in _CARD.finditer(text):
        digits = re.sub(r"\D", "", match.group())
        if 13 <= len(digits) <= 19 and _luhn(digits):
            found.setdefault(CARD, Finding(CARD, _excerpt(text, match)))
            break
    for match in _PHONE.finditer(text):
        digits = re.sub(r"\D", "", match.group())
        if 10 <= len(digits) <= 15 and CARD not in found:
            found.setdefault(PHONE, Finding(PHONE, _excerpt(text, match)))
            break
    first(ROUTE, _ROUTE_PATTERNS)
    first(HELPER, _HELPER_PATTERNS)
    return [found[kind] for kind in KINDS if kind in found]
