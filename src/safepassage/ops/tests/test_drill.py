"""The backup drill: `safepassage backup verify FILE` restores into a scratch instance, reports
what it found and that everything opens, and never touches the live instance; a damaged
archive and a wrong key folder are refused, saying what to do."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError

from safepassage.accounts import services as account_services
from safepassage.audit.models import AuditEntry
from safepassage.cases import seed
from safepassage.cases import services as case_services
from safepassage.core.roles import Role
from safepassage.crypto.keyfolder import KeyFolder
from safepassage.crypto.words import bytes_to_words
from safepassage.intake.tests.conftest import send, upload
from safepassage.testing import make_staff
from safepassage.vault import intake

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def archive(tmp_path, settings) -> tuple[Path, Path]:
    """A small live instance (a case, an intake message with a photo) and its archive; returns
    the archive and a file holding the organisation recovery key's words."""
    from PIL import Image

    settings.DATA_DIR = tmp_path / "data"
    settings.DATA_DIR.mkdir()
    seed.load(apps)
    organisation, keys = account_services.create_organisation("Live organisation", ["Desk"])
    caseworker = make_staff(organisation, Role.CASEWORKER)
    intake.grant_intake_key(keys.intake_secret, caseworker.pk)
    case_services.create_case(caseworker, "Иван Иванович Живой", country="KZ")
    picture = tmp_path / "photo.png"
    Image.new("RGB", (20, 10), (1, 2, 3)).save(picture)
    assert send(files=[upload("photo.png", picture.read_bytes())]).status_code == 200
    path = tmp_path / "live.spb"
    call_command("backup", "create", str(path), stdout=StringIO())
    words = tmp_path / "recovery.txt"
    words.write_text(" ".join(bytes_to_words(keys.recovery_secret)) + "\n")
    return path, words


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_a_good_archive_restores_into_a_scratch_instance_and_everything_opens(
    archive, key_folder, settings, tmp_path
):
    path, words = archive
    entries = AuditEntry.objects.count()
    keys_before = _snapshot(key_folder)
    data_before = _snapshot(settings.DATA_DIR)
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    out = StringIO()
    call_command(
        "backup", "verify", str(path), "--recovery-key-file", str(words),
        "--scratch", str(scratch), stdout=out, stderr=StringIO(),
    )  # fmt: skip
    report = out.getvalue()
    assert "restores and everything in it opens" in report
    assert "protected objects: 1 (0 shredded, 1 opened (with the recovery key))" in report
    assert "intake messages: 1, opened: 1; intake files: 1, opened: 1" in report
    values = next(line for line in report.splitlines() if line.startswith("encrypted values"))
    total, opened = (int(n) for n in values.replace(",", "").split() if n.isdigit())
    assert total == opened > 0
    # The live instance is as it was: no audit entry, no change in either folder, no leftover.
    assert AuditEntry.objects.count() == entries
    assert _snapshot(key_folder) == keys_before
    assert _snapshot(settings.DATA_DIR) == data_before
    assert list(scratch.iterdir()) == []


def test_a_damaged_archive_is_refused_before_anything_is_restored(archive, tmp_path):
    path, _words = archive
    damaged = tmp_path / "damaged.spb"
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    damaged.write_bytes(bytes(data))
    with pytest.raises(CommandError, match="backup verify FAILED: the backup is damaged"):
        call_command("backup", "verify", str(damaged), stdout=StringIO())
    truncated = tmp_path / "truncated.spb"
    truncated.write_bytes(path.read_bytes()[: len(data) - 100])
    with pytest.raises(CommandError, match="backup verify FAILED: the backup is"):
        call_command("backup", "verify", str(truncated), stdout=StringIO())


def test_a_wrong_key_folder_is_refused_naming_what_to_do(archive, tmp_path):
    path, _words = archive
    other = KeyFolder(tmp_path / "other-keys")
    other.server_key(create=True)
    with pytest.raises(CommandError, match="made with another key folder"):
        call_command("backup", "verify", str(path), "--key-dir", str(other.path), stdout=StringIO())
    with pytest.raises(CommandError, match="is not a key folder"):
        call_command("backup", "verify", str(path), "--key-dir", str(tmp_path), stdout=StringIO())


def test_a_recovery_key_of_another_organisation_is_a_problem(archive, tmp_path):
    """The same inventory the drill takes in its scratch instance, here on the live one."""
    stranger = tmp_path / "stranger.txt"
    stranger.write_text(" ".join(bytes_to_words(bytes(range(32)))))
    err = StringIO()
    with pytest.raises(SystemExit) as exit_:
        call_command(
            "inventory", "--recovery-key-file", str(stranger), stdout=StringIO(), stderr=err
        )
    assert exit_.value.code == 1
    assert "the recovery key given is not this organisation's" in err.getvalue()
    _path, words = archive
    out = StringIO()
    call_command("inventory", "--recovery-key-file", str(words), stdout=out)
    assert "protected objects: 1 (0 shredded, 1 opened (with the recovery key))" in out.getvalue()
