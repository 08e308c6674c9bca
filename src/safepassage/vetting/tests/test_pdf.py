"""The attestation PDF: both languages, Cyrillic as text, the signed JSON inside, a PAdES
signature that Debian's pdfsig accepts, and verify_pdf refusing each damaged or foreign PDF for
its reason."""

from __future__ import annotations

import io
import json
import re
import subprocess
from datetime import date, timedelta
from pathlib import Path

import pikepdf
import pytest
from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from django.utils import timezone
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

from safepassage.audit.models import AuditEntry
from safepassage.crypto import aead
from safepassage.vault.keys import key_folder
from safepassage.vetting import attest, issuing, pdf
from safepassage.vetting.attest import Reason
from safepassage.vetting.models import Attestation, SigningCertificate
from safepassage.vetting.pdf import PdfReason
from safepassage.vetting.tests.test_attest import NAME, issue_one

pytestmark = pytest.mark.django_db


def pdf_here(raw: bytes, today: date | None = None) -> attest.Verdict:
    return pdf.verify_pdf(
        raw,
        today=today or timezone.localdate(),
        trusted_keys=issuing.trusted_keys_here(),
        revoked=issuing.revoked_here(),
    )


def pdfsig(path: Path) -> str:
    result = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True)
    return result.stdout + result.stderr


def signed_ranges(raw: bytes) -> list[tuple[int, int]]:
    match = re.search(rb"/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]", raw)
    assert match is not None
    a, b, c, d = (int(x) for x in match.groups())
    return [(a, a + b), (c, c + d)]


def change_in_signed_range(raw: bytes) -> bytes:
    """Change one byte of the document's title, which lies inside the first signed range."""
    position = raw.index(b"/Title") + len(b"/Title (Attestation ")
    (start, end), _ = signed_ranges(raw)
    assert start <= position < end
    return raw[:position] + bytes([raw[position] ^ 0x01]) + raw[position + 1 :]


def other_certificate(name: str) -> tuple[bytes, bytes]:
    return pdf._new_certificate(name)


# -- what the PDF says ----------------------------------------------------------------------


def pdf_text(raw: bytes, folder: Path) -> str:
    """The PDF's text as a reader's copy-and-paste gives it, on one line."""
    (folder / "a.pdf").write_bytes(raw)
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-raw", str(folder / "a.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return " ".join(text.split())


def test_the_pdf_holds_the_cyrillic_name_as_text_and_no_made_up_passport_spelling(
    coordinator, tmp_path
):
    issued = issue_one(coordinator, include_name=True)
    text = pdf_text(issued.pdf, tmp_path)
    assert NAME in text
    assert "no spelling from a passport is recorded" in text
    assert "aucune graphie tirée d'un passeport n'est enregistrée" in text
    # A transliteration made here is never presented as the passport's spelling.
    assert "Ivan Petrov" not in text


def test_the_pdf_is_in_french_then_english_with_every_field(coordinator, tmp_path):
    issued = issue_one(coordinator)
    flat = pdf_text(issued.pdf, tmp_path)
    statement = issued.statement
    french = flat.index("Français")
    english = flat.index("English")
    assert french < english
    for expected in (
        statement["id"],
        statement["subject"]["reference"],
        statement["issuer"]["key_id"],
        statement["recipient"]["name"],
        "Aucun indice d'actes relevant des clauses d'exclusion",
        "No indication of conduct falling under the exclusion clauses",
        "repose sur 2 conclusions indépendantes",
        "rests on 2 independent conclusions",
        "non effectuée : le dossier n'a jamais été recherché dans une liste",
        "not done: the case was never screened",
        "Not examined: unit presence at documented incidents; role and rank",
        "Valable jusqu'au",
        "Valid until",
        "/verify/",
        "safepassage attest verify",
        pdf.attachment_name(statement["id"]),
    ):
        assert expected in flat, expected
    assert NAME not in flat  # not requested, so not shown
    assert "Deutsch" not in flat


