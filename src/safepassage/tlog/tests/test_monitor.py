"""`safepassage tlog monitor URL`: following a log, and catching it when it misbehaves.

The log followed is this instance's own, read through its public URLs; its misbehaviour is
made the way an operator holding the database and the log key would make it.
"""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from safepassage.audit.merkle import leaf_hash
from safepassage.tlog import keys, monitor, services
from safepassage.tlog.models import LogEntry, LogHead, LogTile, MonitoredLog, SignedCheckpoint
from safepassage.tlog.note import Checkpoint, sign_note
from safepassage.tlog.tests.helpers import PREFIX, client_transport, issue_one, revoke
from safepassage.tlog.tiles import TileTree

pytestmark = pytest.mark.django_db


def follow(vkey: str | None = None) -> monitor.MonitorReport:
    return monitor.monitor(PREFIX, vkey, transport=client_transport())


def rewrite_log(entries: list[LogEntry]) -> None:
    """Replace the whole log by these entries, tiles included, and sign it with the log key, as
    a dishonest operator could (the log's own guard is bypassed on purpose)."""
    LogEntry.objects.all().delete()
    LogTile.objects.all().delete()
    tree = TileTree()
    for index, entry in enumerate(entries):
        entry.index = index
        entry.save()
        tree.append(leaf_hash(services.leaf_of(entry).encode()))
    for (level, index), data in tree.tiles.items():
        LogTile.objects.create(level=level, index=index, hashes=bytes(data))
    LogHead.objects.filter(pk=1).update(size=len(entries))
    root = services.reader(len(entries)).root()
    signer = keys.log_signer()
    note = sign_note(Checkpoint(signer.name, len(entries), root).text(), signer)
    SignedCheckpoint.objects.all().delete()
    SignedCheckpoint.objects.create(
        size=len(entries), root=root, note=note.decode(), signed_at=timezone.now()
    )


def test_the_monitor_reports_every_issue_and_revocation_once(coordinator):
    first = issue_one(coordinator)
    issue_one(coordinator)
    report = follow(services.log_vkey())
    assert report.ok, report.problem
    assert (report.old_size, report.size) == (0, 2)
    assert report.new[0].startswith("0: issued an attestation on ")
    revoke(first, coordinator, "new_evidence")
    report = follow()
    assert report.ok, report.problem
    assert (report.old_size, report.size) == (2, 3)
    [line] = report.new
    assert line.startswith("2: revoked an attestation on ")
    assert LogEntry.objects.get(index=2).digest in line
    assert MonitoredLog.objects.get().size == 3


def test_the_first_check_needs_the_key_and_a_changed_key_is_refused(coordinator):
    issue_one(coordinator)
    with pytest.raises(monitor.MonitorError):
        follow()
    follow(services.log_vkey())
    other = "other.example/tlog+" + services.log_vkey().split("+", 1)[1]
    with pytest.raises(monitor.MonitorError):
        follow(other)


def test_a_rewritten_leaf_is_detected(coordinator):
    issue_one(coordinator)
    issue_one(coordinator)
    assert follow(services.log_vkey()).ok
    issue_one(coordinator)
    # The entry is rewritten where it is served; the tiles still hold the original.
    LogEntry.objects.filter(index=1).update(digest="ab" * 32)
    report = follow()
    assert not report.ok
    assert "entry 1 was rewritten" in report.problem
    assert MonitoredLog.objects.get().size == 2


def test_a_rewritten_leaf_with_rewritten_tiles_is_inconsistent(coordinator):
    for _ in range(3):
        issue_one(coordinator)
    assert follow(services.log_vkey()).ok
    entries = list(LogEntry.objects.order_by("index"))
    entries[1].digest = "cd" * 32
    entries.append(LogEntry(kind="attestation", day=entries[0].day, digest="ef" * 32))
    rewrite_log(entries)
    report = follow()
    assert "not consistent with the checkpoint of size 3" in report.problem


def test_a_forked_log_is_detected(coordinator):
    for _ in range(3):
        issue_one(coordinator)
    assert follow(services.log_vkey()).ok
    entries = list(LogEntry.objects.order_by("index"))
    entries[2].digest = "cd" * 32
    rewrite_log(entries)
    report = follow()
    assert "forked: two checkpoints of size 3" in report.problem
    assert "---" in MonitoredLog.objects.get().evidence


def test_a_shrinking_log_is_detected_and_stays_reported(coordinator):
    for _ in range(3):
        issue_one(coordinator)
    assert follow(services.log_vkey()).ok
    rewrite_log(list(LogEntry.objects.order_by("index"))[:2])
    report = follow()
    assert "shrank" in report.problem
    # The log "recovers" later; the monitor does not forget what it saw.
    kept = list(LogEntry.objects.order_by("index"))
    rewrite_log(
        [
            *kept,
            LogEntry(kind="attestation", day=kept[0].day, digest="12" * 32),
            LogEntry(kind="attestation", day=kept[0].day, digest="34" * 32),
        ]
    )
    again = follow()
    assert "stopped since an earlier check" in again.problem
    assert MonitoredLog.objects.get().size == 3


def test_a_checkpoint_signed_by_another_key_is_refused(coordinator, key_folder):
    issue_one(coordinator)
    assert follow(services.log_vkey()).ok
    keys._cache.clear()
    (key_folder / keys.LOG_KEY).unlink()
    (key_folder / keys.LAST_CHECKPOINT).unlink(missing_ok=True)
    SignedCheckpoint.objects.all().delete()
    issue_one(coordinator)
    report = follow()
    assert "not acceptable" in report.problem


@pytest.mark.django_db(transaction=True)
def test_the_command_follows_a_log_over_http(live_server: Any, coordinator):
    issue_one(coordinator)
    url = f"{live_server.url}/tlog"
    out = StringIO()
    call_command("tlog", "monitor", url, "--vkey", services.log_vkey(), stdout=out)
    assert "issued an attestation" in out.getvalue()
    assert "consistent from size 0 to 1, 1 new entries" in out.getvalue()
    LogEntry.objects.filter(index=0).update(digest="ab" * 32)
    issue_one(coordinator)
    out = StringIO()
    with pytest.raises(CommandError):
        call_command("tlog", "monitor", url, stdout=out)
    assert "PROBLEM: entry 0 was rewritten" in out.getvalue()
