"""Availability under a flood: while many wrong codenames arrive at once, more than the old
hourly budget that locked everyone out, a person with his right codename reads his reply within
a few attempts, and the derivations never run more than the configured few at once."""

from __future__ import annotations

import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

import pytest
from django.test import Client

from safepassage.intake import codename
from safepassage.intake.models import Conversation
from safepassage.intake.tests.conftest import codename_of, send
from safepassage.testing import verified_client

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]
HEADERS = {"Sec-Fetch-Site": "same-origin", "Content-Type": "application/x-www-form-urlencoded"}
FLOOD = 360  # more wrong codenames than the 300 an hour that used to refuse everyone
ATTACKERS = 8
SAME: dict[str, Any] = {"HTTP_SEC_FETCH_SITE": "same-origin"}


def _post(url: str, name: str, opener: urllib.request.OpenerDirector) -> tuple[int, str]:
    data = urllib.parse.urlencode({"codename": name}).encode()
    request = urllib.request.Request(url, data=data, headers=HEADERS, method="POST")  # noqa: S310
    try:
        with opener.open(request, timeout=60) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


@pytest.fixture
def concurrency(monkeypatch) -> list[int]:
    """The most derivations seen running at the same moment."""
    running = [0]
    most = [0]
    lock = threading.Lock()
    real = codename.lookup_id

    def counted(name: str, params: object) -> str:
        with lock:
            running[0] += 1
            most[0] = max(most[0], running[0])
        try:
            return real(name, params)  # type: ignore[arg-type]
        finally:
            with lock:
                running[0] -= 1

    monkeypatch.setattr(codename, "lookup_id", counted)
    return most


def test_a_person_reads_his_reply_during_a_flood_of_wrong_codenames(
    organisation, triager, live_server, settings, concurrency
):
    settings.INTAKE_DERIVATIONS_AT_ONCE = 2
    name = codename_of(send())
    pk = Conversation.objects.get().pk
    verified_client(triager).post(f"/intake/triage/{pk}/reply/", {"text": "We will help you"})
    url = f"{live_server.url}/en/follow-up/"
    wrong = [codename.new() for _ in range(FLOOD)]
    sent: list[int] = []
    statuses: list[int] = []
    stop = threading.Event()

    def attacker(share: list[str]) -> None:
        opener = urllib.request.build_opener()
        for guess in share:
            if stop.is_set():
                return
            status, _body = _post(url, guess, opener)
            statuses.append(status)
            sent.append(1)

    threads = [
        threading.Thread(target=attacker, args=(wrong[i::ATTACKERS],)) for i in range(ATTACKERS)
    ]
    for thread in threads:
        thread.start()
    try:
        deadline = time.monotonic() + 120
        while len(sent) < 310 and time.monotonic() < deadline:  # past the old hourly budget
            time.sleep(0.05)
        assert len(sent) >= 310, "the flood did not get going"
        # Now the person comes, while the flood goes on.
        attempts = 0
        page = ""
        while attempts < 3:
            attempts += 1
            jar = urllib.request.HTTPCookieProcessor()
            opener = urllib.request.build_opener(jar)
            status, page = _post(url, name, opener)
            if status == 200 and "We will help you" in page:
                break
        assert "We will help you" in page, f"refused {attempts} times during the flood"
        flood_running = not stop.is_set() and any(t.is_alive() for t in threads)
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=120)
    assert flood_running, "the person must have come while the flood was still going"
    assert set(statuses) <= {400, 429}
    assert statuses.count(400) > 300  # every wrong guess was answered, none locked the page
    assert concurrency[0] <= 2


def test_a_request_that_waits_too_long_for_a_derivation_is_asked_to_retry(organisation, settings):
    from safepassage.intake import derivations

    settings.INTAKE_DERIVATIONS_AT_ONCE = 1
    settings.INTAKE_DERIVATION_WAIT_SECONDS = 0.2
    name = codename_of(send())
    with derivations.slot():  # another request holds the only slot
        busy = Client().post(
            "/en/follow-up/", {"codename": name}, HTTP_SEC_FETCH_SITE="same-origin"
        )
    assert busy.status_code == 429
    assert "Many people are using this page right now" in busy.content.decode()
    assert not busy.cookies
    again = Client().post("/en/follow-up/", {"codename": name}, **SAME)
    assert again.status_code == 302
