"""Session lifetime: an idle limit and an absolute limit, on the server's clock."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

SIGNED_IN_AT = "signed_in_at"
LAST_SEEN = "last_seen"
REAUTH_AT = "reauth_at"


def session_lifetime(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[..., HttpResponse]:
    def middleware(request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = timezone.now().timestamp()
            session = request.session
            started = session.get(SIGNED_IN_AT)
            last = session.get(LAST_SEEN, started)
            if (
                started is None
                or last is None
                or now - started > settings.SESSION_ABSOLUTE_SECONDS
                or now - last > settings.SESSION_IDLE_SECONDS
            ):
                logout(request)
                request.session_ended = True  # type: ignore[attr-defined]
            else:
                session[LAST_SEEN] = now
        return get_response(request)

    return middleware


def mark_signed_in(request: HttpRequest) -> None:
    now = timezone.now().timestamp()
    request.session[SIGNED_IN_AT] = now
    request.session[LAST_SEEN] = now


def mark_fresh(request: HttpRequest) -> None:
    request.session[REAUTH_AT] = timezone.now().timestamp()


def is_fresh(request: HttpRequest) -> bool:
    at = request.session.get(REAUTH_AT)
    return at is not None and timezone.now().timestamp() - at <= settings.REAUTH_SECONDS
