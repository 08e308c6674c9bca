"""Two organisations in a real browser: a coordinator verifies a partner by its fingerprint
words, records the man's consent and sends his case to the partner's HTTPS inbox; the other
instance's coordinator imports it; the sender then sees the verified receipt."""

from __future__ import annotations

import re
from typing import Any

import pytest
import trustme
from django.apps import apps
from django_otp.oath import TOTP
from playwright.sync_api import expect

from safepassage.cases import seed
from safepassage.core.roles import Role
from safepassage.partners import services
from safepassage.partners.models import Handover
from safepassage.partners.tests.cases import full_case
from safepassage.partners.tests.instance import Instance
from safepassage.testing import PASSWORD, make_organisation, make_staff
from tests.browser.test_staff_flows import _sign_in

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def _sign_in_there(page: Any, base: str, email: str, totp_hex: str) -> None:
    page.goto(f"{base}/signin/")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]:has-text('Continue')")
    page.wait_for_url(re.compile(r"/signin/second-factor/"))
    page.fill("input[name=code]", f"{TOTP(bytes.fromhex(totp_hex)).token():06d}")
    page.click("main button[type=submit]")
    page.wait_for_url(re.compile(r"/today/$"))


def test_verify_send_import_and_see_the_receipt(live_server, browser, tmp_path, monkeypatch):
    seed.load(apps)
    organisation = make_organisation("Alpha Aid")
    coordinator = make_staff(organisation, Role.COORDINATOR)
    authority = trustme.CA()
    authority.cert_pem.write_to_path(str(tmp_path / "ca.pem"))
    monkeypatch.setenv("SSL_CERT_FILE", str(tmp_path / "ca.pem"))
    beta = Instance(tmp_path / "beta", "Beta Legal")
    try:
        beta.setup()
        inbox_base = beta.serve_https(authority.issue_cert("127.0.0.1"))
        beta_web = f"http://127.0.0.1:{beta.port}"
        as_beta = ["partners", "--as", beta.staff["coordinator"]]
        beta.run(*as_beta, "set-inbox", f"{inbox_base}/partners/inbox/", password=PASSWORD)
        beta.run("partners", "card", "--out", str(tmp_path / "beta.card"))
        # Beta adds our card and compares our words (its side of the exchange, on its own tools).
        (tmp_path / "alpha.card").write_bytes(services.our_card(organisation.pk).to_json())
        beta.run(*as_beta, "add", str(tmp_path / "alpha.card"), password=PASSWORD)
        beta.run(
            *as_beta,
            "verify",
            "Alpha Aid",
            "--words",
            " ".join(services.our_words(organisation.pk)),
            password=PASSWORD,
        )
        access, _ids = full_case(coordinator)
        reference = access.case.reference

        alpha = browser.new_context(locale="en-GB").new_page()
        _sign_in(alpha, live_server.url, coordinator)
        alpha.click("nav >> text=Partners")
        alpha.set_input_files("input[name=card]", str(tmp_path / "beta.card"))
        alpha.click("button:has-text('Add from the card')")
        alpha.wait_for_url(re.compile(r"/partners/\d+/$"))
        expect(alpha.locator("main")).to_contain_text("Unverified")
        shown = alpha.inner_text("#their-words").strip()
        heard = beta.run("partners", "words").strip()  # what they read out on the phone
        assert shown == heard
        alpha.fill("input[name=words]", heard)
        alpha.click("button:has-text('The words match: verify')")
        expect(alpha.locator("main")).to_contain_text("Verified")
        alpha.screenshot(path=str(tmp_path / "partner-verified.png"), full_page=True)

        alpha.goto(f"{live_server.url}/cases/{reference}/")
        alpha.click("summary:has-text('Record his consent')")
        alpha.select_option("select[name=partner]", label="Beta Legal")
        for section in ("identity", "service"):
            alpha.check(f"#partners-panel input[name=sections][value={section}]")
        alpha.select_option("select[name=how]", "in_writing")
        alpha.click("button:has-text('Record his consent')")
        expect(alpha.locator("#partners-panel")).to_contain_text("Beta Legal")
        alpha.click("text=Hand over to a partner")
        alpha.wait_for_url(re.compile(r"/send/"))
        alpha.click("text=for vetting")
        alpha.uncheck("input[name=sections][value=legal]")
        alpha.check("input[name=via][value=https]")
        alpha.screenshot(path=str(tmp_path / "send.png"), full_page=True)
        alpha.click("button:has-text('Sign, encrypt and send')")
        alpha.wait_for_url(re.compile(rf"/cases/{reference}/$"))
        expect(alpha.locator("main")).to_contain_text("Delivered to Beta Legal")
        expect(alpha.locator("#partners-panel")).to_contain_text("no receipt yet")

        there = browser.new_context(locale="en-GB").new_page()
        _sign_in_there(there, beta_web, beta.staff["coordinator"], beta.staff["totp"])
        there.goto(f"{beta_web}/partners/")
        there.click("section:has(h2:text('Received')) >> text=Alpha Aid")
        expect(there.locator("main")).to_contain_text("signature verified")
        there.check("input[name=staff] >> nth=0")
        there.click("button:has-text('Import')")
        there.wait_for_url(re.compile(r"/cases/SP-"))
        expect(there.locator("h1")).to_contain_text("Иван Петров")
        expect(there.locator("#partners-panel")).to_contain_text("Received from Alpha Aid")
        there.screenshot(path=str(tmp_path / "imported.png"), full_page=True)

        alpha.click("button:has-text('Ask their inbox for the receipt')")
        alpha.wait_for_url(re.compile(rf"/cases/{reference}/$"))
        expect(alpha.locator("#partners-panel")).to_contain_text("receipt verified")
        alpha.screenshot(path=str(tmp_path / "receipt.png"), full_page=True)
        handover = Handover.objects.get(case=access.case)
        assert handover.receipt_verified_at is not None
        alpha.goto(f"{live_server.url}/cases/{reference}/access/")
        expect(alpha.locator("#partners-access")).to_contain_text("Beta Legal")
    finally:
        beta.drop()
