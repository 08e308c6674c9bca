from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.apps import apps

from safepassage.cases import seed, services
from safepassage.core.roles import Role
from safepassage.vault.session import VaultSession
from safepassage.vetting import services as vetting


def vault_of(staff: Any) -> VaultSession:
    return VaultSession(staff.pk, staff._test_private_key)


@pytest.fixture
def team(db: Any, make_staff: Any, coordinator: Any) -> dict[str, Any]:
    """A case with its caseworker and three vetters assigned."""
    seed.load(apps)
    caseworker = make_staff(Role.CASEWORKER)
    access = services.create_case(caseworker, "Иван Петров", country="KZ")
    vetters = [make_staff(Role.VETTER) for _ in range(3)]
    for vetter in vetters:
        services.assign(access, vetter, "vetter")
    return {
        "case": access,
        "caseworker": caseworker,
        "vetters": vetters,
        "coordinator": coordinator,
        "reference": access.case.reference,
    }


def open_as(team: dict[str, Any], staff: Any) -> vetting.VettingAccess:
    return vetting.open_vetting(staff, team["reference"], vault_of(staff), start=True)


def ready_to_conclude(team: dict[str, Any], *vetters: Any) -> None:
    """Two interviews by two vetters, and each given vetter's declaration of no conflict."""
    first, second = team["vetters"][0], team["vetters"][1]
    for staff in (first, second):
        vetting.add_interview(open_as(team, staff), date.today() - timedelta(days=3), "held")
    for staff in vetters:
        vetting.declare_interests(open_as(team, staff), False, "")
