"""Buttons repeated down a list say what they act on: a screen reader user moving from button to
button hears which second factor or which invitation, not "Remove, Remove"."""

from __future__ import annotations

import re

import pytest

from safepassage.accounts import services
from safepassage.accounts.models import Passkey
from safepassage.core.roles import Role
from safepassage.testing import verified_client

pytestmark = pytest.mark.django_db


def _button_names(html: str) -> list[str]:
    return [
        " ".join(re.sub(r"<[^>]+>", " ", inner).split())
        for inner in re.findall(r"<button[^>]*>(.*?)</button>", html, re.S)
    ]


def test_each_remove_button_names_its_second_factor(caseworker):
    for number in range(2):
        Passkey.objects.create(
            user=caseworker,
            name="passkey",
            confirmed=True,
            credential_id=bytes([number]) * 16,
            public_key=b"key",
            sign_count=0,
        )
    html = verified_client(caseworker).get("/account/").content.decode()
    removes = [name for name in _button_names(html) if name.startswith("Remove")]
    assert len(removes) == 3  # the authenticator app and two passkeys
    assert len(set(removes)) == 3
    assert "Remove passkey 2" in removes


def test_each_revoke_button_names_its_invitation(coordinator):
    for email in ("nadia@example.org", "oleg@example.org"):
        services.invite(coordinator, email, Role.CASEWORKER, None)
    html = verified_client(coordinator).get("/staff/").content.decode()
    revokes = sorted(name for name in _button_names(html) if name.startswith("Revoke"))
    assert revokes == [
        "Revoke the invitation of nadia@example.org",
        "Revoke the invitation of oleg@example.org",
    ]
