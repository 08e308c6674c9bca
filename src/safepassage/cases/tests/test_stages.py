"""The stage machine: no sequence of moves reaches a stage its guards forbid."""

from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from safepassage.cases import stages


class FakeCase:
    def __init__(self, cleared: bool) -> None:
        self.cleared = cleared


def _walk(moves: list[tuple[str, str | None]], case: FakeCase) -> list[str]:
    current, resume, visited = stages.FIRST_CONTACT, None, [stages.FIRST_CONTACT]
    for target, reason in moves:
        move = stages.Move(current, target, resume_to=resume, reason=reason)
        try:
            stages.check(move, case)
        except stages.MoveRefused:
            continue
        resume = current if target == stages.PAUSED else None
        current = target
        visited.append(current)
    return visited


@pytest.fixture(scope="module")
def vetting_guard():
    def guard(case):
        return None if case.cleared else "needs a positive vetting decision"

    saved = dict(stages._guards)
    stages._guards.clear()
    stages.register_guard(stages.ADVOCACY, guard)
    yield
    stages._guards.clear()
    stages._guards.update(saved)


MOVES = st.lists(
    st.tuples(st.sampled_from(stages.ALL), st.sampled_from([None, *stages.CLOSE_REASONS])),
    max_size=40,
)


@settings(max_examples=300)
@given(MOVES)
def test_no_sequence_reaches_advocacy_without_a_positive_decision(vetting_guard, moves):
    assert stages.ADVOCACY not in _walk(moves, FakeCase(cleared=False))


@settings(max_examples=300)
@given(MOVES)
def test_every_visited_stage_was_reachable_by_the_rules(vetting_guard, moves):
    visited = _walk(moves, FakeCase(cleared=True))
    for before, after in pairwise(visited):
        assert after in stages.allowed_targets(before, None) or before == stages.PAUSED


def test_advocacy_is_refused_when_no_guard_is_registered():
    saved = dict(stages._guards)
    stages._guards.clear()
    try:
        with pytest.raises(stages.MoveRefused):
            stages.check(stages.Move(stages.VETTING, stages.ADVOCACY), FakeCase(cleared=True))
    finally:
        stages._guards.update(saved)


def test_closing_needs_a_reason():
    with pytest.raises(stages.MoveRefused):
        stages.check(stages.Move(stages.TRANSIT, stages.CLOSED), FakeCase(True))
    stages.check(stages.Move(stages.TRANSIT, stages.CLOSED, reason="safe"), FakeCase(True))


def test_a_paused_case_resumes_where_it_was():
    assert stages.allowed_targets(stages.PAUSED, stages.VETTING) == {stages.VETTING}


def test_skipping_stages_is_refused(vetting_guard):
    with pytest.raises(stages.MoveRefused):
        stages.check(stages.Move(stages.FIRST_CONTACT, stages.TRAVEL), FakeCase(True))


@pytest.mark.parametrize("target", [stages.CLOSED, stages.PAUSED, stages.VETTING])
def test_a_reason_is_a_listed_code_never_free_words(target):
    """The reason is stored readable, so words a staff member types there could name a place."""
    with pytest.raises(stages.MoveRefused, match=r"listed reasons|must be one of"):
        stages.check(stages.Move(stages.TRANSIT, target, reason="moscow"), FakeCase(True))
