"""Attestations: the statement, its signed JSON form, verification, revocation and issue.

The verifying half (`verify_document`, `read_revocations`) needs only the standard library and
PyNaCl, so someone who holds nothing but the organisation's public key can run it. The functions
that read or write this instance's tables import Django inside, for the same reason.

A signed document is accepted only in the exact bytes `dumps` writes: JSON has many spellings of
one value (spaces, escapes, key order, duplicate keys), and a verifier that accepted them all would
let a changed file pass as unchanged.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
import uuid
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Protocol

from safepassage.crypto.signing import SignatureError, canonical_json, verify
from safepassage.crypto.signing import key_id as key_id_of

if TYPE_CHECKING:
    from safepassage.vetting.models import Attestation, Vetting


def _(message: str) -> str:
    """Marks a sentence for translation without Django; the page translates it when shown."""
    return message


STATEMENT_TYPE = "safepassage.attestation"
REVOCATIONS_TYPE = "safepassage.revocations"
VERSION = 1
STATEMENT_KEYS = frozenset(
    {
        "type",
        "version",
        "id",
        "issuer",
        "recipient",
        "subject",
        "scope",
        "method",
        "conclusion",
        "decided_on",
        "issued_on",
        "valid_until",
    }
)
DOCUMENT_KEYS = frozenset({"statement", "signature", "key_id", "public_key"})
METHOD_KEYS = ("interviews", "assessors", "evidence_items", "screening")
# Larger than any real attestation or revocation list; bounds the work a hostile file can cause.
MAX_DOCUMENT_BYTES = 1024 * 1024
CASE_REFERENCE = re.compile(r"^[A-Z]{2}-[0-9A-Z]{4}-[0-9A-Z]{4}$")
KEY_ID = re.compile(r"^[0-9a-f]{16}$")
MAX_TEXT = 200

REVOCATION_REASONS: dict[str, str] = {
    "issued_in_error": _("Issued in error"),
    "new_evidence": _("New evidence reopened the decision"),
    "superseded": _("Replaced by a newer attestation"),
    "key_compromise": _("The signing key may have been exposed"),
}


class Reason:
    """The verdicts, one short sentence each."""

    VALID = _("The attestation is authentic, unchanged, in force and not revoked.")
    MALFORMED = _("The file is not an attestation: it is not readable JSON of the expected form.")
    WRONG_TYPE = _("The file is not a safepassage attestation of a version this page knows.")
    UNKNOWN_KEY = _("It is signed with a key that this organisation has not published.")
    KEY_MISMATCH = _("The public key in the file is not the one published under its key id.")
    BAD_SIGNATURE = _("The signature does not match the content: the file was changed or forged.")
    NOT_AS_SIGNED = _("The file was changed: it is not byte for byte the file that was signed.")
    REVOKED = _("The organisation has revoked this attestation.")
    EXPIRED = _("This attestation has expired.")


class AttestationError(ValueError):
    """A statement, revocation or signed file that cannot be accepted; the message says why."""


@dataclass(frozen=True)
class Verdict:
    valid: bool
    reason: str
    # The signed statement once its signature has verified (also when expired or revoked);
    # never the content of a file whose signature failed.
    statement: dict[str, Any] | None = None


class SigningKey(Protocol):
    """What signing needs: vault.keys.Signer, or any other Ed25519 key in tests."""

    @property
    def public(self) -> bytes: ...

    @property
    def key_id(self) -> str: ...

    def sign(self, message: bytes) -> bytes: ...


# -- the statement ----------------------------------------------------------------------------


def _text(value: object, what: str) -> str:
    if not isinstance(value, str) or not value.strip() or len(value) > MAX_TEXT:
        raise AttestationError(f"{what} must be text of 1 to {MAX_TEXT} characters")
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in value):
        raise AttestationError(f"{what} must not contain control characters")
    return value.strip()


def _count(value: object, what: str, minimum: int = 0) -> int:
    # bool is an int in Python; True must not pass as "1 interview".
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise AttestationError(f"{what} must be a whole number of at least {minimum}")
    return value


def _day(value: object, what: str) -> date:
    # datetime is a subclass of date; a time of day has no place in the statement.
    if isinstance(value, datetime) or not isinstance(value, date):
        raise AttestationError(f"{what} must be a date")
    return value


def make_statement(
    *,
    attestation_id: uuid.UUID | None = None,
    organisation: str,
    key_id: str,
    recipient: str,
    reference: str,
    name_as_in_passport: str | None = None,
    scope: Sequence[str],
    interviews: int,
    assessors: int,
    evidence_items: int,
    screening: bool,
    conclusion: str,
    decided_on: date,
    issued_on: date,
    valid_until: date,
) -> dict[str, Any]:
    """The statement to sign; `name_as_in_passport` only when the recipient needs the name."""
    from safepassage.vetting.models import ChecklistItem, Outcome

    if not KEY_ID.match(key_id if isinstance(key_id, str) else ""):
        raise AttestationError("key_id must be 16 lowercase hexadecimal digits")
    if not isinstance(reference, str) or not CASE_REFERENCE.match(reference):
        raise AttestationError("reference must be a case reference such as SP-7K3M-Q9TX")
    subject = {"reference": reference}
    if name_as_in_passport is not None:
        subject["name_as_in_passport"] = _text(name_as_in_passport, "name_as_in_passport")
    if not isinstance(scope, list | tuple) or not scope:
        raise AttestationError("scope must list at least one checklist item")
    unknown = [code for code in scope if code not in ChecklistItem.values]
    if unknown or len(set(scope)) != len(scope):
        raise AttestationError(f"scope must list distinct checklist items (not {unknown})")
    if conclusion not in Outcome.values:
        raise AttestationError(f"conclusion must be one of {Outcome.values}")
    if not isinstance(screening, bool):
        raise AttestationError("screening must be true or false")
    decided, issued, until = (
        _day(decided_on, "decided_on"),
        _day(issued_on, "issued_on"),
        _day(valid_until, "valid_until"),
    )
    if not decided <= issued < until:
        raise AttestationError("the dates must run decided_on <= issued_on < valid_until")
    return {
        "type": STATEMENT_TYPE,
        "version": VERSION,
        "id": str(attestation_id or uuid.uuid4()),
        "issuer": {"organisation": _text(organisation, "organisation"), "key_id": key_id},
        "recipient": _text(recipient, "recipient"),
        "subject": subject,
        "scope": list(scope),
        "method": {
            "interviews": _count(interviews, "interviews"),
            # A decision is taken by four eyes at least (issue 7, item 5).
            "assessors": _count(assessors, "assessors", minimum=2),
            "evidence_items": _count(evidence_items, "evidence_items"),
            "screening": screening,
        },
        "conclusion": conclusion,
        "decided_on": decided.isoformat(),
        "issued_on": issued.isoformat(),
        "valid_until": until.isoformat(),
    }


def check_statement(statement: Mapping[str, Any]) -> dict[str, Any]:
    """Re-validate a statement (it may have been edited after make_statement); returns a copy."""
    if not isinstance(statement, Mapping) or set(statement) != STATEMENT_KEYS:
        raise AttestationError(f"a statement has exactly the keys {sorted(STATEMENT_KEYS)}")
    subject, method, issuer = statement["subject"], statement["method"], statement["issuer"]
    if not isinstance(subject, Mapping) or not set(subject) <= {"reference", "name_as_in_passport"}:
        raise AttestationError("subject holds a reference and, if needed, the name")
    if not isinstance(method, Mapping) or set(method) != set(METHOD_KEYS):
        raise AttestationError(f"method has exactly the keys {list(METHOD_KEYS)}")
    if not isinstance(issuer, Mapping) or set(issuer) != {"organisation", "key_id"}:
        raise AttestationError("issuer has exactly the keys organisation and key_id")
    if statement["type"] != STATEMENT_TYPE or statement["version"] != VERSION:
        raise AttestationError("not a statement of this type and version")
    try:
        days = [
            date.fromisoformat(statement[k]) for k in ("decided_on", "issued_on", "valid_until")
        ]
        attestation_id = uuid.UUID(statement["id"])
    except (TypeError, ValueError):
        raise AttestationError("the id must be a UUID and the dates ISO dates") from None
    rebuilt = make_statement(
        attestation_id=attestation_id,
        organisation=issuer["organisation"],
        key_id=issuer["key_id"],
        recipient=statement["recipient"],
        reference=subject.get("reference", ""),
        name_as_in_passport=subject.get("name_as_in_passport"),
        scope=statement["scope"],
        conclusion=statement["conclusion"],
        decided_on=days[0],
        issued_on=days[1],
        valid_until=days[2],
        **{key: method[key] for key in METHOD_KEYS},
    )
    if canonical_json(rebuilt) != canonical_json(dict(statement)):
        raise AttestationError("the statement is not in its normal form (spaces, spelling)")
    return rebuilt


# -- signing and the file ---------------------------------------------------------------------


def _envelope(statement: dict[str, Any], signer: SigningKey) -> dict[str, Any]:
    signature = signer.sign(canonical_json(statement))
    return {
        "statement": statement,
        "signature": base64.b64encode(signature).decode("ascii"),
        "key_id": signer.key_id,
        "public_key": signer.public.hex(),
    }


def sign(statement: Mapping[str, Any], *, signer: SigningKey | None = None) -> dict[str, Any]:
    """The signed document; by default signed with this instance's organisation key."""
    checked = check_statement(statement)
    if signer is None:
        from safepassage.vault.keys import organisation_signer

        signer = organisation_signer()
    if checked["issuer"]["key_id"] != signer.key_id:
        raise AttestationError("the statement names another key than the one signing it")
    return _envelope(checked, signer)


