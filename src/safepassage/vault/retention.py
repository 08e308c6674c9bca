"""The end of retention: expired periods shredded, leftovers cleaned away."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.conf import settings
from django.db import transaction

from safepassage.vault.keys import key_folder
from safepassage.vault.models import EncryptedFile, KeyRing
from safepassage.vault.objects import period_of, shred
from safepassage.vault.storage import stored_path

INCOMING_MAX_AGE_SECONDS = 24 * 3600


@dataclass
class PurgeSummary:
    periods: list[str] = field(default_factory=list)
    objects: int = 0
    orphan_files: int = 0
    other: dict[str, int] = field(default_factory=dict)

    def line(self) -> str:
        extra = "".join(f", {n} {what}" for what, n in sorted(self.other.items()))
        periods = ", ".join(self.periods) or "none"
        return (
            f"retention purge: periods ended {periods}; {self.objects} objects shredded, "
            f"{self.orphan_files} orphan files removed{extra}"
        )


# Other kinds of data with their own retention (unanswered intake messages, for example)
# register a purger: it receives today's date and returns what it removed, by name.
Purger = Callable[[date], dict[str, int]]
_purgers: list[Purger] = []


def register_purger(purger: Purger) -> None:
    if purger not in _purgers:
        _purgers.append(purger)


# How the caller records each step in the audit log, inside the step's own transaction (the
# vault is below the audit log and cannot import it): an action and its details.
Audit = Callable[[str, dict[str, object]], None]


def purge(today: date, audit: Audit) -> PurgeSummary:
    """Shred every object whose retention period ended before this month; each shredding and
    each purger's work is audited in the transaction that does it."""
    summary = PurgeSummary()
    current = period_of(today)
    folder = key_folder()
    expired = sorted(
        {p for p in folder.periods() if p < current}
        | set(KeyRing.objects.filter(period__lt=current).values_list("period", flat=True))
    )
    for period in expired:
        for ring in list(KeyRing.objects.filter(period=period)):
            with transaction.atomic():
                details = {"scope": ring.scope, "object": ring.object_id, "period": period}
                shred(ring)
                audit("retention.shredded", details)
            summary.objects += 1
        folder.destroy_period(period)
        summary.periods.append(period)
    summary.orphan_files = _remove_orphans()
    for purger in _purgers:
        with transaction.atomic():
            removed = purger(today)
            if any(removed.values()):
                audit("retention.purged_other", dict(removed))
        for what, count in removed.items():
            summary.other[what] = summary.other.get(what, 0) + count
    return summary


def _remove_orphans() -> int:
    """Stored files without a row (a rolled-back upload) and uploads abandoned mid-way."""
    files_dir = Path(settings.FILES_DIR)
    if not files_dir.is_dir():
        return 0
    removed = 0
    known = {stored_path(pk) for pk in EncryptedFile.objects.values_list("id", flat=True)}
    cutoff = time.time() - INCOMING_MAX_AGE_SECONDS
    for path in files_dir.glob("??/*.bin"):
        if path not in known and path.stat().st_mtime < cutoff:
            path.unlink(missing_ok=True)
            removed += 1
    for path in (files_dir / "incoming").glob("*.part"):
        if path.stat().st_mtime < cutoff:
            path.unlink(missing_ok=True)
            removed += 1
    return removed
