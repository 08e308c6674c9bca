"""Case actions: create, assign, move between stages, record what happens. Each write is audited
in its own transaction; web views and the command line call these same functions."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, TypeVar

from django.conf import settings
from django.db import transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _

from safepassage.audit.services import record
from safepassage.cases import alerts, clock, hygiene, stages, validators
from safepassage.cases.choices import CATEGORY_CHOICES
from safepassage.cases.gate import CaseAccess
from safepassage.cases.models import (
    Alert,
    Assignment,
    Case,
    CaseRole,
    CheckIn,
    Country,
    CriminalCase,
    DocumentHeld,
    Milestone,
    MilestoneKind,
    Note,
    Person,
    PersonKind,
    PressureEvent,
    ProtectionTrack,
    ServicePeriod,
    StageChange,
    Stay,
    StayRule,
    Task,
)
from safepassage.core.roles import Perm, Role, has_permission
from safepassage.vault import fields, objects
from safepassage.vault.objects import ObjectKey

if TYPE_CHECKING:
    from safepassage.accounts.models import Staff

# Models sealed under a case key, besides the case itself; rotation re-encrypts them all.
CASE_ROWS: list[type[Model]] = [
    Person,
    ServicePeriod,
    CriminalCase,
    PressureEvent,
    DocumentHeld,
    Stay,
    ProtectionTrack,
    StageChange,
    Task,
    CheckIn,
    Note,
]
_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford's base 32: no I, L, O, U


RowT = TypeVar("RowT", bound=Model)


class CaseError(Exception):
    """A case action the rules do not allow; the message is shown to the user."""


def reencrypt_case(old: ObjectKey, new: ObjectKey) -> None:
    fields.reencrypt_rows(old, new, Case.objects.filter(pk=old.object_id))
    for model in CASE_ROWS:
        fields.reencrypt_rows(old, new, model.objects.filter(case_id=old.object_id))  # type: ignore[attr-defined]


def delete_case_rows(object_id: int) -> None:
    Case.objects.filter(pk=object_id).delete()


def new_reference() -> str:
    while True:
        body = "".join(secrets.choice(_ALPHABET) for _ in range(8))
        reference = f"SP-{body[:4]}-{body[4:]}"
        if not Case.objects.filter(reference=reference).exists():
            return reference


def _role_on_case(staff: Staff) -> str:
    return staff.role if staff.role in CaseRole.values else CaseRole.CASEWORKER


@transaction.atomic
def create_case(
    staff: Staff,
    principal_name: str,
    *,
    country: str | None = None,
    retention_date: date | None = None,
    team_id: int | None = None,
    contact_channel: str = "",
    contact_handle: str = "",
    summary: str = "",
) -> CaseAccess:
    """A new case with its principal; the key goes to the creator and the coordinators."""
    from safepassage.accounts.models import Staff

    retention = retention_date or (
        timezone.localdate() + timedelta(days=settings.CASE_RETENTION_DAYS)
    )
    validators.retention_in_future(retention, fail=CaseError)
    case = Case.objects.create(
        reference=new_reference(),
        organisation_id=staff.organisation_id,
        team_id=team_id,
        country_id=country or None,
        retention_date=retention,
        created_by=staff,
    )
    coordinators = list(
        Staff.objects.filter(
            organisation_id=staff.organisation_id,
            role=Role.COORDINATOR,
            is_active=True,
            vault_key__isnull=False,
        ).exclude(pk=staff.pk)
    )
    holders = [staff, *coordinators]
    key = objects.create("case", case.pk, retention, [h.pk for h in holders])
    Assignment.objects.create(case=case, staff=staff, role=_role_on_case(staff), assigned_by=staff)
    for coordinator in coordinators:
        Assignment.objects.create(
            case=case, staff=coordinator, role=CaseRole.COORDINATOR, assigned_by=staff
        )
    fields.write(key, case, "contact_channel", contact_channel)
    fields.write(key, case, "contact_handle", contact_handle)
    fields.write(key, case, "summary", summary)
    case.save()
    principal = Person(case=case, kind=PersonKind.PRINCIPAL)
    fields.write(key, principal, "name_cyrillic", principal_name)
    principal.save()
    record(
        "case.created",
        actor=staff,
        target_type="case",
        target_ref=case.reference,
        details={"stage": case.stage},
    )
    return CaseAccess(case, key, _role_on_case(staff), staff)


# -- assignment and need to know -----------------------------------------------------------------

# Parts of a case sealed under keys of their own (the vetting record, evidence) register what to
# revoke when someone is taken off the case: it receives the case, the staff member's id and
# whether the keys are to be replaced.
Revoker = Callable[[Case, int, bool], None]
_revokers: list[Revoker] = []


def register_revoker(revoker: Revoker) -> None:
    if revoker not in _revokers:
        _revokers.append(revoker)


@transaction.atomic
def assign(access: CaseAccess, staff: Staff, role: str) -> Assignment:
    """Give a staff member the case: an assignment and their own copy of the case key."""
    if role not in CaseRole.values:
        raise CaseError(_("Unknown role on a case."))
    if (
        staff.organisation_id != access.case.organisation_id
        or not staff.is_active
        or not has_permission(staff, Perm.WORK_CASES)  # the auditor reads the audit log only
    ):
        raise CaseError(_("This person cannot be given the case."))
    if not hasattr(staff, "vault_key"):
        raise CaseError(_("This staff member has not finished joining yet."))
    assignment, created = Assignment.objects.update_or_create(
        case=access.case, staff=staff, defaults={"role": role, "assigned_by": access.staff}
    )
    objects.grant(access.key, staff.pk)
    record(
        "case.assigned",
        actor=access.staff,
        target_type="case",
        target_ref=access.case.reference,
        details={"staff": staff.pk, "role": role, "new": created},
    )
    return assignment


@transaction.atomic
def unassign(access: CaseAccess, staff: Staff, rotate: bool = False) -> CaseAccess:
    """Take a staff member off the case and delete their key copy; optionally rotate the key."""
    if staff.pk == access.staff.pk:
        raise CaseError(_("You cannot take yourself off a case."))
    deleted, _ignored = Assignment.objects.filter(case=access.case, staff=staff).delete()
    objects.revoke(access.key.ring, staff.pk)
    for revoke in _revokers:
        revoke(access.case, staff.pk, rotate)
    Alert.objects.filter(case=access.case, staff=staff).delete()  # off Today at once
    key = objects.rotate(access.key) if rotate else access.key
    record(
        "case.unassigned",
        actor=access.staff,
        target_type="case",
        target_ref=access.case.reference,
        details={"staff": staff.pk, "rotated": rotate, "had_assignment": bool(deleted)},
    )
    return CaseAccess(access.case, key, access.role, access.staff)


def on_role_change(staff: Staff, old: str, new: str) -> None:
    """A new role keeps only the cases it may hold: an auditor none (he reads the audit log
    only); someone who stops being a coordinator loses the cases he held as coordinator. The
    key copies go with the assignments, in the caller's transaction; each removal is audited."""
    held = Assignment.objects.filter(staff=staff).select_related("case")
    if has_permission(staff, Perm.WORK_CASES):
        if old != Role.COORDINATOR or new == Role.COORDINATOR:
            return
        held = held.filter(role=CaseRole.COORDINATOR)
    for assignment in held:
        case = assignment.case
        assignment.delete()
        objects.revoke(objects.ring_of("case", case.pk), staff.pk)
        for revoke in _revokers:
            revoke(case, staff.pk, False)
        Alert.objects.filter(case=case, staff=staff).delete()
        record(
            "case.unassigned",
            target_type="case",
            target_ref=case.reference,
            details={"staff": staff.pk, "rotated": False, "because": "role_changed", "to": new},
        )


