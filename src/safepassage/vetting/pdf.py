"""The attestation as a PDF in French and English, with a PAdES signature, and its verification.

The document's languages are fixed by its readers (the authorities), not by the language of the
staff member who issues it, so its wording lives here in both languages rather than in the
translation catalogues: a signed text must not change when a catalogue does.

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
from typing import Any

import iuliia
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

from safepassage.vetting import attest
from safepassage.vetting.attest import Verdict, _

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
    UNREADABLE = _("The file is not a readable PDF.")
    UNSIGNED = _("The PDF does not carry exactly one signature.")
    ALTERED = _("The PDF signature does not match the content: the PDF was changed after signing.")
    PARTIAL = _("The PDF signature does not cover the whole file: something was added after it.")
    UNTRUSTED = _("The PDF is not signed with this organisation's certificate.")
    NO_ATTACHMENT = _("The PDF does not carry the signed attestation file.")
    DISAGREE = _("The PDF and the signed attestation it carries do not agree.")


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


# -- the text, in both languages --------------------------------------------------------------

MONTHS = {
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "en": "January February March April May June July August September October November December",
}

TEXT: dict[str, dict[str, str]] = {
    "fr": {
        "language": "Français",
        "intro": "{org} atteste avoir vérifié la personne désignée ci-dessous selon la méthode "
        "indiquée, et être parvenue à la conclusion suivante.",
        "recipient": "Destinataire",
        "reference": "Référence du dossier",
        "name": "Nom, tel qu'il figure dans le passeport",
        "romanised": "translittération OACI",
        "conclusion": "Conclusion",
        "scope": "Points examinés",
        "method": "Méthode",
        "method_text": "{interviews} entretien(s), {assessors} évaluateurs indépendants, "
        "{evidence} pièce(s) examinée(s), recherche dans les listes de contrôle : {screening}.",
        "yes": "effectuée",
        "no": "non effectuée",
        "decided_on": "Date de la décision",
        "issued_on": "Date d'émission",
        "valid_until": "Valable jusqu'au",
        "how": "Comment vérifier cette attestation",
        "how_page": "Déposez ce PDF, ou le fichier {file} qu'il contient en pièce jointe, sur la "
        "page de vérification de l'organisation ({where}). Elle indique si l'attestation est "
        "authentique, inchangée, en vigueur et non révoquée.",
        "where_default": "adresse de l'organisation suivie de {path}",
        "how_reader": "Tout lecteur PDF montre la signature PAdES : le certificat doit porter "
        "l'empreinte SHA-256 indiquée ci-dessous et publiée sur la page de vérification.",
        "how_command": "Hors ligne, avec la clé publique publiée et la liste de révocation "
        "({revocations}) : safepassage attest verify FICHIER --public-key CLÉ "
        "--revocations revocations.json",
        "no_indication": "Aucun indice d'actes relevant des clauses d'exclusion (article 1F de "
        "la Convention relative au statut des réfugiés), notamment de crimes de guerre.",
        "concerns": "Des éléments préoccupants ont été relevés ; la vérification ne permet pas "
        "de conclure à l'absence d'actes relevant des clauses d'exclusion.",
        "excluded": "Des indices sérieux d'actes relevant des clauses d'exclusion ont été établis.",
        "inconclusive": "La vérification n'a pas permis de conclure.",
        "unit_presence": "présence de l'unité lors d'incidents documentés",
        "role_rank": "fonction et grade",
        "hierarchy": "place dans la hiérarchie et contrôle effectif",
        "knowledge": "connaissance des crimes",
        "voluntariness": "caractère volontaire",
        "screening_reviewed": "résultats du contrôle des listes examinés",
        "infiltration": "indices d'infiltration",
    },
    "en": {
        "language": "English",
        "intro": "{org} attests that it has checked the person named below by the method "
        "stated, and has reached the following conclusion.",
        "recipient": "Recipient",
        "reference": "Case reference",
        "name": "Name as in the passport",
        "romanised": "ICAO transliteration",
        "conclusion": "Conclusion",
        "scope": "What was checked",
        "method": "Method",
        "method_text": "{interviews} interview(s), {assessors} independent assessors, "
        "{evidence} item(s) of evidence examined, screening against watch lists: {screening}.",
        "yes": "done",
        "no": "not done",
        "decided_on": "Date of the decision",
        "issued_on": "Date of issue",
        "valid_until": "Valid until",
        "how": "How to verify this attestation",
        "how_page": "Upload this PDF, or the file {file} attached to it, on the organisation's "
        "verification page ({where}). It tells whether the attestation is authentic, unchanged, "
        "in force and not revoked.",
        "where_default": "the organisation's address followed by {path}",
        "how_reader": "Any PDF reader shows the PAdES signature: the certificate must have the "
        "SHA-256 fingerprint given below and published on the verification page.",
        "how_command": "Offline, with the published public key and the revocation list "
        "({revocations}): safepassage attest verify FILE --public-key KEY "
        "--revocations revocations.json",
        "no_indication": "No indication of conduct falling under the exclusion clauses "
        "(Article 1F of the Refugee Convention), in particular war crimes.",
        "concerns": "Concerns were found; the checks do not allow the conclusion that there was "
        "no conduct falling under the exclusion clauses.",
        "excluded": "Serious indications of conduct falling under the exclusion clauses were "
        "established.",
        "inconclusive": "The checks were inconclusive.",
        "unit_presence": "unit presence at documented incidents",
        "role_rank": "role and rank",
        "hierarchy": "place in the hierarchy and effective control",
        "knowledge": "knowledge of crimes",
        "voluntariness": "voluntariness",
        "screening_reviewed": "screening results reviewed",
        "infiltration": "signs of infiltration",
    },
}


def in_words(iso_day: str, language: str) -> str:
    day = date.fromisoformat(iso_day)
    month = MONTHS[language].split()[day.month - 1]
    number = "1er" if language == "fr" and day.day == 1 else str(day.day)
    return f"{number} {month} {day.year}"


def _romanised(name: str) -> str:
    """The ICAO 9303 spelling of a Cyrillic name (as in the passport's machine-readable zone)."""
    if all(ord(ch) < 128 for ch in name):
        return ""
    return str(iuliia.ICAO_DOC_9303.translate(name))


def _section(language: str, statement: Mapping[str, Any], where: str) -> list[tuple[str, str]]:
    """The lines of one language's part: (style, text) with style heading, field or paragraph."""
    t = TEXT[language]
    method = statement["method"]
    subject = statement["subject"]
    lines = [
        ("heading", t["language"]),
        ("paragraph", t["intro"].format(org=statement["issuer"]["organisation"])),
        ("field", f"{t['recipient']} : {statement['recipient']}"),
        ("field", f"{t['reference']} : {subject['reference']}"),
    ]
    name = subject.get("name_as_in_passport")
    if name:
        romanised = _romanised(name)
        extra = f" ({t['romanised']} : {romanised})" if romanised else ""
        lines.append(("field", f"{t['name']} : {name}{extra}"))
    # French sets a space before the semicolon, English none.
    scope = (" ; " if language == "fr" else "; ").join(t.get(c, c) for c in statement["scope"])
    screening = t["yes"] if method["screening"] else t["no"]
    lines += [
        ("field", f"{t['conclusion']} : {t.get(statement['conclusion'], statement['conclusion'])}"),
        ("field", f"{t['scope']} : {scope}."),
        (
            "field",
            f"{t['method']} : "
            + t["method_text"].format(
                interviews=method["interviews"],
                assessors=method["assessors"],
                evidence=method["evidence_items"],
                screening=screening,
            ),
        ),
    ]
    for key in ("decided_on", "issued_on", "valid_until"):
        lines.append(("field", f"{t[key]} : {in_words(statement[key], language)}"))
    lines += [
        ("subheading", t["how"]),
        (
            "paragraph",
            t["how_page"].format(
                file=attachment_name(statement["id"]),
                where=where or t["where_default"].format(path=verification_path()),
            ),
        ),
        ("paragraph", t["how_reader"]),
        ("paragraph", t["how_command"].format(revocations=reverse("verify:revocations"))),
    ]
    if language == "en":
        # fpdf2 writes what it is given; English takes no space before a colon.
        lines = [(style, text.replace(" : ", ": ")) for style, text in lines]
    return lines


def render(document: Mapping[str, Any], *, certificate_fingerprint: str) -> bytes:
    """The unsigned PDF: French, then English, then the identifiers; the signed JSON attached."""
    statement = document["statement"]
    pdf = FPDF(format="A4")
    pdf.set_margins(18, 16, 18)
    pdf.set_auto_page_break(auto=True, margin=16)
    pdf.add_font(FONT_FAMILY, "", str(font_path()))
    title = f"Attestation {statement['id']}"
    pdf.set_title(title)
    pdf.set_subject(statement["id"])
    pdf.set_author(statement["issuer"]["organisation"])
    pdf.set_creator("safepassage")
    pdf.set_lang("fr")
    pdf.add_page()

    def write(text: str, size: float, gap: float = 1.5) -> None:
        pdf.set_font(FONT_FAMILY, size=size)
        pdf.multi_cell(0, size * 0.5, text, align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(gap)

    write("Attestation de vérification — Verification attestation", 16, 1)
    write(statement["issuer"]["organisation"], 11, 4)
    where = ", ".join(verification_addresses())
    sizes = {"heading": 13.0, "subheading": 11.0, "field": 10.0, "paragraph": 10.0}
    for language in ("fr", "en"):
        if language == "en":
            # Each language on its own page(s), so either can be handed over alone.
            pdf.add_page()
        for style, text in _section(language, statement, where):
            write(text, sizes[style], 3 if style.endswith("heading") else 1.5)
    pdf.ln(4)
    write("Identifiants — Identifiers", 11)
    for label, value in (
        ("Attestation (id)", statement["id"]),
        ("Clé Ed25519, identifiant — Ed25519 key id", document["key_id"]),
        ("Clé publique — Public key", document["public_key"]),
        ("Certificat PDF, SHA-256 — PDF certificate, SHA-256", certificate_fingerprint),
        ("Pièce jointe signée — Signed attachment", attachment_name(statement["id"])),
    ):
        write(f"{label}: {value}", 8.5, 1)
    pdf.embed_file(
        bytes=attest.dumps(document),
        basename=attachment_name(statement["id"]),
        desc="Attestation signée (Ed25519) — signed attestation (Ed25519)",
        mime_type="application/json",
    )
    return bytes(pdf.output())


def sign_pdf(raw: bytes, *, certificate_pem: bytes, private_key_der: bytes, name: str) -> bytes:
    """Add a PAdES signature covering the whole file."""
    certificate = asn1_x509.Certificate.load(certificate_der(certificate_pem))
    signer = signers.SimpleSigner(
        signing_cert=certificate,
        signing_key=asn1_keys.PrivateKeyInfo.load(private_key_der),
        # from_certs is unannotated in pyhanko-certvalidator.
        cert_registry=SimpleCertificateStore.from_certs([certificate]),  # type: ignore[no-untyped-call]
    )
    metadata = signers.PdfSignatureMetadata(
        field_name="Signature",
        subfilter=SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        reason="Attestation",
        name=name,
    )
    writer = IncrementalPdfFileWriter(io.BytesIO(raw))
    return bytes(signers.sign_pdf(writer, metadata, signer=signer).getvalue())


def render_signed(document: Mapping[str, Any], *, organisation_id: int) -> bytes:
    """The PDF of a signed document, signed under the organisation's certificate."""
    from safepassage.crypto import aead
    from safepassage.vault.keys import key_folder

    row = organisation_certificate(organisation_id)
    private = aead.decrypt(
        key_folder().server_key(), bytes(row.sealed_private_key), _key_aad(organisation_id)
    )
    pem = row.certificate_pem.encode("ascii")
    unsigned = render(document, certificate_fingerprint=fingerprint(pem))
    name = document["statement"]["issuer"]["organisation"]
    return sign_pdf(unsigned, certificate_pem=pem, private_key_der=private, name=name)


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


def _signature_status(raw: bytes, trusted: Collection[bytes]) -> tuple[str, Any]:
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
    reason, certificate = _signature_status(raw, trusted)
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
