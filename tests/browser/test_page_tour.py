"""Every page of the staff side, as the role that uses it, so that the page checks (conftest.py)
see each one: a coordinator goes through the navigation, a case, intake, outreach, screening,
staff and the audit log; a vetter opens a vetting record nobody has answered yet."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.apps import apps
from django.test import Client
from playwright.sync_api import expect

from safepassage.accounts import services as account_services
from safepassage.cases import seed
from safepassage.cases import services as case_services
from safepassage.cases.models import Stay, Task
from safepassage.core.roles import Role
from safepassage.dossiers import seed as dossier_seed
from safepassage.intake.models import Conversation
from safepassage.intake.tests.conftest import send
from safepassage.testing import make_staff
from safepassage.vault import intake
from safepassage.vault.session import VaultSession
from safepassage.vetting import services as vetting
from tests.browser.test_staff_flows import _sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _organisation_with_a_case():
    seed.load(apps)
    dossier_seed.load(apps)
    organisation, keys = account_services.create_organisation("Test organisation", ["Desk"])
    coordinator = make_staff(organisation, Role.COORDINATOR)
    intake.grant_intake_key(keys.intake_secret, coordinator.pk)
    vetter = make_staff(organisation, Role.VETTER)
    access = case_services.create_case(coordinator, "Иван Петров", country="KZ")
    case_services.assign(access, vetter, "vetter")
    for title in ("Call the lawyer", "Send the summons copy"):
        case_services.save_row(
            access, Task(case=access.case), {"title": title, "due_on": date.today()}
        )
    case_services.save_row(
        access,
        Stay(case=access.case),
        {"country": "KZ", "entered_on": date.today() - timedelta(days=20)},
    )
    send(Client(), text="Меня мобилизовали в сентябре, нужна помощь с документами.")
    send(Client(), lang="en/", text="I was mobilised in September and I need help.")
    return organisation, coordinator, vetter, access.case.reference


def test_a_coordinator_goes_through_every_page(live_server, context):
    _organisation, coordinator, _vetter, reference = _organisation_with_a_case()
    base = live_server.url
    page = context.new_page()
    _sign_in(page, base, coordinator)

    for item in (
        "Today",
        "Cases",
        "Intake",
        "Screening",
        "Authorities",
        "Staff",
        "Audit log",
        "My account",
    ):
        page.click(f"header nav >> text='{item}'")
        expect(page.locator("h1")).to_be_visible()

    for email in ("nadia@example.org", "oleg@example.org"):
        page.click("nav >> text=Staff")
        page.click("text=Invite a staff member")
        page.fill("input[name=email]", email)
        page.select_option("select[name=role]", Role.CASEWORKER.value)
        page.click("main button[type=submit]")
        expect(page.locator("#invitation-link")).to_be_visible()
    page.click("nav >> text=Staff")
    expect(
        page.get_by_role("button", name="Revoke the invitation of oleg@example.org")
    ).to_be_visible()
    page.click(f"main table a:text-is('{coordinator.display_name}')")
    expect(page.locator("h1")).to_have_text(coordinator.display_name)

    for path in (
        f"/cases/{reference}/",
        f"/cases/{reference}/access/",
        f"/cases/{reference}/edit/",
        f"/cases/{reference}/task/new/",
        f"/cases/{reference}/screening/",
        f"/dossiers/cases/{reference}/",
        "/dossiers/authorities/fr-visa-asile/",
        "/dossiers/authorities/fr-visa-asile/rules/0/",
        "/dossiers/stay-rules/",
        "/dossiers/stay-rules/KZ/",
        "/transfer/import/",
        "/transfer/export/",
        "/intake/outreach/",
        "/intake/outreach/options/ru/",
        "/account/password/",
    ):
        response = page.goto(f"{base}{path}")
        assert response is not None
        assert response.status == 200, path

    languages = []
    for thread in Conversation.objects.order_by("pk"):
        page.goto(f"{base}/intake/triage/{thread.pk}/")
        # A Russian message is read with a Russian voice on an English page.
        languages.append(page.get_attribute("ol.thread li .text", "lang"))
        page.goto(f"{base}/intake/triage/{thread.pk}/case/")
        page.goto(f"{base}/intake/triage/{thread.pk}/attach/")
    assert languages == ["ru", "en"]


def test_a_vetter_opens_a_record_nobody_has_answered(live_server, context):
    _organisation, _coordinator, vetter, reference = _organisation_with_a_case()
    vetting.open_vetting(
        vetter, reference, VaultSession(vetter.pk, vetter._test_private_key), start=True
    )
    page = context.new_page()
    _sign_in(page, live_server.url, vetter)
    page.goto(f"{live_server.url}/cases/{reference}/vetting/")
    checklist = page.locator("section", has=page.locator("h2:text('Exclusion checklist')"))
    expect(checklist).to_contain_text("Nothing answered yet.")
    expect(checklist.locator("dl")).to_have_count(0)  # no list of terms without a term
    page.goto(f"{live_server.url}/cases/{reference}/vetting/evidence/new/")
    page.goto(f"{live_server.url}/screening/")
