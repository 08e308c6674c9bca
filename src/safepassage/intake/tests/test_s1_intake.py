"""S1 for intake: a copy of the database, the data folder, a backup archive and the logs holds
none of what a person sent, nor his codename, nor the key his follow-up session keeps."""

from __future__ import annotations

import io
import logging
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import models
from tests import canaries
from tests.test_s1_canaries import _assert_absent, _database_bytes

from safepassage.intake.models import Conversation
from safepassage.testing import make_organisation, make_staff

pytestmark = pytest.mark.django_db(transaction=True)

# Holds public keys and lookup ids only (derived, one-way), no sealed client data.
WITHOUT_CLIENT_DATA = {"intake.conversation"}


def test_every_intake_model_with_sealed_data_has_a_canary_builder():
    sealed = {
        model._meta.label_lower
        for model in apps.get_app_config("intake").get_models()
        if any(isinstance(f, models.BinaryField) for f in model._meta.get_fields())
    }
    assert sealed - WITHOUT_CLIENT_DATA == {
        "intake.message",
        "intake.attachment",
        "intake.followupsession",
    }
    assert sealed - WITHOUT_CLIENT_DATA <= set(canaries.BUILDERS)


@pytest.fixture
def placed(caplog) -> dict[str, Any]:
    caplog.set_level(logging.DEBUG)
    staff = make_staff(make_organisation())
    found: dict[str, Any] = {}
    canaries.BUILDERS["intake.message"](staff, found)
    assert len(found) == 6
    return found


def test_the_database_holds_no_canary(placed):
    blob = _database_bytes()
    assert Conversation.objects.get().lookup_id.encode() in blob  # the rows are in the copy
    _assert_absent(blob, placed, "the database")


def test_the_data_folder_holds_no_canary(placed):
    stored = list((Path(settings.FILES_DIR) / "intake").rglob("*.bin"))
    assert stored  # the file really was stored
    blob = b"".join(p.read_bytes() for p in Path(settings.FILES_DIR).rglob("*") if p.is_file())
    _assert_absent(blob, placed, "the data folder")


def test_a_backup_holds_no_canary(placed, tmp_path):
    archive = tmp_path / "backup.spb"
    call_command("backup", "create", str(archive), stdout=io.StringIO())
    _assert_absent(archive.read_bytes(), placed, "the backup archive")


def test_the_logs_and_the_audit_log_hold_no_canary(placed, caplog):
    from safepassage.audit.models import AuditEntry

    logs = "\n".join(r.getMessage() for r in caplog.records).encode()
    _assert_absent(logs, placed, "the logs")
    details = "\n".join(
        f"{e.actor_label} {e.action} {e.target_ref} {e.details}" for e in AuditEntry.objects.all()
    ).encode()
    _assert_absent(details, placed, "the audit log")


def test_the_search_would_find_an_unsealed_message(placed):
    """The check can fail: the same text stored in the clear is found."""
    from safepassage.intake.models import Message

    message = Message.objects.filter(direction="in")[0]
    Message.objects.filter(pk=message.pk).update(sealed=placed["intake.message.text"].encode())
    with pytest.raises(AssertionError):
        _assert_absent(_database_bytes(), placed, "the database")
