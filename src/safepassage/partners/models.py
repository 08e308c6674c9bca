"""Partner organisations, our own exchange key, and the record of what went to whom.

None of these rows holds client data: cases are named by their pseudonymous reference, scopes
by section codes, messages by random ids and hashes. The bundles themselves live only
age-encrypted (to us, in the inbox) or not at all (what we sent). docs/threat-model.md lists
what stays readable here and why.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from safepassage.crypto.signing import key_id

STAFF = settings.AUTH_USER_MODEL


class ExchangeKey(models.Model):
    """Our X25519 key for partner messages (an age identity), sealed under the server key.

    The newest unretired row is on our card; retired rows still open messages made before a
    rotation reached every partner.
    """

    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT)
    recipient = models.CharField(max_length=100, unique=True)
    identity_sealed = models.BinaryField()
    inbox_url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    retired_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"exchange key {self.recipient[:12]}…"


class Partner(models.Model):
    """A partner organisation as its card describes it, and whether we checked its fingerprint."""

    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT)
    name = models.CharField(max_length=200)
    signing_key = models.BinaryField(max_length=32)
    encryption_key = models.CharField(max_length=100)
    inbox_url = models.CharField(max_length=300, blank=True)
    card_issued_at = models.DateTimeField()
    added_at = models.DateTimeField(default=timezone.now)
    added_by = models.ForeignKey(STAFF, null=True, on_delete=models.SET_NULL, related_name="+")
    verified_at = models.DateTimeField(null=True, blank=True)
    verified_by = models.ForeignKey(
        STAFF, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_reason = models.CharField(max_length=20, blank=True)
    # Signing keys this partner used before a rotation (hex): cards under them are refused.
    retired_keys = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def key_id(self) -> str:
        return key_id(bytes(self.signing_key))

    @property
    def status(self) -> str:
        if self.revoked_at is not None:
            return "revoked"
        return "verified" if self.verified_at is not None else "unverified"

    @property
    def can_exchange(self) -> bool:
        return self.status == "verified"


class Direction(models.TextChoices):
    OUT = "out", _("Sent")
    IN = "in", _("Received")


class Message(models.Model):
    """One signed message sent to or accepted from a partner: its id, kind, times and hash."""

    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="messages")
    direction = models.CharField(max_length=3, choices=Direction.choices)
    kind = models.CharField(max_length=32)
    message_id = models.CharField(max_length=32)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    sha256 = models.CharField(max_length=64)
    size = models.PositiveBigIntegerField()
    recorded_at = models.DateTimeField(default=timezone.now)
    # How it travelled: "file" or "https".
    via = models.CharField(max_length=8, default="file")
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["partner", "direction", "message_id"], name="partner_message_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.direction} {self.kind} {self.message_id}"


class Handover(models.Model):
    """A case handed to a partner (out) or received from one (in: its provenance)."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="handovers")
    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="handovers")
    direction = models.CharField(max_length=3, choices=Direction.choices)
    message = models.OneToOneField(Message, on_delete=models.PROTECT, related_name="handover")
    # The first bundle's id links a hand-over and its updates on both sides.
    first_id = models.CharField(max_length=32)
    scope = models.JSONField(default=list)  # section codes
    counts = models.JSONField(default=dict)  # rows per section, people, files
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(STAFF, null=True, on_delete=models.SET_NULL, related_name="+")
    receipt = models.OneToOneField(
        Message, null=True, blank=True, on_delete=models.PROTECT, related_name="receipt_for"
    )
    receipt_verified_at = models.DateTimeField(null=True, blank=True)
    receipt_counts = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["partner", "first_id"], name="handover_link_idx")]

    def __str__(self) -> str:
        return f"{self.direction} {self.case_id} {self.partner_id}"

    @property
    def scope_labels(self) -> list[str]:
        from safepassage.partners.scope import SECTIONS

        return [str(SECTIONS[c].label) if c in SECTIONS else c for c in self.scope]


class InboxStatus(models.TextChoices):
    WAITING = "waiting", _("Waiting to be imported")
    IMPORTED = "imported", _("Imported")
    DECLINED = "declined", _("Declined")


class InboxItem(models.Model):
    """A verified bundle kept sealed as it arrived until a coordinator imports or declines it."""

    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT)
    message = models.OneToOneField(Message, on_delete=models.PROTECT, related_name="inbox_item")
    stored_name = models.CharField(max_length=40)
    status = models.CharField(
        max_length=10, choices=InboxStatus.choices, default=InboxStatus.WAITING
    )
    scope = models.JSONField(default=list)
    counts = models.JSONField(default=dict)
    first_id = models.CharField(max_length=32, blank=True)
    case = models.ForeignKey(
        "cases.Case", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        STAFF, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The receipt, age-encrypted to the sender: downloaded, or answered to the sender's inbox poll.
    receipt = models.BinaryField(null=True, blank=True)
    receipt_id = models.CharField(max_length=32, blank=True)

    class Meta:
        ordering = ["-pk"]

    def __str__(self) -> str:
        return f"inbox {self.message.message_id}"


class RowLink(models.Model):
    """Which of our rows a partner's row id stands for, so an update changes the right row."""

    handover_first_id = models.CharField(max_length=32)
    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="+")
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="+")
    model = models.CharField(max_length=40)
    uid = models.CharField(max_length=32)
    row_id = models.BigIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["partner", "case", "model", "uid"], name="partner_row_link_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.model} {self.uid} -> {self.row_id}"
