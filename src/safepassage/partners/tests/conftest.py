"""A partner organisation played by the test itself: its own keys, its card, its messages."""

from __future__ import annotations

import io
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.utils import timezone
from nacl.signing import SigningKey

from safepassage.cases import seed
from safepassage.partners import card as cards
from safepassage.partners import envelope, services
from safepassage.partners.tests.party import Keys
from safepassage.vault.keys import organisation_signer
from safepassage.vault.session import VaultSession

CANARY = "CANARY-7Q2Z-excluded"


class Party(Keys):
    """Another organisation: it holds its own private keys, as a real partner would."""

    def card(self, inbox: str = "", when: Any = None, **kwargs: Any) -> bytes:
        return cards.make_card(
            self.name,
            bytes(self.signing),
            self.public,
            self.recipient,
            inbox,
            when or timezone.now(),
            **kwargs,
        ).to_json()

    def message(
        self,
        to_key: bytes,
        to_recipient: str,
        parts: list[envelope.Part],
        kind: str = "handover",
        encrypt_to: str | None = None,
        signer: SigningKey | None = None,
        **overrides: Any,
    ) -> tuple[envelope.Manifest, bytes]:
        now = timezone.now().replace(microsecond=0)
        fields: dict[str, Any] = {
            "kind": kind,
            "id": envelope.new_message_id(),
            "sender_name": self.name,
            "sender_key": self.public,
            "recipient_name": "Us",
            "recipient_key": to_key,
            "recipient_encryption_key": to_recipient,
            "created_at": now,
            "expires_at": now + timedelta(days=14),
            "about": {"scope": ["identity", "service"], "counts": {"person": 1}},
        }
        fields.update(overrides)
        if fields["kind"] != "receipt" and "first" not in fields["about"]:
            fields["about"] = {**fields["about"], "first": fields["id"]}
        manifest, chunks = envelope.plaintext(
            fields, parts, lambda data: (signer or self.signing).sign(data).signature
        )
        out = io.BytesIO()
        envelope.encrypt(chunks, encrypt_to or to_recipient, out)
        return manifest, out.getvalue()

    def open(self, data: bytes, sender_key: bytes, tmp: Path) -> dict[str, bytes]:
        """Open a message we were sent, as the partner's own software would."""
        with envelope.Reader(io.BytesIO(data), [str(self.identity)], tmp, 10**9) as reader:
            reader.verify(sender_key)
            return {entry.name: b"".join(chunks) for entry, chunks in reader.parts()}


def us(organisation: Any) -> tuple[bytes, str]:
    """Our signing key and our exchange recipient, as our card gives them."""
    return organisation_signer(organisation.pk).public, services.current_key(
        organisation.pk
    ).recipient


def vault_of(staff: Any) -> VaultSession:
    return VaultSession(staff.pk, staff._test_private_key)


@pytest.fixture
def rules(db: Any) -> None:
    seed.load(apps)


@pytest.fixture
def party() -> Party:
    return Party("Partner Legal Aid")


@pytest.fixture
def partner(organisation: Any, coordinator: Any, party: Party) -> Any:
    """The party registered as our partner, its words compared."""
    added, _outcome = services.add_partner(coordinator, party.card())
    return services.verify_partner(coordinator, added, " ".join(services.partner_words(added)))
