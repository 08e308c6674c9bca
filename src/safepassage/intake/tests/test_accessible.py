"""The public forms as a screen reader meets them: every field labelled, its help and warnings read
with it, each error tied to its field and listed with a link at the top; a man's message read in
its own language; a reply typed past the end of a session given back, never kept."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from tests.markup import Page

from safepassage.intake.models import Conversation, FollowUpSession, Message
from safepassage.intake.tests.conftest import codename_of, send
from safepassage.testing import verified_client

pytestmark = pytest.mark.django_db
SAME: dict[str, Any] = {"HTTP_SEC_FETCH_SITE": "same-origin"}


def _page(response: Any) -> Page:
    return Page(response.content.decode())


def test_every_field_of_the_write_form_has_a_label_or_legend(organisation):
    page = _page(Client().get("/en/write/"))
    for field in ("id_country", "id_handle", "id_text", "id_files"):
        assert field in page.labelled, field


def test_help_and_the_safety_warning_are_read_with_their_fields(organisation):
    page = _page(Client().get("/en/write/"))
    assert page.dangling_references() == []
    assert "At most 10,000 characters" in page.description("id_text")
    assert "can identify you" in page.description("id_handle")
    assert "Location and camera data are removed" in page.description("id_files")
    codename = _page(Client().get("/en/follow-up/"))
    assert "seven words of your codename" in codename.description("id_codename")


def test_errors_on_the_write_form_are_tied_to_their_fields_and_linked_from_the_summary(
    organisation,
):
    response = send(lang="en/", text=" ", reply_via="signal", handle="", who="")
    assert response.status_code == 400
    html = response.content.decode()
    page = Page(html)
    assert page.dangling_references() == []
    assert page.duplicate_ids() == []
    assert "cannot be empty" in page.description("id_text")
    assert "Give the contact we should use" in page.description("id_handle")
    summary = html.split('id="error-summary"', 1)[1].split("</div>", 1)[0]
    assert re.findall(r'href="#([^"]+)"', summary) == ["id_who_0", "id_handle", "id_text"]
    assert "id_who_0" in page.ids  # the first button of the group the link leads to
    assert 'aria-describedby="id_who_error"' in html  # the group's fieldset


def test_errors_on_the_follow_up_forms_are_tied_to_their_fields(organisation):
    page = _page(Client().post("/en/follow-up/", {"codename": ""}, **SAME))
    assert page.dangling_references() == []
    assert "required" in page.description("id_codename")
    client = Client()
    client.post("/en/follow-up/", {"codename": codename_of(send())}, **SAME)
    thread = _page(client.post("/en/thread/", {"text": " "}, **SAME))
    assert thread.dangling_references() == []
    assert "cannot be empty" in thread.description("id_text")


def _session_ended(lang: str = "en/") -> tuple[Client, str]:
    name = codename_of(send())
    client = Client()
    assert client.post(f"/{lang}follow-up/", {"codename": name}, **SAME).status_code == 302
    FollowUpSession.objects.update(idle_until=timezone.now() - timedelta(seconds=1))
    return client, name


def test_a_reply_sent_after_the_session_ended_is_given_back_and_nothing_is_kept(organisation):
    client, _name = _session_ended()
    typed = "A long reply, typed slowly.\n\nSecond paragraph 8841. "
    response = client.post("/en/thread/", {"text": typed}, **SAME)
    assert response.status_code == 200
    page = response.content.decode()
    assert "so your message was not sent" in page
    assert re.search(r"<textarea[^>]*>\n?" + re.escape(typed) + "</textarea>", page)
    assert 'action="/en/follow-up/"' in page  # the codename form carries it on
    assert not response.cookies.get("sp_followup", None) or (
        response.cookies["sp_followup"].value == ""
    )
    assert Message.objects.count() == 1
    assert FollowUpSession.objects.count() == 0


def test_the_text_goes_back_in_the_form_once_he_enters_his_codename_and_is_not_sent(
    organisation,
):
    client, name = _session_ended()
    typed = "A long reply 3391, typed slowly."
    wrong = client.post("/en/follow-up/", {"codename": "not a codename", "text": typed}, **SAME)
    assert wrong.status_code == 400
    assert typed in wrong.content.decode()  # still his, after a mistyped codename
    assert "sp_followup" not in wrong.cookies
    right = client.post("/en/follow-up/", {"codename": name, "text": typed}, **SAME)
    assert right.status_code == 200
    assert right.cookies["sp_followup"].value  # he chose to continue: now the session starts
    page = right.content.decode()
    assert "It is not sent yet" in page
    assert re.search(r'<textarea name="text"[^>]*>\n?' + re.escape(typed), page)
    assert 'action="/en/thread/"' in page
    assert Message.objects.count() == 1  # given back, not sent
    sent = client.post("/en/thread/", {"text": typed}, **SAME)
    assert "Your message has been sent." in sent.content.decode()
    assert Message.objects.count() == 2


def test_an_empty_post_after_the_session_ended_still_goes_to_the_codename_page(organisation):
    client, _name = _session_ended()
    response = client.post("/en/thread/", {"text": "  "}, **SAME)
    assert response.status_code == 302
    assert response["Location"] == "/en/follow-up/?ended=1"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Меня мобилизовали в сентябре, нужна помощь с документами.", "ru"),
        ("Мене мобілізували у вересні, потрібна допомога з документами.", "uk"),
        ("I was mobilised in September and I need help.", "en"),
    ],
)
def test_a_mans_message_carries_its_language_in_triage(organisation, triager, text, lang):
    send(text=text)
    thread = Conversation.objects.get()
    page = verified_client(triager).get(f"/intake/triage/{thread.pk}/").content.decode()
    assert f'<div class="text" lang="{lang}">' in page


def test_the_reply_field_in_triage_is_described_by_its_warning(organisation, triager):
    send()
    thread = Conversation.objects.get()
    page = _page(verified_client(triager).get(f"/intake/triage/{thread.pk}/"))
    assert "Never ask for money" in page.description("id_text")


def test_outreach_links_say_which_page_in_which_language_they_edit(coordinator):
    page = verified_client(coordinator).get("/intake/outreach/").content.decode()
    names = re.findall(r'<a href="/intake/outreach/[^"]+" lang="(\w+)">([^<]+)</a>', page)
    assert len(names) == 6
    assert len(set(names)) == 6


def test_a_notice_after_an_action_is_a_status_around_a_list(organisation, triager):
    send()
    thread = Conversation.objects.get()
    client = verified_client(triager)
    response = client.post(
        f"/intake/triage/{thread.pk}/reply/", {"text": "Мы поможем"}, follow=True
    )
    html = response.content.decode()
    assert re.search(r'<div role="status"><ul class="messages">\s*<li class="success">', html)
    assert 'class="messages" role=' not in html  # a list keeps its role
