"""Two vetters conclude in a real browser, the final decision is made, a coordinator issues the
attestation, and its PDF verifies on the public page."""

from __future__ import annotations

import re
import subprocess
from datetime import date, timedelta

import pytest
from django.apps import apps
from playwright.sync_api import expect

from safepassage.cases import seed
from safepassage.cases import services as case_services
from safepassage.core.roles import Role
from safepassage.testing import make_organisation, make_staff
from safepassage.vault.session import VaultSession
from safepassage.vetting import services as vetting
from safepassage.vetting.models import Attestation
from tests.browser.test_staff_flows import _sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _vault(staff):
    return VaultSession(staff.pk, staff._test_private_key)


def test_two_vetters_decide_and_the_attestation_verifies_on_the_public_page(
    live_server, browser, tmp_path
):
    seed.load(apps)
    organisation = make_organisation()
    coordinator = make_staff(organisation, Role.COORDINATOR)
    caseworker = make_staff(organisation, Role.CASEWORKER)
    first, second = make_staff(organisation, Role.VETTER), make_staff(organisation, Role.VETTER)
    access = case_services.create_case(caseworker, "Иван Петров", country="KZ")
    for vetter in (first, second):
        case_services.assign(access, vetter, "vetter")
    reference = access.case.reference
    for vetter in (first, second):
        va = vetting.open_vetting(vetter, reference, _vault(vetter), start=True)
        vetting.add_interview(va, date.today() - timedelta(days=2), "account of service")
        vetting.declare_interests(va, False, "")
    vetting.answer_checklist(
        vetting.open_vetting(first, reference, _vault(first)),
        "role_rank",
        "no_concern",
        "driver, no command",
    )

    base = live_server.url
    for vetter, text in ((first, "consistent in both interviews"), (second, "no indication")):
        page = browser.new_context().new_page()
        _sign_in(page, base, vetter)
        page.goto(f"{base}/cases/{reference}/vetting/")
        assert "consistent in both interviews" not in page.inner_text("main")  # not yet his
        form = page.locator("form[action$='/vetting/conclusion/']")
        form.locator("select[name=conclusion]").select_option("no_indication")
        form.locator("select[name=confidence]").select_option("high")
        form.locator("textarea[name=reasoning]").fill(text)
        form.locator("button").click()
        page.wait_for_url(re.compile(r"/vetting/$"))
        if vetter is second:
            assert "consistent in both interviews" in page.inner_text("main")
            page.fill("textarea[name=rationale]", "Two independent conclusions agree.")
            page.click("button:has-text('Record the final decision')")
            page.wait_for_url(re.compile(r"/vetting/$"))
            assert "No indication of excludable conduct" in page.inner_text("main")

    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    _sign_in(page, base, coordinator)
    page.goto(f"{base}/cases/{reference}/attestations/")
    # The case was never screened: the page says what will be stated before anything is signed.
    warnings = page.inner_text("#attestation-warnings")
    assert "never screened" in warnings
    assert "Not examined by the vetters" in warnings
    assert "not done: the case was never screened" in page.inner_text(".statement-preview")
    page.fill("input[name=recipient]", "Bundesministerium des Innern")
    page.select_option("select[name=document_language]", "de")
    page.click("button:has-text('Issue and sign')")
    assert "Read the warnings above and confirm them" in page.inner_text("main")
    assert not Attestation.objects.exists()
    page.check("input[name=confirm_warnings]")
    page.click("button:has-text('Issue and sign')")
    page.wait_for_url(re.compile(r"/attestations/$"))
    with page.expect_download() as download_info:
        page.locator("a", has_text="PDF").first.click()
    pdf_path = tmp_path / "attestation.pdf"
    download_info.value.save_as(pdf_path)
    assert pdf_path.read_bytes().startswith(b"%PDF")
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-raw", str(pdf_path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    flat = " ".join(text.split())
    # German for a German authority, then English; what was not done, said plainly.
    assert flat.index("Deutsch") < flat.index("English")
    assert (
        "Abgleich mit Überwachungslisten: nicht durchgeführt: der Fall wurde nie abgeglichen"
        in flat
    )
    assert "Screening against watch lists: not done: the case was never screened." in flat

    public = browser.new_context().new_page()
    public.goto(f"{base}/verify/attestation/")
    public.set_input_files("input[type=file]", str(pdf_path))
    public.click("main button[type=submit]")
    expect(public.locator("#verdict")).to_contain_text("Valid")
    verdict = public.inner_text("#verdict")
    assert "Not valid" not in verdict
    assert "not done: the case was never screened" in verdict
    # The public transparency log holds it, and the page says where.
    assert re.search(r"Logged at index \d+ in checkpoint of size \d+", verdict)
    tampered = tmp_path / "tampered.pdf"
    data = bytearray(pdf_path.read_bytes())
    data[len(data) // 3] ^= 0x01
    tampered.write_bytes(bytes(data))
    public.goto(f"{base}/verify/attestation/")
    public.set_input_files("input[type=file]", str(tampered))
    public.click("main button[type=submit]")
    expect(public.locator("#verdict")).to_contain_text("Not valid")
