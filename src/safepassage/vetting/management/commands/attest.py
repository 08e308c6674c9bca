"""safepassage attest verify FILE"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError
from django.utils import timezone

from safepassage.crypto.signing import key_id
from safepassage.vetting import attest, hooks, issuing, pdf

# Larger than any attestation (PDF or JSON); a bigger file is refused unread.
MAX_BYTES = pdf.MAX_PDF_BYTES


def _read(path: str) -> bytes:
    file = Path(path)
    try:
        if file.stat().st_size > MAX_BYTES:
            raise CommandError(f"{path}: larger than {MAX_BYTES // (1024 * 1024)} MB")
        return file.read_bytes()
    except OSError as exc:
        raise CommandError(f"{path}: cannot be read ({exc.strerror})") from None


def _public_key(value: str) -> bytes:
    try:
        key = bytes.fromhex(value)
    except ValueError:
        key = b""
    if len(key) != 32:
        raise CommandError("--public-key must be 64 hexadecimal digits")
    return key


def _today(value: str | None) -> date:
    if value is None:
        return timezone.localdate()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError("--today must be a date such as 2026-05-31") from None


class Command(BaseCommand):
    help = (
        "Attestations. 'verify FILE' checks a signed attestation, PDF or JSON: the signature "
        "against the organisation's published key (this instance's keyring unless --public-key "
        "is given), the PDF signature against the organisation's certificate, that no byte was "
        "changed, the expiry date and the revocation list (this instance's unless --revocations "
        "is given). Against this instance it also says where the file is in the public log, or "
        "that it is not logged. It prints the verdict and exits 0 only for a valid attestation."
    )
    # A verifier with only public keys needs nothing of this instance but the command itself.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="verb", required=True)
        verify = sub.add_parser("verify", help="verify a signed attestation (PDF or JSON)")
        verify.add_argument("file", metavar="FILE")
        verify.add_argument(
            "--public-key",
            action="append",
            default=[],
            metavar="HEX",
            help="a trusted Ed25519 public key in hex (repeatable)",
        )
        verify.add_argument(
            "--certificate",
            action="append",
            default=[],
            metavar="FILE",
            help="a trusted PDF signing certificate, PEM or DER (repeatable)",
        )
        verify.add_argument(
            "--revocations", metavar="FILE", help="a signed revocation list (revocations.json)"
        )
        verify.add_argument("--today", metavar="DATE", help="check expiry as of this date")

    def handle(self, *args: Any, **options: Any) -> None:
        raw = _read(options["file"])
        try:
            self._verify(raw, options)
        except DatabaseError:
            raise CommandError(
                "this instance's keys or revocations cannot be read; give --public-key, "
                "--revocations and, for a PDF, --certificate"
            ) from None

    def _verify(self, raw: bytes, options: dict[str, Any]) -> None:
        if options["public_key"]:
            publics = [_public_key(value) for value in options["public_key"]]
            trusted_keys = {key_id(public): public for public in publics}
        else:
            trusted_keys = issuing.trusted_keys_here()
        if options["revocations"]:
            try:
                revocations = attest.read_revocations(
                    _read(options["revocations"]), trusted_keys=trusted_keys
                )
            except attest.AttestationError as exc:
                raise CommandError(str(exc)) from None
            revoked = attest.revoked_ids(revocations)
            source = f"revocation list of {revocations['issued_at']}"
        else:
            revoked = issuing.revoked_here()
            source = "this instance's revocations"
        certificates: list[bytes] | None = None
        if options["certificate"]:
            try:
                certificates = [pdf.certificate_der(_read(path)) for path in options["certificate"]]
            except ValueError:
                raise CommandError("--certificate must be a PEM or DER certificate") from None
        verdict = pdf.verify_file(
            raw,
            today=_today(options["today"]),
            trusted_keys=trusted_keys,
            revoked=revoked,
            trusted_certificates=certificates,
        )
        self.stdout.write(f"{'VALID' if verdict.valid else 'NOT VALID'}: {verdict.reason}")
        statement = verdict.statement
        if statement is not None:
            issuer = statement["issuer"]
            self.stdout.write(f"  attestation  {statement['id']}")
            self.stdout.write(f"  issued by    {issuer['organisation']} (key {issuer['key_id']})")
            recipient = statement["recipient"]
            if isinstance(recipient, dict):  # version 2 names its language too
                recipient = f"{recipient['name']} ({recipient['language']})"
            self.stdout.write(f"  for          {recipient}")
            self.stdout.write(f"  case         {statement['subject']['reference']}")
            self.stdout.write(f"  conclusion   {statement['conclusion']}")
            self.stdout.write(
                f"  issued on    {statement['issued_on']}, valid until {statement['valid_until']}"
            )
            # Notes (such as the public log's) come from this instance's records, so only when
            # checking against its own keys; a verifier elsewhere has public data only.
            for title, lines in [] if options["public_key"] else hooks.verification_notes(raw):
                self.stdout.write(f"  {title}:")
                for line in lines:
                    self.stdout.write(f"    {line}")
        self.stdout.write(f"  checked against {len(trusted_keys)} key(s) and {source}")
        if not verdict.valid:
            raise CommandError("the attestation is NOT valid", returncode=1)
