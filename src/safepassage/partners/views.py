"""Partner pages for coordinators: our card, the registry, the inbox. Thin views over services.

Case pages (consent, sending, receipts) are in `views_case`; the public inbox endpoint in
`views_public`. Panels on the case page and its access page are registered here.
"""

from __future__ import annotations

import os
import uuid
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from safepassage.accounts.decorators import fresh_auth_required, staff_of
from safepassage.accounts.models import Staff
from safepassage.core.access import requires
from safepassage.core.roles import Perm, Role
from safepassage.partners import card as cards
from safepassage.partners import forms, inbox, services, updates
from safepassage.partners.models import ExchangeKey, InboxItem, InboxStatus, Partner
from safepassage.partners.services import PartnerError
from safepassage.vault import session as vault_session
from safepassage.vault.files import IncomingFile, UploadRefused, read_upload


def _partner(request: HttpRequest, pk: int) -> Partner:
    return get_object_or_404(Partner, pk=pk, organisation_id=staff_of(request).organisation_id)


def _item(request: HttpRequest, pk: int) -> InboxItem:
    return get_object_or_404(
        InboxItem.objects.select_related("message__partner"),
        pk=pk,
        organisation_id=staff_of(request).organisation_id,
    )


def _own(staff: Staff) -> dict[str, Any]:
    key = ExchangeKey.objects.filter(
        organisation_id=staff.organisation_id, retired_at__isnull=True
    ).first()
    if key is None:
        return {"key": None}
    card = services.our_card(staff.organisation_id)
    return {"key": key, "card": card, "words": services.our_words(staff.organisation_id)}


@requires(Perm.PARTNERS)
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    staff = staff_of(request)
    return render(
        request,
        "partners/home.html",
        {
            "own": _own(staff),
            "partners": Partner.objects.filter(organisation_id=staff.organisation_id),
            "waiting": inbox.waiting(staff.organisation_id),
            "card_form": forms.CardForm(),
            "inbox_form": forms.InboxForm(
                initial={"inbox": (_own(staff).get("key") or ExchangeKey()).inbox_url}
            ),
            "receive_form": forms.ReceiveForm(),
        },
    )


@requires(Perm.PARTNERS)
@require_POST
def make_card(request: HttpRequest) -> HttpResponse:
    services.current_key(staff_of(request).organisation_id)
    return redirect("partners:home")


@requires(Perm.PARTNERS)
@require_GET
def card_download(request: HttpRequest) -> HttpResponse:
    staff = staff_of(request)
    if not ExchangeKey.objects.filter(organisation_id=staff.organisation_id).exists():
        raise Http404
    card = services.our_card(staff.organisation_id)
    response = HttpResponse(card.to_json(), content_type="application/json")
    response["Content-Disposition"] = 'attachment; filename="partner-card.json"'
    return response


@requires(Perm.PARTNERS)
@require_POST
def set_inbox(request: HttpRequest) -> HttpResponse:
    form = forms.InboxForm(request.POST)
    try:
        if not form.is_valid():
            raise PartnerError(_("The inbox must be an https:// address."))
        services.set_inbox(staff_of(request), form.cleaned_data["inbox"])
    except PartnerError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Saved. Send partners our card again."))
    return redirect("partners:home")


@requires(Perm.PARTNERS)
@require_POST
@fresh_auth_required
def rotate(request: HttpRequest) -> HttpResponse:
    services.rotate_key(staff_of(request))
    messages.success(
        request,
        _("A new key is on our card. Send the card to every partner; no new comparison is needed."),
    )
    return redirect("partners:home")


@requires(Perm.PARTNERS)
@require_POST
def add(request: HttpRequest) -> HttpResponse:
    form = forms.CardForm(request.POST, request.FILES)
    missing = _("Choose their card file or paste its text.")
    try:
        if not form.is_valid():
            raise PartnerError(missing)
        upload = form.cleaned_data.get("card")
        if isinstance(upload, IncomingFile):
            raw = read_upload(upload, cards.CARD_MAX_BYTES, missing=missing)
        else:
            raw = form.cleaned_data.get("text", "").encode("utf-8")
        if not raw:
            raise PartnerError(missing)
        partner, outcome = services.add_partner(staff_of(request), raw)
    except (PartnerError, UploadRefused) as exc:
        messages.error(request, str(exc))
        return redirect("partners:home")
    texts = {
        "added": _("Added. Compare the fingerprint words with them before anything is exchanged."),
        "updated": _("Their newer card, signed by the key we hold, is now in use."),
        "rotated": _("Their new keys, endorsed by the key we held, are now in use."),
        "unchanged": _("We already hold this card."),
    }
    messages.success(request, texts[outcome])
    return redirect("partners:detail", pk=partner.pk)


@requires(Perm.PARTNERS)
@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    partner = _partner(request, pk)
    staff = staff_of(request)
    return render(
        request,
        "partners/detail.html",
        {
            "partner": partner,
            "words": services.partner_words(partner),
            "our_words": services.our_words(staff.organisation_id)
            if ExchangeKey.objects.filter(organisation_id=staff.organisation_id).exists()
            else [],
            "words_form": forms.WordsForm(),
            "revoke_form": forms.RevokeForm(),
            "handovers": partner.handovers.select_related("case", "message", "receipt")[:100],
        },
    )


