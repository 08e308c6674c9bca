"""A vetter adds a booby-trapped document as evidence in a real browser and opens its safe copy:
a clean PDF whose words (Russian included) can be searched; the original waits behind a page
that names the risk."""

from __future__ import annotations

import re
import subprocess
from datetime import date, timedelta

import pytest
from django.apps import apps

from safepassage.cases import seed
from safepassage.cases import services as case_services
from safepassage.core.roles import Role
from safepassage.safecopy.tests.conftest import run_queue
from safepassage.safeview import rebuild
from safepassage.safeview.tests import hostile
from safepassage.testing import make_organisation, make_staff
from tests.browser.test_staff_flows import _sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_vetter_opens_the_safe_copy_of_an_evidence_document(live_server, browser, tmp_path):
    seed.load(apps)
    organisation = make_organisation()
    caseworker = make_staff(organisation, Role.CASEWORKER)
    vetter = make_staff(organisation, Role.VETTER)
    access = case_services.create_case(caseworker, "Иван Петров", country="KZ")
    case_services.assign(access, vetter, "vetter")
    reference = access.case.reference
    trapped = tmp_path / "povestka.pdf"
    trapped.write_bytes(hostile.booby_trapped_pdf(["Повестка в военкомат", "Summons"]))

    base = live_server.url
    context = browser.new_context(accept_downloads=True, locale="en-GB")
    page = context.new_page()
    _sign_in(page, base, vetter)
    page.goto(f"{base}/cases/{reference}/vetting/")
    page.click("text=Start the vetting record")
    page.wait_for_url(re.compile(r"/vetting/$"))
    page.goto(f"{base}/cases/{reference}/vetting/evidence/new/")
    page.select_option("select[name=kind]", "document_copy")
    page.fill("input[name=title]", "Summons")
    page.fill("input[name=retention_date]", (date.today() + timedelta(days=900)).isoformat())
    page.set_input_files("input[name=file]", str(trapped))
    page.click("main button:has-text('Save')")
    page.wait_for_url(re.compile(r"/vetting/$"))
    assert "waiting for its safe copy" in page.inner_text("main")

    assert run_queue() == ["done"]  # what the worker beside the server does
    page.reload()
    evidence = page.inner_text("main")
    assert "safe copy made, 1 page, text recognised" in evidence
    page.screenshot(path=str(tmp_path / "evidence.png"), full_page=True)

    with page.expect_download() as opened:
        page.click("a:has-text('povestka.pdf')")
    saved = tmp_path / "safe.pdf"
    opened.value.save_as(saved)
    assert opened.value.suggested_filename == "povestka-safe.pdf"
    safe = saved.read_bytes()
    assert safe != trapped.read_bytes()
    assert rebuild.problems(safe) == []
    text = subprocess.run(["pdftotext", str(saved), "-"], capture_output=True, check=True)
    assert "Повестка" in text.stdout.decode()

    page.click("a:has-text('Original (after confirming the risk)')")
    warning = page.inner_text("main")
    assert "may carry a program" in warning
    assert "SHA-256" in warning
    page.screenshot(path=str(tmp_path / "original.png"), full_page=True)
    context.close()
