"""Codenames: seven words from the generated list, and the two things derived from them.

A codename is the only thing a person keeps. Two separate Argon2id derivations with different
salts turn it into (1) the lookup id stored with his thread and (2) the seed of his own X25519 key
pair, of which only the public half is stored. Knowing the lookup id (a copy of the database)
gives nothing towards the key: the derivations share no output.

The salts are fixed rather than per installation: the lookup must be computed before any row is
found, and with 91 random bits per codename there is nothing to precompute against.
"""

from __future__ import annotations

from dataclasses import dataclass

from nacl.public import PrivateKey

from safepassage.crypto.kdf import KdfParams
from safepassage.crypto.words import BITS_PER_WORD, WordsError, normalise, random_words

WORDS = 7
BITS = WORDS * BITS_PER_WORD
LOOKUP_SALT = b"sp-intake-lookup"  # 16 bytes, as Argon2id in libsodium wants
KEY_SALT = b"sp-intake-x25519"


class CodenameError(ValueError):
    """Not a codename: a word is not on the list, or there are not seven of them."""


def new() -> str:
    return " ".join(random_words(WORDS))


def parse(text: str) -> str:
    """The codename in its one canonical form (lower case, single spaces)."""
    try:
        words = normalise(text)
    except WordsError:
        raise CodenameError("a word is not on the list") from None
    if len(words) != WORDS:
        raise CodenameError(f"a codename has {WORDS} words")
    return " ".join(words)


def lookup_id(codename: str, params: KdfParams) -> str:
    return params.derive(codename, LOOKUP_SALT).hex()


def key_pair(codename: str, params: KdfParams) -> PrivateKey:
    return PrivateKey.from_seed(params.derive(codename, KEY_SALT))


@dataclass(frozen=True)
class Derived:
    lookup_id: str
    private: PrivateKey

    @property
    def public(self) -> bytes:
        return bytes(self.private.public_key)


def derive(codename: str, params: KdfParams) -> Derived:
    return Derived(lookup_id(codename, params), key_pair(codename, params))
