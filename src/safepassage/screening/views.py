"""Screening pages: the lists, a quick check, and the screening of a case through its gate."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from safepassage.accounts.decorators import staff_of
from safepassage.cases.gate import open_case
from safepassage.core.access import requires
from safepassage.core.roles import Perm, has_permission
from safepassage.screening import engine, forms, lists, services
from safepassage.screening.models import (
    CaseScreening,
    IncidentList,
    ListImport,
    ScreeningResult,
    WatchList,
)
from safepassage.vault import session as vault_session

UPLOAD_MAX_BYTES = 100 * 1024 * 1024


@requires(Perm.SCREEN)
@require_http_methods(["GET", "POST"])
def home(request: HttpRequest) -> HttpResponse:
    """The quick check is posted, so a name, birth date or unit never sits in an address (browser
    history, proxy logs, the sign-in page's `next`)."""
    staff = staff_of(request)
    form = forms.QuickScreenForm(request.POST if request.method == "POST" else None)
    results: list[Any] = []
    in_use = services.lists_in_use()
    if form.is_valid():
        data = form.cleaned_data
        units = (data["unit"],) if data["unit"] else ()
        results = services.quick_screen(data["name"], data["born"] or None, units)
    return render(
        request,
        "screening/home.html",
        {
            "form": form,
            "results": results,
            "searched": form.is_bound and form.is_valid(),
            "searched_lists": in_use,
            "real_lists": services.real_lists(in_use),
            "lists": WatchList.objects.all(),
            "incident_lists": IncidentList.objects.all(),
            "imports": ListImport.objects.all()[:10],
            "pending": len(services.pending_for(staff)),
            "can_manage": has_permission(staff, Perm.MANAGE_LISTS),
            "upload_form": forms.ListUploadForm(),
        },
    )


@requires(Perm.MANAGE_LISTS)
@require_POST
def upload(request: HttpRequest) -> HttpResponse:
    """Smaller lists through the page; a million-entry file is for `safepassage lists import`."""
    form = forms.ListUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Give the list a name and choose a file."))
        return redirect("screening:home")
    incoming = form.cleaned_data["file"]
    if getattr(incoming, "too_large", False):
        incoming.discard()
        messages.error(request, _("The file is too large for the page: use the command line."))
        return redirect("screening:home")
    try:
        outcome = lists.import_upload(incoming, form.cleaned_data, staff_of(request))
    except lists.ImportRefused as exc:
        messages.error(request, str(exc))
        for error in exc.errors[:20]:
            messages.error(request, error)
    else:
        messages.success(request, outcome.line)
        for skipped in outcome.skipped[:20]:
            messages.warning(request, _("Skipped %(line)s") % {"line": skipped})
    return redirect("screening:home")


@requires(Perm.SCREEN)
@require_POST
def rescreen(request: HttpRequest) -> HttpResponse:
    """Screen again the cases waiting since a list changed (a batch at a time)."""
    done = services.rescreen_pending(staff_of(request), vault_session.current(request))
    messages.success(request, _("%(n)d cases screened again.") % {"n": done})
    return redirect("screening:home")


@requires(Perm.SCREEN)
@require_http_methods(["GET", "POST"])
def case_screening(request: HttpRequest, reference: str) -> HttpResponse:
    access = open_case(
        staff_of(request),
        reference,
        vault_session.current(request),
        "screening_viewed" if request.method == "GET" else "screened",
    )
    if request.method == "POST":
        try:
            outcome = services.screen_case(access)
        except engine.IndexFormatError:
            messages.error(request, _("A list index is damaged: import the list again."))
        else:
            parts = [
                ngettext("%(n)d result", "%(n)d results", outcome.results) % {"n": outcome.results},
                ngettext(
                    "%(n)d at the alert threshold", "%(n)d at the alert threshold", outcome.alerts
                )
                % {"n": outcome.alerts},
                ngettext("%(n)d incident overlap", "%(n)d incident overlaps", outcome.overlaps)
                % {"n": outcome.overlaps},
            ]
            messages.success(request, ", ".join(parts) + ".")
        return redirect("screening:case", reference=reference)
    screening = CaseScreening.objects.filter(case=access.case).first()
    found = (
        services.searched(screening.lists, timezone.localdate(screening.screened_at))
        if screening
        else []
    )
    return render(
        request,
        "screening/case.html",
        {
            "case": access.case,
            "results": services.shown_results(access),
            "review_form": forms.ReviewForm(),
            "screening": screening,
            "searched_lists": found,
            "real_lists": services.real_lists(found),
        },
    )


@requires(Perm.SCREEN)
@require_POST
def review(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    access = open_case(staff_of(request), reference, vault_session.current(request), "edited")
    result = ScreeningResult.objects.filter(case=access.case, pk=pk).first()
    if result is None:
        raise Http404
    form = forms.ReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a review and give its reason."))
    else:
        try:
            services.review(
                access, result, form.cleaned_data["verdict"], form.cleaned_data["reason"]
            )
        except services.ScreeningError as exc:
            messages.error(request, str(exc))
    return redirect("screening:case", reference=reference)
