"""safepassage retention purge"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import timezone

from safepassage.audit.services import record
from safepassage.vault import retention


class Command(BaseCommand):
    help = (
        "Crypto-shred everything whose retention period (the month of its retention date) has "
        "ended: the period's shred keys are destroyed in the key folder, so no backup can be "
        "read for it either, and its rows and files are deleted. Also removes unanswered intake "
        "messages past their retention and leftovers of interrupted uploads. Run daily."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("verb", choices=["purge"])
        parser.add_argument("--today", help="act as if today were this date (YYYY-MM-DD)")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            today = date.fromisoformat(options["today"]) if options["today"] else None
        except ValueError:
            raise CommandError("--today must be a date like 2027-01-31") from None

        def audit(action: str, details: dict[str, object]) -> None:
            record(action, details={k.replace(" ", "_"): v for k, v in details.items()})

        summary = retention.purge(today or timezone.localdate(), audit)
        with transaction.atomic():
            record(
                "retention.purged",
                details={
                    "periods": [p.replace("-", "_") for p in summary.periods],
                    "objects": summary.objects,
                    "orphan_files": summary.orphan_files,
                    **{k.replace(" ", "_"): v for k, v in summary.other.items()},
                },
            )
        self.stdout.write(summary.line())
