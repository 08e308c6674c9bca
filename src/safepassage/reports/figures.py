"""The figures the team sees: counts by month, transit country, protecting state, service
category and reason, and the median days spent in each stage, computed from the sources."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from safepassage.reports import sources
from safepassage.reports.disclosure import Table
from safepassage.reports.sources import PROTECTION_EVENTS, Count, Histograms, Scope

# Stays in these stages have a length worth a median; pausing and closing do not.
TIMED_STAGES = [
    "first_contact",
    "consultation",
    "exit_planning",
    "transit",
    "vetting",
    "advocacy",
    "travel",
    "asylum",
]


class PeriodError(ValueError):
    """The period asked for cannot be reported on; the message says why."""


@dataclass(frozen=True)
class Period:
    start: date  # the first day of a month
    end: date  # the last day of a month

    @classmethod
    def of_months(cls, first: str, last: str) -> Period:
        """From two months written YYYY-MM; a clear error for anything else."""
        try:
            start = date.fromisoformat(f"{first}-01")
            last_start = date.fromisoformat(f"{last}-01")
        except ValueError:
            raise PeriodError(_("Give the months as YYYY-MM, for example 2025-01.")) from None
        return cls(start, _month_end(last_start))

    def check(self, *, allow_current: bool = True) -> None:
        today = timezone.localdate()
        if self.end < self.start:
            raise PeriodError(_("The period ends before it starts."))
        if self.start > today:
            raise PeriodError(_("The period is in the future: there is nothing to count yet."))
        if not allow_current and self.end >= today:
            raise PeriodError(
                _("A release covers whole months that have ended; this period has not ended yet.")
            )

    def months(self) -> list[str]:
        out, current = [], self.start.replace(day=1)
        while current <= self.end:
            out.append(current.strftime("%Y-%m"))
            current = _next_month(current)
        return out

    def label(self) -> str:
        first, last = self.start.strftime("%Y-%m"), self.end.strftime("%Y-%m")
        return first if first == last else f"{first} – {last}"


def _next_month(day: date) -> date:
    return date(day.year + (day.month == 12), day.month % 12 + 1, 1)


def _month_end(day: date) -> date:
    return date.fromordinal(_next_month(day).toordinal() - 1)


def default_period() -> Period:
    """The last twelve months, this one included."""
    today = timezone.localdate()
    return Period(_next_month(date(today.year - 1, today.month, 1)), _month_end(today))


@dataclass
class Figures:
    period: Period
    counts: list[Count]
    # (month, stage) -> {days: how many}; "to_safety" for first contact to arrival.
    days: Histograms = field(default_factory=dict)
    as_of: datetime | None = None  # when the counts were taken, if not just now

    def total(self, event: str) -> int:
        return sum(c.n for c in self.counts if c.event == event)

    def by(self, attribute: str, event: str | None = None) -> dict[str, dict[str, int]]:
        """Counts by event, then by the given attribute (month, country, category, reason)."""
        out: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        for count in self.counts:
            if event is None or count.event == event:
                out[count.event][getattr(count, attribute)] += count.n
        return {e: dict(values) for e, values in out.items()}

    def by_month(self) -> dict[str, dict[str, int]]:
        months = self.period.months()
        table = self.by("month")
        return {
            event: {m: table.get(event, {}).get(m, 0) for m in months} for event in events(self)
        }

    def transit_countries(self) -> dict[str, int]:
        return _summed(c for c in self.counts if c.event == "reached_transit")

    def protecting_states(self) -> dict[str, dict[str, int]]:
        return {e: v for e, v in self.by("country").items() if e in PROTECTION_EVENTS}

    def categories(self) -> dict[str, dict[str, int]]:
        return self.by("category")

    def closed_by_reason(self) -> dict[str, int]:
        return self.by("reason", "closed").get("closed", {})

    def vetting_by_outcome(self) -> dict[str, int]:
        return self.by("reason", "vetting_decided").get("vetting_decided", {})

    def histogram(self, stage: str) -> dict[int, int]:
        merged: dict[int, int] = defaultdict(int)
        for (_month, name), values in self.days.items():
            if name == stage:
                for days, n in values.items():
                    merged[days] += n
        return dict(merged)

    def median_days(self) -> dict[str, float | None]:
        return {s: median(self.histogram(s)) for s in TIMED_STAGES}

    def tables(self) -> dict[str, Table]:
        """The count tables a release may publish; each row's total is the event's total."""
        months = self.period.months()
        by_month = self.by_month()
        out = {"events_by_month": _table("events_by_month", by_month, months)}
        for key, attribute, wanted in TABLE_CUTS:
            table = {e: v for e, v in self.by(attribute).items() if e in wanted}
            out[key] = _table(key, table)
        return out

    def as_dict(self) -> dict[str, Any]:
        """Everything, as plain JSON: what `safepassage reports show --json` prints."""
        return {
            "period": {"from": self.period.start.isoformat(), "to": self.period.end.isoformat()},
            "totals": {event: self.total(event) for event in events(self)},
            "by_month": self.by_month(),
            "transit_countries": self.transit_countries(),
            "protecting_states": self.protecting_states(),
            "service_categories": self.categories(),
            "closed_by_reason": self.closed_by_reason(),
            "vetting_by_outcome": self.vetting_by_outcome(),
            "median_days_in_stage": self.median_days(),
            "median_days_to_safety": median(self.histogram("to_safety")),
        }


# Tables other than by month: (key, attribute of a count, events it holds).
TABLE_CUTS = [
    ("transit_countries", "country", {"reached_transit"}),
    ("protecting_states", "country", PROTECTION_EVENTS),
    ("service_categories", "category", set(sources.EVENTS)),
    ("closed_by_reason", "reason", {"closed"}),
    ("vetting_by_outcome", "reason", {"vetting_decided"}),
]
TABLE_KEYS = ["events_by_month", *(key for key, _attr, _events in TABLE_CUTS)]
UNKNOWN = "unknown"


def in_order(tables: dict[str, Any]) -> list[tuple[str, Any]]:
    """Tables in the order of TABLE_KEYS (a signed file keeps its keys sorted)."""
    rank = {key: n for n, key in enumerate(TABLE_KEYS)}
    return sorted(tables.items(), key=lambda item: rank.get(item[0], len(rank)))


def _table(key: str, values: dict[str, dict[str, int]], columns: list[str] | None = None) -> Table:
    rows = [e for e in sources.EVENTS if e in values] + sorted(set(values) - set(sources.EVENTS))
    cells = {(r, c or UNKNOWN): n for r in rows for c, n in values[r].items()}
    if columns is None:
        columns = sorted({c for _r, c in cells}, key=lambda c: (c == UNKNOWN, c))
    return Table(key, rows, columns, cells)


def _summed(counts: Any) -> dict[str, int]:
    out: dict[str, int] = defaultdict(int)
    for count in counts:
        out[count.country] += count.n
    return dict(out)


def events(figures: Figures) -> list[str]:
    """The known events in path order, then any other a source counted."""
    seen = {c.event for c in figures.counts}
    return [e for e in sources.EVENTS if e in seen or e in _ALWAYS] + sorted(
        seen - set(sources.EVENTS)
    )


_ALWAYS = {"first_contact", "left_russia", "reached_transit", "arrived", "closed"}


def median(histogram: dict[int, int]) -> float | None:
    """The median of values given as {value: how many}; None when there are none."""
    total = sum(histogram.values())
    if total == 0:
        return None
    middle = [(total - 1) // 2, total // 2]
    found: list[int] = []
    seen = 0
    for value in sorted(histogram):
        seen += histogram[value]
        while len(found) < 2 and seen > middle[len(found)]:
            found.append(value)
    return (found[0] + found[1]) / 2


def scope_for(staff: Any, period: Period) -> Scope:
    """Coordinators see the whole organisation; everyone else only the cases assigned to them."""
    from safepassage.cases.models import Assignment
    from safepassage.core.roles import Role

    case_ids: frozenset[int] | None = None
    if staff.role != Role.COORDINATOR:
        case_ids = frozenset(
            Assignment.objects.filter(staff=staff).values_list("case_id", flat=True)
        )
    return Scope(staff.organisation_id, period.start, period.end, case_ids)


def compute(scope: Scope) -> Figures:
    """Counted now, in the database, from the recorded events."""
    period = Period(scope.start, scope.end)
    days = {**sources.stage_days(scope), **sources.days_to_safety(scope)}
    return Figures(period=period, counts=sources.collect(scope), days=days)