@requires(Perm.PARTNERS)
@require_POST
def verify(request: HttpRequest, pk: int) -> HttpResponse:
    partner = _partner(request, pk)
    form = forms.WordsForm(request.POST)
    try:
        if not form.is_valid():
            raise PartnerError(_("Type the ten words they read to you."))
        services.verify_partner(staff_of(request), partner, form.cleaned_data["words"])
    except PartnerError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("Verified: cases can now be exchanged with %(name)s.") % {"name": partner.name},
        )
    return redirect("partners:detail", pk=partner.pk)


@requires(Perm.PARTNERS)
@require_POST
@fresh_auth_required
def revoke(request: HttpRequest, pk: int) -> HttpResponse:
    partner = _partner(request, pk)
    form = forms.RevokeForm(request.POST)
    try:
        if not form.is_valid():
            raise PartnerError(_("Choose why the partner is revoked."))
        services.revoke_partner(staff_of(request), partner, form.cleaned_data["reason"])
    except PartnerError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Revoked: nothing more goes to it or comes from it."))
    return redirect("partners:detail", pk=partner.pk)


@requires(Perm.PARTNERS)
@require_http_methods(["GET", "POST"])
def receive(request: HttpRequest) -> HttpResponse:
    """A file from a partner: a bundle goes to the inbox, a receipt is matched at once."""
    form = forms.ReceiveForm()
    error = ""
    if request.method == "POST":
        upload = request.FILES.get("file")
        path = inbox.folder("incoming") / f"{uuid.uuid4().hex}.age"
        try:
            if not isinstance(upload, IncomingFile):
                raise PartnerError(_("Choose a file to upload."))
            if upload.too_large or upload.plain_size > inbox.limit():
                raise PartnerError(_("Refused: %(why)s") % {"why": inbox.reason_text("too_large")})
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as out:
                for chunk in upload.plaintext_chunks():
                    out.write(chunk)
            result = inbox.receive(path, via="file")
        except PartnerError as exc:
            error = str(exc)
        else:
            if isinstance(result, InboxItem):
                return redirect("partners:item", pk=result.pk)
            messages.success(request, _("The receipt verifies; it is recorded on the case."))
            return redirect("cases:detail", reference=result.case.reference)
        finally:
            path.unlink(missing_ok=True)
            if isinstance(upload, IncomingFile):
                upload.discard()
    return render(
        request,
        "partners/receive.html",
        {"form": form, "error": error},
        status=400 if error else 200,
    )


def _colleagues(staff: Staff) -> list[tuple[int, str]]:
    return [
        (s.pk, f"{s.display_name} ({s.get_role_display()})")
        for s in Staff.objects.filter(
            organisation_id=staff.organisation_id, is_active=True, vault_key__isnull=False
        )
        .exclude(role__in=[Role.AUDITOR, Role.COORDINATOR])
        .order_by("display_name")
    ]


@requires(Perm.PARTNERS)
@require_GET
def item(request: HttpRequest, pk: int) -> HttpResponse:
    entry = _item(request, pk)
    staff = staff_of(request)
    context: dict[str, Any] = {
        "item": entry,
        "sections": inbox.section_labels(entry.scope),
        "form": forms.ImportForm(staff=_colleagues(staff)),
    }
    if entry.message.kind == "update" and entry.status == InboxStatus.WAITING:
        try:
            context["preview"] = updates.preview(staff, vault_session.current(request), entry)
        except PartnerError as exc:
            context["error"] = str(exc)
    return render(request, "partners/item.html", context)


@requires(Perm.PARTNERS)
@require_POST
def item_import(request: HttpRequest, pk: int) -> HttpResponse:
    entry = _item(request, pk)
    staff = staff_of(request)
    vault = vault_session.current(request)
    form = forms.ImportForm(request.POST, staff=_colleagues(staff))
    try:
        if not form.is_valid():
            raise PartnerError(_("Choose who else gets the case, and their role."))
        if entry.message.kind == "update":
            reference = updates.apply(staff, vault, entry).access.case.reference
        else:
            chosen = Staff.objects.filter(pk__in=form.cleaned_data["staff"])
            role = form.cleaned_data["role"]
            access = inbox.import_item(staff, vault, entry, [(s, role) for s in chosen])
            reference = access.case.reference
    except PartnerError as exc:
        messages.error(request, str(exc))
        return redirect("partners:item", pk=entry.pk)
    messages.success(request, _("Imported. The receipt is ready for the sender."))
    return redirect("cases:detail", reference=reference)


@requires(Perm.PARTNERS)
@require_POST
def item_decline(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        inbox.decline(staff_of(request), _item(request, pk))
    except PartnerError as exc:
        messages.error(request, str(exc))
    return redirect("partners:home")


@requires(Perm.PARTNERS)
@require_GET
def item_receipt(request: HttpRequest, pk: int) -> HttpResponse:
    entry = _item(request, pk)
    if entry.receipt is None:
        raise Http404
    response = HttpResponse(bytes(entry.receipt), content_type="application/octet-stream")
    response["Content-Disposition"] = f'attachment; filename="receipt-{entry.receipt_id[:8]}.age"'
    return response
