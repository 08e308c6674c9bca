"""Legal-stay clocks: the last lawful day of a stay, from editable rules (framework-free).

A rule may limit each stay ("30 days per entry"), the days spent in any rolling window ("90 days
in any 180"), or both. Days are counted as border guards count them: the day of entry and the day
of exit are both days of presence. The result is the last day on which the person is still within
every limit; on the following day he overstays.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from itertools import pairwise


@dataclass(frozen=True)
class Rule:
    max_days_per_entry: int | None = None
    window_days: int | None = None
    max_days_in_window: int | None = None
    registration_extends: bool = False


@dataclass(frozen=True)
class Visit:
    entered_on: date
    left_on: date | None = None  # None: still there


class ClockError(ValueError):
    """The stay history is impossible (an exit before its entry, overlapping stays)."""


# Dates a stay can carry; outside them a date is a typing error (and date arithmetic overflows).
EARLIEST = date(1900, 1, 1)
LATEST = date(2100, 12, 31)


def _check_range(*days: date | None) -> None:
    for day in days:
        if day is not None and not EARLIEST <= day <= LATEST:
            raise ClockError(f"a date of a stay must lie between {EARLIEST.year} and {LATEST.year}")


def _days(visits: list[Visit], until: date) -> set[date]:
    present: set[date] = set()
    for visit in visits:
        end = min(visit.left_on or until, until)
        day = visit.entered_on
        while day <= end:
            present.add(day)
            day += timedelta(days=1)
    return present


def validate(visits: list[Visit]) -> None:
    for visit in visits:
        _check_range(visit.entered_on, visit.left_on)
    ordered = sorted(visits, key=lambda v: v.entered_on)
    for visit in ordered:
        if visit.left_on is not None and visit.left_on < visit.entered_on:
            raise ClockError("an exit is dated before its entry")
    for earlier, later in pairwise(ordered):
        if earlier.left_on is None or earlier.left_on > later.entered_on:
            raise ClockError("two stays in the same country overlap")


def legal_until(
    rule: Rule, history: list[Visit], current: Visit, registered_until: date | None = None
) -> date | None:
    """The last lawful day of `current`, given earlier visits to the same country.

    None when the rule sets no limit. A stay that already ended keeps the date it had.
    """
    validate([*history, current])
    _check_range(registered_until)
    if rule.registration_extends and registered_until is not None:
        return registered_until
    limits: list[date] = []
    if rule.max_days_per_entry:
        limits.append(current.entered_on + timedelta(days=rule.max_days_per_entry - 1))
    if rule.window_days and rule.max_days_in_window:
        limits.append(_window_limit(rule.window_days, rule.max_days_in_window, history, current))
    return min(limits) if limits else None


def _window_limit(window: int, allowed: int, history: list[Visit], current: Visit) -> date:
    """The last day d of the current stay such that no window ending on a day up to d holds more
    than `allowed` days of presence."""
    horizon = current.entered_on + timedelta(days=window + allowed)
    earlier = _days(history, horizon)
    day = current.entered_on
    in_window = sum(1 for d in earlier if day - timedelta(days=window - 1) <= d <= day)
    # Walk day by day as if he stays on; stop on the first day that breaks the limit.
    while True:
        in_window += 1  # today counts
        if in_window > allowed:
            return day - timedelta(days=1)
        leaving = day - timedelta(days=window - 1)
        if leaving in earlier:
            in_window -= 1  # the day dropping out of tomorrow's window
        day += timedelta(days=1)
        if day > horizon:  # cannot happen for allowed < window; a guard against loops
            return day


def days_left(until: date | None, today: date) -> int | None:
    """Days of lawful stay left after today (0 on the last lawful day; negative when over)."""
    if until is None:
        return None
    return (until - today).days
