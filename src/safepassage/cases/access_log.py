"""A case's access log in words, for its coordinator: who opened or changed it, repeated views
of the same kind by the same person shown as one line. The auditor's pages keep the codes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.utils.translation import gettext_lazy as _

from safepassage.audit.models import AuditEntry

ACTIONS: dict[str, Any] = {
    "case.viewed": _("Opened the case"),
    "case.listed": _("Saw it in a list of cases"),
    "case.searched": _("Searched names in it"),
    "case.opened_for_edit": _("Opened one of its forms"),
    "case.edited": _("Sent one of its forms"),
    "case.access_viewed": _("Looked at who has access"),
    "case.created": _("Created the case"),
    "case.changed": _("Changed the case details"),
    "case.settings_changed": _("Changed the country, check-ins or retention"),
    "case.stage_changed": _("Moved it to another stage"),
    "case.assigned": _("Gave someone access"),
    "case.unassigned": _("Took someone's access away"),
    "case.checked_in": _("Recorded a welfare check-in"),
    "case.task_done": _("Marked a task done"),
    "case.principal_changed": _("Made another person the principal"),
    "case.warning_overridden": _("Kept a text despite a warning"),
    "case.exported": _("Exported it"),
    "case.bundle_exported": _("Exported it to a file"),
    "case.screening_viewed": _("Opened its screening"),
    "case.screened": _("Screened it"),
    "screening.case_screened": _("Screened it against the lists"),
    "screening.reviewed": _("Reviewed a screening result"),
    "case.vetting_viewed": _("Opened the vetting record"),
    "case.vetting_edited": _("Changed the vetting record"),
    "case.attestations_viewed": _("Opened its attestations"),
    "case.attested": _("Issued an attestation"),
    "case.attestation_downloaded": _("Downloaded an attestation"),
    "vetting.started": _("Started the vetting record"),
    "vetting.evidence_added": _("Added evidence"),
    "vetting.interview_added": _("Recorded an interview"),
    "vetting.claim_added": _("Recorded a claim"),
    "vetting.checklist_answered": _("Answered a checklist question"),
    "vetting.interests_declared": _("Declared any conflict of interest"),
    "vetting.concluded": _("Recorded a conclusion"),
    "vetting.decided": _("Recorded the final decision"),
    "vetting.reopened": _("Reopened the vetting"),
    "vetting.shared": _("Shared the vetting record with a co-vetter"),
    "vetting.rekeyed": _("Replaced the vetting keys"),
}
# What each kind of row is called in "Added: stay".
ROWS: dict[str, Any] = {
    "person": _("person"),
    "serviceperiod": _("service period"),
    "criminalcase": _("criminal case"),
    "pressureevent": _("pressure event"),
    "documentheld": _("document"),
    "stay": _("stay"),
    "protectiontrack": _("protection track"),
    "task": _("task"),
    "note": _("note"),
    "checkin": _("check-in"),
}
ROW_VERBS: dict[str, Any] = {
    "added": _("Added: %(row)s"),
    "changed": _("Changed: %(row)s"),
    "deleted": _("Removed: %(row)s"),
}


def label(action: str) -> str:
    """An action code in words; the code itself when it has none."""
    if action in ACTIONS:
        return str(ACTIONS[action])
    row, _sep, verb = action.removeprefix("case.").rpartition("_")
    if action.startswith("case.") and row in ROWS and verb in ROW_VERBS:
        return str(ROW_VERBS[verb]) % {"row": ROWS[row]}
    return action


@dataclass
class Line:
    actor: str
    action: str
    code: str
    first: datetime
    last: datetime
    times: int


def lines(case_reference: str, limit: int = 200) -> list[Line]:
    """The newest entries first; one line for a run of the same action by the same person."""
    entries = AuditEntry.objects.filter(target_type="case", target_ref=case_reference).order_by(
        "-seq"
    )[:limit]
    out: list[Line] = []
    for entry in entries:
        previous = out[-1] if out else None
        if previous and (previous.actor, previous.code) == (entry.actor_label, entry.action):
            previous.first = entry.at
            previous.times += 1
            continue
        out.append(
            Line(entry.actor_label, label(entry.action), entry.action, entry.at, entry.at, 1)
        )
    return out