def dumps(document: Mapping[str, Any]) -> bytes:
    """The file an authority receives: indented for reading, one exact byte form."""
    text = json.dumps(document, sort_keys=True, indent=2, ensure_ascii=False)
    return (text + "\n").encode("utf-8")


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not allowed")


def _open(
    raw: bytes, expected_type: str, trusted_keys: Mapping[str, bytes]
) -> tuple[dict[str, Any] | None, str]:
    """The statement of a signed file if its signature verifies, else None; with the reason."""
    if not isinstance(raw, bytes) or len(raw) > MAX_DOCUMENT_BYTES:
        return None, Reason.MALFORMED
    try:
        document = json.loads(raw.decode("utf-8"), parse_constant=_no_constant)
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None, Reason.MALFORMED
    if not isinstance(document, dict) or set(document) != DOCUMENT_KEYS:
        return None, Reason.MALFORMED
    statement, signature_text = document["statement"], document["signature"]
    if not isinstance(statement, dict) or not isinstance(signature_text, str):
        return None, Reason.MALFORMED
    if statement.get("type") != expected_type or statement.get("version") != VERSION:
        return None, Reason.WRONG_TYPE
    issuer = statement.get("issuer")
    named = issuer.get("key_id") if isinstance(issuer, dict) else None
    if not isinstance(named, str):
        return None, Reason.MALFORMED
    if document["key_id"] != named:
        # The outer key id is outside the signature: a difference means the file was edited.
        return None, Reason.NOT_AS_SIGNED
    public = trusted_keys.get(named)
    if public is None:
        return None, Reason.UNKNOWN_KEY
    if document["public_key"] != public.hex():
        return None, Reason.KEY_MISMATCH
    try:
        signature = base64.b64decode(signature_text, validate=True)
        # Several base64 spellings decode to the same bytes; only the one we write is accepted.
        if base64.b64encode(signature).decode("ascii") != signature_text:
            return None, Reason.BAD_SIGNATURE
        verify(public, canonical_json(statement), signature)
    except (binascii.Error, TypeError, ValueError, SignatureError):
        # ValueError: a text the canonical form cannot encode, such as a lone surrogate.
        return None, Reason.BAD_SIGNATURE
    if dumps(document) != raw:
        return None, Reason.NOT_AS_SIGNED
    return statement, ""


