"""Dossiers: building, sealing and verifying them; authorities and their rules; submissions,
decisions and the deadlines they start.

Every write is one transaction with its audit entry. The web pages and `safepassage dossiers`
call these functions; case data is reached only through an opened case (`cases.gate`).
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from safepassage.audit.services import record
from safepassage.cases import alerts
from safepassage.cases.gate import CaseAccess
from safepassage.cases.models import AlertKind, Person
from safepassage.dossiers import deadlines, render
from safepassage.dossiers.models import (
    Authority,
    CoverTemplate,
    Deadline,
    DeadlineRule,
    Dossier,
    Event,
    Submission,
    SubmissionEvent,
)
from safepassage.vault import fields
from safepassage.vault.models import KeyRing
from safepassage.vault.objects import ObjectKey

CASE_ROWS: list[Any] = [Dossier, Submission, SubmissionEvent, Deadline]
MAX_TEXT = 300
MAX_REFERENCE = 80


class DossierError(ValueError):
    """Bad input or a step the rules do not allow; names the field, nothing was written."""

    def __init__(self, message: str, field: str = "") -> None:
        super().__init__(message)
        self.field = field


def reencrypt_rows(old: ObjectKey, new: ObjectKey) -> None:
    for model in CASE_ROWS:
        fields.reencrypt_rows(old, new, model.objects.filter(case_id=old.object_id))


def clean_text(value: str, field: str, limit: int = MAX_TEXT, *, required: bool = False) -> str:
    """One line of text: no control characters (a reference pasted from a mail may carry them),
    within the limit."""
    text = (value or "").strip()
    if any(unicodedata.category(ch)[0] == "C" for ch in text):
        raise DossierError(
            _("%(field)s holds control characters: type it again.") % {"field": field}, field
        )
    if len(text) > limit:
        raise DossierError(
            _("%(field)s is longer than %(n)d characters.") % {"field": field, "n": limit}, field
        )
    if required and not text:
        raise DossierError(_("%(field)s is required.") % {"field": field}, field)
    return text


# -- authorities, rules, cover letters: data coordinators edit -------------------------------


@transaction.atomic
def save_authority(staff: Any, authority: Authority, values: dict[str, Any]) -> Authority:
    for name in ("name", "source"):
        if name in values:
            values[name] = clean_text(values[name], name, required=name == "name")
    languages = values.get("languages", authority.languages)
    if not languages or any(language not in render_languages() for language in languages):
        raise DossierError(_("Choose the languages among French, German and English."), "languages")
    for name, value in values.items():
        setattr(authority, name, value)
    created = authority.pk is None
    authority.save()
    record(
        f"dossiers.authority_{'added' if created else 'changed'}",
        actor=staff,
        target_type="authority",
        target_ref=authority.code,
        details={"fields": sorted(values)},
    )
    return authority


def render_languages() -> tuple[str, ...]:
    return ("fr", "de", "en")


@transaction.atomic
def save_rule(staff: Any, rule: DeadlineRule, values: dict[str, Any]) -> DeadlineRule:
    """Save a deadline rule; the open deadlines it computed are computed again from their
    trigger date, so a corrected rule corrects every clock still running."""
    for name in ("label", "source"):
        if name in values:
            values[name] = clean_text(values[name], name, required=True)
    days, months = values.get("days", rule.days), values.get("months", rule.months)
    if not days and not months:
        raise DossierError(_("A rule counts at least one day or month."), "days")
    if days > 3660 or months > 120:
        raise DossierError(_("A rule counts at most ten years."), "days")
    if values.get("yields") and values.get("yields") == values.get("trigger", rule.trigger):
        raise DossierError(_("A rule cannot yield the event it starts from."), "yields")
    for name, value in values.items():
        setattr(rule, name, value)
    created = rule.pk is None
    rule.save()
    changed = 0 if created else _recompute(rule)
    record(
        f"dossiers.rule_{'added' if created else 'changed'}",
        actor=staff,
        target_type="authority",
        target_ref=rule.authority.code,
        details={
            "rule": rule.code.lower(),
            "fields": sorted(values),
            "deadlines_recomputed": changed,
        },
    )
    return rule


def _as_rule(rule: DeadlineRule) -> deadlines.Rule:
    return deadlines.Rule(
        rule.code,
        rule.label,
        rule.trigger,
        rule.days,
        rule.months,
        rule.yields,
        rule.alert,
        rule.pk,
    )


def _recompute(rule: DeadlineRule) -> int:
    """Open deadlines of this rule, due today or later, counted again (no one signed in)."""
    today = timezone.localdate()
    count = 0
    cases = set()
    reader = fields.WorkflowReader()
    for row in Deadline.objects.filter(rule=rule, closed=False).select_related("case"):
        ring = KeyRing.objects.get(scope="case", object_id=row.case_id)
        trigger = reader.read(ring, row, "trigger_on")
        due = reader.read(ring, row, "due_on")
        if trigger is None or (due is not None and due < today):
            continue
        fields.server_write(ring, row, "due_on", deadlines.due_date(_as_rule(rule), trigger))
        row.alert = rule.alert
        row.save(update_fields=["due_on", "alert"])
        cases.add(row.case_id)
        count += 1
    if cases:
        alerts.refresh(sorted(cases), today)
    return count


@transaction.atomic
def save_template(staff: Any, authority: Authority, language: str, text: str) -> CoverTemplate:
    """A cover letter in Markdown. HTML is refused outright: sanitising would silently change
    what the coordinator wrote, and a letter has no need of it."""
    if language not in (*render_languages(), "ru"):
        raise DossierError(_("Unknown language."), "language")
    if render.has_html(text):
        raise DossierError(
            _("The cover letter holds HTML (a tag such as <script>): write it in Markdown only."),
            "text",
        )
    if len(text) > 20_000:
        raise DossierError(_("The cover letter is longer than 20,000 characters."), "text")
    template, _created = CoverTemplate.objects.update_or_create(
        authority=authority, language=language, defaults={"text": text}
    )
    record(
        "dossiers.template_changed",
        actor=staff,
        target_type="authority",
        target_ref=authority.code,
        details={"language": language},
    )
    return template


# -- submissions, decisions and deadlines ----------------------------------------------------

# Events after which the clocks still running for the submission have no object any more.
CLOSING = {
    Event.GRANTED,
    Event.REFUSED,
    Event.IMPLICIT_REFUSAL,
    Event.APPEAL_FILED,
    Event.APPEAL_GRANTED,
    Event.APPEAL_REFUSED,
    Event.TRAVELLED,
    Event.ARRIVED,
    Event.ASYLUM_REGISTERED,
    Event.FINAL_STATUS,
}
DECISIONS: dict[str, str] = {
    Event.GRANTED: "granted",
    Event.REFUSED: "refused",
    Event.IMPLICIT_REFUSAL: "refused",
    Event.APPEAL_GRANTED: "granted",
    Event.APPEAL_REFUSED: "refused",
}
# Where a decision about the principal takes the case (through the stage machine's guards).
STAGE_AFTER: dict[str, str] = {
    Event.GRANTED: "travel",
    Event.APPEAL_GRANTED: "travel",
    Event.ARRIVED: "asylum",
    Event.FINAL_STATUS: "after_arrival",
}


@transaction.atomic
def submit(
    access: CaseAccess,
    person: Person,
    authority: Authority,
    *,
    channel: str,
    sent_on: date,
    reference: str = "",
    dossier: Dossier | None = None,
) -> Submission:
    """A family member's request sent to an authority; its clocks start."""
    if person.case_id != access.case.pk:
        raise DossierError(_("This person belongs to another case."), "person")
    if dossier is not None and dossier.case_id != access.case.pk:
        raise DossierError(_("This dossier belongs to another case."), "dossier")
    channel = clean_text(channel, "channel", 120, required=True)
    reference = clean_text(reference, "reference", MAX_REFERENCE)
    if sent_on > timezone.localdate():
        raise DossierError(_("The date sent cannot be in the future."), "sent_on")
    submission = Submission(case=access.case, person=person, authority=authority, dossier=dossier)
    fields.write(access.key, submission, "channel", channel)
    fields.write(access.key, submission, "sent_on", sent_on)
    fields.write(access.key, submission, "reference", reference)
    fields.write(access.key, submission, "status", Event.SUBMITTED)
    submission.save()
    record(
        "dossiers.submitted",
        actor=access.staff,
        target_type="case",
        target_ref=access.case.reference,
        details={"submission": submission.pk, "authority": authority.code},
    )
    _event(access, submission, Event.SUBMITTED, sent_on, {})
    return submission


