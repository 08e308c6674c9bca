"""The backup drill: restore an archive into a scratch instance and take its inventory.

The scratch instance is a new SQLite database and data folder in a private temporary folder,
with a copy of the key folder given (the restore writes the audit head there, and the live key
folder must not change). It runs in child processes with their own settings, so the live
database, data folder and key folder are never opened for writing. The scratch folder is
removed afterwards, its key copies overwritten first.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from safepassage.crypto.keyfolder import KeyFolder, KeyFolderError, _overwrite_and_unlink
from safepassage.ops import backup


class DrillFailed(Exception):
    """The archive could not be restored or checked; the message says why and what to do."""


@dataclass(frozen=True)
class DrillResult:
    inventory: dict[str, Any]

    @property
    def ok(self) -> bool:
        return bool(self.inventory.get("ok"))


def _environment(scratch: Path) -> dict[str, str]:
    keep = ("PATH", "LANG", "LC_ALL", "HOME", "TMPDIR", "PYTHONPATH", "VIRTUAL_ENV")
    env = {k: v for k, v in os.environ.items() if k in keep}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "safepassage.settings",
            "SAFEPASSAGE_DATA_DIR": str(scratch / "data"),
            "SAFEPASSAGE_KEY_DIR": str(scratch / "keys"),
            "SAFEPASSAGE_AUDIT_HEAD_INTERVAL": "0",
            "SAFEPASSAGE_LOG_LEVEL": "WARNING",
        }
    )
    return env


def _run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - this program itself, with arguments we made
        [sys.executable, "-m", "safepassage", *args],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=3600,
    )


def _last_line(result: subprocess.CompletedProcess[str]) -> str:
    lines = [line for line in (result.stderr or result.stdout).splitlines() if line.strip()]
    return lines[-1].removeprefix("CommandError: ") if lines else f"exit {result.returncode}"


def _remove(scratch: Path) -> None:
    for path in (scratch / "keys").rglob("*"):
        if path.is_file() and not path.is_symlink():
            _overwrite_and_unlink(path)
    shutil.rmtree(scratch, ignore_errors=True)


def verify(
    archive: Path, key_dir: Path, recovery_file: Path | None, where: Path | None
) -> DrillResult:
    if not archive.is_file():
        raise DrillFailed(f"no such backup: {archive}")
    if not (key_dir / "server.key").is_file():
        raise DrillFailed(
            f"{key_dir} is not a key folder (no server.key): give the key folder the archive was "
            "made with (--key-dir), restored from its own backup"
        )
    if recovery_file is not None and not recovery_file.is_file():
        raise DrillFailed(f"no such recovery key file: {recovery_file}")
    # The whole archive is read through first, writing nothing: a damaged archive or the wrong
    # key folder is found in seconds, before a scratch instance is made.
    try:
        server = KeyFolder(key_dir).server_key()
        backup.read_through(archive, server)
    except (KeyFolderError, backup.BackupError) as exc:
        raise DrillFailed(str(exc)) from None
    scratch = Path(tempfile.mkdtemp(prefix="safepassage-drill-", dir=where))
    try:
        (scratch / "data").mkdir(mode=0o700)
        shutil.copytree(key_dir, scratch / "keys", symlinks=False)
        os.chmod(scratch / "keys", 0o700)
        env = _environment(scratch)
        migrated = _run(env, "migrate", "--no-input", "-v0")
        if migrated.returncode != 0:
            raise DrillFailed(f"the scratch instance could not be made: {_last_line(migrated)}")
        restored = _run(env, "backup", "restore", str(archive.resolve()))
        if restored.returncode != 0:
            raise DrillFailed(f"the archive does not restore: {_last_line(restored)}")
        args = ["inventory", "--json"]
        if recovery_file is not None:
            args += ["--recovery-key-file", str(recovery_file.resolve())]
        checked = _run(env, *args)
        try:
            found: dict[str, Any] = json.loads(checked.stdout)
        except json.JSONDecodeError:
            raise DrillFailed(
                f"the restored instance could not be checked: {_last_line(checked)}"
            ) from None
        return DrillResult(found)
    finally:
        _remove(scratch)
