"""The key folder refuses what would lose or expose a key: a damaged key file, a name that
would leave the folder, an overwrite of a live shred key; destroyed keys stay destroyed."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from safepassage.crypto.aead import KEY_BYTES
from safepassage.crypto.keyfolder import KeyFolder, KeyFolderError, KeyShredded


@pytest.fixture
def folder(key_folder: Path) -> KeyFolder:
    folder = KeyFolder(key_folder)
    folder.ensure()
    return folder


def test_a_missing_server_key_is_named_and_not_created_unasked(folder):
    with pytest.raises(KeyFolderError, match=r"key file missing: server\.key"):
        folder.server_key()
    assert not (folder.path / "server.key").exists()


def test_a_truncated_server_key_is_refused_as_malformed(folder):
    key = folder.server_key(create=True)
    (folder.path / "server.key").write_bytes(key[:-1])
    with pytest.raises(KeyFolderError, match="malformed"):
        folder.server_key()


def test_the_server_key_is_created_once_and_readable_by_the_owner_only(folder):
    key = folder.server_key(create=True)
    assert len(key) == KEY_BYTES
    assert folder.server_key(create=True) == key
    mode = stat.S_IMODE((folder.path / "server.key").stat().st_mode)
    assert mode == 0o600
    assert stat.S_IMODE(folder.path.stat().st_mode) == 0o700


@pytest.mark.parametrize(
    ("period", "name"), [("2027-03", "../server"), ("../..", "case-1"), ("2027-3", "case-1")]
)
def test_a_shred_key_name_that_could_leave_its_folder_is_refused(folder, period, name):
    with pytest.raises(KeyFolderError, match="not a shred key"):
        folder.create_shred_key(period, name)
    with pytest.raises(KeyFolderError, match="not a shred key"):
        folder.destroy_shred_key(period, name)


def test_a_live_shred_key_is_never_overwritten_unless_asked(folder):
    key = folder.create_shred_key("2027-03", "case-1")
    with pytest.raises(KeyFolderError, match="refusing to overwrite"):
        folder.create_shred_key("2027-03", "case-1")
    assert folder.shred_key("2027-03", "case-1") == key
    assert folder.create_shred_key("2027-03", "case-1", replace=True) != key


def test_a_destroyed_shred_key_reads_as_shredded_and_destroys_once(folder):
    folder.create_shred_key("2027-03", "case-1")
    assert folder.destroy_shred_key("2027-03", "case-1") is True
    with pytest.raises(KeyShredded):
        folder.shred_key("2027-03", "case-1")
    assert folder.destroy_shred_key("2027-03", "case-1") is False


def test_a_refiled_shred_key_is_copied_and_a_stale_copy_replaced(folder):
    key = folder.create_shred_key("2027-03", "case-1")
    stale = folder.create_shred_key("2029-11", "case-1")
    folder.copy_shred_key("2027-03", "2029-11", "case-1")
    assert folder.shred_key("2029-11", "case-1") == key != stale
    assert folder.shred_key("2027-03", "case-1") == key
    assert folder.destroy_shred_key("2027-03", "case-1") is True
    assert folder.shred_key("2029-11", "case-1") == key


def test_a_shredded_key_cannot_be_refiled(folder):
    with pytest.raises(KeyShredded):
        folder.copy_shred_key("2027-03", "2029-11", "case-1")
    assert folder.periods() == []


def test_destroying_a_period_removes_its_keys_and_its_folder(folder):
    folder.create_shred_key("2027-03", "case-1")
    folder.create_shred_key("2027-03", "evidence-2")
    folder.create_shred_key("2027-04", "case-3")
    assert folder.periods() == ["2027-03", "2027-04"]
    assert folder.destroy_period("2027-03") == 2
    assert folder.periods() == ["2027-04"]
    assert folder.destroy_period("2027-03") == 0
    with pytest.raises(KeyShredded):
        folder.shred_key("2027-03", "evidence-2")


def test_a_period_that_is_not_a_month_is_refused(folder):
    folder.create_shred_key("2027-03", "case-1")
    with pytest.raises(KeyFolderError, match="not a retention period"):
        folder.destroy_period("../shred")
    assert folder.shred_key("2027-03", "case-1")


def test_a_folder_without_shred_or_job_keys_lists_none(key_folder):
    folder = KeyFolder(key_folder / "never-created")
    assert folder.periods() == []
    assert folder.job_names() == []


def test_a_job_key_name_must_be_a_job_id(folder):
    for bad in ("../server", "ABC", "0" * 31):
        with pytest.raises(KeyFolderError, match="not a job key"):
            folder.create_job_key(bad)


def test_an_ended_job_key_reads_as_gone_and_is_listed_no_more(folder):
    name = "0123456789abcdef" * 2
    key = folder.create_job_key(name)
    (folder.path / "jobs" / "stray.key").write_bytes(b"\0" * KEY_BYTES)
    assert folder.job_names() == [name]
    assert folder.job_key(name) == key
    assert folder.destroy_job_key(name) is True
    with pytest.raises(KeyShredded, match="has ended"):
        folder.job_key(name)
    assert folder.destroy_job_key(name) is False
    assert folder.job_names() == []
