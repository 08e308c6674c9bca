"""Public releases of figures, and the ledger of the privacy loss they spent.

What is readable here, and why (docs/threat-model.md): counts per month, country, category and
reason, the very figures meant to be published, and for a draft the exact counts it was
computed from (needed to refuse a release that would reveal a small cell by difference with an
earlier one). No case reference, name or day is kept.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

STAFF = settings.AUTH_USER_MODEL


def new_public_id() -> str:
    return secrets.token_hex(6)


class Method(models.TextChoices):
    THRESHOLD = "threshold", _("Threshold with suppression and rounding")
    PRIVACY = "privacy", _("Differential privacy")


class ReleaseStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class Release(models.Model):
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT)
    public_id = models.CharField(max_length=16, unique=True, default=new_public_id)
    title = models.CharField(max_length=200)
    period_start = models.DateField()
    period_end = models.DateField()
    tables = models.JSONField(default=list)  # keys of figures.TABLE_KEYS
    method = models.CharField(max_length=10, choices=Method.choices, default=Method.THRESHOLD)
    threshold = models.PositiveSmallIntegerField(default=10)
    rounding = models.PositiveSmallIntegerField(default=5)
    epsilon = models.DecimalField(max_digits=8, decimal_places=4, null=True, blank=True)
    status = models.CharField(max_length=10, choices=ReleaseStatus.choices, default="draft")
    # The exact counts the preview showed; publishing refuses if they changed since.
    counts = models.JSONField(default=dict)
    # The signed document as published: the public page, JSON and CSV are read from it.
    document = models.BinaryField(null=True, blank=True)
    key_id = models.CharField(max_length=16, blank=True)
    created_by = models.ForeignKey(STAFF, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    published_by = models.ForeignKey(
        STAFF, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"release {self.public_id}"


class PrivacyBudget(models.Model):
    """How much privacy loss (epsilon) the organisation's releases may spend in a year."""

    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.CASCADE)
    year = models.PositiveSmallIntegerField()
    epsilon = models.DecimalField(max_digits=8, decimal_places=4)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "year"], name="budget_once_a_year")
        ]

    def __str__(self) -> str:
        return f"budget {self.year}: {self.epsilon}"


class LedgerEntry(models.Model):
    """The privacy loss one published release spent, as OpenDP's privacy map gives it."""

    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT)
    release = models.OneToOneField(Release, on_delete=models.PROTECT, related_name="ledger")
    year = models.PositiveSmallIntegerField()
    epsilon = models.DecimalField(max_digits=10, decimal_places=6)
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["recorded_at", "pk"]

    def __str__(self) -> str:
        return f"{self.epsilon} for {self.release_id}"


class RollupCount(models.Model):
    """The organisation's events counted per month, kept so the dashboard reads a few hundred
    rows instead of counting every case's history on each page (see rollup.py)."""

    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.CASCADE)
    month = models.CharField(max_length=7)  # YYYY-MM
    event = models.CharField(max_length=24)
    country = models.CharField(max_length=2, blank=True)
    category = models.CharField(max_length=12, blank=True)
    reason = models.CharField(max_length=20, blank=True)
    n = models.PositiveIntegerField()

    class Meta:
        indexes = [models.Index(fields=["organisation", "month"], name="rollup_org_month_idx")]

    def __str__(self) -> str:
        return f"{self.event} {self.month}: {self.n}"


class RollupDays(models.Model):
    """How many stays in a stage, entered in a month, lasted how many days."""

    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.CASCADE)
    month = models.CharField(max_length=7)
    stage = models.CharField(max_length=20)
    days = models.IntegerField()
    n = models.PositiveIntegerField()

    class Meta:
        indexes = [models.Index(fields=["organisation", "month"], name="rollupdays_org_month_idx")]

    def __str__(self) -> str:
        return f"{self.stage} {self.month}: {self.n} x {self.days} days"


class RollupState(models.Model):
    organisation = models.OneToOneField("accounts.Organisation", on_delete=models.CASCADE)
    built_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"roll-up of {self.organisation_id} at {self.built_at}"
