"""The unlocked key lives in the session store only sealed under a secret held by the browser."""

from __future__ import annotations

import base64

import pytest
from django.test import Client

from safepassage.accounts.models import StaffSession
from safepassage.crypto import aead
from safepassage.testing import signin_through_forms
from safepassage.vault import session as vault_session

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.vaultprobe.views_and_accounts")]


def _forms(private: bytes) -> list[bytes]:
    return [
        private,
        private.hex().encode(),
        base64.b64encode(private),
        base64.urlsafe_b64encode(private),
    ]


def test_signin_unlocks_the_key_for_the_session(caseworker):
    client = Client()
    signin_through_forms(client, caseworker)
    assert vault_session.COOKIE in client.cookies
    assert client.get("/probe/whoami/").content == b"unlocked"


def test_a_copy_of_the_session_store_holds_no_usable_key(caseworker):
    client = Client()
    signin_through_forms(client, caseworker)
    private = caseworker._test_private_key
    cookie_secret = base64.urlsafe_b64decode(client.cookies[vault_session.COOKIE].value)
    rows = list(StaffSession.objects.values_list("session_key", "session_data"))
    assert rows
    for session_key, data in rows:
        dump = (session_key + data).encode()
        for form in _forms(private) + _forms(cookie_secret):
            assert form not in dump
        decoded = StaffSession.objects.get(session_key=session_key).get_decoded()
        sealed = base64.b64decode(decoded[vault_session.SESSION_KEY])
        # Everything the store holds, tried as the key: nothing opens the sealed staff key.
        for candidate in (session_key.encode()[:32].ljust(32, b"0"), sealed[:32]):
            with pytest.raises(aead.DecryptionError):
                aead.decrypt(
                    candidate, sealed, aead.associated_data("vault-session", caseworker.pk)
                )


def test_the_session_without_its_cookie_cannot_unlock(caseworker):
    client = Client()
    signin_through_forms(client, caseworker)
    del client.cookies[vault_session.COOKIE]
    assert client.get("/probe/whoami/").content == b"locked"


def test_sign_out_destroys_the_sealed_key_and_the_cookie(caseworker):
    client = Client()
    signin_through_forms(client, caseworker)
    response = client.post("/signout/")
    assert response.cookies[vault_session.COOKIE].value == ""
    assert not any(vault_session.SESSION_KEY in s.get_decoded() for s in StaffSession.objects.all())
