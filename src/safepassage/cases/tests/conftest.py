from __future__ import annotations

from typing import Any

import pytest
from django.apps import apps

from safepassage.cases import seed
from safepassage.vault.session import VaultSession


@pytest.fixture
def rules(db: Any) -> None:
    """The shipped countries, stay rules and articles (transactional tests lose migration data)."""
    seed.load(apps)


def vault_of(staff: Any) -> VaultSession:
    return VaultSession(staff.pk, staff._test_private_key)


@pytest.fixture
def case_of(rules: Any):
    """Create a case as `staff`; returns its CaseAccess."""
    from safepassage.cases import services

    def make(staff: Any, name: str = "Иван Петров", country: str | None = "KZ") -> Any:
        return services.create_case(staff, name, country=country)

    return make