@transaction.atomic
def record_event(
    access: CaseAccess,
    submission: Submission,
    kind: str,
    happened_on: date,
    details: dict[str, str] | None = None,
) -> tuple[SubmissionEvent, list[str]]:
    """Record what happened; returns the event and what could not follow from it (a stage the
    case may not enter yet)."""
    if submission.case_id != access.case.pk:
        raise DossierError(_("This submission belongs to another case."), "submission")
    if kind not in Event.values or kind == Event.SUBMITTED:
        raise DossierError(_("Unknown kind of event."), "kind")
    sent_on = fields.read(access.key, submission, "sent_on")
    if sent_on is not None and happened_on < sent_on:
        raise DossierError(
            _("The date is before the date the request was sent (%(sent)s).")
            % {"sent": sent_on.isoformat()},
            "happened_on",
        )
    clean = {
        name: clean_text(str(value), name, MAX_TEXT)
        for name, value in (details or {}).items()
        if value not in (None, "")
    }
    if "reference" in clean:
        clean["reference"] = clean_text(clean["reference"], "reference", MAX_REFERENCE)
    due_text = clean.get("due_on")
    if due_text:
        try:
            due = date.fromisoformat(due_text)
        except ValueError:
            raise DossierError(_("Enter the deadline as a date."), "due_on") from None
        if due < happened_on:
            raise DossierError(_("The deadline is before the date of the request."), "due_on")
    event = _event(access, submission, kind, happened_on, clean)
    if clean.get("reference"):
        fields.write(access.key, submission, "reference", clean["reference"])
        submission.save(update_fields=["reference"])
    problems = _follow(access, submission, kind, happened_on)
    return event, problems


