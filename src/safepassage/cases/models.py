"""The case: a soldier's path from first contact to safety, and the people travelling with him.

Every client value is an EncryptedField under the case key. What stays readable in the database
is listed in docs/threat-model.md with its reason: the random reference, stage, coarse country
code, retention date, staff assignments, and alert due dates. Fields marked server_readable are
workflow data the alert timer reads without anyone signed in.
"""

from __future__ import annotations

import unicodedata

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from safepassage.cases import stages
from safepassage.vault.fields import EncryptedField, SealedModel

STAFF = settings.AUTH_USER_MODEL


# -- rules and reference data an administrator can edit ------------------------------------------


class Country(models.Model):
    code = models.CharField(max_length=2, primary_key=True)
    name_en = models.CharField(max_length=80)
    name_ru = models.CharField(max_length=80)
    name_fr = models.CharField(max_length=80)
    transit = models.BooleanField(default=False)

    class Meta:
        ordering = ["name_en"]
        verbose_name_plural = "countries"

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        """The name in the language of the current request (English when there is none)."""
        language = (get_language() or "en")[:2]
        return {"ru": self.name_ru, "fr": self.name_fr}.get(language) or self.name_en

    @classmethod
    def named(cls, rows: models.QuerySet[Country] | None = None) -> list[tuple[str, str]]:
        """(code, name) of the given countries (all by default), by name in the current language."""
        countries = cls.objects.all() if rows is None else rows
        return sorted(((c.code, c.name) for c in countries), key=lambda pair: pair[1])

    @classmethod
    def name_of(cls, code: str) -> str:
        """The name of a country stored by its code; the code itself if it is not listed."""
        country = cls.objects.filter(code=code).first()
        return country.name if country is not None else code

    @classmethod
    def resolve(cls, text: str, rows: models.QuerySet[Country] | None = None) -> Country | None:
        """The country a person typed, by its name in any of the languages (Россия, Russie,
        Russia), its ISO code (RU), or the unique start of a name (Kyrgyz); None when no
        country, or more than one, is meant."""
        wanted = fold(text)
        if not wanted:
            return None
        countries = list(cls.objects.all() if rows is None else rows)
        for country in countries:
            if wanted in {fold(n) for n in (country.code, *country.names())}:
                return country
        if len(wanted) < 3:
            return None
        starting = {c.code: c for c in countries for n in c.names() if fold(n).startswith(wanted)}
        return next(iter(starting.values())) if len(starting) == 1 else None

    def names(self) -> tuple[str, str, str]:
        return (self.name_en, self.name_ru, self.name_fr)


def fold(text: str) -> str:
    """A name as compared: no accents, no case, ё as е, one space between words."""
    decomposed = unicodedata.normalize("NFKD", text.replace("ё", "е").replace("Ё", "Е"))
    # Both sides are folded alike, so й (и with a breve) compares as и: no name differs by it.
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(plain.replace("-", " ").casefold().split())


