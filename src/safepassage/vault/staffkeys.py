"""Each staff member's X25519 key pair: created at enrolment, unlocked at sign-in.

The private key is stored only sealed: under a key derived from the password with Argon2id, and
under a 32-byte recovery key shown once (as words) and never stored. A password change re-seals
it; the recovery key lets its holder set a new password without losing access to any case.
"""

from __future__ import annotations

from dataclasses import dataclass

import nacl.utils
from django.conf import settings
from nacl.public import PrivateKey

from safepassage.crypto import aead
from safepassage.crypto.kdf import KdfParams, new_salt
from safepassage.crypto.words import bytes_to_words, words_to_bytes
from safepassage.vault.models import StaffKey

RECOVERY_KEY_BYTES = 32


class WrongSecret(Exception):
    """The password or recovery key does not open this staff key."""


def kdf_params() -> KdfParams:
    return KdfParams(settings.VAULT_KDF_OPSLIMIT, settings.VAULT_KDF_MEMLIMIT)


def _aad(staff_id: int, how: str) -> bytes:
    return aead.associated_data("staff-key", staff_id, how)


@dataclass(frozen=True)
class NewStaffKey:
    key: StaffKey
    private: bytes
    recovery_words: list[str]


def create_staff_key(staff_id: int, password: str) -> NewStaffKey:
    """A new key pair for a staff member; the caller shows the recovery words once."""
    private = PrivateKey.generate()
    recovery = nacl.utils.random(RECOVERY_KEY_BYTES)
    params = kdf_params()
    salt = new_salt()
    key = StaffKey.objects.create(
        staff_id=staff_id,
        public=bytes(private.public_key),
        password_salt=salt,
        kdf_opslimit=params.opslimit,
        kdf_memlimit=params.memlimit,
        sealed_by_password=aead.encrypt(
            params.derive(password, salt), bytes(private), _aad(staff_id, "password")
        ),
        sealed_by_recovery=aead.encrypt(recovery, bytes(private), _aad(staff_id, "recovery")),
    )
    return NewStaffKey(key, bytes(private), bytes_to_words(recovery))


def unlock(key: StaffKey, password: str) -> bytes:
    """The private key, opened with the password (Argon2id with the parameters stored with it)."""
    params = KdfParams(key.kdf_opslimit, key.kdf_memlimit)
    derived = params.derive(password, bytes(key.password_salt))
    try:
        return aead.decrypt(derived, bytes(key.sealed_by_password), _aad(key.staff_id, "password"))
    except aead.DecryptionError:
        raise WrongSecret("the password does not open this key") from None


def unlock_with_recovery(key: StaffKey, recovery_words: str) -> bytes:
    try:
        recovery = words_to_bytes(recovery_words, RECOVERY_KEY_BYTES)
        return aead.decrypt(recovery, bytes(key.sealed_by_recovery), _aad(key.staff_id, "recovery"))
    except (ValueError, aead.DecryptionError):
        raise WrongSecret("the recovery key does not open this key") from None


def reseal_with_password(key: StaffKey, private: bytes, new_password: str) -> None:
    """After a password change or a recovery: seal the private key under the new password."""
    params = kdf_params()
    salt = new_salt()
    key.password_salt = salt
    key.kdf_opslimit = params.opslimit
    key.kdf_memlimit = params.memlimit
    key.sealed_by_password = aead.encrypt(
        params.derive(new_password, salt), private, _aad(key.staff_id, "password")
    )
    key.save(
        update_fields=[
            "password_salt",
            "kdf_opslimit",
            "kdf_memlimit",
            "sealed_by_password",
            "updated_at",
        ]
    )


def public_key_of(staff_id: int) -> bytes | None:
    key = StaffKey.objects.filter(staff_id=staff_id).only("public").first()
    return bytes(key.public) if key else None
