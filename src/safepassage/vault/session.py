"""The unlocked staff key during a session: sealed in the session store under a secret that lives
only in the browser's cookie, so a copy of the session store is useless on its own.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable
from dataclasses import dataclass

import nacl.utils
from django.conf import settings
from django.http import HttpRequest, HttpResponse

from safepassage.crypto import aead

COOKIE = "sp_vault"
SESSION_KEY = "vault_sealed"


@dataclass(frozen=True)
class VaultSession:
    """Who holds the unlocked key in this request, and the key."""

    staff_id: int
    private_key: bytes


def _aad(staff_id: int) -> bytes:
    return aead.associated_data("vault-session", staff_id)


def remember(request: HttpRequest, staff_id: int, private_key: bytes) -> None:
    """Keep the unlocked key for this session; the cookie is set on the way out."""
    secret = nacl.utils.random(aead.KEY_BYTES)
    request.session[SESSION_KEY] = base64.b64encode(
        aead.encrypt(secret, private_key, _aad(staff_id))
    ).decode("ascii")
    request._vault_cookie = base64.urlsafe_b64encode(secret).decode("ascii")  # type: ignore[attr-defined]


def current(request: HttpRequest) -> VaultSession | None:
    """The unlocked key of the signed-in staff member, or None when it cannot be opened."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    sealed = request.session.get(SESSION_KEY)
    cookie = getattr(request, "_vault_cookie", None) or request.COOKIES.get(COOKIE)
    if not sealed or not cookie:
        return None
    try:
        secret = base64.urlsafe_b64decode(cookie.encode("ascii"))
        private = aead.decrypt(secret, base64.b64decode(sealed), _aad(user.pk))
    except (binascii.Error, ValueError, aead.DecryptionError):
        return None
    return VaultSession(user.pk, private)


def vault_cookie(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[..., HttpResponse]:
    """Sets the cookie half of a newly unlocked key; removes it once the session has ended."""

    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        new = getattr(request, "_vault_cookie", None)
        if new and SESSION_KEY in request.session:
            response.set_cookie(
                COOKIE,
                new,
                httponly=True,
                samesite="Strict",
                secure=settings.SESSION_COOKIE_SECURE,
                path="/",
            )
        elif COOKIE in request.COOKIES and SESSION_KEY not in request.session:
            response.delete_cookie(COOKIE, path="/", samesite="Strict")
        return response

    return middleware
