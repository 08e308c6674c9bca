"""Follow-up with the codename: replies readable only with it, a short session that keeps
nothing readable on the server, and limits per codename and overall."""

from __future__ import annotations

import base64
from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from safepassage.intake import codename, ratelimit, services
from safepassage.intake.models import (
    Attachment,
    Conversation,
    FollowUpSession,
    Message,
    RateCounter,
)
from safepassage.intake.tests.conftest import codename_of, send, upload
from safepassage.testing import verified_client

pytestmark = pytest.mark.django_db
SAME: dict[str, Any] = {"HTTP_SEC_FETCH_SITE": "same-origin"}


def _signed_in(name: str, lang: str = "") -> Client:
    client = Client()
    response = client.post(f"/{lang}follow-up/", {"codename": name}, **SAME)
    assert response.status_code == 302
    return client


def test_the_person_reads_a_reply_with_his_codename(organisation, triager):
    name = codename_of(send())
    pk = Conversation.objects.get().pk
    verified_client(triager).post(f"/intake/triage/{pk}/reply/", {"text": "Мы вам поможем"})
    page = _signed_in(name).get("/thread/").content.decode()
    assert "Мы вам поможем" in page
    # his own message is listed, not shown
    assert "нужна помощь" not in page


def test_a_reply_opens_with_his_key_only(organisation, triager):
    name = codename_of(send())
    other = codename_of(send())
    pk = Conversation.objects.get(lookup_id=codename.lookup_id(name, services.kdf_params())).pk
    verified_client(triager).post(f"/intake/triage/{pk}/reply/", {"text": "only for him"})
    reply = Message.objects.get(direction="out")
    mine = codename.key_pair(name, services.kdf_params())
    assert services.open_sealed(bytes(mine), bytes(reply.sealed))["text"] == "only for him"
    theirs = codename.key_pair(other, services.kdf_params())
    with pytest.raises(ValueError, match="does not open"):
        services.open_sealed(bytes(theirs), bytes(reply.sealed))
    assert "only for him" not in _signed_in(other).get("/thread/").content.decode()


def test_the_session_row_holds_nothing_readable(organisation):
    name = codename_of(send())
    client = _signed_in(name)
    row = FollowUpSession.objects.get()
    private = bytes(codename.key_pair(name, services.kdf_params()))
    cookie = client.cookies["sp_followup"].value
    for secret in (private, base64.b64encode(private), base64.urlsafe_b64decode(cookie)):
        assert secret not in bytes(row.sealed)
        assert secret not in row.token_hash.encode()
    # the row does not say which thread it opens: no column for it, and the sealed part is not
    # readable JSON
    columns = {f.name for f in FollowUpSession._meta.get_fields()}
    assert columns == {"id", "token_hash", "sealed", "idle_until", "ends_at"}
    assert b'"c"' not in bytes(row.sealed)
    # without the cookie's secret the row opens nothing
    stranger = Client()
    stranger.cookies["sp_followup"] = base64.urlsafe_b64encode(b"\x01" * 32).decode()
    assert stranger.get("/thread/").status_code == 302


def test_leaving_ends_the_session_at_once(organisation):
    client = _signed_in(codename_of(send()))
    response = client.post("/leave/", **SAME)
    assert response.status_code == 200
    assert response.cookies["sp_followup"].value == ""
    assert FollowUpSession.objects.count() == 0
    again = client.get("/thread/")
    assert again.status_code == 302
    assert again["Location"] == "/follow-up/?ended=1"


def test_the_session_ends_after_ten_idle_minutes(organisation):
    client = _signed_in(codename_of(send()))
    start = timezone.now()
    with time_machine.travel(start + timedelta(minutes=9), tick=False):
        assert client.get("/thread/").status_code == 200  # activity renews the idle time
    with time_machine.travel(start + timedelta(minutes=18), tick=False):
        assert client.get("/thread/").status_code == 200
    with time_machine.travel(start + timedelta(minutes=29), tick=False):
        response = client.get("/thread/")
        assert response.status_code == 302
        assert FollowUpSession.objects.count() == 0


def test_the_session_ends_after_an_hour_even_when_active(organisation):
    client = _signed_in(codename_of(send()))
    start = timezone.now()
    for minute in range(8, 60, 8):
        with time_machine.travel(start + timedelta(minutes=minute), tick=False):
            assert client.get("/thread/").status_code == 200
    with time_machine.travel(start + timedelta(minutes=61), tick=False):
        assert client.get("/thread/").status_code == 302


def test_he_writes_again_with_a_file(organisation, triager):
    client = _signed_in(codename_of(send()), "en/")
    conversation = Conversation.objects.get()
    conversation.unread = False
    conversation.save()
    response = client.post(
        "/en/thread/",
        {"text": "one more thing", "files": [upload("list.txt", b"documents I hold")]},
        **SAME,
    )
    assert response.status_code == 200
    assert "Your message has been sent." in response.content.decode()
    assert Message.objects.filter(direction="in").count() == 2
    assert Attachment.objects.count() == 1
    conversation.refresh_from_db()
    assert conversation.unread


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("nothing like a codename", "Это не кодовое имя"),
        ("bodan " * 6, "Это не кодовое имя"),
        ("bodan " * 7, "нет переписки с таким кодовым именем"),
    ],
)
def test_wrong_codenames_get_a_clear_answer_and_no_cookie(organisation, typed, expected):
    send()
    response = Client().post("/follow-up/", {"codename": typed}, **SAME)
    assert response.status_code == 400
    assert expected in response.content.decode()
    assert not response.cookies
    assert FollowUpSession.objects.count() == 0


