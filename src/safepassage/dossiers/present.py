"""What the dossier pages show of a case: its people, versions, submissions and deadlines,
decrypted for this request only."""

from __future__ import annotations

from typing import Any

from django.template.defaultfilters import filesizeformat

from safepassage.cases.gate import CaseAccess
from safepassage.dossiers.building import Annex
from safepassage.dossiers.content import people_of
from safepassage.dossiers.models import Deadline, Dossier, Event, Submission, SubmissionEvent
from safepassage.vault import fields


def person_label(access: CaseAccess, person: Any) -> str:
    name = fields.read(access.key, person, "name_cyrillic") or "—"
    return f"{person.get_kind_display()}: {name}"


def people(access: CaseAccess) -> list[tuple[int, str]]:
    return [(p.pk, person_label(access, p)) for p in people_of(access)]


def annex_label(annex: Annex) -> str:
    return f"{annex.title} ({annex.kind}, {filesizeformat(annex.size)})"


def dossiers(access: CaseAccess) -> list[dict[str, Any]]:
    rows = Dossier.objects.filter(case=access.case).select_related("authority", "made_by")
    return [
        {
            "id": d.id,
            "label": f"{d.authority.name} v{d.version} ({d.made_at:%Y-%m-%d})",
            "row": d,
        }
        for d in rows
    ]


def _deadline(access: CaseAccess, row: Deadline) -> dict[str, Any]:
    return {
        "label": fields.read(access.key, row, "label"),
        "due_on": fields.read(access.key, row, "due_on"),
        "alert": row.get_alert_display(),
        "closed": row.closed,
        "source": row.rule.source if row.rule else "",
        "checked": row.rule.last_checked if row.rule else None,
        "person": row.person_id,
    }


def submissions(access: CaseAccess) -> list[dict[str, Any]]:
    labels = dict(people(access))
    kinds = dict(Event.choices)
    found = []
    for sub in Submission.objects.filter(case=access.case).select_related("authority"):
        events = SubmissionEvent.objects.filter(submission=sub)
        found.append(
            {
                "pk": sub.pk,
                "person": labels.get(sub.person_id, ""),
                "authority": sub.authority.name,
                "channel": fields.read(access.key, sub, "channel"),
                "sent_on": fields.read(access.key, sub, "sent_on"),
                "reference": fields.read(access.key, sub, "reference"),
                "status": kinds.get(fields.read(access.key, sub, "status") or "", ""),
                "events": [
                    {
                        "kind": kinds[e.kind],
                        "on": fields.read(access.key, e, "happened_on"),
                        "details": fields.read(access.key, e, "details") or {},
                    }
                    for e in events
                ],
                "deadlines": [
                    _deadline(access, d)
                    for d in Deadline.objects.filter(submission=sub).select_related("rule")
                ],
            }
        )
    return found


def open_deadlines(access: CaseAccess) -> list[dict[str, Any]]:
    labels = dict(people(access))
    rows = Deadline.objects.filter(case=access.case, closed=False).select_related("rule")
    found = [{**_deadline(access, row), "whose": labels.get(row.person_id, "")} for row in rows]
    return sorted(found, key=lambda d: d["due_on"] or d["checked"])
