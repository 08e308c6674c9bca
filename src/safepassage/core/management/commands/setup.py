"""safepassage setup: the organisation, its keys, and the first coordinator's invitation."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.urls import reverse

from safepassage.accounts import services
from safepassage.accounts.models import Organisation
from safepassage.accounts.roles import Role
from safepassage.crypto.words import bytes_to_words


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

    def handle(self, *args: Any, **options: Any) -> None:
        if Organisation.objects.exists():
            raise CommandError("this instance already has an organisation")
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
        words = " ".join(bytes_to_words(keys.recovery_secret))
        self.stdout.write(f"Organisation created: {organisation.name}")
        self.stdout.write("")
        self.stdout.write("ORGANISATION RECOVERY KEY (shown once, never stored):")
        self.stdout.write(f"  {words}")
        self.stdout.write(
            "  With it, every case can be opened even if all staff lose their keys. Write it on "
            "paper, keep it offline in two safe places, and never type it into this server "
            "except to recover."
        )
        self.stdout.write("")
        self.stdout.write(
            f"Invitation for the first coordinator (works once, for 7 days):\n  {link}"
        )
