"""Malformed passkey answers are refused with 400 and change nothing (the real ceremonies run in
a browser with a virtual authenticator: tests/browser/test_staff_flows.py)."""

from __future__ import annotations

import json

import pytest

from safepassage.accounts.models import Passkey
from safepassage.testing import verified_client

pytestmark = pytest.mark.django_db

MALFORMED = [
    b"not json",
    b"[" * 100_000,
    b"[]",
    b"{}",
    json.dumps({"id": 1, "rawId": 2, "response": "x", "type": "public-key"}).encode(),
    json.dumps({"id": "AA", "rawId": "AA", "response": {}, "type": "public-key"}).encode(),
]


@pytest.mark.parametrize("body", MALFORMED)
def test_a_malformed_registration_answer_is_refused(caseworker, body):
    client = verified_client(caseworker)
    assert client.post("/account/passkeys/options/").status_code == 200
    response = client.post("/account/passkeys/", body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["ok"] is False
    assert not Passkey.objects.exists()
