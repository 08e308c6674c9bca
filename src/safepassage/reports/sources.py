"""Where figures come from: one small function per kind of recorded event.

Each source answers, for a scope (an organisation, a period, and for a caseworker his own cases),
how many events of its kinds happened per month, cut by a coarse country, the man's service
category and a reason code. Counting happens in the database (GROUP BY), never by opening a
case: only readable columns are used. A new kind of event (a dossier submitted, a visa granted)
is one more function here, registered with `@register`: the apps below never import reports.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db import connection
from django.db.models import Count as CountOf
from django.db.models import Exists, OuterRef, QuerySet
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Scope:
    """Whose events and which days: `case_ids` limits them to a staff member's own cases."""

    organisation_id: int
    start: date
    end: date  # inclusive
    case_ids: frozenset[int] | None = None

    @property
    def since(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.start, time.min))

    @property
    def until(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.end + timedelta(days=1), time.min))


@dataclass(frozen=True)
class Count:
    """How many events of one kind in one month, for one country, category and reason."""

    event: str
    month: str  # YYYY-MM: no figure is finer than a month
    n: int
    country: str = ""
    category: str = ""
    reason: str = ""


Source = Callable[[Scope], Iterable[Count]]
_sources: dict[str, Source] = {}

# The events the reports know, in the order of a man's path, with their names. A source may
# count an event that is not listed (it is shown under its code).
EVENTS: dict[str, Any] = {
    "first_contact": _("First contacts"),
    "consultation": _("Consultations"),
    "left_russia": _("Left Russia"),
    "reached_transit": _("Reached a transit country"),
    "vetting_decided": _("Vetting decided"),
    "dossier_submitted": _("Dossiers submitted"),
    "visa_granted": _("Visas granted"),
    "visa_refused": _("Visas refused"),
    "arrived": _("Arrived in a protecting state"),
    "status_granted": _("Protection status granted"),
    "closed": _("Cases closed"),
}
# Events whose country is a protecting state (the others carry a transit country, if any).
PROTECTION_EVENTS = {"arrived", "visa_granted", "visa_refused", "status_granted"}


def register(name: str) -> Callable[[Source], Source]:
    """Add a source of events; registering the same name again replaces it."""

    def add(source: Source) -> Source:
        _sources[name] = source
        return source

    return add


def sources() -> dict[str, Source]:
    return dict(_sources)


def collect(scope: Scope) -> list[Count]:
    """Every source's counts for the scope."""
    return [count for source in _sources.values() for count in source(scope)]


def _month(value: date | datetime | None) -> str:
    return value.strftime("%Y-%m") if value is not None else ""


def _cases(scope: Scope, queryset: QuerySet[Any], field: str = "case") -> QuerySet[Any]:
    queryset = queryset.filter(**{f"{field}__organisation_id": scope.organisation_id})
    if scope.case_ids is not None:
        queryset = queryset.filter(**{f"{field}_id__in": sorted(scope.case_ids)})
    return queryset


def _grouped(
    queryset: QuerySet[Any],
    event: str | None,
    day_field: str,
    *,
    country: str | None = None,
    category: str | None = None,
    reason: str | None = None,
) -> Iterable[Count]:
    names = {"country": country, "category": category, "reason": reason}
    columns = [column for column in names.values() if column]
    rows = (
        queryset.annotate(month=TruncMonth(day_field))
        .values("month", *columns)
        .annotate(n=CountOf("pk"))
        .order_by()
    )
    for row in rows:
        yield Count(
            event=event or row[reason or ""],
            month=_month(row["month"]),
            n=row["n"],
            **{name: row[column] or "" for name, column in names.items() if column},
        )


# -- the sources that exist now -------------------------------------------------------------------


