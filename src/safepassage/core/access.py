"""Who may reach a view: staff by default; a short, explicit list of exceptions.

Every view is closed to anyone but a signed-in staff member who has passed the second factor,
unless it is marked `public` (intake, outreach, verification, sign-in) or `signin_step` (the
pages between the password and the second factor). `requires(permission)` narrows a staff view
to the roles that hold the permission. The access-matrix test reads these marks from the URL
configuration, so a new URL cannot escape the policy.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, Literal, TypeVar

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.http.response import HttpResponseBase

Access = Literal["public", "signin_step", "staff"]
View = TypeVar("View", bound=Callable[..., HttpResponseBase])


def public(view: View) -> View:
    """Open to anyone, without an account."""
    view.access = "public"  # type: ignore[attr-defined]
    return view


def signin_step(view: View) -> View:
    """Open to someone who gave the right password but has not passed the second factor yet."""
    view.access = "signin_step"  # type: ignore[attr-defined]
    return view


def is_verified(user: Any) -> bool:
    """Signed in and past the second factor (django-otp adds is_verified to the request user)."""
    check = getattr(user, "is_verified", None)
    return bool(getattr(user, "is_authenticated", False) and check is not None and check())


def access_of(view: Callable[..., Any]) -> Access:
    access: Access = getattr(view, "access", "staff")
    return access


def requires(permission: str) -> Callable[[View], View]:
    """Allow only staff whose role holds `permission`; others get 403."""

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            from safepassage.core.roles import has_permission

            if not has_permission(request.user, permission):
                # The 403 page says who holds the permission and the way there.
                raise PermissionDenied(permission)
            return view(request, *args, **kwargs)

        wrapper.permission = permission  # type: ignore[attr-defined]
        return wrapper  # type: ignore[return-value]

    return decorate


def permission_of(view: Callable[..., Any]) -> str | None:
    permission: str | None = getattr(view, "permission", None)
    return permission
