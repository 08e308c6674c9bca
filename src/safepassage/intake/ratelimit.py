"""Rate limits kept in the database: fixed windows per rule, global or per codename.

Nothing here knows who is asking: the keys name a rule ("submit:global") or a thread's lookup id
("codename:<lookup>:login"), never an address. Windows are whole hours, and rows of ended windows
are removed by the retention purge.
"""

from __future__ import annotations

from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from safepassage.intake.models import RateCounter

HOUR = 3600


def _window(now: datetime, seconds: int) -> datetime:
    epoch = int(now.timestamp())
    return datetime.fromtimestamp(epoch - epoch % seconds, tz=now.tzinfo)


def _locked(key: str, start: datetime) -> RateCounter:
    row = RateCounter.objects.select_for_update().filter(key=key).first()
    if row is not None:
        return row
    try:
        with transaction.atomic():
            return RateCounter.objects.create(key=key, window_start=start, count=0)
    except IntegrityError:  # created by a concurrent request in the meantime
        return RateCounter.objects.select_for_update().get(key=key)


def hit(key: str, limit: int, seconds: int = HOUR) -> bool:
    """Count one attempt; False (and nothing counted) once the window holds `limit` of them."""
    now = timezone.now()
    start = _window(now, seconds)
    with transaction.atomic():
        row = _locked(key, start)
        if row.window_start != start:
            row.window_start, row.count = start, 0
        if row.count >= limit:
            return False
        row.count += 1
        row.save(update_fields=["window_start", "count"])
    return True


def exhausted(key: str, limit: int, seconds: int = HOUR) -> bool:
    """Whether the window is already full, without counting anything."""
    start = _window(timezone.now(), seconds)
    row = RateCounter.objects.filter(key=key, window_start=start).first()
    return row is not None and row.count >= limit


def forget_ended(now: datetime | None = None, seconds: int = HOUR) -> int:
    """Remove counters whose window ended; returns how many."""
    start = _window(now or timezone.now(), seconds)
    deleted, _ = RateCounter.objects.filter(window_start__lt=start).delete()
    return deleted
