"""Where a post comes from: the one home of the checks.

CSRF with `Referrer-Policy: no-referrer`: a browser then sends `Origin: null` and no Referer on a
same-origin form post, which Django's origin and referer checks refuse. Here a `null` origin is
accepted only when the browser itself states the request came from this origin
(`Sec-Fetch-Site: same-origin`); the CSRF token and SameSite=Strict cookies are still required.

Public pages that set no cookie (so carry no CSRF token) refuse instead any post that the browser
says another site made, by `Sec-Fetch-Site` or by an `Origin` naming another host.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar
from urllib.parse import urlsplit

from django.http import HttpRequest, HttpResponse, HttpResponseForbidden
from django.middleware.csrf import CsrfViewMiddleware
from django.utils.functional import Promise

View = TypeVar("View", bound=Callable[..., HttpResponse])
SAME_SITE = {"same-origin", "none"}


def is_same_origin(request: HttpRequest) -> bool:
    """Whether nothing the browser sent says the request came from another site."""
    fetch_site = request.META.get("HTTP_SEC_FETCH_SITE")
    if fetch_site is not None and fetch_site not in SAME_SITE:
        return False
    origin = request.META.get("HTTP_ORIGIN")
    # "null" is what browsers send under Referrer-Policy: no-referrer; it names no other host.
    if origin and origin != "null":
        host = urlsplit(origin).netloc
        if not host or host.lower() != request.get_host().lower():
            return False
    return True


def same_origin_post(refusal: str | Promise) -> Callable[[View], View]:
    """Refuse, with `refusal` (plain text, translated when it is sent), a POST that another site
    made the browser send."""

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.method == "POST" and not is_same_origin(request):
                return HttpResponseForbidden(str(refusal), content_type="text/plain; charset=utf-8")
            return view(request, *args, **kwargs)

        return wrapper  # type: ignore[return-value]

    return decorate


class NoReferrerCsrfMiddleware(CsrfViewMiddleware):
    # _origin_verified is Django's internal hook for the origin check (absent from the stubs).
    def _origin_verified(self, request: HttpRequest) -> bool:
        if request.META.get("HTTP_ORIGIN") == "null":
            return request.META.get("HTTP_SEC_FETCH_SITE") == "same-origin"
        return bool(super()._origin_verified(request))  # type: ignore[misc]
