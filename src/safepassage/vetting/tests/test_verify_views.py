"""The public verification page, the published revocation list, and revocation by a coordinator."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from safepassage.audit.models import AuditEntry
from safepassage.core.roles import Role
from safepassage.crypto.signing import key_id
from safepassage.testing import make_organisation, make_staff, verified_client
from safepassage.vault.keys import organisation_signer
from safepassage.vetting import attest, issuing, pdf
from safepassage.vetting.attest import Reason
from safepassage.vetting.models import Attestation, SigningCertificate
from safepassage.vetting.pdf import PdfReason
from safepassage.vetting.tests.test_attest import (
    base64_flip,
    change_byte,
    issue_one,
    signed_by_another_key,
)
from safepassage.vetting.tests.test_pdf import change_in_signed_range

pytestmark = pytest.mark.django_db
PAGE = "/verify/attestation/"


def check(raw: bytes, name: str = "attestation.json", headers: dict[str, str] | None = None):
    upload = SimpleUploadedFile(name, raw, content_type="application/octet-stream")
    return Client().post(PAGE, {"file": upload}, headers=headers)


def verdict_of(response) -> str:
    assert response.status_code == 200
    return str(response.content.decode())


# -- the page -------------------------------------------------------------------------------


def test_the_page_explains_in_french_and_english_and_publishes_the_keys(coordinator):
    issue_one(coordinator)
    response = Client().get(PAGE)
    page = response.content.decode()
    assert response.status_code == 200
    assert 'lang="fr"' in page
    assert "Vérifier une attestation" in page
    assert 'lang="en"' in page
    assert "Verifying an attestation" in page
    signer = organisation_signer()
    assert signer.key_id in page
    assert signer.public.hex() in page
    assert pdf.fingerprint(SigningCertificate.objects.get().certificate_pem) in page
    assert "/verify/revocations.json" in page


def test_the_page_sets_no_cookie_and_needs_no_account(coordinator):
    issued = issue_one(coordinator)
    assert Client().get(PAGE).cookies == {}
    response = check(issued.json)
    assert response.status_code == 200
    assert response.cookies == {}


def test_a_valid_json_attestation_is_shown_valid(coordinator):
    issued = issue_one(coordinator)
    page = verdict_of(check(issued.json))
    assert Reason.VALID in page
    assert issued.statement["recipient"]["name"] in page
    assert issued.statement["subject"]["reference"] in page


def test_a_valid_pdf_attestation_is_shown_valid(coordinator):
    issued = issue_one(coordinator)
    page = verdict_of(check(issued.pdf, "attestation.pdf"))
    assert Reason.VALID in page
    assert issued.statement["id"] in page


@pytest.mark.parametrize(
    ("damage", "reason"),
    [
        ("statement", Reason.BAD_SIGNATURE),
        ("signature", Reason.BAD_SIGNATURE),
        ("other_key", Reason.UNKNOWN_KEY),
        ("forged_key_id", Reason.BAD_SIGNATURE),
        ("pdf_byte", PdfReason.ALTERED),
        ("expired", Reason.EXPIRED),
        ("revoked", Reason.REVOKED),
    ],
)
def test_each_kind_of_bad_attestation_is_shown_not_valid_with_its_reason(
    coordinator, damage, reason
):
    if damage == "expired":
        # Issued 40 days ago for 39 days: its last day was yesterday.
        with time_machine.travel(timezone.now() - timedelta(days=40)):
            issued = issue_one(coordinator, valid_days=39)
    else:
        issued = issue_one(coordinator)
    raw = issued.json
    if damage == "statement":
        raw = change_byte(raw, b'"assessors": 2', b'"assessors": 3')
    elif damage == "signature":
        signature = json.loads(raw)["signature"]
        raw = change_byte(raw, signature.encode(), base64_flip(signature).encode())
    elif damage in {"other_key", "forged_key_id"}:
        raw = signed_by_another_key(raw, naming_ours=damage == "forged_key_id")
    elif damage == "pdf_byte":
        raw = change_in_signed_range(issued.pdf)
    elif damage == "revoked":
        issuing.revoke(issued.attestation, by=coordinator, reason="new_evidence")
    page = verdict_of(check(raw))
    assert "Not valid" in page
    assert reason.replace("'", "&#x27;") in page
    assert Reason.VALID not in page


def test_a_page_in_another_language_shows_the_verdict_too(coordinator):
    issued = issue_one(coordinator)
    client = Client(headers={"accept-language": "fr"})
    upload = SimpleUploadedFile("a.json", issued.json)
    response = client.post(PAGE, {"file": upload})
    assert response.status_code == 200
    assert issued.statement["id"] in response.content.decode()


def test_a_post_without_a_file_gets_a_clear_message(coordinator):
    response = Client().post(PAGE, {})
    assert response.status_code == 400
    assert "Choose the attestation file" in response.content.decode()


@pytest.mark.parametrize("extra", [1, 100 * 1024])
def test_a_file_too_large_is_refused_unread(coordinator, settings, extra):
    """Just over the limit: read and refused; far over it: refused before the body is read."""
    response = check(b"%PDF-" + b"0" * (pdf.MAX_PDF_BYTES + extra), "big.pdf")
    assert response.status_code == 400
    assert "larger than 5 MB" in response.content.decode()
    incoming = settings.FILES_DIR / "incoming"
    assert not incoming.exists() or list(incoming.iterdir()) == []


@pytest.mark.parametrize(
    ("site", "status"),
    [("cross-site", 403), ("same-site", 403), ("same-origin", 200), ("none", 200)],
)
def test_posts_from_other_sites_are_refused(coordinator, site, status):
    issued = issue_one(coordinator)
    response = check(issued.json, headers={"sec-fetch-site": site})
    assert response.status_code == status


def test_the_uploaded_file_is_not_kept(coordinator, settings):
    issued = issue_one(coordinator)
    check(issued.json)
    incoming = settings.FILES_DIR / "incoming"
    assert not incoming.exists() or list(incoming.iterdir()) == []


# -- the revocation list --------------------------------------------------------------------


def test_the_published_revocation_list_verifies_with_the_public_key_alone(coordinator):
    issued = issue_one(coordinator)
    issuing.revoke(issued.attestation, by=coordinator, reason="superseded")
    response = Client().get("/verify/revocations.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response.cookies == {}
    public = organisation_signer().public
    statement = attest.read_revocations(response.content, trusted_keys={key_id(public): public})
    assert attest.revoked_ids(statement) == {issued.statement["id"]}


# -- revocation by a coordinator ------------------------------------------------------------


def revoke_url(issued) -> str:
    return f"/vetting/attestations/{issued.statement['id']}/revoke/"


def test_a_coordinator_revokes_with_a_reason_and_it_is_audited(coordinator):
    issued = issue_one(coordinator)
    client = verified_client(coordinator)
    response = client.post(revoke_url(issued), {"reason": "new_evidence"})
    assert response.status_code == 302
    row = Attestation.objects.get()
    assert row.revoked_at is not None
    assert row.revoked_reason == "new_evidence"
    assert AuditEntry.objects.filter(
        action="vetting.attestation_revoked", target_ref=str(row.id), actor_id=coordinator.pk
    ).exists()
    assert "Revoked on" in client.get(revoke_url(issued)).content.decode()
    assert Reason.REVOKED in verdict_of(check(issued.json))


def test_revocation_needs_fresh_re_authentication(coordinator):
    issued = issue_one(coordinator)
    response = verified_client(coordinator, fresh=False).post(
        revoke_url(issued), {"reason": "new_evidence"}
    )
    assert response.status_code == 302
    assert response["Location"].startswith("/reauth/?next=")
    assert Attestation.objects.get().revoked_at is None


def test_an_unlisted_reason_is_refused_and_changes_nothing(coordinator):
    issued = issue_one(coordinator)
    response = verified_client(coordinator).post(revoke_url(issued), {"reason": "bored"})
    assert response.status_code == 400
    assert Attestation.objects.get().revoked_at is None
    assert not AuditEntry.objects.filter(action="vetting.attestation_revoked").exists()


@pytest.mark.parametrize("role", [Role.CASEWORKER, Role.VETTER, Role.LEGAL, Role.AUDITOR])
def test_staff_without_the_attest_permission_cannot_revoke(coordinator, organisation, role):
    issued = issue_one(coordinator)
    staff = make_staff(organisation, role)
    response = verified_client(staff).post(revoke_url(issued), {"reason": "new_evidence"})
    assert response.status_code == 403
    assert Attestation.objects.get().revoked_at is None


def test_a_coordinator_of_another_organisation_gets_404(coordinator):
    issued = issue_one(coordinator)
    outsider = make_staff(make_organisation("Another organisation"), Role.COORDINATOR)
    response = verified_client(outsider).post(revoke_url(issued), {"reason": "new_evidence"})
    assert response.status_code == 404
    assert Attestation.objects.get().revoked_at is None
