"""Dated milestones for reports: recorded by the moves that imply them, completed by the case's
country, filled in from earlier moves by the migration; and the readable service category."""

from __future__ import annotations

from typing import Any

import pytest
from django.apps import apps
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from safepassage.cases import seed, services
from safepassage.cases.models import Case, Milestone, ServicePeriod


@pytest.mark.django_db
def test_entering_transit_records_leaving_russia_and_the_transit_country(caseworker):
    access = services.create_case(caseworker, "Иван Петров", country="KZ")
    services.move_stage(access, "consultation")
    assert not Milestone.objects.exists()
    services.move_stage(access, "transit")
    got = dict(Milestone.objects.values_list("kind", "country_id"))
    assert got == {"left_russia": None, "reached_transit": "KZ"}


@pytest.mark.django_db
def test_a_country_set_later_completes_the_milestone(caseworker):
    access = services.create_case(caseworker, "Иван Петров")
    services.move_stage(access, "consultation")
    services.move_stage(access, "transit")
    services.save_case_settings(access, "FR", None, access.case.retention_date)
    assert Milestone.objects.get(kind="reached_transit").country_id is None  # not a transit country
    services.save_case_settings(access, "AM", None, access.case.retention_date)
    assert Milestone.objects.get(kind="reached_transit").country_id == "AM"


@pytest.mark.django_db
def test_only_a_listed_category_is_copied_readable(caseworker):
    access = services.create_case(caseworker, "Иван Петров")
    services.save_row(access, ServicePeriod(case=access.case), {"category": "mobilised"})
    assert Case.objects.get(pk=access.case.pk).service_category == "mobilised"
    services.save_row(access, ServicePeriod(case=access.case), {"category": "CANARY words"})
    assert Case.objects.get(pk=access.case.pk).service_category == ""


@pytest.mark.django_db(transaction=True)
def test_the_migration_dates_milestones_from_earlier_moves(caseworker: Any):
    # A transactional test may find the tables emptied by an earlier one: reference data first.
    seed.load(apps)
    access = services.create_case(caseworker, "Иван Петров", country="KZ")
    for stage in ("consultation", "transit"):
        services.move_stage(access, stage)
    moved_on = access.case.stagechange_set.get(to_stage="transit").at.date()
    executor = MigrationExecutor(connection)
    executor.migrate([("cases", "0003_stays_and_alerts_per_person")])
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    rows = {m.kind: (m.day, m.country_id) for m in Milestone.objects.all()}
    assert rows == {"left_russia": (moved_on, None), "reached_transit": (moved_on, "KZ")}
