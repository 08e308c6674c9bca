"""Key material as stored in the database: public halves in the clear, everything else sealed.

Nothing here can be opened with the database alone: staff private keys need the password or the
staff recovery key, key wrappers need a staff private key and the shred key in the key folder.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models


class OrganisationKeyring(models.Model):
    """The organisation's long-lived keys (one row per organisation).

    The Ed25519 signing key is sealed under the server key from the key folder, because the
    server signs audit checkpoints without anyone signed in. The recovery key's private half is
    never stored: it is shown once at set-up for offline keeping. The intake private key is sealed
    to the recovery key here and to each triage staff member in IntakeKeyGrant.
    """

    organisation = models.OneToOneField(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="keyring"
    )
    signing_public = models.BinaryField()
    signing_secret_sealed = models.BinaryField()
    intake_public = models.BinaryField()
    intake_secret_for_recovery = models.BinaryField(default=b"")
    recovery_public = models.BinaryField()
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"keyring of organisation {self.organisation_id}"


class StaffKey(models.Model):
    """A staff member's X25519 key pair; the private half sealed twice (password, recovery key)."""

    staff = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="vault_key"
    )
    public = models.BinaryField()
    password_salt = models.BinaryField()
    kdf_opslimit = models.PositiveIntegerField()
    kdf_memlimit = models.PositiveBigIntegerField()
    sealed_by_password = models.BinaryField()
    sealed_by_recovery = models.BinaryField()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"key of staff {self.staff_id}"


class IntakeKeyGrant(models.Model):
    """The organisation's intake private key, sealed to one staff member with the intake duty."""

    staff = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="intake_grant"
    )
    sealed = models.BinaryField()
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"intake key for staff {self.staff_id}"


class KeyRing(models.Model):
    """The key of one protected object (a case, an evidence item): its version and retention.

    The key itself exists only in wrappers. Its shred key lives in the key folder under the
    retention period, so deleting the object or ending the period destroys every wrapper's
    second layer, in every backup.
    """

    scope = models.CharField(max_length=32)
    object_id = models.BigIntegerField()
    version = models.PositiveIntegerField(default=1)
    period = models.CharField(max_length=7)  # YYYY-MM of the retention date
    created_at = models.DateTimeField(auto_now_add=True)
    # Set when a holder was removed with "replace the key" by someone who does not hold this key
    # (a coordinator and a vetting record): the next holder to open it rotates it.
    rotation_due = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["scope", "object_id"], name="keyring_scope_object")
        ]
        indexes = [models.Index(fields=["period"], name="keyring_period_idx")]

    def __str__(self) -> str:
        return f"{self.scope} {self.object_id} v{self.version}"


class KeyWrapper(models.Model):
    """One holder's copy of an object key: sealed to the holder, then under the shred key.

    `staff` is null for the organisation recovery key's copy.
    """

    ring = models.ForeignKey(KeyRing, on_delete=models.CASCADE, related_name="wrappers")
    version = models.PositiveIntegerField()
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="key_wrappers",
    )
    sealed = models.BinaryField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["ring", "version", "staff"], name="wrapper_unique_holder"
            ),
            models.UniqueConstraint(
                fields=["ring", "version"],
                condition=models.Q(staff__isnull=True),
                name="wrapper_one_recovery_copy",
            ),
        ]

    def __str__(self) -> str:
        return f"wrapper of {self.ring_id} v{self.version} for {self.staff_id or 'recovery'}"


class EncryptedFile(models.Model):
    """An attachment stored encrypted under a generated name in the data folder.

    The file's own key is sealed under the object key (so rotating the object key re-seals file
    keys without rewriting files). Name, type and size as given by the uploader are sealed too.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    ring = models.ForeignKey(KeyRing, on_delete=models.CASCADE, related_name="files")
    key_version = models.PositiveIntegerField()
    sealed_file_key = models.BinaryField()
    sealed_meta = models.BinaryField()
    stored_size = models.PositiveBigIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"file {self.id}"


class RetiredSigningKey(models.Model):
    """An earlier public signing key of the organisation, kept after a rotation.

    Attestations, revocation lists and audit checkpoints signed before the rotation still verify
    under it; nothing new is signed with it (its private half is gone). Published beside the
    current key on the verification page and by `safepassage keys published`.
    """

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="retired_signing_keys"
    )
    public = models.BinaryField()
    key_id = models.CharField(max_length=16, unique=True)
    in_use_since = models.DateTimeField()
    retired_at = models.DateTimeField(auto_now_add=True)
    # "routine" or "compromise": after a compromise, what it signed should be re-issued.
    reason = models.CharField(max_length=12)
    # The old key's endorsement of its successor (crypto.signing.endorse): a partner who trusted
    # the old key takes the new card without comparing words again. Empty after a compromise.
    endorsement = models.BinaryField(default=b"", blank=True)

    class Meta:
        ordering = ["retired_at"]

    def __str__(self) -> str:
        return f"retired signing key {self.key_id}"