# -- stages --------------------------------------------------------------------------------------


@transaction.atomic
def move_stage(access: CaseAccess, target: str, why: str = "", reason: str = "") -> StageChange:
    """Move the case to another stage, if the state machine and its guards allow it."""
    case = Case.objects.select_for_update().get(pk=access.case.pk)
    current = case.stage
    move = stages.Move(current, target, resume_to=case.resume_to or None, reason=reason or None)
    try:
        stages.check(move, case)
    except stages.MoveRefused as exc:
        raise CaseError(str(exc)) from None
    reason = reason if target == stages.CLOSED else ""  # a reason code belongs to closing only
    case.resume_to = current if target == stages.PAUSED else ""
    case.closed_reason = reason
    case.stage = target
    case.stage_changed_at = timezone.now()
    case.save(
        update_fields=["stage", "resume_to", "closed_reason", "stage_changed_at", "updated_at"]
    )
    change = StageChange(
        case=case, from_stage=current, to_stage=target, reason=reason, by=access.staff
    )
    fields.write(access.key, change, "why", why)
    change.save()
    _record_milestones(case, current, target)
    access.case.stage = target
    record(
        "case.stage_changed",
        actor=access.staff,
        target_type="case",
        target_ref=case.reference,
        details={"from": current, "to": target, "reason": reason or None},
    )
    return change


