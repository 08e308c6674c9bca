"""Building a dossier: the preview of exactly what will be sent, then the signed PDF with its
annexes and the signed JSON, sealed as a new version in the vault; and verifying one.

The statement is computed from the records (`content.gather`); the caller picks only the
authority, the family members, the ticks, the annexes and whose copy it is.
"""

from __future__ import annotations

import hashlib
import io
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any, BinaryIO

import pikepdf
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from safepassage.audit.services import record
from safepassage.cases.gate import CaseAccess
from safepassage.dossiers import attach, content, render
from safepassage.dossiers.models import Authority, CoverTemplate, Dossier
from safepassage.dossiers.services import DossierError
from safepassage.vault import files, objects
from safepassage.vault.keys import organisation_signer, published_signing_keys
from safepassage.vault.models import EncryptedFile
from safepassage.vault.objects import ObjectKey
from safepassage.vault.session import VaultSession
from safepassage.vault.strip import sniff
from safepassage.vetting import attest, hooks, issuing
from safepassage.vetting import pdf as vetting_pdf
from safepassage.vetting.models import Attestation, Evidence

TYPE = "safepassage.dossier"
VERSION = 1
COPIES = ("authority", "applicant")
MAX_ANNEXES = 30
CHUNK = 1024 * 1024


def max_annex_bytes() -> int:
    return int(settings.DOSSIER_MAX_ANNEX_BYTES)


@dataclass
class Annex:
    """A file the adviser may attach: a case file, an evidence file, the attestation."""

    token: str
    title: str
    kind: str
    size: int
    mime: str
    open_chunks: Any  # () -> Iterable[bytes]
    claimed_sha256: str | None = None
    sha256: str = ""


@dataclass
class Prepared:
    """The dossier as it would be signed now: its statement and its annexes, hashed."""

    statement: dict[str, Any]
    annexes: list[Annex]
    rows: list[tuple[str, str]] = field(default_factory=list)


def _case_files(access: CaseAccess) -> list[Annex]:
    made = set(Dossier.objects.filter(case=access.case).values_list("pdf_file_id", flat=True))
    found = []
    for row in EncryptedFile.objects.filter(ring=access.key.ring).order_by("created_at"):
        if row.pk in made:
            continue  # earlier dossiers are not annexes of the next
        meta = files.meta_of(access.key, row)
        found.append(
            Annex(
                f"file:{row.pk}",
                meta.name,
                meta.kind,
                meta.size,
                meta.mime,
                lambda key=access.key, row=row: files.read_chunks(key, row),
            )
        )
    return found


def _evidence_files(access: CaseAccess, vault: VaultSession | None) -> list[Annex]:
    from safepassage.vault import fields

    found = []
    for item in Evidence.objects.filter(vetting__case=access.case):
        try:
            key: ObjectKey = objects.open_with(objects.ring_of("evidence", item.pk), vault)
        except objects.NoAccess:
            continue  # sealed to the vetters only
        digest = fields.read(key, item, "content_hash") or None
        for row in EncryptedFile.objects.filter(ring=key.ring).order_by("created_at"):
            meta = files.meta_of(key, row)
            found.append(
                Annex(
                    f"evidence:{item.pk}:{row.pk}",
                    fields.read(key, item, "title") or meta.name,
                    meta.kind,
                    meta.size,
                    meta.mime,
                    lambda key=key, row=row: files.read_chunks(key, row),
                    claimed_sha256=digest,
                )
            )
    return found


def _attestations(access: CaseAccess) -> list[Annex]:
    today = timezone.localdate()
    rows = Attestation.objects.filter(
        vetting__case=access.case, revoked_at__isnull=True, valid_until__gte=today
    ).order_by("-issued_at")[:1]
    found = []
    for row in rows:
        signed = issuing.signed_json(row)
        found.append(
            Annex(
                f"attestation:{row.id}",
                _("Vetting attestation (signed JSON)"),
                "json",
                len(signed),
                "application/json",
                lambda signed=signed: [signed],
            )
        )
    return found


def annex_choices(access: CaseAccess, vault: VaultSession | None) -> list[Annex]:
    return [*_attestations(access), *_case_files(access), *_evidence_files(access, vault)]


