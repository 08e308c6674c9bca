"""Updates to a case exchanged with a partner: what changed, shown before it is applied.

An update bundle carries the case as the sender holds it now, within the scope, each row with
its id on the sending side. A row is matched to ours by that id (a row they first received from
us carries our own row id back; a row we received from them was linked when we imported it).
Applying adds new rows and changes changed values; a row they no longer send is listed as such
and left alone, for a person to decide.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db import models, transaction
from django.utils.translation import gettext as _

from safepassage.cases import services as case_services
from safepassage.cases import transfer
from safepassage.cases.gate import CaseAccess, open_case
from safepassage.cases.models import Case, PersonKind
from safepassage.partners import envelope, inbox
from safepassage.partners.models import Direction, Handover, InboxItem, InboxStatus, RowLink
from safepassage.partners.rows import model_of
from safepassage.partners.services import PartnerError, require_exchange
from safepassage.vault import fields
from safepassage.vault.session import VaultSession

if TYPE_CHECKING:
    from safepassage.accounts.models import Staff


@dataclass
class Change:
    section: str
    row: models.Model | None
    what: str  # "added", "changed", "gone"
    fields: list[str] = field(default_factory=list)
    entry: dict[str, Any] = field(default_factory=dict)

    @property
    def label(self) -> str:
        """The section by the name the case page gives it."""
        from safepassage.cases.sections import SECTIONS

        for section in SECTIONS.values():
            if section.model._meta.model_name == self.section:
                return str(section.title)
        return self.section


@dataclass
class Preview:
    access: CaseAccess
    item: InboxItem
    changes: list[Change]
    case_changes: dict[str, Any]


def _matched(access: CaseAccess, item: InboxItem, model: type[models.Model], uid: str) -> Any:
    link = RowLink.objects.filter(
        partner=item.message.partner, case=access.case, model=model._meta.model_name, uid=uid
    ).first()
    rows = model._default_manager.filter(case=access.case)
    if link is not None:
        return rows.filter(pk=link.row_id).first()
    try:
        return rows.filter(seal_id=uid).first()
    except (ValueError, TypeError):
        return None


def _document(item: InboxItem) -> dict[str, Any]:
    reader = inbox.reopen(item)
    with reader:
        for _entry, content in inbox.read_document(reader):
            if isinstance(content, dict):
                document = content
            else:
                for _chunk in content:
                    pass
    return document


def preview(staff: Staff, vault: VaultSession | None, item: InboxItem) -> Preview:
    """The local case and what the update would change in it (nothing is written)."""
    require_exchange(staff)
    if item.message.kind != "update" or item.status != InboxStatus.WAITING:
        raise PartnerError(_("This is not an update waiting to be applied."))
    link = Handover.objects.filter(partner=item.message.partner, first_id=item.first_id).first()
    if link is None:
        raise PartnerError(_("This update is for a case we never exchanged with this partner."))
    try:
        access = open_case(staff, link.case.reference, vault, "update_previewed")
    except Exception:  # Http404: the case exists but this coordinator cannot open it
        raise PartnerError(_("You are not on the case this update is for.")) from None
    try:
        document = _document(item)
        case_item = document["case"]
        changes: list[Change] = []
        for model_name, rows in (case_item.get("rows") or {}).items():
            model = model_of(model_name)
            seen = set()
            for entry in rows:
                values = transfer.decode_row_values(model, entry.get("sealed") or {})
                row = _matched(access, item, model, str(entry.get("uid", "")))
                if row is None:
                    changes.append(Change(model_name, None, "added", sorted(values), entry))
                    continue
                seen.add(row.pk)
                current = fields.read_all(access.key, row)
                differ = sorted(k for k, v in values.items() if current.get(k) != v)
                if differ:
                    changes.append(Change(model_name, row, "changed", differ, entry))
            linked = RowLink.objects.filter(
                partner=item.message.partner, case=access.case, model=model_name
            ).values_list("row_id", flat=True)
            for row in model._default_manager.filter(pk__in=list(linked)).exclude(pk__in=seen):
                changes.append(Change(model_name, row, "gone"))
        values = transfer.decode_row_values(Case, case_item.get("sealed") or {})
        current = fields.read_all(access.key, access.case)
        case_changes = {k: v for k, v in values.items() if current.get(k) != v}
    except (KeyError, TypeError, AttributeError, transfer.TransferError):
        raise PartnerError(
            _("Refused: %(why)s") % {"why": inbox.reason_text("bad_content")}
        ) from None
    except envelope.MessageError as exc:
        raise PartnerError(_("Refused: %(why)s") % {"why": inbox.reason_text(exc.code)}) from None
    return Preview(access, item, changes, case_changes)


def apply(staff: Staff, vault: VaultSession | None, item: InboxItem) -> Preview:
    """Apply the added and changed rows and values; rows gone on their side stay."""
    shown = preview(staff, vault, item)
    access = shown.access
    partner = item.message.partner
    with transaction.atomic():
        for change in shown.changes:
            model = model_of(change.section)
            values = transfer.decode_row_values(model, change.entry.get("sealed") or {})
            if change.what == "added":
                row = model(case=access.case)
                plain = dict(change.entry.get("plain") or {})
                plain.pop("person", None)  # a link to another row is not carried by an update
                if change.section == "person" and plain.get("kind") == PersonKind.PRINCIPAL:
                    plain["kind"] = PersonKind.OTHER  # one principal per case: ours stays
                transfer.apply_row_plain(staff, row, plain)
                case_services.save_row(access, row, values)
                RowLink.objects.create(
                    handover_first_id=item.first_id,
                    partner=partner,
                    case=access.case,
                    model=change.section,
                    uid=str(change.entry.get("uid", ""))[:32],
                    row_id=row.pk,
                )
            elif change.what == "changed" and change.row is not None:
                case_services.save_row(access, change.row, values)
        if shown.case_changes:
            case_services.save_case_fields(access, shown.case_changes)
        counts = {"changed": sum(c.what != "gone" for c in shown.changes)}
        Handover.objects.create(
            case=access.case,
            partner=partner,
            direction=Direction.IN,
            message=item.message,
            first_id=item.first_id,
            scope=item.scope,
            counts=counts,
            by=staff,
        )
        inbox.mark_imported(staff, item, access, counts, "partners.update_applied")
    return shown
