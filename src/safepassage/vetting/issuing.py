"""Issuing and revoking attestations on this instance, and what it publishes for verifiers.

The statement is computed here from the records of the case (`facts.gather`); a caller chooses
only the recipient, its language, whether his name is needed and how long it is valid. Nothing a
caller passes can make the organisation state that something was done.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from safepassage.audit.services import record
from safepassage.cases.gate import CaseAccess
from safepassage.crypto import aead
from safepassage.vault.keys import key_folder, organisation_signer, published_signing_keys
from safepassage.vault.models import OrganisationKeyring
from safepassage.vetting import attest, facts, hooks, pdf
from safepassage.vetting.attest import AttestationError
from safepassage.vetting.models import Attestation, Vetting


@dataclass(frozen=True)
class Draft:
    """The statement as it would be signed now, and what the coordinator must know first."""

    statement: dict[str, Any]
    warnings: list[str]


def draft(
    access: CaseAccess,
    vetting: Vetting,
    *,
    recipient: str,
    language: str,
    include_name: bool,
    valid_days: int,
) -> Draft:
    if not vetting.outcome or vetting.decided_at is None:
        raise AttestationError("the vetting has no final decision to attest")
    if vetting.case_id != access.case.pk:
        raise AttestationError("this vetting belongs to another case")
    today = timezone.localdate()
    found = facts.gather(access, vetting)
    name = facts.passport_name(access) if include_name else None
    if include_name and name is None:
        raise AttestationError("no name of the man is recorded in the case")
    statement = attest.make_statement(
        organisation=access.case.organisation.name,
        key_id=organisation_signer(access.case.organisation_id).key_id,
        recipient=recipient,
        language=language,
        reference=access.case.reference,
        name=name,
        examined=found.examined,
        method=found.method,
        conclusion=vetting.outcome,
        decided_on=timezone.localdate(vetting.decided_at),
        issued_on=today,
        valid_until=today + timedelta(days=valid_days),
    )
    return Draft(statement, found.warnings)


def issue(
    access: CaseAccess,
    vetting: Vetting,
    *,
    recipient: str,
    language: str,
    include_name: bool,
    valid_days: int,
    warnings_confirmed: bool = False,
) -> tuple[Attestation, bytes, bytes]:
    """Sign both forms, keep the signed file sealed, audit; returns the row, JSON and PDF.

    When the facts carry warnings (never screened, items not examined...), the coordinator must
    have seen and confirmed them.
    """
    prepared = draft(
        access,
        vetting,
        recipient=recipient,
        language=language,
        include_name=include_name,
        valid_days=valid_days,
    )
    if prepared.warnings and not warnings_confirmed:
        raise AttestationError(
            _("Confirm what the attestation will state, including what was not done.")
        )
    statement = prepared.statement
    signer = organisation_signer(access.case.organisation_id)
    document = attest.sign(statement, signer=signer)
    json_bytes = attest.dumps(document)
    pdf_bytes = pdf.render_signed(document, organisation_id=access.case.organisation_id)
    attestation_id = uuid.UUID(statement["id"])
    with transaction.atomic():
        attestation = Attestation.objects.create(
            id=attestation_id,
            vetting=vetting,
            issued_by=access.staff,
            issued_at=timezone.now(),
            valid_until=date.fromisoformat(statement["valid_until"]),
            key_id=signer.key_id,
            sealed_statement=aead.encrypt(
                key_folder().server_key(), json_bytes, _sealed_aad(attestation_id)
            ),
        )
        record(
            "vetting.attestation_issued",
            actor=access.staff,
            target_type="attestation",
            target_ref=str(attestation_id),
            details={
                "case": access.case.reference,
                "conclusion": statement["conclusion"],
                "key_id": signer.key_id,
                "valid_until": statement["valid_until"],
                "language": language,
                "with_name": "name" in statement["subject"],
                "screened": statement["method"]["screening"]["done"],
                "warnings_confirmed": bool(prepared.warnings),
            },
        )
        day = timezone.localdate(attestation.issued_at)
        hooks.attestation_issued.send(Attestation, signed_file=json_bytes, day=day)
    return attestation, json_bytes, pdf_bytes


def _sealed_aad(attestation_id: uuid.UUID) -> bytes:
    return aead.associated_data("attestation", attestation_id.hex)


def signed_json(attestation: Attestation) -> bytes:
    """The signed file as issued, opened from its sealed copy."""
    return aead.decrypt(
        key_folder().server_key(), bytes(attestation.sealed_statement), _sealed_aad(attestation.id)
    )


def revoke(attestation: Attestation, *, by: Any, reason: str) -> Attestation:
    """Revoke an attestation for one of the listed reasons; it appears in the revocation list."""
    if reason not in attest.REVOCATION_REASONS:
        raise AttestationError(f"reason must be one of {sorted(attest.REVOCATION_REASONS)}")
    with transaction.atomic():
        row = Attestation.objects.select_for_update().get(pk=attestation.pk)
        if row.revoked_at is not None:
            raise AttestationError("the attestation is already revoked")
        row.revoked_at = timezone.now()
        row.revoked_reason = reason
        row.save(update_fields=["revoked_at", "revoked_reason"])
        record(
            "vetting.attestation_revoked",
            actor=by,
            target_type="attestation",
            target_ref=str(row.id),
            details={"reason": reason},
        )
        day = timezone.localdate(row.revoked_at)
        hooks.attestation_revoked.send(Attestation, signed_file=signed_json(row), day=day)
    return row


# -- what this instance publishes for verifiers ------------------------------------------------


def trusted_keys_here() -> dict[str, bytes]:
    """The Ed25519 public keys this instance publishes, by key id: the current ones and those
    retired by a rotation, so what they signed still verifies."""
    return published_signing_keys()


def revoked_here() -> set[str]:
    rows = Attestation.objects.filter(revoked_at__isnull=False).values_list("id", flat=True)
    return {str(pk) for pk in rows}


def revocation_list(organisation_id: int | None = None) -> dict[str, Any]:
    """The signed list of revoked attestations of one organisation (by default the first)."""
    keyrings = OrganisationKeyring.objects.select_related("organisation").order_by("pk")
    if organisation_id is not None:
        keyrings = keyrings.filter(organisation_id=organisation_id)
    keyring = keyrings.first()
    if keyring is None:
        raise LookupError("no organisation keys: run `safepassage setup` or `safepassage demo`")
    signer = organisation_signer(keyring.organisation_id)
    rows = Attestation.objects.filter(
        revoked_at__isnull=False, vetting__case__organisation_id=keyring.organisation_id
    ).order_by("id")
    statement = {
        "type": attest.REVOCATIONS_TYPE,
        "version": attest.REVOCATIONS_VERSION,
        "issuer": {"organisation": keyring.organisation.name, "key_id": signer.key_id},
        "issued_at": timezone.now().replace(microsecond=0).isoformat(),
        "revoked": [
            {
                "id": str(row.id),
                "reason": row.revoked_reason,
                "revoked_on": row.revoked_at.date().isoformat() if row.revoked_at else "",
            }
            for row in rows
        ],
    }
    return attest.envelope(statement, signer)
