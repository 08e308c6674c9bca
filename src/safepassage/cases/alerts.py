"""Clocks that need attention: computed by a timer without anyone signed in.

`compute` reads only the workflow fields the server may read (stay, document, appeal and
appointment dates, task due dates) and the check-in times, writes one Alert row per case, staff
member, kind and due date, and tells each staff member how many of their cases need attention.
Notifications never say which case or why.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Max

from safepassage.audit.services import record
from safepassage.cases.models import (
    Alert,
    AlertKind,
    AlertLeadTime,
    Assignment,
    Case,
    CaseRole,
    CheckIn,
    DocumentHeld,
    Notification,
    ProtectionTrack,
    Stage,
    Stay,
    Task,
)
from safepassage.vault import fields
from safepassage.vault.models import KeyRing

log = logging.getLogger(__name__)

DEFAULT_LEAD_DAYS: dict[str, list[int]] = {
    AlertKind.STAY: [30, 14, 7, 3],
    AlertKind.DOCUMENT: [60, 30, 14],
    AlertKind.APPEAL: [14, 7, 3, 1],
    AlertKind.APPOINTMENT: [7, 1],
    AlertKind.WELFARE: [0],
    AlertKind.TASK: [3, 0],
}
RECIPIENT_ROLES = {CaseRole.COORDINATOR, CaseRole.CASEWORKER, CaseRole.LEGAL}
OPEN_STAGES = [s for s in Stage.values if s != Stage.CLOSED]

Due = tuple[str, date, int | None]  # kind, due date, whose clock (a person's id) or None
# Other parts add clocks of their own (the deadlines of a dossier's submissions) from their
# `AppConfig.ready`: a source returns, for the given cases, the dates it reads from server-readable
# fields only, with the case's key ring and the shared reader.
Source = Callable[[list[int], dict[int, KeyRing], fields.WorkflowReader], dict[int, list[Due]]]
_sources: list[Source] = []


def register_source(source: Source) -> None:
    if source not in _sources:
        _sources.append(source)


def lead_days() -> dict[str, int]:
    """The largest lead time of each kind: an alert is raised that many days ahead."""
    configured = {row.kind: row.days for row in AlertLeadTime.objects.all()}
    return {
        kind: max(configured.get(kind) or DEFAULT_LEAD_DAYS[kind]) for kind in DEFAULT_LEAD_DAYS
    }


@dataclass
class Summary:
    cases: int = 0
    alerts: int = 0
    notified: int = 0
    unreadable: int = 0
    by_kind: dict[str, int] = field(default_factory=dict)
    counts: dict[int, int] = field(default_factory=dict)

    def line(self) -> str:
        kinds = ", ".join(f"{n} {k}" for k, n in sorted(self.by_kind.items())) or "none"
        return (
            f"alerts: {self.cases} open cases checked, {self.alerts} alerts ({kinds}), "
            f"{self.notified} staff notified, {self.unreadable} unreadable"
        )


def _dates(
    model: type[Any],
    names: list[str],
    case_ids: list[int],
    rings: dict[int, KeyRing],
    reader: fields.WorkflowReader,
) -> dict[int, list[tuple[str, date, int | None]]]:
    """Server-readable dates of the rows of `model`, by case, with whose row it is (for a
    stay or a document: each person has his or her own clock)."""
    out: dict[int, list[tuple[str, date, int | None]]] = defaultdict(list)
    whose = ["person_id"] if any(f.name == "person" for f in model._meta.fields) else []
    rows = model.objects.filter(case_id__in=case_ids).only(
        "id", "case_id", "seal_id", *whose, *names
    )
    if model is Task:
        rows = rows.filter(done_at__isnull=True)
    for row in rows.iterator(chunk_size=2000):
        ring = rings.get(row.case_id)
        if ring is None:
            continue
        for name in names:
            value = reader.read(ring, row, name)
            if value is not None:
                out[row.case_id].append((name, value, getattr(row, "person_id", None)))
    return out


def compute(
    today: date, progress: Callable[[int, int], None] | None = None, batch: int = 2000
) -> Summary:
    """Recompute every alert of every open case; tell staff how many cases need attention."""
    leads = lead_days()
    summary = Summary()
    per_staff: dict[int, set[int]] = defaultdict(set)
    case_ids = list(Case.objects.filter(stage__in=OPEN_STAGES).values_list("pk", flat=True))
    total = len(case_ids)
    for start in range(0, total, batch):
        chunk = case_ids[start : start + batch]
        with transaction.atomic():
            new = _compute_chunk(chunk, today, leads, summary, per_staff)
            Alert.objects.filter(case_id__in=chunk).delete()
            Alert.objects.bulk_create(new)
            record("alerts.batch_computed", details={"cases": len(chunk), "alerts": len(new)})
        summary.cases += len(chunk)
        if progress:
            progress(summary.cases, total)
    with transaction.atomic():
        Notification.objects.bulk_create(
            Notification(staff_id=staff_id, cases_needing_attention=len(cases))
            for staff_id, cases in per_staff.items()
        )
        record("alerts.staff_notified", details={"staff": len(per_staff)})
    summary.notified = len(per_staff)
    summary.counts = {staff_id: len(cases) for staff_id, cases in per_staff.items()}
    return summary


def refresh(case_ids: list[int], today: date) -> int:
    """Recompute the alerts of a few cases at once (after an edit); no one is notified."""
    summary = Summary()
    with transaction.atomic():
        new = _compute_chunk(case_ids, today, lead_days(), summary, defaultdict(set))
        Alert.objects.filter(case_id__in=case_ids).delete()
        Alert.objects.bulk_create(new)
    return len(new)


def notify(summary_staff: dict[int, int]) -> int:
    """E-mail each staff member the count (only the count); returns how many were sent."""
    from django.core.mail import send_mail

    from safepassage.accounts.models import Staff

    sent = failed = 0
    failure = ""
    for staff in Staff.objects.filter(pk__in=list(summary_staff), is_active=True):
        try:
            sent += send_mail(
                "safepassage", notification_text(summary_staff[staff.pk]), None, [staff.email]
            )
        except Exception as exc:  # an unreachable or refusing mail server: count it, go on
            failed += 1
            failure = type(exc).__name__
    if failed:
        # Counts and the kind of error only: an address is client-adjacent data.
        log.error("alerts: %d of %d e-mails not sent (%s)", failed, sent + failed, failure)
    return sent


def _compute_chunk(
    chunk: list[int],
    today: date,
    leads: dict[str, int],
    summary: Summary,
    per_staff: dict[int, set[int]],
) -> list[Alert]:
    rings = {
        ring.object_id: ring for ring in KeyRing.objects.filter(scope="case", object_id__in=chunk)
    }
    summary.unreadable += len(set(chunk) - set(rings))
    due: dict[int, list[tuple[str, date, int | None]]] = defaultdict(list)
    reader = fields.WorkflowReader()
    for case_id, values in _dates(Stay, ["legal_until"], chunk, rings, reader).items():
        due[case_id] += [(AlertKind.STAY, d, person) for _, d, person in values]
    for case_id, values in _dates(DocumentHeld, ["expires_on"], chunk, rings, reader).items():
        due[case_id] += [(AlertKind.DOCUMENT, d, person) for _, d, person in values]
    names = ["appeal_deadline", "next_appointment"]
    tracks = _dates(ProtectionTrack, names, chunk, rings, reader)
    for case_id, values in tracks.items():
        due[case_id] += [
            (AlertKind.APPEAL if name == "appeal_deadline" else AlertKind.APPOINTMENT, d, None)
            for name, d, _person in values
        ]
    for case_id, values in _dates(Task, ["due_on"], chunk, rings, reader).items():
        due[case_id] += [(AlertKind.TASK, d, None) for _, d, _person in values]
    for source in _sources:
        for case_id, found in source(chunk, rings, reader).items():
            due[case_id] += found
    intervals = dict(
        Case.objects.filter(pk__in=chunk, checkin_interval_days__isnull=False).values_list(
            "pk", "checkin_interval_days"
        )
    )
    last_checkins = dict(
        CheckIn.objects.filter(case_id__in=list(intervals))
        .values_list("case_id")
        .annotate(last=Max("at"))
        .values_list("case_id", "last")
    )
    created = dict(Case.objects.filter(pk__in=list(intervals)).values_list("pk", "created_at"))
    for case_id, interval in intervals.items():
        last = last_checkins.get(case_id) or created[case_id]
        welfare = last.date() + timedelta(days=int(interval or 0))
        due[case_id].append((AlertKind.WELFARE, welfare, None))
    recipients: dict[int, list[int]] = defaultdict(list)
    for case_id, staff_id, role in Assignment.objects.filter(case_id__in=list(due)).values_list(
        "case_id", "staff_id", "role"
    ):
        if role in RECIPIENT_ROLES:
            recipients[case_id].append(staff_id)
    alerts = []
    for case_id, items in due.items():
        for kind, when, person in items:
            if (when - today).days > leads[kind]:
                continue
            summary.by_kind[kind] = summary.by_kind.get(kind, 0) + 1
            for staff_id in recipients[case_id]:
                alerts.append(
                    Alert(
                        case_id=case_id, staff_id=staff_id, kind=kind, due_on=when, person_id=person
                    )
                )
                per_staff[staff_id].add(case_id)
    # One row per case, staff member, kind, date and person even when two rows share a date.
    unique = {(a.case_id, a.staff_id, a.kind, a.due_on, a.person_id): a for a in alerts}
    summary.alerts += len(unique)
    return list(unique.values())


def notification_text(count: int) -> str:
    """The whole message a staff member receives: a count, nothing else."""
    if count == 1:
        return "1 of your cases needs attention."
    return f"{count} of your cases need attention."
