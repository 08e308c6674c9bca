"""Issuing attestations on a decided vetting, and downloading them again (coordinators)."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from safepassage.accounts.decorators import fresh_auth_required
from safepassage.accounts.roles import Perm
from safepassage.accounts.views import staff_of
from safepassage.cases.gate import CaseAccess, open_case
from safepassage.cases.models import Person, PersonKind
from safepassage.core.access import requires
from safepassage.screening.models import CaseScreening
from safepassage.vault import fields
from safepassage.vault import session as vault_session
from safepassage.vault.keys import organisation_signer
from safepassage.vetting import attest, pdf
from safepassage.vetting.forms import AttestationForm
from safepassage.vetting.models import (
    Attestation,
    ChecklistAnswer,
    ChecklistItem,
    Evidence,
    Interview,
    Vetting,
)


def _passport_name(access: CaseAccess) -> str:
    """The principal's name as his foreign passport spells it, else the first spelling known."""
    principal = Person.objects.filter(case=access.case, kind=PersonKind.PRINCIPAL).first()
    if principal is None:
        return ""
    spellings = fields.read(access.key, principal, "latin_spellings") or []
    for wanted in ("foreign_passport", None):
        for spelling in spellings:
            if wanted is None or spelling.get("document") == wanted:
                return str(spelling.get("spelling", ""))
    return fields.read(access.key, principal, "name_cyrillic") or ""


def statement_for(
    access: CaseAccess, vetting: Vetting, recipient: str, include_name: bool, valid_days: int
) -> dict[str, Any]:
    """What the organisation states, from the plain facts of the decided vetting."""
    today = timezone.localdate()
    answered = set(ChecklistAnswer.objects.filter(vetting=vetting).values_list("item", flat=True))
    if vetting.decided_at is None:
        raise attest.AttestationError("the vetting has no final decision to attest")
    return attest.make_statement(
        organisation=access.case.organisation.name,
        key_id=organisation_signer(access.case.organisation_id).key_id,
        recipient=recipient,
        reference=access.case.reference,
        name_as_in_passport=_passport_name(access) if include_name else None,
        scope=[code for code in ChecklistItem.values if code in answered],
        interviews=Interview.objects.filter(vetting=vetting).count(),
        assessors=vetting.assessors,
        evidence_items=Evidence.objects.filter(vetting=vetting).count(),
        screening=CaseScreening.objects.filter(case=access.case).exists()
        or ChecklistItem.SCREENING in answered,
        conclusion=vetting.outcome,
        decided_on=timezone.localdate(vetting.decided_at),
        issued_on=today,
        valid_until=today + timedelta(days=valid_days),
    )


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
    form = AttestationForm(request.POST or None)
    if request.method == "POST":
        return _issue(request, access, vetting, form)
    return render(
        request,
        "vetting/attestations.html",
        {
            "case": access.case,
            "vetting": vetting,
            "form": form,
            "issued": Attestation.objects.filter(vetting=vetting),
        },
    )


@fresh_auth_required
def _issue(
    request: HttpRequest, access: CaseAccess, vetting: Vetting, form: AttestationForm
) -> HttpResponse:
    if not form.is_valid():
        return render(
            request,
            "vetting/attestations.html",
            {
                "case": access.case,
                "vetting": vetting,
                "form": form,
                "issued": Attestation.objects.filter(vetting=vetting),
            },
        )
    data = form.cleaned_data
    try:
        statement = statement_for(
            access, vetting, data["recipient"], data["include_name"], data["valid_days"]
        )
        row, _json, _pdf = attest.issue(vetting, access.staff, statement)
    except (attest.AttestationError, pdf.FontMissing) as exc:
        messages.error(request, str(exc))
    else:
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
    signed = attest.signed_json(row)
    if form == "pdf":
        body = pdf.render_signed(json.loads(signed), organisation_id=access.case.organisation_id)
        response = HttpResponse(body, content_type="application/pdf")
    else:
        response = HttpResponse(signed, content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="attestation-{row.id}.{form}"'
    return response
