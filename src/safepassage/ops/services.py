"""Writes of the operations part: the record of each periodic run.

A job's record is not an audit entry: successful runs would fill the log with an hourly line
that says nothing about people or cases. A failed run is audited, since someone must act on it.
The jobs themselves audit what they do (alerts computed, retention purged, backup written).
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from safepassage.audit.services import record
from safepassage.ops.models import JobRun


def job_started(job: str) -> None:
    JobRun.objects.update_or_create(job=job, defaults={"last_started_at": timezone.now()})


def job_succeeded(job: str, summary: str) -> None:
    JobRun.objects.update_or_create(
        job=job, defaults={"last_ok_at": timezone.now(), "last_summary": summary[:300]}
    )


def job_failed(job: str, error: str) -> None:
    with transaction.atomic():
        JobRun.objects.update_or_create(
            job=job, defaults={"last_failed_at": timezone.now(), "last_error": error[:300]}
        )
        record("ops.job_failed", target_type="job", target_ref=job)


def key_folder_backed_up() -> None:
    with transaction.atomic():
        JobRun.objects.update_or_create(
            job="key-backup",
            defaults={"last_started_at": timezone.now(), "last_ok_at": timezone.now()},
        )
        record("ops.key_folder_exported", target_type="job", target_ref="key-backup")


def apply_reference(changes: list[Any]) -> int:
    """Write the shipped values of the items to add, update or overwrite; audited with counts."""
    from safepassage.cases.models import AlertLeadTime, Article, Country, StayRule
    from safepassage.intake.models import OutreachPage
    from safepassage.ops.reference import shipped

    values = shipped()
    written: dict[str, int] = {}
    with transaction.atomic():
        for change in changes:
            if change.action not in ("add", "update", "overwrite"):
                continue
            kind, name = change.key.split(":", 1)
            defaults = dict(values[change.key])
            if kind == "country":
                Country.objects.update_or_create(code=name, defaults=defaults)
            elif kind == "stay_rule":
                StayRule.objects.update_or_create(country_id=name, defaults=defaults)
            elif kind == "article":
                Article.objects.update_or_create(number=name, defaults=defaults)
            elif kind == "alert_lead":
                AlertLeadTime.objects.update_or_create(kind=name, defaults=defaults)
            else:
                slug, language = name.rsplit(".", 1)
                OutreachPage.objects.update_or_create(
                    slug=slug, language=language, defaults=defaults
                )
            written[change.action] = written.get(change.action, 0) + 1
        if written:
            record("reference.applied", target_type="reference", details=written)
    return sum(written.values())


def rotate_signing_key(organisation_id: int, reason: str) -> tuple[str, str]:
    """A new organisation signing key, the old one kept as retired; audited."""
    from safepassage.vault.keys import rotate_signing_key as rotate

    with transaction.atomic():
        old, new = rotate(organisation_id, reason)
        record(
            "keys.signing_rotated",
            target_type="organisation",
            target_ref=organisation_id,
            details={"old_key": old, "new_key": new, "reason": reason},
        )
    return old, new
