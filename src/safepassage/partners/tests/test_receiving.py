"""Receiving: each bad message is refused with its reason, audited, and changes nothing else; a
good one waits sealed, becomes a new case with its provenance, and answers with a receipt."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from safepassage.audit.models import AuditEntry
from safepassage.cases.models import Assignment, Case, Person, ServicePeriod
from safepassage.partners import channel, envelope, inbox, services
from safepassage.partners.card import stamp
from safepassage.partners.models import Handover, InboxItem, Message, Partner, RowLink
from safepassage.partners.services import PartnerError, Refused
from safepassage.partners.tests.conftest import Party, us, vault_of
from safepassage.testing import verified_client
from safepassage.vault import fields
from safepassage.vault.models import EncryptedFile, KeyRing

pytestmark = pytest.mark.django_db


def _document(name: str = "Пётр Сидоров", unit: str = "в/ч 54321") -> bytes:
    case = {
        "plain": {"stage": "vetting", "resume_to": ""},
        "sealed": {"wanted_level": "federal"},
        "rows": {
            "person": [
                {
                    "id": 1,
                    "uid": "a" * 32,
                    "plain": {"kind": "principal", "position": 0},
                    "sealed": {"name_cyrillic": name, "birth_date": "1991"},
                }
            ],
            "serviceperiod": [
                {"id": 1, "uid": "b" * 32, "plain": {}, "sealed": {"unit_name": unit}}
            ],
        },
    }
    document = {
        "format": "safepassage-case-handover",
        "version": 1,
        "reference": "SP-AAAA-BBBB",
        "scope": ["identity", "service"],
        "consent": {
            "sections": ["identity", "service"],
            "how": "in_writing",
            "recorded_on": "2025-01-01",
        },
        "case": case,
        "files": [{"part": "files/001.txt", "name": "summons.txt", "kind": "text", "size": 9}],
        "attestation": None,
    }
    return json.dumps(document, ensure_ascii=False).encode()


def _parts(document: bytes | None = None) -> list[envelope.Part]:
    return [
        envelope.part_from_bytes("case.json", document or _document()),
        envelope.part_from_bytes("files/001.txt", b"summons 1"),
    ]


def _file(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / f"m{len(list(tmp_path.glob('m*')))}.age"
    path.write_bytes(data)
    return path


def _state() -> dict[str, int]:
    """Everything a refused message must leave as it was."""
    return {
        "cases": Case.objects.count(),
        "people": Person.objects.count(),
        "messages": Message.objects.count(),
        "handovers": Handover.objects.count(),
        "inbox": InboxItem.objects.count(),
        "files": EncryptedFile.objects.count(),
        "keys": KeyRing.objects.count(),
        "partners": Partner.objects.count(),
    }


def _refused(path: Path, code: str) -> None:
    before = _state()
    kept = sorted(Path(inbox.folder("inbox")).iterdir())
    audit_before = AuditEntry.objects.filter(action="partners.message_refused").count()
    with pytest.raises(Refused) as refused:
        inbox.receive(path)
    assert refused.value.code == code
    assert _state() == before
    entry = AuditEntry.objects.filter(action="partners.message_refused").order_by("-seq").first()
    assert AuditEntry.objects.filter(action="partners.message_refused").count() == audit_before + 1
    assert f'"reason":"{code}"' in entry.details.replace(" ", "")  # type: ignore[union-attr]
    assert sorted(Path(inbox.folder("inbox")).iterdir()) == kept
    assert list(Path(inbox.folder("spool")).iterdir()) == []


def test_a_good_bundle_waits_sealed_in_the_inbox(organisation, partner, party, tmp_path):
    key, recipient = us(organisation)
    manifest, data = party.message(key, recipient, _parts())
    item = inbox.receive(_file(tmp_path, data))
    assert isinstance(item, InboxItem)
    assert item.status == "waiting"
    assert item.message.message_id == manifest.id
    assert inbox.inbox_path(item).read_bytes() == data  # kept as it came: encrypted to us
    assert Case.objects.count() == 0


def test_refusals_leave_everything_as_it_was(
    organisation, coordinator, partner, party, tmp_path, settings
):
    key, recipient = us(organisation)
    # From an organisation that is not our partner.
    stranger = Party("Stranger")
    _refused(_file(tmp_path, stranger.message(key, recipient, _parts())[1]), "unknown_sender")
    # Signed by another key in our partner's name.
    _m, forged = party.message(key, recipient, _parts(), signer=stranger.signing)
    _refused(_file(tmp_path, forged), "bad_signature")
    # Re-addressed: signed for another organisation, then encrypted to us.
    _m, readdressed = party.message(
        stranger.public, stranger.recipient, _parts(), encrypt_to=recipient
    )
    _refused(_file(tmp_path, readdressed), "wrong_recipient")
    # Encrypted to someone else.
    _m, elsewhere = party.message(key, recipient, _parts(), encrypt_to=stranger.recipient)
    _refused(_file(tmp_path, elsewhere), "not_for_us")
    # Expired.
    past = timezone.now().replace(microsecond=0) - timedelta(days=30)
    _m, old = party.message(
        key, recipient, _parts(), created_at=past, expires_at=past + timedelta(days=14)
    )
    _refused(_file(tmp_path, old), "expired")
    # Truncated, changed by one byte, not an age file at all.
    _m, good = party.message(key, recipient, _parts())
    _refused(_file(tmp_path, good[:-20]), "damaged")
    flipped = bytearray(good)
    flipped[len(good) // 2] ^= 0x40
    _refused(_file(tmp_path, bytes(flipped)), "damaged")
    _refused(_file(tmp_path, b"%PDF-1.7\nnot an age file"), "damaged")
    # Larger than we take.
    settings.PARTNER_BUNDLE_MAX_BYTES = 4096
    _m, big = party.message(
        key, recipient, [envelope.part_from_bytes("case.json", b"{" + b" " * 20000 + b"}")]
    )
    _refused(_file(tmp_path, big), "too_large")
    settings.PARTNER_BUNDLE_MAX_BYTES = 10**8
    # A kind of message we do not take.
    _m, odd = party.message(key, recipient, _parts(), kind="gossip")
    _refused(_file(tmp_path, odd), "unknown_kind")
    # Replayed: the good one goes in once, never twice.
    inbox.receive(_file(tmp_path, good))
    _refused(_file(tmp_path, good), "replayed")
    # From a partner nobody verified, and from one revoked.
    unverified = Party("Unverified")
    services.add_partner(coordinator, unverified.card())
    _refused(_file(tmp_path, unverified.message(key, recipient, _parts())[1]), "unverified_sender")
    services.revoke_partner(coordinator, partner, "compromised")
    _refused(_file(tmp_path, party.message(key, recipient, _parts())[1]), "revoked_sender")


def test_a_receipt_for_a_bundle_we_never_sent_is_refused(organisation, partner, party, tmp_path):
    key, recipient = us(organisation)
    body = json.dumps({"bundle_id": "c" * 32, "bundle_sha256": "d" * 64, "imported": {}}).encode()
    _m, data = party.message(
        key, recipient, [envelope.part_from_bytes("receipt.json", body)], kind="receipt", about={}
    )
    _refused(_file(tmp_path, data), "no_match")


def test_importing_makes_a_new_case_with_provenance_and_a_signed_receipt(
    rules, organisation, coordinator, caseworker, partner, party, tmp_path
):
    key, recipient = us(organisation)
    manifest, data = party.message(key, recipient, _parts())
    item = inbox.receive(_file(tmp_path, data))
    access = inbox.import_item(
        coordinator, vault_of(coordinator), item, [(caseworker, "caseworker")]
    )
    case = access.case
    principal = Person.objects.get(case=case)
    assert fields.read(access.key, principal, "name_cyrillic") == "Пётр Сидоров"
    assert fields.read(access.key, ServicePeriod.objects.get(case=case), "unit_name") == "в/ч 54321"
    assert fields.read(access.key, case, "wanted_level") == "federal"
    stored = EncryptedFile.objects.get(ring=access.key.ring)
    from safepassage.vault.files import meta_of, read_chunks

    assert b"".join(read_chunks(access.key, stored)) == b"summons 1"
    assert meta_of(access.key, stored).name == "summons.txt"
    assert Assignment.objects.filter(case=case, staff=caseworker, role="caseworker").exists()
    provenance = Handover.objects.get(case=case)
    assert (provenance.direction, provenance.partner, provenance.first_id) == (
        "in",
        partner,
        manifest.id,
    )
    assert {link.uid for link in RowLink.objects.filter(case=case)} == {"a" * 32, "b" * 32}
    item.refresh_from_db()
    assert item.status == "imported"
    assert item.case == case
    # The receipt opens for the sender only, signed by us, naming the bundle it confirms.
    parts = party.open(bytes(item.receipt), key, tmp_path)
    receipt = json.loads(parts["receipt.json"])
    assert receipt["bundle_id"] == manifest.id
    assert receipt["bundle_sha256"] == item.message.sha256
    assert receipt["imported"]["person"] == 1
    assert receipt["imported"]["files"] == 1
    with pytest.raises(PartnerError):
        inbox.import_item(coordinator, vault_of(coordinator), item)
    # A file from a partner is a stranger's file: the case page offers its safe copy, and no
    # partner page hands out the original.
    page = verified_client(caseworker).get(f"/cases/{case.reference}/").content.decode()
    assert f"/cases/{case.reference}/files/{stored.id}/" in page
    assert f"/partners/cases/{case.reference}/files/" not in page
    old_door = f"/partners/cases/{case.reference}/files/{stored.id}/"
    assert verified_client(caseworker).get(old_door).status_code == 404


def test_a_bundle_whose_file_is_not_what_it_claims_imports_nothing(
    rules, organisation, coordinator, partner, party, tmp_path, settings
):
    key, recipient = us(organisation)
    parts = [
        envelope.part_from_bytes("case.json", _document()),
        envelope.part_from_bytes("files/001.txt", b"\x00\x01binary, not text"),
    ]
    item = inbox.receive(_file(tmp_path, party.message(key, recipient, parts)[1]))
    before = _state()
    with pytest.raises(PartnerError, match="Refused"):
        inbox.import_item(coordinator, vault_of(coordinator), item)
    assert _state() == before
    assert AuditEntry.objects.filter(action="partners.import_refused").count() == 1
    assert list(Path(settings.FILES_DIR).glob("[0-9a-f][0-9a-f]/*.bin")) == []


def test_an_update_shows_what_changed_before_it_is_applied(
    rules, organisation, coordinator, partner, party, tmp_path
):
    from safepassage.partners import updates

    key, recipient = us(organisation)
    first, data = party.message(key, recipient, _parts())
    item = inbox.receive(_file(tmp_path, data))
    access = inbox.import_item(coordinator, vault_of(coordinator), item)
    changed = json.loads(_document(unit="в/ч 99999"))
    changed["case"]["rows"]["serviceperiod"].append(
        {"id": 2, "uid": "e" * 32, "plain": {}, "sealed": {"unit_name": "вторая часть"}}
    )
    update_doc = json.dumps(changed, ensure_ascii=False).encode()
    _m, update = party.message(
        key,
        recipient,
        [envelope.part_from_bytes("case.json", update_doc)],
        kind="update",
        about={"scope": ["identity", "service"], "first": first.id},
    )
    waiting = inbox.receive(_file(tmp_path, update))
    shown = updates.preview(coordinator, vault_of(coordinator), waiting)
    assert sorted((c.section, c.what) for c in shown.changes) == [
        ("serviceperiod", "added"),
        ("serviceperiod", "changed"),
    ]
    units = lambda: sorted(  # noqa: E731
        fields.read(access.key, row, "unit_name")
        for row in ServicePeriod.objects.filter(case=access.case)
    )
    assert units() == ["в/ч 54321"]  # a preview writes nothing
    updates.apply(coordinator, vault_of(coordinator), waiting)
    assert units() == ["в/ч 99999", "вторая часть"]
    assert AuditEntry.objects.filter(action="partners.update_applied").count() == 1


def test_an_update_for_a_case_never_exchanged_is_refused(organisation, partner, party, tmp_path):
    key, recipient = us(organisation)
    _m, data = party.message(
        key, recipient, _parts(), kind="update", about={"scope": ["identity"], "first": "f" * 32}
    )
    _refused(_file(tmp_path, data), "unknown_link")


def _signed_headers(party, organisation, action: str, subject: str) -> dict[str, str]:
    date = stamp(timezone.now())
    key, _recipient = us(organisation)
    statement = channel._statement(action, party.public, key, date, subject)
    return {
        channel.FROM: party.public.hex(),
        channel.DATE: date,
        channel.SIGNATURE: party.signing.sign(statement).signature.hex(),
    }


def test_the_inbox_answers_only_signed_posts_of_a_verified_partner(
    client, organisation, partner, party
):
    key, recipient = us(organisation)
    manifest, data = party.message(key, recipient, _parts())
    url = reverse("partners:inbox")
    before = _state()
    unsigned = client.post(url, data=data, content_type="application/octet-stream")
    assert unsigned.status_code == 403
    assert unsigned.json()["error"] == "unknown_sender"
    stranger = Party("Stranger")
    forged = client.post(
        url,
        data=data,
        content_type="application/octet-stream",
        headers=_signed_headers(stranger, organisation, "post", str(len(data))),
    )
    assert forged.status_code == 403
    wrong_length = client.post(
        url,
        data=data,
        content_type="application/octet-stream",
        headers=_signed_headers(party, organisation, "post", "12"),
    )
    assert wrong_length.status_code == 403
    assert wrong_length.json()["error"] == "bad_signature"
    assert _state() == before
    good = client.post(
        url,
        data=data,
        content_type="application/octet-stream",
        headers=_signed_headers(party, organisation, "post", str(len(data))),
    )
    assert good.status_code == 202, good.content
    assert good.json() == {"status": "sealed", "id": manifest.id}
    again = client.post(
        url,
        data=data,
        content_type="application/octet-stream",
        headers=_signed_headers(party, organisation, "post", str(len(data))),
    )
    assert again.status_code == 409
    assert again.json()["error"] == "replayed"
    refusals = AuditEntry.objects.filter(action="partners.message_refused").count()
    assert refusals == 4


def test_the_inbox_refuses_an_oversized_post_before_reading_it(
    client, organisation, partner, party, settings
):
    settings.PARTNER_BUNDLE_MAX_BYTES = 1000
    body = b"x" * 5000
    response = client.post(
        reverse("partners:inbox"),
        data=body,
        content_type="application/octet-stream",
        headers=_signed_headers(party, organisation, "post", str(len(body))),
    )
    assert response.status_code == 413
    assert response.json()["error"] == "too_large"


def test_the_receipt_is_answered_to_the_sender_once_imported(
    client, rules, organisation, coordinator, partner, party, tmp_path
):
    key, recipient = us(organisation)
    manifest, data = party.message(key, recipient, _parts())
    item = inbox.receive(_file(tmp_path, data))
    url = reverse("partners:inbox_receipt", args=[manifest.id])
    headers = _signed_headers(party, organisation, "receipt", manifest.id)
    assert client.get(url, headers=headers).status_code == 404
    assert client.get(url).status_code == 403
    inbox.import_item(coordinator, vault_of(coordinator), item)
    answer = client.get(url, headers=_signed_headers(party, organisation, "receipt", manifest.id))
    assert answer.status_code == 200
    receipt = json.loads(party.open(answer.content, key, tmp_path)["receipt.json"])
    assert receipt["bundle_id"] == manifest.id
