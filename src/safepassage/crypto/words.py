"""A generated word list for secrets people write down: recovery keys and intake codenames.

8,192 pronounceable five-letter words (consonant-vowel-consonant-vowel-consonant), so each word
carries exactly 13 bits. The list is built from fixed letter tables, not downloaded: every copy of
the program has the same list. Letters that people confuse in handwriting or on the phone are
left out (no c/k/q, no j/y, no w/v, no h, no x).
"""

from __future__ import annotations

import secrets
from functools import cache

FIRST = "bdfglmnprstz"
MIDDLE = "bdfglmnprstz"
LAST = "dlmnrst"
VOWELS = "aeiou"
BITS_PER_WORD = 13
WORD_COUNT = 1 << BITS_PER_WORD


@cache
def word_list() -> tuple[str, ...]:
    words = [
        a + v1 + b + v2 + c
        for a in FIRST
        for v1 in VOWELS
        for b in MIDDLE
        for v2 in VOWELS
        for c in LAST
        if a != b  # "babad" and the like are hard to tell apart when spoken
    ]
    return tuple(words[:WORD_COUNT])


@cache
def _index() -> dict[str, int]:
    return {word: i for i, word in enumerate(word_list())}


class WordsError(ValueError):
    """Not a valid sequence of words from the list."""


def random_words(count: int) -> list[str]:
    words = word_list()
    return [words[secrets.randbelow(WORD_COUNT)] for _ in range(count)]


def normalise(text: str) -> list[str]:
    """Split typed words: any case, any separator; refuses words not on the list."""
    parts = [p for p in "".join(ch if ch.isalpha() else " " for ch in text.lower()).split() if p]
    index = _index()
    unknown = [p for p in parts if p not in index]
    if unknown:
        raise WordsError(f"not on the word list: {', '.join(unknown[:3])}")
    return parts


def bytes_to_words(data: bytes) -> list[str]:
    """Encode bytes as words (13 bits each, the last word padded with zero bits)."""
    number = int.from_bytes(data, "big")
    total_bits = len(data) * 8
    count = -(-total_bits // BITS_PER_WORD)
    number <<= count * BITS_PER_WORD - total_bits
    words = word_list()
    return [
        words[(number >> (BITS_PER_WORD * (count - 1 - i))) & (WORD_COUNT - 1)]
        for i in range(count)
    ]


def words_to_bytes(text: str, size: int) -> bytes:
    """Decode words written by `bytes_to_words` back into `size` bytes."""
    parts = normalise(text)
    count = -(-size * 8 // BITS_PER_WORD)
    if len(parts) != count:
        raise WordsError(f"expected {count} words, got {len(parts)}")
    index = _index()
    number = 0
    for word in parts:
        number = (number << BITS_PER_WORD) | index[word]
    padding = count * BITS_PER_WORD - size * 8
    if number & ((1 << padding) - 1):
        raise WordsError("the words do not spell a key (check the last word)")
    return (number >> padding).to_bytes(size, "big")
