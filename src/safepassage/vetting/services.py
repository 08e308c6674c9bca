"""Vetting actions: evidence, interviews, claims, the checklist, four-eyes conclusions, the
decision. Every write is audited in its transaction; the rules of independence are enforced
here, not in the pages."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from safepassage.audit.models import AuditEntry
from safepassage.audit.services import record
from safepassage.cases.gate import CaseAccess, open_case
from safepassage.cases.models import Assignment, CaseRole
from safepassage.cases.validators import not_future, retention_in_future
from safepassage.safecopy import services as safecopy
from safepassage.vault import fields, files, objects
from safepassage.vault.models import KeyRing
from safepassage.vault.objects import ObjectKey
from safepassage.vault.session import VaultSession
from safepassage.vault.strip import UnacceptableFile
from safepassage.vetting.models import (
    ChecklistAnswer,
    Claim,
    Conclusion,
    Confidence,
    ConflictDeclaration,
    Evidence,
    EvidenceKind,
    Interview,
    Outcome,
    Vetting,
)

if TYPE_CHECKING:
    from safepassage.accounts.models import Staff

# Which files each kind of evidence may carry (checked by content, not by name).
_PHOTOS = frozenset({"jpeg", "png", "webp", "heic"})
_OFFICE = frozenset({"docx", "odt", "rtf"})
EVIDENCE_TYPES: dict[str, frozenset[str]] = {
    EvidenceKind.DOCUMENT: frozenset({"pdf"}) | _PHOTOS | _OFFICE,
    EvidenceKind.PHOTO_VIDEO: _PHOTOS | {"mp4"},
    EvidenceKind.INTERVIEW: frozenset({"text", "pdf"}) | _OFFICE,
    EvidenceKind.OSINT: frozenset({"pdf", "text"}) | _PHOTOS,
    EvidenceKind.STATEMENT: frozenset({"pdf", "text"}) | _PHOTOS | _OFFICE,
    EvidenceKind.SCREENING: frozenset({"text", "pdf"}),
}


class VettingError(Exception):
    """A vetting action the rules do not allow; the message says why."""


@dataclass(frozen=True)
class VettingAccess:
    case: CaseAccess
    vetting: Vetting
    key: ObjectKey | None  # None while no co-vetter has shared the record yet
    vault: VaultSession | None

    @property
    def staff(self) -> Any:
        return self.case.staff


def reencrypt_vetting(old: ObjectKey, new: ObjectKey) -> None:
    fields.reencrypt_rows(old, new, Vetting.objects.filter(pk=old.object_id))
    for model in (Interview, Claim, ChecklistAnswer, ConflictDeclaration, Conclusion):
        fields.reencrypt_rows(old, new, model.objects.filter(vetting_id=old.object_id))


def reencrypt_evidence(old: ObjectKey, new: ObjectKey) -> None:
    fields.reencrypt_rows(old, new, Evidence.objects.filter(pk=old.object_id))


def delete_vetting(pk: int) -> None:
    Vetting.objects.filter(pk=pk).delete()


def delete_evidence(pk: int) -> None:
    Evidence.objects.filter(pk=pk).delete()


def revoke_vetting_keys(case: Any, staff_id: int, rotate: bool = False) -> None:
    """Someone taken off a case loses their copies of its vetting and evidence keys too. With
    `rotate`, the keys are marked to be replaced: the coordinator acting does not hold them, so
    the next vetter who opens the record replaces them (see `_rotate_if_due`)."""
    for vetting in Vetting.objects.filter(case=case):
        for scope, object_ids in (
            ("vetting", [vetting.pk]),
            (
                "evidence",
                list(Evidence.objects.filter(vetting=vetting).values_list("pk", flat=True)),
            ),
        ):
            for ring in KeyRing.objects.filter(scope=scope, object_id__in=object_ids):
                objects.revoke(ring, staff_id)
                if rotate:
                    KeyRing.objects.filter(pk=ring.pk).update(rotation_due=True)


def advocacy_guard(case: Any) -> str | None:
    """Advocacy needs a final vetting decision finding no indication of excludable conduct."""
    if Vetting.objects.filter(case_id=case.pk, outcome=Outcome.NO_INDICATION).exists():
        return None
    return _("Advocacy needs a positive final vetting decision.")


def vetter_ids(case_id: int) -> list[int]:
    return list(
        Assignment.objects.filter(case_id=case_id, role=CaseRole.VETTER).values_list(
            "staff_id", flat=True
        )
    )


class NotStarted(Http404):
    """No vetting record yet: a vetter starts it with a POST; a GET never creates it."""


def open_vetting(
    staff: Staff,
    reference: str,
    vault: VaultSession | None,
    purpose: str = "vetting_viewed",
    *,
    start: bool = False,
) -> VettingAccess:
    """The vetting record for one of the case's vetters, or 404 for anyone else.

    Without `start`, a case with no record yet raises `NotStarted`. Opening a record does write
    in one way: the keys of a record can only be passed on or replaced by someone who holds
    them, so the vetter who opens it shares them with co-vetters assigned since and replaces
    those marked for rotation (see `_rotate_if_due`).
    """
    access = open_case(staff, reference, vault, purpose)
    if access.role != CaseRole.VETTER:
        raise Http404
    vetting = Vetting.objects.filter(case=access.case).first()
    if vetting is None:
        if not start:
            raise NotStarted
        return _start(access, vault)
    try:
        opened: ObjectKey | None = objects.open_with(objects.ring_of("vetting", vetting.pk), vault)
    except objects.NoAccess:
        opened = None
    va = VettingAccess(access, vetting, opened, vault)
    va = _rotate_if_due(va)
    _share_with_co_vetters(va)
    return va


@transaction.atomic
def _start(access: CaseAccess, vault: VaultSession | None) -> VettingAccess:
    """The case's vetting record and its key, held by every vetter of the case."""
    # Two vetters starting at once: the second finds the first one's record.
    vetting, created = Vetting.objects.get_or_create(case=access.case)
    if not created:
        return open_vetting(access.staff, access.case.reference, vault)
    key = objects.create(
        "vetting", vetting.pk, access.case.retention_date, vetter_ids(access.case.pk)
    )
    record(
        "vetting.started", actor=access.staff, target_type="case", target_ref=access.case.reference
    )
    return VettingAccess(access, vetting, key, vault)