def test_bad_follow_up_messages_are_refused_and_nothing_is_stored(organisation):
    client = _signed_in(codename_of(send()), "en/")
    before = Message.objects.count()
    empty = client.post("/en/thread/", {"text": "  "}, **SAME)
    assert empty.status_code == 400
    assert "cannot be empty" in empty.content.decode()
    disguised = client.post(
        "/en/thread/",
        {"text": "see file", "files": [upload("photo.jpg", b"#!/bin/sh\necho\n")]},
        **SAME,
    )
    assert disguised.status_code == 400
    assert "must match its name" in disguised.content.decode()
    assert Message.objects.count() == before
    assert Attachment.objects.count() == 0


def test_a_thread_marked_as_abuse_takes_no_more_messages(organisation, triager):
    client = _signed_in(codename_of(send()), "en/")
    pk = Conversation.objects.get().pk
    verified_client(triager).post(f"/intake/triage/{pk}/abuse/")
    response = client.post("/en/thread/", {"text": "more"}, **SAME)
    assert response.status_code == 400
    assert "This conversation is closed." in response.content.decode()
    assert Message.objects.count() == 1


# -- throttling ----------------------------------------------------------------------------------


def test_sign_ins_are_limited_per_codename(organisation, settings):
    settings.INTAKE_LOGINS_PER_CODENAME_PER_HOUR = 3
    name, other = codename_of(send()), codename_of(send())
    for _ in range(3):
        _signed_in(name)
    refused = Client().post("/en/follow-up/", {"codename": name}, **SAME)
    assert refused.status_code == 429
    assert "used too often" in refused.content.decode()
    assert not refused.cookies
    _signed_in(other)  # another codename is not affected
    with time_machine.travel(timezone.now() + timedelta(hours=1), tick=False):
        _signed_in(name)  # a new window


def test_messages_are_limited_per_codename(organisation, settings):
    settings.INTAKE_MESSAGES_PER_CODENAME_PER_HOUR = 2
    client = _signed_in(codename_of(send()), "en/")
    other = _signed_in(codename_of(send()), "en/")
    for _ in range(2):
        assert client.post("/en/thread/", {"text": "again"}, **SAME).status_code == 200
    refused = client.post("/en/thread/", {"text": "and again"}, **SAME)
    assert refused.status_code == 429
    assert "many messages in the last hour" in refused.content.decode()
    assert other.post("/en/thread/", {"text": "mine"}, **SAME).status_code == 200
    assert Message.objects.count() == 2 + 2 + 1


def test_wrong_codenames_are_not_counted_against_the_right_one(organisation):
    name = codename_of(send())
    for _ in range(5):
        wrong = Client().post("/en/follow-up/", {"codename": codename.new()}, **SAME)
        assert wrong.status_code == 400
        assert "We have no conversation with this codename" in wrong.content.decode()
    _signed_in(name, "en/")
    assert not RateCounter.objects.filter(key__startswith="lookup").exists()


def test_new_messages_are_limited_globally(organisation, settings):
    settings.INTAKE_SUBMITS_PER_HOUR = 3
    for _ in range(3):
        assert send().status_code == 200
    refused = send(lang="en/")
    assert refused.status_code == 503
    assert "Too many messages have been sent in the last hour" in refused.content.decode()
    assert Conversation.objects.count() == 3
    with time_machine.travel(timezone.now() + timedelta(hours=1), tick=False):
        assert send().status_code == 200


def test_a_counter_refuses_at_its_limit_and_resets_with_the_window():
    assert [ratelimit.hit("probe:global", 2) for _ in range(3)] == [True, True, False]
    assert ratelimit.exhausted("probe:global", 2)
    with time_machine.travel(timezone.now() + timedelta(hours=1), tick=False):
        assert not ratelimit.exhausted("probe:global", 2)
        assert ratelimit.hit("probe:global", 2)
        assert ratelimit.forget_ended(timezone.now() + timedelta(hours=1)) == 1


def test_another_site_cannot_sign_a_visitor_in_with_its_own_codename(organisation):
    """Otherwise a copy of the site could make a man write into a thread its owners read."""
    name = codename_of(send())
    cross: list[dict[str, Any]] = [
        {"HTTP_SEC_FETCH_SITE": "cross-site"},
        {"HTTP_ORIGIN": "https://copy.example"},
    ]
    for headers in cross:
        response = Client().post("/follow-up/", {"codename": name}, **headers)
        assert response.status_code == 403
        assert not response.cookies
    assert FollowUpSession.objects.count() == 0
