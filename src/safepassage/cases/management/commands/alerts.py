"""safepassage alerts"""

from __future__ import annotations

import sys
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import timezone

from safepassage.audit.services import record
from safepassage.cases import alerts


class Command(BaseCommand):
    help = (
        "Recompute the alerts of every open case from the dates the server may read (legal-stay "
        "ends, document expiry, appeal deadlines, appointments, tasks, welfare check-ins) at the "
        "configured lead times, and tell each staff member how many of their cases need "
        "attention (never which, never why). Run by a timer, e.g. every hour."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", help="act as if today were this date (YYYY-MM-DD)")
        parser.add_argument("--no-email", action="store_true", help="do not send e-mail")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            today = date.fromisoformat(options["today"]) if options["today"] else None
        except ValueError:
            raise CommandError("--today must be a date like 2027-01-31") from None
        show = self.stderr.isatty() if hasattr(self.stderr, "isatty") else False

        def progress(done: int, total: int) -> None:
            if show:
                sys.stderr.write(f"\r{done}/{total} cases")

        summary = alerts.compute(today or timezone.localdate(), progress)
        if show:
            sys.stderr.write("\n")
        sent = 0 if options["no_email"] else alerts.notify(summary.counts)
        with transaction.atomic():
            record(
                "alerts.computed",
                details={
                    "cases": summary.cases,
                    "alerts": summary.alerts,
                    "notified": summary.notified,
                    "emails": sent,
                },
            )
        self.stdout.write(summary.line())
