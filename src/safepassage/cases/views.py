"""Case pages. Every view that touches a case opens it through the gate (cases.gate.open_case)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from safepassage.accounts.decorators import fresh_auth_required, staff_of
from safepassage.accounts.models import Staff
from safepassage.cases import access_log, forms, listing, present, services
from safepassage.cases.gate import CaseAccess, open_case
from safepassage.cases.models import CaseRole, Person, Task
from safepassage.cases.sections import SECTIONS, form_kwargs, sealed_names
from safepassage.core.access import requires
from safepassage.core.roles import Perm, Role, has_permission
from safepassage.vault import fields
from safepassage.vault import session as vault_session

PAGE_SIZE = 50
# The soonest alerts only: each shown name means opening its case key and auditing the read.
TODAY_ALERTS = 50


def _open(request: HttpRequest, reference: str, purpose: str = "viewed") -> CaseAccess:
    return open_case(staff_of(request), reference, vault_session.current(request), purpose)


def _team_choices(staff: Staff) -> list[tuple[int, str]]:
    """Colleagues who work on cases (the auditor reads the audit log only, never a case)."""
    return [
        (s.pk, f"{s.display_name} ({s.get_role_display()})")
        for s in Staff.objects.filter(organisation_id=staff.organisation_id, is_active=True)
        .exclude(role=Role.AUDITOR)
        .order_by("display_name")
    ]


@requires(Perm.WORK_CASES)
@require_GET
def today(request: HttpRequest) -> HttpResponse:
    """What needs action: this staff member's alerts, soonest first, counted as they are now
    (not as the hourly timer last counted them)."""
    staff = staff_of(request)
    rows, total = listing.today(staff, vault_session.current(request), TODAY_ALERTS)
    return render(
        request,
        "cases/today.html",
        {"rows": rows, "total": total, "today": timezone.localdate()},
    )


@requires(Perm.WORK_CASES)
@require_http_methods(["GET", "POST"])
def case_list(request: HttpRequest) -> HttpResponse:
    """Filters come by link or by form; a name only by form (POST), so it never sits in an
    address: not in browser history, a proxy log or the sign-in page's `next`."""
    staff = staff_of(request)
    posted = request.method == "POST"
    filters = (request.POST if posted else request.GET).copy()
    filters.pop("csrfmiddlewaretoken", None)
    page_number = filters.pop("page", [None])[-1]
    if not posted:
        filters.pop("name", None)
    form = forms.CaseFilterForm(filters or None, assignees=_team_choices(staff))
    data = form.cleaned_data if form.is_valid() else {}
    cases = listing.filtered(staff, data)
    if data.get("name"):
        found: Any = listing.search_by_name(
            cases, data["name"], staff, vault_session.current(request)
        )
    else:
        found = cases
    page = Paginator(found, PAGE_SIZE).get_page(page_number)
    rows = listing.with_names(list(page.object_list), staff, vault_session.current(request))
    return render(
        request,
        "cases/case_list.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "posted": posted,
            "query": "" if posted else filters.urlencode(),
            "hidden": [(k, v) for k, values in filters.lists() for v in values] if posted else [],
            "can_create": has_permission(staff, Perm.CREATE_CASE),
            "can_import": has_permission(staff, Perm.IMPORT_CASES),
        },
    )


@requires(Perm.CREATE_CASE)
@require_http_methods(["GET", "POST"])
def case_create(request: HttpRequest) -> HttpResponse:
    staff = staff_of(request)
    form = forms.CaseCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and not form.needs_confirmation():
        if vault_session.current(request) is None:
            messages.error(request, _("Sign out and in again: your key is not unlocked."))
        else:
            data = form.cleaned_data
            try:
                access = services.create_case(
                    staff,
                    data["principal_name"],
                    country=data["country"] or None,
                    retention_date=data["retention_date"],
                    contact_channel=data["contact_channel"],
                    contact_handle=data["contact_handle"],
                    summary=data["summary"],
                )
            except services.CaseError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(
                    request, _("Case %(ref)s created.") % {"ref": access.case.reference}
                )
                return redirect("cases:detail", reference=access.case.reference)
    return render(
        request, "cases/case_create.html", {"form": form, "warnings": form.shown_warnings()}
    )


