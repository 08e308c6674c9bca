"""The public pages: Russian at /, English at /en/. No account, no JavaScript, no cookie until the
person enters his codename, nothing loaded from another host."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import (
    require_http_methods,
    require_POST,
    require_safe,
)

from safepassage.accounts.models import Organisation
from safepassage.core.access import public
from safepassage.crypto.signing import key_id
from safepassage.intake import attachments, followup, forms, outreach, services
from safepassage.intake.attachments import Refused
from safepassage.intake.guards import in_url_language, language_of, same_origin_post
from safepassage.intake.models import Conversation
from safepassage.intake.services import Busy
from safepassage.vault.files import IncomingFile
from safepassage.vault.models import OrganisationKeyring

PAGES = ("landing", "write", "follow_up", "thread", "leave", "page", "verify")


def _links(request: HttpRequest) -> dict[str, Any]:
    """URLs of the public pages in this page's language, and this page in the other one."""
    language = language_of(request)
    other = "en" if language == "ru" else "ru"
    links = {name: reverse(f"intake:{language}:{name}") for name in PAGES if name != "page"}
    links.update(
        {
            slug.replace("-", "_"): reverse(f"intake:{language}:page", args=[slug])
            for slug in outreach.SLUGS
        }
    )
    match = request.resolver_match
    switch = reverse(f"intake:{other}:{match.url_name}", kwargs=match.kwargs) if match else "/"
    organisation = Organisation.objects.order_by("pk").values_list("name", flat=True).first()
    return {
        "links": links,
        "switch_url": switch,
        "switch_label": "English" if other == "en" else "Русский",
        "switch_lang": other,
        "lang": language,
        "organisation_name": organisation or "safepassage",
    }


def _page(request: HttpRequest, template: str, status: int = 200, **context: Any) -> HttpResponse:
    context.setdefault("accept_files", attachments.accept_attribute())
    return render(request, template, {**_links(request), **context}, status=status)


def _incoming(request: HttpRequest) -> list[IncomingFile]:
    return [f for f in request.FILES.getlist("files") if isinstance(f, IncomingFile)]


def _body_too_large(request: HttpRequest) -> bool:
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return True
    return length > settings.INTAKE_REQUEST_MAX_BYTES


def _too_large_message() -> str:
    return _("What you sent is too large: at most %(mb)d MB in all.") % {
        "mb": settings.INTAKE_REQUEST_MAX_BYTES // 2**20
    }


@public
@csrf_exempt
@in_url_language
@require_safe
def landing(request: HttpRequest) -> HttpResponse:
    return _page(request, "intake/landing.html")


@public
@csrf_exempt
@in_url_language
@same_origin_post
@require_http_methods(["GET", "HEAD", "POST"])
def write(request: HttpRequest) -> HttpResponse:
    """The first message; on success the codename is shown once, in this response only."""
    if request.method in ("GET", "HEAD"):
        return _page(request, "intake/write.html", form=forms.SubmissionForm())
    if _body_too_large(request):
        return _page(
            request,
            "intake/write.html",
            413,
            form=forms.SubmissionForm(),
            refused=_too_large_message(),
        )
    form = forms.SubmissionForm(request.POST)
    files = _incoming(request)
    if not form.is_valid():
        for upload in files:
            upload.discard()
        return _page(request, "intake/write.html", 400, form=form, files_lost=bool(files))
    data = form.cleaned_data
    content = {
        "who": data["who"],
        "situation": data["situation"],
        "country": data["country"],
        "urgency": data["urgency"],
        "reply_via": data["reply_via"],
        "handle": data["handle"],
        "text": data["text"],
        "language": language_of(request),
    }
    try:
        name = services.submit(content, files)
    except Busy as exc:
        return _page(request, "intake/write.html", 503, form=form, refused=str(exc))
    except Refused as exc:
        return _page(request, "intake/write.html", 400, form=form, refused=str(exc))
    return _page(
        request,
        "intake/codename.html",
        words=name.split(" "),
        retention_days=settings.INTAKE_RETENTION_DAYS,
    )


@public
@csrf_exempt
@in_url_language
@same_origin_post
@require_http_methods(["GET", "HEAD", "POST"])
def follow_up(request: HttpRequest) -> HttpResponse:
    """Entering the codename: the person chooses to continue, and only now gets a cookie."""
    if request.method in ("GET", "HEAD"):
        ended = request.GET.get("ended") == "1"
        return _page(request, "intake/follow_up.html", form=forms.CodenameForm(), ended=ended)
    form = forms.CodenameForm(request.POST)
    if not form.is_valid():
        return _codename_page(request, 400, form)
    unsent = form.cleaned_data["text"]
    try:
        cookie = services.sign_in(form.cleaned_data["codename"])
    except Busy as exc:
        return _codename_page(request, 429, _carrying(unsent), refused=str(exc))
    except Refused as exc:
        return _codename_page(request, 400, _carrying(unsent), refused=str(exc))
    opened = followup.opened_by(cookie) if unsent else None
    if opened is not None:
        # What he wrote before his session ended goes back in the thread's form, unsent.
        response = _thread_page(
            request, opened, forms.FollowUpForm(initial={"text": unsent}), carried=True
        )
    else:
        response = HttpResponseRedirect(reverse(f"intake:{language_of(request)}:thread"))
    followup.set_cookie(response, cookie)
    return response


