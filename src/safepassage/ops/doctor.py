"""`safepassage doctor`: every check of a running deployment, each with what to do about it.

Each check returns one or more findings: a name, a status (ok, warning, error), what was found
and, unless all is well, the advice. Checks read; none of them writes, so doctor can run at any
time, as the service user, beside the running server.
"""

from __future__ import annotations

import os
import shutil
import stat
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from pathlib import Path

from django.apps import AppConfig, apps
from django.conf import settings
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

OK, WARNING, ERROR = "ok", "warning", "error"


@dataclass(frozen=True)
class Finding:
    check: str
    status: str
    found: str
    advice: str = ""

    def as_dict(self) -> dict[str, str]:
        return asdict(self)


Check = Callable[[], Iterator[Finding]]
CHECKS: list[tuple[str, Check]] = []


def check(name: str) -> Callable[[Check], Check]:
    def register(function: Check) -> Check:
        CHECKS.append((name, function))
        return function

    return register


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _owned_by_us(path: Path) -> bool:
    return path.stat().st_uid == os.geteuid()


# -- settings ---------------------------------------------------------------------------------


@check("production")
def production() -> Iterator[Finding]:
    if not settings.PRODUCTION:
        yield Finding(
            "production",
            ERROR,
            "SAFEPASSAGE_PRODUCTION is off: cookies are not Secure, no HTTPS redirect, no HSTS",
            "set SAFEPASSAGE_PRODUCTION=1 in the environment file and restart the service",
        )
    elif settings.DEBUG:  # the settings refuse this pair; kept for a hand-edited settings module
        yield Finding("production", ERROR, "debug pages are on", "remove SAFEPASSAGE_DEBUG")
    else:
        yield Finding("production", OK, "production settings are on")


@check("secret-key-file")
def secret_key_file() -> Iterator[Finding]:
    configured = os.environ.get("SECRET_KEY_FILE", "")
    if not configured:
        yield Finding(
            "secret-key-file",
            ERROR,
            "SECRET_KEY_FILE is not set",
            "create it: head -c 48 /dev/urandom | base64 > FILE; chmod 600 FILE; set "
            "SECRET_KEY_FILE=FILE",
        )
        return
    path = Path(configured)
    if not path.is_file():
        yield Finding("secret-key-file", ERROR, f"{path} is missing", "create it (see above)")
    elif _mode(path) & 0o077:
        yield Finding(
            "secret-key-file",
            ERROR,
            f"{path} has mode {_mode(path):04o}: others than its owner can read it",
            f"chmod 600 {path}",
        )
    elif not _owned_by_us(path):
        yield Finding(
            "secret-key-file",
            WARNING,
            f"{path} belongs to another user than the one running doctor",
            "run doctor as the service user, or chown it to that user",
        )
    else:
        yield Finding("secret-key-file", OK, f"{path} is readable by its owner only")


@check("key-folder")
def key_folder() -> Iterator[Finding]:
    folder = Path(settings.KEY_DIR)
    name = "key-folder"
    if not folder.is_dir():
        yield Finding(
            name,
            ERROR,
            f"the key folder {folder} is missing",
            "restore it from its backup before anything else; without it no case opens",
        )
        return
    if _mode(folder) & 0o077:
        yield Finding(
            name,
            ERROR,
            f"{folder} has mode {_mode(folder):04o}: others than its owner can enter it",
            f"chmod 700 {folder}",
        )
    loose = []
    for path in folder.rglob("*"):
        if path.is_symlink():
            loose.append(path)
            continue
        mode = _mode(path)
        if (path.is_dir() and mode & 0o077) or (path.is_file() and mode & 0o077):
            loose.append(path)
    if loose:
        yield Finding(
            name,
            ERROR,
            f"{len(loose)} entries of the key folder are open to others, e.g. {loose[0]}",
            f"chmod -R go-rwx {folder}",
        )
    server = folder / "server.key"
    if not server.is_file():
        yield Finding(
            name,
            ERROR,
            "the key folder holds no server.key",
            "restore the key folder from its backup (or run `safepassage setup` on a new instance)",
        )
    data = Path(settings.DATA_DIR)
    if folder == data or data in folder.parents:
        yield Finding(
            name,
            ERROR,
            "the key folder is inside the data folder",
            "move it out: it must never travel with the database backups",
        )
    if not loose and server.is_file() and not _mode(folder) & 0o077:
        yield Finding(name, OK, f"{folder} and everything in it are readable by its owner only")


def _last_ok(job: str) -> tuple[datetime | None, bool, str]:
    from safepassage.ops.models import JobRun

    row = JobRun.objects.filter(job=job).first()
    if row is None:
        return None, False, ""
    return row.last_ok_at, row.failing, row.last_error


