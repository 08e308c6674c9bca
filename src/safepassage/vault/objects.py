"""Object keys: one random key per protected object (a case, an evidence item).

An object key exists only in wrappers: sealed to each staff member who may read the object and to
the organisation's recovery key, then sealed again under the object's shred key in the key folder.
Opening an object needs the staff member's unlocked private key, a wrapper for them, and the shred
key; granting needs the key already open (only a holder can grant). Revoking deletes the
wrapper and can rotate the key, re-encrypting everything sealed under it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from nacl.exceptions import CryptoError
from nacl.public import PrivateKey, PublicKey, SealedBox

from safepassage.crypto import aead
from safepassage.crypto.keyfolder import KeyShredded
from safepassage.vault.keys import key_folder, recovery_public_key
from safepassage.vault.models import EncryptedFile, KeyRing, KeyWrapper
from safepassage.vault.session import VaultSession
from safepassage.vault.staffkeys import public_key_of
from safepassage.vault.storage import delete_stored_files


class NoAccess(Exception):
    """This staff member holds no key to the object (or it cannot be opened)."""


class Shredded(NoAccess):
    """The object's key was destroyed: deleted, or its retention ended."""


def period_of(retention: date) -> str:
    return f"{retention.year:04d}-{retention.month:02d}"


def _shred_name(ring: KeyRing) -> str:
    return f"{ring.scope}-{ring.object_id}"


def _shred_key(ring: KeyRing) -> bytes:
    try:
        return key_folder().shred_key(ring.period, _shred_name(ring))
    except KeyShredded:
        raise Shredded(f"{ring.scope} {ring.object_id} was shredded") from None


def _wrapper_aad(ring: KeyRing, version: int, staff_id: int | None) -> bytes:
    return aead.associated_data("wrapper", ring.scope, ring.object_id, version, staff_id or 0)


def _wrap(ring: KeyRing, version: int, staff_id: int | None, public: bytes, key: bytes) -> bytes:
    sealed = SealedBox(PublicKey(public)).encrypt(key)
    return aead.encrypt(_shred_key(ring), sealed, _wrapper_aad(ring, version, staff_id))


@dataclass
class ObjectKey:
    """An opened object key: what encrypted fields and files of the object are sealed under."""

    ring: KeyRing
    version: int
    key: bytes = field(repr=False)

    @property
    def scope(self) -> str:
        return self.ring.scope

    @property
    def object_id(self) -> int:
        return self.ring.object_id

    def aad(self, *parts: str | int) -> bytes:
        return aead.associated_data(self.scope, self.object_id, self.version, *parts)

    def encrypt(self, plaintext: bytes, *context: str | int) -> bytes:
        return aead.encrypt(self.key, plaintext, self.aad(*context))

    def decrypt(self, ciphertext: bytes, *context: str | int) -> bytes:
        return aead.decrypt(self.key, ciphertext, self.aad(*context))


def create(scope: str, object_id: int, retention: date, holder_ids: Iterable[int]) -> ObjectKey:
    """A new key for an object, sealed to each holder and to the organisation recovery key."""
    period = period_of(retention)
    with transaction.atomic():
        ring = KeyRing.objects.create(scope=scope, object_id=object_id, period=period)
        # The row is unique per (scope, object id), so no committed object uses this name: a key
        # already there was left by a creation that rolled back (SQLite hands its id out again).
        key_folder().create_shred_key(period, _shred_name(ring), replace=True)
        opened = ObjectKey(ring, 1, aead.new_key())
        _seal_to(opened, [None, *holder_ids])
    return opened


def _seal_to(opened: ObjectKey, holders: Iterable[int | None]) -> None:
    rows = []
    for staff_id in holders:
        public = recovery_public_key() if staff_id is None else public_key_of(staff_id)
        if public is None:
            raise NoAccess(f"staff member {staff_id} has no key pair yet")
        rows.append(
            KeyWrapper(
                ring=opened.ring,
                version=opened.version,
                staff_id=staff_id,
                sealed=_wrap(opened.ring, opened.version, staff_id, public, opened.key),
            )
        )
    KeyWrapper.objects.bulk_create(rows)


def ring_of(scope: str, object_id: int) -> KeyRing:
    ring = KeyRing.objects.filter(scope=scope, object_id=object_id).first()
    if ring is None:
        raise NoAccess(f"no key for {scope} {object_id}")
    return ring


def open_with(ring: KeyRing, vault: VaultSession | None) -> ObjectKey:
    """Open an object key with a signed-in staff member's unlocked private key."""
    if vault is None:
        raise NoAccess("no unlocked staff key in this session")
    wrapper = KeyWrapper.objects.filter(
        ring=ring, version=ring.version, staff_id=vault.staff_id
    ).first()
    if wrapper is None:
        raise NoAccess(f"staff member {vault.staff_id} holds no key to this object")
    return _unwrap(ring, wrapper, vault.private_key)


def open_with_recovery(ring: KeyRing, recovery_private: bytes) -> ObjectKey:
    """Open an object key with the organisation recovery key (kept offline)."""
    wrapper = KeyWrapper.objects.filter(ring=ring, version=ring.version, staff=None).first()
    if wrapper is None:
        raise NoAccess("no recovery copy of this key")
    return _unwrap(ring, wrapper, recovery_private)


def _unwrap(ring: KeyRing, wrapper: KeyWrapper, private: bytes) -> ObjectKey:
    return _unwrap_with(ring, wrapper, _opener(private))


