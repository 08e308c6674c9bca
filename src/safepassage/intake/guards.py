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

from django.http import HttpRequest, HttpResponse
from django.utils import translation

from safepassage.core import csrf

View = TypeVar("View", bound=Callable[..., HttpResponse])

LANGUAGES = ("ru", "en")


# The public forms refuse a post another site made (core.csrf holds the check).
same_origin_post = csrf.same_origin_post(
    "Refused: this form was sent from another site. / Отклонено: форма отправлена с другого сайта."
)


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
