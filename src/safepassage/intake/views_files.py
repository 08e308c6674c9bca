"""What a person sent, as staff open it: the safe copy by default, the original only after
confirming the risk (audited). Every door goes through `triage.open_file` (intake key, and the
case gate for a thread linked to a case)."""

from __future__ import annotations

import uuid

from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from safepassage.accounts.decorators import staff_of
from safepassage.core.access import requires
from safepassage.core.roles import Perm
from safepassage.intake import triage
from safepassage.intake.attachments import Meta
from safepassage.safecopy import services as safecopy
from safepassage.safecopy import views as doors
from safepassage.safecopy.models import SafeCopy
from safepassage.safecopy.present import Door
from safepassage.vault import session as vault_session

EXTENSIONS = {"jpeg": "jpg", "text": "txt", "heic": "heic"}


def _door(pk: int, file_id: uuid.UUID, meta: Meta, copy: SafeCopy | None) -> Door:
    args = [pk, file_id]
    door = Door(
        meta.name,
        meta.kind,
        meta.size,
        copy,
        reverse("intake:triage_file", args=args),
        reverse("intake:triage_file_original", args=args),
        reverse("intake:triage_file_make", args=args),
        reverse("intake:triage_thread", args=[pk]),
    )
    # A generated name for downloads: the sender's own file name may say more than it should.
    door.download_name = f"intake-{pk}-{file_id.hex[:8]}.{EXTENSIONS.get(meta.kind, meta.kind)}"
    return door


def fill_doors(thread: triage.Thread) -> None:
    """Each file of the thread with its safe copy's state, for the thread page."""
    pk = thread.conversation.pk
    ids = [file_id for entry in thread.entries for file_id, _meta in entry.files]
    copies = safecopy.copies_of("intake", ids)
    for entry in thread.entries:
        entry.doors = [_door(pk, i, meta, copies.get(i)) for i, meta in entry.files]


def _open(request: HttpRequest, pk: int, file_id: uuid.UUID) -> tuple[triage.OpenedFile, Door]:
    opened = triage.open_file(staff_of(request), vault_session.current(request), pk, file_id)
    copy = safecopy.copies_of("intake", [file_id]).get(file_id)
    return opened, _door(pk, file_id, opened.meta, copy)


@requires(Perm.TRIAGE_INTAKE)
@require_GET
def attachment(request: HttpRequest, pk: int, file_id: uuid.UUID) -> HttpResponseBase:
    opened, door = _open(request, pk, file_id)
    return doors.serve_safe(request, door, opened.file_key, opened.chunks)


@requires(Perm.TRIAGE_INTAKE)
@require_http_methods(["GET", "POST"])
def attachment_original(request: HttpRequest, pk: int, file_id: uuid.UUID) -> HttpResponseBase:
    opened, door = _open(request, pk, file_id)
    return doors.serve_original(
        request,
        door,
        opened.chunks,
        lambda: safecopy.record_original_download(
            staff_of(request), "intake.file_original_downloaded", "intake", pk, door.kind, door.copy
        ),
    )


@requires(Perm.TRIAGE_INTAKE)
@require_POST
def attachment_make(request: HttpRequest, pk: int, file_id: uuid.UUID) -> HttpResponse:
    opened, door = _open(request, pk, file_id)
    original = safecopy.Original("intake", file_id, opened.meta.kind, opened.file_key)
    return doors.make_copy(request, original, door.safe_url)