def _carrying(unsent: str) -> forms.CodenameForm:
    """A fresh codename form (the words typed are not shown back) that keeps his unsent text."""
    return forms.CodenameForm(initial={"text": unsent})


def _codename_page(
    request: HttpRequest, status: int, form: forms.CodenameForm, **context: Any
) -> HttpResponse:
    carried = bool(str(form["text"].value() or "").strip())
    return _page(
        request,
        "intake/follow_up.html",
        status,
        form=form,
        carried=carried,
        idle_minutes=settings.INTAKE_FOLLOWUP_IDLE_SECONDS // 60,
        **context,
    )


def _session_over(request: HttpRequest) -> HttpResponse:
    response = HttpResponseRedirect(
        reverse(f"intake:{language_of(request)}:follow_up") + "?ended=1"
    )
    if followup.COOKIE in request.COOKIES:
        followup.clear_cookie(response)
    return response


@public
@csrf_exempt
@in_url_language
@same_origin_post
@require_http_methods(["GET", "POST"])
def thread(request: HttpRequest) -> HttpResponse:
    """The person's thread: our replies, and a form to write again."""
    opened = followup.current(request)
    if opened is not None and not Conversation.objects.filter(pk=opened.conversation_id).exists():
        followup.end(request)  # the thread was deleted (retention) while the session was open
        opened = None
    if opened is None:
        if request.method != "POST" or _body_too_large(request):
            return _session_over(request)
        uploads = _incoming(request)
        for upload in uploads:
            upload.discard()
        unsent = str(request.POST.get("text", ""))
        if not unsent.strip():
            return _session_over(request)
        # His session ended while he was writing: the text is given back to him on the codename
        # page, in this response only, and nothing of it is kept here.
        response = _codename_page(
            request, 200, _carrying(unsent), ended=True, files_lost=bool(uploads)
        )
        if followup.COOKIE in request.COOKIES:
            followup.clear_cookie(response)
        return response
    form = forms.FollowUpForm()
    status, refused, sent, files_lost = 200, "", False, False
    if request.method == "POST":
        if _body_too_large(request):
            status, refused = 413, _too_large_message()
        else:
            form = forms.FollowUpForm(request.POST)
            files = _incoming(request)
            if not form.is_valid():
                for upload in files:
                    upload.discard()
                status, files_lost = 400, bool(files)
            else:
                try:
                    services.write_again(opened, form.cleaned_data["text"], files)
                except Busy as exc:
                    status, refused = 429, str(exc)
                except Refused as exc:
                    status, refused = 400, str(exc)
                else:
                    form, sent = forms.FollowUpForm(), True
    return _thread_page(
        request, opened, form, status, refused=refused, sent=sent, files_lost=files_lost
    )


def _thread_page(
    request: HttpRequest,
    opened: followup.Opened,
    form: forms.FollowUpForm,
    status: int = 200,
    **context: Any,
) -> HttpResponse:
    conversation, items = services.thread_for_person(opened)
    return _page(
        request,
        "intake/thread.html",
        status,
        form=form,
        items=items,
        closed=conversation.status == "abuse",
        idle_minutes=settings.INTAKE_FOLLOWUP_IDLE_SECONDS // 60,
        **context,
    )


@public
@csrf_exempt
@in_url_language
@same_origin_post
@require_POST
def leave(request: HttpRequest) -> HttpResponse:
    """End the follow-up session at once: the row and the cookie go."""
    followup.end(request)
    response = _page(request, "intake/left.html")
    followup.clear_cookie(response)
    return response


@public
@csrf_exempt
@in_url_language
@require_safe
def page(request: HttpRequest, slug: str) -> HttpResponse:
    found = outreach.page(slug, language_of(request))
    if found is None:
        raise Http404
    return _page(
        request, "intake/page.html", title=found.title, body=outreach.render(found.body), slug=slug
    )


def _grouped(hex_text: str) -> str:
    return " ".join(hex_text[i : i + 4] for i in range(0, len(hex_text), 4))


@public
@csrf_exempt
@in_url_language
@require_safe
def verify(request: HttpRequest) -> HttpResponse:
    """How to check this is the real site: its onion address and the published key fingerprint."""
    keyring = OrganisationKeyring.objects.order_by("pk").first()
    signing_public = bytes(keyring.signing_public) if keyring else b""
    return _page(
        request,
        "intake/verify.html",
        onion=settings.ONION_ADDRESS,
        key_id=key_id(signing_public) if keyring else "",
        public_key=_grouped(signing_public.hex()) if keyring else "",
    )