# Entering transit from before it means he has left Russia and reached a transit country;
# entering the asylum procedure from travel means he has arrived in a protecting state.
_MILESTONES_ON_ENTRY: dict[str, list[str]] = {
    stages.TRANSIT: [MilestoneKind.LEFT_RUSSIA, MilestoneKind.REACHED_TRANSIT],
    stages.ASYLUM: [MilestoneKind.ARRIVED],
}
_BEFORE_TRANSIT = {stages.FIRST_CONTACT, stages.CONSULTATION, stages.EXIT_PLANNING}


def _record_milestones(case: Case, current: str, target: str) -> None:
    """The dated facts a move implies, once per case, with the case's country when it fits."""
    if target == stages.TRANSIT and current not in _BEFORE_TRANSIT:
        return
    if target == stages.ASYLUM and current != stages.TRAVEL:
        return
    day = timezone.localdate()
    for kind in _MILESTONES_ON_ENTRY.get(target, []):
        country = case.country_id if _country_fits(kind, case.country) else None
        Milestone.objects.get_or_create(
            case=case, kind=kind, defaults={"day": day, "country_id": country}
        )


def _country_fits(kind: str, country: Country | None) -> bool:
    if country is None or kind == MilestoneKind.LEFT_RUSSIA:
        return False
    if kind == MilestoneKind.REACHED_TRANSIT:
        return country.transit
    return country.code != "RU" and not country.transit


def _complete_milestones(case: Case) -> None:
    """A country set after the move completes the milestone it belongs to."""
    for milestone in Milestone.objects.filter(case=case, country__isnull=True).exclude(
        kind=MilestoneKind.LEFT_RUSSIA
    ):
        if _country_fits(milestone.kind, case.country):
            milestone.country_id = case.country_id
            milestone.save(update_fields=["country"])


def _note_service_category(case: Case, category: Any) -> None:
    """The case keeps a readable copy of its latest service category for reports."""
    code = category if category in {c for c, _label in CATEGORY_CHOICES if c} else ""
    if case.service_category != code:
        case.service_category = code
        case.save(update_fields=["service_category", "updated_at"])


# -- rows of a case ------------------------------------------------------------------------------


def warnings_for(values: dict[str, Any]) -> list[hygiene.Finding]:
    """Must-not-hold findings in the free text about to be saved."""
    found: dict[str, hygiene.Finding] = {}
    for value in values.values():
        if isinstance(value, str):
            for finding in hygiene.findings(value):
                found.setdefault(finding.kind, finding)
    return list(found.values())


def _set_plain(access: CaseAccess, row: Model, plain: dict[str, Any]) -> None:
    """Set a row's plain columns after checking each belongs to this case."""
    for name, value in plain.items():
        if name == "assignee":
            if value and not Assignment.objects.filter(case=access.case, staff_id=value).exists():
                raise CaseError(_("A task is for someone who works on the case."))
            row.assignee_id = value or None  # type: ignore[attr-defined]
        elif name == "person":
            if not Person.objects.filter(case=access.case, pk=value).exists():
                raise CaseError(_("Choose one of the people of this case."))
            row.person_id = value  # type: ignore[attr-defined]
        elif name == "kind" and isinstance(row, Person):
            if value not in PersonKind.values:
                raise CaseError(_("Choose who this person is."))
            row.kind = value
        else:
            raise CaseError(_("This field cannot be set here."))


def _one_principal(access: CaseAccess, person: Person, replace_principal: bool) -> None:
    """A case has exactly one principal: making another person the principal moves the role,
    and only when asked; the principal cannot stop being one except that way."""
    current = Person.objects.filter(case=access.case, kind=PersonKind.PRINCIPAL).exclude(
        pk=person.pk
    )
    was_principal = (
        person.pk is not None
        and Person.objects.filter(pk=person.pk, kind=PersonKind.PRINCIPAL).exists()
    )
    if person.kind == PersonKind.PRINCIPAL and current.exists():
        if not replace_principal:
            raise CaseError(_("The case has a principal: confirm that this person replaces him."))
        current.update(kind=PersonKind.OTHER)
        record(
            "case.principal_changed",
            actor=access.staff,
            target_type="case",
            target_ref=access.case.reference,
            details={"from": [p.pk for p in current], "to": person.pk},
        )
    elif was_principal and person.kind != PersonKind.PRINCIPAL:
        raise CaseError(_("A case needs its principal: make another person the principal instead."))