def _rotate_if_due(va: VettingAccess) -> VettingAccess:
    """Replace the record's and the evidence keys marked when someone was taken off the case."""
    if va.key is None:
        return va
    items = Evidence.objects.filter(vetting=va.vetting)
    due = set(
        KeyRing.objects.filter(
            scope="evidence", object_id__in=items.values("pk"), rotation_due=True
        ).values_list("object_id", flat=True)
    )
    if not due and not va.key.ring.rotation_due:
        return va
    with transaction.atomic():
        key = objects.rotate(va.key) if va.key.ring.rotation_due else va.key
        va = VettingAccess(va.case, va.vetting, key, va.vault)
        for item in items.filter(pk__in=due):
            try:
                objects.rotate(evidence_key(va, item))
            except objects.NoAccess:
                continue  # this vetter holds no copy of it; another will replace it
        record(
            "vetting.rekeyed",
            actor=va.staff,
            target_type="case",
            target_ref=va.case.case.reference,
            details={"evidence": len(due)},
        )
    return va


def _share_with_co_vetters(va: VettingAccess) -> None:
    """A vetter who holds the record passes its keys to co-vetters assigned since."""
    if va.key is None:
        return
    holders = set(objects.holders(va.key.ring))
    missing = [pk for pk in vetter_ids(va.case.case.pk) if pk not in holders]
    if not missing:
        return
    with transaction.atomic():
        for staff_id in missing:
            objects.grant(va.key, staff_id)
            for item in Evidence.objects.filter(vetting=va.vetting):
                try:
                    objects.grant(evidence_key(va, item), staff_id)
                except objects.NoAccess:
                    continue
            record(
                "vetting.shared",
                actor=va.staff,
                target_type="case",
                target_ref=va.case.case.reference,
                details={"staff": staff_id},
            )


def require_key(va: VettingAccess) -> ObjectKey:
    if va.key is None:
        raise VettingError(_("A co-vetter must open the record once to share it with you."))
    return va.key


def evidence_key(va: VettingAccess, item: Evidence) -> ObjectKey:
    if item.vetting_id != va.vetting.pk:
        raise objects.NoAccess("this evidence belongs to another case")
    return objects.open_with(objects.ring_of("evidence", item.pk), va.vault)


