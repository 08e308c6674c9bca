"""safepassage periodic JOB"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from safepassage.ops import services
from safepassage.ops.jobs import JOBS


class Command(BaseCommand):
    help = (
        "Run one periodic job as its systemd timer does, and record the run so `safepassage "
        "doctor` can tell a timer that stopped: "
        + "; ".join(f"{job.name} ({job.on_calendar}): {job.what}" for job in JOBS.values())
        + ". A failed run exits non-zero (systemd marks the unit failed) and is audited."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("job", choices=sorted(JOBS))

    def handle(self, *args: Any, **options: Any) -> None:
        job = JOBS[options["job"]]
        services.job_started(job.name)
        try:
            summary = job.run()
        except CommandError as exc:
            services.job_failed(job.name, str(exc))
            raise CommandError(f"{job.name} failed: {exc}") from None
        except Exception as exc:
            # Only the kind of failure is kept: a message from deeper code could hold anything.
            services.job_failed(job.name, type(exc).__name__)
            raise
        services.job_succeeded(job.name, summary)
        self.stdout.write(f"{job.name}: {summary}")
