"""What the public pages need around every view: the page's language and a same-origin check.

The public forms carry no CSRF token, because a token needs a cookie and the first pages set
none. Instead a post is refused when the browser says it came from another site
(`Sec-Fetch-Site`) or when its `Origin` names another host. The follow-up cookie is
SameSite=Strict as well, so another site cannot act inside a person's session.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar
from urllib.parse import urlsplit

from django.http import HttpRequest, HttpResponse, HttpResponseForbidden
from django.utils import translation

View = TypeVar("View", bound=Callable[..., HttpResponse])

LANGUAGES = ("ru", "en")
SAME_SITE = {"same-origin", "none"}


def is_same_origin(request: HttpRequest) -> bool:
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


def same_origin_post(view: View) -> View:
    """Refuse a POST that another site made the browser send."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method == "POST" and not is_same_origin(request):
            return HttpResponseForbidden(
                "Refused: this form was sent from another site. / Отклонено: форма отправлена "
                "с другого сайта.",
                content_type="text/plain; charset=utf-8",
            )
        return view(request, *args, **kwargs)

    return wrapper  # type: ignore[return-value]


def language_of(request: HttpRequest) -> str:
    """The language the URL chose: /en/… is English, everything else Russian."""
    match = request.resolver_match
    namespaces = match.namespaces if match is not None else []
    return "en" if "en" in namespaces else "ru"


def in_url_language(view: View) -> View:
    """Run the view in the language of its URL (no cookie, no Accept-Language)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        language = language_of(request)
        with translation.override(language):
            request.LANGUAGE_CODE = language
            response = view(request, *args, **kwargs)
        response["Content-Language"] = language
        return response

    return wrapper  # type: ignore[return-value]