@check("key-folder-backup")
def key_folder_backup() -> Iterator[Finding]:
    name = "key-folder-backup"
    limit = timedelta(days=settings.KEY_BACKUP_MAX_DAYS)
    last, _failing, _error = _last_ok("key-backup")
    advice = (
        "copy the key folder away: safepassage keys backup | age -r RECIPIENT > FILE, then "
        "keep FILE somewhere else than the archives (see docs/operations.md)"
    )
    if last is None:
        yield Finding(name, ERROR, "the key folder has never been backed up", advice)
    elif timezone.now() - last > limit:
        yield Finding(
            name,
            WARNING,
            f"the key folder was last backed up {last:%Y-%m-%d}; cases created since then "
            "cannot be restored without it",
            advice,
        )
    else:
        yield Finding(name, OK, f"the key folder was last backed up {last:%Y-%m-%d %H:%M}")


# -- database ---------------------------------------------------------------------------------


@check("database")
def database() -> Iterator[Finding]:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as exc:
        yield Finding(
            "database",
            ERROR,
            f"the database does not answer ({type(exc).__name__})",
            "check DATABASE_URL (or DATABASE_URL_FILE) and that PostgreSQL runs: "
            "systemctl status postgresql",
        )
        return
    yield Finding("database", OK, f"{connection.vendor} answers")
    yield from migrations()


def migration_state() -> tuple[list[str], list[str]]:
    """Migrations this code has and the database lacks; migrations the database has and this
    code does not know (it is newer than the code)."""
    executor = MigrationExecutor(connection)
    targets = executor.loader.graph.leaf_nodes()
    missing = [f"{m.app_label}.{m.name}" for m, _back in executor.migration_plan(targets)]
    known = set(executor.loader.disk_migrations)
    unknown = sorted(
        f"{app}.{name}"
        for app, name in executor.loader.applied_migrations
        if (app, name) not in known and app in {c.label for c in _our_apps()}
    )
    return missing, unknown


def _our_apps() -> list[AppConfig]:
    return [c for c in apps.get_app_configs() if c.name.startswith("safepassage.")]


def migrations() -> Iterator[Finding]:
    missing, unknown = migration_state()
    if unknown:
        yield Finding(
            "migrations",
            ERROR,
            f"the database has migrations this code does not know: {', '.join(unknown[:5])}",
            "this code is older than the database: install the release the database was "
            "migrated by (never migrate backwards)",
        )
    elif missing:
        yield Finding(
            "migrations",
            ERROR,
            f"{len(missing)} migrations are not applied, e.g. {missing[0]}",
            "make a backup, then run `safepassage migrate` and restart the service",
        )
    else:
        yield Finding("migrations", OK, "every migration is applied")


@check("clock")
def clock() -> Iterator[Finding]:
    if connection.vendor != "postgresql":
        yield Finding("clock", OK, "the database is a file on this machine: one clock")
        return
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT now()")
            database_now = cursor.fetchone()[0]
    except DatabaseError:
        return  # reported by the database check
    skew = abs((timezone.now() - database_now).total_seconds())
    advice = "keep both clocks synchronised (systemd-timesyncd or chrony on each machine)"
    if skew > 30:
        # Second-factor codes are valid for 30 seconds either side.
        yield Finding(
            "clock", ERROR, f"this machine and the database differ by {skew:.0f} s", advice
        )
    elif skew > 5:
        yield Finding(
            "clock", WARNING, f"this machine and the database differ by {skew:.1f} s", advice
        )
    else:
        yield Finding("clock", OK, f"this machine and the database agree within {skew:.1f} s")


# -- timers and the audit log -----------------------------------------------------------------


def _instance_age() -> timedelta | None:
    from safepassage.accounts.models import Organisation

    first = Organisation.objects.order_by("pk").first()
    created = getattr(first, "created_at", None)
    return timezone.now() - created if created else None


@check("timers")
def timers() -> Iterator[Finding]:
    from safepassage.ops.jobs import JOBS

    age = _instance_age()
    for job in JOBS.values():
        name = f"timer:{job.name}"
        last, failing, error = _last_ok(job.name)
        enable = f"systemctl enable --now safepassage-{job.name}.timer"
        if failing:
            yield Finding(
                name,
                ERROR,
                f"the last run failed: {error}",
                f"see journalctl -u safepassage-job@{job.name}.service; fix, then "
                f"`safepassage periodic {job.name}`",
            )
        elif last is None:
            young = age is not None and age < job.stale_after
            yield Finding(
                name,
                WARNING if young else ERROR,
                "has never run",
                f"{enable} (or run `safepassage periodic {job.name}` once)",
            )
        elif timezone.now() - last > job.stale_after:
            yield Finding(
                name,
                ERROR,
                f"last succeeded {last:%Y-%m-%d %H:%M} UTC, more than {job.stale_after} ago",
                f"{enable}; systemctl list-timers 'safepassage-*'",
            )
        else:
            yield Finding(name, OK, f"last succeeded {last:%Y-%m-%d %H:%M} UTC")


@check("audit-log")
def audit_log() -> Iterator[Finding]:
    from safepassage.audit import services as audit

    report = audit.verify()
    if report.ok:
        yield Finding("audit-log", OK, f"{report.entries} entries verify")
    else:
        where = f" (first bad entry: {report.first_bad_seq})" if report.first_bad_seq else ""
        yield Finding(
            "audit-log",
            ERROR,
            f"the audit log does not verify{where}: {report.problems[0]}",
            "someone changed the database or the key folder: keep a copy of both as they are, "
            "run `safepassage audit verify` and compare with a partner's checkpoint",
        )


