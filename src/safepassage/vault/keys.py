"""The organisation's keys: created once, the signing key opened with the server key."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from nacl.encoding import RawEncoder
from nacl.hash import blake2b
from nacl.public import PrivateKey, SealedBox
from nacl.signing import SigningKey

from safepassage.crypto import aead
from safepassage.crypto.keyfolder import KeyFolder, KeyFolderError
from safepassage.crypto.signing import endorse, key_id, sign
from safepassage.vault.models import OrganisationKeyring


def key_folder() -> KeyFolder:
    return KeyFolder(settings.KEY_DIR)


@dataclass(frozen=True)
class NewOrganisationKeys:
    keyring: OrganisationKeyring
    # Shown once for offline keeping, never stored; with the intake private key (sealed to triage
    # staff) and the recovery key, every case key can be recovered if all staff are lost.
    recovery_secret: bytes
    intake_secret: bytes


def _signing_aad(organisation_id: int) -> bytes:
    return aead.associated_data("org-signing-key", organisation_id)


def create_organisation_keys(organisation_id: int) -> NewOrganisationKeys:
    """Create the keyring; the caller shows the recovery secret once and seals the intake secret."""
    folder = key_folder()
    server_key = folder.server_key(create=True)
    signing = SigningKey.generate()
    intake = PrivateKey.generate()
    recovery = PrivateKey.generate()
    keyring = OrganisationKeyring.objects.create(
        organisation_id=organisation_id,
        signing_public=bytes(signing.verify_key),
        signing_secret_sealed=aead.encrypt(
            server_key, bytes(signing), _signing_aad(organisation_id)
        ),
        intake_public=bytes(intake.public_key),
        intake_secret_for_recovery=SealedBox(recovery.public_key).encrypt(bytes(intake)),
        recovery_public=bytes(recovery.public_key),
    )
    _signer_cache.clear()
    _recovery_cache.clear()
    return NewOrganisationKeys(keyring, bytes(recovery), bytes(intake))


@dataclass(frozen=True)
class Signer:
    """Signs with the organisation's Ed25519 key; carries the public half and its key id."""

    secret: bytes = b""
    public: bytes = b""

    @property
    def key_id(self) -> str:
        return key_id(self.public)

    def sign(self, message: bytes) -> bytes:
        return sign(self.secret, message)


# Opened signers by (key folder, organisation); the audit log signs a head after every commit.
_signer_cache: dict[tuple[str, int | None], Signer] = {}


def organisation_signer(organisation_id: int | None = None) -> Signer:
    """The signer of the given organisation, or of the instance's first one."""
    cache_key = (str(settings.KEY_DIR), organisation_id)
    cached = _signer_cache.get(cache_key)
    if cached is not None:
        return cached
    rows = OrganisationKeyring.objects.order_by("pk")
    if organisation_id is not None:
        rows = rows.filter(organisation_id=organisation_id)
    keyring = rows.first()
    if keyring is None:
        raise LookupError("no organisation keys: run `safepassage setup` or `safepassage demo`")
    server_key = key_folder().server_key()
    secret = aead.decrypt(
        server_key, bytes(keyring.signing_secret_sealed), _signing_aad(keyring.organisation_id)
    )
    signer = Signer(secret=secret, public=bytes(keyring.signing_public))
    _signer_cache[cache_key] = signer
    return signer


ROTATION_REASONS = ("routine", "compromise")


def rotate_signing_key(organisation_id: int, reason: str) -> tuple[str, str]:
    """A new signing key for the organisation; the old public key is kept as retired (so what it
    signed still verifies) and its private half is gone. Returns (old key id, new key id). The
    caller audits, in the same transaction."""
    from django.db import transaction

    from safepassage.vault.models import RetiredSigningKey

    if reason not in ROTATION_REASONS:
        raise ValueError(f"reason must be one of {', '.join(ROTATION_REASONS)}")
    server_key = key_folder().server_key()
    signing = SigningKey.generate()
    with transaction.atomic():
        keyring = OrganisationKeyring.objects.select_for_update().get(
            organisation_id=organisation_id
        )
        old_public = bytes(keyring.signing_public)
        previous = RetiredSigningKey.objects.filter(organisation_id=organisation_id).last()
        # A compromised key vouches for nothing: partners compare words again after one.
        endorsement = b""
        if reason != "compromise":
            old_secret = aead.decrypt(
                server_key, bytes(keyring.signing_secret_sealed), _signing_aad(organisation_id)
            )
            endorsement = endorse(old_secret, old_public, bytes(signing.verify_key))
        RetiredSigningKey.objects.create(
            organisation_id=organisation_id,
            public=old_public,
            key_id=key_id(old_public),
            in_use_since=previous.retired_at if previous else keyring.created_at,
            reason=reason,
            endorsement=endorsement,
        )
        keyring.signing_public = bytes(signing.verify_key)
        keyring.signing_secret_sealed = aead.encrypt(
            server_key, bytes(signing), _signing_aad(organisation_id)
        )
        keyring.save(update_fields=["signing_public", "signing_secret_sealed"])
        transaction.on_commit(_signer_cache.clear)
    _signer_cache.clear()
    return key_id(old_public), key_id(bytes(signing.verify_key))


def published_signing_keys(organisation_id: int | None = None) -> dict[str, bytes]:
    """Every public signing key of the organisation(s), current and retired, by key id."""
    from safepassage.vault.models import RetiredSigningKey

    keyrings = OrganisationKeyring.objects.order_by("pk")
    retired = RetiredSigningKey.objects.all()
    if organisation_id is not None:
        keyrings = keyrings.filter(organisation_id=organisation_id)
        retired = retired.filter(organisation_id=organisation_id)
    publics = [bytes(r.public) for r in retired] + [bytes(k.signing_public) for k in keyrings]
    return {key_id(public): public for public in publics}


def key_folder_matches() -> bool:
    """Whether the key folder opens the organisation's signing key (read afresh, no cache): the
    right key folder is in place. True when there is no organisation yet."""
    keyring = OrganisationKeyring.objects.order_by("pk").first()
    if keyring is None:
        return True
    try:
        server_key = key_folder().server_key()
        aead.decrypt(
            server_key, bytes(keyring.signing_secret_sealed), _signing_aad(keyring.organisation_id)
        )
    except (KeyFolderError, aead.DecryptionError):
        return False
    return True


_recovery_cache: dict[str, bytes] = {}


def recovery_public_key() -> bytes:
    """The public half of the organisation recovery key (every object key is sealed to it)."""
    cache_key = str(settings.KEY_DIR)
    cached = _recovery_cache.get(cache_key)
    if cached is None:
        keyring = OrganisationKeyring.objects.order_by("pk").first()
        if keyring is None:
            raise LookupError("no organisation keys: run `safepassage setup` or `safepassage demo`")
        cached = _recovery_cache[cache_key] = bytes(keyring.recovery_public)
    return cached


def workflow_key(shred_key: bytes, server_key: bytes | None = None) -> bytes:
    """Key of an object's workflow fields: the server can derive it; shredding destroys it."""
    server = server_key if server_key is not None else key_folder().server_key()
    return blake2b(shred_key, key=server, person=b"sp-workflow", encoder=RawEncoder)
