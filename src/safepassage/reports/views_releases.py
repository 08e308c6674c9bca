"""Releases for coordinators: prepare, preview, publish. The public sees only what was frozen
and signed at publication (views_public)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from safepassage.accounts.decorators import fresh_auth_required, staff_of
from safepassage.core.access import requires
from safepassage.core.roles import Perm
from safepassage.reports import labels, services
from safepassage.reports.forms import ReleaseForm
from safepassage.reports.models import Release
from safepassage.reports.services import ReleaseError


def _release(request: HttpRequest, public_id: str) -> Release:
    return get_object_or_404(
        Release, public_id=public_id, organisation_id=staff_of(request).organisation_id
    )


@requires(Perm.PUBLISH_REPORTS)
@require_http_methods(["GET", "POST"])
def releases(request: HttpRequest) -> HttpResponse:
    staff = staff_of(request)
    form = ReleaseForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                row = services.prepare(staff, **form.cleaned_data)
            except ReleaseError as exc:
                form.add_error(None, str(exc))
            else:
                return redirect("reports:release", row.public_id)
        status = 400
    context = {
        "form": form,
        "releases": Release.objects.filter(organisation_id=staff.organisation_id),
        "budget": services.budget_of(staff.organisation_id, timezone.localdate().year),
    }
    return render(request, "reports/releases.html", context, status=status)


@requires(Perm.PUBLISH_REPORTS)
@require_GET
def release(request: HttpRequest, public_id: str) -> HttpResponse:
    row = _release(request, public_id)
    context: dict[str, Any] = {"release": row}
    if row.status == "draft":
        preview = services.preview(row, staff_of(request))
        context.update(
            preview=preview,
            tables=[labelled(k, t) for k, t in preview.tables.items()],
        )
    return render(request, "reports/release.html", context)


@requires(Perm.PUBLISH_REPORTS)
@require_POST
@fresh_auth_required
def publish(request: HttpRequest, public_id: str) -> HttpResponse:
    row = _release(request, public_id)
    try:
        services.publish(row, staff_of(request))
    except ReleaseError as exc:
        messages.error(request, str(exc))
        return redirect("reports:release", row.public_id)
    return redirect("reports:public_release", row.public_id, request.LANGUAGE_CODE[:2])


def labelled(key: str, table: dict[str, Any]) -> dict[str, Any]:
    """A table with its names in the reader's language, for the templates."""
    rows = zip(table["rows"], table["cells"], table["totals"], strict=True)
    return {
        "key": key,
        "title": labels.title(key),
        "columns": [labels.column(key, c) for c in table["columns"]],
        "rows": [(labels.event(r), cells, total) for r, cells, total in rows],
    }
