"""The three ways to a stored file, shared by every page that lists files, and the case's files.

`serve_safe` gives the safe copy (or a page saying where it stands); `serve_original` asks the
staff member to confirm the risk (GET) and only then gives the original and audits it (POST);
`make_copy` queues a safe copy for a file that has none. Each caller has already passed its own
gate and opened the file's key.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from safepassage.accounts.decorators import staff_of
from safepassage.cases.gate import CaseAccess, open_case
from safepassage.core.access import requires
from safepassage.core.roles import Perm
from safepassage.safecopy import forms, services
from safepassage.safecopy.present import Door, doors
from safepassage.vault import files
from safepassage.vault import session as vault_session
from safepassage.vault.models import EncryptedFile
from safepassage.vault.strip import TYPES, UnacceptableFile

Chunks = Callable[[], Iterable[bytes]]


def _download(chunks: Iterable[bytes], name: str, mime: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(chunks, content_type=mime)
    safe_name = "".join(c if c.isascii() and (c.isalnum() or c in "-_.") else "_" for c in name)
    response["Content-Disposition"] = f'attachment; filename="{safe_name or "file"}"'
    return response


def serve_safe(
    request: HttpRequest, door: Door, file_key: bytes, plain: Chunks
) -> HttpResponseBase:
    """The safe copy when it is made; plain text as it is; otherwise the file's status page."""
    if door.ready and door.copy is not None:
        mime = "image/png" if door.copy.output_kind == "png" else "application/pdf"
        return _download(services.read_copy(door.copy, file_key), door.safe_name, mime)
    if door.plain_text:
        return _download(plain(), door.download_name or door.name, "text/plain; charset=utf-8")
    return render(request, "safecopy/status.html", {"door": door})


def serve_original(
    request: HttpRequest,
    door: Door,
    chunks: Chunks,
    audit: Callable[[], None],
) -> HttpResponseBase:
    """GET: the page that names the risk. POST with the box ticked: the original, audited."""
    form = forms.ConfirmOriginalForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        audit()
        return _download(chunks(), door.download_name or door.name, "application/octet-stream")
    return render(request, "safecopy/original.html", {"door": door, "form": form})


def make_copy(request: HttpRequest, original: services.Original, back: str) -> HttpResponse:
    """Queue the safe copy of a file stored before safe copies existed, or lost with a restore."""
    services.ensure(original)
    messages.success(request, _("The safe copy is being made; this page shows when it is done."))
    return redirect(back)


# -- the files of a case --------------------------------------------------------------------------


def _case(request: HttpRequest, reference: str, purpose: str) -> CaseAccess:
    return open_case(staff_of(request), reference, vault_session.current(request), purpose)


def _case_door(access: CaseAccess, file_id: uuid.UUID) -> tuple[Door, bytes, EncryptedFile]:
    row = EncryptedFile.objects.filter(ring=access.key.ring, pk=file_id).first()
    if row is None:
        raise Http404
    meta = files.meta_of(access.key, row)
    copy = services.copies_of("vault", [row.id]).get(row.id)
    reference = access.case.reference
    door = Door(
        meta.name,
        meta.kind,
        meta.size,
        copy,
        reverse("safecopy:case_file", args=[reference, row.id]),
        reverse("safecopy:case_file_original", args=[reference, row.id]),
        reverse("safecopy:case_file_make", args=[reference, row.id]),
        reverse("cases:detail", args=[reference]),
    )
    return door, files.file_key_of(access.key, row), row


def case_doors(access: CaseAccess) -> list[Door]:
    rows = list(EncryptedFile.objects.filter(ring=access.key.ring).order_by("created_at"))
    metas = {row.id: files.meta_of(access.key, row) for row in rows}
    reference = access.case.reference

    def urls(file_id: object) -> tuple[str, str, str]:
        return (
            reverse("safecopy:case_file", args=[reference, file_id]),
            reverse("safecopy:case_file_original", args=[reference, file_id]),
            reverse("safecopy:case_file_make", args=[reference, file_id]),
        )

    return doors(
        [(r.id, metas[r.id].name, metas[r.id].kind, metas[r.id].size) for r in rows],
        services.copies_of("vault", metas),  # type: ignore[arg-type]
        urls,
    )


def case_panel(access: CaseAccess) -> tuple[str, dict[str, Any]] | None:
    """The case's files on its page: each with its safe copy's state."""
    found = case_doors(access)
    context = {"reference": access.case.reference, "doors": found}
    context["summary"] = (_("Files"), str(len(found)))
    return "safecopy/_case_panel.html", context


@requires(Perm.WORK_CASES)
@require_GET
def case_file(request: HttpRequest, reference: str, file_id: uuid.UUID) -> HttpResponseBase:
    access = _case(request, reference, "file_opened")
    door, file_key, row = _case_door(access, file_id)
    return serve_safe(request, door, file_key, lambda: files.read_chunks(access.key, row))


@requires(Perm.WORK_CASES)
@require_http_methods(["GET", "POST"])
def case_file_original(
    request: HttpRequest, reference: str, file_id: uuid.UUID
) -> HttpResponseBase:
    access = _case(request, reference, "file_original_viewed")
    door, _key, row = _case_door(access, file_id)
    return serve_original(
        request,
        door,
        lambda: files.read_chunks(access.key, row),
        lambda: services.record_original_download(
            access.staff, "case.file_original_downloaded", "case", reference, door.kind, door.copy
        ),
    )


@requires(Perm.WORK_CASES)
@require_POST
def case_file_make(request: HttpRequest, reference: str, file_id: uuid.UUID) -> HttpResponse:
    access = _case(request, reference, "file_opened")
    door, file_key, row = _case_door(access, file_id)
    return make_copy(
        request, services.Original("vault", row.id, door.kind, file_key), door.safe_url
    )


@requires(Perm.WORK_CASES)
@require_http_methods(["GET", "POST"])
def case_file_new(request: HttpRequest, reference: str) -> HttpResponse:
    access = _case(request, reference, "viewed")  # the service audits the file once it is added
    form = forms.CaseFileForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_case_file(access, form.cleaned_data["file"])
        except UnacceptableFile as exc:
            form.add_error("file", str(exc))
        else:
            messages.success(request, _("File stored; its safe copy is being made."))
            return redirect("cases:detail", reference=reference)
    return render(
        request,
        "safecopy/upload.html",
        {"form": form, "case": access.case, "accepted": forms.accepted_kinds(), "types": TYPES},
    )
