"""The organisation's figures per month, counted by the same sources and kept in two tables,
so that the coordinators' dashboard reads a few hundred rows whatever the number of cases.

Months are the finest cut of every figure, so any period of whole months sums exactly from the
monthly rows. The roll-up is rebuilt, in one transaction, when a page finds it older than
REPORTS_ROLLUP_SECONDS (default 300) or by `safepassage reports refresh`; the page says when
its figures were counted. Releases never use it: they count afresh.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from safepassage.reports import sources
from safepassage.reports.figures import Figures, Period, compute, scope_for
from safepassage.reports.models import RollupCount, RollupDays, RollupState
from safepassage.reports.sources import Count, Scope

EARLIEST = date(2014, 1, 1)  # before any case this software could hold


def max_age() -> timedelta:
    return timedelta(seconds=int(getattr(settings, "REPORTS_ROLLUP_SECONDS", 300)))


@transaction.atomic
def rebuild(organisation_id: int) -> RollupState:
    """Count everything again, per month, and replace the organisation's roll-up."""
    state, _created = RollupState.objects.select_for_update().get_or_create(
        organisation_id=organisation_id, defaults={"built_at": timezone.now()}
    )
    scope = Scope(organisation_id, EARLIEST, timezone.localdate() + timedelta(days=1))
    RollupCount.objects.filter(organisation_id=organisation_id).delete()
    RollupDays.objects.filter(organisation_id=organisation_id).delete()
    RollupCount.objects.bulk_create(
        RollupCount(
            organisation_id=organisation_id,
            month=c.month,
            event=c.event,
            country=c.country,
            category=c.category,
            reason=c.reason,
            n=c.n,
        )
        for c in sources.collect(scope)
    )
    days = {**sources.stage_days(scope), **sources.days_to_safety(scope)}
    RollupDays.objects.bulk_create(
        RollupDays(organisation_id=organisation_id, month=month, stage=stage, days=d, n=n)
        for (month, stage), histogram in days.items()
        for d, n in histogram.items()
    )
    state.built_at = timezone.now()
    state.save(update_fields=["built_at"])
    return state


def figures(scope: Scope) -> Figures:
    """The organisation's figures for the scope's months, from the roll-up (rebuilt first when
    it is missing or too old)."""
    state = RollupState.objects.filter(organisation_id=scope.organisation_id).first()
    if state is None or timezone.now() - state.built_at > max_age():
        state = rebuild(scope.organisation_id)
    period = Period(scope.start, scope.end)
    months = period.months()
    rows = RollupCount.objects.filter(organisation_id=scope.organisation_id, month__in=months)
    counts = [
        Count(event, month, n, country=country, category=category, reason=reason)
        for event, month, country, category, reason, n in rows.values_list(
            "event", "month", "country", "category", "reason", "n"
        )
    ]
    # Medians need the days of the whole period, not of each month: summed in the database.
    days: dict[tuple[str, str], dict[int, int]] = {}
    summed = (
        RollupDays.objects.filter(organisation_id=scope.organisation_id, month__in=months)
        .values("stage", "days")
        .annotate(total=Sum("n"))
        .order_by()
    )
    for row in summed:
        days.setdefault((period.label(), row["stage"]), {})[row["days"]] = row["total"]
    return Figures(period=period, counts=counts, days=days, as_of=state.built_at)


def for_staff(staff: Any, period: Period) -> Figures:
    """The figures a staff member may see for the period (checked: not empty, not future):
    the organisation's from the roll-up for coordinators, a caseworker's few cases counted
    now."""
    period.check()
    scope = scope_for(staff, period)
    if scope.case_ids is None:
        return figures(scope)
    return compute(scope)
