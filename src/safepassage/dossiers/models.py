"""Referral to a protecting state: authority profiles with their deadline rules (editable data),
the dossiers built for them, and the submission of each family member and what came of it.

Authorities, rules and cover-letter templates hold no client data. Dossiers, submissions, their
events and deadlines are case rows sealed under the case key; what stays readable is listed in
docs/threat-model.md: which authority a case's dossier went to, its version, hashes and dates of
making, the kind of each event, and the due date and trigger date of each deadline (the alert
timer reads those without anyone signed in, like the appeal deadline of a protection track).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from safepassage.cases.models import AlertKind, CaseRow, Person
from safepassage.vault.fields import EncryptedField

STAFF = settings.AUTH_USER_MODEL


class Event(models.TextChoices):
    """What can happen to a family member's request; deadline rules start from these."""

    SUBMITTED = "submitted", _("Submitted")
    DOCUMENTS_REQUESTED = "documents_requested", _("More documents requested")
    APPOINTMENT = "appointment", _("Appointment")
    GRANTED = "granted", _("Granted")
    REFUSED = "refused", _("Refused (notified)")
    IMPLICIT_REFUSAL = "implicit_refusal", _("Implicit refusal by silence")
    APPEAL_FILED = "appeal_filed", _("Appeal filed")
    APPEAL_GRANTED = "appeal_granted", _("Appeal granted")
    APPEAL_REFUSED = "appeal_refused", _("Appeal refused")
    TRAVELLED = "travelled", _("Travelled")
    ARRIVED = "arrived", pgettext_lazy("a person, in the protecting state", "Arrived")
    ASYLUM_REGISTERED = "asylum_registered", _("Asylum claim registered")
    FINAL_STATUS = "final_status", _("Final status")


class Authority(models.Model):
    """Who receives a dossier: a consulate, an appeal body, a court, an asylum office."""

    code = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=200)
    country = models.CharField(max_length=2, blank=True)  # "" for an international body
    after_arrival = models.BooleanField(default=False)
    # Languages of its documents, first the one the dossier is written in (fr, de, en).
    languages = models.JSONField(default=list)
    # The parts of a dossier it expects (codes of `content.PARTS`).
    parts = models.JSONField(default=list)
    # Fields needing an explicit tick that may be offered for this recipient at all.
    may_include = models.JSONField(default=list)
    source = models.CharField(max_length=300, blank=True)
    last_checked = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True)
    active = models.BooleanField(default=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name_plural = "authorities"

    def __str__(self) -> str:
        return self.name

    @property
    def language(self) -> str:
        return self.languages[0] if self.languages else "en"


class DeadlineRule(models.Model):
    """After an event, so many days or months: a deadline to act, or (with `yields`) the date on
    which silence becomes an event itself (a consulate's two months of silence is a refusal)."""

    authority = models.ForeignKey(Authority, on_delete=models.CASCADE, related_name="rules")
    code = models.SlugField(max_length=40)
    label = models.CharField(max_length=200)
    trigger = models.CharField(max_length=24, choices=Event.choices)
    days = models.PositiveIntegerField(default=0)
    months = models.PositiveIntegerField(default=0)
    yields = models.CharField(max_length=24, choices=Event.choices, blank=True)
    alert = models.CharField(max_length=20, choices=AlertKind.choices, default=AlertKind.APPEAL)
    source = models.CharField(max_length=300)
    last_checked = models.DateField()
    notes = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["authority", "trigger", "code"]
        constraints = [
            models.UniqueConstraint(fields=["authority", "code"], name="deadline_rule_code")
        ]

    def __str__(self) -> str:
        return f"{self.authority.code}: {self.code}"


class CoverTemplate(models.Model):
    """The cover letter of an authority in one language: Markdown, rendered sanitised."""

    authority = models.ForeignKey(Authority, on_delete=models.CASCADE, related_name="templates")
    language = models.CharField(max_length=2)
    text = models.TextField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["authority", "language"], name="cover_template_once")
        ]

    def __str__(self) -> str:
        return f"cover letter {self.authority.code} {self.language}"


class Dossier(CaseRow):
    """One generated version: the signed PDF (annexes inside) sealed in the vault, the signed
    JSON sealed beside it."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    authority = models.ForeignKey(Authority, on_delete=models.PROTECT, related_name="+")
    language = models.CharField(max_length=2)
    version = models.PositiveIntegerField()
    made_by = models.ForeignKey(STAFF, on_delete=models.PROTECT, related_name="+")
    made_at = models.DateTimeField(default=timezone.now)
    pdf_file = models.ForeignKey("vault.EncryptedFile", on_delete=models.PROTECT, related_name="+")
    pdf_sha256 = models.CharField(max_length=64)
    json_sha256 = models.CharField(max_length=64)
    signed_json = EncryptedField()
    # The family members it is for (Person ids), sealed: who travels is the case's business.
    people = EncryptedField(kind="json")

    class Meta:
        ordering = ["-made_at"]

    def __str__(self) -> str:
        return f"dossier {self.id} v{self.version}"


class Submission(CaseRow):
    """One family member's request to one authority."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    authority = models.ForeignKey(Authority, on_delete=models.PROTECT, related_name="+")
    dossier = models.ForeignKey(Dossier, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(default=timezone.now)
    channel = EncryptedField()
    sent_on = EncryptedField(kind="date")
    reference = EncryptedField()  # the authority's reference number
    status = EncryptedField()  # the last event's code

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"submission {self.pk}"


class SubmissionEvent(CaseRow):
    """Something that happened to a submission, on a date, with its details."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=24, choices=Event.choices)
    recorded_by = models.ForeignKey(STAFF, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    happened_on = EncryptedField(kind="date")
    # visa type and validity, reason, the authority's own deadline, place of an appointment...
    details = EncryptedField(kind="json")

    class Meta:
        ordering = ["recorded_at", "pk"]

    def __str__(self) -> str:
        return f"{self.kind} of submission {self.submission_id}"


class Deadline(CaseRow):
    """A date computed from a rule (or given by the authority) that raises an alert on Today."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="deadlines")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    rule = models.ForeignKey(DeadlineRule, null=True, blank=True, on_delete=models.SET_NULL)
    alert = models.CharField(max_length=20, choices=AlertKind.choices)
    closed = models.BooleanField(default=False)
    label = EncryptedField()
    trigger_on = EncryptedField(kind="date", server_readable=True)
    due_on = EncryptedField(kind="date", server_readable=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"deadline {self.pk}"
