"""Military units: their numbers (в/ч 12345) and a coarse key for their names (64 brigade)."""

from __future__ import annotations

import re

# "в/ч 51460", "в.ч. 51460", "войсковая часть 51460", "military unit 51460", "MU 51460",
# "unit no. 51460": the number follows one of these markers.
_NUMBER_AFTER_MARKER = re.compile(
    r"(?:в\s*/\s*ч|в\.\s*ч\.?|вч|войсков\w*\s+част\w*|военн\w*\s+част\w*|v\s*/\s*ch"
    r"|military\s+unit(?:\s+number)?|mil\.?\s*unit|unit|m\.?u\.?|mun|militäreinheit"
    r"|unité\s+militaire)\s*(?:no\.?|nr\.?|№|#|number)?\s*[-:]?\s*(\d{4,6})\b",
    re.IGNORECASE,
)
_BARE_NUMBER = re.compile(r"^\s*(\d{4,6})\s*$")
_ORDINAL = re.compile(r"(\d{1,4})\s*(?:-?\s*(?:st|nd|rd|th|я|й|ая|ий|ой|е|го)\b|\.)?", re.I)
_KINDS = (
    ("brigade", ("brigade", "бригад", "brigad")),
    ("regiment", ("regiment", "полк", "régiment")),
    ("division", ("division", "дивизи", "дивізі")),
    ("battalion", ("battalion", "батальон", "bataillon")),
    ("army", ("army", "армия", "армії", "armee", "armée")),
    ("corps", ("corps", "корпус", "korps")),
    ("detachment", ("detachment", "отряд", "загін")),
    ("base", ("base", "база")),
)


def unit_numbers(text: str) -> list[int]:
    """Every military unit number written in the text, in order, without repeats."""
    found = [int(m) for m in _NUMBER_AFTER_MARKER.findall(text)]
    if not found and (bare := _BARE_NUMBER.match(text)):
        found = [int(bare[1])]
    return list(dict.fromkeys(found))


def unit_name_key(text: str) -> str | None:
    """A key such as "64 brigade" from a unit's name in English, Russian or Ukrainian."""
    lowered = text.lower()
    kind = next((k for k, words in _KINDS if any(w in lowered for w in words)), None)
    if kind is None:
        return None
    without_numbers = _NUMBER_AFTER_MARKER.sub(" ", lowered)
    ordinal = _ORDINAL.search(without_numbers)
    if ordinal is None:
        return None
    return f"{int(ordinal[1])} {kind}"


def unit_keys(text: str) -> list[str]:
    """Keys under which a unit is filed: its numbers ("n:51460") and its name ("u:64 brigade")."""
    keys = [f"n:{n}" for n in unit_numbers(text)]
    if (name := unit_name_key(text)) is not None:
        keys.append(f"u:{name}")
    return keys
