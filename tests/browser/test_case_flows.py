"""A caseworker, with JavaScript on and off, creates a case for a man, his wife and his child by
typing country names in Russian, records each one's stay, removes a person added by mistake and
sees each clock on the Today page."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from django.apps import apps
from django.utils import timezone
from playwright.sync_api import expect

from safepassage.cases import seed
from safepassage.cases.models import Person
from safepassage.core.roles import Role
from safepassage.testing import make_organisation, make_staff
from tests.browser.test_staff_flows import _sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(params=[True, False], ids=["javascript", "no-javascript"])
def page(request: Any, browser: Any) -> Iterator[Any]:
    context = browser.new_context(locale="en-GB", java_script_enabled=request.param)
    yield context.new_page()
    context.close()


def _back_on_the_case(page: Any, reference: str) -> None:
    page.wait_for_url(re.compile(rf"/cases/{reference}/(#\w+)?$"))


def _add_person(page: Any, reference: str, who: str, name: str) -> None:
    page.click("#person >> text=Add a person")
    page.select_option("select[name=kind]", who)
    page.fill("input[name=name_cyrillic]", name)
    page.fill("input[name=citizenship]", "Россия")
    page.click("main button[type=submit]")
    _back_on_the_case(page, reference)


def _add_stay(page: Any, reference: str, whose: str, days_ago: int) -> None:
    page.click("#stay >> text=Add a stay")
    page.select_option("select[name=person]", label=whose)
    page.fill("input[name=country]", "Казахстан")
    entered = timezone.localdate() - timedelta(days=days_ago)
    page.fill("input[name=entered_on]", entered.isoformat())
    page.click("main button[type=submit]")
    _back_on_the_case(page, reference)


def test_a_family_each_with_a_stay_clock_on_today(live_server, page):
    seed.load(apps)
    caseworker = make_staff(make_organisation(), Role.CASEWORKER)
    _sign_in(page, live_server.url, caseworker)

    page.click("nav >> text=Cases")
    page.click("text=New case")
    page.fill("input[name=principal_name]", "Сергей Волков")
    page.fill("input[name=country]", "Казахстан")  # typed in Russian, in an English page
    page.click("main button[type=submit]")
    page.wait_for_url(re.compile(r"/cases/SP-"))
    reference = page.url.rstrip("/").rsplit("/", 1)[1]
    assert "Kazakhstan" in page.inner_text(".summary")

    _add_person(page, reference, "spouse", "Ольга Волкова")
    _add_person(page, reference, "child", "Миша Волков")
    _add_person(page, reference, "other", "Кто-то по ошибке")
    page.click("#person >> a:has-text('Remove'):has-text('Кто-то по ошибке')")
    expect(page.locator("h1")).to_contain_text("Remove this person?")
    page.click("main button:has-text('Remove')")
    _back_on_the_case(page, reference)
    assert "Кто-то по ошибке" not in page.inner_text("main")
    assert Person.objects.filter(case__reference=reference).count() == 3

    _add_stay(page, reference, "Сергей Волков (Principal)", 80)  # 10 days left
    _add_stay(page, reference, "Ольга Волкова (Spouse or partner)", 75)  # 15 days left
    _add_stay(page, reference, "Миша Волков (Child)", 70)  # 20 days left
    stays = page.inner_text("#stay")
    today = timezone.localdate()
    for days_ago in (80, 75, 70):
        last_day = today - timedelta(days=days_ago) + timedelta(days=89)
        assert last_day.isoformat() in stays
    assert stays.count("Rule for Kazakhstan: at most 90 days in any 180") == 3

    page.click("nav >> text=Today")
    expect(page.locator("h1")).to_have_text("Today")
    rows = page.locator("tr", has_text=reference)
    expect(rows).to_have_count(3)
    text = page.inner_text("main")
    assert "3 alerts." in text
    assert "Legal stay runs out · Ольга Волкова" in text
    assert "Legal stay runs out · Миша Волков" in text
    assert text.count("Сергей Волков") == 3  # the case's man on every row
