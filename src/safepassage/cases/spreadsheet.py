"""Spreadsheet import against the database: drafts sealed to their importer, and the writes.

`cases.importing` reads and checks a table without the database; this module keeps the table
between the web steps (sealed to the importing staff member's own public key, so only their
unlocked key opens it), feeds the checks the editable reference lists, and writes the good rows
through `services.create_case` and `services.save_row` in one transaction.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from nacl.exceptions import CryptoError
from nacl.public import PrivateKey, PublicKey, SealedBox

from safepassage.audit.services import record
from safepassage.cases import importing, services, stages
from safepassage.cases.gate import CaseAccess
from safepassage.cases.models import (
    Article,
    Country,
    CriminalCase,
    ImportDraft,
    Person,
    PersonKind,
    ServicePeriod,
    StageChange,
    Stay,
)
from safepassage.cases.transfer import TransferError
from safepassage.vault import staffkeys
from safepassage.vault.session import VaultSession

if TYPE_CHECKING:
    from safepassage.accounts.models import Staff

# -- drafts: the parsed table between the steps, sealed to its importer --------------------------

DRAFT_LIFETIME = timedelta(days=1)


def save_draft(staff: Staff, table: importing.Table) -> ImportDraft:
    """Keep the table sealed to the staff member's own public key; older drafts are dropped."""
    public = staffkeys.public_key_of(staff.pk)
    if public is None:
        raise TransferError(_("This staff member has not finished joining yet."))
    plain = json.dumps(table.to_json(), ensure_ascii=False).encode("utf-8")
    sealed = SealedBox(PublicKey(public)).encrypt(plain)
    with transaction.atomic():
        ImportDraft.objects.filter(staff=staff).delete()
        ImportDraft.objects.filter(created_at__lt=timezone.now() - DRAFT_LIFETIME).delete()
        draft = ImportDraft.objects.create(staff=staff, sealed_table=sealed)
        record(
            "case.import_drafted",
            actor=staff,
            target_type="import",
            target_ref=draft.pk,
            details={"rows": len(table.rows), "columns": len(table.headers)},
        )
    return draft


def open_draft(draft: ImportDraft, vault: VaultSession | None) -> importing.Table:
    if vault is None or vault.staff_id != draft.staff_id:
        raise TransferError(_("Sign out and in again: your key is not unlocked."))
    try:
        plain = SealedBox(PrivateKey(vault.private_key)).decrypt(bytes(draft.sealed_table))
    except CryptoError:
        raise TransferError(
            _("This import draft cannot be opened; upload the file again.")
        ) from None
    return importing.Table.from_json(json.loads(plain))


def discard_draft(draft: ImportDraft) -> None:
    with transaction.atomic():
        record(
            "case.import_discarded", actor=draft.staff, target_type="import", target_ref=draft.pk
        )
        draft.delete()


# -- spreadsheet import --------------------------------------------------------------------------


def reference_data(today: date | None = None) -> importing.Reference:
    """The editable lists rows are checked against, as they are now."""
    return importing.Reference(
        countries=frozenset(Country.objects.values_list("code", flat=True)),
        transit_countries=frozenset(
            Country.objects.filter(transit=True).values_list("code", flat=True)
        ),
        articles=frozenset(Article.objects.values_list("number", flat=True)),
        today=today or timezone.localdate(),
    )


@dataclass
class ImportResult:
    report: importing.Report
    written: bool = False
    created: list[str] = field(default_factory=list)
    # Why nothing was written, when nothing was: "errors", "warnings", "dry_run", "empty".
    held_back: str = ""

    @property
    def skipped_rows(self) -> list[int]:
        return self.report.bad_rows


def import_table(
    staff: Staff,
    table: importing.Table,
    mapping: dict[int, str],
    *,
    partial: bool = False,
    confirm_warnings: bool = False,
    dry_run: bool = False,
) -> ImportResult:
    """Check every row; write them all, or (with `partial`) only the good ones, in one go.

    Nothing is written while any row fails unless `partial` is chosen, nor while must-not-hold
    warnings are unconfirmed, nor on a dry run.
    """
    report = importing.check(table, mapping, reference_data())
    result = ImportResult(report)
    if report.errors and (not partial or any(p.row == 0 for p in report.errors)):
        result.held_back = "errors"
    elif report.warnings and not confirm_warnings:
        result.held_back = "warnings"
    elif dry_run:
        result.held_back = "dry_run"
    elif not report.good:
        result.held_back = "empty"
    if result.held_back:
        return result
    with transaction.atomic():
        for row in report.good:
            try:
                result.created.append(_write_row(staff, row))
            except services.CaseError as exc:
                # The rules of the services can refuse what the row checks let through (a stay
                # clock, say); the whole import then stops, naming the row.
                raise TransferError(
                    _("Row %(n)d: %(why)s") % {"n": row.row, "why": str(exc)}
                ) from None
        record(
            "case.imported",
            actor=staff,
            target_type="import",
            details={
                "source": "spreadsheet",
                "cases": len(result.created),
                "rows": len(table.rows),
                "skipped": len(report.bad_rows),
                "partial": partial,
                "warnings_confirmed": report.warning_kinds,
            },
        )
    result.written = True
    return result


def _write_row(staff: Staff, row: importing.ImportRow) -> str:
    access = services.create_case(
        staff,
        row.principal_name,
        country=row.case.get("country"),
        retention_date=row.case.get("retention_date"),
        contact_channel=row.case.get("contact_channel", ""),
        contact_handle=row.case.get("contact_handle", ""),
        summary=row.case.get("summary", ""),
    )
    if row.case.get("left_on"):
        services.save_case_fields(access, {"left_on": row.case["left_on"]})
    principal = Person.objects.get(case=access.case, kind=PersonKind.PRINCIPAL)
    if row.person:
        services.save_row(access, principal, row.person)
    if row.service:
        services.save_row(access, ServicePeriod(case=access.case), row.service)
    if row.criminal:
        services.save_row(access, CriminalCase(case=access.case), row.criminal)
    if row.stay:
        services.save_row(access, Stay(case=access.case, person=principal), row.stay)
    if row.stage != stages.FIRST_CONTACT:
        _place_at_stage(access, row.stage, _("Imported from a spreadsheet at this stage."))
    return access.case.reference


def _place_at_stage(access: CaseAccess, stage: str, why: str) -> None:
    """An imported case starts where it already was; the history says it was imported so."""
    case = access.case
    before = case.stage
    case.stage = stage
    case.stage_changed_at = timezone.now()
    case.save(update_fields=["stage", "stage_changed_at", "updated_at"])
    change = StageChange(case=case, from_stage=before, to_stage=stage, by=access.staff)
    services.save_row(access, change, {"why": why})
    record(
        "case.stage_changed",
        actor=access.staff,
        target_type="case",
        target_ref=case.reference,
        details={"from": before, "to": stage, "reason": "imported"},
    )
