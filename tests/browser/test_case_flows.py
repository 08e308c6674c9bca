"""A caseworker creates a case, records a stay in Kazakhstan and sees the expiry alert."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.apps import apps
from django.utils import timezone
from playwright.sync_api import expect

from safepassage.accounts.roles import Role
from safepassage.cases import seed
from safepassage.testing import make_organisation, make_staff
from tests.browser.test_staff_flows import _sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_caseworker_records_a_stay_and_sees_the_alert_today(live_server, context):
    seed.load(apps)
    organisation = make_organisation()
    caseworker = make_staff(organisation, Role.CASEWORKER)
    page = context.new_page()
    _sign_in(page, live_server.url, caseworker)

    page.click("nav >> text=Cases")
    page.click("text=New case")
    page.fill("input[name=principal_name]", "Иван Петров")
    page.select_option("select[name=country]", "KZ")
    page.click("main button[type=submit]")
    page.wait_for_url(re.compile(r"/cases/SP-"))
    reference = page.url.rstrip("/").rsplit("/", 1)[1]
    assert page.inner_text("h1").strip() == f"{reference} · Иван Петров"

    entered = timezone.localdate() - timedelta(days=80)
    page.click("section:has(h2:text('Stays')) >> text=Add")
    page.select_option("select[name=country]", "KZ")
    page.fill("input[name=entered_on]", entered.isoformat())
    page.click("main button[type=submit]")
    page.wait_for_url(re.compile(rf"/cases/{reference}/$"))
    last_day = (entered + timedelta(days=89)).isoformat()
    assert last_day in page.inner_text("main")

    page.click("nav >> text=Today")
    row = page.locator("tr", has_text=reference)
    expect(row).to_have_count(1)  # waits for the Today page
    assert last_day in row.inner_text()
    assert "Иван Петров" in row.inner_text()
