"""Legal-stay clocks against hand-worked examples (exits, re-entries, the day of expiry)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from safepassage.cases.clock import ClockError, Rule, Visit, days_left, legal_until

KAZAKHSTAN = Rule(window_days=180, max_days_in_window=90)
TURKEY = Rule(window_days=180, max_days_in_window=60)
MONGOLIA = Rule(max_days_per_entry=30, window_days=180, max_days_in_window=90)
GEORGIA = Rule(max_days_per_entry=365)
KYRGYZSTAN = Rule(max_days_per_entry=30, registration_extends=True)


def test_first_stay_in_kazakhstan_lasts_90_days():
    # 1 Jan to 31 Mar 2025 is 31 + 28 + 31 = 90 days.
    assert legal_until(KAZAKHSTAN, [], Visit(date(2025, 1, 1))) == date(2025, 3, 31)


def test_the_day_of_expiry_is_still_lawful_and_the_next_is_not():
    until = legal_until(KAZAKHSTAN, [], Visit(date(2025, 1, 1)))
    assert days_left(until, date(2025, 3, 31)) == 0
    assert days_left(until, date(2025, 4, 1)) == -1


def test_earlier_stay_inside_the_window_shortens_the_next():
    # 1 Oct to 29 Nov 2024 = 60 days. Back on 10 Jan 2025: 30 days remain, the 30th is 8 Feb.
    history = [Visit(date(2024, 10, 1), date(2024, 11, 29))]
    assert legal_until(KAZAKHSTAN, history, Visit(date(2025, 1, 10))) == date(2025, 2, 8)


def test_exit_and_reentry_within_the_window():
    # 1 Jan to 14 Feb 2025 = 45 days; back on 1 Mar: 45 more days, the 45th is 14 Apr.
    history = [Visit(date(2025, 1, 1), date(2025, 2, 14))]
    assert legal_until(KAZAKHSTAN, history, Visit(date(2025, 3, 1))) == date(2025, 4, 14)


def test_days_that_leave_the_window_free_up_time():
    # 90 days from 1 Jan to 31 Mar 2025, back on 1 Jul. Each day one old day leaves the window
    # and one new day enters, so the count stays at 89 until the old stay has left the window
    # (27 Sep); the 90th new day is 28 Sep, the last lawful day.
    history = [Visit(date(2025, 1, 1), date(2025, 3, 31))]
    assert legal_until(KAZAKHSTAN, history, Visit(date(2025, 7, 1))) == date(2025, 9, 28)


def test_turkey_allows_60_days_in_180():
    assert legal_until(TURKEY, [], Visit(date(2025, 5, 1))) == date(2025, 6, 29)


def test_mongolia_limits_each_entry_and_the_window():
    assert legal_until(MONGOLIA, [], Visit(date(2025, 5, 1))) == date(2025, 5, 30)
    history = [
        Visit(date(2025, 1, 1), date(2025, 1, 30)),
        Visit(date(2025, 2, 10), date(2025, 3, 11)),
    ]
    # 60 days used in the window; a third entry on 1 Apr may still last its full 30 days.
    assert legal_until(MONGOLIA, history, Visit(date(2025, 4, 1))) == date(2025, 4, 30)
    history.append(Visit(date(2025, 4, 1), date(2025, 4, 30)))
    # 90 used: an entry on 10 May allows nothing until old days leave the window.
    assert legal_until(MONGOLIA, history, Visit(date(2025, 5, 10))) == date(2025, 5, 9)


def test_georgia_allows_a_year():
    assert legal_until(GEORGIA, [], Visit(date(2025, 1, 1))) == date(2025, 12, 31)


def test_kyrgyzstan_registration_extends_the_stay():
    assert legal_until(KYRGYZSTAN, [], Visit(date(2025, 1, 1))) == date(2025, 1, 30)
    assert legal_until(KYRGYZSTAN, [], Visit(date(2025, 1, 1)), date(2025, 6, 30)) == date(
        2025, 6, 30
    )


def test_no_rule_means_no_limit():
    assert legal_until(Rule(), [], Visit(date(2025, 1, 1))) is None


def test_exit_before_entry_is_refused():
    with pytest.raises(ClockError):
        legal_until(KAZAKHSTAN, [], Visit(date(2025, 3, 1), date(2025, 2, 1)))


def test_overlapping_stays_are_refused():
    with pytest.raises(ClockError):
        legal_until(
            KAZAKHSTAN, [Visit(date(2025, 1, 1), date(2025, 2, 1))], Visit(date(2025, 1, 20))
        )


def _brute_force(rule: Rule, history: list[Visit], current: Visit) -> date:
    """The definition, checked window by window: slow, obviously right."""
    window, allowed = rule.window_days or 0, rule.max_days_in_window or 0
    days = set()
    for v in history:
        d = v.entered_on
        while v.left_on is not None and d <= v.left_on:
            days.add(d)
            d += timedelta(days=1)
    day = current.entered_on
    while True:
        days.add(day)
        count = sum(1 for d in days if day - timedelta(days=window - 1) <= d <= day)
        if count > allowed:
            return day - timedelta(days=1)
        day += timedelta(days=1)


@given(
    st.lists(st.tuples(st.integers(1, 60), st.integers(1, 40)), max_size=4),
    st.integers(1, 60),
)
def test_rolling_window_matches_the_definition(gaps_and_lengths, last_gap):
    history, start = [], date(2024, 1, 1)
    for gap, length in gaps_and_lengths:
        entered = start + timedelta(days=gap)
        left = entered + timedelta(days=length - 1)
        history.append(Visit(entered, left))
        start = left
    current = Visit(start + timedelta(days=last_gap))
    assert legal_until(KAZAKHSTAN, history, current) == _brute_force(KAZAKHSTAN, history, current)


@pytest.mark.parametrize(
    "visit",
    [Visit(date(1, 1, 1)), Visit(date(2024, 3, 1), date(9999, 12, 31))],
)
def test_a_date_outside_1900_to_2100_is_refused_not_overflowed(visit):
    with pytest.raises(ClockError, match="between 1900 and 2100"):
        legal_until(KAZAKHSTAN, [], visit)