def test_the_embedded_json_verifies_on_its_own(coordinator):
    issued = issue_one(coordinator)
    with pikepdf.Pdf.open(io.BytesIO(issued.pdf)) as document:
        attached = document.attachments[pdf.attachment_name(issued.statement["id"])]
        raw = attached.get_file().read_bytes()
    assert raw == issued.json
    verdict = attest.verify_document(
        raw,
        today=timezone.localdate(),
        trusted_keys=issuing.trusted_keys_here(),
        revoked=set(),
    )
    assert verdict.valid


# -- the PAdES signature, as Debian's pdfsig sees it -----------------------------------------


def test_pdfsig_reports_the_signed_pdf_valid(coordinator, tmp_path):
    issued = issue_one(coordinator)
    (tmp_path / "a.pdf").write_bytes(issued.pdf)
    report = pdfsig(tmp_path / "a.pdf")
    assert "Signature Validation: Signature is Valid." in report
    assert "Total document signed" in report
    assert "ETSI.CAdES.detached" in report  # PAdES
    assert f"Signer Certificate Common Name: {coordinator.organisation.name}" in report


def test_pdfsig_reports_a_changed_byte_in_the_signed_range(coordinator, tmp_path):
    issued = issue_one(coordinator)
    (tmp_path / "changed.pdf").write_bytes(change_in_signed_range(issued.pdf))
    report = pdfsig(tmp_path / "changed.pdf")
    assert "Signature Validation: Digest Mismatch." in report
    assert "Signature is Valid." not in report


# -- verify_pdf -----------------------------------------------------------------------------


def test_a_valid_pdf_verifies(coordinator):
    issued = issue_one(coordinator)
    assert pdf_here(issued.pdf) == attest.Verdict(True, Reason.VALID, issued.statement)


def test_a_changed_byte_in_the_pdf_is_refused(coordinator):
    issued = issue_one(coordinator)
    assert pdf_here(change_in_signed_range(issued.pdf)).reason == PdfReason.ALTERED


def test_a_changed_byte_in_the_signature_itself_is_refused(coordinator):
    issued = issue_one(coordinator)
    raw = issued.pdf
    (_, gap_start), (gap_end, _) = signed_ranges(raw)
    position = gap_start + (gap_end - gap_start) // 4  # inside the hex of the CMS signature
    changed = raw[:position] + (b"0" if raw[position : position + 1] != b"0" else b"1")
    changed += raw[position + 1 :]
    verdict = pdf_here(changed)
    assert not verdict.valid
    assert verdict.reason in {PdfReason.ALTERED, PdfReason.UNTRUSTED}


def test_a_pdf_with_something_added_after_the_signature_is_refused(coordinator):
    issued = issue_one(coordinator)
    writer = IncrementalPdfFileWriter(io.BytesIO(issued.pdf))
    writer.root["/PageMode"] = generic.NameObject("/UseAttachments")
    writer.update_root()
    out = io.BytesIO()
    writer.write(out)
    assert len(out.getvalue()) > len(issued.pdf)
    assert pdf_here(out.getvalue()).reason == PdfReason.PARTIAL


def test_a_pdf_signed_under_another_certificate_is_refused(coordinator):
    issued = issue_one(coordinator)
    unsigned = pdf.render(
        json.loads(issued.json), certificate_fingerprint="00"
    )  # the same statement, with the real signed JSON attached
    key, pem = other_certificate(coordinator.organisation.name)
    forged = pdf.sign_pdf(unsigned, certificate_pem=pem, private_key_der=key, name="x")
    assert pdf_here(forged) == attest.Verdict(False, PdfReason.UNTRUSTED)


def test_an_unsigned_pdf_is_refused(coordinator):
    issued = issue_one(coordinator)
    unsigned = pdf.render(json.loads(issued.json), certificate_fingerprint="00")
    assert pdf_here(unsigned) == attest.Verdict(False, PdfReason.UNSIGNED)


@pytest.mark.parametrize("raw", [b"%PDF-1.7\nnothing else", b"%PDF-" + bytes(range(256)) * 40])
def test_a_broken_pdf_is_refused_as_unreadable(coordinator, raw):
    issue_one(coordinator)
    assert pdf_here(raw) == attest.Verdict(False, PdfReason.UNREADABLE)


