"""Moving cases out and in: encrypted bundles between instances (spreadsheets: `spreadsheet`).

Web views and the management commands call these same functions. Everything written goes
through `services.create_case` and `services.save_row`, so each value is sealed under its new
case key and each write is audited; a whole import runs in one transaction.

A bundle file is, in order (docs: "Bundle format" below):

    b"SPBUNDLE"                      8 bytes, the magic
    header length                    4 bytes, big-endian
    header                           UTF-8 JSON: format, version, kdf {name, opslimit, memlimit,
                                     salt}, check, cipher
    secretstream                     libsodium secretstream (XChaCha20-Poly1305) of the document,
                                     every chunk bound to magic + header as associated data

The stream key and a check key come from Argon2id over the exporter's passphrase with the
header's parameters; `check` (keyed BLAKE2b) tells a wrong passphrase from a damaged file. The
document is UTF-8 JSON: {"format", "version", "exported_at", "cases": [...]}, each case with
its `plain` workflow fields, its `sealed` (decrypted) client fields, and `rows` by model name
(person, serviceperiod, criminalcase, ...), each row `{"id", "plain", "sealed"}`.
"""

from __future__ import annotations

import hmac
import io
import json
import struct
from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, BinaryIO

import nacl.hash
import nacl.pwhash.argon2id as argon2id
import nacl.utils
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from nacl.encoding import RawEncoder

from safepassage.audit.services import record
from safepassage.cases import importing, listing, services, stages
from safepassage.cases.gate import CaseAccess, open_case
from safepassage.cases.models import (
    Case,
    Country,
    Person,
    PersonKind,
)
from safepassage.crypto import stream
from safepassage.vault import fields
from safepassage.vault.session import VaultSession

if TYPE_CHECKING:
    from safepassage.accounts.models import Staff


class TransferError(Exception):
    """An import or export that cannot go ahead; the message is shown as it is."""


# -- bundles: the format -------------------------------------------------------------------------

MAGIC = b"SPBUNDLE"
FORMAT = "safepassage-cases"
VERSION = 1
PASSPHRASE_MIN = 12
KDF_OPSLIMIT = 3
KDF_MEMLIMIT = 64 * 1024 * 1024
# A hostile header must not make the importer spend gigabytes or minutes on one derivation.
KDF_OPSLIMIT_MAX = 20
KDF_MEMLIMIT_MAX = 1024 * 1024 * 1024
HEADER_MAX = 4096
BUNDLE_MAX_BYTES = 200 * 1024 * 1024
_LENGTH = struct.Struct(">I")
_CHECK_MESSAGE = b"safepassage bundle passphrase check"


class BundleError(TransferError):
    """The bundle cannot be read: wrong passphrase, damaged, truncated, or another format."""


def _keys(passphrase: str, salt: bytes, opslimit: int, memlimit: int) -> tuple[bytes, bytes]:
    derived = argon2id.kdf(64, passphrase.encode("utf-8"), salt, opslimit, memlimit)
    check = nacl.hash.blake2b(_CHECK_MESSAGE, digest_size=16, key=derived[32:], encoder=RawEncoder)
    return bytes(derived[:32]), bytes(check)


def write_bundle(document: dict[str, Any], passphrase: str, out: BinaryIO) -> None:
    """Encrypt the document under the passphrase into `out`."""
    if len(passphrase) < PASSPHRASE_MIN:
        raise TransferError(
            _("The passphrase must have at least %(n)d characters.") % {"n": PASSPHRASE_MIN}
        )
    salt = nacl.utils.random(argon2id.SALTBYTES)
    key, check = _keys(passphrase, salt, KDF_OPSLIMIT, KDF_MEMLIMIT)
    header = json.dumps(
        {
            "format": FORMAT,
            "version": VERSION,
            "kdf": {
                "name": "argon2id13",
                "opslimit": KDF_OPSLIMIT,
                "memlimit": KDF_MEMLIMIT,
                "salt": salt.hex(),
            },
            "check": check.hex(),
            "cipher": "secretstream_xchacha20poly1305",
        },
        sort_keys=True,
    ).encode("utf-8")
    out.write(MAGIC + _LENGTH.pack(len(header)) + header)
    encryptor = stream.Encryptor(key, out, MAGIC + header)
    encryptor.write(json.dumps(document, ensure_ascii=False, sort_keys=True).encode("utf-8"))
    encryptor.finish()


