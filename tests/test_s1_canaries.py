"""S1: a copy of the database, the data folder and a backup, without staff secrets and without the
key folder, reveals no client data. A distinct canary goes into every client field and a file;
then the raw storage is searched for it as text, base64, hex and UTF-16.
"""

from __future__ import annotations

import base64
import io
import logging
import subprocess
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from safepassage.testing import make_organisation, make_staff
from tests import canaries

pytestmark = pytest.mark.django_db(transaction=True)


def _forms(text: str) -> list[bytes]:
    raw = text.encode("utf-8")
    forms = [
        raw,
        raw.hex().encode(),
        raw.hex().upper().encode(),
        text.encode("utf-16-le"),
        text.encode("utf-16-be"),
    ]
    # base64 of the text at each of the three alignments it can take inside a larger encoding
    for shift in range(3):
        encoded = base64.b64encode(b"\x00" * shift + raw)[4 if shift else 0 :]
        forms.append(encoded[: max(8, len(encoded) - 4)])
    return forms


def _assert_absent(blob: bytes, placed: dict[str, Any], where: str) -> None:
    for label, value in placed.items():
        for text in canaries.searchable(value):
            for form in _forms(text):
                assert form not in blob, f"{label} found in {where} as {form[:40]!r}"


def test_every_model_with_client_fields_has_a_canary_builder():
    assert set(canaries.encrypted_models()) <= set(canaries.BUILDERS)


def every_encrypted_field() -> set[str]:
    from django.apps import apps

    from safepassage.vault import fields

    return {
        f"{model._meta.label_lower}.{field.name}"
        for model in apps.get_models()
        for field in fields.encrypted_fields(model)
    }


def test_every_encrypted_field_holds_a_canary(populated):
    """A builder that does nothing, or forgets a field, fails here: the S1 searches would
    otherwise pass without looking for that field at all."""
    missing = every_encrypted_field() - set(populated)
    assert not missing, f"no canary placed in {sorted(missing)}"


@pytest.fixture
def populated(caplog) -> dict[str, Any]:
    caplog.set_level(logging.DEBUG)
    organisation = make_organisation()
    staff = make_staff(organisation)
    placed: dict[str, Any] = {}
    for label in canaries.encrypted_models():
        canaries.BUILDERS[label](staff, placed)
    assert placed
    return placed


def _database_bytes() -> bytes:
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        path = Path(connection.settings_dict["NAME"])
        blob = path.read_bytes()
        wal = path.with_name(path.name + "-wal")
        return blob + (wal.read_bytes() if wal.exists() else b"")
    params = connection.get_connection_params()
    command = ["pg_dump", "--no-owner", "-d", params["dbname"]]
    for flag, key in (("-h", "host"), ("-p", "port"), ("-U", "user")):
        if params.get(key):
            command += [flag, str(params[key])]
    return subprocess.run(command, capture_output=True, check=True).stdout


def test_database_copy_reveals_no_canary(populated):
    blob = _database_bytes()
    assert b"@example.org" in blob  # the copy really holds the instance's rows
    _assert_absent(blob, populated, f"the {connection.vendor} database")


def test_data_folder_reveals_no_canary(populated):
    blobs = b"".join(p.read_bytes() for p in Path(settings.FILES_DIR).rglob("*") if p.is_file())
    assert blobs  # the file really was stored
    _assert_absent(blobs, populated, "the data folder")


def test_backup_archive_reveals_no_canary(populated, tmp_path):
    archive = tmp_path / "backup.spb"
    call_command("backup", "create", str(archive), stdout=io.StringIO())
    _assert_absent(archive.read_bytes(), populated, "the backup archive")


def test_logs_and_audit_details_hold_no_canary(populated, caplog):
    from safepassage.audit.models import AuditEntry

    logs = "\n".join(r.getMessage() for r in caplog.records).encode()
    _assert_absent(logs, populated, "the logs")
    details = "\n".join(
        f"{e.actor_label} {e.action} {e.target_ref} {e.details}" for e in AuditEntry.objects.all()
    ).encode()
    _assert_absent(details, populated, "the audit log")


def test_the_canary_search_finds_a_planted_canary(populated):
    """The search itself works: a canary written in the clear is found."""
    label, value = next(iter(populated.items()))
    blob = b"prefix " + canaries.searchable(value)[0].encode("utf-16-le") + b" suffix"
    with pytest.raises(AssertionError):
        _assert_absent(blob, {label: value}, "a planted blob")
    blob = b"xx" + base64.b64encode(b"\x01" + canaries.searchable(value)[0].encode()) + b"yy"
    with pytest.raises(AssertionError):
        _assert_absent(blob, {label: value}, "a planted base64 blob")
