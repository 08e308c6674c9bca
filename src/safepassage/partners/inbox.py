"""Taking messages in: opening and checking them, the inbox of bundles, importing a bundle as a
new case, and receipts.

A message is opened, its sender, signature, recipient, expiry and id checked, then its kind's
handler runs: a bundle waits sealed (as it arrived, age-encrypted to us) until a coordinator
imports it; a receipt is matched to the bundle it confirms. Any refusal is audited with its
reason and writes nothing else.

Other message kinds (shared-case discovery, later) register a handler with `register_kind` and
travel the same way, by file or through the inbox.
"""

from __future__ import annotations

import json
import shutil
import uuid
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from safepassage.audit.services import record
from safepassage.cases import services as case_services
from safepassage.cases import transfer
from safepassage.cases.gate import CaseAccess, open_case
from safepassage.partners import envelope, services
from safepassage.partners import scope as scopes
from safepassage.partners.card import stamp
from safepassage.partners.models import (
    Direction,
    Handover,
    InboxItem,
    InboxStatus,
    Message,
    Partner,
    RowLink,
)
from safepassage.partners.rows import local_rows
from safepassage.partners.services import PartnerError, Refused
from safepassage.vault import files as vault_files
from safepassage.vault import storage
from safepassage.vault.keys import organisation_signer
from safepassage.vault.models import EncryptedFile
from safepassage.vault.session import VaultSession
from safepassage.vault.strip import TYPES, UnacceptableFile, identify

if TYPE_CHECKING:
    from safepassage.accounts.models import Staff

DOCUMENT_MAX = 20 * 1024 * 1024
RECEIPT_MAX = 64 * 1024
RECEIPT_DAYS = 90
REASONS = {
    "unknown_sender": gettext_lazy("It comes from an organisation that is not our partner."),
    "unverified_sender": gettext_lazy(
        "It comes from a partner whose fingerprint nobody here has compared yet."
    ),
    "revoked_sender": gettext_lazy("It comes from a partner we revoked."),
    "bad_signature": gettext_lazy("Its signature does not verify: it was changed or forged."),
    "wrong_recipient": gettext_lazy("It is addressed to another organisation."),
    "not_for_us": gettext_lazy("It is encrypted to someone else, not to us."),
    "damaged": gettext_lazy("It is not an age file, or it is damaged or truncated."),
    "expired": gettext_lazy("It has expired: ask the sender for a new one."),
    "replayed": gettext_lazy("It was already received once."),
    "too_large": gettext_lazy("It is larger than we accept."),
    "malformed": gettext_lazy("Its content is not in the form a partner message must have."),
    "bad_part": gettext_lazy("A part of it was changed after it was signed."),
    "unknown_kind": gettext_lazy("It is a kind of message we do not take."),
    "no_match": gettext_lazy("It confirms a bundle we never sent to this partner."),
    "unknown_link": gettext_lazy("It updates a case we never exchanged with this partner."),
    "bad_content": gettext_lazy("Its case cannot be taken in as it is."),
    # Shared-case discovery (the overlap app).
    "unknown_run": gettext_lazy("No run of ours waits for it: unknown, answered or ended."),
    "rate_limited": gettext_lazy("This partner already had as many runs as we allow for now."),
    "oversize": gettext_lazy("Its set is far larger than ours: no organisation like ours has it."),
    "empty": gettext_lazy("Its set is empty."),
    "bad_point": gettext_lazy("A value in it is not a point of the group: it was forged."),
}


def reason_text(code: str) -> str:
    return str(REASONS.get(code, REASONS["malformed"]))


def folder(name: str) -> Path:
    path = Path(settings.FILES_DIR) / "partners" / name
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def section_labels(codes: list[str]) -> list[str]:
    return [str(scopes.SECTIONS[c].label) if c in scopes.SECTIONS else c for c in codes]


def inbox_path(item: InboxItem) -> Path:
    return folder("inbox") / item.stored_name


def limit() -> int:
    return int(settings.PARTNER_BUNDLE_MAX_BYTES)


Handler = Callable[[envelope.Reader, Partner, Path, str], Any]
_handlers: dict[str, Handler] = {}