def read_bundle(source: BinaryIO, passphrase: str) -> dict[str, Any]:
    """The document inside a bundle; raises BundleError with a clear message."""
    if source.read(len(MAGIC)) != MAGIC:
        raise BundleError(_("This is not a safepassage export file."))
    raw_length = source.read(_LENGTH.size)
    if len(raw_length) != _LENGTH.size:
        raise BundleError(_("The file is damaged or truncated."))
    (length,) = _LENGTH.unpack(raw_length)
    header_bytes = source.read(length) if length <= HEADER_MAX else b""
    try:
        header = json.loads(header_bytes)
        version = header["version"]
        kdf = header["kdf"]
        salt = bytes.fromhex(kdf["salt"])
        opslimit, memlimit = int(kdf["opslimit"]), int(kdf["memlimit"])
        check = bytes.fromhex(header["check"])
        known = header["format"] == FORMAT and kdf["name"] == "argon2id13"
    except (ValueError, KeyError, TypeError, OverflowError, RecursionError):
        # OverflowError: a number like 1e400; RecursionError: deeply nested brackets.
        raise BundleError(_("The file is damaged or truncated.")) from None
    if not known:
        raise BundleError(_("This is not a safepassage export file."))
    if version != VERSION:
        raise BundleError(
            _("This file has format version %(found)s; this instance reads version %(ours)d.")
            % {"found": version, "ours": VERSION}
        )
    if not (
        KDF_OPSLIMIT <= opslimit <= KDF_OPSLIMIT_MAX
        and KDF_MEMLIMIT <= memlimit <= KDF_MEMLIMIT_MAX
        and len(salt) == argon2id.SALTBYTES
    ):
        raise BundleError(_("The file's key derivation settings are outside what is accepted."))
    key, expected = _keys(passphrase, salt, opslimit, memlimit)
    if not hmac.compare_digest(expected, check):
        raise BundleError(_("The passphrase does not open this file."))
    plain = bytearray()
    try:
        for chunk in stream.decrypt(key, source, MAGIC + header_bytes):
            plain += chunk
            if len(plain) > BUNDLE_MAX_BYTES:
                raise BundleError(_("The file is larger than an import accepts."))
    except stream.StreamError:
        raise BundleError(_("The file is damaged or truncated.")) from None
    try:
        document: dict[str, Any] = json.loads(plain)
        ok = document["format"] == FORMAT and document["version"] == VERSION
    except (ValueError, KeyError, TypeError, RecursionError):
        ok = False
    if not ok or not isinstance(document.get("cases"), list):
        raise BundleError(_("The file's content is not a case export of this version."))
    return document


# -- bundles: export -----------------------------------------------------------------------------


def _rows_models() -> list[type[models.Model]]:
    return list(services.CASE_ROWS)


# Plain fields left out of an export: they name things of this instance (staff, teams) or are
# recomputed where the case lands.
_CASE_PLAIN = (
    "stage",
    "resume_to",
    "closed_reason",
    "country",
    "retention_date",
    "checkin_interval_days",
    "created_at",
    "stage_changed_at",
)
_SKIPPED = {"id", "case", "seal_id"}


def _plain_fields(model: type[models.Model]) -> list[models.Field[Any, Any]]:
    return [
        f
        for f in model._meta.concrete_fields
        if f.name not in _SKIPPED and not isinstance(f, fields.EncryptedField)
    ]


