"""The team's figures: the dashboard, its charts and its exports. Coordinators see the whole
organisation; everyone else the cases assigned to them (`figures.scope_for`)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from safepassage.accounts.decorators import staff_of
from safepassage.core.access import requires
from safepassage.core.roles import Perm, has_permission
from safepassage.reports import charts, figures, labels, rollup
from safepassage.reports import export as exports
from safepassage.reports.forms import PeriodForm
from safepassage.reports.views_releases import labelled

EXPORTS = {
    "csv": ("text/csv; charset=utf-8", exports.to_csv),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", exports.to_xlsx),
}


def _figures(request: HttpRequest) -> tuple[PeriodForm, figures.Figures | None]:
    form = PeriodForm.from_query(request.GET)
    if not form.is_valid():
        return form, None
    return form, rollup.for_staff(staff_of(request), form.cleaned_data["period"])


@requires(Perm.VIEW_REPORTS)
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    form, found = _figures(request)
    context: dict[str, object] = {"form": form, "figures": found}
    if found is not None:
        tables = {k: t.as_dict() for k, t in found.tables().items()}
        context.update(
            query=_query(form),
            tables=[labelled(k, t) for k, t in tables.items() if t["rows"]],
            medians=[(labels.stage(s), v) for s, v in found.median_days().items()],
            to_safety=figures.median(found.histogram("to_safety")),
            scope_own=staff_of(request).role != "coordinator",
            may_publish=has_permission(request.user, Perm.PUBLISH_REPORTS),
        )
    status = 200 if found is not None else 400
    return render(request, "reports/dashboard.html", context, status=status)


def _query(form: PeriodForm) -> str:
    return f"first={form.data['first']}&last={form.data['last']}"


@requires(Perm.VIEW_REPORTS)
@require_GET
def chart(request: HttpRequest, key: str) -> HttpResponse:
    _form, found = _figures(request)
    if found is None:
        raise Http404
    if key == "median_days":
        svg = charts.median_chart(found.median_days())
    else:
        tables = found.tables()
        if key not in tables:
            raise Http404
        svg = charts.table_chart(key, tables[key].as_dict())
    response = HttpResponse(svg, content_type="image/svg+xml")
    response["Content-Security-Policy"] = charts.SVG_POLICY
    return response


@requires(Perm.VIEW_REPORTS)
@require_GET
def export(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in EXPORTS:
        raise Http404
    _form, found = _figures(request)
    if found is None:
        raise Http404
    content_type, write = EXPORTS[fmt]
    tables = {k: t.as_dict() for k, t in found.tables().items()}
    response = HttpResponse(write(tables), content_type=content_type)
    name = f"figures-{found.period.start:%Y-%m}-{found.period.end:%Y-%m}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
