from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from safepassage.core.access import is_verified


def base(request: HttpRequest) -> dict[str, Any]:
    """What the base layout needs: the navigation the signed-in staff member may use."""
    from safepassage.core.roles import navigation_for

    user = getattr(request, "user", None)
    verified = is_verified(user)
    return {"nav": navigation_for(user) if verified else [], "staff_verified": verified}
