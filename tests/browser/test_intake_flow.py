"""The anonymous intake in a real browser with JavaScript off: a man writes in Russian with a
photo that carries GPS data, a caseworker opens it (the GPS data is gone) and replies, and the
man reads the reply with his codename."""

from __future__ import annotations

import io
import re

import pytest
from django.apps import apps
from PIL import Image
from playwright.sync_api import expect

from safepassage.accounts import services as account_services
from safepassage.cases import seed
from safepassage.core.roles import Role
from safepassage.intake.models import Conversation
from safepassage.intake.tests.conftest import jpeg_with_gps
from safepassage.safecopy.tests.conftest import run_queue
from safepassage.testing import make_staff
from safepassage.vault import intake
from tests.browser.test_staff_flows import _sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TEXT = "Меня мобилизовали в сентябре. Сейчас я в Казахстане, нужна помощь с документами."
REPLY = "Здравствуйте! Мы получили ваше сообщение и поможем. Напишите, какие документы у вас есть."


def test_a_message_in_russian_is_answered_without_javascript(live_server, browser, no_js_context):
    seed.load(apps)
    organisation, keys = account_services.create_organisation("Test organisation", ["Desk"])
    caseworker = make_staff(organisation, Role.CASEWORKER)
    intake.grant_intake_key(keys.intake_secret, caseworker.pk)
    base = live_server.url
    photo = jpeg_with_gps()
    with Image.open(io.BytesIO(photo)) as image:
        assert image.getexif().get_ifd(0x8825)  # the photo really carries a location

    person = no_js_context.new_page()
    person.goto(f"{base}/")
    assert person.locator("html").get_attribute("lang") == "ru"
    person.click("main >> text=Написать нам")
    person.check("input[name=who][value=self]")
    person.check("input[name=situation][value=mobilised]")
    person.select_option("select[name=country]", "KZ")
    person.check("input[name=urgency][value=days]")
    assert person.is_checked("input[name=reply_via][value=site]")
    person.fill("textarea[name=text]", TEXT)
    person.set_input_files(
        "input[name=files]",
        files=[{"name": "IMG_2041.jpg", "mimeType": "image/jpeg", "buffer": photo}],
    )
    person.click("main button[type=submit]")
    expect(person.locator("h1")).to_contain_text("Ваше сообщение отправлено")
    words = [w.strip() for w in person.locator("#codename li").all_inner_texts()]
    assert len(words) == 7
    assert no_js_context.cookies() == []  # nothing set until he chooses to continue

    staff_context = browser.new_context(java_script_enabled=False, locale="en-GB")
    staff = staff_context.new_page()
    _sign_in(staff, base, caseworker)
    run_queue()  # the worker beside the server makes the photo's safe copy
    staff.goto(f"{base}/intake/triage/")
    thread = Conversation.objects.get()
    staff.click(f"text=#{thread.pk}")
    expect(staff.locator("main")).to_contain_text(TEXT)
    assert "Mobilised" in staff.inner_text("main")
    assert "safe copy made" in staff.inner_text("ul.files")
    with staff.expect_download() as download:
        staff.click("ul.files a")  # the file's name opens its safe copy
    with open(download.value.path(), "rb") as handle:
        received = handle.read()
    with Image.open(io.BytesIO(received)) as image:
        assert image.format == "PNG"
        assert not image.getexif()  # no EXIF at all, so no GPS
    assert b"CameraMaker" not in received
    staff.fill("textarea[name=text]", REPLY)
    staff.click("text=Send the reply")
    expect(staff.locator("main")).to_contain_text("Reply sealed and sent.")
    staff_context.close()

    person.goto(f"{base}/follow-up/")
    person.fill("input[name=codename]", " ".join(words))
    person.click("main button[type=submit]")
    person.wait_for_url(re.compile(r"/thread/$"))
    assert REPLY in person.inner_text("main")
    assert TEXT not in person.inner_text("main")  # his own words are not shown back
    assert [c["name"] for c in no_js_context.cookies()] == ["sp_followup"]
    person.click("text=Выйти сейчас")
    expect(person.locator("h1")).to_contain_text("Вы вышли")
    assert no_js_context.cookies() == []
    person.goto(f"{base}/thread/")
    assert "/follow-up/" in person.url
