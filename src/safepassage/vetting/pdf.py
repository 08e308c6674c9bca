"""The attestation as a PDF in its recipient's language and English, with a PAdES signature,
and its verification.

The document's languages are fixed by its reader (the authority), not by the language of the
staff member who issues it: its sentences come from the documents catalogue
(`safepassage.wording`, see `statement_text`), not from the staff interface's.

The PDF carries the signed JSON as an attached file, so the PDF alone can be verified with the
Ed25519 key; and it is signed under the organisation's own X.509 certificate (ECDSA P-256, made
on first use) so that an ordinary PDF reader shows who signed it and that it is unchanged.
"""

from __future__ import annotations

import hashlib
import io
import logging
from collections.abc import Collection, Mapping, Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any, BinaryIO

import pikepdf
from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from django.conf import settings
from django.urls import reverse
from fpdf import FPDF
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import signers
from pyhanko.sign.fields import SigSeedSubFilter
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.registry import SimpleCertificateStore

from safepassage.vetting import attest, statement_text
from safepassage.vetting.attest import Verdict, gettext_noop
from safepassage.wording import Wording

logger = logging.getLogger(__name__)
# fontTools logs the glyphs of every subset at INFO: the letters of a man's name, in the log.
logging.getLogger("fontTools").setLevel(logging.WARNING)

DEFAULT_FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
FONT_FAMILY = "DejaVu"
# A real attestation PDF is some 50 kB (the font is subset); anything far larger is not one.
MAX_PDF_BYTES = 5 * 1024 * 1024
CERTIFICATE_YEARS = 10
# X.509 bounds an organisation or common name at 64 characters (RFC 5280, ub-organization-name).
NAME_BOUND = 64


class FontMissing(RuntimeError):
    """The PDF font is not installed."""


class PdfReason:
    UNREADABLE = gettext_noop("The file is not a readable PDF.")
    UNSIGNED = gettext_noop("The PDF does not carry exactly one signature.")
    ALTERED = gettext_noop(
        "The PDF signature does not match the content: the PDF was changed after signing."
    )
    PARTIAL = gettext_noop(
        "The PDF signature does not cover the whole file: something was added after it."
    )
    UNTRUSTED = gettext_noop("The PDF is not signed with this organisation's certificate.")
    NO_ATTACHMENT = gettext_noop("The PDF does not carry the signed attestation file.")
    DISAGREE = gettext_noop("The PDF and the signed attestation it carries do not agree.")


def attachment_name(attestation_id: str) -> str:
    return f"attestation-{attestation_id}.json"


def font_path() -> Path:
    path = Path(getattr(settings, "SAFEPASSAGE_PDF_FONT", None) or DEFAULT_FONT)
    if not path.is_file():
        raise FontMissing(
            f"The PDF font {path} is missing: install the Debian package fonts-dejavu-core "
            "(scripts/setup-system does) or set SAFEPASSAGE_PDF_FONT to a TrueType font with "
            "Cyrillic letters."
        )
    return path


def verification_path() -> str:
    return reverse("verify:page")


def verification_addresses() -> list[str]:
    """Where authorities find the verification page: the instance's public host names."""
    path = verification_path()
    local = {"127.0.0.1", "localhost", "[::1]", "testserver"}
    addresses = []
    for host in settings.ALLOWED_HOSTS:
        if host in local or host.startswith((".", "*")):
            continue
        # Onion services are reached over HTTP inside Tor; everything else over HTTPS.
        scheme = "http" if host.endswith(".onion") else "https"
        addresses.append(f"{scheme}://{host}{path}")
    return addresses


# -- the organisation's certificate -----------------------------------------------------------


def _key_aad(organisation_id: int) -> bytes:
    from safepassage.crypto import aead

    return aead.associated_data("pdf-signing-key", organisation_id)


