"""A legal adviser in a real browser builds a French dossier for a man and his wife, previews
what will be sent, downloads the signed PDF, records the submission and the consulate's
refusal, and finds the CRRV appeal deadline on the Today page."""

from __future__ import annotations

import hashlib
import re
import subprocess
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from safepassage.core.roles import Role
from safepassage.dossiers.models import Dossier
from safepassage.dossiers.tests.conftest import CANARIES, make_family
from safepassage.testing import make_organisation, make_staff
from tests.browser.test_staff_flows import _sign_in

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def test_adviser_builds_sends_and_follows_a_french_dossier(live_server, context, tmp_path):
    organisation = make_organisation()
    coordinator = make_staff(organisation, Role.COORDINATOR)
    adviser = make_staff(organisation, Role.LEGAL)
    family = make_family(coordinator, adviser)
    page = context.new_page()
    _sign_in(page, live_server.url, adviser)
    page.goto(f"{live_server.url}/cases/{family.reference}/")
    page.click("text=build, send and follow")
    page.wait_for_url(re.compile(r"/dossiers/cases/"))
    page.select_option("select[name=authority]", "fr-visa-asile")
    page.check(f"input[name=people][value='{family.man.pk}']")
    page.check(f"input[name=people][value='{family.wife.pk}']")
    page.click("button:has-text('Preview what will be sent')")
    preview = page.locator("#preview")
    expect(preview).to_contain_text("IVAN PETROV")
    expect(preview).to_contain_text("MARIIA PETROVA")
    expect(preview).not_to_contain_text(CANARIES["relative"])
    expect(preview).to_contain_text("Never sent")
    page.click("button:has-text('Sign and seal this dossier')")
    expect(page.locator("main")).to_contain_text("Dossier version 1 made and sealed")
    dossier = Dossier.objects.get()
    with page.expect_download() as download:
        page.click("text=Download version 1")
    saved = tmp_path / "dossier.pdf"
    download.value.save_as(saved)
    raw = saved.read_bytes()
    assert hashlib.sha256(raw).hexdigest() == dossier.pdf_sha256
    # pyHanko's validation runs its own event loop, which Playwright's would refuse: Debian's
    # pdfsig checks the downloaded file instead.
    checked = subprocess.run(["pdfsig", str(saved)], capture_output=True, text=True, check=False)
    assert "Signature Validation: Signature is Valid." in checked.stdout

    sent_on = timezone.localdate() - timedelta(days=40)
    refused_on = timezone.localdate() - timedelta(days=20)  # due in 10 days: within the lead
    page.select_option("select[name=sent-person]", str(family.man.pk))
    page.select_option("select[name=sent-authority]", "fr-visa-asile")
    page.fill("input[name=sent-channel]", "Consulate in Almaty, by hand")
    page.fill("input[name=sent-sent_on]", sent_on.isoformat())
    page.fill("input[name=sent-reference]", "ALM-2026-0042")
    page.click("button:has-text('Record the submission')")
    expect(page.locator("main")).to_contain_text("Submission recorded")
    page.click("summary:has-text('Record what happened')")
    form = page.locator("form[action*='/submissions/']")
    form.locator("select[name$=kind]").select_option("refused")
    form.locator("input[name$=happened_on]").fill(refused_on.isoformat())
    form.locator("button:has-text('Record')").click()
    expect(page.locator("main")).to_contain_text("Refused (notified)")
    due = (refused_on + timedelta(days=30)).isoformat()
    expect(page.locator("main")).to_contain_text(due)
    page.click("nav >> text=Today")
    row = page.locator("tr", has_text=due)
    expect(row).to_contain_text("Appeal deadline")
    expect(row).to_contain_text(family.reference)
