"""Fixtures shared by every test: a fresh key folder per test and the named actors."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from safepassage.core.roles import Role


@pytest.fixture(autouse=True)
def key_folder(settings: Any, tmp_path: Path) -> Path:
    """Each test gets its own key folder, so signed heads never leak between tests."""
    settings.KEY_DIR = tmp_path / "keys"
    settings.FILES_DIR = tmp_path / "files"
    return settings.KEY_DIR


@pytest.fixture
def organisation(db: Any) -> Any:
    from safepassage.testing import make_organisation

    return make_organisation()


@pytest.fixture
def make_staff(organisation: Any) -> Callable[..., Any]:
    from safepassage.testing import make_staff

    def factory(role: str = Role.CASEWORKER, **kwargs: Any) -> Any:
        return make_staff(organisation, role, **kwargs)

    return factory


@pytest.fixture
def coordinator(make_staff: Callable[..., Any]) -> Any:
    return make_staff(Role.COORDINATOR)


@pytest.fixture
def caseworker(make_staff: Callable[..., Any]) -> Any:
    return make_staff(Role.CASEWORKER)


@pytest.fixture
def vetter(make_staff: Callable[..., Any]) -> Any:
    return make_staff(Role.VETTER)


@pytest.fixture
def auditor(make_staff: Callable[..., Any]) -> Any:
    return make_staff(Role.AUDITOR)