def _new_certificate(name: str) -> tuple[bytes, bytes]:
    """A private key (PKCS#8 DER) and a self-signed certificate (PEM) naming the organisation."""
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name(
        [
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, name[:NAME_BOUND]),
            x509.NameAttribute(NameOID.COMMON_NAME, name[:NAME_BOUND]),
        ]
    )
    # An hour's margin so a verifier whose clock runs a little behind still accepts it.
    start = datetime.now(UTC) - timedelta(hours=1)
    usage = x509.KeyUsage(
        digital_signature=True,
        content_commitment=True,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=False,
        crl_sign=False,
        encipher_only=False,
        decipher_only=False,
    )
    certificate = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + timedelta(days=365 * CERTIFICATE_YEARS))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(usage, critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    private = key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    return private, certificate.public_bytes(serialization.Encoding.PEM)


def organisation_certificate(organisation_id: int) -> Any:
    """The organisation's SigningCertificate row, made (and audited) on first use."""
    from django.db import IntegrityError, transaction

    from safepassage.accounts.models import Organisation
    from safepassage.audit.services import record
    from safepassage.crypto import aead
    from safepassage.vault.keys import key_folder
    from safepassage.vetting.models import SigningCertificate

    existing = SigningCertificate.objects.filter(organisation_id=organisation_id).first()
    if existing is not None:
        return existing
    organisation = Organisation.objects.get(pk=organisation_id)
    private, pem = _new_certificate(organisation.name)
    try:
        with transaction.atomic():
            row = SigningCertificate.objects.create(
                organisation=organisation,
                sealed_private_key=aead.encrypt(
                    key_folder().server_key(), private, _key_aad(organisation_id)
                ),
                certificate_pem=pem.decode("ascii"),
            )
            record(
                "vetting.pdf_certificate_created",
                target_type="organisation",
                target_ref=organisation_id,
                details={"fingerprint": fingerprint(pem).replace(":", "").lower()},
            )
    except IntegrityError:
        # Another request made it at the same moment; theirs is the one.
        return SigningCertificate.objects.get(organisation_id=organisation_id)
    return row


def certificate_der(pem_or_der: bytes | str) -> bytes:
    data = pem_or_der.encode("ascii") if isinstance(pem_or_der, str) else pem_or_der
    if data.lstrip().startswith(b"-----BEGIN"):
        return x509.load_pem_x509_certificate(data).public_bytes(serialization.Encoding.DER)
    return x509.load_der_x509_certificate(data).public_bytes(serialization.Encoding.DER)


def fingerprint(pem_or_der: bytes | str) -> str:
    """SHA-256 of the certificate, as a PDF reader's certificate viewer shows it."""
    digest = hashlib.sha256(certificate_der(pem_or_der)).hexdigest().upper()
    return ":".join(digest[i : i + 2] for i in range(0, len(digest), 2))


def certificates_here() -> list[bytes]:
    """The PDF certificates (DER) of this instance's organisations."""
    from safepassage.vetting.models import SigningCertificate

    return [certificate_der(row.certificate_pem) for row in SigningCertificate.objects.all()]


# -- the document ---------------------------------------------------------------------------


class OldFormat(ValueError):
    """A statement of an earlier version: its JSON still verifies, its PDF is not made again."""


def render(document: Mapping[str, Any], *, certificate_fingerprint: str) -> bytes:
    """The unsigned PDF: the recipient's language, then English, then the identifiers; the
    signed JSON attached."""
    statement = document["statement"]
    if statement.get("version") != attest.VERSION:
        raise OldFormat("this attestation is of an earlier format: download its JSON file")
    languages = statement_text.languages_of(statement)
    pdf = FPDF(format="A4")
    pdf.set_margins(18, 16, 18)
    pdf.set_auto_page_break(auto=True, margin=16)
    pdf.add_font(FONT_FAMILY, "", str(font_path()))
    pdf.set_title(f"Attestation {statement['id']}")
    pdf.set_subject(statement["id"])
    pdf.set_author(statement["issuer"]["organisation"])
    pdf.set_creator("safepassage")
    pdf.set_lang(languages[0])
    pdf.add_page()

    def write(text: str, size: float, gap: float = 1.5) -> None:
        pdf.set_font(FONT_FAMILY, size=size)
        pdf.multi_cell(0, size * 0.5, text, align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(gap)

    wordings = [Wording(language) for language in languages]

    def both(message: str) -> str:
        return " — ".join(dict.fromkeys(w.text(message) for w in wordings))

    write(both("Verification attestation"), 16, 1)
    write(statement["issuer"]["organisation"], 11, 4)
    sizes = {"heading": 13.0, "subheading": 11.0, "field": 10.0, "paragraph": 10.0}
    for number, w in enumerate(wordings):
        if number:
            # Each language on its own page(s), so either can be handed over alone.
            pdf.add_page()
        where = ", ".join(verification_addresses()) or w.text(
            "the organisation's address followed by {path}", path=verification_path()
        )
        lines = statement_text.section(
            w,
            statement,
            where=where,
            attachment=attachment_name(statement["id"]),
            revocations=reverse("verify:revocations"),
        )
        for line in lines:
            style = line[0]
            write(
                statement_text.as_text(w, line),
                sizes[style],
                3 if style.endswith("heading") else 1.5,
            )
    pdf.ln(4)
    write(both("Identifiers"), 11)
    for label, value in (
        (both("Attestation (id)"), statement["id"]),
        (both("Ed25519 key id"), document["key_id"]),
        (both("Public key"), document["public_key"]),
        (both("PDF certificate, SHA-256"), certificate_fingerprint),
        (both("Signed attachment"), attachment_name(statement["id"])),
    ):
        write(f"{label}: {value}", 8.5, 1)
    pdf.embed_file(
        bytes=attest.dumps(document),
        basename=attachment_name(statement["id"]),
        desc=both("Signed attestation (Ed25519)"),
        mime_type="application/json",
    )
    return bytes(pdf.output())


def _signer(certificate_pem: bytes, private_key_der: bytes) -> signers.SimpleSigner:
    certificate = asn1_x509.Certificate.load(certificate_der(certificate_pem))
    return signers.SimpleSigner(
        signing_cert=certificate,
        signing_key=asn1_keys.PrivateKeyInfo.load(private_key_der),
        # from_certs is unannotated in pyhanko-certvalidator.
        cert_registry=SimpleCertificateStore.from_certs([certificate]),  # type: ignore[no-untyped-call]
    )


def _metadata(name: str, reason: str) -> signers.PdfSignatureMetadata:
    return signers.PdfSignatureMetadata(
        field_name="Signature",
        subfilter=SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        reason=reason,
        name=name,
    )


def sign_pdf(
    raw: bytes,
    *,
    certificate_pem: bytes,
    private_key_der: bytes,
    name: str,
    reason: str = "Attestation",
) -> bytes:
    """Add a PAdES signature covering the whole file."""
    signer = _signer(certificate_pem, private_key_der)
    writer = IncrementalPdfFileWriter(io.BytesIO(raw))
    return bytes(signers.sign_pdf(writer, _metadata(name, reason), signer=signer).getvalue())


def sign_in_place(
    buffer: BinaryIO, *, certificate_pem: bytes, private_key_der: bytes, name: str, reason: str
) -> None:
    """Append a PAdES signature covering the whole file to `buffer` itself: a large PDF (a
    dossier with its annexes) is neither copied nor read whole to be signed."""
    signer = _signer(certificate_pem, private_key_der)
    writer = IncrementalPdfFileWriter(buffer)
    signers.sign_pdf(writer, _metadata(name, reason), signer=signer, in_place=True)


def signing_material(organisation_id: int) -> tuple[bytes, bytes]:
    """The organisation's PDF certificate (PEM) and its private key (PKCS#8 DER)."""
    from safepassage.crypto import aead
    from safepassage.vault.keys import key_folder

    row = organisation_certificate(organisation_id)
    private = aead.decrypt(
        key_folder().server_key(), bytes(row.sealed_private_key), _key_aad(organisation_id)
    )
    return row.certificate_pem.encode("ascii"), private


def render_signed(document: Mapping[str, Any], *, organisation_id: int) -> bytes:
    """The PDF of a signed document, signed under the organisation's certificate."""
    pem = organisation_certificate(organisation_id).certificate_pem.encode("ascii")
    unsigned = render(document, certificate_fingerprint=fingerprint(pem))
    name = document["statement"]["issuer"]["organisation"]
    return sign_as_organisation(unsigned, organisation_id=organisation_id, name=name)


def sign_as_organisation(
    raw: bytes, *, organisation_id: int, name: str, reason: str = "Attestation"
) -> bytes:
    """A PDF signed (PAdES) under the organisation's certificate, made on first use."""
    pem, private = signing_material(organisation_id)
    return sign_pdf(raw, certificate_pem=pem, private_key_der=private, name=name, reason=reason)


# -- verification -----------------------------------------------------------------------------


def _attached_json(raw: bytes) -> tuple[dict[str, bytes], str]:
    """The attached files and the document subject, read with qpdf (pikepdf)."""
    with pikepdf.Pdf.open(io.BytesIO(raw)) as document:
        files = {
            name: bytes(spec.get_file().read_bytes()) for name, spec in document.attachments.items()
        }
        subject = str(document.docinfo.get("/Subject", ""))
    return files, subject


def _organisation_of(certificate: asn1_x509.Certificate) -> str:
    loaded = x509.load_der_x509_certificate(certificate.dump())
    names = loaded.subject.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)
    return str(names[0].value) if names else ""


def signature_status(raw: bytes, trusted: Collection[bytes]) -> tuple[str, Any]:
    """The reason the PDF signature is refused ("" if it is good) and the signer certificate."""
    try:
        signatures = PdfFileReader(io.BytesIO(raw), strict=False).embedded_signatures
    except Exception as exc:  # hostile input: pyHanko raises many kinds, each meaning "unreadable"
        # The class only: a message could quote bytes of the file, and the file holds a name.
        logger.info("PDF refused as unreadable (%s)", type(exc).__name__)
        return PdfReason.UNREADABLE, None
    if len(signatures) != 1:
        return PdfReason.UNSIGNED, None
    embedded = signatures[0]
    try:
        certificate = embedded.signer_cert
    except Exception:  # a damaged signature container cannot name its signer
        return PdfReason.ALTERED, None
    if certificate.dump() not in trusted:
        return PdfReason.UNTRUSTED, certificate
    try:
        status = validate_pdf_signature(embedded, ValidationContext(trust_roots=[certificate]))
    except Exception as exc:  # a signature whose parts do not parse is not a valid signature
        logger.info("PDF signature refused (%s)", type(exc).__name__)
        return PdfReason.ALTERED, certificate
    if not (status.intact and status.valid):
        return PdfReason.ALTERED, certificate
    if not status.trusted or status.signing_cert.dump() != certificate.dump():
        return PdfReason.UNTRUSTED, certificate
    if status.coverage != SignatureCoverageLevel.ENTIRE_FILE:
        return PdfReason.PARTIAL, certificate
    return "", certificate


def verify_pdf(
    raw: bytes,
    *,
    today: date,
    trusted_keys: Mapping[str, bytes],
    revoked: Collection[str],
    trusted_certificates: Sequence[bytes] | None = None,
) -> Verdict:
    """The PDF signature (whole file, this organisation's certificate), then the attached JSON.

    `trusted_certificates` (DER) defaults to this instance's certificates.
    """
    if not raw.startswith(b"%PDF-") or len(raw) > MAX_PDF_BYTES:
        return Verdict(False, PdfReason.UNREADABLE)
    if trusted_certificates is None:
        trusted = set(certificates_here())
    else:
        trusted = {certificate_der(c) for c in trusted_certificates}
    reason, certificate = signature_status(raw, trusted)
    if reason:
        return Verdict(False, reason)
    try:
        files, subject = _attached_json(raw)
    except pikepdf.PdfError:
        return Verdict(False, PdfReason.UNREADABLE)
    if len(files) != 1:
        return Verdict(False, PdfReason.NO_ATTACHMENT)
    [(name, attached)] = files.items()
    verdict = attest.verify_document(
        attached, today=today, trusted_keys=trusted_keys, revoked=revoked
    )
    statement = verdict.statement
    if statement is None:
        return verdict
    # Both signatures cover their own content; these checks bind the two to each other.
    organisation = statement["issuer"]["organisation"][:NAME_BOUND]
    if (
        name != attachment_name(statement["id"])
        or subject != statement["id"]
        or _organisation_of(certificate) != organisation
    ):
        return Verdict(False, PdfReason.DISAGREE)
    return verdict


def verify_file(
    raw: bytes,
    *,
    today: date,
    trusted_keys: Mapping[str, bytes],
    revoked: Collection[str],
    trusted_certificates: Sequence[bytes] | None = None,
) -> Verdict:
    """Either form: a PDF by its first bytes, otherwise the JSON file."""
    if raw.startswith(b"%PDF-"):
        return verify_pdf(
            raw,
            today=today,
            trusted_keys=trusted_keys,
            revoked=revoked,
            trusted_certificates=trusted_certificates,
        )
    return attest.verify_document(raw, today=today, trusted_keys=trusted_keys, revoked=revoked)
