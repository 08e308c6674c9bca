"""Partner cards: who an organisation is, which keys it uses, where its inbox is. No Django here.

A card is one small JSON file an organisation exports and hands to a partner:

    {"format": "safepassage-partner-card", "version": 1,
     "name": "...", "signing_key": "<Ed25519 public key, hex>",
     "encryption_key": "age1...", "inbox": "https://..." or "",
     "issued_at": "2025-01-31T12:00:00Z",
     "previous_signing_key": "" or "<hex>",
     "signature": "<hex>", "endorsement": "" or "<hex>"}

`signature` is made with `signing_key` over the canonical JSON of every other field except
`endorsement`; `endorsement` is made with `previous_signing_key` over a statement naming only
the two keys ("my old key hands over to this one", `crypto.signing.handover_bytes`), so it can
be made once, when the key is replaced, and carried by every later card; a partner then accepts
the new keys without comparing fingerprints again. The fingerprint covers both keys; people
compare it as ten words from `crypto.words` (128 bits), read aloud on a channel other than the
one that carried the card.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

import pyrage

from safepassage.crypto import words
from safepassage.crypto.signing import (
    SignatureError,
    canonical_json,
    endorse,
    handover_bytes,
    key_id,
    sign,
    verify,
)

FORMAT = "safepassage-partner-card"
VERSION = 1
CARD_MAX_BYTES = 16 * 1024
NAME_MAX = 200
FINGERPRINT_BYTES = 16  # ten words of 13 bits


class CardError(ValueError):
    """The card cannot be used; the message says why."""


@dataclass(frozen=True)
class Card:
    name: str
    signing_key: bytes
    encryption_key: str
    inbox: str
    issued_at: datetime
    previous_signing_key: bytes = b""
    signature: bytes = b""
    endorsement: bytes = b""

    @property
    def key_id(self) -> str:
        return key_id(self.signing_key)

    def body(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "version": VERSION,
            "name": self.name,
            "signing_key": self.signing_key.hex(),
            "encryption_key": self.encryption_key,
            "inbox": self.inbox,
            "issued_at": stamp(self.issued_at),
            "previous_signing_key": self.previous_signing_key.hex(),
        }

    def signed_bytes(self) -> bytes:
        return canonical_json(self.body())

    def to_json(self) -> bytes:
        document = {
            **self.body(),
            "signature": self.signature.hex(),
            "endorsement": self.endorsement.hex(),
        }
        return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True).encode() + b"\n"


def stamp(moment: datetime) -> str:
    """A time as written in cards and messages: UTC, whole seconds, with a Z."""
    return moment.astimezone(UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_stamp(value: Any) -> datetime:
    if not isinstance(value, str) or not value.endswith("Z"):
        raise ValueError("not a UTC time")
    return datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)


def fingerprint(signing_key: bytes, encryption_key: str) -> bytes:
    material = canonical_json({"encryption_key": encryption_key, "signing_key": signing_key.hex()})
    return hashlib.sha256(b"safepassage partner fingerprint\n" + material).digest()


def fingerprint_words(signing_key: bytes, encryption_key: str) -> list[str]:
    return words.bytes_to_words(fingerprint(signing_key, encryption_key)[:FINGERPRINT_BYTES])


def words_match(signing_key: bytes, encryption_key: str, typed: str) -> bool:
    """Whether the words someone typed are this card's fingerprint (any case or separator)."""
    try:
        given = words.normalise(typed)
    except words.WordsError:
        return False
    return given == fingerprint_words(signing_key, encryption_key)


def check_inbox(url: str) -> str:
    """An inbox address must be HTTPS with a host (files are the way for everything else)."""
    if not url:
        return ""
    parts = urlsplit(url)
    if parts.scheme != "https" or not parts.hostname or parts.username or parts.password:
        raise CardError("the inbox must be an https:// address")
    if parts.query or parts.fragment or len(url) > 300:
        raise CardError("the inbox address must be a plain https:// address")
    return url


def make_card(
    name: str,
    signing_secret: bytes,
    signing_public: bytes,
    encryption_key: str,
    inbox: str,
    issued_at: datetime,
    previous_secret: bytes = b"",
    previous_public: bytes = b"",
    endorsement: bytes = b"",
) -> Card:
    """A signed card; after a key rotation it names the previous key and carries its
    endorsement (given, or made here from the previous secret)."""
    card = Card(
        name=name,
        signing_key=signing_public,
        encryption_key=encryption_key,
        inbox=check_inbox(inbox),
        issued_at=issued_at,
        previous_signing_key=previous_public,
    )
    card = replace(card, signature=sign(signing_secret, card.signed_bytes()))
    if previous_secret:
        endorsement = endorse(previous_secret, previous_public, signing_public)
    return replace(card, endorsement=endorsement)


def _hex(document: dict[str, Any], name: str, size: int | None, required: bool = True) -> bytes:
    value = document.get(name, "")
    if not isinstance(value, str):
        raise CardError(f"{name} must be hexadecimal")
    if not value and not required:
        return b""
    try:
        raw = bytes.fromhex(value)
    except ValueError:
        raise CardError(f"{name} must be hexadecimal") from None
    if size is not None and len(raw) != size:
        raise CardError(f"{name} must be {size} bytes")
    return raw


def read_card(raw: bytes) -> Card:
    """A card from its file, its self-signature checked (and its endorsement, if any)."""
    if len(raw) > CARD_MAX_BYTES:
        raise CardError("this file is too large to be a partner card")
    try:
        document = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise CardError("this file is not a partner card (not JSON)") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise CardError("this file is not a safepassage partner card")
    if document.get("version") != VERSION:
        raise CardError(f"this card has version {document.get('version')!r}; we read {VERSION}")
    name = document.get("name")
    if not isinstance(name, str) or not name.strip() or len(name) > NAME_MAX:
        raise CardError("the card has no usable name")
    encryption_key = document.get("encryption_key")
    if not isinstance(encryption_key, str) or not encryption_key.startswith("age1"):
        raise CardError("the card's encryption key is not an age X25519 recipient")
    try:
        pyrage.x25519.Recipient.from_str(encryption_key)
    except (pyrage.RecipientError, ValueError):
        raise CardError("the card's encryption key is not an age X25519 recipient") from None
    inbox = document.get("inbox", "")
    if not isinstance(inbox, str):
        raise CardError("the inbox must be an https:// address")
    try:
        issued_at = parse_stamp(document.get("issued_at"))
    except ValueError:
        raise CardError("the card's issue time is not a UTC time") from None
    card = Card(
        name=name.strip(),
        signing_key=_hex(document, "signing_key", 32),
        encryption_key=encryption_key,
        inbox=check_inbox(inbox),
        issued_at=issued_at,
        previous_signing_key=_hex(document, "previous_signing_key", 32, required=False),
        signature=_hex(document, "signature", 64),
        endorsement=_hex(document, "endorsement", 64, required=False),
    )
    try:
        verify(card.signing_key, card.signed_bytes(), card.signature)
    except SignatureError:
        raise CardError("the card's signature does not verify: it was changed") from None
    if card.previous_signing_key:
        if not card.endorsement:
            raise CardError("the card names a previous key but is not endorsed by it")
        try:
            verify(
                card.previous_signing_key,
                handover_bytes(card.previous_signing_key, card.signing_key),
                card.endorsement,
            )
        except SignatureError:
            raise CardError("the endorsement by the previous key does not verify") from None
    elif card.endorsement:
        raise CardError("the card carries an endorsement without naming the previous key")
    return card