def test_an_expired_pdf_is_refused(coordinator):
    issued = issue_one(coordinator)
    after = date.fromisoformat(issued.statement["valid_until"]) + timedelta(days=1)
    assert pdf_here(issued.pdf, today=after).reason == Reason.EXPIRED


def test_a_revoked_pdf_is_refused(coordinator):
    issued = issue_one(coordinator)
    issuing.revoke(issued.attestation, by=coordinator, reason="issued_in_error")
    assert pdf_here(issued.pdf).reason == Reason.REVOKED


def test_a_pdf_whose_json_key_is_not_trusted_is_refused(coordinator):
    issued = issue_one(coordinator)
    verdict = pdf.verify_pdf(issued.pdf, today=timezone.localdate(), trusted_keys={}, revoked=set())
    assert verdict == attest.Verdict(False, Reason.UNKNOWN_KEY)


def test_a_pdf_carrying_another_attestation_is_refused(coordinator):
    """A genuine PDF of one attestation with the genuine JSON of another attached (re-signed by
    someone holding the certificate key, as an insider could) does not pass as either."""
    first = issue_one(coordinator)
    second = issue_one(coordinator)
    mixed = pdf.render(json.loads(second.json), certificate_fingerprint="00")
    with pikepdf.Pdf.open(io.BytesIO(mixed)) as document:
        document.docinfo["/Subject"] = first.statement["id"]
        out = io.BytesIO()
        document.save(out)
    row = SigningCertificate.objects.get()
    key = aead.decrypt(
        key_folder().server_key(), bytes(row.sealed_private_key), pdf._key_aad(row.organisation_id)
    )
    resigned = pdf.sign_pdf(
        out.getvalue(), certificate_pem=row.certificate_pem.encode(), private_key_der=key, name="x"
    )
    assert pdf_here(resigned) == attest.Verdict(False, PdfReason.DISAGREE)


# -- the certificate and the font -----------------------------------------------------------


def test_the_certificate_is_made_once_names_the_organisation_and_its_key_is_sealed(coordinator):
    issue_one(coordinator)
    issue_one(coordinator)
    row = SigningCertificate.objects.get()
    certificate = x509.load_pem_x509_certificate(row.certificate_pem.encode())
    organisation = certificate.subject.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)
    assert organisation[0].value == coordinator.organisation.name
    public = certificate.public_key()
    assert isinstance(public, ec.EllipticCurvePublicKey)
    assert public.curve.name == "secp256r1"
    assert AuditEntry.objects.filter(action="vetting.pdf_certificate_created").count() == 1
    with pytest.raises(aead.DecryptionError):
        aead.decrypt(
            key_folder().server_key(),
            bytes(row.sealed_private_key),
            pdf._key_aad(row.organisation_id + 1),
        )


def test_the_verification_command_checks_a_pdf_against_a_given_certificate(coordinator, tmp_path):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    issued = issue_one(coordinator)
    (tmp_path / "a.pdf").write_bytes(issued.pdf)
    (tmp_path / "org.pem").write_text(SigningCertificate.objects.get().certificate_pem)
    _, stranger = other_certificate("Someone else")
    (tmp_path / "stranger.pem").write_bytes(stranger)
    call_command(
        "attest",
        "verify",
        str(tmp_path / "a.pdf"),
        "--certificate",
        str(tmp_path / "org.pem"),
        stdout=io.StringIO(),
    )
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command(
            "attest",
            "verify",
            str(tmp_path / "a.pdf"),
            "--certificate",
            str(tmp_path / "stranger.pem"),
            stdout=out,
        )
    assert out.getvalue().startswith(f"NOT VALID: {PdfReason.UNTRUSTED}")


def test_a_missing_font_names_the_debian_package(coordinator, settings):
    settings.SAFEPASSAGE_PDF_FONT = "/nonexistent/DejaVuSans.ttf"
    with pytest.raises(pdf.FontMissing, match="fonts-dejavu-core"):
        issue_one(coordinator)
    assert not Attestation.objects.exists()
