"""Attestations: the statement, its signed JSON form, and its verification.

Plain Python over PyNaCl, with no Django: someone who holds nothing but the organisation's
public key can verify. Issuing and revoking on this instance live in `issuing.py`.

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
from typing import Any, Protocol

from safepassage.crypto.signing import SignatureError, canonical_json, verify


def gettext_noop(message: str) -> str:
    """Marks a sentence for translation without Django (the name makemessages looks for); the
    page that shows it translates it then."""
    return message


STATEMENT_TYPE = "safepassage.attestation"
REVOCATIONS_TYPE = "safepassage.revocations"
REVOCATIONS_VERSION = 1
# Version 2 states what was recorded (which lists were searched, when, what was not examined);
# version 1 files, issued before, still verify.
VERSION = 2
VERIFIABLE_VERSIONS = (1, 2)
STATEMENT_KEYS = frozenset(
    {
        "type",
        "version",
        "id",
        "issuer",
        "recipient",
        "subject",
        "examined",
        "not_examined",
        "method",
        "conclusion",
        "decided_on",
        "issued_on",
        "valid_until",
    }
)
DOCUMENT_KEYS = frozenset({"statement", "signature", "key_id", "public_key"})
METHOD_KEYS = ("interviews", "assessors", "evidence", "screening")
# Larger than any real attestation or revocation list; bounds the work a hostile file can cause.
MAX_DOCUMENT_BYTES = 1024 * 1024
CASE_REFERENCE = re.compile(r"^[A-Z]{2}-[0-9A-Z]{4}-[0-9A-Z]{4}$")
KEY_ID = re.compile(r"^[0-9a-f]{16}$")
MAX_TEXT = 200

REVOCATION_REASONS: dict[str, str] = {
    "issued_in_error": gettext_noop("Issued in error"),
    "new_evidence": gettext_noop("New evidence reopened the decision"),
    "superseded": gettext_noop("Replaced by a newer attestation"),
    "key_compromise": gettext_noop("The signing key may have been exposed"),
}


class Reason:
    """The verdicts, one short sentence each."""

    VALID = gettext_noop("The attestation is authentic, unchanged, in force and not revoked.")
    MALFORMED = gettext_noop(
        "The file is not an attestation: it is not readable JSON of the expected form."
    )
    WRONG_TYPE = gettext_noop(
        "The file is not a safepassage attestation of a version this page knows."
    )
    UNKNOWN_KEY = gettext_noop("It is signed with a key that this organisation has not published.")
    KEY_MISMATCH = gettext_noop(
        "The public key in the file is not the one published under its key id."
    )
    BAD_SIGNATURE = gettext_noop(
        "The signature does not match the content: the file was changed or forged."
    )
    NOT_AS_SIGNED = gettext_noop(
        "The file was changed: it is not byte for byte the file that was signed."
    )
    REVOKED = gettext_noop("The organisation has revoked this attestation.")
    EXPIRED = gettext_noop("This attestation has expired.")


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

# The codes a statement may use; the models' choices carry their labels (a test keeps them equal).
CHECKLIST_ITEMS = (
    "unit_presence",
    "role_rank",
    "hierarchy",
    "knowledge",
    "voluntariness",
    "screening_reviewed",
    "infiltration",
)
OUTCOMES = ("no_indication", "concerns", "excluded", "inconclusive")
EVIDENCE_KINDS = (
    "document_copy",
    "photo_video",
    "interview_record",
    "osint",
    "third_party",
    "screening_result",
)
LANGUAGES = ("fr", "de", "en", "ru")
PASSPORT_DOCUMENTS = ("foreign_passport", "old_passport")
MAX_LISTS = 50


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


def _flag(value: object, what: str) -> bool:
    if not isinstance(value, bool):
        raise AttestationError(f"{what} must be true or false")
    return value


def _day(value: object, what: str) -> date:
    # datetime is a subclass of date; a time of day has no place in the statement.
    if isinstance(value, datetime) or not isinstance(value, date):
        raise AttestationError(f"{what} must be a date")
    return value


def _iso_day(value: object, what: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        try:
            return date.fromisoformat(value).isoformat()
        except ValueError:
            pass
    raise AttestationError(f"{what} must be an ISO date or null")


def _exact(value: object, keys: Collection[str], what: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping) or set(value) != set(keys):
        raise AttestationError(f"{what} has exactly the keys {sorted(keys)}")
    return value


def _codes(value: object, allowed: Sequence[str], what: str) -> list[str]:
    if not isinstance(value, list | tuple) or any(code not in allowed for code in value):
        raise AttestationError(f"{what} must list codes among {list(allowed)}")
    if len(set(value)) != len(value):
        raise AttestationError(f"{what} must not repeat a code")
    # One order, whatever order the caller used: the checklist's.
    return [code for code in allowed if code in value]


def _name(value: object) -> dict[str, Any]:
    """His name: the Latin spelling recorded from a passport (or null: none recorded), and the
    Cyrillic spelling recorded by the organisation (or null)."""
    name = _exact(value, ("passport", "passport_document", "cyrillic"), "subject.name")
    passport = name["passport"]
    document = name["passport_document"]
    if (passport is None) != (document is None):
        raise AttestationError("a passport spelling names its passport, and only then")
    if document is not None and document not in PASSPORT_DOCUMENTS:
        raise AttestationError(f"passport_document must be one of {list(PASSPORT_DOCUMENTS)}")
    cyrillic = name["cyrillic"]
    if passport is None and cyrillic is None:
        raise AttestationError("a name needs a passport spelling or a Cyrillic spelling")
    return {
        "passport": None if passport is None else _text(passport, "subject.name.passport"),
        "passport_document": document,
        "cyrillic": None if cyrillic is None else _text(cyrillic, "subject.name.cyrillic"),
    }


def _watch_list(value: object) -> dict[str, Any]:
    item = _exact(
        value, ("name", "version", "entries", "imported_on", "sample", "out_of_date"), "a list"
    )
    return {
        "name": _text(item["name"], "list name"),
        "version": _count(item["version"], "list version", minimum=1),
        "entries": _count(item["entries"], "list entries"),
        "imported_on": _iso_day(item["imported_on"], "list imported_on"),
        "sample": _flag(item["sample"], "list sample"),
        "out_of_date": _flag(item["out_of_date"], "list out_of_date"),
    }


def _incident_list(value: object) -> dict[str, Any]:
    item = _exact(value, ("name", "records", "sample"), "an incident list")
    return {
        "name": _text(item["name"], "incident list name"),
        "records": _count(item["records"], "incident records"),
        "sample": _flag(item["sample"], "incident list sample"),
    }


def _screening(value: object) -> dict[str, Any]:
    """What the case's screening recorded; "done" only when a real, current list was searched."""
    keys = (
        "done",
        "ran_on",
        "lists",
        "incident_lists",
        "lists_changed_since",
        "possible_matches",
        "unreviewed",
    )
    screening = _exact(value, keys, "method.screening")
    for key in ("lists", "incident_lists"):
        if not isinstance(screening[key], list) or len(screening[key]) > MAX_LISTS:
            raise AttestationError(f"method.screening.{key} must be a list of at most {MAX_LISTS}")
    lists = [_watch_list(item) for item in screening["lists"]]
    ran_on = _iso_day(screening["ran_on"], "method.screening.ran_on")
    done = _flag(screening["done"], "method.screening.done")
    real = any(not item["sample"] and not item["out_of_date"] for item in lists)
    if done != (ran_on is not None and real):
        raise AttestationError("screening is done only when a real, current list was searched")
    return {
        "done": done,
        "ran_on": ran_on,
        "lists": lists,
        "incident_lists": [_incident_list(item) for item in screening["incident_lists"]],
        "lists_changed_since": _flag(screening["lists_changed_since"], "lists_changed_since"),
        "possible_matches": _count(screening["possible_matches"], "possible_matches"),
        "unreviewed": _count(screening["unreviewed"], "unreviewed"),
    }


