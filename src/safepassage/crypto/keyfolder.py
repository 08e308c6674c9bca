"""The server's key folder: secrets kept outside the database and outside its backups.

It holds the server key (which opens workflow fields and the organisation's private keys the
server must use without anyone signed in) and one key per retention period (destroying a period
key crypto-shreds every case-key wrapper of that period, in every backup). Files are created with
mode 0600 inside a 0700 folder and written atomically.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import nacl.utils

from safepassage.crypto.aead import KEY_BYTES

_PERIOD = re.compile(r"^\d{4}-\d{2}$")


class KeyFolderError(RuntimeError):
    """The key folder is missing, unreadable, or holds a malformed key."""


class KeyFolder:
    def __init__(self, path: Path) -> None:
        self.path = path

    def ensure(self) -> None:
        self.path.mkdir(parents=True, exist_ok=True, mode=0o700)
        (self.path / "periods").mkdir(exist_ok=True, mode=0o700)

    def _read_key(self, path: Path) -> bytes:
        try:
            key = path.read_bytes()
        except FileNotFoundError:
            raise KeyFolderError(f"key file missing: {path.name}") from None
        if len(key) != KEY_BYTES:
            raise KeyFolderError(f"key file {path.name} is malformed")
        return key

    def _create_key(self, path: Path) -> bytes:
        self.ensure()
        key = nacl.utils.random(KEY_BYTES)
        write_private(path, key, exclusive=True)
        return key

    def server_key(self, create: bool = False) -> bytes:
        path = self.path / "server.key"
        if create and not path.exists():
            return self._create_key(path)
        return self._read_key(path)

    def has_server_key(self) -> bool:
        return (self.path / "server.key").exists()

    def period_key(self, period: str, create: bool = False) -> bytes:
        """The key of a retention period `YYYY-MM`; missing once the period was shredded."""
        if not _PERIOD.match(period):
            raise KeyFolderError(f"not a retention period: {period!r}")
        path = self.path / "periods" / f"{period}.key"
        if create and not path.exists():
            return self._create_key(path)
        return self._read_key(path)

    def periods(self) -> list[str]:
        folder = self.path / "periods"
        if not folder.is_dir():
            return []
        return sorted(p.stem for p in folder.glob("*.key") if _PERIOD.match(p.stem))

    def destroy_period(self, period: str) -> bool:
        """Overwrite and delete a period key; True when there was one."""
        if not _PERIOD.match(period):
            raise KeyFolderError(f"not a retention period: {period!r}")
        path = self.path / "periods" / f"{period}.key"
        if not path.exists():
            return False
        # Overwriting first helps on plain disks; on copy-on-write or flash storage the delete is
        # what counts, which is why backups never contain this folder.
        with path.open("r+b") as handle:
            handle.write(nacl.utils.random(KEY_BYTES))
            handle.flush()
            os.fsync(handle.fileno())
        path.unlink()
        return True


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
