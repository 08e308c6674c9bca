"""Issuing attestations on a decided vetting, and downloading them again (coordinators)."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from safepassage.accounts.decorators import fresh_auth_required, staff_of
from safepassage.cases.gate import CaseAccess, open_case
from safepassage.core.access import requires
from safepassage.core.roles import Perm
from safepassage.vault import session as vault_session
from safepassage.vetting import attest, facts, issuing, pdf, statement_text
from safepassage.vetting.forms import AttestationForm
from safepassage.vetting.models import Attestation, Vetting
from safepassage.wording import Wording


def _vetting_of(access: CaseAccess) -> Vetting:
    vetting = Vetting.objects.filter(case=access.case).first()
    if vetting is None:
        raise Http404
    return vetting


@requires(Perm.ATTEST)
@require_http_methods(["GET", "POST"])
def attestations(request: HttpRequest, reference: str) -> HttpResponse:
    access = open_case(
        staff_of(request),
        reference,
        vault_session.current(request),
        "attestations_viewed" if request.method == "GET" else "attested",
    )
    vetting = _vetting_of(access)
    found = facts.gather(access, vetting) if vetting.outcome else None
    form = AttestationForm(request.POST or None, warnings=found.warnings if found else [])
    if request.method == "POST":
        return _issue(request, access, vetting, form, found)
    return _page(request, access, vetting, form, found)


def _page(
    request: HttpRequest,
    access: CaseAccess,
    vetting: Vetting,
    form: AttestationForm,
    found: facts.CheckFacts | None,
    status: int = 200,
) -> HttpResponse:
    preview: list[Any] = []
    if found is not None:
        # What it will state about the checks, in the reader's own language.
        wording = Wording((get_language() or "en")[:2])
        missing = [code for code in attest.CHECKLIST_ITEMS if code not in found.examined]
        lines = statement_text.method_lines(wording, found.method, found.examined, missing)
        preview = [statement_text.as_text(wording, line) for line in lines]
    return render(
        request,
        "vetting/attestations.html",
        {
            "case": access.case,
            "vetting": vetting,
            "form": form,
            "preview": preview,
            "warnings": found.warnings if found else [],
            "issued": _with_reasons(Attestation.objects.filter(vetting=vetting)),
        },
        status=status,
    )


def _with_reasons(rows: Any) -> list[Attestation]:
    """Each revoked attestation with its reason in words."""
    out = list(rows)
    for row in out:
        reason = attest.REVOCATION_REASONS.get(row.revoked_reason, row.revoked_reason)
        row.reason_label = _(reason) if reason else ""
    return out


@fresh_auth_required
def _issue(
    request: HttpRequest,
    access: CaseAccess,
    vetting: Vetting,
    form: AttestationForm,
    found: facts.CheckFacts | None,
) -> HttpResponse:
    if found is None:
        messages.error(request, _("There is no final decision to attest yet."))
        return redirect("vetting:attest", reference=access.case.reference)
    if not form.is_valid():
        return _page(request, access, vetting, form, found, status=400)
    data = form.cleaned_data
    try:
        row, _json, _pdf = issuing.issue(
            access,
            vetting,
            recipient=data["recipient"],
            language=data["document_language"],
            include_name=data["include_name"],
            valid_days=data["valid_days"],
            warnings_confirmed=data.get("confirm_warnings", False),
        )
    except (attest.AttestationError, pdf.FontMissing) as exc:
        form.add_error(None, str(exc))
        return _page(request, access, vetting, form, found, status=400)
    messages.success(request, _("Attestation %(id)s issued.") % {"id": row.id})
    return redirect("vetting:attest", reference=access.case.reference)


@requires(Perm.ATTEST)
@require_GET
def download(request: HttpRequest, reference: str, pk: str, form: str) -> HttpResponse:
    access = open_case(
        staff_of(request), reference, vault_session.current(request), "attestation_downloaded"
    )
    row = Attestation.objects.filter(vetting__case=access.case, pk=pk).first()
    if row is None:
        raise Http404
    signed = issuing.signed_json(row)
    if form == "pdf":
        try:
            body = pdf.render_signed(
                json.loads(signed), organisation_id=access.case.organisation_id
            )
        except pdf.OldFormat:
            messages.error(
                request,
                _(
                    "This attestation is of an earlier format: its PDF is not made again. "
                    "Download its JSON file."
                ),
            )
            return redirect("vetting:attest", reference=access.case.reference)
        response = HttpResponse(body, content_type="application/pdf")
    else:
        response = HttpResponse(signed, content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="attestation-{row.id}.{form}"'
    return response
