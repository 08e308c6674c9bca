"""System checks of our own, run by `safepassage check` (and so by `check --deploy`)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Error, register


@register("security", deploy=True)
def csrf_middleware(app_configs: Any, **kwargs: Any) -> list[Error]:
    """Django's own CSRF check (security.W003, silenced) expects its class; ours extends it."""
    if "safepassage.core.csrf.NoReferrerCsrfMiddleware" in settings.MIDDLEWARE:
        return []
    return [
        Error(
            "CSRF protection is off: safepassage.core.csrf.NoReferrerCsrfMiddleware is missing "
            "from MIDDLEWARE.",
            id="safepassage.E001",
        )
    ]
