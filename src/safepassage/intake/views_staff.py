"""Triage and outreach pages for staff. Every thread is reached through `triage.open_thread`,
which needs the intake key (and, for a thread linked to a case, the case gate)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from safepassage.accounts.decorators import fresh_auth_required, staff_of
from safepassage.cases.models import Country
from safepassage.core.access import requires
from safepassage.core.roles import Perm
from safepassage.intake import forms, outreach, triage, views_files
from safepassage.intake.models import Conversation, Status
from safepassage.vault import session as vault_session
from safepassage.vault.intake import holds_intake_key

PAGE_SIZE = 50


@requires(Perm.TRIAGE_INTAKE)
@require_GET
def queue(request: HttpRequest) -> HttpResponse:
    """Threads waiting, those in danger now first; no content until one is opened."""
    staff = staff_of(request)
    show = request.GET.get("show", "waiting")
    threads = Conversation.objects.annotate(
        received=Count("messages", distinct=True),
        files=Count("messages__attachments", distinct=True),
    ).select_related("case")
    if show == "waiting":
        threads = threads.filter(unread=True).exclude(status=Status.ABUSE)
    elif show in Status.values:
        threads = threads.filter(status=show)
    page_obj = Paginator(threads.order_by("-urgent", "-last_on", "-pk"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "intake/triage_queue.html",
        {
            "page": page_obj,
            "show": show,
            "statuses": Status.choices,
            "holds_key": holds_intake_key(staff.pk),
            "waiting": Conversation.objects.filter(unread=True)
            .exclude(status=Status.ABUSE)
            .count(),
        },
    )


def _labels(payload: dict[str, Any]) -> dict[str, Any]:
    return {
        "who": forms.label_of(forms.WHO, payload.get("who")),
        "situation": forms.label_of(forms.SITUATION, payload.get("situation")),
        "urgency": forms.label_of(forms.URGENCY, payload.get("urgency")),
        "reply_via": forms.label_of(forms.REPLY_VIA, payload.get("reply_via")),
        "country": Country.name_of(payload["country"]) if payload.get("country") else "",
    }


@requires(Perm.TRIAGE_INTAKE)
@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    thread = triage.open_thread(staff_of(request), vault_session.current(request), pk)
    views_files.fill_doors(thread)
    return render(
        request,
        "intake/triage_thread.html",
        {
            "thread": thread,
            "first": thread.first(),
            "labels": _labels(thread.first()),
            "reply_form": forms.ReplyForm(),
        },
    )


@requires(Perm.TRIAGE_INTAKE)
@require_POST
def reply(request: HttpRequest, pk: int) -> HttpResponse:
    form = forms.ReplyForm(request.POST)
    if not form.is_valid():
        thread = triage.open_thread(staff_of(request), vault_session.current(request), pk)
        views_files.fill_doors(thread)
        return render(
            request,
            "intake/triage_thread.html",
            {
                "thread": thread,
                "first": thread.first(),
                "labels": _labels(thread.first()),
                "reply_form": form,
            },
            status=400,
        )
    try:
        triage.reply(
            staff_of(request), vault_session.current(request), pk, form.cleaned_data["text"]
        )
    except triage.TriageError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Reply sealed and sent."))
    return redirect("intake:triage_thread", pk=pk)


@requires(Perm.TRIAGE_INTAKE)
@require_POST
def read(request: HttpRequest, pk: int) -> HttpResponse:
    triage.mark_read(staff_of(request), vault_session.current(request), pk)
    messages.success(request, _("Marked as read: the thread has left the waiting list."))
    return redirect("intake:triage")


@requires(Perm.TRIAGE_INTAKE)
@require_POST
def abuse(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        triage.mark_abuse(staff_of(request), vault_session.current(request), pk)
    except triage.TriageError as exc:
        messages.error(request, str(exc))
        return redirect("intake:triage_thread", pk=pk)
    messages.success(request, _("Marked as abuse."))
    return redirect("intake:triage")


def _case_initial(thread: triage.Thread) -> dict[str, Any]:
    first = thread.first()
    labels = _labels(first)
    summary = _("%(who)s. Situation: %(situation)s. Urgency: %(urgency)s. (From intake.)") % labels
    channel = first.get("reply_via") or "site"
    return {
        "principal_name": "",
        "country": first.get("country") or "",
        "contact_channel": channel,
        "contact_handle": first.get("handle", "") if channel != "site" else "",
        "summary": summary,
        "retention_date": timezone.localdate() + timedelta(days=settings.CASE_RETENTION_DAYS),
        "first_note": thread.incoming_text(),
    }


@requires(Perm.TRIAGE_INTAKE)
@require_http_methods(["GET", "POST"])
def to_case(request: HttpRequest, pk: int) -> HttpResponse:
    """A new case pre-filled with what the person gave."""
    staff = staff_of(request)
    vault = vault_session.current(request)
    thread = triage.open_thread(staff, vault, pk, purpose="opened_for_case")
    if request.method == "GET":
        form = forms.CaseFromIntakeForm(initial=_case_initial(thread))
    else:
        form = forms.CaseFromIntakeForm(request.POST)
        if form.is_valid() and not form.needs_confirmation():
            data = form.cleaned_data
            values = {
                "principal_name": data["principal_name"],
                "country": data["country"] or None,
                "retention_date": data["retention_date"],
                "contact_channel": data["contact_channel"],
                "contact_handle": data["contact_handle"],
                "summary": data["summary"],
            }
            try:
                access = triage.turn_into_case(
                    staff, vault, pk, values, data["first_note"], form.confirmed_kinds()
                )
            except (triage.TriageError, ValueError) as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(
                    request,
                    _("Case %(ref)s created from the message.") % {"ref": access.case.reference},
                )
                return redirect("cases:detail", reference=access.case.reference)
    warnings = form.shown_warnings()
    return render(
        request, "intake/triage_case.html", {"thread": thread, "form": form, "warnings": warnings}
    )


@requires(Perm.TRIAGE_INTAKE)
@require_http_methods(["GET", "POST"])
def attach(request: HttpRequest, pk: int) -> HttpResponse:
    """Link the thread to one of this staff member's own cases."""
    staff = staff_of(request)
    vault = vault_session.current(request)
    thread = triage.open_thread(staff, vault, pk, purpose="opened_for_case")
    references = [(r, r) for r in triage.own_case_references(staff)]
    if request.method == "GET":
        form = forms.AttachForm(initial={"note": thread.incoming_text()}, references=references)
    else:
        form = forms.AttachForm(request.POST, references=references)
        if form.is_valid() and not form.needs_confirmation():
            try:
                access = triage.attach_to_case(
                    staff,
                    vault,
                    pk,
                    form.cleaned_data["reference"],
                    form.cleaned_data["note"],
                    form.confirmed_kinds(),
                )
            except triage.TriageError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(
                    request,
                    _("The message was added to case %(ref)s.") % {"ref": access.case.reference},
                )
                return redirect("cases:detail", reference=access.case.reference)
    warnings = form.shown_warnings()
    return render(
        request, "intake/triage_attach.html", {"thread": thread, "form": form, "warnings": warnings}
    )