def _reopen_if_decided(va: VettingAccess, why: str) -> None:
    """New evidence reopens a decided vetting: a new round of independent conclusions."""
    vetting = Vetting.objects.select_for_update().get(pk=va.vetting.pk)
    if not vetting.outcome:
        return
    vetting.round += 1
    vetting.outcome = ""
    vetting.decided_at = None
    vetting.decided_by = None
    vetting.assessors = 0
    vetting.save(update_fields=["round", "outcome", "decided_at", "decided_by", "assessors"])
    va.vetting.round, va.vetting.outcome = vetting.round, ""
    record(
        "vetting.reopened",
        actor=va.staff,
        target_type="case",
        target_ref=va.case.case.reference,
        details={"round": vetting.round, "why": why},
    )


# -- evidence ------------------------------------------------------------------------------------


@transaction.atomic
def add_evidence(
    va: VettingAccess,
    kind: str,
    values: dict[str, Any],
    retention: date,
    upload: files.IncomingFile | None = None,
) -> Evidence:
    """An item of evidence under its own key, sealed to the case's vetters; an attached file is
    kept untouched (originals matter as evidence) but must be of a type the kind allows."""
    require_key(va)
    if kind not in EVIDENCE_TYPES:
        raise VettingError(_("Unknown kind of evidence."))
    retention_in_future(retention, fail=VettingError)
    item = Evidence.objects.create(
        vetting=va.vetting, kind=kind, retention_date=retention, added_by=va.staff
    )
    key = objects.create("evidence", item.pk, retention, vetter_ids(va.case.case.pk))
    for name, value in values.items():
        fields.write(key, item, name, value)
    if upload is not None:
        digest = hashlib.sha256()
        for chunk in upload.plaintext_chunks():
            digest.update(chunk)
        try:
            row = files.store_upload(key, upload, EVIDENCE_TYPES[kind], keep_original=True)
        except UnacceptableFile as exc:
            raise VettingError(str(exc)) from None
        # Vetters open its safe copy; the original stays as received, for its provenance.
        safecopy.enqueue(safecopy.original_of(key, row))
        fields.write(key, item, "content_hash", digest.hexdigest())
    item.save()
    record(
        "vetting.evidence_added",
        actor=va.staff,
        target_type="case",
        target_ref=va.case.case.reference,
        details={"evidence": item.pk, "kind": kind, "file": upload is not None},
    )
    _reopen_if_decided(va, "new_evidence")
    return item


# -- interviews and claims -----------------------------------------------------------------------


@transaction.atomic
def add_interview(va: VettingAccess, held_on: date, notes: str) -> Interview:
    key = require_key(va)
    not_future(held_on, _("An interview cannot be held in the future."), fail=VettingError)
    interview = Interview(vetting=va.vetting, held_by=va.staff)
    fields.write(key, interview, "held_on", held_on)
    fields.write(key, interview, "notes", notes)
    interview.save()
    record(
        "vetting.interview_added",
        actor=va.staff,
        target_type="case",
        target_ref=va.case.case.reference,
        details={"interview": interview.pk},
    )
    return interview


@transaction.atomic
def add_claim(
    va: VettingAccess,
    interview: Interview,
    topic: str,
    subject: str,
    statement: dict[str, Any],
    status: str,
    evidence_ids: list[int],
) -> Claim:
    key = require_key(va)
    if interview.vetting_id != va.vetting.pk:
        raise VettingError(_("This interview belongs to another case."))
    claim = Claim(vetting=va.vetting, interview=interview, topic=topic)
    fields.write(key, claim, "subject", subject.strip())
    fields.write(key, claim, "statement", statement)
    fields.write(key, claim, "status", status)
    claim.save()
    claim.evidence.set(Evidence.objects.filter(vetting=va.vetting, pk__in=evidence_ids))
    record(
        "vetting.claim_added",
        actor=va.staff,
        target_type="case",
        target_ref=va.case.case.reference,
        details={"claim": claim.pk, "topic": topic},
    )
    return claim


@dataclass
class Comparison:
    topic: str
    subject: str
    by_interview: dict[int, dict[str, Any]]
    statuses: dict[int, str]
    diverges: bool