@requires(Perm.WORK_CASES)
@require_GET
def case_detail(request: HttpRequest, reference: str) -> HttpResponse:
    access = _open(request, reference)
    return _detail(request, access)


def _detail(request: HttpRequest, access: Any, stage_form: Any = None) -> HttpResponse:
    """The case page; with a refused stage form, that form with its input and errors (400)."""
    context = present.case_detail(access)
    context["stage_form"] = stage_form or forms.StageForm(
        current=access.case.stage, resume_to=access.case.resume_to or None
    )
    return render(
        request, "cases/case_detail.html", context, status=400 if stage_form is not None else 200
    )


@requires(Perm.WORK_CASES)
@require_http_methods(["GET", "POST"])
def case_edit(request: HttpRequest, reference: str) -> HttpResponse:
    access = _open(request, reference, "opened_for_edit" if request.method == "GET" else "edited")
    case = access.case
    if request.method == "POST":
        form = forms.CaseEditForm(request.POST)
        if form.is_valid() and not form.needs_confirmation():
            try:
                services.update_case(access, form.sealed_values(), **form.settings())
            except services.CaseError as exc:
                form.add_error(None, str(exc))
            else:
                return redirect("cases:detail", reference=reference)
    else:
        stored = fields.read_all(access.key, case)
        form = forms.CaseEditForm(initial=forms.CaseEditForm.initial_from(stored, case))
    return render(
        request,
        "cases/row_form.html",
        {
            "form": form,
            "case": case,
            "title": _("Case details"),
            "warnings": form.shown_warnings(),
        },
    )


def _section_row(access: CaseAccess, kind: str, pk: int | None) -> tuple[Any, Any]:
    section = SECTIONS.get(kind)
    if section is None:
        raise Http404
    if pk is None:
        return section, section.model(case=access.case)
    row = section.model.objects.filter(case=access.case, pk=pk).first()
    if row is None:
        raise Http404
    return section, row


def _form_kwargs(access: CaseAccess, section: Any, row: Any) -> dict[str, Any]:
    kwargs = form_kwargs(
        section,
        list(present.people_names(access).items()),
        [
            (a.staff_id, a.staff.display_name)
            for a in access.case.assignments.select_related("staff")
        ],
    )
    if isinstance(row, Person):
        kwargs.update(present.person_form_context(access, row))
    return kwargs


@requires(Perm.WORK_CASES)
@require_http_methods(["GET", "POST"])
def row_edit(
    request: HttpRequest, reference: str, kind: str, pk: int | None = None
) -> HttpResponse:
    access = _open(request, reference, "opened_for_edit" if request.method == "GET" else "edited")
    section, row = _section_row(access, kind, pk)
    kwargs = _form_kwargs(access, section, row)
    if request.method == "POST":
        form = section.form(request.POST, **kwargs)
        if form.is_valid() and not form.needs_confirmation():
            try:
                services.save_row(
                    access,
                    row,
                    form.sealed_values(sealed_names(section, form)),
                    form.confirmed_kinds(),
                    plain={name: form.cleaned_data.get(name) for name in section.plain},
                    replace_principal=bool(form.cleaned_data.get("replace_principal")),
                )
            except services.CaseError as exc:
                form.add_error(None, str(exc))
            else:
                return redirect(f"{reverse('cases:detail', args=[reference])}#{kind}")
    else:
        form = section.form(initial=present.row_initial(access, section, row), **kwargs)
    return render(
        request,
        "cases/row_form.html",
        {
            "form": form,
            "case": access.case,
            "title": section.add if row.pk is None else section.title,
            "warnings": form.shown_warnings(),
            "section": kind,
        },
    )


@requires(Perm.WORK_CASES)
@require_http_methods(["GET", "POST"])
def row_delete(request: HttpRequest, reference: str, kind: str, pk: int) -> HttpResponse:
    """Remove a row, after a page that says what goes with it."""
    access = _open(request, reference, "opened_for_edit" if request.method == "GET" else "edited")
    section, row = _section_row(access, kind, pk)
    if request.method == "POST":
        try:
            services.delete_row(access, row)
        except services.CaseError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Removed."))
        return redirect(f"{reverse('cases:detail', args=[reference])}#{kind}")
    return render(
        request,
        "cases/row_remove.html",
        {
            "case": access.case,
            "section": section,
            "kind": kind,
            **present.removal(access, kind, row),
        },
    )


