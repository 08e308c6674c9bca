"""A screening never looks like clearance it is not: "nothing found" names the lists searched,
with their size and date; sample or out-of-date lists are said to be so; a candidate that shares
nothing with the name is not put before a reviewer."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.apps import apps
from django.utils import timezone

from safepassage.cases import seed
from safepassage.cases import services as case_services
from safepassage.screening import lists, services
from safepassage.screening.models import CaseScreening, ScreeningResult, WatchList
from safepassage.testing import ftm_lines, verified_client
from safepassage.vault import fields

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(caseworker):
    seed.load(apps)
    return case_services.create_case(caseworker, "Зиновий Аксаков", country="KZ")


def test_nothing_found_names_each_list_with_its_size_and_date(vetter):
    lists.import_list(ftm_lines(("a", "Orlov Pavel"), ("b", "Belov Maksim")), "EU sanctions")
    page = verified_client(vetter).post("/screening/", {"name": "Зиновий Аксаков"}).content
    text = page.decode()
    assert "Nothing found in the lists below." in text
    assert (
        "EU sanctions · version 1 · 2 entries · imported " + timezone.localdate().isoformat()
        in text
    )
    assert "this is not a screening" not in text


def test_a_check_against_the_demo_list_alone_says_it_is_not_a_screening(vetter):
    lists.import_list(ftm_lines(("a", "Orlov Pavel")), "Demo watch list (invented)", sample=True)
    text = verified_client(vetter).post("/screening/", {"name": "Зиновий Аксаков"}).content
    page = text.decode()
    assert "sample data, not a real list" in page
    assert "No real, up-to-date watch list was searched: this is not a screening." in page


def test_a_check_with_no_list_says_nothing_was_searched(vetter):
    page = verified_client(vetter).post("/screening/", {"name": "Зиновий Аксаков"}).content
    assert "No watch list is imported: nothing was searched." in page.decode()


def test_an_out_of_date_list_is_marked_on_the_case_page(case, caseworker, settings):
    settings.SCREENING_LIST_MAX_AGE_DAYS = 30
    with time_machine.travel(timezone.now() - timedelta(days=60)):
        lists.import_list(ftm_lines(("a", "Orlov Pavel")), "Old list")
    services.screen_case(case)
    page = verified_client(caseworker).get(f"/cases/{case.case.reference}/screening/").content
    text = page.decode()
    assert "Old list · version 1 · 1 entry" in text
    assert "out of date" in text
    assert "this is not a screening" in text
    assert "Nothing found in the lists searched." in text


def test_the_case_screening_records_the_lists_as_they_were(case):
    lists.import_list(ftm_lines(("a", "Orlov Pavel")), "EU sanctions")
    services.screen_case(case)
    lists.import_list(ftm_lines(("a", "Orlov Pavel"), ("b", "Belov Maksim")), "EU sanctions")
    record = CaseScreening.objects.get(case=case.case)
    assert record.lists == [
        {
            "name": "EU sanctions",
            "version": 1,
            "entries": 1,
            "imported_on": timezone.localdate().isoformat(),
            "sample": False,
        }
    ]
    assert WatchList.objects.get().entity_count == 2  # the list moved on; the record did not


def test_a_candidate_sharing_nothing_with_the_name_is_not_put_up_for_review(case):
    # The index offers each of these as a candidate; only the first scores as a match (the
    # others score 0.0 or 0.2: another given name, another man).
    people = [
        ("same", "Aksakov Zinovy"),
        ("wife", "Аксакова Зинаида"),
        ("other", "Аксаков Пётр Никифорович"),
        ("near", "Зиновьев Аксак"),
    ]
    lists.import_list(ftm_lines(*people), "EU sanctions")
    offered = {r.entity_id: r.score for _n, r in services.quick_screen("Зиновий Аксаков")}
    assert set(offered) >= {"same", "wife", "other"}
    assert min(offered.values()) < services.REVIEW_FLOOR
    services.screen_case(case)
    kept = {
        fields.read(case.key, row, "entity"): float(fields.read(case.key, row, "score"))
        for row in ScreeningResult.objects.filter(case=case.case)
    }
    assert set(kept) == {"same"}
