"""Pages anyone can use, in a real browser. Every page these tests load is also checked by axe and
the Nu Html Checker (conftest.py); these tests reach the pages the other flows do not, and check
what those tools cannot see: where a link in the error summary leads, the focus ring's contrast,
reflow at 320 pixels, a reply typed past the end of a session. (A man's message read in its own
language in triage is checked in test_page_tour.py.)"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from safepassage.accounts import services as account_services
from safepassage.intake.models import FollowUpSession, Message
from safepassage.intake.tests.conftest import codename_of, send

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Every id named by an aria-describedby or aria-labelledby on the page, and whether it exists.
DANGLING_REFERENCES = """() => [
  ...document.querySelectorAll('[aria-describedby], [aria-labelledby]')]
  .flatMap(el => ['aria-describedby', 'aria-labelledby'].flatMap(a =>
     (el.getAttribute(a) || '').split(/\\s+/).filter(Boolean)))
  .filter(id => !document.getElementById(id))"""

DESCRIPTION = """id => (document.getElementById(id).getAttribute('aria-describedby') || '')
  .split(/\\s+/).filter(Boolean).map(d => document.getElementById(d).textContent).join(' ')"""


def _organisation() -> None:
    account_services.create_organisation("Test organisation", ["Desk"])


def test_errors_on_the_write_form_are_tied_to_their_fields_and_linked_from_the_summary(
    live_server, no_js_context
):
    _organisation()
    page = no_js_context.new_page()
    page.goto(f"{live_server.url}/write/")
    # Help and the safety warning are read with their fields, before anything is sent.
    assert "10 000" in page.evaluate(DESCRIPTION, "id_text")
    assert "Signal" in page.evaluate(DESCRIPTION, "id_handle")
    assert "JPEG" in page.evaluate(DESCRIPTION, "id_files")
    expect(page.get_by_label("Где он сейчас (только страна)")).to_have_count(1)

    page.check("input[name=reply_via][value=signal]")
    page.click("main button[type=submit]")
    expect(page.locator("#error-summary")).to_be_visible()
    assert page.evaluate(DANGLING_REFERENCES) == []
    links = page.locator("#error-summary a")
    targets = [href.lstrip("#") for href in links.evaluate_all("as => as.map(a => a.hash)")]
    # who, situation, urgency, the contact asked for, and the message itself
    assert targets == ["id_who_0", "id_situation_0", "id_urgency_0", "id_handle", "id_text"]
    for target in targets:
        field = page.locator(f"#{target}")
        expect(field).to_have_count(1)
    assert "не может быть пустым" in page.evaluate(DESCRIPTION, "id_text")
    assert page.get_attribute("#id_handle", "aria-invalid") == "true"
    # the error of a group of radio buttons is read with the group
    group = page.locator("fieldset", has=page.locator("#id_who_0"))
    assert "id_who_error" in (group.get_attribute("aria-describedby") or "")
    links.last.click()
    assert page.evaluate("document.activeElement.id") == "id_text"


def test_the_focus_ring_has_at_least_three_to_one_contrast(live_server, context):
    _organisation()
    page = context.new_page()
    page.goto(f"{live_server.url}/en/write/")
    ratios = {}
    # on the header's tint, on the page's white, and inside the warning box
    for selector in ("header.site nav a", "main button[type=submit]", "#id_handle"):
        element = page.locator(selector).first
        element.focus()
        outline, background = element.evaluate(
            """el => {
              let bg = 'rgb(255, 255, 255)';
              for (let p = el.parentElement; p; p = p.parentElement) {
                const c = getComputedStyle(p).backgroundColor;
                if (c !== 'rgba(0, 0, 0, 0)' && c !== 'transparent') { bg = c; break; }
              }
              return [getComputedStyle(el).outlineColor, bg];
            }"""
        )
        ratios[selector] = contrast(rgb(outline), rgb(background))
    assert min(ratios.values()) >= 3, ratios


def test_the_verification_pages_reflow_at_320_pixels(live_server, browser):
    _organisation()
    narrow = browser.new_context(viewport={"width": 320, "height": 640}, locale="en-GB")
    page = narrow.new_page()
    widths = {}
    for path in ("/verify/", "/en/verify/", "/verify/attestation/"):
        page.goto(f"{live_server.url}{path}")
        widths[path] = page.evaluate("document.documentElement.scrollWidth")
    narrow.close()
    assert all(width <= 320 for width in widths.values()), widths


def test_a_reply_typed_past_the_end_of_the_session_is_given_back_and_not_kept(
    live_server, no_js_context
):
    _organisation()
    name = codename_of(send())
    page = no_js_context.new_page()
    page.goto(f"{live_server.url}/follow-up/")
    page.fill("input[name=codename]", name)
    page.click("main button[type=submit]")
    page.wait_for_url(re.compile(r"/thread/$"))
    reply = "Я пишу долго. " * 40
    page.fill("textarea[name=text]", reply)
    # He stops typing for more than ten minutes: the session ends under him.
    FollowUpSession.objects.update(idle_until=timezone.now() - timedelta(seconds=1))
    page.click("main form.intake button[type=submit]")
    expect(page.locator("h1")).to_contain_text("У меня есть кодовое имя")
    assert page.input_value("textarea[name=text]") == reply
    assert no_js_context.cookies() == []  # no session: his text is on his page only
    assert Message.objects.count() == 1
    assert FollowUpSession.objects.count() == 0

    page.fill("input[name=codename]", name)
    page.click("main button[type=submit]")
    expect(page.locator("h1")).to_contain_text("Ваша переписка")
    assert page.input_value("textarea[name=text]") == reply
    assert Message.objects.count() == 1  # given back, not sent
    page.click("main form.intake button[type=submit]")
    expect(page.locator("main")).to_contain_text("Ваше сообщение отправлено.")
    assert Message.objects.count() == 2


def rgb(css: str) -> tuple[int, int, int]:
    values = [int(float(v)) for v in re.findall(r"[\d.]+", css)[:3]]
    return values[0], values[1], values[2]


def contrast(one: tuple[int, int, int], two: tuple[int, int, int]) -> float:
    """The WCAG 2 contrast ratio of two colours."""

    def luminance(colour: tuple[int, int, int]) -> float:
        def channel(value: int) -> float:
            c = value / 255
            return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

        r, g, b = (channel(v) for v in colour)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    light, dark = sorted((luminance(one), luminance(two)), reverse=True)
    return (light + 0.05) / (dark + 0.05)