@requires(Perm.WORK_CASES)
@require_POST
def stage(request: HttpRequest, reference: str) -> HttpResponse:
    access = _open(request, reference, "edited")
    form = forms.StageForm(
        request.POST, current=access.case.stage, resume_to=access.case.resume_to or None
    )
    if not form.is_valid():
        return _detail(request, access, form)
    try:
        services.move_stage(
            access,
            form.cleaned_data["target"],
            form.cleaned_data["why"],
            form.cleaned_data["reason"],
        )
    except services.CaseError as exc:
        form.add_error(None, str(exc))
        return _detail(request, access, form)
    return redirect("cases:detail", reference=reference)


@requires(Perm.WORK_CASES)
@require_POST
def checkin(request: HttpRequest, reference: str) -> HttpResponse:
    access = _open(request, reference, "edited")
    services.check_in(access, request.POST.get("note", "")[: forms.TEXT_MAX])
    messages.success(request, _("Check-in recorded."))
    return redirect("cases:detail", reference=reference)


@requires(Perm.WORK_CASES)
@require_POST
def task_done(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    access = _open(request, reference, "edited")
    task = Task.objects.filter(case=access.case, pk=pk).first()
    if task is None:
        raise Http404
    services.complete_task(access, task)
    return redirect("cases:detail", reference=reference)


@requires(Perm.WORK_CASES)
@require_GET
def case_access(request: HttpRequest, reference: str) -> HttpResponse:
    """Who holds the case, and (for its coordinator) who opened or changed it."""
    access = _open(request, reference, "access_viewed")
    staff = staff_of(request)
    team = access.case.assignments.select_related("staff")
    on_case = {a.staff_id for a in team}
    candidates = [(pk, label) for pk, label in _team_choices(staff) if pk not in on_case]
    return render(
        request,
        "cases/case_access.html",
        {
            "case": access.case,
            "team": [
                # One form per row, each with its own element ids (labels tick their own box).
                (a, forms.UnassignForm(auto_id=f"id_unassign_{a.staff_id}_%s"))
                for a in team
            ],
            "assign_form": forms.AssignForm(candidates=candidates),
            "can_assign": has_permission(staff, Perm.ASSIGN_CASE),
            "log": access_log.lines(reference) if access.role == CaseRole.COORDINATOR else None,
            "panels": present.access_panels(access),
        },
    )


@requires(Perm.ASSIGN_CASE)
@require_POST
@fresh_auth_required
def assign(request: HttpRequest, reference: str) -> HttpResponse:
    access = _open(request, reference, "edited")
    staff = staff_of(request)
    form = forms.AssignForm(request.POST, candidates=_team_choices(staff))
    if form.is_valid():
        member = Staff.objects.get(pk=form.cleaned_data["staff"])
        try:
            services.assign(access, member, form.cleaned_data["role"])
        except services.CaseError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("%(name)s now has access.") % {"name": member.display_name})
    else:
        messages.error(request, _("Choose a staff member and a role."))
    return redirect("cases:access", reference=reference)


@requires(Perm.ASSIGN_CASE)
@require_POST
@fresh_auth_required
def unassign(request: HttpRequest, reference: str, staff_pk: int) -> HttpResponse:
    access = _open(request, reference, "edited")
    member = Staff.objects.filter(pk=staff_pk, organisation_id=access.case.organisation_id).first()
    if member is None:
        raise Http404
    form = forms.UnassignForm(request.POST)
    rotate = form.is_valid() and form.cleaned_data["rotate"]
    try:
        services.unassign(access, member, rotate=rotate)
    except services.CaseError as exc:
        messages.error(request, str(exc))
    return redirect("cases:access", reference=reference)


@requires(Perm.ASSIGN_CASE)
@require_POST
@fresh_auth_required
def delete(request: HttpRequest, reference: str) -> HttpResponse:
    access = _open(request, reference, "edited")
    if request.POST.get("confirm") != reference:
        messages.error(request, _("Type the case reference to confirm the deletion."))
        return redirect("cases:access", reference=reference)
    services.delete_case(access)
    messages.success(request, _("The case was deleted and its keys destroyed."))
    return redirect("cases:list")
