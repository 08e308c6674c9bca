"""Per-account sign-in throttling: a growing delay, then a lock-out (never per address)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F

from safepassage.accounts.models import Staff
from safepassage.audit.services import record


@dataclass(frozen=True)
class Refusal:
    locked: bool
    until: datetime

    def seconds_left(self, now: datetime) -> int:
        return max(1, math.ceil((self.until - now).total_seconds()))


def delay_after(failures: int) -> int:
    """Seconds an account must wait after `failures` consecutive failures."""
    if failures < settings.SIGNIN_DELAY_AFTER:
        return 0
    exponent = failures - settings.SIGNIN_DELAY_AFTER
    return int(min(2**exponent, settings.SIGNIN_MAX_DELAY_SECONDS))


def refusal(staff: Staff, now: datetime) -> Refusal | None:
    """Why this account may not try now, or None."""
    if staff.locked_until and now < staff.locked_until:
        return Refusal(locked=True, until=staff.locked_until)
    wait = delay_after(staff.failed_signins)
    if wait and staff.last_failed_signin:
        until = staff.last_failed_signin + timedelta(seconds=wait)
        if now < until:
            return Refusal(locked=False, until=until)
    return None


def record_failure(staff: Staff, now: datetime, stage: str) -> None:
    """Count one failure; lock the account when the count reaches the limit."""
    with transaction.atomic():
        if staff.locked_until and staff.locked_until <= now:
            # A lock that ran out starts a fresh count.
            Staff.objects.filter(pk=staff.pk).update(failed_signins=0, locked_until=None)
        Staff.objects.filter(pk=staff.pk).update(
            failed_signins=F("failed_signins") + 1, last_failed_signin=now
        )
        staff.refresh_from_db(fields=["failed_signins", "last_failed_signin", "locked_until"])
        record(
            "signin.failed",
            target_type="staff",
            target_ref=staff.pk,
            details={"stage": stage, "count": staff.failed_signins},
        )
        if staff.failed_signins >= settings.SIGNIN_LOCKOUT_AFTER and not staff.locked_until:
            staff.locked_until = now + timedelta(seconds=settings.SIGNIN_LOCKOUT_SECONDS)
            staff.save(update_fields=["locked_until"])
            record(
                "signin.locked",
                target_type="staff",
                target_ref=staff.pk,
                details={"seconds": settings.SIGNIN_LOCKOUT_SECONDS},
            )


def reset(staff: Staff) -> None:
    if staff.failed_signins or staff.locked_until:
        staff.failed_signins = 0
        staff.locked_until = None
        staff.last_failed_signin = None
        staff.save(update_fields=["failed_signins", "locked_until", "last_failed_signin"])
