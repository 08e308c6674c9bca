"""Figures equal an independent count of the raw events of cases with known histories."""

from __future__ import annotations

import itertools
from collections import Counter
from datetime import date, timedelta
from statistics import median
from typing import Any

import pytest

from safepassage.reports import figures, rollup
from safepassage.reports.figures import Period, PeriodError
from safepassage.reports.tests.conftest import HALF_YEAR, D
from safepassage.reports.tests.history import Story


def expected_counts(played: list[Story], key: Any) -> Counter[Any]:
    return Counter(key(e) for story in played for e in story.events)


def expected_stays(played: list[Story], period: Period) -> dict[str, list[int]]:
    """Days spent in each stage entered within the period, from the steps themselves."""
    stays: dict[str, list[int]] = {}
    for story in played:
        entries = [
            (day, "first_contact" if step == "open" else step.split()[1])
            for day, step in story.steps
            if step == "open" or step.startswith("move ")
        ]
        for (day, stage), (left, _next) in itertools.pairwise(entries):
            if period.start <= day <= period.end:
                stays.setdefault(stage, []).append((left - day).days)
    return stays


@pytest.mark.django_db(transaction=False)
def test_figures_equal_an_independent_count_of_the_raw_events(played, coordinator):
    got = rollup.for_staff(coordinator, HALF_YEAR)
    result = got.as_dict()

    by_event = expected_counts(played, lambda e: e[0])
    assert result["totals"] == {e: by_event.get(e, 0) for e in result["totals"]}
    assert set(by_event) <= set(result["totals"])
    by_month = expected_counts(played, lambda e: (e[0], e[1]))
    for event, months in result["by_month"].items():
        assert list(months) == HALF_YEAR.months()
        for month, n in months.items():
            assert n == by_month.get((event, month), 0), (event, month)
    transit = expected_counts(list(played), lambda e: e[2] if e[0] == "reached_transit" else None)
    assert result["transit_countries"] == {k: v for k, v in transit.items() if k is not None}
    assert result["protecting_states"] == {"arrived": {"FR": 1}}
    categories = expected_counts(played, lambda e: (e[0], e[3]))
    assert {
        (event, category): n
        for event, values in result["service_categories"].items()
        for category, n in values.items()
    } == dict(categories)
    assert result["closed_by_reason"] == {"detained": 1, "withdrawn": 1}
    assert result["vetting_by_outcome"] == {"no_indication": 1}
    stays = expected_stays(played, HALF_YEAR)
    for stage, value in result["median_days_in_stage"].items():
        assert value == (median(stays[stage]) if stage in stays else None), stage
    assert result["median_days_to_safety"] == (D("2025-04-12") - D("2025-01-12")).days


@pytest.mark.django_db
def test_a_caseworker_counts_only_his_own_cases(played, caseworker):
    own = [s for s in played if s.owner == "caseworker" and s.case is not None]
    got = rollup.for_staff(caseworker, HALF_YEAR).as_dict()
    by_event = expected_counts(own, lambda e: e[0])
    assert got["totals"] == {e: by_event.get(e, 0) for e in got["totals"]}
    assert got["closed_by_reason"] == {"detained": 1}


@pytest.mark.django_db
def test_a_month_outside_the_period_is_not_counted(played, coordinator):
    july = rollup.for_staff(coordinator, Period.of_months("2025-07", "2025-07")).as_dict()
    assert july["totals"]["first_contact"] == 0
    assert set(july["median_days_in_stage"].values()) == {None}  # the transit stay goes on
    june = rollup.for_staff(coordinator, Period.of_months("2025-06", "2025-06")).as_dict()
    assert june["median_days_in_stage"]["vetting"] == 2  # entered on 30 June, left on 2 July


@pytest.mark.parametrize(
    ("first", "last", "message"),
    [
        ("2025-13", "2025-14", "YYYY-MM"),
        ("2025-05", "2025-02", "ends before it starts"),
    ],
)
def test_a_bad_period_is_refused_with_a_clear_message(first, last, message):
    with pytest.raises(PeriodError, match=message):
        Period.of_months(first, last).check()


def test_a_future_period_is_refused():
    future = date.today() + timedelta(days=70)
    with pytest.raises(PeriodError, match="future"):
        Period.of_months(future.strftime("%Y-%m"), future.strftime("%Y-%m")).check()


@pytest.mark.django_db
def test_the_rollup_gives_the_figures_counted_now(organisation, coordinator):
    from safepassage.reports import rollup
    from safepassage.reports.tests.bulk import make_cases

    make_cases(organisation, coordinator, 300, D("2024-01-01"), 400)
    for period in (
        HALF_YEAR,
        Period.of_months("2024-03", "2024-11"),
        Period.of_months("2024-07", "2024-07"),
    ):
        scope = figures.scope_for(coordinator, period)
        assert rollup.figures(scope).as_dict() == figures.compute(scope).as_dict()


@pytest.mark.django_db
def test_the_rollup_is_counted_again_once_it_is_old(played, coordinator, organisation):
    import time_machine
    from django.utils import timezone

    from safepassage.reports.tests.bulk import make_cases

    before = rollup.for_staff(coordinator, HALF_YEAR)
    make_cases(organisation, coordinator, 40, D("2025-02-01"), 20)
    assert rollup.for_staff(coordinator, HALF_YEAR).as_dict() == before.as_dict()  # not yet
    with time_machine.travel(timezone.now() + timedelta(minutes=6)):
        after = rollup.for_staff(coordinator, HALF_YEAR)
    assert after.total("first_contact") == before.total("first_contact") + 40