@transaction.atomic
def save_row(
    access: CaseAccess,
    row: RowT,
    values: dict[str, Any],
    confirmed: list[str] | None = None,
    *,
    plain: dict[str, Any] | None = None,
    replace_principal: bool = False,
) -> RowT:
    """Seal the values into the row (new or existing) and save it; audited without the values.

    `plain` sets the row's plain columns (a task's assignee, whose stay or document it is, who
    a person is), each checked to belong to this case. `confirmed` lists the kinds of
    must-not-hold warnings the staff member saw and confirmed; the confirmation is audited.
    """
    if getattr(row, "case_id", access.case.pk) != access.case.pk:
        raise CaseError(_("This row belongs to another case."))
    _set_plain(access, row, plain or {})
    if isinstance(row, Person):
        _one_principal(access, row, replace_principal)
    for name, value in values.items():
        fields.write(access.key, row, name, value)
    if isinstance(row, Note) and confirmed:
        row.confirmed_warnings = sorted(set(confirmed))
    if hasattr(row, "by_id") and row.pk is None:
        row.by = access.staff  # type: ignore[attr-defined]
    created = row.pk is None
    row.save()
    label = row._meta.model_name or "row"
    record(
        f"case.{label}_{'added' if created else 'changed'}",
        actor=access.staff,
        target_type="case",
        target_ref=access.case.reference,
        details={"row": row.pk, "fields": sorted(values)},
    )
    if confirmed:
        record(
            "case.warning_overridden",
            actor=access.staff,
            target_type="case",
            target_ref=access.case.reference,
            details={"row": row.pk, "kinds": sorted(set(confirmed))},
        )
    if isinstance(row, ServicePeriod) and "category" in values:
        _note_service_category(access.case, values["category"])
    if isinstance(row, Stay):
        try:
            refresh_stay_clock(access.case, row)
        except clock.ClockError as exc:
            raise CaseError(str(exc)) from None
    alerts.refresh([access.case.pk], timezone.localdate())
    return row


@transaction.atomic
def save_case_fields(access: CaseAccess, values: dict[str, Any]) -> None:
    case = access.case
    for name, value in values.items():
        fields.write(access.key, case, name, value)
    case.save()
    record(
        "case.changed",
        actor=access.staff,
        target_type="case",
        target_ref=case.reference,
        details={"fields": sorted(values)},
    )


@transaction.atomic
def update_case(
    access: CaseAccess,
    values: dict[str, Any],
    *,
    country: str | None,
    checkin_interval_days: int | None,
    retention_date: date,
) -> None:
    """The case's details and its plain settings, in one transaction. The parts of his consent
    the form does not show (to share with named partners) are kept as they are."""
    if "consent" in values:
        stored = fields.read(access.key, access.case, "consent") or {}
        values = {**values, "consent": {**stored, **values["consent"]}}
    save_case_fields(access, values)
    save_case_settings(access, country, checkin_interval_days, retention_date)


@transaction.atomic
def save_case_settings(
    access: CaseAccess, country: str | None, checkin_interval_days: int | None, retention_date: date
) -> None:
    """The case's plain settings; a new retention date refiles its shred key."""
    case = access.case
    validators.retention_in_future(retention_date, fail=CaseError)
    case.country_id = country
    case.checkin_interval_days = checkin_interval_days
    if case.retention_date != retention_date:
        objects.set_retention(access.key.ring, retention_date)
        case.retention_date = retention_date
    case.save(update_fields=["country", "checkin_interval_days", "retention_date", "updated_at"])
    _complete_milestones(case)
    alerts.refresh([case.pk], timezone.localdate())
    record(
        "case.settings_changed",
        actor=access.staff,
        target_type="case",
        target_ref=case.reference,
        details={
            "country": (country or "").lower(),
            "checkin_interval_days": checkin_interval_days,
        },
    )


