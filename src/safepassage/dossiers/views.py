"""The dossier pages: a case's dossiers and submissions, the builder with its preview, and the
authorities, deadline rules and stay rules coordinators keep up to date.

Case pages open the case through the gate (`cases.gate.open_case`): 404 for a case the staff
member may not open. Every write is a service call.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from safepassage.accounts.decorators import staff_of
from safepassage.cases import services as cases
from safepassage.cases.gate import CaseAccess, open_case
from safepassage.cases.models import Country, Person, StayRule
from safepassage.core.access import requires
from safepassage.core.roles import Perm, has_permission
from safepassage.dossiers import building, content, forms, present, services
from safepassage.dossiers.models import Authority, DeadlineRule, Dossier, Submission
from safepassage.dossiers.services import DossierError
from safepassage.vault import session as vault_session


def _open(request: HttpRequest, reference: str, purpose: str) -> CaseAccess:
    return open_case(staff_of(request), reference, vault_session.current(request), purpose)


def _authorities() -> list[tuple[str, str]]:
    return [(a.code, a.name) for a in Authority.objects.filter(active=True)]


def _add_error(form: Any, exc: DossierError) -> None:
    form.add_error(exc.field if exc.field in form.fields else None, str(exc))


# -- a case's dossiers ---------------------------------------------------------------------


def _build_form(request: HttpRequest, access: CaseAccess, data: Any = None) -> forms.BuildForm:
    annexes = building.annex_choices(access, vault_session.current(request))
    return forms.BuildForm(
        data,
        authorities=_authorities(),
        people=present.people(access),
        annexes=[(a.token, present.annex_label(a)) for a in annexes],
        initial={"people": [p for p, _label in present.people(access)[:1]]},
    )


def _page(request: HttpRequest, access: CaseAccess, **extra: Any) -> HttpResponse:
    bound = extra.pop("event_form", None)
    submissions = present.submissions(access)
    for row in submissions:
        fresh = forms.EventForm(prefix=f"e{row['pk']}")
        row["form"] = bound if bound is not None and bound.prefix == fresh.prefix else fresh
    context = {
        "case": access.case,
        "dossiers": present.dossiers(access),
        "submissions": submissions,
        "build_form": extra.pop("build_form", None) or _build_form(request, access),
        "submission_form": extra.pop("submission_form", None) or _submission_form(access),
        "event_form": bound,
        **extra,
    }
    status = 400 if any(getattr(f, "errors", None) for f in context.values()) else 200
    return render(request, "dossiers/case.html", context, status=status)


def _submission_form(access: CaseAccess, data: Any = None) -> forms.SubmissionForm:
    return forms.SubmissionForm(
        data,
        prefix="sent",
        people=present.people(access),
        authorities=_authorities(),
        dossiers=[(str(d["id"]), d["label"]) for d in present.dossiers(access)],
    )


@requires(Perm.DOSSIERS)
@require_http_methods(["GET", "POST"])
def case_dossiers(request: HttpRequest, reference: str) -> HttpResponse:
    """The builder: a preview of exactly what will be sent, then the signed dossier."""
    building_now = request.method == "POST"
    access = _open(request, reference, "dossier_built" if building_now else "dossiers_viewed")
    if not building_now:
        return _page(request, access)
    form = _build_form(request, access, request.POST)
    if not form.is_valid():
        return _page(request, access, build_form=form)
    data = form.cleaned_data
    authority = get_object_or_404(Authority, code=data["authority"], active=True)
    options = {
        "people": [int(p) for p in data["people"]],
        "ticks": data["ticks"],
        "annexes": data["annexes"],
        "copy": data["copy"],
        "vault": vault_session.current(request),
    }
    try:
        if request.POST.get("action") != "build":
            prepared = building.prepare(access, authority, **options)
            return _page(
                request,
                access,
                build_form=form,
                preview=prepared.rows,
                never=content.NEVER,
                not_ticked=[
                    str(label) for code, label in content.TICKS.items() if code not in data["ticks"]
                ],
            )
        built = building.build(access, authority, **options)
    except DossierError as exc:
        _add_error(form, exc)
        return _page(request, access, build_form=form)
    messages.success(
        request,
        _("Dossier version %(v)d made and sealed; SHA-256 of the PDF: %(h)s")
        % {"v": built.dossier.version, "h": built.dossier.pdf_sha256},
    )
    return redirect("dossiers:case", reference=reference)


@requires(Perm.DOSSIERS)
@require_GET
def download(request: HttpRequest, reference: str, dossier_id: uuid.UUID) -> HttpResponseBase:
    access = _open(request, reference, "dossier_downloaded")
    dossier = Dossier.objects.filter(case=access.case, pk=dossier_id).first()
    if dossier is None:
        raise Http404
    response = StreamingHttpResponse(
        building.pdf_chunks(access, dossier), content_type="application/pdf"
    )
    name = f"dossier-{reference}-{dossier.authority.code}-v{dossier.version}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@requires(Perm.DOSSIERS)
@require_POST
def submit(request: HttpRequest, reference: str) -> HttpResponse:
    access = _open(request, reference, "dossier_submitted")
    form = _submission_form(access, request.POST)
    if not form.is_valid():
        return _page(request, access, submission_form=form)
    data = form.cleaned_data
    person = get_object_or_404(Person, case=access.case, pk=data["person"])
    authority = get_object_or_404(Authority, code=data["authority"])
    dossier = (
        Dossier.objects.filter(case=access.case, pk=data["dossier"]).first()
        if data["dossier"]
        else None
    )
    try:
        services.submit(
            access,
            person,
            authority,
            channel=data["channel"],
            sent_on=data["sent_on"],
            reference=data["reference"],
            dossier=dossier,
        )
    except DossierError as exc:
        _add_error(form, exc)
        return _page(request, access, submission_form=form)
    messages.success(request, _("Submission recorded; its deadlines are on Today."))
    return redirect("dossiers:case", reference=reference)


@requires(Perm.DOSSIERS)
@require_POST
def event(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    access = _open(request, reference, "dossier_event")
    submission = get_object_or_404(Submission, case=access.case, pk=pk)
    form = forms.EventForm(request.POST, prefix=f"e{pk}")
    if form.is_valid():
        data = form.cleaned_data
        details = {
            name: (value.isoformat() if hasattr(value, "isoformat") else value)
            for name, value in data.items()
            if name not in ("kind", "happened_on") and value
        }
        try:
            _event, problems = services.record_event(
                access, submission, data["kind"], data["happened_on"], details
            )
        except DossierError as exc:
            _add_error(form, exc)
        else:
            messages.success(request, _("Recorded."))
            for problem in problems:
                messages.warning(request, problem)
            return redirect("dossiers:case", reference=reference)
    return _page(request, access, event_form=form)


def case_panel(access: CaseAccess) -> tuple[str, dict[str, Any]] | None:
    """On the case page: the deadlines running and a link to the dossiers."""
    if not has_permission(access.staff, Perm.DOSSIERS):
        return None
    return "dossiers/_case_panel.html", {
        "reference": access.case.reference,
        "deadlines": present.open_deadlines(access),
        "count": Dossier.objects.filter(case=access.case).count(),
    }


# -- authorities, rules, stay rules (no client data) ---------------------------------------


@requires(Perm.DOSSIERS)
@require_GET
def authorities(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "dossiers/authorities.html",
        {
            "authorities": Authority.objects.prefetch_related("rules", "templates"),
            "can_edit": has_permission(staff_of(request), Perm.EDIT_RULES),
        },
    )


@requires(Perm.EDIT_RULES)
@require_http_methods(["GET", "POST"])
def authority_edit(request: HttpRequest, code: str) -> HttpResponse:
    authority = get_object_or_404(Authority, code=code)
    fields = list(forms.AuthorityForm.base_fields)
    form = forms.AuthorityForm(
        request.POST or None, initial={name: getattr(authority, name) for name in fields}
    )
    template_form = forms.TemplateForm(request.POST or None, prefix="letter")
    if request.method == "POST":
        saving_letter = "letter-text" in request.POST
        chosen = template_form if saving_letter else form
        if chosen.is_valid():
            try:
                if saving_letter:
                    data = template_form.cleaned_data
                    services.save_template(
                        staff_of(request), authority, data["language"], data["text"]
                    )
                else:
                    services.save_authority(staff_of(request), authority, dict(form.cleaned_data))
            except DossierError as exc:
                _add_error(chosen, exc)
            else:
                messages.success(request, _("Saved."))
                return redirect("dossiers:authority_edit", code=code)
        (form if saving_letter else template_form).errors.clear()
    return render(
        request,
        "dossiers/authority_edit.html",
        {"authority": authority, "form": form, "template_form": template_form},
        status=400 if form.errors or template_form.errors else 200,
    )


@requires(Perm.EDIT_RULES)
@require_http_methods(["GET", "POST"])
def rule_edit(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    """Edit a rule (pk) or add one to the authority (pk 0)."""
    authority = get_object_or_404(Authority, code=code)
    rule = (
        DeadlineRule(authority=authority)
        if pk == 0
        else get_object_or_404(DeadlineRule, authority=authority, pk=pk)
    )
    initial = {name: getattr(rule, name) for name in forms.RuleForm.base_fields} if rule.pk else {}
    form = forms.RuleForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_rule(staff_of(request), rule, dict(form.cleaned_data))
        except DossierError as exc:
            _add_error(form, exc)
        else:
            messages.success(request, _("Saved: the deadlines still running follow the rule now."))
            return redirect("dossiers:authorities")
    return render(
        request,
        "dossiers/rule_edit.html",
        {"authority": authority, "rule": rule, "form": form},
        status=400 if form.errors else 200,
    )


@requires(Perm.DOSSIERS)
@require_GET
def stay_rules(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "dossiers/stay_rules.html",
        {
            "rules": StayRule.objects.select_related("country").order_by("country__name_en"),
            "can_edit": has_permission(staff_of(request), Perm.EDIT_RULES),
        },
    )


@requires(Perm.EDIT_RULES)
@require_http_methods(["GET", "POST"])
def stay_rule_edit(request: HttpRequest, country: str) -> HttpResponse:
    rule = get_object_or_404(StayRule, country_id=country.upper()[:2])
    initial = {name: getattr(rule, name) for name in forms.StayRuleForm.base_fields}
    form = forms.StayRuleForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        changed = cases.save_stay_rule(staff_of(request), rule, dict(form.cleaned_data))
        messages.success(request, _("Saved; %(n)d stays counted again.") % {"n": changed})
        return redirect("dossiers:stay_rules")
    return render(
        request,
        "dossiers/stay_rule_edit.html",
        {"rule": rule, "country": Country.name_of(rule.country_id), "form": form},
        status=400 if form.errors else 200,
    )
