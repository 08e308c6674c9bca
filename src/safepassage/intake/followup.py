"""The follow-up session of a person who entered his codename.

The person's private key (derived from the codename) is kept for the session only sealed under a
random secret that lives in his cookie; the row is found by a hash of that secret and does not
name the thread in the clear. Nothing on the server opens it without the cookie. The session ends
when he leaves, after a short idle time, or after an absolute limit.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from datetime import timedelta

import nacl.utils
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from nacl.encoding import RawEncoder
from nacl.hash import blake2b

from safepassage.crypto import aead
from safepassage.intake.models import FollowUpSession

COOKIE = "sp_followup"
SECRET_BYTES = 32


@dataclass(frozen=True)
class Opened:
    """An open follow-up session: which thread, and the person's private key."""

    conversation_id: int
    private_key: bytes
    row_id: int


def _id_of(secret: bytes) -> str:
    return blake2b(secret, person=b"sp-followup-id", encoder=RawEncoder).hex()


def _key_of(secret: bytes) -> bytes:
    return blake2b(
        secret, digest_size=aead.KEY_BYTES, person=b"sp-followup-key", encoder=RawEncoder
    )


def start(conversation_id: int, private_key: bytes) -> str:
    """A new session; returns the cookie value (the only copy of its secret)."""
    secret = nacl.utils.random(SECRET_BYTES)
    token_hash = _id_of(secret)
    now = timezone.now()
    payload = json.dumps(
        {"c": conversation_id, "k": base64.b64encode(private_key).decode("ascii")}
    ).encode()
    FollowUpSession.objects.create(
        token_hash=token_hash,
        sealed=aead.encrypt(_key_of(secret), payload, aead.associated_data("followup", token_hash)),
        idle_until=now + timedelta(seconds=settings.INTAKE_FOLLOWUP_IDLE_SECONDS),
        ends_at=now + timedelta(seconds=settings.INTAKE_FOLLOWUP_ABSOLUTE_SECONDS),
    )
    return base64.urlsafe_b64encode(secret).decode("ascii")


def _secret(request: HttpRequest) -> bytes | None:
    return _secret_of(request.COOKIES.get(COOKIE))


def _secret_of(raw: str | None) -> bytes | None:
    if not raw:
        return None
    try:
        secret = base64.urlsafe_b64decode(raw.encode("ascii"))
    except (binascii.Error, ValueError):
        return None
    return secret if len(secret) == SECRET_BYTES else None


def current(request: HttpRequest) -> Opened | None:
    """The open session of this request, its idle time renewed; None when there is none."""
    return opened_by(request.COOKIES.get(COOKIE))


def opened_by(cookie: str | None) -> Opened | None:
    """The open session of this cookie value (as `start` returned it), its idle time renewed."""
    secret = _secret_of(cookie)
    if secret is None:
        return None
    token_hash = _id_of(secret)
    row = FollowUpSession.objects.filter(token_hash=token_hash).first()
    if row is None:
        return None
    now = timezone.now()
    if now > row.idle_until or now > row.ends_at:
        row.delete()
        return None
    try:
        payload = json.loads(
            aead.decrypt(
                _key_of(secret), bytes(row.sealed), aead.associated_data("followup", token_hash)
            )
        )
    except aead.DecryptionError:
        return None
    row.idle_until = now + timedelta(seconds=settings.INTAKE_FOLLOWUP_IDLE_SECONDS)
    row.save(update_fields=["idle_until"])
    return Opened(int(payload["c"]), base64.b64decode(payload["k"]), row.pk)


def end(request: HttpRequest) -> None:
    secret = _secret(request)
    if secret is not None:
        FollowUpSession.objects.filter(token_hash=_id_of(secret)).delete()


def forget_ended() -> int:
    """Remove sessions past their idle or absolute limit; returns how many."""
    now = timezone.now()
    stale = FollowUpSession.objects.filter(idle_until__lt=now) | FollowUpSession.objects.filter(
        ends_at__lt=now
    )
    deleted, _ = stale.delete()
    return deleted


def set_cookie(response: HttpResponse, value: str) -> None:
    # A session cookie (no expiry): it dies with the browser as well as with the row.
    response.set_cookie(
        COOKIE,
        value,
        httponly=True,
        samesite="Strict",
        secure=settings.SESSION_COOKIE_SECURE,
        path="/",
    )


def clear_cookie(response: HttpResponse) -> None:
    response.delete_cookie(COOKIE, path="/", samesite="Strict")
