"""The public pages of published releases: read from the signed file frozen at publication,
never computed live. No case reference, name or day appears: months only."""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import translation
from django.views.decorators.http import require_safe

from safepassage.core.access import public
from safepassage.reports import charts, export, labels, pdf, services
from safepassage.reports.figures import in_order
from safepassage.reports.models import Release, ReleaseStatus
from safepassage.reports.views_releases import labelled

LANGUAGES = [code for code, _name in settings.LANGUAGES]


def _published(public_id: str) -> tuple[Release, dict[str, Any]]:
    row = get_object_or_404(Release, public_id=public_id, status=ReleaseStatus.PUBLISHED)
    return row, json.loads(services.document_of(row))["statement"]


@public
@require_safe
def releases(request: HttpRequest) -> HttpResponse:
    rows = Release.objects.filter(status=ReleaseStatus.PUBLISHED).order_by("-published_at")
    items = [(row, json.loads(services.document_of(row))["statement"]) for row in rows]
    return render(request, "reports/public_list.html", {"items": items})


@public
@require_safe
def release(request: HttpRequest, public_id: str, language: str) -> HttpResponse:
    if language not in LANGUAGES:
        raise Http404
    row, statement = _published(public_id)
    with translation.override(language):
        context = {
            "release": row,
            "statement": statement,
            "method": statement["method"],
            "explanation": labels.method_text(statement["method"]),
            "tables": [labelled(k, t) for k, t in in_order(statement["tables"])],
            "threshold": statement["method"].get("threshold"),
            "language": language,
            "languages": LANGUAGES,
        }
        response = render(request, "reports/public_release.html", context)
    response["Content-Language"] = language
    return response


@public
@require_safe
def release_json(request: HttpRequest, public_id: str) -> HttpResponse:
    row, _statement = _published(public_id)
    response = HttpResponse(services.document_of(row), content_type="application/json")
    response["Content-Disposition"] = f'inline; filename="release-{row.public_id}.json"'
    return response


@public
@require_safe
def release_csv(request: HttpRequest, public_id: str) -> HttpResponse:
    row, statement = _published(public_id)
    body = export.to_csv(statement["tables"], statement["method"].get("threshold"))
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="release-{row.public_id}.csv"'
    return response


@public
@require_safe
def release_chart(request: HttpRequest, public_id: str, language: str, key: str) -> HttpResponse:
    if language not in LANGUAGES:
        raise Http404
    _row, statement = _published(public_id)
    if key not in statement["tables"]:
        raise Http404
    with translation.override(language):
        svg = charts.table_chart(key, statement["tables"][key])
    response = HttpResponse(svg, content_type="image/svg+xml")
    response["Content-Security-Policy"] = charts.SVG_POLICY
    return response


@public
@require_safe
def release_pdf(request: HttpRequest, public_id: str) -> HttpResponse:
    """The donor report: the release in Russian, English and French with its charts, signed."""
    row, _statement = _published(public_id)
    response = HttpResponse(pdf.report_of(row), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="release-{row.public_id}.pdf"'
    return response
