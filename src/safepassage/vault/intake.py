"""The organisation's intake key: who holds it, and how it is handed on.

Submissions from the public are sealed to the intake public key on arrival. Its private key is
sealed to each staff member with the intake duty, and to the organisation recovery key. Only a
holder can hand it to someone else: directly to a staff member's public key, or through an
invitation (sealed under a key derived from the one-time invitation token, opened when the
invitee accepts).
"""

from __future__ import annotations

from nacl.encoding import RawEncoder
from nacl.exceptions import CryptoError
from nacl.hash import blake2b
from nacl.public import PrivateKey, PublicKey, SealedBox

from safepassage.crypto import aead
from safepassage.vault.models import IntakeKeyGrant, OrganisationKeyring
from safepassage.vault.objects import NoAccess
from safepassage.vault.session import VaultSession
from safepassage.vault.staffkeys import public_key_of


def intake_public_key() -> bytes:
    keyring = OrganisationKeyring.objects.order_by("pk").first()
    if keyring is None:
        raise LookupError("no organisation keys yet")
    return bytes(keyring.intake_public)


def holds_intake_key(staff_id: int) -> bool:
    return IntakeKeyGrant.objects.filter(staff_id=staff_id).exists()


def open_intake_key(vault: VaultSession | None) -> bytes:
    """The intake private key, opened with a signed-in holder's key."""
    if vault is None:
        raise NoAccess("no unlocked staff key in this session")
    grant = IntakeKeyGrant.objects.filter(staff_id=vault.staff_id).first()
    if grant is None:
        raise NoAccess("this staff member does not hold the intake key")
    try:
        return SealedBox(PrivateKey(vault.private_key)).decrypt(bytes(grant.sealed))
    except CryptoError:
        raise NoAccess("the intake key copy does not open") from None


def grant_intake_key(intake_private: bytes, staff_id: int) -> None:
    public = public_key_of(staff_id)
    if public is None:
        raise NoAccess(f"staff member {staff_id} has no key pair yet")
    IntakeKeyGrant.objects.update_or_create(
        staff_id=staff_id, defaults={"sealed": SealedBox(PublicKey(public)).encrypt(intake_private)}
    )


def revoke_intake_key(staff_id: int) -> bool:
    deleted, _ = IntakeKeyGrant.objects.filter(staff_id=staff_id).delete()
    return deleted > 0


def _token_key(token: str) -> bytes:
    return blake2b(token.encode(), person=b"sp-invite-intake", encoder=RawEncoder)


def seal_for_invitation(intake_private: bytes, token: str, invitation_id: int) -> bytes:
    aad = aead.associated_data("invitation-intake", invitation_id)
    return aead.encrypt(_token_key(token), intake_private, aad)


def open_from_invitation(sealed: bytes, token: str, invitation_id: int) -> bytes:
    aad = aead.associated_data("invitation-intake", invitation_id)
    return aead.decrypt(_token_key(token), sealed, aad)