def register_kind(kind: str, handler: Handler) -> None:
    """A message kind this instance takes in: the handler gets the verified reader."""
    _handlers[kind] = handler


def _open(path: Path) -> tuple[envelope.Reader, Partner]:
    """Open and check everything but the parts: sender, signature, recipient, time, replay."""
    organisation = services.organisation()
    with path.open("rb") as source:
        reader = envelope.Reader(
            source, services.identities(organisation.pk), folder("spool"), limit()
        )
    try:
        manifest = reader.manifest
        partner = Partner.objects.filter(
            organisation=organisation, signing_key=manifest.sender_key
        ).first()
        if partner is None:
            raise envelope.MessageError("unknown_sender", "not from a registered partner")
        if partner.revoked_at is not None:
            raise envelope.MessageError("revoked_sender", "from a revoked partner")
        if partner.verified_at is None:
            raise envelope.MessageError("unverified_sender", "from an unverified partner")
        reader.verify(bytes(partner.signing_key))
        ours = organisation_signer(organisation.pk).public
        if (
            manifest.recipient_key != ours
            or manifest.recipient_encryption_key not in services.our_recipients(organisation.pk)
        ):
            raise envelope.MessageError("wrong_recipient", "addressed to someone else")
        reader.check_times(timezone.now())
        if Message.objects.filter(
            partner=partner, direction=Direction.IN, message_id=manifest.id
        ).exists():
            raise envelope.MessageError("replayed", "already received")
        if manifest.kind not in _handlers:
            raise envelope.MessageError("unknown_kind", f"kind {manifest.kind}")
    except BaseException:
        reader.close()
        raise
    return reader, partner


def receive(path: Path, via: str = "file") -> Any:
    """Take in one message file: a bundle goes to the inbox, a receipt is matched. Refusals
    raise PartnerError with the reason, audited, and nothing else is written."""
    try:
        reader, partner = _open(path)
        with reader:
            return _handlers[reader.manifest.kind](reader, partner, path, via)
    except envelope.MessageError as exc:
        with transaction.atomic():
            record("partners.message_refused", details={"reason": exc.code, "via": via})
        raise Refused(exc.code, _("Refused: %(why)s") % {"why": reason_text(exc.code)}) from None


def message_row(
    manifest: envelope.Manifest, partner: Partner, reader: envelope.Reader, via: str
) -> Message:
    return Message.objects.create(
        partner=partner,
        direction=Direction.IN,
        kind=manifest.kind,
        message_id=manifest.id,
        created_at=manifest.created_at,
        expires_at=manifest.expires_at,
        sha256=reader.sha256,
        size=reader.size,
        via=via,
        delivered_at=timezone.now(),
    )


def read_document(reader: envelope.Reader) -> Iterator[tuple[envelope.PartEntry, Any]]:
    """Each part; case.json parsed and checked, the others as chunks to consume."""
    for entry, chunks in reader.parts():
        if entry.name == "case.json":
            raw = reader.read_part(entry, chunks, DOCUMENT_MAX)
            try:
                document = json.loads(raw)
                ok = (
                    document["format"] == scopes.DOCUMENT_FORMAT
                    and document["version"] == scopes.DOCUMENT_VERSION
                    and isinstance(document["case"], dict)
                    and isinstance(document["files"], list)
                )
            except (ValueError, KeyError, TypeError, RecursionError):
                ok = False
            if not ok:
                raise envelope.MessageError("bad_content", "case.json is not a case hand-over")
            yield entry, document
        else:
            yield entry, chunks


