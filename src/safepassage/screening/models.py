"""Watch lists and incident records (public data, kept in the clear), and screening results
(which client matched what: sealed under the case key)."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from safepassage.vault.fields import EncryptedField, SealedModel

STAFF = settings.AUTH_USER_MODEL


class ListKind(models.TextChoices):
    FTM = "ftm", _("OpenSanctions (FollowTheMoney JSON lines)")
    CSV = "csv", _("CSV list (name, birth date, unit, source)")


class WatchList(models.Model):
    """A list of people (and units) to screen against; its index lives in the data folder."""

    name = models.CharField(max_length=120, unique=True)
    kind = models.CharField(max_length=8, choices=ListKind.choices)
    version = models.PositiveIntegerField(default=0)
    entity_count = models.PositiveIntegerField(default=0)
    file_sha256 = models.CharField(max_length=64, blank=True)
    imported_at = models.DateTimeField(null=True, blank=True)
    imported_by = models.ForeignKey(
        STAFF, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Invented or sample data (the demo's list): screening against it alone is not screening.
    is_sample = models.BooleanField(default=False)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def folder(self, version: int | None = None) -> Path:
        return Path(settings.DATA_DIR) / "screening" / str(self.pk) / f"v{version or self.version}"


class ListImport(models.Model):
    """One attempt to import a list: what it found, what changed, why it was refused."""

    watch_list = models.ForeignKey(
        WatchList, null=True, blank=True, on_delete=models.CASCADE, related_name="imports"
    )
    name = models.CharField(max_length=120)
    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    succeeded = models.BooleanField(default=False)
    lines = models.PositiveIntegerField(default=0)
    entities = models.PositiveIntegerField(default=0)
    added = models.PositiveIntegerField(default=0)
    removed = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)  # "line N: message", the first ones

    class Meta:
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"import of {self.name}"


class IncidentList(models.Model):
    name = models.CharField(max_length=120, unique=True)
    is_sample = models.BooleanField(default=False)
    imported_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.name


class IncidentRecord(models.Model):
    incident_list = models.ForeignKey(
        IncidentList, on_delete=models.CASCADE, related_name="records"
    )
    data = models.JSONField()

    def __str__(self) -> str:
        return str(self.data.get("id", self.pk))


class ResultKind(models.TextChoices):
    LIST = "list", _("Name on a list")
    INCIDENT = "incident", _("Service meets a documented incident")


class Review(models.TextChoices):
    MATCH = "match", _("Match")
    NO_MATCH = "no_match", _("No match")
    UNSURE = "unsure", _("Unsure")


class ScreeningResult(SealedModel):
    """One possible hit for a case, with its explanation; sealed under the case key."""

    vault_scope = "case"

    case = models.ForeignKey(
        "cases.Case", on_delete=models.CASCADE, related_name="screening_results"
    )
    kind = models.CharField(max_length=10, choices=ResultKind.choices)
    found_at = models.DateTimeField(default=timezone.now)
    reviewed_by = models.ForeignKey(
        STAFF, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    source = EncryptedField()  # the list or incident list, with its version
    entity = EncryptedField()  # the list entry's id, or the incident's
    caption = EncryptedField()
    person = EncryptedField()  # which of the case's people was screened, by position
    score = EncryptedField()
    alert = EncryptedField()  # "yes" when the score reaches the alert threshold
    explanation = EncryptedField(kind="json")
    review = EncryptedField()
    review_reason = EncryptedField()

    class Meta:
        ordering = ["found_at", "pk"]

    def __str__(self) -> str:
        return f"screening result {self.pk}"

    def vault_object_id(self) -> int:
        return self.case_id


class CaseScreening(models.Model):
    """When a case was last screened and against which list versions (no result in here)."""

    case = models.OneToOneField("cases.Case", on_delete=models.CASCADE, related_name="screening")
    screened_at = models.DateTimeField(default=timezone.now)
    versions = models.JSONField(default=dict)  # list id -> version
    # What was searched, as it was then: [{"name", "version", "entries", "imported_on",
    # "sample"}] for watch lists and [{"name", "records", "sample"}] for incident lists. Facts
    # stated to others (attestations) are read from here, never from a checklist answer.
    lists = models.JSONField(default=list)
    incident_lists = models.JSONField(default=list)
    pending_since = models.DateTimeField(null=True, blank=True)  # a list changed since

    def __str__(self) -> str:
        return f"screening of case {self.case_id}"
