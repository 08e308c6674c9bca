"""safepassage setup: the organisation, its keys, and the first coordinator's invitation."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from safepassage.accounts import services
from safepassage.accounts.models import Organisation
from safepassage.core.roles import Role
from safepassage.crypto.keyfolder import write_private
from safepassage.crypto.words import bytes_to_words
from safepassage.ops import keysheet


class Command(BaseCommand):
    help = (
        "Set up this instance for one organisation: create its keys, print the organisation "
        "recovery key ONCE (keep it offline; it is never stored), and print a one-time "
        "invitation link for the first coordinator. Refuses to run twice."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--organisation", required=True, help="the organisation's name")
        parser.add_argument("--coordinator", required=True, help="email of the first coordinator")
        parser.add_argument(
            "--url", required=True, help="address staff use, e.g. https://cases.example.org"
        )
        parser.add_argument("--team", action="append", default=[], help="a team to create")
        parser.add_argument(
            "--sheet",
            help="also write the recovery key's printable backup sheet (PDF) to this new file; "
            "print it, then delete it",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if Organisation.objects.exists():
            raise CommandError("this instance already has an organisation")
        sheet = Path(options["sheet"]) if options["sheet"] else None
        if sheet is not None and (sheet.exists() or not sheet.parent.is_dir()):
            raise CommandError(f"--sheet {sheet}: give a new file in an existing folder")
        if sheet is not None:
            from safepassage.vetting.pdf import FontMissing, font_path

            try:  # checked first: once the keys exist, nothing may stop them being shown
                font_path()
            except FontMissing as exc:
                raise CommandError(str(exc)) from None
        with transaction.atomic():
            organisation, keys = services.create_organisation(
                options["organisation"], options["team"]
            )
            _invitation, token = services.invite(
                None,
                options["coordinator"],
                Role.COORDINATOR,
                None,
                intake_private=keys.intake_secret,
            )
        link = options["url"].rstrip("/") + reverse("accounts:accept_invitation", args=[token])
        words = bytes_to_words(keys.recovery_secret)
        public = bytes(keys.keyring.recovery_public)
        self.stdout.write(f"Organisation created: {organisation.name}")
        self.stdout.write("")
        self.stdout.write("ORGANISATION RECOVERY KEY (shown once, never stored):")
        for number, (row, code) in enumerate(keysheet.rows(words), 1):
            self.stdout.write(f"  {number}. {' '.join(row):<30} [{code}]")
        self.stdout.write(f"  fingerprint: {keysheet.fingerprint(public)}")
        if sheet is not None:
            pdf = keysheet.render_pdf(
                organisation.name, keys.recovery_secret, public, timezone.localdate()
            )
            write_private(sheet, pdf, exclusive=True)
            self.stdout.write(f"  The printable sheet is in {sheet}: print it, then shred it.")
        self.stdout.write(
            "  With it, every case can be opened even if all staff lose their keys. Write it on "
            "paper with each row's code in brackets, keep it offline in two safe places, and "
            "never type it into this server except to recover or to check it (`safepassage "
            "keys check-words`)."
        )
        self.stdout.write("")
        self.stdout.write(
            f"Invitation for the first coordinator (works once, for 7 days):\n  {link}"
        )
