"""S3 at request level: no cookie before the person chooses to continue, the CSP on every page,
nothing from another host, and the sender's address nowhere: not in the database, the data
folder or the logs."""

from __future__ import annotations

import logging
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.test import Client
from tests.test_http import _assert_security_headers
from tests.test_s1_canaries import _assert_absent, _database_bytes

from safepassage.intake.models import Conversation
from safepassage.intake.tests.conftest import codename_of, jpeg_with_gps, send, upload
from safepassage.testing import verified_client

pytestmark = pytest.mark.django_db

PAGES = [
    "",
    "write/",
    "follow-up/",
    "help/options/",
    "help/legal-risks/",
    "help/staying-safe/",
    "verify/",
]
PUBLIC_GETS = [f"/{lang}{page}" for lang in ("", "en/") for page in PAGES]
URL_ATTRIBUTES = {
    "href",
    "src",
    "action",
    "formaction",
    "srcset",
    "poster",
    "data",
    "background",
    "cite",
    "manifest",
    "ping",
    "longdesc",
    "icon",
}
ABSOLUTE = re.compile(r"(?i)\b(?:https?|ftp|wss?|file|data|javascript):|//[a-z0-9.-]+\.[a-z]{2,}")


class _Urls(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in URL_ATTRIBUTES and value is not None:
                self.urls.append(value)


def assert_nothing_from_another_host(html: str) -> None:
    parser = _Urls()
    parser.feed(html)
    for url in parser.urls:
        assert url.startswith(("/", "#", "?")), url
        assert not url.startswith("//"), url
    found = ABSOLUTE.search(html)
    assert found is None, f"absolute URL in the page: {html[found.start() - 40 : found.end() + 40]}"


@pytest.mark.parametrize(
    "path", [*PUBLIC_GETS, "/verify/attestation/", "/verify/revocations.json", "/signin/"]
)
def test_public_pages_answer_head_as_get_without_a_body_or_cookie(path, organisation):
    """Link checkers and monitors ask with HEAD; the answer is the GET's, without its body."""
    response = Client().head(path)
    assert response.status_code == 200
    assert response.content == b""
    assert set(response.cookies) == set(Client().get(path).cookies)


@pytest.mark.parametrize("path", PUBLIC_GETS)
def test_first_pages_set_no_cookie_and_carry_the_policy(path, organisation):
    response = Client().get(path)
    assert response.status_code == 200
    assert not response.cookies, f"{path} set {list(response.cookies)}"
    assert "Set-Cookie" not in str(response.serialize_headers())
    _assert_security_headers(response)
    assert "connect-src 'self'" in response["Content-Security-Policy"]
    assert_nothing_from_another_host(response.content.decode())
    # An icon of our own: a browser that asked for /favicon.ico would get the 404 page.
    assert '<link rel="icon" href="/static/intake/icon.png">' in response.content.decode()


@pytest.mark.parametrize("lang", ["", "en/"])
def test_the_pages_speak_the_language_of_their_url(lang, organisation):
    body = Client(HTTP_ACCEPT_LANGUAGE="fr").get(f"/{lang}write/").content.decode()
    if lang:
        assert '<html lang="en">' in body
        assert "Write to us" in body
    else:
        assert '<html lang="ru">' in body
        assert "Написать нам" in body


def test_sending_sets_no_cookie_and_the_codename_page_loads_nothing_from_elsewhere(organisation):
    response = send(files=[upload("photo.jpg", jpeg_with_gps())])
    assert response.status_code == 200
    assert not response.cookies
    _assert_security_headers(response)
    assert_nothing_from_another_host(response.content.decode())
    assert len(codename_of(response).split()) == 7


def test_only_entering_the_codename_sets_a_cookie(organisation):
    name = codename_of(send())
    client = Client()
    wrong = client.post("/follow-up/", {"codename": "nothing"}, HTTP_SEC_FETCH_SITE="same-origin")
    assert wrong.status_code == 400
    assert not wrong.cookies
    right = client.post("/follow-up/", {"codename": name}, HTTP_SEC_FETCH_SITE="same-origin")
    assert right.status_code == 302
    assert list(right.cookies) == ["sp_followup"]
    cookie = right.cookies["sp_followup"]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Strict"
    assert not cookie["expires"]
    assert not cookie["max-age"]
    thread = client.get("/thread/")
    assert thread.status_code == 200
    _assert_security_headers(thread)
    assert_nothing_from_another_host(thread.content.decode())


def test_staff_triage_pages_carry_the_policy(triager, organisation):
    send()
    client = verified_client(triager)
    pk = Conversation.objects.get().pk
    for path in ("/intake/triage/", f"/intake/triage/{pk}/", f"/intake/triage/{pk}/case/"):
        response = client.get(path)
        assert response.status_code == 200, path
        _assert_security_headers(response)


def test_the_stylesheet_loads_nothing_from_elsewhere():
    found = finders.find("core/site.css")
    assert isinstance(found, str)
    css = Path(found).read_text(encoding="utf-8")
    assert "@import" not in css
    for target in re.findall(r"url\(([^)]*)\)", css):
        assert not ABSOLUTE.search(target), target


def test_the_check_for_other_hosts_can_fail():
    for html in (
        '<a href="https://example.org/">x</a>',
        '<img src="//cdn.example.org/a.png">',
        '<form action="http://example.org/"></form>',
        "<p>see https://example.org</p>",
    ):
        with pytest.raises(AssertionError):
            assert_nothing_from_another_host(html)


ADDRESSES = {"remote": "203.0.113.77", "forwarded": "198.51.100.23", "real": "198.51.100.42"}


@pytest.mark.django_db(transaction=True)
def test_the_senders_address_is_nowhere(organisation, caplog):
    caplog.set_level(logging.DEBUG)
    client = Client(
        REMOTE_ADDR=ADDRESSES["remote"],
        HTTP_X_FORWARDED_FOR=ADDRESSES["forwarded"],
        HTTP_X_REAL_IP=ADDRESSES["real"],
    )
    name = codename_of(send(client, files=[upload("note.txt", b"a statement in a file")]))
    client.post("/follow-up/", {"codename": name}, HTTP_SEC_FETCH_SITE="same-origin")
    client.post("/thread/", {"text": "and again"}, HTTP_SEC_FETCH_SITE="same-origin")
    client.post("/follow-up/", {"codename": "bodan " * 7}, HTTP_SEC_FETCH_SITE="same-origin")
    blob = _database_bytes()
    lookup = Conversation.objects.get().lookup_id
    assert lookup.encode() in blob  # the copy really holds the intake rows
    _assert_absent(blob, ADDRESSES, "the database")
    files = b"".join(p.read_bytes() for p in Path(settings.FILES_DIR).rglob("*") if p.is_file())
    assert files
    _assert_absent(files, ADDRESSES, "the data folder")
    logs = "\n".join(f"{r.getMessage()} {r.__dict__}" for r in caplog.records).encode()
    _assert_absent(logs, ADDRESSES, "the logs")


def test_the_address_check_finds_a_planted_address():
    with pytest.raises(AssertionError):
        _assert_absent(b"client 203.0.113.77 wrote", ADDRESSES, "a planted blob")