def _event(
    access: CaseAccess, submission: Submission, kind: str, on: date, details: dict[str, str]
) -> SubmissionEvent:
    event = SubmissionEvent(
        case=access.case, submission=submission, kind=kind, recorded_by=access.staff
    )
    fields.write(access.key, event, "happened_on", on)
    fields.write(access.key, event, "details", details)
    event.save()
    fields.write(access.key, submission, "status", kind)
    submission.save(update_fields=["status"])
    if kind in CLOSING:
        Deadline.objects.filter(submission=submission, closed=False).update(closed=True)
    rules = [_as_rule(r) for r in DeadlineRule.objects.filter(authority=submission.authority_id)]
    for due in deadlines.clocks(rules, kind, on):
        _deadline(
            access,
            submission,
            due.rule.label,
            due.trigger_on,
            due.due_on,
            due.rule.alert,
            due.rule.pk,
        )
    if kind == Event.DOCUMENTS_REQUESTED and details.get("due_on"):
        label = _("Send the documents requested")
        _deadline(
            access, submission, label, on, date.fromisoformat(details["due_on"]), AlertKind.TASK
        )
    if kind == Event.APPOINTMENT:
        _deadline(access, submission, _("Appointment"), on, on, AlertKind.APPOINTMENT)
    record(
        "dossiers.event_recorded",
        actor=access.staff,
        target_type="case",
        target_ref=access.case.reference,
        details={"submission": submission.pk, "kind": kind},
    )
    return event


def _deadline(
    access: CaseAccess,
    submission: Submission,
    label: str,
    trigger_on: date,
    due_on: date,
    alert: str,
    rule: int | None = None,
) -> Deadline:
    row = Deadline(
        case=access.case,
        submission=submission,
        person_id=submission.person_id,
        rule_id=rule,
        alert=alert,
    )
    fields.write(access.key, row, "label", label)
    fields.write(access.key, row, "trigger_on", trigger_on)
    fields.write(access.key, row, "due_on", due_on)
    row.save()
    return row


def _follow(access: CaseAccess, submission: Submission, kind: str, on: date) -> list[str]:
    """The protection track and the stage follow a decision about the principal. The appeal
    deadline stays with the submission (its own alert on Today, per family member), not copied
    into the track, which would raise the same alert twice."""
    from safepassage.cases import services as cases
    from safepassage.cases.models import PersonKind, ProtectionTrack

    problems: list[str] = []
    if submission.person.kind != PersonKind.PRINCIPAL:
        alerts.refresh([access.case.pk], timezone.localdate())
        return problems
    track = ProtectionTrack.objects.filter(case=access.case).order_by("pk").first()
    values: dict[str, Any] = {}
    if track is None:
        track = ProtectionTrack(case=access.case)
        values["destination"] = submission.authority.country
    if kind in DECISIONS:
        values.update({"decision": DECISIONS[kind], "decision_on": on})
    if kind == Event.SUBMITTED:
        values["filed_on"] = on
    if values:
        cases.save_row(access, track, values)
    else:
        alerts.refresh([access.case.pk], timezone.localdate())
    target = STAGE_AFTER.get(kind)
    if target and access.case.stage != target:
        try:
            cases.move_stage(access, target, why=kind)
        except cases.CaseError as exc:
            problems.append(str(exc))
    return problems


def deadline_dates(
    chunk: list[int], rings: dict[int, KeyRing], reader: fields.WorkflowReader
) -> dict[int, list[alerts.Due]]:
    """The alert source of Today: each open deadline of each family member."""
    out: dict[int, list[alerts.Due]] = defaultdict(list)
    rows = Deadline.objects.filter(case_id__in=chunk, closed=False).only(
        "id", "case_id", "seal_id", "person_id", "alert", "due_on"
    )
    for row in rows.iterator(chunk_size=2000):
        ring = rings.get(row.case_id)
        if ring is None:
            continue
        due = reader.read(ring, row, "due_on")
        if due is not None:
            out[row.case_id].append((row.alert, due, row.person_id))
    return out
