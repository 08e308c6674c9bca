"""Shared-case discovery pages for coordinators: the runs, starting one, consenting to a
partner's request, the message to carry; and the panel on a matched case. Thin views over
`services`."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from safepassage.accounts.decorators import fresh_auth_required, staff_of
from safepassage.cases.gate import CaseAccess, open_case
from safepassage.core.access import requires
from safepassage.core.roles import Perm, has_permission
from safepassage.overlap import forms, services
from safepassage.overlap.models import Match, Run
from safepassage.vault import session as vault_session


def _run(request: HttpRequest, pk: int) -> Run:
    return get_object_or_404(
        Run.objects.select_related("partner"),
        pk=pk,
        organisation_id=staff_of(request).organisation_id,
    )


@requires(Perm.PARTNERS)
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    staff = staff_of(request)
    return render(
        request,
        "overlap/home.html",
        {
            "runs": Run.objects.filter(organisation_id=staff.organisation_id).select_related(
                "partner"
            ),
            "form": forms.StartForm(organisation_id=staff.organisation_id),
            "limit": services.RUNS_PER_PARTNER,
            "days": services.RATE_DAYS,
        },
    )


@requires(Perm.PARTNERS)
@require_http_methods(["POST"])
@fresh_auth_required
def start(request: HttpRequest) -> HttpResponse:
    staff = staff_of(request)
    form = forms.StartForm(request.POST, organisation_id=staff.organisation_id)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        return redirect("overlap:home")
    try:
        run = services.start(
            staff,
            vault_session.current(request),
            form.cleaned_data["partner"],
            form.cleaned_data["mode"],
        )
    except services.OverlapError as exc:
        messages.error(request, str(exc))
        return redirect("overlap:home")
    return redirect("overlap:run", pk=run.pk)


@requires(Perm.PARTNERS)
@require_GET
def run(request: HttpRequest, pk: int) -> HttpResponse:
    found = _run(request, pk)
    matches = Match.objects.filter(run=found).select_related("case")
    return render(request, "overlap/run.html", {"run": found, "matches": matches})


@requires(Perm.PARTNERS)
@require_POST
@fresh_auth_required
def consent(request: HttpRequest, pk: int) -> HttpResponse:
    found = _run(request, pk)
    try:
        services.consent(staff_of(request), vault_session.current(request), found)
    except services.OverlapError as exc:
        messages.error(request, str(exc))
    return redirect("overlap:run", pk=pk)


@requires(Perm.PARTNERS)
@require_POST
def decline(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        services.decline(staff_of(request), _run(request, pk))
    except services.OverlapError as exc:
        messages.error(request, str(exc))
    return redirect("overlap:run", pk=pk)


@requires(Perm.PARTNERS)
@require_GET
def message(request: HttpRequest, pk: int) -> HttpResponse:
    found = _run(request, pk)
    try:
        raw = services.outgoing(staff_of(request), found)
    except services.OverlapError as exc:
        messages.error(request, str(exc))
        return redirect("overlap:run", pk=pk)
    response = HttpResponse(raw, content_type="application/octet-stream")
    name = f"{found.outgoing_kind}-{found.run_id[:8]}.age"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@requires(Perm.PARTNERS)
@require_POST
def deliver(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        services.deliver(staff_of(request), _run(request, pk))
        messages.success(request, _("Delivered to the partner's inbox."))
    except services.OverlapError as exc:
        messages.error(request, str(exc))
    return redirect("overlap:run", pk=pk)


@requires(Perm.WORK_CASES)
@require_POST
def asked(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    staff = staff_of(request)
    access = open_case(staff, reference, vault_session.current(request), "overlap_asked")
    match = get_object_or_404(Match, pk=pk, case=access.case)
    services.mark_asked(staff, match)
    return redirect("cases:detail", reference=reference)


def case_panel(access: CaseAccess) -> tuple[str, dict[str, Any]] | None:
    """On a matched case: which partners know someone matching it."""
    matches = services.matches_of(access.case)
    if not matches:
        return None
    return "overlap/_case_panel.html", {
        "reference": access.case.reference,
        "matches": matches,
        "can_exchange": has_permission(access.staff, Perm.PARTNERS),
    }