def _method(value: object) -> dict[str, Any]:
    method = _exact(value, METHOD_KEYS, "method")
    interviews = _exact(method["interviews"], ("held", "interviewers"), "method.interviews")
    evidence = _exact(method["evidence"], ("items", "kinds"), "method.evidence")
    kinds = evidence["kinds"]
    if not isinstance(kinds, Mapping) or any(kind not in EVIDENCE_KINDS for kind in kinds):
        raise AttestationError(f"method.evidence.kinds counts items of {list(EVIDENCE_KINDS)}")
    counted = {kind: _count(kinds[kind], f"evidence of kind {kind}", 1) for kind in sorted(kinds)}
    items = _count(evidence["items"], "method.evidence.items")
    if sum(counted.values()) != items:
        raise AttestationError("the evidence items by kind must add up to their number")
    held = _count(interviews["held"], "method.interviews.held")
    interviewers = _count(interviews["interviewers"], "method.interviews.interviewers")
    if interviewers > held:
        raise AttestationError("there cannot be more interviewers than interviews")
    return {
        "interviews": {"held": held, "interviewers": interviewers},
        # A decision is taken by four eyes at least.
        "assessors": _count(method["assessors"], "method.assessors", minimum=2),
        "evidence": {"items": items, "kinds": counted},
        "screening": _screening(method["screening"]),
    }