def _check_annexes(chosen: list[Annex]) -> None:
    """One pass over each chosen annex: its size, its real type, its recorded SHA-256."""
    if len(chosen) > MAX_ANNEXES:
        raise DossierError(_("Attach at most %(n)d annexes.") % {"n": MAX_ANNEXES}, "annexes")
    total = sum(a.size for a in chosen)
    if total > max_annex_bytes():
        raise DossierError(
            _("The annexes weigh %(mb)d MB together; at most %(max)d MB may be attached.")
            % {"mb": total // 2**20, "max": max_annex_bytes() // 2**20},
            "annexes",
        )
    for annex in chosen:
        digest, size, head = hashlib.sha256(), 0, b""
        for chunk in annex.open_chunks():
            if len(head) < 4096:
                head += chunk[: 4096 - len(head)]
            digest.update(chunk)
            size += len(chunk)
        found = sniff(head) if annex.kind != "json" else "json"
        if (
            size != annex.size
            or (found is not None and found != annex.kind)
            or (found is None and annex.kind in ("pdf", "jpeg", "png", "webp", "heic"))
        ):
            raise DossierError(
                _("The annex “%(title)s” is not what it claims to be (a %(kind)s file).")
                % {"title": annex.title, "kind": annex.kind},
                "annexes",
            )
        annex.sha256 = digest.hexdigest()
        if annex.claimed_sha256 and annex.claimed_sha256 != annex.sha256:
            raise DossierError(
                _("The annex “%(title)s” does not match the SHA-256 recorded when it was received.")
                % {"title": annex.title},
                "annexes",
            )


def prepare(
    access: CaseAccess,
    authority: Authority,
    *,
    people: list[int],
    ticks: Iterable[str] = (),
    annexes: Iterable[str] = (),
    copy: str = "authority",
    vault: VaultSession | None = None,
) -> Prepared:
    """The statement that would be signed, with the annexes checked and hashed."""
    if copy not in COPIES:
        raise DossierError(_("Unknown copy."), "copy")
    ticked = frozenset(ticks)
    if not ticked <= set(content.TICKS):
        raise DossierError(_("Unknown field to include."), "ticks")
    if not ticked <= set(authority.may_include):
        raise DossierError(_("This authority's profile does not allow these fields."), "ticks")
    if not authority.active:
        raise DossierError(_("This authority is no longer in use."), "authority")
    if not people or not content.principal_included(access, people):
        raise DossierError(_("Include the applicant himself."), "people")
    known = {p.pk for p in content.people_of(access)}
    if not set(people) <= known:
        raise DossierError(_("A person chosen is not of this case."), "people")
    available = {a.token: a for a in annex_choices(access, vault)}
    wanted = list(dict.fromkeys(annexes))
    missing = [t for t in wanted if t not in available]
    if missing:
        raise DossierError(_("An annex chosen is not a file of this case."), "annexes")
    chosen = [available[t] for t in wanted]
    _check_annexes(chosen)
    language = "ru" if copy == "applicant" else authority.language
    organisation = access.case.organisation.name
    template = CoverTemplate.objects.filter(authority=authority, language=language).first()
    letter = render.cover_text(
        render.cover_html(
            template.text if template else "",
            {
                "reference": access.case.reference,
                "organisation": organisation,
                "authority": authority.name,
            },
        )
    )
    statement = {
        "type": TYPE,
        "version": VERSION,
        "id": str(uuid.uuid4()),
        "issuer": {
            "organisation": organisation,
            "key_id": organisation_signer(access.case.organisation_id).key_id,
        },
        "issued_on": timezone.localdate().isoformat(),
        "case": access.case.reference,
        "authority": {"code": authority.code, "name": authority.name, "country": authority.country},
        "language": language,
        "copy": copy,
        "cover_letter": letter,
        "ticked": sorted(ticked),
        "content": content.gather(
            access, content.Choice(list(people), ticked), authority.parts, vault
        ),
        "annexes": [
            {
                "file": f"annex-{n:02d}{_suffix(a.kind)}",
                "title": a.title,
                "kind": a.kind,
                "size": a.size,
                "sha256": a.sha256,
            }
            for n, a in enumerate(chosen, start=1)
        ],
    }
    return Prepared(statement, chosen, preview_rows(statement))


def _suffix(kind: str) -> str:
    return {"pdf": ".pdf", "jpeg": ".jpg", "png": ".png", "json": ".json", "text": ".txt"}.get(
        kind, ".bin"
    )


def preview_rows(statement: dict[str, Any]) -> list[tuple[str, str]]:
    """Every value that will be sent, as (where, value): the preview shows exactly these."""
    rows: list[tuple[str, str]] = []

    def walk(path: str, value: Any) -> None:
        if isinstance(value, dict):
            for key, inner in value.items():
                walk(f"{path}.{key}" if path else key, inner)
        elif isinstance(value, list) and value and isinstance(value[0], dict | list):
            for number, inner in enumerate(value, start=1):
                walk(f"{path}[{number}]", inner)
        else:
            shown = ", ".join(str(v) for v in value) if isinstance(value, list) else value
            rows.append((path, "—" if shown in (None, "") else str(shown)))

    walk(
        "",
        {
            k: statement[k]
            for k in ("authority", "language", "copy", "cover_letter", "content", "annexes")
        },
    )
    return rows


def _write_pdf(
    out: BinaryIO,
    document: dict[str, Any],
    json_bytes: bytes,
    prepared: Prepared,
    organisation_id: int,
) -> None:
    pem, private = vetting_pdf.signing_material(organisation_id)
    base = render.typeset(document, vetting_pdf.fingerprint(pem))
    statement = document["statement"]
    parts = [
        attach.Attachment(
            render.attachment_name(statement["id"]),
            "Signed dossier (Ed25519)",
            "application/json",
            len(json_bytes),
            hashlib.sha256(json_bytes).hexdigest(),
            lambda: [json_bytes],
        )
    ]
    for entry, annex in zip(statement["annexes"], prepared.annexes, strict=True):
        parts.append(
            attach.Attachment(
                entry["file"],
                entry["title"][:200],
                annex.mime,
                annex.size,
                annex.sha256,
                annex.open_chunks,
            )
        )
    try:
        attach.write(out, base, parts)
    except attach.AttachmentChanged:
        raise DossierError(
            _("An annex changed while the dossier was made: make it again."), "annexes"
        ) from None
    out.seek(0)
    vetting_pdf.sign_in_place(
        out,
        certificate_pem=pem,
        private_key_der=private,
        name=statement["issuer"]["organisation"],
        reason="Dossier",
    )


def chunks_of(buffer: io.BytesIO) -> Iterator[bytes]:
    view = buffer.getbuffer()
    try:
        for start in range(0, len(view), CHUNK):
            yield bytes(view[start : start + CHUNK])
    finally:
        view.release()


@dataclass
class Built:
    dossier: Dossier
    json_bytes: bytes
    pdf: io.BytesIO  # the signed PDF, once in memory


def build(
    access: CaseAccess,
    authority: Authority,
    *,
    people: list[int],
    ticks: Iterable[str] = (),
    annexes: Iterable[str] = (),
    copy: str = "authority",
    vault: VaultSession | None = None,
) -> Built:
    """Sign the JSON and the PDF, seal the PDF as a new version in the vault, audit."""
    prepared = prepare(
        access, authority, people=people, ticks=ticks, annexes=annexes, copy=copy, vault=vault
    )
    signer = organisation_signer(access.case.organisation_id)
    document = attest.envelope(prepared.statement, signer)
    json_bytes = attest.dumps(document)
    buffer = io.BytesIO()
    _write_pdf(buffer, document, json_bytes, prepared, access.case.organisation_id)
    digest = hashlib.sha256()
    for chunk in chunks_of(buffer):
        digest.update(chunk)
    statement = prepared.statement
    with transaction.atomic():
        previous = Dossier.objects.filter(case=access.case, authority=authority).count()
        stored = files.store_stream(
            access.key, chunks_of(buffer), f"dossier-{statement['id']}.pdf", "pdf"
        )
        dossier = Dossier(
            id=uuid.UUID(statement["id"]),
            case=access.case,
            authority=authority,
            language=statement["language"],
            version=previous + 1,
            made_by=access.staff,
            pdf_file=stored,
            pdf_sha256=digest.hexdigest(),
            json_sha256=hashlib.sha256(json_bytes).hexdigest(),
        )
        from safepassage.vault import fields

        fields.write(access.key, dossier, "signed_json", json_bytes.decode("utf-8"))
        fields.write(access.key, dossier, "people", list(people))
        dossier.save()
        # The public transparency log takes the signed JSON's hash (kind "dossier").
        hooks.dossier_signed.send(Dossier, signed_file=json_bytes, day=timezone.localdate())
        record(
            "dossiers.built",
            actor=access.staff,
            target_type="case",
            target_ref=access.case.reference,
            details={
                "dossier": statement["id"],
                "authority": authority.code,
                "version": dossier.version,
                "language": statement["language"],
                "copy": copy,
                "people": len(people),
                "ticked": statement["ticked"],
                "annexes": len(prepared.annexes),
                "pdf_sha256": dossier.pdf_sha256,
                "json_sha256": dossier.json_sha256,
            },
        )
    buffer.seek(0)
    return Built(dossier, json_bytes, buffer)


def pdf_chunks(access: CaseAccess, dossier: Dossier) -> Iterator[bytes]:
    """The sealed PDF of a version, as made, chunk by chunk."""
    if dossier.case_id != access.case.pk:
        raise DossierError(_("This dossier belongs to another case."), "dossier")
    return files.read_chunks(access.key, dossier.pdf_file)


# -- verification ------------------------------------------------------------------------------


@dataclass
class Verdict:
    valid: bool
    lines: list[str]
    statement: dict[str, Any] | None = None
    signed_json: bytes = b""


def verify(
    raw: bytes,
    *,
    trusted_keys: dict[str, bytes] | None = None,
    trusted_certificates: list[bytes] | None = None,
) -> Verdict:
    """The PDF signature (whole file, the organisation's certificate), the signed JSON inside,
    and each embedded annex against the index the JSON gives."""
    keys = trusted_keys if trusted_keys is not None else published_signing_keys()
    certificates = (
        {vetting_pdf.certificate_der(c) for c in trusted_certificates}
        if trusted_certificates is not None
        else set(vetting_pdf.certificates_here())
    )
    lines: list[str] = []
    if not raw.startswith(b"%PDF-"):
        return Verdict(False, ["not a PDF"])
    reason, _certificate = vetting_pdf.signature_status(raw, certificates)
    if reason:
        return Verdict(False, [f"PDF signature: {reason}"])
    lines.append("PDF signature: valid, covers the whole file, organisation's certificate")
    try:
        with pikepdf.open(io.BytesIO(raw)) as document:
            attached = {
                name: bytes(spec.get_file().read_bytes())
                for name, spec in document.attachments.items()
            }
    except pikepdf.PdfError:
        return Verdict(False, [*lines, "attachments: unreadable"])
    signed = [name for name in attached if name.startswith("dossier-") and name.endswith(".json")]
    if len(signed) != 1:
        return Verdict(False, [*lines, "signed JSON: missing"])
    statement, why = attest.open_signed(attached[signed[0]], TYPE, (VERSION,), keys)
    if statement is None:
        return Verdict(False, [*lines, f"signed JSON: {why}"])
    if signed[0] != render.attachment_name(statement["id"]):
        return Verdict(False, [*lines, "signed JSON: its name does not match its id"])
    lines.append(
        f"signed JSON: valid (key {statement['issuer']['key_id']}, dossier {statement['id']})"
    )
    listed = {entry["file"]: entry for entry in statement["annexes"]}
    extra = set(attached) - set(listed) - {signed[0]}
    valid = not extra
    if extra:
        lines.append(f"attachments not in the index: {', '.join(sorted(extra))}")
    for name, entry in listed.items():
        data = attached.get(name)
        if data is None:
            lines.append(f"{name}: MISSING")
            valid = False
            continue
        digest = hashlib.sha256(data).hexdigest()
        ok = digest == entry["sha256"] and len(data) == entry["size"]
        valid = valid and ok
        lines.append(f"{name}: {'SHA-256 matches' if ok else 'SHA-256 DIFFERS'} {digest}")
    return Verdict(valid, lines, statement, attached[signed[0]])


def trusted_here() -> dict[str, bytes]:
    return issuing.trusted_keys_here()


def today() -> date:
    return timezone.localdate()