def _take_bundle(reader: envelope.Reader, partner: Partner, path: Path, via: str) -> InboxItem:
    manifest = reader.manifest
    about = manifest.about
    first = str(about.get("first") or "")
    if (
        manifest.kind == "update"
        and not Handover.objects.filter(partner=partner, first_id=first).exists()
    ):
        raise envelope.MessageError("unknown_link", "no such exchanged case")
    names = [p.name for p in manifest.parts]
    if not names or names[0] != "case.json":
        raise envelope.MessageError("malformed", "a bundle starts with case.json")
    for _entry, content in read_document(reader):
        if not isinstance(content, dict):
            for _chunk in content:
                pass  # every part's hash is checked before the bundle is kept
    stored_name = f"{uuid.uuid4().hex}.age"
    target = folder("inbox") / stored_name
    shutil.copyfile(path, target)
    try:
        with transaction.atomic():
            message = message_row(manifest, partner, reader, via)
            scope = about.get("scope")
            scope = scope if isinstance(scope, list) else []
            counts = about.get("counts")
            counts = counts if isinstance(counts, dict) else {}
            item = InboxItem.objects.create(
                organisation_id=partner.organisation_id,
                message=message,
                stored_name=stored_name,
                scope=[str(s) for s in scope][:20],
                counts={str(k): int(v) for k, v in counts.items() if isinstance(v, int)},
                first_id=first if manifest.kind == "update" else manifest.id,
            )
            record(
                "partners.bundle_received",
                target_type="partner",
                target_ref=partner.key_id,
                details={"message": manifest.id, "kind": manifest.kind, "via": via},
            )
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    return item


def _take_receipt(reader: envelope.Reader, partner: Partner, path: Path, via: str) -> Handover:
    body: dict[str, Any] = {}
    for entry, chunks in reader.parts():
        raw = reader.read_part(entry, chunks, RECEIPT_MAX)
        if entry.name == "receipt.json":
            try:
                body = json.loads(raw)
            except (ValueError, RecursionError):
                body = {}
    bundle_id, bundle_hash = body.get("bundle_id"), body.get("bundle_sha256")
    handover = (
        Handover.objects.filter(
            partner=partner,
            direction=Direction.OUT,
            message__message_id=bundle_id,
            message__sha256=bundle_hash,
            receipt__isnull=True,
        )
        .select_related("message")
        .first()
        if isinstance(bundle_id, str) and isinstance(bundle_hash, str)
        else None
    )
    if handover is None:
        raise envelope.MessageError("no_match", "no such bundle sent")
    imported = body.get("imported")
    imported = imported if isinstance(imported, dict) else {}
    with transaction.atomic():
        message = message_row(reader.manifest, partner, reader, via)
        handover.receipt = message
        handover.receipt_verified_at = timezone.now()
        handover.receipt_counts = {
            str(k): int(v) for k, v in imported.items() if isinstance(v, int)
        }
        handover.save(update_fields=["receipt", "receipt_verified_at", "receipt_counts"])
        record(
            "partners.receipt_verified",
            target_type="case",
            target_ref=handover.case.reference,
            details={"partner": partner.key_id, "message": bundle_id},
        )
    return handover


register_kind("handover", _take_bundle)
register_kind("update", _take_bundle)
register_kind("receipt", _take_receipt)


# -- importing ---------------------------------------------------------------------------------


def waiting(organisation_id: int) -> list[InboxItem]:
    return list(
        InboxItem.objects.filter(
            organisation_id=organisation_id, status=InboxStatus.WAITING
        ).select_related("message__partner")
    )


def _store_part(access: CaseAccess, listed: dict[str, Any], chunks: Iterator[bytes]) -> str:
    """A file part under the new case's key, its type checked against what it claims."""
    first = next(chunks, b"")
    kind = listed.get("kind")
    name = str(listed.get("name") or "file")[:200]
    try:
        if kind not in settings.VAULT_ALLOWED_TYPES:
            raise UnacceptableFile(str(kind))
        identify(f"x{TYPES[str(kind)].extensions[0]}", first[:4096], frozenset([str(kind)]))
    except UnacceptableFile:
        raise envelope.MessageError("bad_content", "a file is not what it claims") from None

    def rest() -> Iterator[bytes]:
        yield first
        yield from chunks

    row = vault_files.store_stream(access.key, rest(), name, str(kind))
    return row.id.hex