def compare(va: VettingAccess) -> tuple[list[Interview], list[Comparison]]:
    """Claims side by side across interviews, each topic and subject a row; where the accounts
    differ the row says so."""
    key = require_key(va)
    interviews = list(Interview.objects.filter(vetting=va.vetting))
    rows: dict[tuple[str, str], Comparison] = {}
    for claim in Claim.objects.filter(vetting=va.vetting).order_by("pk"):
        subject = fields.read(key, claim, "subject") or ""
        row = rows.setdefault(
            (claim.topic, subject.casefold()), Comparison(claim.topic, subject, {}, {}, False)
        )
        row.by_interview[claim.interview_id] = fields.read(key, claim, "statement") or {}
        row.statuses[claim.interview_id] = fields.read(key, claim, "status") or ""
    for row in rows.values():
        told = [
            tuple(sorted((k, str(v)) for k, v in s.items() if v)) for s in row.by_interview.values()
        ]
        row.diverges = len(set(told)) > 1 or len(told) < len(interviews)
    return interviews, sorted(rows.values(), key=lambda r: (r.topic, r.subject))


# -- the checklist, conflicts, conclusions, the decision -----------------------------------------


@transaction.atomic
def answer_checklist(va: VettingAccess, item: str, answer: str, reasoning: str) -> ChecklistAnswer:
    key = require_key(va)
    row = ChecklistAnswer.objects.filter(vetting=va.vetting, item=item).first() or (
        ChecklistAnswer(vetting=va.vetting, item=item, answered_by=va.staff)
    )
    row.answered_by = va.staff
    row.answered_at = timezone.now()
    fields.write(key, row, "answer", answer)
    fields.write(key, row, "reasoning", reasoning)
    row.save()
    record(
        "vetting.checklist_answered",
        actor=va.staff,
        target_type="case",
        target_ref=va.case.case.reference,
        details={"item": item},
    )
    return row


@transaction.atomic
def declare_interests(va: VettingAccess, has_conflict: bool, note: str) -> ConflictDeclaration:
    key = require_key(va)
    declaration = ConflictDeclaration.objects.filter(vetting=va.vetting, vetter=va.staff).first()
    if declaration is None:
        declaration = ConflictDeclaration(
            vetting=va.vetting, vetter=va.staff, has_conflict=has_conflict
        )
    elif declaration.has_conflict and not has_conflict:
        # Withdrawing a declared conflict would reopen the conclusion it barred.
        raise VettingError(_("A declared conflict of interest cannot be withdrawn."))
    declaration.has_conflict = has_conflict
    declaration.declared_at = timezone.now()
    fields.write(key, declaration, "note", note)
    declaration.save()
    record(
        "vetting.interests_declared",
        actor=va.staff,
        target_type="case",
        target_ref=va.case.case.reference,
        details={"conflict": has_conflict},
    )
    return declaration


def _was_caseworker(case: Any, staff_id: int) -> bool:
    """Whether the audit log shows this staff member ever assigned to the case as caseworker
    (an assignment changed or removed since does not make him independent of it)."""
    entries = AuditEntry.objects.filter(
        action="case.assigned", target_type="case", target_ref=case.reference
    ).values_list("details", flat=True)
    for raw in entries:
        details = json.loads(raw or "{}")
        if details.get("staff") == staff_id and details.get("role") == CaseRole.CASEWORKER:
            return True
    return False


def eligibility_problem(va: VettingAccess, staff: Staff) -> str | None:
    """Why this staff member may not conclude on this case, or None."""
    case = va.case.case
    if (
        case.created_by_id == staff.pk
        or Assignment.objects.filter(case=case, staff=staff, role=CaseRole.CASEWORKER).exists()
        or _was_caseworker(case, staff.pk)
    ):
        return _("The case's caseworker cannot vet it.")
    declaration = ConflictDeclaration.objects.filter(vetting=va.vetting, vetter=staff).first()
    if declaration is None:
        return _("Declare any conflict of interest before concluding.")
    if declaration.has_conflict:
        return _("A vetter with a declared conflict of interest cannot conclude.")
    return None


