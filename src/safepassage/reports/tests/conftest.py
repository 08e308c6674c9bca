"""Cases with known histories for the report tests (see history.py)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from safepassage.core.roles import Role
from safepassage.reports.figures import Period
from safepassage.reports.tests.history import Story, play

D = date.fromisoformat


def stories() -> list[Story]:
    return [
        Story(
            [
                (D("2025-01-10"), "intake"),
                (D("2025-01-12"), "open"),
                (D("2025-01-12"), "category mobilised"),
                (D("2025-01-20"), "move consultation"),
                (D("2025-02-01"), "country KZ"),
                (D("2025-02-03"), "move transit"),
                (D("2025-02-20"), "move vetting"),
                (D("2025-03-01"), "vetting no_indication"),
                (D("2025-03-05"), "move advocacy"),
                (D("2025-04-01"), "move travel"),
                (D("2025-04-12"), "move asylum"),
                (D("2025-04-15"), "country FR"),
            ],
            events=[
                ("first_contact", "2025-01", "", "mobilised", ""),
                ("consultation", "2025-01", "", "mobilised", ""),
                ("left_russia", "2025-02", "", "mobilised", ""),
                ("reached_transit", "2025-02", "KZ", "mobilised", ""),
                ("vetting_decided", "2025-03", "", "mobilised", "no_indication"),
                ("arrived", "2025-04", "FR", "mobilised", ""),
            ],
        ),
        Story(
            [
                (D("2025-01-05"), "open"),
                (D("2025-01-05"), "category contract"),
                (D("2025-01-06"), "move consultation"),
                (D("2025-01-25"), "move exit_planning"),
                (D("2025-03-10"), "move transit"),
                (D("2025-03-20"), "country AM"),
                (D("2025-05-02"), "move closed detained"),
            ],
            events=[
                ("first_contact", "2025-01", "", "contract", ""),
                ("consultation", "2025-01", "", "contract", ""),
                ("left_russia", "2025-03", "", "contract", ""),
                ("reached_transit", "2025-03", "AM", "contract", ""),
                ("closed", "2025-05", "AM", "contract", "detained"),
            ],
        ),
        Story(
            [
                (D("2025-02-14"), "open"),
                (D("2025-02-14"), "category officer"),
                (D("2025-02-15"), "move consultation"),
                (D("2025-02-16"), "move closed withdrawn"),
                (D("2025-03-01"), "move consultation"),
            ],
            owner="colleague",
            events=[
                ("first_contact", "2025-02", "", "officer", ""),
                ("consultation", "2025-02", "", "officer", ""),
                ("closed", "2025-02", "", "officer", "withdrawn"),
                ("consultation", "2025-03", "", "officer", ""),
            ],
        ),
        Story([(D("2025-03-03"), "intake")], events=[("first_contact", "2025-03", "", "", "")]),
        Story(
            [
                (D("2024-12-20"), "open"),
                (D("2024-12-20"), "category mobilised"),
                (D("2025-01-02"), "move consultation"),
                (D("2025-01-03"), "country KZ"),
                (D("2025-01-04"), "move transit"),
                (D("2025-06-30"), "move vetting"),
                (D("2025-07-02"), "move transit"),
            ],
            events=[
                ("consultation", "2025-01", "", "mobilised", ""),
                ("left_russia", "2025-01", "", "mobilised", ""),
                ("reached_transit", "2025-01", "KZ", "mobilised", ""),
            ],
        ),
    ]


HALF_YEAR = Period(D("2025-01-01"), D("2025-06-30"))


@pytest.fixture
def played(caseworker: Any, make_staff: Any, coordinator: Any) -> list[Story]:
    from django.apps import apps

    from safepassage.cases import seed

    seed.load(apps)  # the countries, gone after a test that empties the database
    staff = {"caseworker": caseworker, "colleague": make_staff(Role.CASEWORKER)}
    return [play(story, staff) for story in stories()]


@pytest.fixture
def published(organisation: Any, coordinator: Any) -> Any:
    """A threshold release of 2024 over 400 generated cases, published."""
    from safepassage.reports import services
    from safepassage.reports.tests.bulk import make_cases

    make_cases(organisation, coordinator, 400, date(2024, 1, 1), 365)
    draft = services.prepare(
        coordinator,
        title="2024",
        first="2024-01",
        last="2024-12",
        tables=["events_by_month", "transit_countries", "closed_by_reason"],
    )
    services.preview(draft, coordinator)
    return services.publish(draft, coordinator)
