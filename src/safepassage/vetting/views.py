"""Vetting pages: only the case's vetters reach them (404 for anyone else)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from safepassage.accounts.decorators import staff_of
from safepassage.cases.gate import CaseAccess
from safepassage.cases.models import CaseRole
from safepassage.core.access import requires
from safepassage.core.roles import Perm, has_permission
from safepassage.vault import fields, objects
from safepassage.vault import session as vault_session
from safepassage.vetting import forms, hooks, services
from safepassage.vetting.models import (
    ChecklistAnswer,
    ConflictDeclaration,
    Evidence,
    Interview,
    Outcome,
    Vetting,
)
from safepassage.vetting.views_files import evidence_doors


def _open(request: HttpRequest, reference: str, purpose: str = "vetting_viewed") -> Any:
    """The record; a POST starts it when there is none yet, a GET of a record never started is
    a 404 (`services.NotStarted`), which the record's page answers with its start button."""
    return services.open_vetting(
        staff_of(request),
        reference,
        vault_session.current(request),
        purpose,
        start=request.method == "POST",
    )


def case_panel(access: CaseAccess) -> tuple[str, dict[str, Any]] | None:
    """The vetting summary on the case page: status and an index of evidence, no contents."""
    vetting = Vetting.objects.filter(case=access.case).first()
    context = {
        "reference": access.case.reference,
        "started": vetting is not None,
        "round": vetting.round if vetting else 0,
        "outcome": vetting.outcome if vetting else "",
        "outcome_label": Outcome(vetting.outcome).label if vetting and vetting.outcome else "",
        "decided_at": vetting.decided_at if vetting else None,
        "evidence": list(Evidence.objects.filter(vetting=vetting)) if vetting else [],
        "is_vetter": access.role == CaseRole.VETTER,
        "can_attest": has_permission(access.staff, Perm.ATTEST),
    }
    if vetting is not None and vetting.outcome:
        state = _("Decided: %(outcome)s") % {"outcome": context["outcome_label"]}
    elif vetting is not None:
        state = _("In progress (round %(round)d)") % {"round": vetting.round}
    else:
        state = _("Not started")
    context["summary"] = (_("Vetting"), state)
    return "vetting/_case_panel.html", context


def _evidence_rows(va: services.VettingAccess) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for item in Evidence.objects.filter(vetting=va.vetting):
        try:
            key = services.evidence_key(va, item)
        except objects.NoAccess:
            rows.append({"item": item, "values": None, "files": []})
            continue
        rows.append(
            {
                "item": item,
                "values": fields.read_all(key, item),
                "files": evidence_doors(va.case.case.reference, item, key),
            }
        )
    return rows


@requires(Perm.VET)
@require_GET
def home(request: HttpRequest, reference: str) -> HttpResponse:
    try:
        va = _open(request, reference)
    except services.NotStarted:
        return render(request, "vetting/start.html", {"reference": reference})
    context: dict[str, Any] = {"va": va, "case": va.case.case}
    if va.key is not None:
        interviews, comparison = services.compare(va)
        context.update(
            {
                "evidence": _evidence_rows(va),
                "interviews": [
                    {"row": i, "values": fields.read_all(va.key, i)} for i in interviews
                ],
                "comparison": comparison,
                "checklist": {
                    a.item: _answer(fields.read_all(va.key, a), a)
                    for a in ChecklistAnswer.objects.filter(vetting=va.vetting)
                },
                "checklist_notes": hooks.checklist_notes(va.case.case),
                "declaration": ConflictDeclaration.objects.filter(
                    vetting=va.vetting, vetter=va.staff
                ).first(),
                "eligibility": services.eligibility_problem(va, va.staff),
                "conclusions": services.visible_conclusions(va),
                "rationale": fields.read(va.key, va.vetting, "rationale"),
                # Several forms on one page: each names its fields' ids after itself, so two
                # fields called "reasoning" never share an id.
                "forms": {
                    "interview": forms.InterviewForm(auto_id="id_interview_%s"),
                    "checklist": forms.ChecklistForm(auto_id="id_checklist_%s"),
                    "declaration": forms.DeclarationForm(auto_id="id_declaration_%s"),
                    "conclusion": forms.ConclusionForm(auto_id="id_conclusion_%s"),
                    "decision": forms.DecisionForm(auto_id="id_decision_%s"),
                },
            }
        )
    return render(request, "vetting/home.html", context)


