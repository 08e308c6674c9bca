"""Backups: one encrypted archive, restored into a fresh instance; shredded stays shredded (S5)."""

from __future__ import annotations

import io
import shutil
from datetime import date
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from tests.vaultprobe.models import Probe

from safepassage.accounts.models import Organisation
from safepassage.ops import backup
from safepassage.testing import make_organisation, make_staff
from safepassage.vault import fields, objects
from safepassage.vault.session import VaultSession

pytestmark = pytest.mark.django_db(transaction=True)

CANARY = "CANARY-BACKUP-5d21"


def _encodings(text: str) -> list[bytes]:
    import base64

    raw = text.encode()
    return [raw, raw.hex().encode(), base64.b64encode(raw), text.encode("utf-16-le")]


@pytest.fixture
def world():
    organisation = make_organisation()
    staff = make_staff(organisation)
    probe = Probe.objects.create()
    key = objects.create("probe", probe.pk, date(2031, 1, 1), [staff.pk])
    fields.write(key, probe, "name", CANARY)
    probe.save()
    files_key = key
    from safepassage.vault.files import store_bytes

    store_bytes(files_key, (CANARY + " in a file").encode(), "note.txt", "text")
    return staff, probe


def _vault(staff) -> VaultSession:
    return VaultSession(staff.pk, staff._test_private_key)


def _fresh_instance() -> None:
    """An empty database and an empty files folder; the key folder stays (it is restored apart)."""
    from django.conf import settings

    call_command("flush", interactive=False, verbosity=0)
    shutil.rmtree(settings.FILES_DIR, ignore_errors=True)
    assert not Organisation.objects.exists()


def test_backup_restores_into_a_fresh_instance(world, tmp_path: Path):
    staff, probe = world
    archive = tmp_path / "backup.spb"
    call_command("backup", "create", str(archive), stdout=io.StringIO())
    for form in _encodings(CANARY):
        assert form not in archive.read_bytes()
    _fresh_instance()
    call_command("backup", "restore", str(archive), stdout=io.StringIO())
    restored = Probe.objects.get(pk=probe.pk)
    key = objects.open_with(objects.ring_of("probe", probe.pk), _vault(staff))
    assert fields.read(key, restored, "name") == CANARY
    out = io.StringIO()
    call_command("audit", "verify", stdout=out)
    assert "intact" in out.getvalue()


def test_intake_files_travel_with_the_backup(world, tmp_path: Path, settings):
    stored = Path(settings.FILES_DIR) / "intake" / "ab" / ("ab" + "0" * 30 + ".bin")
    stored.parent.mkdir(parents=True)
    stored.write_bytes(b"sealed intake file")
    archive = tmp_path / "backup.spb"
    call_command("backup", "create", str(archive), stdout=io.StringIO())
    _fresh_instance()
    assert not stored.exists()
    call_command("backup", "restore", str(archive), stdout=io.StringIO())
    assert stored.read_bytes() == b"sealed intake file"


def test_shredded_object_stays_unreadable_in_an_older_backup(world, tmp_path: Path):
    staff, probe = world
    archive = tmp_path / "before-shred.spb"
    call_command("backup", "create", str(archive), stdout=io.StringIO())
    objects.shred(objects.ring_of("probe", probe.pk))
    _fresh_instance()
    call_command("backup", "restore", str(archive), stdout=io.StringIO())
    restored = Probe.objects.get(pk=probe.pk)  # the rows are back...
    assert restored.name is not None
    with pytest.raises(objects.Shredded):  # ...but nothing opens them
        objects.open_with(objects.ring_of("probe", probe.pk), _vault(staff))


def test_backup_of_another_instance_is_refused_clearly(world, tmp_path: Path, settings):
    archive = tmp_path / "backup.spb"
    call_command("backup", "create", str(archive), stdout=io.StringIO())
    _fresh_instance()
    settings.KEY_DIR = tmp_path / "other-keys"
    from safepassage.vault.keys import key_folder

    key_folder().server_key(create=True)
    with pytest.raises(CommandError, match="another key folder"):
        call_command("backup", "restore", str(archive), stdout=io.StringIO())
    assert not Organisation.objects.exists()


def test_damaged_backup_is_refused_and_changes_nothing(world, tmp_path: Path, settings):
    archive = tmp_path / "backup.spb"
    call_command("backup", "create", str(archive), stdout=io.StringIO())
    data = bytearray(archive.read_bytes())
    data[len(data) // 2] ^= 0x10
    archive.write_bytes(bytes(data))
    _fresh_instance()
    with pytest.raises(CommandError, match=r"damaged|cannot be read"):
        call_command("backup", "restore", str(archive), stdout=io.StringIO())
    assert not Organisation.objects.exists()
    assert not any(Path(settings.FILES_DIR).glob("??/*.bin"))


def test_not_a_backup_is_refused(tmp_path: Path, organisation):
    junk = tmp_path / "junk.spb"
    junk.write_bytes(b"PK\x03\x04 certainly not ours")
    _fresh_instance()
    with pytest.raises(CommandError, match="not a safepassage backup"):
        call_command("backup", "restore", str(junk), stdout=io.StringIO())


def test_restore_refuses_an_instance_that_is_not_empty(world, tmp_path: Path):
    archive = tmp_path / "backup.spb"
    call_command("backup", "create", str(archive), stdout=io.StringIO())
    with pytest.raises(CommandError, match="not empty"):
        call_command("backup", "restore", str(archive), stdout=io.StringIO())


def test_retention_purge_shreds_ended_periods(world, settings):
    _staff, probe = world
    ring = objects.ring_of("probe", probe.pk)
    assert ring.period == "2031-01"
    out = io.StringIO()
    call_command("retention", "purge", "--today", "2031-01-31", stdout=out)
    assert objects.ring_of("probe", probe.pk)  # the month has not ended yet
    call_command("retention", "purge", "--today", "2031-02-01", stdout=out)
    assert "2031-01" in out.getvalue()
    assert not Probe.objects.filter(pk=probe.pk).exists()
    assert not (Path(settings.KEY_DIR) / "shred" / "2031-01").exists()
    with pytest.raises(objects.NoAccess):
        objects.ring_of("probe", probe.pk)


def test_a_missing_backup_file_is_reported_plainly(tmp_path: Path):
    with pytest.raises(CommandError, match="no such backup"):
        call_command("backup", "restore", str(tmp_path / "missing.spb"), stdout=io.StringIO())
    with pytest.raises(backup.BackupError):
        backup._open(io.BytesIO(b"x"))
