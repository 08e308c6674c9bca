"""The auditor's page of the log: filters that narrow, a bad range refused in words, newest first,
and no one else let in."""

from __future__ import annotations

import pytest

from safepassage.audit.services import record
from safepassage.testing import verified_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def entries(organisation, coordinator, caseworker):
    record("case.viewed", actor=caseworker, target_type="case", target_ref="SP-AAAA-0001")
    record("case.exported", actor=coordinator, target_type="case", target_ref="SP-AAAA-0002")
    record("intake.opened", actor=caseworker, target_type="intake", target_ref=7)
    return {"coordinator": coordinator, "caseworker": caseworker}


def _rows(auditor, **query) -> str:
    response = verified_client(auditor).get("/audit/", query)
    assert response.status_code == 200
    return response.content.decode()


def test_the_log_is_shown_newest_first(entries, auditor):
    page = _rows(auditor)
    assert page.index("intake.opened") < page.index("case.exported") < page.index("case.viewed")


def test_each_filter_narrows_the_log(entries, auditor):
    by_action = _rows(auditor, action="case.")
    assert "case.viewed" in by_action
    assert "intake.opened" not in by_action
    by_actor = _rows(auditor, actor=entries["coordinator"].email.upper())
    assert "case.exported" in by_actor
    assert "case.viewed" not in by_actor
    by_type = _rows(auditor, target_type="intake")
    assert "intake.opened" in by_type
    assert "case.exported" not in by_type
    by_ref = _rows(auditor, target_ref="SP-AAAA-0001")
    assert "case.viewed" in by_ref
    assert "case.exported" not in by_ref
    today = _rows(auditor, since="2000-01-01", until="2999-12-31")
    assert "case.viewed" in today
    past = _rows(auditor, until="2000-01-01")
    assert "case.viewed" not in past


def test_a_range_that_ends_before_it_starts_is_refused_in_words(entries, auditor):
    page = _rows(auditor, since="2026-02-01", until="2026-01-01")
    assert "The end date is before the start date." in page
    assert "case.viewed" not in page


def test_only_those_who_may_read_the_log_see_it(entries):
    response = verified_client(entries["caseworker"]).get("/audit/")
    assert response.status_code == 403
    assert "case.viewed" not in response.content.decode()