@register("intake")
def first_contacts(scope: Scope) -> Iterable[Count]:
    """A first contact is an intake thread (not abuse), or a case opened without one."""
    from safepassage.cases.models import Case
    from safepassage.intake.models import Conversation, Status

    threads = Conversation.objects.exclude(status=Status.ABUSE).filter(
        started_on__gte=scope.start, started_on__lte=scope.end
    )
    if scope.case_ids is None:
        # Threads not linked to a case belong to the instance's intake: coordinators see them.
        threads = threads.filter(case__isnull=True) | threads.filter(
            case__organisation_id=scope.organisation_id
        )
    else:
        threads = _cases(scope, threads)
    yield from _grouped(threads, "first_contact", "started_on", category="case__service_category")
    linked = Conversation.objects.filter(case=OuterRef("pk"))
    cases = _own(
        scope, Case.objects.filter(created_at__gte=scope.since, created_at__lt=scope.until)
    ).filter(~Exists(linked))
    yield from _grouped(cases, "first_contact", "created_at", category="service_category")


def _own(scope: Scope, queryset: QuerySet[Any]) -> QuerySet[Any]:
    queryset = queryset.filter(organisation_id=scope.organisation_id)
    if scope.case_ids is not None:
        queryset = queryset.filter(pk__in=sorted(scope.case_ids))
    return queryset


@register("stages")
def stage_changes(scope: Scope) -> Iterable[Count]:
    """Consultations held and cases closed (by reason), from the dated stage changes."""
    from safepassage.cases.models import StageChange

    moves = _cases(
        scope, StageChange.objects.filter(at__gte=scope.since, at__lt=scope.until)
    ).select_related(None)
    consultations = moves.filter(to_stage="consultation")
    yield from _grouped(consultations, "consultation", "at", category="case__service_category")
    closings = moves.filter(to_stage="closed")
    yield from _grouped(
        closings,
        "closed",
        "at",
        country="case__country_id",
        category="case__service_category",
        reason="reason",
    )


@register("milestones")
def milestones(scope: Scope) -> Iterable[Count]:
    """Left Russia, reached a transit country, arrived in a protecting state."""
    from safepassage.cases.models import Milestone

    rows = _cases(scope, Milestone.objects.filter(day__gte=scope.start, day__lte=scope.end))
    yield from _by_kind(rows, "day", "country_id", lambda kind: kind)


def _by_kind(
    rows: QuerySet[Any], day_field: str, country: str, event_of: Callable[[str], str]
) -> Iterable[Count]:
    """Rows counted per month, kind, country and the man's service category."""
    grouped = (
        rows.annotate(month=TruncMonth(day_field))
        .values("kind", "month", country, "case__service_category")
        .annotate(n=CountOf("pk"))
        .order_by()
    )
    for row in grouped:
        yield Count(
            event=event_of(row["kind"]),
            month=_month(row["month"]),
            n=row["n"],
            country=row[country] or "",
            category=row["case__service_category"] or "",
        )


@register("vetting")
def vetting_decisions(scope: Scope) -> Iterable[Count]:
    """Final vetting decisions, by outcome."""
    from safepassage.vetting.models import Vetting

    decided = _cases(
        scope,
        Vetting.objects.filter(decided_at__gte=scope.since, decided_at__lt=scope.until).exclude(
            outcome=""
        ),
    )
    yield from _grouped(
        decided,
        "vetting_decided",
        "decided_at",
        category="case__service_category",
        reason="outcome",
    )


# What a recorded step of a family member's request counts as. A final status, an appeal and
# the rest are not counted: their outcome is in the sealed details, not in a readable column.
DOSSIER_EVENTS = {
    "submitted": "dossier_submitted",
    "granted": "visa_granted",
    "appeal_granted": "visa_granted",
    "refused": "visa_refused",
    "implicit_refusal": "visa_refused",
}


@register("dossiers")
def dossier_steps(scope: Scope) -> Iterable[Count]:
    """Requests sent to a protecting state and their decisions, one per family member, by the
    authority's country. The date a decision was notified is sealed: an event counts in the
    month it was recorded."""
    from safepassage.dossiers.models import SubmissionEvent

    rows = _cases(
        scope,
        SubmissionEvent.objects.filter(
            recorded_at__gte=scope.since,
            recorded_at__lt=scope.until,
            kind__in=sorted(DOSSIER_EVENTS),
        ),
    )
    yield from _by_kind(
        rows, "recorded_at", "submission__authority__country", DOSSIER_EVENTS.__getitem__
    )