def make_statement(
    *,
    attestation_id: uuid.UUID | None = None,
    organisation: str,
    key_id: str,
    recipient: str,
    language: str,
    reference: str,
    name: Mapping[str, Any] | None = None,
    examined: Sequence[str],
    method: Mapping[str, Any],
    conclusion: str,
    decided_on: date,
    issued_on: date,
    valid_until: date,
) -> dict[str, Any]:
    """The statement to sign. Items of the checklist not in `examined` are stated as not
    examined; `name` only when the recipient needs it."""
    if not KEY_ID.match(key_id if isinstance(key_id, str) else ""):
        raise AttestationError("key_id must be 16 lowercase hexadecimal digits")
    if not isinstance(reference, str) or not CASE_REFERENCE.match(reference):
        raise AttestationError("reference must be a case reference such as SP-7K3M-Q9TX")
    if language not in LANGUAGES:
        raise AttestationError(f"language must be one of {list(LANGUAGES)}")
    subject: dict[str, Any] = {"reference": reference}
    if name is not None:
        subject["name"] = _name(name)
    checked = _codes(examined, CHECKLIST_ITEMS, "examined")
    if conclusion not in OUTCOMES:
        raise AttestationError(f"conclusion must be one of {list(OUTCOMES)}")
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
        "recipient": {"name": _text(recipient, "recipient"), "language": language},
        "subject": subject,
        "examined": checked,
        "not_examined": [code for code in CHECKLIST_ITEMS if code not in checked],
        "method": _method(method),
        "conclusion": conclusion,
        "decided_on": decided.isoformat(),
        "issued_on": issued.isoformat(),
        "valid_until": until.isoformat(),
    }


def check_statement(statement: Mapping[str, Any]) -> dict[str, Any]:
    """Re-validate a statement (it may have been edited after make_statement); returns a copy."""
    if not isinstance(statement, Mapping) or set(statement) != STATEMENT_KEYS:
        raise AttestationError(f"a statement has exactly the keys {sorted(STATEMENT_KEYS)}")
    subject, issuer, recipient = statement["subject"], statement["issuer"], statement["recipient"]
    if not isinstance(subject, Mapping) or not set(subject) <= {"reference", "name"}:
        raise AttestationError("subject holds a reference and, if needed, the name")
    _exact(issuer, ("organisation", "key_id"), "issuer")
    _exact(recipient, ("name", "language"), "recipient")
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
        recipient=recipient["name"],
        language=recipient["language"],
        reference=subject.get("reference", ""),
        name=subject.get("name"),
        examined=statement["examined"],
        method=statement["method"],
        conclusion=statement["conclusion"],
        decided_on=days[0],
        issued_on=days[1],
        valid_until=days[2],
    )
    if canonical_json(rebuilt) != canonical_json(dict(statement)):
        raise AttestationError("the statement is not in its normal form (spaces, spelling)")
    return rebuilt


# -- signing and the file ---------------------------------------------------------------------


def envelope(statement: dict[str, Any], signer: SigningKey) -> dict[str, Any]:
    """A statement with its signature, key id and public key: the signed document."""
    signature = signer.sign(canonical_json(statement))
    return {
        "statement": statement,
        "signature": base64.b64encode(signature).decode("ascii"),
        "key_id": signer.key_id,
        "public_key": signer.public.hex(),
    }


def sign(statement: Mapping[str, Any], *, signer: SigningKey) -> dict[str, Any]:
    """The signed document."""
    checked = check_statement(statement)
    if checked["issuer"]["key_id"] != signer.key_id:
        raise AttestationError("the statement names another key than the one signing it")
    return envelope(checked, signer)


def dumps(document: Mapping[str, Any]) -> bytes:
    """The file an authority receives: indented for reading, one exact byte form."""
    text = json.dumps(document, sort_keys=True, indent=2, ensure_ascii=False)
    return (text + "\n").encode("utf-8")


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not allowed")


def _open(
    raw: bytes, expected_type: str, versions: Collection[int], trusted_keys: Mapping[str, bytes]
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
    version = statement.get("version")
    if (
        statement.get("type") != expected_type
        or isinstance(version, bool)
        or version not in versions
    ):
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


def open_signed(
    raw: bytes, expected_type: str, versions: Collection[int], trusted_keys: Mapping[str, bytes]
) -> tuple[dict[str, Any] | None, str]:
    """The statement of another kind of signed file of this organisation (a dossier) if its
    signature verifies, byte for byte as written by `dumps`; else None, with the reason."""
    return _open(raw, expected_type, versions, trusted_keys)


def verify_document(
    raw: bytes,
    *,
    today: date,
    trusted_keys: Mapping[str, bytes],
    revoked: Collection[str],
) -> Verdict:
    """Check a signed attestation file against published keys and revocations."""
    statement, reason = _open(raw, STATEMENT_TYPE, VERIFIABLE_VERSIONS, trusted_keys)
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
    statement, reason = _open(raw, REVOCATIONS_TYPE, (REVOCATIONS_VERSION,), trusted_keys)
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