class StayRule(models.Model):
    """How long a Russian citizen may stay: per entry, and within a rolling window."""

    country = models.OneToOneField(Country, on_delete=models.CASCADE, related_name="stay_rule")
    max_days_per_entry = models.PositiveIntegerField(null=True, blank=True)
    window_days = models.PositiveIntegerField(null=True, blank=True)
    max_days_in_window = models.PositiveIntegerField(null=True, blank=True)
    registration_extends = models.BooleanField(
        default=False, help_text=_("With a registration, the stay lasts until it ends.")
    )
    entry_document = models.CharField(max_length=120, blank=True)
    notes = models.TextField(blank=True)
    source = models.CharField(max_length=300, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"stay rule for {self.country_id}"


class Article(models.Model):
    """An article of the Russian Criminal Code that cases record, with its penalties."""

    number = models.CharField(max_length=10, unique=True)
    title_en = models.CharField(max_length=200)
    title_ru = models.CharField(max_length=200)
    title_fr = models.CharField(max_length=200)
    penalties = models.TextField(blank=True)
    source = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["number"]

    def __str__(self) -> str:
        return self.number


class AlertKind(models.TextChoices):
    STAY = "stay_expiry", _("Legal stay runs out")
    DOCUMENT = "document_expiry", _("Document expires")
    APPEAL = "appeal_deadline", _("Appeal deadline")
    APPOINTMENT = "appointment", _("Appointment")
    WELFARE = "welfare_overdue", _("Welfare check-in overdue")
    TASK = "task_due", _("Task due")


class AlertLeadTime(models.Model):
    """How many days ahead each kind of clock raises an alert (for example 30, 14 and 7)."""

    kind = models.CharField(max_length=20, choices=AlertKind.choices, unique=True)
    days = models.JSONField(default=list)

    def __str__(self) -> str:
        return f"{self.kind}: {self.days}"


# -- the case -----------------------------------------------------------------------------------


class Stage(models.TextChoices):
    FIRST_CONTACT = stages.FIRST_CONTACT, _("First contact")
    CONSULTATION = stages.CONSULTATION, _("Consultation")
    EXIT_PLANNING = stages.EXIT_PLANNING, _("Exit planning")
    TRANSIT = stages.TRANSIT, _("Transit stay")
    VETTING = stages.VETTING, _("Vetting")
    ADVOCACY = stages.ADVOCACY, _("Advocacy and visa")
    TRAVEL = stages.TRAVEL, _("Travel")
    ASYLUM = stages.ASYLUM, _("Asylum procedure")
    AFTER_ARRIVAL = stages.AFTER_ARRIVAL, _("After arrival")
    PAUSED = stages.PAUSED, _("Paused")
    CLOSED = stages.CLOSED, _("Closed")


class CloseReason(models.TextChoices):
    WITHDRAWN = "withdrawn", _("Withdrawn")
    LOST_CONTACT = "lost_contact", _("Lost contact")
    RETURNED = "returned", _("Returned")
    DETAINED = "detained", _("Detained")
    REFUSED = "refused", _("Refused")
    SAFE = "safe", _("Safe")


class Case(SealedModel):
    vault_scope = "case"

    reference = models.CharField(max_length=16, unique=True)
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT)
    team = models.ForeignKey("accounts.Team", null=True, blank=True, on_delete=models.SET_NULL)
    stage = models.CharField(max_length=20, choices=Stage.choices, default=Stage.FIRST_CONTACT)
    resume_to = models.CharField(max_length=20, blank=True)
    closed_reason = models.CharField(max_length=20, blank=True, choices=CloseReason.choices)
    country = models.ForeignKey(Country, null=True, blank=True, on_delete=models.PROTECT)
    retention_date = models.DateField()
    checkin_interval_days = models.PositiveIntegerField(null=True, blank=True)
    created_by = models.ForeignKey(STAFF, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    stage_changed_at = models.DateTimeField(default=timezone.now)
    # Coarse and readable so that reports count by it without opening a case: the category of
    # his latest service period (conscript, mobilised, contract, officer...), never the unit.
    service_category = models.CharField(max_length=12, blank=True)
    # Client data, under the case key.
    contact_channel = EncryptedField()
    contact_handle = EncryptedField()
    consent = EncryptedField(kind="json")
    summary = EncryptedField()
    left_on = EncryptedField(kind="date")
    manner_of_leaving = EncryptedField()
    wanted_level = EncryptedField()
    travel_ban = EncryptedField()
    passport_withdrawn = EncryptedField()
    risk_flags = EncryptedField(kind="json")

    class Meta:
        indexes = [models.Index(fields=["stage"], name="case_stage_idx")]

    def __str__(self) -> str:
        return self.reference

    def vault_object_id(self) -> int:
        return self.pk


class CaseRow(SealedModel):
    """A row that belongs to one case and is sealed under its key."""

    vault_scope = "case"
    case = models.ForeignKey(Case, on_delete=models.CASCADE)

    class Meta:
        abstract = True

    def vault_object_id(self) -> int:
        return self.case_id


class PersonKind(models.TextChoices):
    PRINCIPAL = "principal", _("Principal")
    SPOUSE = "spouse", _("Spouse or partner")
    CHILD = "child", _("Child")
    OTHER = "other", _("Other family member")


class Person(CaseRow):
    kind = models.CharField(max_length=12, choices=PersonKind.choices)
    position = models.PositiveSmallIntegerField(default=0)
    name_cyrillic = EncryptedField()
    latin_spellings = EncryptedField(kind="json")  # [{"spelling": ..., "document": ...}]
    aliases = EncryptedField(kind="json")
    birth_date = EncryptedField()  # "1990", "1990-05" or "1990-05-17"
    citizenships = EncryptedField(kind="json")
    languages = EncryptedField(kind="json")
    # Left out of what other members see and out of any document unless chosen explicitly.
    confidential = EncryptedField()

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return f"{self.kind} of case {self.case_id}"


class ServicePeriod(CaseRow):
    category = EncryptedField()
    unit_name = EncryptedField()
    unit_number = EncryptedField()
    rank = EncryptedField()
    speciality = EncryptedField()
    region = EncryptedField()
    started_on = EncryptedField(kind="date")
    ended_on = EncryptedField(kind="date")

    def __str__(self) -> str:
        return f"service period of case {self.case_id}"


class CriminalCase(CaseRow):
    article = EncryptedField()
    part = EncryptedField()
    status = EncryptedField()
    opened_on = EncryptedField(kind="date")
    source = EncryptedField()

    def __str__(self) -> str:
        return f"criminal case of case {self.case_id}"


class PressureEvent(CaseRow):
    kind = EncryptedField()
    occurred_on = EncryptedField(kind="date")
    note = EncryptedField()

    def __str__(self) -> str:
        return f"pressure event of case {self.case_id}"


class DocumentHeld(CaseRow):
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.CASCADE)
    doc_type = EncryptedField()
    state = EncryptedField()
    expires_on = EncryptedField(kind="date", server_readable=True)
    note = EncryptedField()

    def __str__(self) -> str:
        return f"document of case {self.case_id}"


