"""The one door to a case: the object or 404, the same answer for "missing" and "forbidden".

A staff member reaches a case only when both hold: an assignment says they work on it, and the
vault opens the case key with their own unlocked key. Every opening is recorded in the audit log.
Views and commands call `open_case`; nothing else reads case rows for a staff member.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import transaction
from django.http import Http404

from safepassage.audit.services import record
from safepassage.cases.models import Assignment, Case
from safepassage.vault import objects
from safepassage.vault.objects import ObjectKey
from safepassage.vault.session import VaultSession

if TYPE_CHECKING:
    from safepassage.accounts.models import Staff


@dataclass(frozen=True)
class CaseAccess:
    case: Case
    key: ObjectKey
    role: str
    staff: Staff


def open_case(
    staff: Staff,
    reference: str,
    vault: VaultSession | None,
    purpose: str = "viewed",
    audit: bool = True,
) -> CaseAccess:
    """The case and its opened key for this staff member, or Http404."""
    case = Case.objects.filter(reference=reference, organisation_id=staff.organisation_id).first()
    if case is None:
        raise Http404
    assignment = Assignment.objects.filter(case=case, staff_id=staff.pk).first()
    if assignment is None or vault is None or vault.staff_id != staff.pk:
        raise Http404
    try:
        key = objects.open_with(objects.ring_of("case", case.pk), vault)
    except objects.NoAccess:
        raise Http404 from None
    if audit:
        with transaction.atomic():
            record(f"case.{purpose}", actor=staff, target_type="case", target_ref=case.reference)
    return CaseAccess(case, key, assignment.role, staff)