def _answer(values: dict[str, Any], row: Any) -> dict[str, Any]:
    """A checklist answer with its answer shown by name."""
    answers = dict(forms.ChecklistForm.base_fields["answer"].choices)  # type: ignore[attr-defined]
    return {"row": row, "values": values, "label": answers.get(values.get("answer"), "—")}


def _done(request: HttpRequest, reference: str, error: str | None = None) -> HttpResponse:
    if error:
        messages.error(request, error)
    return redirect("vetting:home", reference=reference)


@requires(Perm.VET)
@require_POST
def start(request: HttpRequest, reference: str) -> HttpResponse:
    """Start the case's vetting record (its key is made for every vetter of the case)."""
    _open(request, reference, "vetting_edited")
    return redirect("vetting:home", reference=reference)


@requires(Perm.VET)
@require_http_methods(["GET", "POST"])
def evidence_new(request: HttpRequest, reference: str) -> HttpResponse:
    va = _open(request, reference, "vetting_edited")
    form = forms.EvidenceForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        values = {k: data[k] for k in ("title", "description", "source_address", "captured_on")}
        try:
            services.add_evidence(va, data["kind"], values, data["retention_date"], data["file"])
        except services.VettingError as exc:
            form.add_error("file" if data["file"] else None, str(exc))
        else:
            return _done(request, reference)
    return render(
        request,
        "vetting/form.html",
        {"form": form, "case": va.case.case, "title": _("Add evidence"), "multipart": True},
    )


@requires(Perm.VET)
@require_POST
def interview_new(request: HttpRequest, reference: str) -> HttpResponse:
    va = _open(request, reference, "vetting_edited")
    form = forms.InterviewForm(request.POST)
    if not form.is_valid():
        return _done(request, reference, _("The interview needs a date that is not in the future."))
    try:
        services.add_interview(va, form.cleaned_data["held_on"], form.cleaned_data["notes"])
    except services.VettingError as exc:
        return _done(request, reference, str(exc))
    return _done(request, reference)


@requires(Perm.VET)
@require_http_methods(["GET", "POST"])
def claim_new(request: HttpRequest, reference: str, interview: int) -> HttpResponse:
    va = _open(request, reference, "vetting_edited")
    row = Interview.objects.filter(vetting=va.vetting, pk=interview).first()
    if row is None or va.key is None:
        raise Http404
    choices = [
        (e["item"].pk, (e["values"] or {}).get("title") or e["item"].get_kind_display())
        for e in _evidence_rows(va)
        if e["values"] is not None
    ]
    form = forms.ClaimForm(request.POST or None, evidence=choices)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.add_claim(
            va,
            row,
            data["topic"],
            data["subject"],
            form.statement(),
            data["status"],
            data["evidence"],
        )
        return _done(request, reference)
    return render(
        request,
        "vetting/form.html",
        {"form": form, "case": va.case.case, "title": _("Add a claim")},
    )


def _post_action(
    request: HttpRequest, reference: str, form_class: type[Any], action: Any
) -> HttpResponse:
    va = _open(request, reference, "vetting_edited")
    form = form_class(request.POST)
    if not form.is_valid():
        return _done(request, reference, _("Fill in every field of the form."))
    try:
        action(va, form.cleaned_data)
    except services.VettingError as exc:
        return _done(request, reference, str(exc))
    return _done(request, reference)


@requires(Perm.VET)
@require_POST
def checklist(request: HttpRequest, reference: str) -> HttpResponse:
    return _post_action(
        request,
        reference,
        forms.ChecklistForm,
        lambda va, d: services.answer_checklist(va, d["item"], d["answer"], d["reasoning"]),
    )


@requires(Perm.VET)
@require_POST
def declare(request: HttpRequest, reference: str) -> HttpResponse:
    return _post_action(
        request,
        reference,
        forms.DeclarationForm,
        lambda va, d: services.declare_interests(va, d["has_conflict"] == "yes", d["note"]),
    )


@requires(Perm.VET)
@require_POST
def conclude(request: HttpRequest, reference: str) -> HttpResponse:
    return _post_action(
        request,
        reference,
        forms.ConclusionForm,
        lambda va, d: services.conclude(va, d["conclusion"], d["confidence"], d["reasoning"]),
    )


@requires(Perm.VET)
@require_POST
def decide(request: HttpRequest, reference: str) -> HttpResponse:
    return _post_action(
        request, reference, forms.DecisionForm, lambda va, d: services.decide(va, d["rationale"])
    )
