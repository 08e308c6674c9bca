"""Key material as stored in the database: public halves in the clear, private halves sealed."""

from __future__ import annotations

from django.db import models


class OrganisationKeyring(models.Model):
    """The organisation's long-lived keys (one row per organisation).

    The Ed25519 signing key is sealed under the server key from the key folder, because the
    server signs audit checkpoints without anyone signed in. The recovery key's private half is
    never stored: it is shown once at set-up for offline keeping.
    """

    organisation = models.OneToOneField(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="keyring"
    )
    signing_public = models.BinaryField()
    signing_secret_sealed = models.BinaryField()
    intake_public = models.BinaryField()
    recovery_public = models.BinaryField()
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"keyring of organisation {self.organisation_id}"
