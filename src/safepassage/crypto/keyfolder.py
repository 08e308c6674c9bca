"""The server's key folder: secrets kept outside the database and outside its backups.

It holds the server key (which opens the organisation's private keys the server must use without
anyone signed in, and the workflow fields), and one shred key per protected object (a case, an
evidence item), filed under the month its retention ends: `shred/2027-03/case-17.key`. Every copy
of an object's key is sealed under its shred key, so deleting that one small file makes the object
unreadable in every backup, and deleting a month's folder ends that month's retention at once.
Files are created with mode 0600 inside 0700 folders and written atomically.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import nacl.utils

from safepassage.crypto.aead import KEY_BYTES

_PERIOD = re.compile(r"^\d{4}-\d{2}$")
_NAME = re.compile(r"^[a-z]+-\d+$")
_JOB = re.compile(r"^[0-9a-f]{32}$")


class KeyFolderError(RuntimeError):
    """The key folder is missing, unreadable, or holds a malformed key."""


class KeyShredded(KeyFolderError):
    """The shred key is gone: the object it protected was deleted or its retention ended."""


class KeyFolder:
    def __init__(self, path: Path) -> None:
        self.path = path

    def ensure(self) -> None:
        self.path.mkdir(parents=True, exist_ok=True, mode=0o700)
        (self.path / "shred").mkdir(exist_ok=True, mode=0o700)

    def _read_key(self, path: Path) -> bytes:
        try:
            key = path.read_bytes()
        except FileNotFoundError:
            raise KeyFolderError(f"key file missing: {path.name}") from None
        if len(key) != KEY_BYTES:
            raise KeyFolderError(f"key file {path.name} is malformed")
        return key

    def _create_key(self, path: Path, *, replace: bool = False) -> bytes:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        key = nacl.utils.random(KEY_BYTES)
        write_private(path, key, exclusive=not replace)
        return key

    def server_key(self, create: bool = False) -> bytes:
        path = self.path / "server.key"
        if create and not path.exists():
            self.ensure()
            return self._create_key(path)
        return self._read_key(path)

    # -- shred keys ---------------------------------------------------------------------------

    def _shred_path(self, period: str, name: str) -> Path:
        if not _PERIOD.match(period) or not _NAME.match(name):
            raise KeyFolderError(f"not a shred key: {period}/{name}")
        return self.path / "shred" / period / f"{name}.key"

    def create_shred_key(self, period: str, name: str, *, replace: bool = False) -> bytes:
        """A new shred key; `replace` overwrites one left under the same name (only for a
        caller who knows no committed object can be using that name)."""
        return self._create_key(self._shred_path(period, name), replace=replace)

    def shred_key(self, period: str, name: str) -> bytes:
        path = self._shred_path(period, name)
        if not path.exists():
            raise KeyShredded(f"{name} was shredded (its key is gone)")
        return self._read_key(path)

    def copy_shred_key(self, old_period: str, new_period: str, name: str) -> None:
        """File a copy of a shred key under another period, for an object whose retention date
        changes; the caller destroys the old copy once the change is committed. A copy left by
        a change that rolled back is replaced."""
        key = self.shred_key(old_period, name)
        new = self._shred_path(new_period, name)
        new.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        write_private(new, key)

    def destroy_shred_key(self, period: str, name: str) -> bool:
        """Overwrite and delete one shred key; True when there was one."""
        path = self._shred_path(period, name)
        if not path.exists():
            return False
        _overwrite_and_unlink(path)
        return True

    def periods(self) -> list[str]:
        folder = self.path / "shred"
        if not folder.is_dir():
            return []
        return sorted(p.name for p in folder.iterdir() if p.is_dir() and _PERIOD.match(p.name))

    def destroy_period(self, period: str) -> int:
        """Destroy every shred key of a retention period; returns how many there were."""
        if not _PERIOD.match(period):
            raise KeyFolderError(f"not a retention period: {period!r}")
        folder = self.path / "shred" / period
        if not folder.is_dir():
            return 0
        keys = list(folder.glob("*.key"))
        for path in keys:
            _overwrite_and_unlink(path)
        shutil.rmtree(folder)
        return len(keys)

    # -- job keys -----------------------------------------------------------------------------
    # A background job (a document's safe copy) holds what it must open sealed under its own key
    # here, destroyed when the job ends: the database alone, or a copy of this folder taken after
    # the job, opens nothing.

    def _job_path(self, name: str) -> Path:
        if not _JOB.match(name):
            raise KeyFolderError(f"not a job key: {name}")
        return self.path / "jobs" / f"{name}.key"

    def create_job_key(self, name: str) -> bytes:
        return self._create_key(self._job_path(name), replace=True)

    def job_key(self, name: str) -> bytes:
        path = self._job_path(name)
        if not path.exists():
            raise KeyShredded(f"job {name} has ended (its key is gone)")
        return self._read_key(path)

    def destroy_job_key(self, name: str) -> bool:
        path = self._job_path(name)
        if not path.exists():
            return False
        _overwrite_and_unlink(path)
        return True

    def job_names(self) -> list[str]:
        folder = self.path / "jobs"
        if not folder.is_dir():
            return []
        return sorted(p.stem for p in folder.glob("*.key") if _JOB.match(p.stem))


def _overwrite_and_unlink(path: Path) -> None:
    # Overwriting first helps on plain disks; on copy-on-write or flash storage the delete is
    # what counts, which is why backups never contain this folder.
    with path.open("r+b") as handle:
        handle.write(nacl.utils.random(KEY_BYTES))
        handle.flush()
        os.fsync(handle.fileno())
    path.unlink()


def write_private(path: Path, data: bytes, exclusive: bool = False, durable: bool = True) -> None:
    """Write a file readable by the owner only, atomically (a crash leaves old or new, not half)."""
    if exclusive and path.exists():
        raise KeyFolderError(f"refusing to overwrite {path.name}")
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(fd, data)
        if durable:
            os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, path)
    if durable:
        # The new name must survive a power cut too: a shred key lost after its case was
        # committed would make the case unreadable for good.
        folder = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)
