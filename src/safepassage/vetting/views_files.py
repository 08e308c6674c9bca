"""Evidence files: vetters open the safe copy; the original, untouched for its provenance, only
after confirming the risk, with its SHA-256 shown and the download audited."""

from __future__ import annotations

import uuid

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from safepassage.accounts.decorators import staff_of
from safepassage.core.access import requires
from safepassage.core.roles import Perm
from safepassage.safecopy import services as safecopy
from safepassage.safecopy import views as doors
from safepassage.safecopy.present import Door
from safepassage.vault import fields, files, objects
from safepassage.vault import session as vault_session
from safepassage.vault.models import EncryptedFile
from safepassage.vault.objects import ObjectKey
from safepassage.vetting import services
from safepassage.vetting.models import Evidence


def evidence_doors(reference: str, item: Evidence, key: ObjectKey) -> list[Door]:
    """Each file of an evidence item as its line offers it."""
    rows = list(EncryptedFile.objects.filter(ring=key.ring).order_by("created_at"))
    copies = safecopy.copies_of("vault", [row.id for row in rows])
    digest = fields.read(key, item, "content_hash")
    found = []
    for row in rows:
        meta = files.meta_of(key, row)
        args = [reference, item.pk, row.id]
        found.append(
            Door(
                meta.name,
                meta.kind,
                meta.size,
                copies.get(row.id),
                reverse("vetting:evidence_file", args=args),
                reverse("vetting:evidence_file_original", args=args),
                reverse("vetting:evidence_file_make", args=args),
                reverse("vetting:home", args=[reference]),
                [(_("SHA-256 of the original as received"), digest)] if digest else [],
            )
        )
    return found


def _open(
    request: HttpRequest, reference: str, pk: int, file_id: uuid.UUID, purpose: str
) -> tuple[services.VettingAccess, Evidence, ObjectKey, EncryptedFile, Door]:
    va = services.open_vetting(
        staff_of(request), reference, vault_session.current(request), purpose
    )
    item = Evidence.objects.filter(vetting=va.vetting, pk=pk).first()
    if item is None:
        raise Http404
    try:
        key = services.evidence_key(va, item)
    except objects.NoAccess:
        raise Http404 from None
    row = EncryptedFile.objects.filter(ring=key.ring, pk=file_id).first()
    if row is None:
        raise Http404
    door = next(d for d in evidence_doors(reference, item, key) if str(file_id) in d.safe_url)
    return va, item, key, row, door


@requires(Perm.VET)
@require_GET
def evidence_file(
    request: HttpRequest, reference: str, pk: int, file_id: uuid.UUID
) -> HttpResponseBase:
    _va, _item, key, row, door = _open(request, reference, pk, file_id, "evidence_opened")
    return doors.serve_safe(
        request, door, files.file_key_of(key, row), lambda: files.read_chunks(key, row)
    )


@requires(Perm.VET)
@require_http_methods(["GET", "POST"])
def evidence_file_original(
    request: HttpRequest, reference: str, pk: int, file_id: uuid.UUID
) -> HttpResponseBase:
    va, _item, key, row, door = _open(request, reference, pk, file_id, "evidence_opened")
    return doors.serve_original(
        request,
        door,
        lambda: files.read_chunks(key, row),
        lambda: safecopy.record_original_download(
            va.staff,
            "vetting.evidence_original_downloaded",
            "case",
            reference,
            door.kind,
            door.copy,
        ),
    )


@requires(Perm.VET)
@require_POST
def evidence_file_make(
    request: HttpRequest, reference: str, pk: int, file_id: uuid.UUID
) -> HttpResponse:
    _va, _item, key, row, door = _open(request, reference, pk, file_id, "evidence_opened")
    return doors.make_copy(request, safecopy.original_of(key, row), door.safe_url)
