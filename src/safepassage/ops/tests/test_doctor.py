"""`safepassage doctor` passes a healthy instance and finds each planted fault, naming the check
and what to do; /healthz says only "ok" or "not ok"."""

from __future__ import annotations

import json
import os
import uuid
from datetime import timedelta
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.utils import timezone

from safepassage.ops import services
from safepassage.ops.jobs import JOBS
from safepassage.ops.models import JobRun
from safepassage.safeview import sandbox
from safepassage.screening.models import WatchList

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def healthy(organisation, settings, tmp_path, monkeypatch, key_folder):
    """A production instance whose timers ran and whose key folder was just backed up."""
    settings.PRODUCTION = True
    settings.DATA_DIR = tmp_path / "data"
    settings.DATA_DIR.mkdir(mode=0o700)
    settings.BACKUP_DIR = ""
    settings.LIST_SOURCES_FILE = ""
    secret = tmp_path / "secret_key"
    secret.write_text("x" * 48)
    secret.chmod(0o600)
    monkeypatch.setenv("SECRET_KEY_FILE", str(secret))
    for path in [key_folder, *key_folder.rglob("*")]:
        path.chmod(0o700 if path.is_dir() else 0o600)
    for job in JOBS:
        services.job_started(job)
        services.job_succeeded(job, "fine")
    services.key_folder_backed_up()
    return organisation


def doctor(*args: str) -> tuple[int, dict[str, Any]]:
    out = StringIO()
    try:
        call_command("doctor", "--json", *args, stdout=out)
        code = 0
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    return code, json.loads(out.getvalue())


def statuses(report: dict[str, Any]) -> dict[str, str]:
    by_check: dict[str, str] = {}
    for finding in report["findings"]:
        current = by_check.get(finding["check"], "ok")
        order = ["ok", "warning", "error"]
        by_check[finding["check"]] = max(current, finding["status"], key=order.index)
    return by_check


def test_a_healthy_instance_passes_every_check(healthy):
    code, report = doctor()
    assert code == 0, report
    assert report["errors"] == 0
    assert report["warnings"] == 0
    assert set(statuses(report).values()) == {"ok"}
    names = set(statuses(report))
    assert {"production", "secret-key-file", "key-folder", "key-folder-backup", "database"} <= names
    assert {"migrations", "clock", "audit-log", "disk", "onion", "lists"} <= names
    assert {f"timer:{job}" for job in JOBS} <= names


def test_human_output_names_each_check_and_its_advice(healthy, key_folder):
    (key_folder / "server.key").chmod(0o644)
    out = StringIO()
    with pytest.raises(SystemExit) as exit_:
        call_command("doctor", stdout=out)
    assert exit_.value.code == 1
    text = out.getvalue()
    assert "[ERROR] key-folder:" in text
    assert f"-> chmod -R go-rwx {key_folder}" in text
    assert "[  ok ] production:" in text


def test_a_key_folder_others_can_read_is_an_error(healthy, key_folder):
    key_folder.chmod(0o755)
    code, report = doctor()
    assert code == 1
    assert statuses(report)["key-folder"] == "error"


def test_a_secret_key_file_others_can_read_is_an_error(healthy, tmp_path):
    (tmp_path / "secret_key").chmod(0o640)
    code, report = doctor()
    assert code == 1
    finding = next(f for f in report["findings"] if f["check"] == "secret-key-file")
    assert "chmod 600" in finding["advice"]


def test_a_stale_timer_is_an_error_naming_the_timer(healthy):
    JobRun.objects.filter(job="backup").update(last_ok_at=timezone.now() - timedelta(days=3))
    code, report = doctor()
    assert code == 1
    assert statuses(report)["timer:backup"] == "error"
    finding = next(f for f in report["findings"] if f["check"] == "timer:backup")
    assert "safepassage-backup.timer" in finding["advice"]
    assert statuses(report)["timer:alerts"] == "ok"


def test_a_failed_last_run_is_an_error_with_its_message(healthy):
    services.job_failed("audit-verify", "audit log verification FAILED. first bad entry: 3")
    code, report = doctor()
    assert code == 1
    finding = next(f for f in report["findings"] if f["check"] == "timer:audit-verify")
    assert "first bad entry: 3" in finding["found"]


