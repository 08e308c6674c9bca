"""The partner parts of a case: his consent, sending it, receipts, and the panels.

Every view opens the case through the gate (`cases.gate.open_case`): 404 for a case the staff
member may not open, whatever the partner part asked for.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from safepassage.accounts.decorators import fresh_auth_required, staff_of
from safepassage.cases.gate import CaseAccess, open_case
from safepassage.core.access import requires
from safepassage.core.roles import Perm, has_permission
from safepassage.partners import channel, forms, handover, inbox, services
from safepassage.partners import scope as scopes
from safepassage.partners.models import Direction, Handover, Partner
from safepassage.partners.services import PartnerError
from safepassage.vault import session as vault_session


def _open(request: HttpRequest, reference: str, purpose: str) -> CaseAccess:
    return open_case(staff_of(request), reference, vault_session.current(request), purpose)


def _partners(access: CaseAccess, verified_only: bool = False) -> list[tuple[int, str]]:
    rows = Partner.objects.filter(
        organisation_id=access.case.organisation_id, revoked_at__isnull=True
    )
    if verified_only:
        rows = rows.filter(verified_at__isnull=False)
    return [(p.pk, p.name) for p in rows]


def case_panel(access: CaseAccess) -> tuple[str, dict[str, Any]] | None:
    """Consents and hand-overs with their receipts. The case's files, received ones included,
    are on the case page's own list, opened as safe copies."""
    handovers = inbox.handovers(access)
    consents = services.consents(access)
    if not (handovers or consents or has_permission(access.staff, Perm.PARTNERS)):
        return None
    return "partners/_case_panel.html", {
        "reference": access.case.reference,
        "handovers": handovers,
        "consents": consents,
        "consent_ways": services.CONSENT_WAYS,
        "can_send": has_permission(access.staff, Perm.PARTNERS),
        "consent_form": forms.ConsentForm(partners=_partners(access)),
        "waiting_receipts": any(
            h.direction == Direction.OUT and h.receipt_id is None and h.message.via == "https"
            for h in handovers
        ),
    }


def access_panel(access: CaseAccess) -> tuple[str, dict[str, Any]] | None:
    """Which partners hold which parts of the case, on its access page."""
    rows = Handover.objects.filter(case=access.case).select_related("partner", "receipt")
    held = [
        {
            "handover": h,
            "sections": inbox.section_labels(h.scope),
        }
        for h in rows
    ]
    return "partners/_access_panel.html", {"held": held}


@requires(Perm.PARTNERS)
@require_POST
def consent(request: HttpRequest, reference: str) -> HttpResponse:
    access = _open(request, reference, "consent_recorded")
    form = forms.ConsentForm(request.POST, partners=_partners(access))
    try:
        if not form.is_valid():
            raise PartnerError(
                _("Choose the partner, what he agreed to share, and how he said it.")
            )
        partner = Partner.objects.get(pk=form.cleaned_data["partner"])
        services.record_consent(
            access, partner, form.cleaned_data["sections"], form.cleaned_data["how"]
        )
    except PartnerError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("His consent is recorded."))
    return redirect("cases:detail", reference=reference)


@requires(Perm.PARTNERS)
@require_POST
def consent_withdraw(request: HttpRequest, reference: str, partner_pk: int) -> HttpResponse:
    access = _open(request, reference, "consent_withdrawn")
    partner = Partner.objects.filter(
        pk=partner_pk, organisation_id=access.case.organisation_id
    ).first()
    if partner is None:
        raise Http404
    try:
        services.withdraw_consent(access, partner)
    except PartnerError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("His consent is withdrawn: nothing more goes to them."))
    return redirect("cases:detail", reference=reference)


class _SentFile:
    """The bundle file handed to the response, deleted once the response is done with it."""

    def __init__(self, path: Any) -> None:
        self.path = path
        self.handle = path.open("rb")

    def read(self, size: int = -1) -> bytes:
        data: bytes = self.handle.read(size)
        return data

    def close(self) -> None:
        self.handle.close()
        self.path.unlink(missing_ok=True)


@requires(Perm.PARTNERS)
@require_http_methods(["GET", "POST"])
@fresh_auth_required
def send(request: HttpRequest, reference: str) -> HttpResponseBase:
    """Choose the partner and the scope; download the bundle or deliver it to their inbox."""
    access = _open(
        request, reference, "handover_prepared" if request.method == "GET" else "handover_sent"
    )
    people = [(p.pk, _person_label(access, p)) for p in scopes.family(access)]
    files = [
        (row.id.hex, f"{meta.name} ({filesizeformat(meta.size)})")
        for row, meta in scopes.case_files(access)
    ]
    links = sorted(
        {
            (
                h.first_id,
                _("An update of %(id)s… (%(name)s)")
                % {"id": h.first_id[:8], "name": h.partner.name},
            )
            for h in inbox.handovers(access)
        }
    )
    preset = request.GET.get("preset", "")
    initial = {"sections": list(scopes.PRESETS.get(preset, scopes.REQUIRED))}
    form = forms.SendForm(
        request.POST or None,
        partners=_partners(access, verified_only=True),
        people=people,
        files=files,
        links=links,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        partner = Partner.objects.get(pk=data["partner"])
        scope = scopes.Scope(data["sections"], data["people"], data["chosen_files"])
        try:
            if data["via"] == "https":
                handover.send_to_inbox(access, partner, scope, data["update_of"])
                messages.success(
                    request,
                    _("Delivered to %(name)s's inbox. Their receipt comes once they import it.")
                    % {"name": partner.name},
                )
                return redirect("cases:detail", reference=reference)
            path = inbox.folder("outbox") / f"{uuid.uuid4().hex}.age"
            sent = handover.send_to_file(access, partner, scope, path, data["update_of"])
        except PartnerError as exc:
            form.add_error(None, str(exc))
        else:
            name = f"handover-{reference}-{sent.handover.message.message_id[:8]}.age"
            return FileResponse(
                _SentFile(path),
                as_attachment=True,
                filename=name,
                content_type="application/octet-stream",
            )
    return render(
        request,
        "partners/send.html",
        {
            "case": access.case,
            "form": form,
            "presets": scopes.PRESETS,
            "consents": services.consents(access),
        },
        status=400 if form.errors else 200,
    )


def _person_label(access: CaseAccess, person: Any) -> str:
    from safepassage.vault import fields

    name = fields.read(access.key, person, "name_cyrillic") or ""
    return f"{person.get_kind_display()}: {name}"


@requires(Perm.PARTNERS)
@require_POST
def receipts(request: HttpRequest, reference: str) -> HttpResponse:
    """Ask the partners' inboxes for the receipts this case still waits for."""
    _open(request, reference, "receipts_requested")
    try:
        _asked, verified = channel.fetch_receipts()
    except PartnerError as exc:
        messages.error(request, str(exc))
    else:
        if verified:
            messages.success(request, _("Receipt verified."))
        else:
            messages.info(request, _("No receipt yet: they have not imported it."))
    return redirect("cases:detail", reference=reference)
