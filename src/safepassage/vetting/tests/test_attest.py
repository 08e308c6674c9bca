"""Attestations as signed JSON: the statement, verification, revocation, issue and the command.

Every refusal is checked for its reason, so a test cannot pass because the file was refused for
some other cause than the one it sets up.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone
from nacl.signing import SigningKey

from safepassage.audit.models import AuditEntry
from safepassage.cases.gate import CaseAccess
from safepassage.cases.services import create_case
from safepassage.crypto import aead
from safepassage.crypto.signing import key_id
from safepassage.vault.keys import Signer, key_folder, organisation_signer
from safepassage.vetting import attest, facts, issuing
from safepassage.vetting.attest import Reason
from safepassage.vetting.models import Attestation, Vetting

pytestmark = pytest.mark.django_db

NAME = "Иван Петров"
RECIPIENT = "Office français de protection des réfugiés et apatrides"
EXAMINED = ["unit_presence", "role_rank", "hierarchy", "knowledge", "screening_reviewed"]
NOT_SCREENED = facts.NEVER_SCREENED
METHOD = {
    "interviews": {"held": 2, "interviewers": 2},
    "assessors": 2,
    "evidence": {"items": 7, "kinds": {"document_copy": 4, "osint": 3}},
    "screening": NOT_SCREENED,
}


@dataclass
class Issued:
    attestation: Attestation
    json: bytes
    pdf: bytes
    statement: dict[str, Any]
    vetting: Vetting


def decided(coordinator: Any, outcome: str = "no_indication") -> tuple[CaseAccess, Vetting]:
    access = create_case(coordinator, NAME)
    vetting = Vetting.objects.create(
        case=access.case, outcome=outcome, decided_at=timezone.now(), assessors=2
    )
    return access, vetting


def decided_vetting(coordinator: Any, outcome: str = "no_indication") -> Vetting:
    return decided(coordinator, outcome)[1]


def statement_for(vetting: Vetting, **overrides: Any) -> dict[str, Any]:
    """A statement made directly (no records behind it): for testing the format alone."""
    today = timezone.localdate()
    signer = organisation_signer(vetting.case.organisation_id)
    values: dict[str, Any] = {
        "organisation": vetting.case.organisation.name,
        "key_id": signer.key_id,
        "recipient": RECIPIENT,
        "language": "fr",
        "reference": vetting.case.reference,
        "examined": EXAMINED,
        "method": METHOD,
        "conclusion": vetting.outcome,
        "decided_on": today,
        "issued_on": today,
        "valid_until": today + timedelta(days=180),
    }
    values.update(overrides)
    return attest.make_statement(**values)


def issue_one(coordinator: Any, **options: Any) -> Issued:
    """A decided vetting of a new case and an attestation issued on it from its records."""
    access, vetting = decided(coordinator)
    values: dict[str, Any] = {
        "recipient": RECIPIENT,
        "language": "fr",
        "include_name": False,
        "valid_days": 180,
        "warnings_confirmed": True,
    }
    values.update(options)
    attestation, json_bytes, pdf_bytes = issuing.issue(access, vetting, **values)
    statement = json.loads(json_bytes)["statement"]
    return Issued(attestation, json_bytes, pdf_bytes, statement, vetting)


def other_signer() -> Signer:
    key = SigningKey.generate()
    return Signer(secret=bytes(key), public=bytes(key.verify_key))


def here(raw: bytes, today: date | None = None) -> attest.Verdict:
    return attest.verify_document(
        raw,
        today=today or timezone.localdate(),
        trusted_keys=issuing.trusted_keys_here(),
        revoked=issuing.revoked_here(),
    )


def change_byte(raw: bytes, old: bytes, new: bytes) -> bytes:
    """Replace the first occurrence of `old` by `new` (same length: a change in place)."""
    assert len(old) == len(new)
    assert old in raw
    return raw.replace(old, new, 1)


# -- the statement --------------------------------------------------------------------------


def test_statement_has_exactly_the_documented_keys(coordinator):
    statement = statement_for(decided_vetting(coordinator))
    assert set(statement) == {
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
    assert statement["type"] == "safepassage.attestation"
    assert statement["version"] == 2
    assert set(statement["method"]) == {"interviews", "assessors", "evidence", "screening"}
    assert statement["recipient"] == {"name": RECIPIENT, "language": "fr"}
    assert statement["not_examined"] == ["voluntariness", "infiltration"]


def test_name_is_absent_from_the_statement_when_not_requested(coordinator):
    issued = issue_one(coordinator)
    assert issued.statement["subject"] == {"reference": issued.vetting.case.reference}
    assert NAME.encode() not in issued.json


def test_name_is_in_the_statement_when_the_recipient_needs_it(coordinator):
    issued = issue_one(coordinator, include_name=True)
    assert issued.statement["subject"]["name"] == {
        "passport": None,
        "passport_document": None,
        "cyrillic": NAME,
    }
    assert here(issued.json).valid


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("examined", ["unit_presence", "astrology"]),
        ("examined", ["role_rank", "role_rank"]),
        ("conclusion", "probably_fine"),
        ("method", {**METHOD, "assessors": 1}),
        ("method", {**METHOD, "interviews": {"held": True, "interviewers": 1}}),
        ("method", {**METHOD, "interviews": {"held": 1, "interviewers": 2}}),
        ("method", {**METHOD, "evidence": {"items": 8, "kinds": {"document_copy": 7}}}),
        ("method", {**METHOD, "evidence": {"items": 1, "kinds": {"rumour": 1}}}),
        ("method", {**METHOD, "screening": {**NOT_SCREENED, "done": True}}),
        ("method", {**METHOD, "screening": "yes"}),
        ("method", {key: value for key, value in METHOD.items() if key != "screening"}),
        ("language", "tlh"),
        ("name", {"passport": "IVANOV IVAN", "passport_document": None, "cyrillic": None}),
        ("name", {"passport": None, "passport_document": None, "cyrillic": None}),
        ("name", {"passport": "IVANOV", "passport_document": "visa", "cyrillic": None}),
        ("reference", "Ivan Petrov"),
        ("recipient", "  "),
        ("recipient", "OFPRA\nforged line"),
        ("key_id", "not-a-key-id"),
        ("valid_until", date(2000, 1, 1)),
        ("issued_on", timezone.now()),
    ],
)
def test_make_statement_refuses_bad_values(coordinator, field, value):
    vetting = decided_vetting(coordinator)
    with pytest.raises(attest.AttestationError):
        statement_for(vetting, **{field: value})


# -- verifying the JSON file ----------------------------------------------------------------


def test_a_valid_attestation_verifies(coordinator):
    issued = issue_one(coordinator)
    verdict = here(issued.json)
    assert verdict == attest.Verdict(True, Reason.VALID, issued.statement)


def test_every_one_byte_change_anywhere_is_rejected(coordinator):
    """Each of the eight one-bit changes of every byte: JSON, spacing, key id, base64 padding."""
    raw = issue_one(coordinator).json
    keys, revoked, today = issuing.trusted_keys_here(), issuing.revoked_here(), timezone.localdate()
    accepted = []
    for position in range(len(raw)):
        for bit in range(8):
            changed = bytearray(raw)
            changed[position] ^= 1 << bit
            verdict = attest.verify_document(
                bytes(changed), today=today, trusted_keys=keys, revoked=revoked
            )
            if verdict.valid:
                accepted.append((position, bit))
    assert accepted == [], f"changes at {accepted[:5]} were accepted"


def test_a_change_in_the_statement_breaks_the_signature(coordinator):
    issued = issue_one(coordinator)
    changed = change_byte(issued.json, b'"held": 0', b'"held": 3')
    assert here(changed) == attest.Verdict(False, Reason.BAD_SIGNATURE)


def test_a_text_that_cannot_be_encoded_is_rejected_not_a_crash(coordinator):
    """JSON allows a lone surrogate ("\\ud800"); the canonical form cannot encode it."""
    issued = issue_one(coordinator)
    reference = json.loads(issued.json)["statement"]["subject"]["reference"].encode()
    changed = change_byte(issued.json, reference, b"SP-\\ud800-XY")
    assert here(changed) == attest.Verdict(False, Reason.BAD_SIGNATURE)


def test_a_change_in_the_signature_is_rejected(coordinator):
    issued = issue_one(coordinator)
    signature = json.loads(issued.json)["signature"].encode()
    flipped = signature[:10] + (b"A" if signature[10:11] != b"A" else b"B") + signature[11:]
    assert here(change_byte(issued.json, signature, flipped)).reason == Reason.BAD_SIGNATURE


def test_a_change_of_spacing_alone_is_rejected(coordinator):
    issued = issue_one(coordinator)
    changed = change_byte(issued.json, b'\n  "key_id"', b'\n\t "key_id"')
    assert json.loads(changed) == json.loads(issued.json)
    assert here(changed) == attest.Verdict(False, Reason.NOT_AS_SIGNED)


def test_a_document_signed_by_another_key_is_refused_as_unknown(coordinator):
    issued = issue_one(coordinator)
    forger = other_signer()
    statement = {**issued.statement, "issuer": {**issued.statement["issuer"]}}
    statement["issuer"]["key_id"] = forger.key_id
    forged = attest.dumps(attest.sign(statement, signer=forger))
    assert here(forged) == attest.Verdict(False, Reason.UNKNOWN_KEY)


def test_a_forged_key_id_is_refused(coordinator):
    issued = issue_one(coordinator)
    forger = other_signer()
    ours = organisation_signer()
    document = attest.envelope(issued.statement, forger)  # names our key id, signed by another
    document["key_id"] = ours.key_id
    assert here(attest.dumps(document)).reason == Reason.KEY_MISMATCH
    document["public_key"] = ours.public.hex()
    assert here(attest.dumps(document)) == attest.Verdict(False, Reason.BAD_SIGNATURE)


def test_an_expired_attestation_is_refused_after_its_last_day(coordinator):
    issued = issue_one(coordinator)
    last_day = date.fromisoformat(issued.statement["valid_until"])
    assert here(issued.json, today=last_day).valid
    verdict = here(issued.json, today=last_day + timedelta(days=1))
    assert verdict == attest.Verdict(False, Reason.EXPIRED, issued.statement)


def test_a_revoked_attestation_is_refused(coordinator):
    issued = issue_one(coordinator)
    issuing.revoke(issued.attestation, by=coordinator, reason="new_evidence")
    assert here(issued.json) == attest.Verdict(False, Reason.REVOKED, issued.statement)


@pytest.mark.parametrize(
    "raw",
    [b"", b"not json", b"[]", b'{"statement": {}}', "{}".encode("utf-16"), b"[" * 100_000],
)
def test_malformed_files_are_refused_as_malformed(coordinator, raw):
    issue_one(coordinator)
    assert here(raw) == attest.Verdict(False, Reason.MALFORMED)


def test_another_kind_of_signed_file_is_not_an_attestation(coordinator):
    issue_one(coordinator)
    revocations = attest.dumps(issuing.revocation_list())
    assert here(revocations) == attest.Verdict(False, Reason.WRONG_TYPE)


def test_verification_needs_nothing_but_the_public_key(coordinator, tmp_path):
    """A verifier without Django or this instance's database can run verify_document."""
    issued = issue_one(coordinator)
    (tmp_path / "a.json").write_bytes(issued.json)
    public = organisation_signer().public.hex()
    script = (
        "import sys, datetime\n"
        "from safepassage.vetting.attest import verify_document\n"
        f"key = bytes.fromhex('{public}')\n"
        f"raw = open(sys.argv[1], 'rb').read()\n"
        f"v = verify_document(raw, today=datetime.date.today(), "
        f"trusted_keys={{'{key_id(bytes.fromhex(public))}': key}}, revoked=set())\n"
        "print(v.valid, 'django' in sys.modules)\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    out = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "a.json")],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    assert out.stdout.split() == ["True", "False"]


# -- issue and revoke -----------------------------------------------------------------------


def test_issue_keeps_the_signed_file_sealed_to_its_own_attestation(coordinator):
    issued = issue_one(coordinator)
    row = Attestation.objects.get()
    assert row.id == uuid.UUID(issued.statement["id"])
    assert row.valid_until.isoformat() == issued.statement["valid_until"]
    assert issued.json not in bytes(row.sealed_statement)
    assert issuing.signed_json(row) == issued.json
    moved = aead.associated_data("attestation", uuid.uuid4().hex)
    with pytest.raises(aead.DecryptionError):
        aead.decrypt(key_folder().server_key(), bytes(row.sealed_statement), moved)


def test_issue_is_audited_without_the_name(coordinator):
    issued = issue_one(coordinator, include_name=True)
    entry = AuditEntry.objects.get(action="vetting.attestation_issued")
    assert entry.target_ref == issued.statement["id"]
    assert entry.actor_id == coordinator.pk
    assert issued.vetting.case.reference in entry.details
    assert "Петров" not in entry.details


@pytest.mark.parametrize("problem", ["undecided", "other_case", "unconfirmed"])
def test_issue_refuses_what_is_not_a_decision_and_writes_nothing(coordinator, problem):
    access, vetting = decided(coordinator)
    confirmed = problem != "unconfirmed"
    if problem == "undecided":
        Vetting.objects.filter(pk=vetting.pk).update(outcome="", decided_at=None)
        vetting.refresh_from_db()
    elif problem == "other_case":
        vetting = decided_vetting(coordinator)
    with pytest.raises(attest.AttestationError):
        issuing.issue(
            access,
            vetting,
            recipient=RECIPIENT,
            language="fr",
            include_name=False,
            valid_days=180,
            warnings_confirmed=confirmed,
        )
    assert not Attestation.objects.exists()
    assert not AuditEntry.objects.filter(action="vetting.attestation_issued").exists()


def test_sign_refuses_an_edited_statement(coordinator):
    statement = statement_for(decided_vetting(coordinator))
    statement["subject"]["nickname"] = "Vanya"
    with pytest.raises(attest.AttestationError):
        attest.sign(statement, signer=organisation_signer())


def test_revocation_needs_a_listed_reason_and_happens_once(coordinator):
    issued = issue_one(coordinator)
    with pytest.raises(attest.AttestationError):
        issuing.revoke(issued.attestation, by=coordinator, reason="changed my mind")
    assert issuing.revoked_here() == set()
    issuing.revoke(issued.attestation, by=coordinator, reason="issued_in_error")
    with pytest.raises(attest.AttestationError):
        issuing.revoke(issued.attestation, by=coordinator, reason="superseded")
    row = Attestation.objects.get()
    assert row.revoked_reason == "issued_in_error"
    entries = AuditEntry.objects.filter(action="vetting.attestation_revoked")
    assert [(e.target_ref, e.actor_id) for e in entries] == [(str(row.id), coordinator.pk)]


def test_the_revocation_list_verifies_with_only_the_public_key(coordinator):
    issued = issue_one(coordinator)
    kept = issue_one(coordinator)
    issuing.revoke(issued.attestation, by=coordinator, reason="new_evidence")
    raw = attest.dumps(issuing.revocation_list())
    public = organisation_signer().public
    statement = attest.read_revocations(raw, trusted_keys={key_id(public): public})
    assert statement["type"] == "safepassage.revocations"
    assert statement["revoked"] == [
        {
            "id": issued.statement["id"],
            "reason": "new_evidence",
            "revoked_on": timezone.now().date().isoformat(),
        }
    ]
    assert attest.revoked_ids(statement) == {issued.statement["id"]}
    assert kept.statement["id"] not in raw.decode()


def test_a_changed_revocation_list_is_refused(coordinator):
    issued = issue_one(coordinator)
    issuing.revoke(issued.attestation, by=coordinator, reason="new_evidence")
    raw = attest.dumps(issuing.revocation_list())
    emptied = raw.replace(issued.statement["id"].encode(), str(uuid.uuid4()).encode())
    with pytest.raises(attest.AttestationError, match="revocation list refused"):
        attest.read_revocations(emptied, trusted_keys=issuing.trusted_keys_here())
    with pytest.raises(attest.AttestationError, match="revocation list refused"):
        attest.read_revocations(raw, trusted_keys={other_signer().key_id: b"\x00" * 32})


# -- the command ----------------------------------------------------------------------------


def run_verify(path: Path, *args: str) -> tuple[bool, str]:
    out = StringIO()
    returncode = 0
    try:
        call_command("attest", "verify", str(path), *args, stdout=out, stderr=StringIO())
    except CommandError as exc:
        returncode = exc.returncode
    assert returncode in {0, 1}
    return returncode == 0, out.getvalue()


def test_command_accepts_a_valid_attestation(coordinator, tmp_path):
    issued = issue_one(coordinator)
    (tmp_path / "a.json").write_bytes(issued.json)
    ok, output = run_verify(tmp_path / "a.json")
    assert ok
    assert output.startswith(f"VALID: {Reason.VALID}")
    assert issued.statement["id"] in output


@pytest.mark.parametrize(
    ("damage", "reason"),
    [
        ("statement", Reason.BAD_SIGNATURE),
        ("signature", Reason.BAD_SIGNATURE),
        ("other_key", Reason.UNKNOWN_KEY),
        ("forged_key_id", Reason.BAD_SIGNATURE),
        ("expired", Reason.EXPIRED),
        ("revoked", Reason.REVOKED),
    ],
)
def test_command_refuses_each_kind_of_bad_attestation(coordinator, tmp_path, damage, reason):
    issued = issue_one(coordinator)
    raw, args = issued.json, []
    if damage == "statement":
        raw = change_byte(raw, b'"assessors": 2', b'"assessors": 3')
    elif damage == "signature":
        document = json.loads(raw)
        signature = base64_flip(document["signature"])
        raw = change_byte(raw, document["signature"].encode(), signature.encode())
    elif damage in {"other_key", "forged_key_id"}:
        raw = signed_by_another_key(raw, naming_ours=damage == "forged_key_id")
    elif damage == "expired":
        args = [
            "--today",
            (date.fromisoformat(issued.statement["valid_until"]) + timedelta(1)).isoformat(),
        ]
    else:
        issuing.revoke(issued.attestation, by=coordinator, reason="superseded")
    (tmp_path / "a.json").write_bytes(raw)
    ok, output = run_verify(tmp_path / "a.json", *args)
    assert not ok
    assert output.startswith(f"NOT VALID: {reason}")


def base64_flip(text: str) -> str:
    return text[:5] + ("A" if text[5] != "A" else "B") + text[6:]


def signed_by_another_key(raw: bytes, *, naming_ours: bool) -> bytes:
    """The statement signed again by a forger's key, with our published public key attached;
    the statement names the forger's key id, or (`naming_ours`) still names ours."""
    forger = other_signer()
    statement = json.loads(raw)["statement"]
    if not naming_ours:
        statement["issuer"]["key_id"] = forger.key_id
    document = attest.envelope(statement, forger)
    document["key_id"] = statement["issuer"]["key_id"]
    document["public_key"] = organisation_signer().public.hex()
    return attest.dumps(document)


def test_the_command_exits_0_only_for_a_valid_file_with_public_data_only(coordinator, tmp_path):
    """Run as a verifier elsewhere would: the published key and revocation list, no database."""
    valid = issue_one(coordinator)
    revoked = issue_one(coordinator)
    issuing.revoke(revoked.attestation, by=coordinator, reason="key_compromise")
    (tmp_path / "valid.json").write_bytes(valid.json)
    (tmp_path / "revoked.json").write_bytes(revoked.json)
    (tmp_path / "tampered.json").write_bytes(valid.json.replace(b"SP-", b"SQ-", 1))
    (tmp_path / "revocations.json").write_bytes(attest.dumps(issuing.revocation_list()))
    public = organisation_signer().public.hex()
    codes = {}
    for name in ("valid", "revoked", "tampered"):
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "safepassage",
                "attest",
                "verify",
                str(tmp_path / f"{name}.json"),
                "--public-key",
                public,
                "--revocations",
                str(tmp_path / "revocations.json"),
            ],
            capture_output=True,
            text=True,
            env={**os.environ, "DJANGO_SETTINGS_MODULE": "tests.settings"},
        )
        codes[name] = (result.returncode, result.stdout.split(":")[0])
    assert codes == {
        "valid": (0, "VALID"),
        "revoked": (1, "NOT VALID"),
        "tampered": (1, "NOT VALID"),
    }