@transaction.atomic
def delete_row(access: CaseAccess, row: Model) -> None:
    """Remove a row of the case with what hangs on it (a person's stays and documents); its
    encrypted content goes with it (SQLite overwrites deleted content: `secure_delete`)."""
    if getattr(row, "case_id", None) != access.case.pk or isinstance(row, StageChange):
        raise CaseError(_("This row cannot be deleted here."))
    if isinstance(row, Person) and row.kind == PersonKind.PRINCIPAL:
        raise CaseError(
            _("The principal cannot be removed: make another person the principal first.")
        )
    label = row._meta.model_name or "row"
    pk = row.pk
    with_it = {}
    if isinstance(row, Person):
        with_it = {
            "stays": Stay.objects.filter(person=row).count(),
            "documents": DocumentHeld.objects.filter(person=row).count(),
        }
    row.delete()
    record(
        f"case.{label}_deleted",
        actor=access.staff,
        target_type="case",
        target_ref=access.case.reference,
        details={"row": pk, **with_it},
    )
    alerts.refresh([access.case.pk], timezone.localdate())


@transaction.atomic
def check_in(access: CaseAccess, note: str = "") -> CheckIn:
    entry = CheckIn(case=access.case, by=access.staff)
    fields.write(access.key, entry, "note", note)
    entry.save()
    alerts.refresh([access.case.pk], timezone.localdate())
    record(
        "case.checked_in", actor=access.staff, target_type="case", target_ref=access.case.reference
    )
    return entry


@transaction.atomic
def complete_task(access: CaseAccess, task: Task) -> None:
    if task.case_id != access.case.pk:
        raise CaseError(_("This task belongs to another case."))
    task.done_at = timezone.now()
    task.save(update_fields=["done_at"])
    alerts.refresh([access.case.pk], timezone.localdate())
    record(
        "case.task_done",
        actor=access.staff,
        target_type="case",
        target_ref=access.case.reference,
        details={"row": task.pk},
    )


@transaction.atomic
def delete_case(access: CaseAccess) -> None:
    """Delete a case for good: its key copies and shred key are destroyed at once."""
    reference = access.case.reference
    objects.shred(access.key.ring)
    record("case.deleted", actor=access.staff, target_type="case", target_ref=reference)


# -- legal-stay clocks ---------------------------------------------------------------------------


def rule_for(country: str | None) -> clock.Rule | None:
    if not country:
        return None
    rule = StayRule.objects.filter(country_id=country).first()
    if rule is None:
        return None
    return clock.Rule(
        rule.max_days_per_entry,
        rule.window_days,
        rule.max_days_in_window,
        rule.registration_extends,
    )


def refresh_stay_clock(case: Case, stay: Stay) -> date | None:
    """Recompute a stay's last lawful day from the rules and the case's other stays there."""
    ring = objects.ring_of("case", case.pk)
    country = fields.server_read(ring, stay, "country")
    entered = fields.server_read(ring, stay, "entered_on")
    rule = rule_for(country)
    if rule is None or entered is None:
        until = None
    else:
        history = []
        # The person's own earlier stays there: each person has his or her own clock.
        same_person = Stay.objects.filter(case=case, person=stay.person)
        for other in same_person.exclude(pk=stay.pk):
            if fields.server_read(ring, other, "country") != country:
                continue
            other_entered = fields.server_read(ring, other, "entered_on")
            if other_entered is not None and other_entered < entered:
                history.append(
                    clock.Visit(other_entered, fields.server_read(ring, other, "left_on"))
                )
        until = clock.legal_until(
            rule,
            history,
            clock.Visit(entered, fields.server_read(ring, stay, "left_on")),
            fields.server_read(ring, stay, "registered_until"),
        )
    fields.server_write(ring, stay, "legal_until", until)
    stay.save(update_fields=["legal_until"])
    return until


@transaction.atomic
def save_stay_rule(staff: Any, rule: StayRule, values: dict[str, Any]) -> int:
    """Save a country's stay rule (coordinators) and count every stay there again; returns how
    many stays got a new last lawful day."""
    for name, value in values.items():
        setattr(rule, name, value)
    rule.save()
    changed, cases = 0, set()
    for stay in Stay.objects.select_related("case").iterator():
        ring = objects.ring_of("case", stay.case_id)
        if fields.server_read(ring, stay, "country") != rule.country_id:
            continue
        before = fields.server_read(ring, stay, "legal_until")
        try:
            after = refresh_stay_clock(stay.case, stay)
        except clock.ClockError:
            continue  # an impossible history keeps its date; its page says why
        if after != before:
            changed += 1
            cases.add(stay.case_id)
    if cases:
        alerts.refresh(sorted(cases), timezone.localdate())
    record(
        "cases.stay_rule_changed",
        actor=staff,
        target_type="country",
        target_ref=rule.country_id.lower(),
        details={"fields": sorted(values), "stays_recounted": changed},
    )
    return changed
