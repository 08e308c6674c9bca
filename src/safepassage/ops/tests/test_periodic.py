"""Every periodic job has its timer and every timer a job; a run leaves the record doctor reads,
and a failed run exits non-zero and is audited."""

from __future__ import annotations

import configparser
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from safepassage.audit.models import AuditEntry
from safepassage.ops.jobs import JOBS
from safepassage.ops.models import JobRun

DEPLOY = Path(__file__).resolve().parents[4] / "deploy" / "systemd"


def _unit(path: Path) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read_string(path.read_text())
    return parser


def test_every_job_has_a_timer_with_its_schedule_and_no_timer_is_left_over():
    timers = {
        p.name.removeprefix("safepassage-").removesuffix(".timer"): p
        for p in DEPLOY.glob("safepassage-*.timer")
    }
    assert set(timers) == set(JOBS)
    for name, path in timers.items():
        timer = _unit(path)["Timer"]
        assert timer["OnCalendar"] == JOBS[name].on_calendar
        assert timer["Unit"] == f"safepassage-job@{name}.service"
        assert timer["Persistent"] == "true"
    service = _unit(DEPLOY / "safepassage-job@.service")["Service"]
    assert service["ExecStart"].endswith("safepassage periodic %i")


@pytest.mark.django_db(transaction=True)
def test_a_run_is_recorded(organisation):
    out = StringIO()
    call_command("periodic", "audit-verify", stdout=out)
    assert out.getvalue().startswith("audit-verify: audit log intact")
    row = JobRun.objects.get(job="audit-verify")
    assert row.last_ok_at is not None
    assert not row.failing
    assert "intact" in row.last_summary


@pytest.mark.django_db(transaction=True)
def test_a_failed_run_exits_non_zero_is_recorded_and_audited(organisation, settings):
    settings.BACKUP_DIR = ""
    with pytest.raises(CommandError, match="SAFEPASSAGE_BACKUP_DIR is not set"):
        call_command("periodic", "backup", stdout=StringIO())
    row = JobRun.objects.get(job="backup")
    assert row.failing
    assert "SAFEPASSAGE_BACKUP_DIR" in row.last_error
    assert AuditEntry.objects.filter(action="ops.job_failed", target_ref="backup").exists()


@pytest.mark.django_db(transaction=True)
def test_backup_and_checkpoint_jobs_write_into_the_backup_folder(organisation, settings, tmp_path):
    settings.BACKUP_DIR = str(tmp_path / "backups")
    (tmp_path / "backups").mkdir()
    settings.DATA_DIR = tmp_path / "data"
    settings.DATA_DIR.mkdir()
    call_command("periodic", "backup", stdout=StringIO())
    call_command("periodic", "audit-checkpoint", stdout=StringIO())
    (first,) = (tmp_path / "backups").glob("audit-checkpoint-*.json")
    first.rename(first.with_name("audit-checkpoint-2000-01-01T0000.json"))
    call_command("periodic", "audit-checkpoint", stdout=StringIO())
    names = sorted(p.name for p in (tmp_path / "backups").iterdir())
    assert len([n for n in names if n.endswith(".spb")]) == 1
    assert len([n for n in names if n.startswith("audit-checkpoint-")]) == 2
    newest = sorted((tmp_path / "backups").glob("audit-checkpoint-2*.json"))[-1]
    assert '"consistency"' in newest.read_text()  # proven to extend the earlier one