def test_the_command_refuses_a_revocation_list_it_cannot_verify(coordinator, tmp_path):
    issued = issue_one(coordinator)
    (tmp_path / "a.json").write_bytes(issued.json)
    (tmp_path / "r.json").write_bytes(b'{"revoked": []}')
    with pytest.raises(CommandError, match="revocation list refused"):
        call_command(
            "attest",
            "verify",
            str(tmp_path / "a.json"),
            "--revocations",
            str(tmp_path / "r.json"),
            stdout=StringIO(),
        )


# -- the codes, and attestations issued in the earlier format ----------------------------------


def test_the_statement_codes_are_the_models_choices():
    from safepassage.vetting.models import ChecklistItem, EvidenceKind, Outcome

    assert list(attest.CHECKLIST_ITEMS) == ChecklistItem.values
    assert list(attest.OUTCOMES) == Outcome.values
    assert list(attest.EVIDENCE_KINDS) == EvidenceKind.values


def test_an_attestation_of_the_earlier_format_still_verifies_but_is_not_made_again(coordinator):
    """Version 1 stated "screening: true" from a checklist answer; files issued then still
    verify (their signature is genuine), and nothing new is issued in that form."""
    vetting = decided_vetting(coordinator)
    today = timezone.localdate()
    signer = organisation_signer(vetting.case.organisation_id)
    old = {
        "type": "safepassage.attestation",
        "version": 1,
        "id": str(uuid.uuid4()),
        "issuer": {"organisation": vetting.case.organisation.name, "key_id": signer.key_id},
        "recipient": RECIPIENT,
        "subject": {"reference": vetting.case.reference},
        "scope": ["role_rank"],
        "method": {"interviews": 2, "assessors": 2, "evidence_items": 1, "screening": True},
        "conclusion": "no_indication",
        "decided_on": today.isoformat(),
        "issued_on": today.isoformat(),
        "valid_until": (today + timedelta(days=30)).isoformat(),
    }
    raw = attest.dumps(attest.envelope(old, signer))
    assert here(raw) == attest.Verdict(True, Reason.VALID, old)
    with pytest.raises(attest.AttestationError):
        attest.sign(old, signer=signer)
    unknown = attest.dumps(attest.envelope({**old, "version": 3}, signer))
    assert here(unknown).reason == Reason.WRONG_TYPE
