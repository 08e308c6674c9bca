"""Requests to a protecting state and their decisions are counted from what the dossiers app
recorded, one per family member, by the authority's country; what was not recorded is not
counted."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from safepassage.dossiers import services as dossiers
from safepassage.dossiers.tests.conftest import adviser, family  # noqa: F401  # fixtures
from safepassage.reports import figures
from safepassage.reports.figures import Period

pytestmark = pytest.mark.django_db


def _this_month(coordinator: Any) -> dict[str, Any]:
    month = timezone.localdate().strftime("%Y-%m")
    return figures.compute(figures.scope_for(coordinator, Period.of_months(month, month))).as_dict()


def test_submissions_and_decisions_are_counted_by_the_authoritys_country(family):  # noqa: F811
    before = _this_month(family.coordinator)["totals"]
    assert before.get("dossier_submitted", 0) == 0
    france = family.authority("fr-visa-asile")
    sent = timezone.localdate() - timedelta(days=1)
    man = dossiers.submit(family.access, family.man, france, channel="by hand", sent_on=sent)
    wife = dossiers.submit(family.access, family.wife, france, channel="by hand", sent_on=sent)
    dossiers.record_event(family.access, man, "refused", timezone.localdate())
    dossiers.record_event(family.access, wife, "appointment", timezone.localdate())

    got = _this_month(family.coordinator)
    assert got["totals"]["dossier_submitted"] == 2
    assert got["totals"]["visa_refused"] == 1
    assert got["totals"].get("visa_granted", 0) == 0  # an appointment is no decision
    assert got["protecting_states"]["visa_refused"] == {"FR": 1}