def _encode(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def _sealed(access: CaseAccess, row: models.Model) -> dict[str, Any]:
    return {k: _encode(v) for k, v in fields.read_all(access.key, row).items() if v is not None}


def case_document(access: CaseAccess) -> dict[str, Any]:
    """Everything a case holds, decrypted, in the bundle's JSON form."""
    case = access.case
    out: dict[str, Any] = {
        "reference": case.reference,
        "plain": {
            name: _encode(getattr(case, "country_id" if name == "country" else name))
            for name in _CASE_PLAIN
        },
        "sealed": _sealed(access, case),
        "rows": {},
    }
    ids: dict[tuple[Any, int], int] = {}
    for model in _rows_models():
        rows = []
        for n, row in enumerate(model._default_manager.filter(case=case).order_by("pk"), 1):
            ids[(model, row.pk)] = n
            plain = {}
            for f in _plain_fields(model):
                value = getattr(row, f.attname)
                if f.is_relation:
                    # Staff of this instance mean nothing elsewhere; rows of the case keep
                    # their link by the row's number in the export.
                    target = f.related_model
                    value = ids.get((target, value)) if target in _rows_models() else None
                plain[f.name] = _encode(value)
            rows.append({"id": n, "plain": plain, "sealed": _sealed(access, row)})
        out["rows"][model._meta.model_name] = rows
    return out


def export_cases(
    staff: Staff, vault: VaultSession | None, references: list[str] | None, passphrase: str
) -> tuple[bytes, int]:
    """A bundle of the named cases (or every case the staff member holds) and their count.

    Each case is opened through the gate, so a case the staff member may not open is Http404.
    """
    if len(passphrase) < PASSPHRASE_MIN:
        raise TransferError(
            _("The passphrase must have at least %(n)d characters.") % {"n": PASSPHRASE_MIN}
        )
    if references is None:
        references = list(
            listing.my_cases(staff).order_by("reference").values_list("reference", flat=True)
        )
    if not references:
        raise TransferError(_("There is no case to export."))
    cases = [case_document(open_case(staff, ref, vault, "exported")) for ref in references]
    document = {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": timezone.now().isoformat(),
        "cases": cases,
    }
    out = io.BytesIO()
    write_bundle(document, passphrase, out)
    with transaction.atomic():
        record("case.bundle_exported", actor=staff, details={"cases": len(cases)})
    return out.getvalue(), len(cases)


# -- bundles: import -----------------------------------------------------------------------------

_TEXT_MAX = 100_000  # far above any form's limit; a guard against a crafted document only
_ACCEPTS: dict[str, Callable[[Any], bool]] = {
    "text": lambda v: isinstance(v, str) and len(v) <= _TEXT_MAX,
    "int": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "json": lambda v: isinstance(v, list | dict),
}
# Case fields taken from the file as they are (country and retention go to create_case).
_CASE_RESTORED = (
    "stage",
    "resume_to",
    "closed_reason",
    "checkin_interval_days",
    "created_at",
    "stage_changed_at",
)


def _decode_sealed(model: type[models.Model], values: Any) -> dict[str, Any]:
    if not isinstance(values, dict):
        raise BundleError(_("The file's content is not a case export of this version."))
    kinds = {f.name: f.kind for f in fields.encrypted_fields(model)}
    out: dict[str, Any] = {}
    for name, value in values.items():
        kind = kinds.get(name)
        try:
            if kind == "date":
                out[name] = date.fromisoformat(value)
            elif kind in _ACCEPTS and _ACCEPTS[kind](value):
                out[name] = value
            else:
                raise ValueError(name)
        except (TypeError, ValueError):
            raise BundleError(
                _("The export holds a value this instance cannot take (%(field)s).")
                % {"field": f"{model._meta.model_name}.{name}"}
            ) from None
    return out


def _decode_plain(f: models.Field[Any, Any], value: Any) -> Any:
    if value is None:
        return None
    if isinstance(f, models.DateTimeField):
        value = datetime.fromisoformat(value)
    elif isinstance(f, models.DateField):
        value = date.fromisoformat(value)
    return f.clean(value, None)


def _apply_plain(
    staff: Staff, row: models.Model, plain: Any, ids: dict[tuple[Any, Any], models.Model]
) -> None:
    if not isinstance(plain, dict):
        raise BundleError(_("The file's content is not a case export of this version."))
    for f in _plain_fields(type(row)):
        value = plain.get(f.name)
        if f.is_relation:
            if f.related_model in _rows_models():
                setattr(row, f.name, ids.get((f.related_model, value)) if value else None)
            else:
                # Staff links (who wrote a note, who a task is for) become the importer or none.
                setattr(row, f.name, None if f.null else staff)
            continue
        try:
            setattr(row, f.name, _decode_plain(f, value))
        except (TypeError, ValueError, ValidationError):
            raise BundleError(
                _("The export holds a value this instance cannot take (%(field)s).")
                % {"field": f"{row._meta.model_name}.{f.name}"}
            ) from None


def _import_case(staff: Staff, item: Any) -> str:
    if not isinstance(item, dict) or not isinstance(item.get("rows"), dict):
        raise BundleError(_("The file's content is not a case export of this version."))
    plain = item.get("plain") or {}
    people = item["rows"].get("person") or []
    principal_row = next(
        (p for p in people if (p.get("plain") or {}).get("kind") == PersonKind.PRINCIPAL), None
    )
    if principal_row is None:
        raise BundleError(_("A case in the file has no principal."))
    principal_values = _decode_sealed(Person, principal_row.get("sealed"))
    country = plain.get("country")
    if country and not Country.objects.filter(code=country).exists():
        raise BundleError(_("Unknown country code: %(code)s.") % {"code": country})
    try:
        retention = date.fromisoformat(plain.get("retention_date") or "")
    except (TypeError, ValueError):
        raise BundleError(_("The file's content is not a case export of this version.")) from None
    access = services.create_case(
        staff,
        principal_values.get("name_cyrillic", ""),
        country=country or None,
        retention_date=retention,
    )
    case = access.case
    for f in _plain_fields(Case):
        if f.name not in _CASE_RESTORED or plain.get(f.name) is None:
            continue
        try:
            setattr(case, f.name, _decode_plain(f, plain[f.name]))
        except (TypeError, ValueError, ValidationError):
            raise BundleError(
                _("The export holds a value this instance cannot take (%(field)s).")
                % {"field": f"case.{f.name}"}
            ) from None
    # Vetting decisions do not travel with a case: one past vetting comes back at vetting, so
    # this instance's own four-eyes decision is needed again before advocacy.
    past_vetting = stages.PATH[stages.PATH.index(stages.VETTING) + 1 :]
    if case.stage in past_vetting or (
        case.stage == stages.PAUSED and case.resume_to in past_vetting
    ):
        case.stage, case.resume_to = stages.VETTING, ""
    case.save()
    services.save_case_fields(access, _decode_sealed(Case, item.get("sealed") or {}))
    ids: dict[tuple[Any, Any], models.Model] = {}
    for model in _rows_models():
        for entry in item["rows"].get(model._meta.model_name) or []:
            if not isinstance(entry, dict):
                raise BundleError(_("The file's content is not a case export of this version."))
            if entry is principal_row:
                row: models.Model = Person.objects.get(case=case, kind=PersonKind.PRINCIPAL)
            else:
                row = model(case=case)
            _apply_plain(staff, row, entry.get("plain"), ids)
            services.save_row(access, row, _decode_sealed(model, entry.get("sealed") or {}))
            ids[(model, entry.get("id"))] = row
    return case.reference


def decode_row_values(model: type[models.Model], values: Any) -> dict[str, Any]:
    """The sealed values of one row of the export's JSON form, checked (BundleError)."""
    return _decode_sealed(model, values)


def apply_row_plain(staff: Staff, row: models.Model, plain: Any) -> None:
    """The plain values of one row of the export's JSON form (links to other rows are not
    kept: the caller sets them)."""
    _apply_plain(staff, row, plain, {})


def import_case_document(staff: Staff, item: Any) -> str:
    """One case of the export's JSON form as a new case (a partner's hand-over uses it too);
    the caller holds the transaction. Raises BundleError or services.CaseError."""
    try:
        return _import_case(staff, item)
    except (AttributeError, KeyError, TypeError, ValueError):
        raise BundleError(_("The file's content is not a case export of this version.")) from None


def import_bundle(staff: Staff, source: BinaryIO, passphrase: str) -> list[str]:
    """Every case of a bundle, as new cases with new references and keys; all or nothing."""
    document = read_bundle(source, passphrase)
    cases = document["cases"]
    if len(cases) > importing.MAX_ROWS:
        raise BundleError(_("The file holds more cases than one import accepts."))
    created = []
    with transaction.atomic():
        for number, item in enumerate(cases, 1):
            try:
                created.append(_import_case(staff, item))
            except (services.CaseError, BundleError) as exc:
                raise BundleError(
                    _("Case %(n)d of the file: %(why)s") % {"n": number, "why": str(exc)}
                ) from None
            except (AttributeError, KeyError, TypeError, ValueError):
                # A part of the right name but the wrong shape (a list where a table belongs).
                raise BundleError(
                    _("Case %(n)d of the file: %(why)s")
                    % {"n": number, "why": _("its content is not a case export of this version.")}
                ) from None
        record(
            "case.imported",
            actor=staff,
            target_type="import",
            details={"source": "bundle", "cases": len(created)},
        )
    return created
