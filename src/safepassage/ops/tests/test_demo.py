"""The demo shows the whole path: two vetters, and a case whose vetting waits only for the final
decision, so a newcomer can decide and issue an attestation in minutes."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command

from safepassage.accounts.models import Staff
from safepassage.cases import seed
from safepassage.cases.models import Case, Stay
from safepassage.core.roles import Role
from safepassage.ops.management.commands.demo import credentials_path
from safepassage.vetting.models import Conclusion, Interview, Vetting

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def reference_data():
    # A transactional test empties every table after it, the migrated countries too.
    seed.load(apps)


def test_the_demo_has_two_vetters_and_a_vetting_ready_for_the_final_decision():
    out = StringIO()
    call_command("demo", "--no-qr", stdout=out)
    vetters = Staff.objects.filter(role=Role.VETTER)
    assert vetters.count() == 2
    printed = out.getvalue()
    assert all(v.email in printed for v in vetters)
    vetting = Vetting.objects.get()
    assert vetting.outcome == ""  # the decision is the newcomer's to make
    assert Interview.objects.filter(vetting=vetting).values("held_by").distinct().count() == 2
    concluded = Conclusion.objects.filter(vetting=vetting, round=vetting.round)
    assert set(concluded.values_list("vetter", flat=True)) == set(
        vetters.values_list("pk", flat=True)
    )
    accounts = json.loads(credentials_path().read_text())["staff"]
    assert {a["email"] for a in accounts} >= set(vetters.values_list("email", flat=True))


def test_the_demo_family_has_a_stay_clock_for_each_person():
    call_command("demo", "--no-qr", stdout=StringIO())
    family = next(
        case for case in Case.objects.all() if Stay.objects.filter(case=case).count() == 3
    )
    stays = Stay.objects.filter(case=family)
    assert len({stay.person_id for stay in stays}) == 3
