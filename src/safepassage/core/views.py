from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET
from django.views.i18n import set_language

from safepassage.accounts.roles import Perm, has_permission
from safepassage.core.access import public


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """The staff member's starting page."""
    if has_permission(request.user, Perm.WORK_CASES):
        return redirect("cases:today")
    if has_permission(request.user, Perm.VIEW_AUDIT):
        return redirect("audit:log")
    return render(request, "core/home.html")


# Choosing a language is possible before signing in (it sets only a language cookie).
language = public(set_language)
