"""Refusals of the organisation keys and of the session's unlocked key: no organisation yet,
an unknown rotation reason, an anonymous visitor, a tampered browser secret."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client, RequestFactory

from safepassage.testing import signin_through_forms
from safepassage.vault import keys
from safepassage.vault import session as vault_session
from safepassage.vault.models import OrganisationKeyring

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.vaultprobe.views_and_accounts")]


def test_before_setup_there_is_no_recovery_key_and_the_key_folder_is_not_blamed(db):
    keys._recovery_cache.clear()
    with pytest.raises(LookupError, match="safepassage setup"):
        keys.recovery_public_key()
    assert keys.key_folder_matches() is True


def test_a_signing_key_rotation_needs_a_known_reason(organisation):
    before = bytes(OrganisationKeyring.objects.get(organisation=organisation).signing_public)
    with pytest.raises(ValueError, match="reason must be one of routine, compromise"):
        keys.rotate_signing_key(organisation.pk, "whim")
    after = bytes(OrganisationKeyring.objects.get(organisation=organisation).signing_public)
    assert after == before


def test_an_anonymous_visitor_has_no_unlocked_key(db):
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    assert vault_session.current(request) is None


@pytest.mark.parametrize("cookie", ["not base64 at all!", "AAAA" * 11])
def test_a_tampered_browser_secret_unlocks_nothing(caseworker, cookie):
    client = Client()
    signin_through_forms(client, caseworker)
    assert client.get("/probe/whoami/").content == b"unlocked"
    client.cookies[vault_session.COOKIE] = cookie
    assert client.get("/probe/whoami/").content == b"locked"
