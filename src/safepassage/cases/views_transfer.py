"""Moving cases in and out: spreadsheet import (upload, mapping and dry run, import), export
to an encrypted file, and import of such a file. Thin views over `spreadsheet` and `transfer`.

Uploads arrive already encrypted (vault.files.EncryptingUploadHandler); they are read into
memory and their sealed copy deleted at once. Between the steps of a spreadsheet import the
table exists only sealed to the importing staff member (cases.ImportDraft).
"""

from __future__ import annotations

import io
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from safepassage.accounts.decorators import fresh_auth_required, staff_of
from safepassage.cases import importing, listing, spreadsheet, transfer
from safepassage.cases.forms_transfer import BundleForm, ExportForm, MappingForm, UploadForm
from safepassage.cases.gate import open_case
from safepassage.cases.models import ImportDraft
from safepassage.core.access import requires
from safepassage.core.roles import Perm
from safepassage.vault import session as vault_session
from safepassage.vault.files import UploadRefused, read_upload


def _read_upload(upload: Any, limit: int) -> bytes:
    """The plaintext of an upload within `limit` bytes, refused as an import would be."""
    try:
        return read_upload(upload, limit, missing=_("Choose a file to upload."))
    except UploadRefused as exc:
        raise transfer.TransferError(str(exc)) from None


@requires(Perm.IMPORT_CASES)
@require_http_methods(["GET", "POST"])
def import_upload(request: HttpRequest) -> HttpResponse:
    staff = staff_of(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    error = ""
    if request.method == "POST" and form.is_valid():
        try:
            if vault_session.current(request) is None:
                raise transfer.TransferError(_("Sign out and in again: your key is not unlocked."))
            data = _read_upload(form.cleaned_data["file"], importing.MAX_BYTES)
            draft = spreadsheet.save_draft(staff, importing.parse(data))
        except (transfer.TransferError, importing.SpreadsheetError) as exc:
            error = str(exc)
        else:
            return redirect("cases:import_map", pk=draft.pk)
    return render(
        request,
        "cases/import_upload.html",
        {"form": form, "error": error},
        status=400 if error or form.errors else 200,
    )


@requires(Perm.IMPORT_CASES)
@require_http_methods(["GET", "POST"])
def import_map(request: HttpRequest, pk: int) -> HttpResponse:
    """Map the columns; "check" runs a dry run, "import" writes (after the same checks)."""
    staff = staff_of(request)
    draft = get_object_or_404(ImportDraft, pk=pk, staff=staff)
    try:
        table = spreadsheet.open_draft(draft, vault_session.current(request))
    except transfer.TransferError as exc:
        messages.error(request, str(exc))
        return redirect("cases:import_upload")
    result = None
    if request.method == "POST":
        form = MappingForm(request.POST, headers=table.headers)
        if form.is_valid():
            doing_import = request.POST.get("action") == "import"
            try:
                result = spreadsheet.import_table(
                    staff,
                    table,
                    form.mapping(),
                    partial=doing_import and form.cleaned_data["partial"],
                    confirm_warnings=form.cleaned_data["confirm_warnings"],
                    dry_run=not doing_import,
                )
            except transfer.TransferError as exc:
                form.add_error(None, str(exc))
            else:
                if result.written:
                    spreadsheet.discard_draft(draft)
                    return render(request, "cases/import_done.html", {"result": result})
    else:
        initial = {f"col_{i}": key for i, key in importing.guess_mapping(table.headers).items()}
        form = MappingForm(initial=initial, headers=table.headers)
    return render(
        request,
        "cases/import_map.html",
        {
            "draft": draft,
            "form": form,
            "columns": [
                (form[name], [cells[i] for _n, cells in table.rows[:3]])
                for i, name in enumerate(form.columns)
            ],
            "row_count": len(table.rows),
            "result": result,
        },
    )


@requires(Perm.IMPORT_CASES)
@require_POST
def import_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    draft = get_object_or_404(ImportDraft, pk=pk, staff=staff_of(request))
    spreadsheet.discard_draft(draft)
    messages.success(request, _("The import was cancelled and the uploaded table deleted."))
    return redirect("cases:list")


@requires(Perm.WORK_CASES)
@require_http_methods(["GET", "POST"])
@fresh_auth_required
def export(request: HttpRequest) -> HttpResponse:
    """An encrypted file of the chosen cases; every case is opened through the gate."""
    staff = staff_of(request)
    vault = vault_session.current(request)
    chosen = request.GET.getlist("case")
    for reference in chosen:
        open_case(staff, reference, vault, "export_prepared")  # 404 for a case not one's own
    cases = list(listing.my_cases(staff).order_by("reference")[:500])
    names = listing.names(cases, staff, vault)
    choices = [(c.reference, f"{c.reference} {names.get(c.pk, '')}".strip()) for c in cases]
    form = ExportForm(request.POST or None, cases=choices, initial={"cases": chosen})
    if request.method == "POST" and form.is_valid():
        try:
            content, count = transfer.export_cases(
                staff, vault, form.cleaned_data["cases"], form.cleaned_data["passphrase"]
            )
        except transfer.TransferError as exc:
            form.add_error(None, str(exc))
        else:
            stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
            response = HttpResponse(content, content_type="application/octet-stream")
            response["Content-Disposition"] = (
                f'attachment; filename="safepassage-{count}-cases-{stamp}.spbundle"'
            )
            return response
    return render(request, "cases/export.html", {"form": form})


@requires(Perm.IMPORT_CASES)
@require_http_methods(["GET", "POST"])
def import_bundle(request: HttpRequest) -> HttpResponse:
    staff = staff_of(request)
    form = BundleForm(request.POST or None, request.FILES or None)
    error = ""
    if request.method == "POST" and form.is_valid():
        try:
            limit = min(transfer.BUNDLE_MAX_BYTES, settings.VAULT_FILE_MAX_BYTES)
            data = _read_upload(form.cleaned_data["file"], limit)
            created = transfer.import_bundle(
                staff, io.BytesIO(data), form.cleaned_data["passphrase"]
            )
        except transfer.TransferError as exc:
            error = str(exc)
        else:
            return render(request, "cases/import_bundle_done.html", {"created": created})
    return render(
        request,
        "cases/import_bundle.html",
        {"form": form, "error": error},
        status=400 if error or form.errors else 200,
    )
