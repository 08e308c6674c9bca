"""Vetting: evidence, claims, interviews, the exclusion checklist, four-eyes conclusions, the
decision, and the attestations issued on it.

Two kinds of protected object live here. The **vetting record** of a case (scope "vetting") holds
claims, interviews, checklist reasoning and conclusions, under a key sealed to the case's vetters
only: its caseworker cannot read it. Each **evidence item** (scope "evidence") has its own key and
its own retention date, separate from the case's. What stays readable: which items exist (kind,
date), the round, the final outcome (the advocacy guard reads it), checklist item codes answered,
and attestation ids, dates and revocations.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from safepassage.vault.fields import EncryptedField, SealedModel

STAFF = settings.AUTH_USER_MODEL


class Outcome(models.TextChoices):
    NO_INDICATION = "no_indication", _("No indication of excludable conduct")
    CONCERNS = "concerns", _("Concerns")
    EXCLUDED = "excluded", _("Excluded")
    INCONCLUSIVE = "inconclusive", _("Inconclusive")


class Confidence(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")


class Vetting(SealedModel):
    """The vetting record of one case."""

    vault_scope = "vetting"

    case = models.OneToOneField("cases.Case", on_delete=models.CASCADE, related_name="vetting")
    round = models.PositiveIntegerField(default=1)
    outcome = models.CharField(max_length=20, blank=True, choices=Outcome.choices)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        STAFF, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    assessors = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    rationale = EncryptedField()

    def __str__(self) -> str:
        return f"vetting of case {self.case_id}"

    def vault_object_id(self) -> int:
        return self.pk


class VettingRow(SealedModel):
    vault_scope = "vetting"
    vetting = models.ForeignKey(Vetting, on_delete=models.CASCADE)

    class Meta:
        abstract = True

    def vault_object_id(self) -> int:
        return self.vetting_id


class EvidenceKind(models.TextChoices):
    DOCUMENT = "document_copy", _("Document copy")
    PHOTO_VIDEO = "photo_video", _("Photo or video")
    INTERVIEW = "interview_record", _("Interview record")
    OSINT = "osint", _("Open-source finding")
    STATEMENT = "third_party", _("Third-party statement")
    SCREENING = "screening_result", _("Screening result")


class Evidence(SealedModel):
    """One item of evidence, under its own key, with its own retention date."""

    vault_scope = "evidence"

    vetting = models.ForeignKey(Vetting, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(max_length=20, choices=EvidenceKind.choices)
    retention_date = models.DateField()
    added_by = models.ForeignKey(STAFF, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(default=timezone.now)
    title = EncryptedField()
    description = EncryptedField()
    source_address = EncryptedField()  # open-source findings: where it was found
    captured_on = EncryptedField(kind="date")
    content_hash = EncryptedField()  # SHA-256 of the file as received

    class Meta:
        ordering = ["added_at", "pk"]

    def __str__(self) -> str:
        return f"evidence {self.pk}"

    def vault_object_id(self) -> int:
        return self.pk


class Interview(VettingRow):
    held_by = models.ForeignKey(STAFF, on_delete=models.PROTECT, related_name="+")
    held_on = EncryptedField(kind="date")
    notes = EncryptedField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"interview {self.pk}"


class ClaimTopic(models.TextChoices):
    SERVICE = "service", _("Served in a unit")
    LEFT = "left", _("Left service")
    PRESENCE = "presence", _("Was or was not at a place and time")
    OTHER = "other", _("Other")


class ClaimStatus(models.TextChoices):
    CORROBORATED = "corroborated", _("Corroborated")
    CONSISTENT = "consistent", _("Consistent")
    CONTRADICTED = "contradicted", _("Contradicted")
    UNVERIFIABLE = "unverifiable", _("Unverifiable")


class Claim(VettingRow):
    """Part of the man's account as given in one interview; compared across interviews by topic."""

    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="claims")
    topic = models.CharField(max_length=12, choices=ClaimTopic.choices)
    subject = EncryptedField()  # what the claim is about: a unit, a place, "leaving"
    statement = EncryptedField(kind="json")  # {"unit", "from", "to", "role", "region", ...}
    status = EncryptedField()
    evidence = models.ManyToManyField(Evidence, blank=True, related_name="claims")

    def __str__(self) -> str:
        return f"claim {self.pk}"


