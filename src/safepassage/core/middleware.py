"""Request-wide protections: no client address, size limits, security headers, login by default."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, HttpResponseRedirect
from django.urls import reverse

from safepassage.core.access import access_of, is_verified

Handler = Callable[[HttpRequest], HttpResponse]

# Every header through which a proxy or the server could pass on who is asking.
ADDRESS_KEYS = (
    "REMOTE_ADDR",
    "REMOTE_HOST",
    "REMOTE_PORT",
    "HTTP_X_FORWARDED_FOR",
    "HTTP_X_REAL_IP",
    "HTTP_FORWARDED",
    "HTTP_TRUE_CLIENT_IP",
    "HTTP_CF_CONNECTING_IP",
    "HTTP_X_CLIENT_IP",
    "HTTP_CLIENT_IP",
    "HTTP_X_CLUSTER_CLIENT_IP",
    "HTTP_X_ORIGINAL_FORWARDED_FOR",
)
NO_ADDRESS = "0.0.0.0"  # noqa: S104 - a placeholder for code that expects the key, never bound

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self'",
        "font-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "manifest-src 'self'",
    ]
)
PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=(), "
    "publickey-credentials-get=(self), publickey-credentials-create=(self)"
)


def forget_client_address(get_response: Handler) -> Handler:
    """Drop the sender's address before any other code can see, store or log it (S3)."""

    def middleware(request: HttpRequest) -> HttpResponse:
        for key in ADDRESS_KEYS:
            request.META.pop(key, None)
        request.META["REMOTE_ADDR"] = NO_ADDRESS
        return get_response(request)

    return middleware


def request_limits(get_response: Handler) -> Handler:
    """Refuse a malformed or oversized body with 400 before anything reads it."""

    def middleware(request: HttpRequest) -> HttpResponse:
        raw = request.META.get("CONTENT_LENGTH") or "0"
        try:
            length = int(raw)
        except ValueError:
            return HttpResponseBadRequest("Malformed Content-Length.", content_type="text/plain")
        if length < 0 or length > settings.REQUEST_MAX_BYTES:
            return HttpResponseBadRequest("Request too large.", content_type="text/plain")
        return get_response(request)

    return middleware


def security_headers(get_response: Handler) -> Handler:
    """Headers for every page the application renders (static files get theirs from WhiteNoise)."""

    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        response.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        response.setdefault("Referrer-Policy", "no-referrer")
        response.setdefault("X-Content-Type-Options", "nosniff")
        # Pages may show client data; no browser or proxy keeps a copy.
        response["Cache-Control"] = "no-store"
        return response

    return middleware


class AccessPolicyMiddleware:
    """Login by default: only views marked public or signin_step are reachable without it."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Callable[..., Any], args: Any, kwargs: Any
    ) -> HttpResponse | None:
        access = access_of(view)
        if access == "public":
            return None
        user = request.user
        if not user.is_authenticated:
            # The path only: a query string may hold what was searched for, and `next` is kept
            # in the session row until the second factor is given.
            query = urlencode({"next": request.path})
            return HttpResponseRedirect(f"{reverse(settings.LOGIN_URL)}?{query}")
        if access == "signin_step":
            return None
        if not is_verified(user):
            return HttpResponseRedirect(reverse("accounts:second_factor"))
        return None
