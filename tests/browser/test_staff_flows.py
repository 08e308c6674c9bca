"""Staff flows in a real browser: sign-in with TOTP, inviting a colleague, enrolment, passkeys."""

from __future__ import annotations

import re

import pytest
from django_otp.oath import TOTP
from playwright.sync_api import expect

from safepassage.audit.models import AuditEntry
from safepassage.core.roles import Role
from safepassage.testing import PASSWORD, current_code, make_organisation, make_staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _sign_in(page, base: str, staff) -> None:
    page.goto(f"{base}/signin/")
    page.fill("input[name=email]", staff.email)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]:has-text('Continue')")
    page.wait_for_url(re.compile(r"/signin/second-factor/"))
    page.fill("input[name=code]", current_code(staff))
    page.click("main button[type=submit]")
    page.wait_for_url(re.compile(r"/today/$"))


def test_coordinator_invites_a_caseworker_who_enrols_a_second_factor(live_server, context):
    organisation = make_organisation()
    coordinator = make_staff(organisation, Role.COORDINATOR)
    base = live_server.url
    page = context.new_page()
    _sign_in(page, base, coordinator)
    assert "Today" in page.inner_text("h1")

    page.click("nav >> text=Staff")
    page.click("text=Invite a staff member")
    page.fill("input[name=email]", "new.caseworker@example.org")
    page.select_option("select[name=role]", Role.CASEWORKER.value)
    page.click("main button[type=submit]")
    link = page.inner_text("#invitation-link").strip()
    assert "/invitation/" in link

    newcomer = context.browser.new_context(locale="en-GB").new_page()
    newcomer.goto(link)
    newcomer.fill("input[name=display_name]", "Nadia")
    newcomer.fill("input[name=password1]", "a long enough passphrase 7")
    newcomer.fill("input[name=password2]", "a long enough passphrase 7")
    newcomer.click("main button[type=submit]")
    # The staff recovery key is shown once, as words, before the second factor is set up.
    expect(newcomer.locator("ol.words li")).to_have_count(20)  # waits for the next page
    newcomer.click("text=I have written them down")
    newcomer.wait_for_url(re.compile(r"/signin/enrol/"))
    expect(newcomer.locator("figure.qr svg")).to_have_count(1)
    secret = newcomer.inner_text("code.secret").replace(" ", "")
    import base64

    code = TOTP(base64.b32decode(secret)).token()
    newcomer.fill("input[name=code]", f"{code:06d}")
    newcomer.click("main button[type=submit]")
    expect(newcomer.locator("ol.codes li")).to_have_count(10)
    newcomer.click("text=I have kept them")
    newcomer.wait_for_url(re.compile(r"/today/$"))
    assert "Nadia" in newcomer.inner_text("header.site")
    # The link worked once; a second visit is refused.
    again = context.browser.new_context().new_page()
    again.goto(link)
    assert "not valid" in again.inner_text("h1")
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"staff.invited", "staff.joined", "second_factor.enrolled"} <= actions


def test_passkey_registered_then_used_to_sign_in(live_server, browser):
    organisation = make_organisation()
    staff = make_staff(organisation, Role.CASEWORKER)
    # Passkeys need a secure context; http://localhost is one.
    base = live_server.url.replace("127.0.0.1", "localhost")
    context = browser.new_context()
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )
    _sign_in(page, base, staff)
    page.goto(f"{base}/account/")
    page.click("#passkey-register")
    page.wait_for_selector("td:has-text('Passkey')")
    page.click("header button:has-text('Sign out')")

    page.goto(f"{base}/signin/")
    page.fill("input[name=email]", staff.email)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]:has-text('Continue')")
    page.wait_for_url(re.compile(r"/signin/second-factor/"))
    page.click("#passkey-signin")
    page.wait_for_url(re.compile(r"/today/$"))
    assert AuditEntry.objects.filter(
        action="signin.succeeded", actor_id=staff.pk, details__contains="passkey"
    ).exists()
    context.close()
