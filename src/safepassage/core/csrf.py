"""CSRF checks that work with `Referrer-Policy: no-referrer`.

With that policy a browser sends `Origin: null` and no Referer on a same-origin form post, which
Django's origin and referer checks refuse. Here a `null` origin is accepted only when the browser
itself states the request came from this origin (`Sec-Fetch-Site: same-origin`); the CSRF token
and SameSite=Strict cookies are still required as usual.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.middleware.csrf import CsrfViewMiddleware


class NoReferrerCsrfMiddleware(CsrfViewMiddleware):
    # _origin_verified is Django's internal hook for the origin check (absent from the stubs).
    def _origin_verified(self, request: HttpRequest) -> bool:
        if request.META.get("HTTP_ORIGIN") == "null":
            return request.META.get("HTTP_SEC_FETCH_SITE") == "same-origin"
        return bool(super()._origin_verified(request))  # type: ignore[misc]
