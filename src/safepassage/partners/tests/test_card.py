"""Partner cards without Django: a card verifies only as signed, its words say its keys, and a
new key is taken only when the old one endorses it."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pyrage
import pytest
from nacl.signing import SigningKey

from safepassage.crypto import words
from safepassage.crypto.signing import endorse
from safepassage.partners import card as cards

NOW = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)


def _keys() -> tuple[SigningKey, str]:
    return SigningKey.generate(), str(pyrage.x25519.Identity.generate().to_public())


def _card(signing: SigningKey, recipient: str, **kwargs) -> cards.Card:
    return cards.make_card(
        kwargs.pop("name", "Беженцы и право"),
        bytes(signing),
        bytes(signing.verify_key),
        recipient,
        kwargs.pop("inbox", "https://partner.example/partners/inbox/"),
        kwargs.pop("issued_at", NOW),
        **kwargs,
    )


def test_a_card_reads_back_as_it_was_signed():
    signing, recipient = _keys()
    made = _card(signing, recipient)
    read = cards.read_card(made.to_json())
    assert read == made
    assert read.name == "Беженцы и право"


def test_every_changed_byte_of_a_card_is_refused():
    signing, recipient = _keys()
    raw = _card(signing, recipient).to_json()
    document = json.loads(raw)
    for name in ("name", "inbox", "encryption_key", "issued_at", "signing_key"):
        changed = dict(document)
        other_signing, other_recipient = _keys()
        changed[name] = {
            "name": "Someone else",
            "inbox": "https://attacker.example/partners/inbox/",
            "encryption_key": other_recipient,
            "issued_at": "2025-03-02T12:00:00Z",
            "signing_key": bytes(other_signing.verify_key).hex(),
        }[name]
        with pytest.raises(cards.CardError):
            cards.read_card(json.dumps(changed).encode())


def test_words_are_ten_list_words_and_change_with_either_key():
    signing, recipient = _keys()
    spoken = cards.fingerprint_words(bytes(signing.verify_key), recipient)
    assert len(spoken) == 10
    assert all(word in words.word_list() for word in spoken)
    other_signing, other_recipient = _keys()
    assert cards.fingerprint_words(bytes(other_signing.verify_key), recipient) != spoken
    assert cards.fingerprint_words(bytes(signing.verify_key), other_recipient) != spoken
    typed = " ".join(spoken).upper().replace(" ", ", ")
    assert cards.words_match(bytes(signing.verify_key), recipient, typed)
    assert not cards.words_match(bytes(signing.verify_key), recipient, " ".join(spoken[:-1]))
    assert not cards.words_match(bytes(signing.verify_key), recipient, "not words at all 123")


def test_a_rotation_card_needs_the_old_keys_endorsement():
    old, _recipient = _keys()
    new, new_recipient = _keys()
    rotated = _card(
        new,
        new_recipient,
        previous_secret=bytes(old),
        previous_public=bytes(old.verify_key),
        issued_at=NOW + timedelta(days=1),
    )
    assert cards.read_card(rotated.to_json()).previous_signing_key == bytes(old.verify_key)

    stranger, _r = _keys()
    forged = _card(
        new,
        new_recipient,
        previous_secret=bytes(stranger),
        previous_public=bytes(old.verify_key),
    )
    with pytest.raises(cards.CardError, match="previous key"):
        cards.read_card(forged.to_json())
    document = json.loads(rotated.to_json())
    document["endorsement"] = ""
    with pytest.raises(cards.CardError, match="not endorsed"):
        cards.read_card(json.dumps(document).encode())


@pytest.mark.parametrize(
    "inbox",
    [
        "http://partner.example/partners/inbox/",
        "https://user:pw@partner.example/inbox/",
        "https://partner.example/inbox/?next=x",
        "ftp://partner.example/",
    ],
)
def test_an_inbox_must_be_a_plain_https_address(inbox):
    signing, recipient = _keys()
    with pytest.raises(cards.CardError, match="https"):
        _card(signing, recipient, inbox=inbox)


@pytest.mark.parametrize(
    "raw",
    [b"", b"not json", b"[]", b'{"format": "other"}', b"{" * 5000, b"x" * 20000],
)
def test_what_is_not_a_card_is_refused_with_a_reason(raw):
    with pytest.raises(cards.CardError):
        cards.read_card(raw)


def test_an_endorsement_made_at_rotation_serves_every_later_card():
    old, _recipient = _keys()
    new, new_recipient = _keys()
    endorsement = endorse(bytes(old), bytes(old.verify_key), bytes(new.verify_key))
    for day in (1, 30):
        card = _card(
            new,
            new_recipient,
            previous_public=bytes(old.verify_key),
            endorsement=endorsement,
            issued_at=NOW + timedelta(days=day),
        )
        assert cards.read_card(card.to_json()).previous_signing_key == bytes(old.verify_key)
    # It hands over to that key only.
    other, other_recipient = _keys()
    stolen = _card(
        other, other_recipient, previous_public=bytes(old.verify_key), endorsement=endorsement
    )
    with pytest.raises(cards.CardError, match="previous key"):
        cards.read_card(stolen.to_json())
