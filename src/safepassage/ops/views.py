"""The one public page of the operations part: health for uptime monitors."""

from __future__ import annotations

from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from safepassage.core.access import public
from safepassage.vault.keys import key_folder_matches


def healthy() -> bool:
    """The database answers with every migration applied, and the key folder in place opens
    the organisation's keys."""
    from safepassage.ops.doctor import migration_state

    try:
        missing, unknown = migration_state()
        return not missing and not unknown and key_folder_matches()
    except (DatabaseError, OSError):
        return False


@public
@require_safe
@never_cache
def healthz(request: HttpRequest) -> HttpResponse:
    """ "ok" or "not ok", nothing else: the reasons are for `safepassage doctor`, not the world."""
    ok = healthy()
    return HttpResponse(
        "ok\n" if ok else "not ok\n",
        status=200 if ok else 503,
        content_type="text/plain; charset=utf-8",
    )
