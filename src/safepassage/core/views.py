from __future__ import annotations

from django.contrib.auth import get_user_model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET
from django.views.i18n import set_language

from safepassage.core.access import public
from safepassage.core.roles import Perm, Role, has_permission, permissions_of


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


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """The page a role may not use: who may, and the way there, instead of a dead end."""
    permission = exception.args[0] if exception is not None and exception.args else None
    holders = [label for role, label in Role.choices if permission in permissions_of(role)]
    user = request.user
    context = {
        "holders": holders if isinstance(permission, str) else [],
        "role": getattr(user, "get_role_display", lambda: "")(),
        "can_manage_staff": has_permission(user, Perm.MANAGE_STAFF),
        "coordinators": [],
        "case_access": "",
    }
    reference = request.resolver_match.kwargs.get("reference") if request.resolver_match else None
    if reference and has_permission(user, Perm.ASSIGN_CASE):
        context["case_access"] = reverse("cases:access", args=[reference])
    staff_model = get_user_model()
    if not context["can_manage_staff"] and isinstance(user, staff_model):
        context["coordinators"] = list(
            staff_model.objects.filter(
                organisation_id=user.organisation_id, role=Role.COORDINATOR, is_active=True
            ).values_list("display_name", flat=True)
        )
    return render(request, "403.html", context, status=403)