def import_item(
    staff: Staff,
    vault: VaultSession | None,
    item: InboxItem,
    assign: list[tuple[Any, str]] | None = None,
) -> CaseAccess:
    """A new case, under a new key, from a waiting bundle; then the receipt for the sender."""
    services.require_exchange(staff)
    if item.organisation_id != staff.organisation_id or item.status != InboxStatus.WAITING:
        raise PartnerError(_("This bundle is not waiting to be imported."))
    if item.message.kind != "handover":
        raise PartnerError(_("Updates are applied from the case they update."))
    partner = item.message.partner
    stored: list[str] = []
    try:
        reader = reopen(item)
        with reader, transaction.atomic():
            access, links = _import_parts(staff, vault, reader, stored)
            for member, role in assign or []:
                case_services.assign(access, member, role)
            counts = _imported_counts(access)
            Handover.objects.create(
                case=access.case,
                partner=partner,
                direction=Direction.IN,
                message=item.message,
                first_id=item.message.message_id,
                scope=item.scope,
                counts=counts,
                by=staff,
            )
            _finish(staff, item, access, counts, links)
    except envelope.MessageError as exc:
        _forget(stored)
        with transaction.atomic():
            record(
                "partners.import_refused",
                actor=staff,
                details={"reason": exc.code, "message": item.message.message_id},
            )
        raise PartnerError(_("Refused: %(why)s") % {"why": reason_text(exc.code)}) from None
    except (transfer.TransferError, case_services.CaseError) as exc:
        _forget(stored)
        with transaction.atomic():
            record(
                "partners.import_refused",
                actor=staff,
                details={"reason": "bad_content", "message": item.message.message_id},
            )
        raise PartnerError(_("Refused: %(why)s") % {"why": str(exc)}) from None
    except BaseException:
        _forget(stored)
        raise
    return access


def reopen(item: InboxItem) -> envelope.Reader:
    """The stored bundle opened again and checked against the partner as it is now."""
    partner = item.message.partner
    if partner.revoked_at is not None:
        raise envelope.MessageError("revoked_sender", "revoked since")
    organisation_id = item.organisation_id
    with inbox_path(item).open("rb") as source:
        reader = envelope.Reader(
            source, services.identities(organisation_id), folder("spool"), limit()
        )
    try:
        reader.verify(bytes(partner.signing_key))
        if reader.manifest.id != item.message.message_id or reader.sha256 != item.message.sha256:
            raise envelope.MessageError("malformed", "the stored bundle changed")
    except BaseException:
        reader.close()
        raise
    return reader


def _import_parts(
    staff: Staff, vault: VaultSession | None, reader: envelope.Reader, stored: list[str]
) -> tuple[CaseAccess, list[tuple[str, str, int]]]:
    access: CaseAccess | None = None
    links: list[tuple[str, str, int]] = []
    listed: dict[str, dict[str, Any]] = {}
    for entry, content in read_document(reader):
        if isinstance(content, dict):
            case_item = content["case"]
            if not isinstance(case_item.get("plain"), dict):
                raise envelope.MessageError("bad_content", "no case")
            retention = timezone.localdate() + timedelta(days=settings.CASE_RETENTION_DAYS)
            case_item["plain"]["retention_date"] = retention.isoformat()
            case_item["plain"].pop("created_at", None)
            reference = transfer.import_case_document(staff, case_item)
            access = open_case(staff, reference, vault, "imported")
            links = _links(access, case_item)
            listed = {str(f.get("part")): f for f in content["files"] if isinstance(f, dict)}
            if content.get("attestation"):
                listed[str(content["attestation"])] = {
                    "name": "attestation.json",
                    "kind": "text",
                }
        elif access is not None and entry.name in listed:
            stored.append(_store_part(access, listed[entry.name], content))
        else:
            raise envelope.MessageError("bad_content", f"unexpected part {entry.name}")
    if access is None:
        raise envelope.MessageError("bad_content", "no case in the bundle")
    return access, links


def _links(access: CaseAccess, item: dict[str, Any]) -> list[tuple[str, str, int]]:
    """Which of our new rows stands for which of the sender's rows (for later updates)."""
    links = []
    for model_name, rows in (item.get("rows") or {}).items():
        for entry, row in zip(rows, local_rows(access, model_name, rows), strict=False):
            uid = entry.get("uid") if isinstance(entry, dict) else None
            if isinstance(uid, str) and len(uid) == 32:
                links.append((str(model_name), uid, int(row.pk)))
    return links


def _imported_counts(access: CaseAccess) -> dict[str, int]:
    counts: dict[str, int] = {}
    for model in case_services.CASE_ROWS:
        n = model._default_manager.filter(case=access.case).count()
        if n:
            counts[str(model._meta.model_name)] = n
    counts["files"] = EncryptedFile.objects.filter(ring=access.key.ring).count()
    return counts