# -- outreach pages ------------------------------------------------------------------------------


@requires(Perm.EDIT_OUTREACH)
@require_GET
def outreach_list(request: HttpRequest) -> HttpResponse:
    pages = [
        (slug, language, outreach.page(slug, language))
        for slug in outreach.SLUGS
        for language in outreach.LANGUAGES
    ]
    return render(request, "intake/outreach_list.html", {"pages": pages})


@requires(Perm.EDIT_OUTREACH)
@require_http_methods(["GET", "POST"])
@fresh_auth_required
def outreach_edit(request: HttpRequest, slug: str, language: str) -> HttpResponse:
    """Edit one page in one language. Re-authentication first: a taken-over account must not
    be able to put words of its own on the pages people trust."""
    current = outreach.page(slug, language)
    if current is None:
        raise Http404
    if request.method == "POST":
        form = forms.OutreachForm(request.POST)
        if form.is_valid():
            outreach.save(
                staff_of(request),
                slug,
                language,
                form.cleaned_data["title"],
                form.cleaned_data["body"],
            )
            messages.success(request, _("Page saved."))
            return redirect("intake:outreach_edit", slug=slug, language=language)
    else:
        form = forms.OutreachForm(initial={"title": current.title, "body": current.body})
    preview = outreach.render(
        form.data.get("body", current.body) if form.is_bound else current.body
    )
    return render(
        request,
        "intake/outreach_edit.html",
        {"form": form, "slug": slug, "language": language, "preview": preview},
    )