def _opener(private: bytes) -> SealedBox[PrivateKey]:
    # Loading a private key computes its public half (a scalar multiplication): open_many does
    # it once per call rather than once per wrapper.
    try:
        return SealedBox(PrivateKey(private))
    except CryptoError:
        raise NoAccess("this key copy does not open") from None


def _unwrap_with(ring: KeyRing, wrapper: KeyWrapper, opener: SealedBox[PrivateKey]) -> ObjectKey:
    try:
        sealed = aead.decrypt(
            _shred_key(ring),
            bytes(wrapper.sealed),
            _wrapper_aad(ring, wrapper.version, wrapper.staff_id),
        )
        key = opener.decrypt(sealed)
    except (aead.DecryptionError, CryptoError):
        raise NoAccess("this key copy does not open") from None
    return ObjectKey(ring, wrapper.version, key)


def open_many(
    scope: str, object_ids: list[int], vault: VaultSession | None
) -> dict[int, ObjectKey]:
    """Open the keys of several objects at once (two queries); those that do not open are left
    out."""
    if vault is None or not object_ids:
        return {}
    try:
        opener = _opener(vault.private_key)
    except NoAccess:
        return {}
    rings = {r.pk: r for r in KeyRing.objects.filter(scope=scope, object_id__in=object_ids)}
    opened: dict[int, ObjectKey] = {}
    wrappers = KeyWrapper.objects.filter(ring_id__in=list(rings), staff_id=vault.staff_id)
    for wrapper in wrappers:
        ring = rings[wrapper.ring_id]
        if wrapper.version != ring.version:
            continue
        try:
            opened[ring.object_id] = _unwrap_with(ring, wrapper, opener)
        except NoAccess:
            continue
    return opened


def holders(ring: KeyRing) -> list[int]:
    """Staff who hold a copy of the current key."""
    return list(
        KeyWrapper.objects.filter(ring=ring, version=ring.version, staff__isnull=False).values_list(
            "staff_id", flat=True
        )
    )


def grant(opened: ObjectKey, staff_id: int) -> bool:
    """Seal the open key to one more staff member; False when they already hold it."""
    if KeyWrapper.objects.filter(
        ring=opened.ring, version=opened.version, staff_id=staff_id
    ).exists():
        return False
    _seal_to(opened, [staff_id])
    return True


def revoke(ring: KeyRing, staff_id: int) -> bool:
    """Delete every copy a staff member holds; True when there was one."""
    deleted, _ = KeyWrapper.objects.filter(ring=ring, staff_id=staff_id).delete()
    return deleted > 0


# Re-encrypters by scope: each app that seals data under object keys registers one, so that a
# rotation re-encrypts everything the object holds. It receives the old and the new key.
Reencrypter = Callable[[ObjectKey, ObjectKey], None]
_reencrypters: dict[str, list[Reencrypter]] = {}


# Re-encrypters registered for EVERY_SCOPE run at the rotation of any object (its files' keys).
EVERY_SCOPE = "*"


def register_reencrypter(scope: str, reencrypt: Reencrypter) -> None:
    if reencrypt not in _reencrypters.get(scope, []):
        _reencrypters.setdefault(scope, []).append(reencrypt)


# Deleters by scope: when an object is shredded, the app that owns it deletes its rows.
Deleter = Callable[[int], None]
_deleters: dict[str, Deleter] = {}


def register_scope(scope: str, reencrypt: Reencrypter, delete: Deleter) -> None:
    """An app declares a kind of protected object: how to re-encrypt it and how to delete it."""
    register_reencrypter(scope, reencrypt)
    _deleters[scope] = delete


def rotate(opened: ObjectKey) -> ObjectKey:
    """A new key version: every field re-encrypted, every file key re-sealed, old copies gone.

    Staff who held the old version (other than those just revoked) receive the new one.
    """
    with transaction.atomic():
        ring = KeyRing.objects.select_for_update().get(pk=opened.ring.pk)
        if ring.version != opened.version:
            raise NoAccess("the key changed while it was being rotated")
        keep = holders(ring)
        ring.version += 1
        ring.rotation_due = False
        ring.save(update_fields=["version", "rotation_due"])
        fresh = ObjectKey(ring, ring.version, aead.new_key())
        _seal_to(fresh, [None, *keep])
        for reencrypt in [*_reencrypters.get(ring.scope, []), *_reencrypters.get(EVERY_SCOPE, [])]:
            reencrypt(opened, fresh)
        KeyWrapper.objects.filter(ring=ring, version__lt=ring.version).delete()
    return fresh


def set_retention(ring: KeyRing, retention: date) -> None:
    """Refile the shred key under the new retention period."""
    period = period_of(retention)
    if period == ring.period:
        return
    with transaction.atomic():
        old, name = ring.period, _shred_name(ring)
        ring.period = period
        ring.save(update_fields=["period"])
        # Copied now and the old copy destroyed only after the commit: if the caller's
        # transaction rolls back, the ring stays on the old period and its key must still be
        # there (a moved key would leave the object unreadable for good).
        key_folder().copy_shred_key(old, period, name)
        transaction.on_commit(lambda: key_folder().destroy_shred_key(old, name))


def shred(ring: KeyRing) -> None:
    """Destroy the object's shred key and every copy of its key, at once and for good."""
    with transaction.atomic():
        delete = _deleters.get(ring.scope)
        if delete is not None:
            delete(ring.object_id)
        delete_stored_files(EncryptedFile.objects.filter(ring=ring))
        name = _shred_name(ring)
        period = ring.period
        ring.delete()
        transaction.on_commit(lambda: key_folder().destroy_shred_key(period, name))
