"""What staff views share around the request: who is asking, and whether he signed in lately."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar
from urllib.parse import urlencode

from django.http import Http404, HttpRequest, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.urls import reverse

from safepassage.accounts.middleware import is_fresh
from safepassage.accounts.models import Staff

View = TypeVar("View", bound=Callable[..., HttpResponseBase])


def staff_of(request: HttpRequest) -> Staff:
    """The staff member of a request that the access policy let through to a staff view."""
    user = request.user
    if not isinstance(user, Staff):
        raise Http404
    return user


def fresh_auth_required(view: View) -> View:
    """Dangerous actions need password and second factor within the last 10 minutes."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not is_fresh(request):
            back = request.path  # never the query string: it may hold what was searched for
            return HttpResponseRedirect(f"{reverse('accounts:reauth')}?{urlencode({'next': back})}")
        return view(request, *args, **kwargs)

    wrapper.fresh_auth = True  # type: ignore[attr-defined]
    return wrapper  # type: ignore[return-value]