# -- the machine ------------------------------------------------------------------------------


@check("disk")
def disk() -> Iterator[Finding]:
    folders = {"data folder": Path(settings.DATA_DIR), "key folder": Path(settings.KEY_DIR)}
    if settings.BACKUP_DIR:
        folders["backup folder"] = Path(settings.BACKUP_DIR)
    for label, folder in folders.items():
        if not folder.exists():
            continue
        usage = shutil.disk_usage(folder)
        free = usage.free / usage.total if usage.total else 0
        text = f"{label}: {usage.free // 2**20} MiB free ({free:.0%})"
        advice = f"free space on the disk of {folder} (old archives, logs) or give it more"
        if free < 0.02 or usage.free < 200 * 2**20:
            yield Finding("disk", ERROR, text, advice)
        elif free < 0.10 or usage.free < 2**30:
            yield Finding("disk", WARNING, text, advice)
        else:
            yield Finding("disk", OK, text)


@check("onion")
def onion() -> Iterator[Finding]:
    if not settings.ONION:
        yield Finding("onion", OK, "the onion profile is off")
        return
    if not settings.ONION_ADDRESS:
        yield Finding(
            "onion",
            ERROR,
            "SAFEPASSAGE_ONION is on but SAFEPASSAGE_ONION_ADDRESS is empty",
            "set it to the address in the service folder's hostname file",
        )
    elif settings.ONION_ADDRESS not in settings.ALLOWED_HOSTS:
        yield Finding("onion", ERROR, "the onion address is not an allowed host", "restart")
    else:
        yield Finding("onion", OK, f"serving as {settings.ONION_ADDRESS}")


@check("lists")
def lists() -> Iterator[Finding]:
    from safepassage.screening import fetch
    from safepassage.screening.models import WatchList

    try:
        sources = fetch.configured_sources()
    except fetch.FetchRefused as exc:
        yield Finding("lists", ERROR, str(exc), "correct the list sources file")
        return
    if not sources:
        yield Finding("lists", OK, "no list is fetched automatically (SAFEPASSAGE_LIST_SOURCES)")
    for source in sources:
        name = f"list:{source.name}"
        row = WatchList.objects.filter(name=source.name).first()
        imported = row.imported_at if row else None
        advice = (
            f"run `safepassage lists fetch --name '{source.name}'` and read its error; "
            "check that the timer safepassage-lists-fetch.timer runs"
        )
        if imported is None:
            yield Finding(name, WARNING, "never imported", advice)
        elif timezone.now() - imported > timedelta(days=source.max_age_days):
            yield Finding(
                name,
                WARNING,
                f"imported {imported:%Y-%m-%d}, older than {source.max_age_days} days",
                advice,
            )
        else:
            yield Finding(
                name,
                OK,
                f"imported {imported:%Y-%m-%d %H:%M} UTC (version {row.version if row else 0})",
            )


@check("safe-copies")
def safe_copies() -> Iterator[Finding]:
    from safepassage.safecopy.models import SafeCopy, State
    from safepassage.safeview.sandbox import sandbox_status

    status = sandbox_status(refresh=True)
    if status.isolated:
        yield Finding("safe-copies", OK, status.summary)
    else:
        yield Finding(
            "safe-copies",
            ERROR if settings.PRODUCTION else WARNING,
            f"{status.summary} ({status.detail})",
            "install bubblewrap and allow unprivileged user namespaces "
            "(sysctl kernel.unprivileged_userns_clone=1 where the kernel has it); "
            "docs/operations.md, Safe copies",
        )
    oldest = SafeCopy.objects.filter(state=State.QUEUED).order_by("queued_at").first()
    if oldest is None:
        yield Finding("safe-copies", OK, "no document is waiting for its safe copy")
        return
    waiting = timezone.now() - oldest.queued_at
    waiting_count = SafeCopy.objects.filter(state=State.QUEUED).count()
    text = f"{waiting_count} waiting, the oldest for {int(waiting.total_seconds() // 60)} min"
    if waiting > timedelta(minutes=15):
        yield Finding(
            "safe-copies",
            WARNING,
            text,
            "the worker does not seem to run: `systemctl status safepassage-converter` "
            "and `safepassage safecopies status`",
        )
    else:
        yield Finding("safe-copies", OK, text)


def run(only: list[str] | None = None) -> list[Finding]:
    findings: list[Finding] = []
    for name, function in CHECKS:
        if only and name not in only:
            continue
        try:
            findings.extend(function())
        except Exception as exc:  # a check that breaks is itself a finding, not a crash
            findings.append(
                Finding(
                    name,
                    ERROR,
                    f"the check could not run ({type(exc).__name__}: {exc})",
                    "look at the database and the folders named in the settings",
                )
            )
    return findings