def verify_document(
    raw: bytes,
    *,
    today: date,
    trusted_keys: Mapping[str, bytes],
    revoked: Collection[str],
) -> Verdict:
    """Check a signed attestation file against published keys and revocations."""
    statement, reason = _open(raw, STATEMENT_TYPE, trusted_keys)
    if statement is None:
        return Verdict(False, reason)
    try:
        until = date.fromisoformat(statement["valid_until"])
        attestation_id = str(uuid.UUID(statement["id"]))
    except (KeyError, TypeError, ValueError):
        return Verdict(False, Reason.MALFORMED)
    if attestation_id in revoked:
        return Verdict(False, Reason.REVOKED, statement)
    if today > until:
        return Verdict(False, Reason.EXPIRED, statement)
    return Verdict(True, Reason.VALID, statement)


def read_revocations(raw: bytes, *, trusted_keys: Mapping[str, bytes]) -> dict[str, Any]:
    """The statement of a signed revocation list; AttestationError when it does not verify."""
    statement, reason = _open(raw, REVOCATIONS_TYPE, trusted_keys)
    if statement is None:
        raise AttestationError(f"revocation list refused: {reason}")
    entries = statement.get("revoked")
    if not isinstance(entries, list) or not all(
        isinstance(entry, dict) and isinstance(entry.get("id"), str) for entry in entries
    ):
        raise AttestationError(f"revocation list refused: {Reason.MALFORMED}")
    return statement


