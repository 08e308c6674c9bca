"""What the engine keeps in memory: after a case is screened through its page, or a name is
checked on the screening page, no memo of the engine holds anything: no client's name outlives the
request."""

from __future__ import annotations

import importlib
import pkgutil
from typing import Any

import pytest

from safepassage.screening import engine
from safepassage.screening.engine import memory
from safepassage.screening.tests.test_lists_and_cases import screened_case  # noqa: F401  # fixture
from safepassage.testing import verified_client

pytestmark = pytest.mark.django_db

# Memos of reference data, which hold no name given to the engine.
REFERENCE_MEMOS = {
    "safepassage.screening.engine.names._classes",  # the given-name classes of the package data
    "safepassage.screening.engine.evaluation.all_surnames",  # surnames of the evaluation set
}


def _memos() -> dict[str, Any]:
    found = {}
    for module_info in pkgutil.iter_modules(engine.__path__, "safepassage.screening.engine."):
        module = importlib.import_module(module_info.name)
        for name, value in vars(module).items():
            if (
                callable(value)
                and hasattr(value, "cache_info")
                and value.__module__ == module.__name__
            ):
                found[f"{module.__name__}.{name}"] = value
    return found


def _held() -> dict[str, int]:
    """The memos of name text that hold something, with their sizes."""
    sizes = {name: memo.cache_info().currsize for name, memo in _memos().items()}
    return {name: size for name, size in sizes.items() if size and name not in REFERENCE_MEMOS}


def test_every_memo_of_the_engine_is_emptied_by_forget():
    registered = {id(memo) for memo in memory.MEMOS}
    unregistered = [
        name
        for name, memo in _memos().items()
        if id(memo) not in registered and name not in REFERENCE_MEMOS
    ]
    assert unregistered == [], "a memo of name text that `forget` does not reach"
    assert registered <= {id(memo) for memo in _memos().values()}


def test_a_name_parsed_outside_a_client_query_is_memoised():
    # The probe the other tests rely on: a parse does fill the memos.
    engine.forget()
    engine.parse_name("Orlov Dmitrii Petrovich")
    assert _held()
    engine.forget()
    assert _held() == {}


def test_no_client_name_is_left_in_memory_after_the_case_is_screened(screened_case, caseworker):  # noqa: F811
    engine.forget()
    url = f"/cases/{screened_case.case.reference}/screening/"
    response = verified_client(caseworker).post(url)
    assert response.status_code == 302
    assert screened_case.case.screening_results.exists()
    assert _held() == {}


def test_no_name_is_left_in_memory_after_a_quick_check(vetter):
    engine.forget()
    response = verified_client(vetter).post("/screening/", {"name": "Хрущёв Александр"})
    assert response.status_code == 200
    assert _held() == {}