@transaction.atomic
def conclude(va: VettingAccess, conclusion: str, confidence: str, reasoning: str) -> Conclusion:
    """One vetter's conclusion for the current round, recorded without seeing the others'."""
    key = require_key(va)
    problem = eligibility_problem(va, va.staff)
    if problem:
        raise VettingError(problem)
    vetting = Vetting.objects.select_for_update().get(pk=va.vetting.pk)
    if vetting.outcome:
        raise VettingError(_("This round is decided; new evidence reopens it."))
    if Conclusion.objects.filter(vetting=vetting, vetter=va.staff, round=vetting.round).exists():
        raise VettingError(_("You have already concluded in this round."))
    if conclusion not in Outcome.values:
        raise VettingError(_("Unknown conclusion."))
    row = Conclusion(vetting=vetting, vetter=va.staff, round=vetting.round)
    fields.write(key, row, "conclusion", conclusion)
    fields.write(key, row, "confidence", confidence)
    fields.write(key, row, "reasoning", reasoning)
    row.save()
    record(
        "vetting.concluded",
        actor=va.staff,
        target_type="case",
        target_ref=va.case.case.reference,
        details={"round": vetting.round},
    )
    return row


@dataclass
class ShownConclusion:
    vetter: Any
    conclusion: str
    confidence: str
    reasoning: str
    mine: bool

    @property
    def conclusion_label(self) -> str:
        return str(dict(Outcome.choices).get(self.conclusion, self.conclusion))

    @property
    def confidence_label(self) -> str:
        return str(dict(Confidence.choices).get(self.confidence, self.confidence))


def visible_conclusions(va: VettingAccess) -> list[ShownConclusion]:
    """A vetter sees the others' conclusions of a round only once he has recorded his own."""
    key = require_key(va)
    rows = list(
        Conclusion.objects.filter(vetting=va.vetting, round=va.vetting.round).select_related(
            "vetter"
        )
    )
    if not any(r.vetter_id == va.staff.pk for r in rows):
        return []
    return [
        ShownConclusion(
            r.vetter,
            fields.read(key, r, "conclusion"),
            fields.read(key, r, "confidence"),
            fields.read(key, r, "reasoning") or "",
            r.vetter_id == va.staff.pk,
        )
        for r in rows
    ]


def outcome_of(conclusions: list[str]) -> str | None:
    """The outcome two or three independent conclusions support, or None when more are needed.

    Two that agree decide. Two that disagree go to a third vetter; then the majority decides,
    and three different conclusions are inconclusive.
    """
    if len(conclusions) < 2:
        return None
    if conclusions[0] == conclusions[1]:
        return conclusions[0]
    if len(conclusions) < 3:
        return None
    value, count = Counter(conclusions[:3]).most_common(1)[0]
    return value if count >= 2 else Outcome.INCONCLUSIVE


@transaction.atomic
def decide(va: VettingAccess, rationale: str) -> str:
    """The final decision of the round, by a vetter who concluded in it."""
    key = require_key(va)
    vetting = Vetting.objects.select_for_update().get(pk=va.vetting.pk)
    if vetting.outcome:
        raise VettingError(_("This round is already decided."))
    interviewers = set(
        Interview.objects.filter(vetting=vetting).values_list("held_by_id", flat=True)
    )
    if len(interviewers) < 2:
        raise VettingError(_("At least two interviews, held by different vetters, are needed."))
    rows = list(
        Conclusion.objects.filter(vetting=vetting, round=vetting.round).order_by(
            "recorded_at", "pk"
        )
    )
    eligible = [r for r in rows if eligibility_problem(va, r.vetter) is None]
    if not any(r.vetter_id == va.staff.pk for r in eligible):
        raise VettingError(_("Only a vetter who concluded in this round can decide it."))
    outcome = outcome_of([fields.read(key, r, "conclusion") for r in eligible])
    if outcome is None:
        needed = 2 if len(eligible) < 2 else 3
        raise VettingError(_("%(n)d independent conclusions are needed first.") % {"n": needed})
    if not rationale.strip():
        raise VettingError(_("A decision needs its rationale."))
    vetting.outcome = outcome
    vetting.decided_at = timezone.now()
    vetting.decided_by = va.staff
    vetting.assessors = len(eligible)
    fields.write(key, vetting, "rationale", rationale)
    vetting.save()
    va.vetting.outcome = outcome
    record(
        "vetting.decided",
        actor=va.staff,
        target_type="case",
        target_ref=va.case.case.reference,
        details={"round": vetting.round, "outcome": outcome, "assessors": len(eligible)},
    )
    return outcome
