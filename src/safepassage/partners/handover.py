"""Sending a case to a partner: a hand-over bundle (or an update), by file or to its inbox.

The scoped case (`scope.scoped_document`), the chosen files and the attestation become the
parts of a signed message (`envelope`), age-encrypted to the partner's key. Nothing goes
without a verified partner, the man's recorded consent covering every section sent, and (on
the web) a fresh sign-in; each sending is audited with the sections, never the content.
"""

from __future__ import annotations

import json
import os
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from safepassage.audit.services import record
from safepassage.cases.gate import CaseAccess
from safepassage.partners import envelope, inbox, services
from safepassage.partners import scope as scopes
from safepassage.partners.models import (
    Direction,
    Handover,
    Partner,
    RowLink,
)
from safepassage.partners.services import PartnerError
from safepassage.vault import files as vault_files
from safepassage.vault.strip import TYPES


def _refuse_partner(partner: Partner) -> None:
    if partner.revoked_at is not None:
        raise PartnerError(_("This partner was revoked: nothing more goes to it."))
    if partner.verified_at is None:
        raise PartnerError(
            _("Compare this partner's fingerprint words with them before sending anything.")
        )


def _attestation(access: CaseAccess) -> bytes | None:
    from safepassage.vetting.issuing import signed_json
    from safepassage.vetting.models import Attestation

    row = (
        Attestation.objects.filter(
            vetting__case=access.case,
            revoked_at__isnull=True,
            valid_until__gte=timezone.localdate(),
        )
        .order_by("-issued_at")
        .first()
    )
    return signed_json(row) if row is not None else None


@dataclass(frozen=True)
class Sent:
    handover: Handover
    sha256: str
    size: int


def send(
    access: CaseAccess,
    partner: Partner,
    scope: scopes.Scope,
    out: BinaryIO,
    via: str = "file",
    update_of: str = "",
) -> Sent:
    """Write the bundle to `out` and record it; `update_of` names the first bundle's id."""
    services.require_exchange(access.staff)
    if partner.organisation_id != access.case.organisation_id:
        raise PartnerError(_("No such partner."))
    _refuse_partner(partner)
    consent = services.active_consent(access, partner)
    if consent is None:
        raise PartnerError(
            _("He has not consented to share his case with %(name)s: record his consent first.")
            % {"name": partner.name}
        )
    try:
        sections = scopes.check_sections(scope.sections)
    except scopes.ScopeError as exc:
        raise PartnerError(str(exc)) from None
    beyond = sorted(set(sections) - set(consent.get("sections", [])))
    if beyond:
        raise PartnerError(
            _("His consent does not cover: %(sections)s.")
            % {"sections": ", ".join(str(scopes.SECTIONS[s].label) for s in beyond)}
        )
    if (
        update_of
        and not Handover.objects.filter(
            case=access.case, partner=partner, first_id=update_of
        ).exists()
    ):
        raise PartnerError(_("This case was never exchanged with this partner."))
    links = {
        (link.model, link.row_id): link.uid
        for link in RowLink.objects.filter(partner=partner, case=access.case)
    }
    item = scopes.scoped_document(access, scope, links)
    chosen = {row.id.hex: (row, meta) for row, meta in scopes.case_files(access)}
    file_ids = scope.files if "files" in sections else []
    if any(f not in chosen for f in file_ids):
        raise PartnerError(_("A chosen file is not a file of this case."))
    parts: list[envelope.Part] = []
    listed = []
    for number, file_id in enumerate(file_ids, 1):
        row, meta = chosen[file_id]
        name = f"files/{number:03d}{TYPES[meta.kind].extensions[0]}"
        parts.append(
            envelope.Part(
                name,
                meta.size,
                lambda row=row: vault_files.read_chunks(access.key, row),  # type: ignore[misc]
            )
        )
        listed.append({"part": name, "name": meta.name, "kind": meta.kind, "size": meta.size})
    attestation = _attestation(access) if "attestation" in sections else None
    if "attestation" in sections and attestation is None:
        raise PartnerError(_("This case has no valid attestation to send."))
    if attestation is not None:
        parts.insert(0, envelope.part_from_bytes("attestation.json", attestation))
    document = {
        "format": scopes.DOCUMENT_FORMAT,
        "version": scopes.DOCUMENT_VERSION,
        "reference": access.case.reference,
        "scope": sections,
        "consent": {k: consent[k] for k in ("sections", "how", "recorded_on")},
        "case": item,
        "files": listed,
        "attestation": "attestation.json" if attestation is not None else None,
    }
    raw = json.dumps(document, ensure_ascii=False, sort_keys=True, indent=1).encode("utf-8")
    parts.insert(0, envelope.part_from_bytes("case.json", raw))
    counts = scopes.counts_of(item, len(file_ids), attestation is not None)
    kind = "update" if update_of else "handover"
    message_id = envelope.new_message_id()
    sealed = services.seal_message(
        access.case.organisation,
        partner,
        kind,
        {"scope": sections, "counts": counts, "first": update_of or message_id},
        parts,
        out,
        days=settings.PARTNER_BUNDLE_DAYS,
        message_id=message_id,
    )
    manifest = sealed.manifest
    with transaction.atomic():
        message = services.record_sent(partner, kind, sealed, via)
        handover = Handover.objects.create(
            case=access.case,
            partner=partner,
            direction=Direction.OUT,
            message=message,
            first_id=update_of or manifest.id,
            scope=sections,
            counts=counts,
            by=access.staff,
        )
        record(
            f"partners.{kind}_sent",
            actor=access.staff,
            target_type="case",
            target_ref=access.case.reference,
            details={
                "partner": partner.key_id,
                "message": manifest.id,
                "sections": sections,
                "files": len(file_ids),
                "via": via,
            },
        )
    return Sent(handover, sealed.sha256, sealed.size)


def send_to_file(
    access: CaseAccess, partner: Partner, scope: scopes.Scope, path: Path, update_of: str = ""
) -> Sent:
    """Write the bundle to a new file (removed again if anything fails)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as out:
            return send(access, partner, scope, out, "file", update_of)
    except BaseException:
        path.unlink(missing_ok=True)
        raise


def send_to_inbox(
    access: CaseAccess, partner: Partner, scope: scopes.Scope, update_of: str = ""
) -> Sent:
    """Send over HTTPS to the partner's inbox; the bundle exists on our disk only meanwhile."""
    from safepassage.partners import channel

    if not partner.inbox_url:
        raise PartnerError(_("This partner has no inbox: send a file instead."))
    path = inbox.folder("outbox") / f"{uuid.uuid4().hex}.age"
    try:
        sent = send_to_file(access, partner, scope, path, update_of)
        channel.deliver(partner, path)
        with transaction.atomic():
            message = sent.handover.message
            message.via = "https"
            message.delivered_at = timezone.now()
            message.save(update_fields=["via", "delivered_at"])
            record(
                "partners.delivered",
                actor=access.staff,
                target_type="case",
                target_ref=access.case.reference,
                details={"partner": partner.key_id, "message": message.message_id},
            )
        return sent
    finally:
        path.unlink(missing_ok=True)
