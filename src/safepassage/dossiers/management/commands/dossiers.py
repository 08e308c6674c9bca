"""safepassage dossiers build | verify | annexes | authorities"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError
from django.http import Http404

from safepassage.cases.cli import staff_session
from safepassage.cases.gate import open_case
from safepassage.core.roles import Perm
from safepassage.crypto.signing import key_id
from safepassage.dossiers import building, content
from safepassage.dossiers.models import Authority
from safepassage.dossiers.services import DossierError
from safepassage.vetting import hooks
from safepassage.vetting import pdf as vetting_pdf

# A dossier with its annexes; a larger file is refused unread.
MAX_BYTES = 200 * 1024 * 1024


class Command(BaseCommand):
    help = (
        "Dossiers for a protecting state. 'build CASE --authority CODE --out FILE' makes a new "
        "signed version (PDF with its annexes, PAdES-signed; the signed JSON inside) from the "
        "case's records, sealed in the vault and audited, exactly as the builder page does; "
        "'annexes CASE' lists what may be attached; 'authorities' lists the profiles; "
        "'verify FILE' checks the PDF signature, the signed JSON and every annex against its "
        "index, and exits 0 only for a valid dossier."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="verb", required=True)
        build = sub.add_parser("build", help="build a new version of a case's dossier")
        build.add_argument("reference", metavar="CASE")
        build.add_argument("--as", dest="email", required=True, help="your staff email")
        build.add_argument("--authority", required=True, help="authority code (see 'authorities')")
        build.add_argument("--out", required=True, metavar="FILE")
        build.add_argument(
            "--person",
            action="append",
            type=int,
            default=[],
            help="id of a family member to include (repeatable; default: the applicant only)",
        )
        build.add_argument("--tick", action="append", default=[], choices=sorted(content.TICKS))
        build.add_argument("--annex", action="append", default=[], help="an annex token")
        build.add_argument("--copy", choices=building.COPIES, default="authority")
        annexes = sub.add_parser("annexes", help="list what may be attached to a case's dossier")
        annexes.add_argument("reference", metavar="CASE")
        annexes.add_argument("--as", dest="email", required=True, help="your staff email")
        sub.add_parser("authorities", help="list the authority profiles and their rules")
        verify = sub.add_parser("verify", help="verify a dossier PDF")
        verify.add_argument("file", metavar="FILE")
        verify.add_argument("--public-key", action="append", default=[], metavar="HEX")
        verify.add_argument("--certificate", action="append", default=[], metavar="FILE")

    def handle(self, *args: Any, **options: Any) -> None:
        getattr(self, f"_{options['verb']}")(options)

    def _open(self, options: dict[str, Any]) -> Any:
        staff, vault = staff_session(options["email"], Perm.DOSSIERS)
        try:
            return open_case(staff, options["reference"], vault, "dossier_opened"), vault
        except Http404:
            raise CommandError(f"no case {options['reference']} open to {staff.email}") from None

    def _build(self, options: dict[str, Any]) -> None:
        access, vault = self._open(options)
        authority = Authority.objects.filter(code=options["authority"]).first()
        if authority is None:
            raise CommandError(f"no authority {options['authority']}: see 'dossiers authorities'")
        people = options["person"] or [
            p.pk for p in content.people_of(access) if p.kind == "principal"
        ]
        try:
            built = building.build(
                access,
                authority,
                people=people,
                ticks=options["tick"],
                annexes=options["annex"],
                copy=options["copy"],
                vault=vault,
            )
        except DossierError as exc:
            raise CommandError(f"{exc.field}: {exc}") from None
        out = Path(options["out"])
        with out.open("wb") as handle:
            for chunk in building.chunks_of(built.pdf):
                handle.write(chunk)
        dossier = built.dossier
        self.stdout.write(
            f"dossier {dossier.id} version {dossier.version} for {authority.code} "
            f"({dossier.language}) written to {out}; PDF SHA-256 {dossier.pdf_sha256}"
        )

    def _annexes(self, options: dict[str, Any]) -> None:
        access, vault = self._open(options)
        for annex in building.annex_choices(access, vault):
            self.stdout.write(f"{annex.token}\t{annex.kind}\t{annex.size}\t{annex.title}")

    def _authorities(self, options: dict[str, Any]) -> None:
        for authority in Authority.objects.prefetch_related("rules"):
            self.stdout.write(
                f"{authority.code}\t{','.join(authority.languages)}\t{authority.name}"
            )
            for rule in authority.rules.all():
                span = f"{rule.months} months" if rule.months else f"{rule.days} days"
                self.stdout.write(
                    f"  {rule.code}: after {rule.trigger}, {span}"
                    f"{' -> ' + rule.yields if rule.yields else ''}"
                    f" (source: {rule.source}; last checked {rule.last_checked})"
                )

    def _verify(self, options: dict[str, Any]) -> None:
        path = Path(options["file"])
        try:
            if path.stat().st_size > MAX_BYTES:
                raise CommandError(f"{path}: larger than {MAX_BYTES // 2**20} MB")
            raw = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"{path}: cannot be read ({exc.strerror})") from None
        keys = None
        if options["public_key"]:
            try:
                publics = [bytes.fromhex(value) for value in options["public_key"]]
            except ValueError:
                raise CommandError("--public-key must be hexadecimal") from None
            keys = {key_id(public): public for public in publics}
        certificates = None
        if options["certificate"]:
            try:
                certificates = [
                    vetting_pdf.certificate_der(Path(p).read_bytes())
                    for p in options["certificate"]
                ]
            except (OSError, ValueError):
                raise CommandError("--certificate must be a PEM or DER certificate") from None
        try:
            verdict = building.verify(raw, trusted_keys=keys, trusted_certificates=certificates)
        except DatabaseError:
            raise CommandError(
                "this instance's keys cannot be read; give --public-key and --certificate"
            ) from None
        for line in verdict.lines:
            self.stdout.write(line)
        if keys is None and verdict.signed_json:
            # Against this instance: where its public log holds the signed JSON.
            for title, notes in hooks.verification_notes(verdict.signed_json):
                self.stdout.write(f"{title}: {' '.join(notes)}")
        if not verdict.valid:
            raise CommandError("dossier NOT valid")
        statement = verdict.statement or {}
        self.stdout.write(
            f"VALID: dossier {statement.get('id')} of {statement.get('case')} for "
            f"{statement.get('authority', {}).get('name')}, made {statement.get('issued_on')}"
        )
