"""The periodic jobs, in one place: what each runs, how often, and when it counts as stale.

Every systemd timer in deploy/systemd starts `safepassage periodic JOB` for a job named here (a
test checks both ways), and `safepassage doctor` reads the record each run leaves.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone


@dataclass(frozen=True)
class Job:
    name: str
    on_calendar: str  # systemd OnCalendar= of its timer
    interval: timedelta  # how often it is meant to succeed
    what: str
    run: Callable[[], str]  # returns the command's one-line summary

    @property
    def stale_after(self) -> timedelta:
        """A run may fail once or be late by an hour before doctor calls it stale."""
        return self.interval * 2 + timedelta(hours=1)


def _command(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO())
    lines = [line for line in out.getvalue().splitlines() if line.strip()]
    return lines[-1] if lines else ""


def backup_dir() -> Path:
    if not settings.BACKUP_DIR:
        raise CommandError(
            "SAFEPASSAGE_BACKUP_DIR is not set: give the folder the daily archive and audit "
            "checkpoint are written to (then copied off the server)"
        )
    folder = Path(settings.BACKUP_DIR)
    if not folder.is_dir():
        raise CommandError(f"SAFEPASSAGE_BACKUP_DIR {folder} is not a folder: create it")
    return folder


def _backup() -> str:
    stamp = timezone.now().strftime("%Y-%m-%dT%H%M")
    return _command("backup", "create", str(backup_dir() / f"safepassage-{stamp}.spb"))


def _checkpoint() -> str:
    folder = backup_dir()
    earlier = sorted(folder.glob("audit-checkpoint-*.json"))
    target = folder / f"audit-checkpoint-{timezone.now().strftime('%Y-%m-%dT%H%M')}.json"
    args = ["audit", "checkpoint", "--export", str(target)]
    if earlier:
        args += ["--since", str(earlier[-1])]
    return _command(*args)


HOUR = timedelta(hours=1)
DAY = timedelta(days=1)

JOBS: dict[str, Job] = {
    job.name: job
    for job in [
        Job(
            "alerts",
            "hourly",
            HOUR,
            "recompute alerts, tell staff how many",
            lambda: _command("alerts"),
        ),
        Job(
            "retention-purge",
            "*-*-* 03:10",
            DAY,
            "shred what reached its retention end",
            lambda: _command("retention", "purge"),
        ),
        Job(
            "audit-verify",
            "*-*-* 03:40",
            DAY,
            "verify the audit log",
            lambda: _command("audit", "verify"),
        ),
        Job(
            "audit-checkpoint",
            "*-*-* 03:50",
            DAY,
            "sign and export an audit checkpoint",
            _checkpoint,
        ),
        Job("backup", "*-*-* 04:10", DAY, "write the encrypted archive", _backup),
        Job(
            "tlog-cosign",
            "*:0/5",
            timedelta(minutes=5),
            "ask the witnesses to cosign the public log's checkpoint",
            lambda: _command("tlog", "cosign"),
        ),
        Job(
            "tlog-check",
            "*-*-* 04:40",
            DAY,
            "recompute the public log from its entries",
            lambda: _command("tlog", "check"),
        ),
        Job(
            "partners-receipts",
            "hourly",
            HOUR,
            "fetch the receipts of bundles delivered to partners' inboxes",
            lambda: _command("partners", "receipts"),
        ),
        Job(
            "lists-fetch",
            "*-*-* 05:20",
            DAY,
            "fetch the configured screening lists",
            lambda: _command("lists", "fetch"),
        ),
    ]
}