# -- durations ----------------------------------------------------------------------------------


def _days_between(later: str, earlier: str) -> str:
    if connection.vendor == "postgresql":
        return f"CAST(FLOOR(EXTRACT(EPOCH FROM ({later} - {earlier})) / 86400) AS INTEGER)"
    return f"CAST(julianday({later}) - julianday({earlier}) AS INTEGER)"


def _case_filter(scope: Scope, alias: str) -> tuple[str, list[Any]]:
    sql = f" AND {alias}.organisation_id = %s"
    params: list[Any] = [scope.organisation_id]
    if scope.case_ids is not None:
        ids = sorted(scope.case_ids) or [0]
        sql += f" AND {alias}.id IN ({', '.join(['%s'] * len(ids))})"
        params += ids
    return sql, params


def _month_of(column: str) -> str:
    if connection.vendor == "postgresql":
        return f"to_char({column} AT TIME ZONE 'UTC', 'YYYY-MM')"
    return f"strftime('%%Y-%%m', {column})"


Histograms = dict[tuple[str, str], dict[int, int]]  # (month, stage) -> {days: how many}


def stage_days(scope: Scope) -> Histograms:
    """Per month of entry and stage, how many stays in it (entered in the period, since left)
    lasted how many days: histograms counted in the database from the dated stage changes."""
    from safepassage.cases.models import Case, StageChange

    where, params = _case_filter(scope, "c")
    ops = connection.ops
    since = ops.adapt_datetimefield_value(scope.since)
    until = ops.adapt_datetimefield_value(scope.until)
    # A stay that began in the period ends at a later change: earlier changes are not needed.
    sql = f"""
        WITH entries AS (
            SELECT c.id AS case_id, 'first_contact' AS stage, c.created_at AS at, 0 AS seq
            FROM {Case._meta.db_table} c WHERE c.created_at >= %s {where}
            UNION ALL
            SELECT s.case_id, s.to_stage, s.at, s.id
            FROM {StageChange._meta.db_table} s
            JOIN {Case._meta.db_table} c ON c.id = s.case_id WHERE s.at >= %s {where}
        ), stays AS (
            SELECT stage, at, LEAD(at) OVER (PARTITION BY case_id ORDER BY at, seq) AS left_at
            FROM entries
        )
        SELECT {_month_of("at")} AS month, stage, {_days_between("left_at", "at")} AS days,
               COUNT(*)
        FROM stays WHERE left_at IS NOT NULL AND at < %s
        GROUP BY month, stage, days
    """  # noqa: S608 - table names from the models, values as parameters
    histograms: Histograms = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, [since, *params, since, *params, until])
        for month, stage, days, n in cursor.fetchall():
            histograms.setdefault((month, stage), {})[int(days)] = int(n)
    return histograms


def days_to_safety(scope: Scope) -> Histograms:
    """Per month of arrival, how many men who arrived in a protecting state took how many days
    from their first contact (the case's opening); the stage is "to_safety"."""
    from safepassage.cases.models import Case, Milestone

    where, params = _case_filter(scope, "c")
    if connection.vendor == "postgresql":
        days = "(m.day - CAST(c.created_at AS DATE))"
        month = "to_char(m.day, 'YYYY-MM')"
    else:
        days = "CAST(julianday(m.day) - julianday(date(c.created_at)) AS INTEGER)"
        month = "strftime('%%Y-%%m', m.day)"
    sql = f"""
        SELECT {month} AS month, {days} AS days, COUNT(*)
        FROM {Milestone._meta.db_table} m JOIN {Case._meta.db_table} c ON c.id = m.case_id
        WHERE m.kind = 'arrived' AND m.day >= %s AND m.day <= %s {where}
        GROUP BY month, days
    """  # noqa: S608 - table names from the models, values as parameters
    histograms: Histograms = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, [scope.start, scope.end, *params])
        for month, d, n in cursor.fetchall():
            histograms.setdefault((month, "to_safety"), {})[int(d)] = int(n)
    return histograms
