"""The public verification page, the signed revocation list, and revocation by a coordinator.

The verification page is for authorities without an account: it sets no cookie, so its form
carries no CSRF token. A post another site made a browser send is refused by `Sec-Fetch-Site`
instead; the page changes nothing, so the worst a forged post could do is show a verdict.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from safepassage.accounts.decorators import fresh_auth_required, staff_of
from safepassage.core.access import public, requires
from safepassage.core.csrf import same_origin_post
from safepassage.core.roles import Perm
from safepassage.crypto.signing import key_id
from safepassage.vault.files import UploadRefused, read_upload
from safepassage.vault.models import OrganisationKeyring, RetiredSigningKey
from safepassage.vetting import attest, hooks, issuing, pdf, statement_text
from safepassage.vetting.models import Attestation, SigningCertificate
from safepassage.wording import Wording

# An empty token over the context processor's: base.html's {% csrf_token %} then renders nothing
# and never asks for the CSRF cookie, so the page sets none (see the module docstring).
NO_TOKEN = ""


# Room for the multipart boundaries and headers around the file.
FORM_OVERHEAD = 64 * 1024


def too_large(limit: int) -> str:
    return _("The file is larger than %(mb)d MB: it is not an attestation.") % {
        "mb": limit // (1024 * 1024)
    }


def _published() -> dict[str, Any]:
    """What the page publishes: the Ed25519 key and the PDF certificate of the organisation."""
    keyring = OrganisationKeyring.objects.select_related("organisation").order_by("pk").first()
    if keyring is None:
        return {}
    public_key = bytes(keyring.signing_public)
    certificate = SigningCertificate.objects.filter(organisation_id=keyring.organisation_id).first()
    return {
        "organisation": keyring.organisation.name,
        "key_id": key_id(public_key),
        "public_key": public_key.hex(),
        "certificate_pem": certificate.certificate_pem if certificate else "",
        "certificate_fingerprint": pdf.fingerprint(certificate.certificate_pem)
        if certificate
        else "",
        "addresses": pdf.verification_addresses(),
        # Keys retired by a rotation: what they signed still verifies here.
        "retired": [
            {
                "key_id": old.key_id,
                "public_hex": bytes(old.public).hex(),
                "in_use_since": old.in_use_since,
                "retired_at": old.retired_at,
            }
            for old in RetiredSigningKey.objects.filter(organisation_id=keyring.organisation_id)
        ],
    }


def statement_facts(statement: dict[str, Any]) -> list[tuple[str, str]]:
    """The statement in plain words, in the reader's language (from the documents catalogue,
    so the page says what the PDF says)."""
    w = Wording((get_language() or "en")[:2])
    subject = statement["subject"]
    recipient = statement["recipient"]
    facts = [
        (w.text("Attestation (id)"), statement["id"]),
        (
            w.text("Issued by"),
            f"{statement['issuer']['organisation']} ({statement['issuer']['key_id']})",
        ),
        (w.text("Recipient"), recipient["name"] if isinstance(recipient, dict) else recipient),
        (w.text("Case reference"), subject["reference"]),
    ]
    if statement["version"] == 1:
        # Issued before attestations stated their facts from the records.
        method = statement["method"]
        if "name_as_in_passport" in subject:
            facts.append((w.text("Name as in the passport"), subject["name_as_in_passport"]))
        facts += [
            (w.text("Conclusion"), statement_text.conclusion(w, statement["conclusion"])),
            (
                w.text("How the person was checked"),
                _(
                    "as stated in an attestation of the earlier format: %(interviews)d "
                    "interviews, %(assessors)d assessors, %(evidence)d items of evidence, "
                    "screening marked %(screening)s by a vetter"
                )
                % {
                    "interviews": method["interviews"],
                    "assessors": method["assessors"],
                    "evidence": method["evidence_items"],
                    "screening": _("done") if method["screening"] else _("not done"),
                },
            ),
        ]
    else:
        if "name" in subject:
            facts += [
                (label, text) for _s, label, text in statement_text.name_lines(w, subject["name"])
            ]
        facts.append((w.text("Conclusion"), statement_text.conclusion(w, statement["conclusion"])))
        lines = statement_text.method_lines(
            w, statement["method"], statement["examined"], statement["not_examined"]
        )
        facts += [(label, text) for _style, label, text in lines]
    facts += [
        (w.text("Date of the decision"), statement["decided_on"]),
        (w.text("Date of issue"), statement["issued_on"]),
        (w.text("Valid until"), statement["valid_until"]),
    ]
    return facts


@public
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
@same_origin_post(gettext_lazy("Refused: this form was sent from another site."))
def verify(request: HttpRequest) -> HttpResponse:
    """Explain how to check an attestation, and check an uploaded one."""
    context: dict[str, Any] = {"published": _published(), "csrf_token": NO_TOKEN}
    status = 200
    if request.method == "POST":
        try:
            # Refused before the body is read: no attestation comes near this size.
            if int(request.META.get("CONTENT_LENGTH") or 0) > pdf.MAX_PDF_BYTES + FORM_OVERHEAD:
                raise UploadRefused(too_large(pdf.MAX_PDF_BYTES))
            raw = read_upload(
                request.FILES.get("file"),
                pdf.MAX_PDF_BYTES,
                missing=_("Choose the attestation file (PDF or JSON) to check."),
                too_large=too_large(pdf.MAX_PDF_BYTES),
            )
        except UploadRefused as exc:
            context["error"] = str(exc)
            status = 400
        else:
            verdict = pdf.verify_file(
                raw,
                today=timezone.localdate(),
                trusted_keys=issuing.trusted_keys_here(),
                revoked=issuing.revoked_here(),
            )
            context["verdict"] = verdict
            # The reasons are English sentences marked in attest and pdf; shown translated.
            context["reason"] = _(verdict.reason)
            if verdict.statement is not None:
                context["facts"] = statement_facts(verdict.statement)
                context["notes"] = hooks.verification_notes(raw)
    return render(request, "vetting/verify.html", context, status=status)


@public
@require_safe
def revocations(request: HttpRequest) -> HttpResponse:
    """The signed list of revoked attestations (JSON, verifiable with the public key alone)."""
    try:
        document = issuing.revocation_list()
    except LookupError:
        raise Http404 from None
    return HttpResponse(attest.dumps(document), content_type="application/json; charset=utf-8")


class RevokeForm(forms.Form):
    reason = forms.ChoiceField(
        label=gettext_lazy("Reason"),
        choices=[(code, gettext_lazy(label)) for code, label in attest.REVOCATION_REASONS.items()],
    )


@requires(Perm.ATTEST)
@require_http_methods(["GET", "POST"])
@fresh_auth_required
def revoke(request: HttpRequest, pk: Any) -> HttpResponse:
    """Revoke an attestation of one's own organisation; it joins the published revocation list."""
    staff = staff_of(request)
    attestation = get_object_or_404(
        Attestation, pk=pk, vetting__case__organisation_id=staff.organisation_id
    )
    form = RevokeForm(request.POST if request.method == "POST" else None)
    error = ""
    status = 200
    if request.method == "POST":
        if not form.is_valid():
            status = 400
        else:
            try:
                issuing.revoke(attestation, by=staff, reason=form.cleaned_data["reason"])
            except attest.AttestationError:
                error = _("This attestation was already revoked.")
                status = 409
            else:
                messages.success(request, _("The attestation is revoked."))
                return redirect("verify:revoke", pk=attestation.pk)
    reasons = {code: gettext_lazy(label) for code, label in attest.REVOCATION_REASONS.items()}
    context = {
        "attestation": attestation,
        "form": form,
        "error": error,
        "revoked_reason": reasons.get(attestation.revoked_reason, ""),
    }
    return render(request, "vetting/verify_revoke.html", context, status=status)