def revoked_ids(revocations: Mapping[str, Any]) -> set[str]:
    return {entry["id"] for entry in revocations["revoked"]}


# -- this instance: keys, revocations, issue, revoke ------------------------------------------


def trusted_keys_here() -> dict[str, bytes]:
    """The Ed25519 public keys this instance publishes, by key id."""
    from safepassage.vault.models import OrganisationKeyring

    publics = [bytes(k.signing_public) for k in OrganisationKeyring.objects.order_by("pk")]
    return {key_id_of(public): public for public in publics}


def revoked_here() -> set[str]:
    from safepassage.vetting.models import Attestation

    rows = Attestation.objects.filter(revoked_at__isnull=False).values_list("id", flat=True)
    return {str(pk) for pk in rows}


def revocation_list(organisation_id: int | None = None) -> dict[str, Any]:
    """The signed list of revoked attestations of one organisation (by default the first)."""
    from django.utils import timezone

    from safepassage.vault.keys import organisation_signer
    from safepassage.vault.models import OrganisationKeyring
    from safepassage.vetting.models import Attestation

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
        "type": REVOCATIONS_TYPE,
        "version": VERSION,
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
    return _envelope(statement, signer)


def _sealed_aad(attestation_id: uuid.UUID) -> bytes:
    from safepassage.crypto import aead

    return aead.associated_data("attestation", attestation_id.hex)


def issue(
    vetting: Vetting, issued_by: Any, statement: Mapping[str, Any]
) -> tuple[Attestation, bytes, bytes]:
    """Sign both forms, keep the statement sealed, audit; returns the row, JSON and PDF bytes."""
    from django.db import transaction
    from django.utils import timezone

    from safepassage.audit.services import record
    from safepassage.crypto import aead
    from safepassage.vault.keys import key_folder, organisation_signer
    from safepassage.vetting import hooks, pdf
    from safepassage.vetting.models import Attestation

    checked = check_statement(statement)
    case = vetting.case
    if not vetting.outcome or vetting.decided_at is None:
        raise AttestationError("the vetting has no final decision to attest")
    if checked["conclusion"] != vetting.outcome:
        raise AttestationError("the statement's conclusion is not the final decision")
    if checked["subject"]["reference"] != case.reference:
        raise AttestationError("the statement names another case")
    if checked["issuer"]["organisation"] != case.organisation.name:
        raise AttestationError("the statement names another organisation")
    signer = organisation_signer(case.organisation_id)
    document = sign(checked, signer=signer)
    json_bytes = dumps(document)
    pdf_bytes = pdf.render_signed(document, organisation_id=case.organisation_id)
    attestation_id = uuid.UUID(checked["id"])
    with transaction.atomic():
        attestation = Attestation.objects.create(
            id=attestation_id,
            vetting=vetting,
            issued_by=issued_by,
            issued_at=timezone.now(),
            valid_until=date.fromisoformat(checked["valid_until"]),
            key_id=signer.key_id,
            sealed_statement=aead.encrypt(
                key_folder().server_key(), json_bytes, _sealed_aad(attestation_id)
            ),
        )
        record(
            "vetting.attestation_issued",
            actor=issued_by,
            target_type="attestation",
            target_ref=str(attestation_id),
            details={
                "case": case.reference,
                "conclusion": checked["conclusion"],
                "key_id": signer.key_id,
                "valid_until": checked["valid_until"],
                "with_name": "name_as_in_passport" in checked["subject"],
            },
        )
        day = timezone.localdate(attestation.issued_at)
        hooks.attestation_issued.send(Attestation, signed_file=json_bytes, day=day)
    return attestation, json_bytes, pdf_bytes


def signed_json(attestation: Attestation) -> bytes:
    """The signed file as issued, opened from its sealed copy."""
    from safepassage.crypto import aead
    from safepassage.vault.keys import key_folder

    return aead.decrypt(
        key_folder().server_key(), bytes(attestation.sealed_statement), _sealed_aad(attestation.id)
    )


def revoke(attestation: Attestation, *, by: Any, reason: str) -> Attestation:
    """Revoke an attestation for one of the listed reasons; it appears in the revocation list."""
    from django.db import transaction
    from django.utils import timezone

    from safepassage.audit.services import record
    from safepassage.vetting import hooks
    from safepassage.vetting.models import Attestation

    if reason not in REVOCATION_REASONS:
        raise AttestationError(f"reason must be one of {sorted(REVOCATION_REASONS)}")
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