def _finish(
    staff: Staff,
    item: InboxItem,
    access: CaseAccess,
    counts: dict[str, int],
    links: list[tuple[str, str, int]],
) -> None:
    partner = item.message.partner
    RowLink.objects.bulk_create(
        [
            RowLink(
                handover_first_id=item.first_id,
                partner=partner,
                case=access.case,
                model=model_name,
                uid=uid,
                row_id=row_id,
            )
            for model_name, uid, row_id in links
        ]
    )
    mark_imported(staff, item, access, counts, "partners.bundle_imported")


def mark_imported(
    staff: Staff, item: InboxItem, access: CaseAccess, counts: dict[str, int], action: str
) -> None:
    """The bundle is taken in: its receipt made, the item closed, the action audited."""
    receipt_id, receipt = make_receipt(item, counts)
    item.status = InboxStatus.IMPORTED
    item.case = access.case
    item.done_at = timezone.now()
    item.done_by = staff
    item.receipt = receipt
    item.receipt_id = receipt_id
    item.save(update_fields=["status", "case", "done_at", "done_by", "receipt", "receipt_id"])
    record(
        action,
        actor=staff,
        target_type="case",
        target_ref=access.case.reference,
        details={"partner": item.message.partner.key_id, "message": item.message.message_id},
    )


def make_receipt(item: InboxItem, counts: dict[str, int]) -> tuple[str, bytes]:
    """The signed receipt, encrypted to the sender: what arrived and what was imported."""
    import io

    partner = item.message.partner
    signer = organisation_signer(item.organisation_id)
    now = timezone.now()
    body = {
        "bundle_id": item.message.message_id,
        "bundle_sha256": item.message.sha256,
        "received_at": stamp(item.message.recorded_at),
        "imported_at": stamp(now),
        "imported": counts,
    }
    raw = json.dumps(body, sort_keys=True, indent=1).encode()
    manifest, chunks = envelope.plaintext(
        {
            "kind": "receipt",
            "id": envelope.new_message_id(),
            "sender_name": item.organisation.name,
            "sender_key": signer.public,
            "recipient_name": partner.name,
            "recipient_key": bytes(partner.signing_key),
            "recipient_encryption_key": partner.encryption_key,
            "created_at": now,
            "expires_at": now + timedelta(days=RECEIPT_DAYS),
            "about": {"bundle": item.message.message_id},
        },
        [envelope.part_from_bytes("receipt.json", raw)],
        signer.sign,
    )
    out = io.BytesIO()
    sha256, size = envelope.encrypt(chunks, partner.encryption_key, out)
    Message.objects.create(
        partner=partner,
        direction=Direction.OUT,
        kind="receipt",
        message_id=manifest.id,
        created_at=manifest.created_at,
        expires_at=manifest.expires_at,
        sha256=sha256,
        size=size,
    )
    return manifest.id, out.getvalue()


def decline(staff: Staff, item: InboxItem) -> None:
    """Refuse a waiting bundle: its file is deleted, the sender gets no receipt."""
    services.require_exchange(staff)
    if item.organisation_id != staff.organisation_id or item.status != InboxStatus.WAITING:
        raise PartnerError(_("This bundle is not waiting to be imported."))
    path = inbox_path(item)
    with transaction.atomic():
        item.status = InboxStatus.DECLINED
        item.done_at = timezone.now()
        item.done_by = staff
        item.save(update_fields=["status", "done_at", "done_by"])
        record(
            "partners.bundle_declined",
            actor=staff,
            target_type="partner",
            target_ref=item.message.partner.key_id,
            details={"message": item.message.message_id},
        )
        transaction.on_commit(lambda: path.unlink(missing_ok=True))


def _forget(stored: list[str]) -> None:
    for file_id in stored:
        storage.stored_path(uuid.UUID(file_id)).unlink(missing_ok=True)


def handovers(access: CaseAccess) -> list[Handover]:
    return list(
        Handover.objects.filter(case=access.case).select_related("partner", "message", "receipt")
    )