class Stay(CaseRow):
    """One person's stay in a transit country; the legal-stay clock reads these without anyone
    signed in. Each person has his or her own clock (the wife and the child hold their own
    passports and entered on their own dates)."""

    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.CASCADE)
    country = EncryptedField(server_readable=True)
    entered_on = EncryptedField(kind="date", server_readable=True)
    left_on = EncryptedField(kind="date", server_readable=True)
    registered_until = EncryptedField(kind="date", server_readable=True)
    legal_until = EncryptedField(kind="date", server_readable=True)
    basis = EncryptedField()
    note = EncryptedField()

    def __str__(self) -> str:
        return f"stay of case {self.case_id}"


class ProtectionTrack(CaseRow):
    destination = EncryptedField()
    route = EncryptedField()
    filed_on = EncryptedField(kind="date")
    decision = EncryptedField()
    decision_on = EncryptedField(kind="date")
    appeal_deadline = EncryptedField(kind="date", server_readable=True)
    next_appointment = EncryptedField(kind="date", server_readable=True)
    note = EncryptedField()

    def __str__(self) -> str:
        return f"protection track of case {self.case_id}"


class StageChange(CaseRow):
    from_stage = models.CharField(max_length=20, choices=Stage.choices)
    to_stage = models.CharField(max_length=20, choices=Stage.choices)
    reason = models.CharField(max_length=20, blank=True)
    by = models.ForeignKey(STAFF, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    why = EncryptedField()

    class Meta:
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["to_stage", "at"], name="stagechange_to_at_idx")]

    def __str__(self) -> str:
        return f"{self.from_stage} -> {self.to_stage}"


class MilestoneKind(models.TextChoices):
    LEFT_RUSSIA = "left_russia", _("Left Russia")
    REACHED_TRANSIT = "reached_transit", _("Reached a transit country")
    ARRIVED = "arrived", _("Arrived in a protecting state")


class Milestone(models.Model):
    """A dated step on the way to safety that reports count: the day and a coarse country code,
    readable like the stage itself (never where, how or with whom). Recorded when the case
    moves to the stage that implies it; the country is filled in when the case's is set."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="milestones")
    kind = models.CharField(max_length=20, choices=MilestoneKind.choices)
    day = models.DateField()
    country = models.ForeignKey(Country, null=True, blank=True, on_delete=models.PROTECT)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["case", "kind"], name="milestone_once_per_case")
        ]
        indexes = [models.Index(fields=["kind", "day"], name="milestone_kind_day_idx")]

    def __str__(self) -> str:
        return f"{self.kind} on {self.day}"


class Task(CaseRow):
    assignee = models.ForeignKey(
        STAFF, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    title = EncryptedField()
    due_on = EncryptedField(kind="date", server_readable=True)
    done_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"task of case {self.case_id}"


class CheckIn(CaseRow):
    by = models.ForeignKey(STAFF, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    note = EncryptedField()

    class Meta:
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"check-in of case {self.case_id}"


class Note(CaseRow):
    by = models.ForeignKey(STAFF, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    text = EncryptedField()
    # Kinds of "must not hold" warnings the author saw and confirmed (codes only).
    confirmed_warnings = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"note of case {self.case_id}"


class CaseRole(models.TextChoices):
    COORDINATOR = "coordinator", _("Coordinator")
    CASEWORKER = "caseworker", _("Caseworker")
    VETTER = "vetter", _("Vetter")
    LEGAL = "legal", _("Legal adviser")


class Assignment(models.Model):
    """Who works on a case. Assigning seals the case key to the staff member."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="assignments")
    staff = models.ForeignKey(STAFF, on_delete=models.CASCADE, related_name="assignments")
    role = models.CharField(max_length=12, choices=CaseRole.choices)
    assigned_by = models.ForeignKey(STAFF, on_delete=models.PROTECT, related_name="+")
    assigned_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["case", "staff"], name="assignment_unique")]
        indexes = [models.Index(fields=["staff", "case"], name="assignment_staff_idx")]

    def __str__(self) -> str:
        return f"{self.staff_id} on {self.case_id} as {self.role}"


class Alert(models.Model):
    """A clock that needs attention, computed by `safepassage alerts` (no client data)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="alerts")
    staff = models.ForeignKey(STAFF, on_delete=models.CASCADE, related_name="alerts")
    kind = models.CharField(max_length=20, choices=AlertKind.choices)
    due_on = models.DateField()
    # Whose clock it is, where a clock belongs to one person (a stay, a document).
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.CASCADE)
    computed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["case", "staff", "kind", "due_on", "person"], name="alert_unique"
            )
        ]
        indexes = [models.Index(fields=["staff", "due_on"], name="alert_staff_due_idx")]

    def __str__(self) -> str:
        return f"{self.kind} on {self.due_on}"


class Notification(models.Model):
    """What staff are told: how many of their cases need attention, never which or why."""

    staff = models.ForeignKey(STAFF, on_delete=models.CASCADE, related_name="notifications")
    cases_needing_attention = models.PositiveIntegerField()
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.cases_needing_attention} cases need attention"


class ImportDraft(models.Model):
    """A spreadsheet being imported, sealed to the importing staff member until it is done."""

    staff = models.ForeignKey(STAFF, on_delete=models.CASCADE, related_name="+")
    sealed_table = models.BinaryField()
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"import draft {self.pk}"
