"""Outreach pages: seeded texts in Russian and English, edited by coordinators after a fresh
sign-in, rendered through a sanitiser that keeps every link on this site."""

from __future__ import annotations

import pytest
from django.test import Client

from safepassage.audit.models import AuditEntry
from safepassage.intake import outreach
from safepassage.intake.models import OutreachPage
from safepassage.intake.tests.test_s3 import assert_nothing_from_another_host
from safepassage.testing import verified_client

pytestmark = pytest.mark.django_db

HOSTILE = """## Помощь
[настоящая ссылка](/write/) [поддельная](https://copy-of-the-site.example/write/)
[протокол](//copy-of-the-site.example/) [скрипт](javascript:alert(1))
<script>alert("x")</script><img src="https://tracker.example/p.gif">
<iframe src="https://copy-of-the-site.example/"></iframe>
<a href="https://copy-of-the-site.example/" onclick="steal()">сырой HTML</a>
<style>body{background:url(https://tracker.example/b.png)}</style>
"""


def test_the_legal_page_names_the_articles_and_their_penalties():
    for language in ("ru", "en"):
        body = outreach.default("legal-risks", language).body
        for article in ("337", "338", "332", "352.1"):
            assert article in body
        for penalty in (
            "5 до 15" if language == "ru" else "5 to 15",
            "3 до 10" if language == "ru" else "3 to 10",
        ):
            assert penalty in body


def test_the_staying_safe_page_covers_what_the_issue_asks():
    body = outreach.default("staying-safe", "ru").body
    for topic in ("Signal", "границ", "копии", "/verify/", "отпечаток"):
        assert topic in body


def test_the_seeded_pages_are_in_the_database_and_served(organisation):
    # the first migration stored them; a flushed database falls back to the shipped text
    assert OutreachPage.objects.count() == len(outreach.SLUGS) * len(outreach.LANGUAGES)
    for slug in outreach.SLUGS:
        ru = Client().get(f"/help/{slug}/")
        en = Client().get(f"/en/help/{slug}/")
        assert ru.status_code == en.status_code == 200
        assert outreach.default(slug, "ru").title in ru.content.decode()
        assert outreach.default(slug, "en").title in en.content.decode()
        assert_nothing_from_another_host(ru.content.decode())
    assert Client().get("/help/no-such-page/").status_code == 404


def test_rendering_removes_scripts_and_every_link_off_this_site():
    html = str(outreach.render(HOSTILE))
    assert '<a href="/write/">настоящая ссылка</a>' in html
    for gone in ("<script", "<img", "<iframe", "onclick", "javascript:", "<style", "tracker"):
        assert gone not in html
    assert "поддельная" in html  # the text stays, without its link
    assert_nothing_from_another_host(html)


@pytest.mark.parametrize("href", ["/&#9;/evil.example", "/&#10;/evil.example", "/ /evil.example"])
def test_a_link_hiding_another_host_behind_whitespace_is_removed(href):
    html = str(outreach.render(f'<a href="{href}">ссылка</a>'))
    assert "evil.example" not in html
    assert "ссылка" in html


def test_a_coordinator_edits_a_page_and_the_change_is_audited(organisation, coordinator):
    client = verified_client(coordinator)
    response = client.post(
        "/intake/outreach/options/ru/", {"title": "Ваши варианты", "body": HOSTILE}
    )
    assert response.status_code == 302
    row = OutreachPage.objects.get(slug="options", language="ru")
    assert row.title == "Ваши варианты"
    assert row.updated_by == coordinator
    entry = AuditEntry.objects.get(action="intake.outreach_changed")
    assert entry.target_ref == "options.ru"
    public = Client().get("/help/options/").content.decode()
    assert "Ваши варианты" in public
    assert_nothing_from_another_host(public)
    # the English page is untouched
    assert "What are my options" in Client().get("/en/help/options/").content.decode()


def test_editing_needs_a_fresh_sign_in(organisation, coordinator):
    client = verified_client(coordinator, fresh=False)
    response = client.post("/intake/outreach/options/ru/", {"title": "x", "body": "y"})
    assert response.status_code == 302
    assert response["Location"].startswith("/reauth/")
    assert not OutreachPage.objects.filter(title="x").exists()


def test_caseworkers_cannot_edit_pages(organisation, caseworker):
    response = verified_client(caseworker).post(
        "/intake/outreach/options/ru/", {"title": "x", "body": "y"}
    )
    assert response.status_code == 403
    assert not OutreachPage.objects.filter(title="x").exists()


def test_the_check_page_shows_the_published_key_and_the_onion_address(organisation, settings):
    from safepassage.crypto.signing import key_id
    from safepassage.vault.models import OrganisationKeyring

    public = bytes(OrganisationKeyring.objects.get().signing_public)
    settings.ONION_ADDRESS = "b" * 52 + "cdef.onion"
    page = Client().get("/verify/").content.decode()
    assert key_id(public) in page
    assert public.hex()[:4] + " " + public.hex()[4:8] in page
    assert settings.ONION_ADDRESS in page
    settings.ONION_ADDRESS = ""
    assert ".onion</code>" not in Client().get("/en/verify/").content.decode()