def test_a_broken_audit_log_is_an_error(healthy):
    with connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditentry SET details = %s WHERE seq = 1", ['{"x":1}'])
    code, report = doctor()
    assert code == 1
    finding = next(f for f in report["findings"] if f["check"] == "audit-log")
    assert finding["status"] == "error"
    assert "first bad entry: 1" in finding["found"]


def test_a_stale_list_is_a_warning(healthy, settings, tmp_path):
    sources = tmp_path / "lists.toml"
    sources.write_text(
        '[[source]]\nname = "Sanctions"\nurl = "https://lists.example.org/a.json"\n'
        f'sha256 = "{"0" * 64}"\nmax_age_days = 3\n'
    )
    settings.LIST_SOURCES_FILE = str(sources)
    WatchList.objects.create(
        name="Sanctions", kind="ftm", version=2, imported_at=timezone.now() - timedelta(days=5)
    )
    code, report = doctor()
    assert code == 0  # a warning alone
    assert statuses(report)["list:Sanctions"] == "warning"
    WatchList.objects.filter(name="Sanctions").update(imported_at=timezone.now())
    assert statuses(doctor()[1])["list:Sanctions"] == "ok"


def test_a_key_folder_never_backed_up_is_an_error(healthy):
    JobRun.objects.filter(job="key-backup").delete()
    code, report = doctor()
    assert code == 1
    assert statuses(report)["key-folder-backup"] == "error"


def test_production_switch_off_is_an_error(healthy, settings):
    settings.PRODUCTION = False
    code, report = doctor()
    assert code == 1
    assert statuses(report)["production"] == "error"


def test_unapplied_migrations_are_an_error(healthy):
    from django.db.migrations.recorder import MigrationRecorder

    rows = MigrationRecorder.Migration.objects.filter(app="ops")
    kept = list(rows.values_list("name", flat=True))
    rows.delete()
    try:
        code, report = doctor("--only", "database")
    finally:  # the migration table outlives the test's flush: put the rows back
        for name in kept:
            MigrationRecorder(connection).record_applied("ops", name)
    assert code == 1
    finding = next(f for f in report["findings"] if f["check"] == "migrations")
    assert "safepassage migrate" in finding["advice"]


def test_healthz_says_ok_then_not_ok_when_the_key_folder_is_wrong(healthy, key_folder):
    response = Client().get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    os.replace(key_folder / "server.key", key_folder / "elsewhere.key")
    (key_folder / "server.key").write_bytes(b"\0" * 32)
    response = Client().get("/healthz")
    assert response.status_code == 503
    assert response.content == b"not ok\n"
    assert "Set-Cookie" not in response


def test_a_document_waiting_long_for_its_safe_copy_is_a_warning_naming_the_worker(healthy):
    from safepassage.safecopy.models import SafeCopy

    queued = SafeCopy.objects.create(intake_original=uuid.uuid4(), kind="pdf", sealed_key=b"k")
    assert statuses(doctor()[1])["safe-copies"] == "ok"  # just queued: the worker has time
    queued.queued_at = timezone.now() - timedelta(minutes=40)
    queued.save()
    code, report = doctor()
    assert code == 0  # a warning does not fail the run
    finding = next(f for f in report["findings"] if f["status"] == "warning")
    assert finding["check"] == "safe-copies"
    assert "1 waiting, the oldest for 40 min" in finding["found"]
    assert "safepassage-converter" in finding["advice"]


def test_conversions_without_a_sandbox_are_an_error_in_production(healthy, monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")  # no bubblewrap to be found
    try:
        code, report = doctor("--only", "safe-copies")
        assert code == 1
        finding = next(f for f in report["findings"] if f["status"] == "error")
        assert "bubblewrap is not installed" in finding["found"]
        assert "install bubblewrap" in finding["advice"]
    finally:
        monkeypatch.undo()
        sandbox.sandbox_status(refresh=True)  # the next test sees the real machine again