class ChecklistItem(models.TextChoices):
    UNIT_PRESENCE = "unit_presence", _("Unit presence at documented incidents")
    ROLE_RANK = "role_rank", _("Role and rank")
    HIERARCHY = "hierarchy", _("Place in the hierarchy and effective control")
    KNOWLEDGE = "knowledge", _("Knowledge of crimes")
    VOLUNTARINESS = "voluntariness", _("Voluntariness")
    SCREENING = "screening_reviewed", _("Screening results reviewed")
    INFILTRATION = "infiltration", _("Signs of infiltration")


class ChecklistAnswer(VettingRow):
    item = models.CharField(max_length=24, choices=ChecklistItem.choices)
    answered_by = models.ForeignKey(STAFF, on_delete=models.PROTECT, related_name="+")
    answered_at = models.DateTimeField(default=timezone.now)
    answer = EncryptedField()  # "no_concern", "concern", "unclear"
    reasoning = EncryptedField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["vetting", "item"], name="checklist_item_once")
        ]

    def __str__(self) -> str:
        return f"{self.item} of vetting {self.vetting_id}"


class ConflictDeclaration(VettingRow):
    vetter = models.ForeignKey(STAFF, on_delete=models.PROTECT, related_name="+")
    has_conflict = models.BooleanField()
    declared_at = models.DateTimeField(default=timezone.now)
    note = EncryptedField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["vetting", "vetter"], name="conflict_once")]

    def __str__(self) -> str:
        return f"declaration of {self.vetter_id}"


class Conclusion(VettingRow):
    """One vetter's independent conclusion in one round."""

    vetter = models.ForeignKey(STAFF, on_delete=models.PROTECT, related_name="+")
    round = models.PositiveIntegerField()
    recorded_at = models.DateTimeField(default=timezone.now)
    conclusion = EncryptedField()
    confidence = EncryptedField()
    reasoning = EncryptedField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["vetting", "vetter", "round"], name="one_conclusion_per_round"
            )
        ]
        ordering = ["recorded_at", "pk"]

    def __str__(self) -> str:
        return f"conclusion of {self.vetter_id} in round {self.round}"


class Attestation(models.Model):
    """A signed statement issued on a decision; the statement itself is kept sealed."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    vetting = models.ForeignKey(Vetting, on_delete=models.PROTECT, related_name="attestations")
    issued_by = models.ForeignKey(STAFF, on_delete=models.PROTECT, related_name="+")
    issued_at = models.DateTimeField(default=timezone.now)
    valid_until = models.DateField()
    key_id = models.CharField(max_length=16)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_reason = models.CharField(max_length=20, blank=True)
    # The signed JSON, sealed under the server key (the organisation may need to re-issue or
    # show what it said).
    sealed_statement = models.BinaryField()

    class Meta:
        ordering = ["-issued_at"]

    def __str__(self) -> str:
        return f"attestation {self.id}"


class SigningCertificate(models.Model):
    """The organisation's certificate for signed PDFs (PAdES), made on first use.

    PDF readers verify ECDSA P-256 or RSA signatures, not Ed25519, so PDFs have their own key,
    sealed under the server key like the Ed25519 signing key. The certificate is published on the
    verification page.
    """

    organisation = models.OneToOneField("accounts.Organisation", on_delete=models.PROTECT)
    sealed_private_key = models.BinaryField()
    certificate_pem = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"PDF certificate of organisation {self.organisation_id}"
