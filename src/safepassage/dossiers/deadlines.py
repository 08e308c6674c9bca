"""Deadline arithmetic from editable rules (framework-free).

A rule counts days or calendar months from the day of an event: "30 days from the notification
of the refusal", "2 months of silence". Months keep the day of the month and fall back to the
month's last day ("31 January + 1 month" is 28 or 29 February). A rule may yield an event of its
own (silence becomes an implicit refusal), from which further rules count in turn.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

# A chain of silences longer than this is a loop in the rules, not a procedure.
MAX_CHAIN = 4


@dataclass(frozen=True)
class Rule:
    code: str
    label: str
    trigger: str
    days: int = 0
    months: int = 0
    yields: str = ""
    alert: str = "appeal_deadline"
    pk: int | None = None


@dataclass(frozen=True)
class Due:
    rule: Rule
    trigger_on: date
    due_on: date


def add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def due_date(rule: Rule, trigger_on: date) -> date:
    return add_months(trigger_on, rule.months) + timedelta(days=rule.days)


def clocks(rules: Iterable[Rule], event: str, on: date) -> list[Due]:
    """Every date the rules derive from `event` on `on`, following yielded events."""
    rules = list(rules)
    found: list[Due] = []
    frontier = [(event, on)]
    for _depth in range(MAX_CHAIN):
        following = []
        for happened, day in frontier:
            for rule in rules:
                if rule.trigger == happened:
                    due = Due(rule, day, due_date(rule, day))
                    found.append(due)
                    if rule.yields:
                        following.append((rule.yields, due.due_on))
        if not following:
            break
        frontier = following
    return found
