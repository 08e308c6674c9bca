"""One encrypted archive of the database and the stored files, and its restore.

The archive is `MAGIC || key id || secretstream(tar.gz)` under a key derived from the server key,
so it can only be restored beside the same key folder, which is backed up separately (see
docs/operations.md): a stolen archive alone is doubly useless, and shredded objects stay shredded
in every archive because their shred keys are gone from the key folder. The database travels as
Django's portable JSON dump, so an archive from SQLite restores into PostgreSQL and back.
"""

from __future__ import annotations

import io
import json
import os
import re
import tarfile
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO

from django.conf import settings
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction
from nacl.encoding import RawEncoder
from nacl.hash import blake2b

from safepassage.crypto import stream
from safepassage.crypto.keyfolder import KeyFolderError
from safepassage.vault.keys import key_folder

MAGIC = b"SAFEPASSAGE-BACKUP-1\n"
FORMAT = 1
# Sessions are not restored (everyone signs in again); contenttypes and permissions are rebuilt
# by migrate.
EXCLUDE = ["contenttypes", "auth.permission", "accounts.staffsession"]
# Stored files of the vault, and of intake (kept in their own folder, sealed to the intake key).
_FILE_MEMBER = re.compile(r"^files/(intake/)?[0-9a-f]{2}/[0-9a-f]{32}\.bin$")


class BackupError(Exception):
    """The archive cannot be made or restored; the message says why."""


def _backup_key(server: bytes | None = None) -> tuple[bytes, bytes]:
    if server is None:
        try:
            server = key_folder().server_key()
        except KeyFolderError as exc:
            raise BackupError(
                f"the key folder has no server key ({exc}); restore the key folder first"
            ) from None
    key = blake2b(b"backup", key=server, person=b"sp-backup", encoder=RawEncoder)
    key_id = blake2b(
        b"backup-id", key=server, person=b"sp-backup-id", digest_size=16, encoder=RawEncoder
    )
    return key, key_id


@dataclass(frozen=True)
class BackupSummary:
    path: Path
    files: int
    size: int


def create(out_path: Path) -> BackupSummary:
    key, key_id = _backup_key()
    files_dir = Path(settings.FILES_DIR)
    work = Path(tempfile.mkdtemp(prefix="backup-", dir=settings.DATA_DIR))
    os.chmod(work, 0o700)
    dump = work / "database.json"
    tmp = out_path.with_name(f".{out_path.name}.part")
    try:
        with dump.open("w", encoding="utf-8") as handle:
            call_command("dumpdata", exclude=EXCLUDE, stdout=handle, indent=None)
        stored = (
            sorted([*files_dir.glob("??/*.bin"), *files_dir.glob("intake/??/*.bin")])
            if files_dir.is_dir()
            else []
        )
        manifest = {
            "format": FORMAT,
            "created": datetime.now(UTC).isoformat(),
            "database": connection.vendor,
            "files": len(stored),
        }
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as raw:
            raw.write(MAGIC + key_id)
            encryptor = stream.Encryptor(key, raw, MAGIC + key_id)
            with tarfile.open(fileobj=encryptor, mode="w|gz") as tar:  # type: ignore[call-overload]
                _add_bytes(tar, "manifest.json", json.dumps(manifest).encode())
                tar.add(dump, arcname="database.json")
                for path in stored:
                    tar.add(path, arcname=f"files/{path.relative_to(files_dir).as_posix()}")
            encryptor.finish()
            raw.flush()
            os.fsync(raw.fileno())
        os.replace(tmp, out_path)
    finally:
        tmp.unlink(missing_ok=True)
        dump.unlink(missing_ok=True)
        work.rmdir()
    return BackupSummary(out_path, len(stored), out_path.stat().st_size)


def _add_bytes(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mode = 0o600
    tar.addfile(info, io.BytesIO(data))


def _open(source: BinaryIO, server: bytes | None = None) -> stream.Reader:
    key, key_id = _backup_key(server)
    header = source.read(len(MAGIC) + len(key_id))
    if not header.startswith(MAGIC):
        raise BackupError("this is not a safepassage backup")
    if header[len(MAGIC) :] != key_id:
        raise BackupError(
            "this backup was made with another key folder: restore that instance's key folder "
            "first, then the backup"
        )
    return stream.Reader(key, source, MAGIC + key_id)


def read_through(path: Path, server: bytes) -> dict[str, object]:
    """Read a whole archive without writing anything: it opens with this server key, every
    chunk authenticates and every entry is one a backup holds. Returns its manifest."""
    manifest: dict[str, object] = {}
    names: set[str] = set()
    with path.open("rb") as source:
        reader = _open(source, server)
        try:
            with tarfile.open(fileobj=reader, mode="r|gz") as tar:  # type: ignore[call-overload]
                for member in tar:
                    name = member.name
                    if not member.isfile() or not (
                        name in ("manifest.json", "database.json") or _FILE_MEMBER.match(name)
                    ):
                        raise BackupError(f"unexpected entry in the backup: {name}")
                    handle = tar.extractfile(member)
                    if handle is None:
                        raise BackupError(f"unreadable entry in the backup: {name}")
                    if name == "manifest.json":
                        manifest = json.loads(handle.read())
                    else:
                        while handle.read(1 << 20):
                            pass
                    names.add(name)
        except stream.StreamError as exc:
            raise BackupError(f"the backup is damaged: {exc}") from None
        except (tarfile.TarError, OSError, EOFError, ValueError) as exc:
            raise BackupError(f"the backup cannot be read: {exc}") from None
    if manifest.get("format") != FORMAT or "database.json" not in names:
        raise BackupError("the backup is incomplete")
    return manifest


def restore(path: Path) -> dict[str, object]:
    """Restore an archive into this (freshly migrated, empty) instance; all or nothing."""
    from safepassage.accounts.models import Organisation

    if Organisation.objects.exists():
        raise BackupError("this instance is not empty: restore into a fresh instance")
    files_dir = Path(settings.FILES_DIR)
    work = Path(tempfile.mkdtemp(prefix="restore-", dir=settings.DATA_DIR))
    os.chmod(work, 0o700)
    placed: list[Path] = []
    manifest: dict[str, object] = {}
    try:
        with path.open("rb") as source:
            reader = _open(source)
            try:
                with tarfile.open(fileobj=reader, mode="r|gz") as tar:  # type: ignore[call-overload]
                    for member in tar:
                        manifest = _extract(tar, member, work, files_dir, placed) or manifest
            except stream.StreamError as exc:
                raise BackupError(f"the backup is damaged: {exc}") from None
            except (tarfile.TarError, OSError, EOFError) as exc:
                raise BackupError(f"the backup cannot be read: {exc}") from None
        if manifest.get("format") != FORMAT or not (work / "database.json").exists():
            raise BackupError("the backup is incomplete")
        with transaction.atomic():
            _clear_reference_rows()
            call_command("loaddata", str(work / "database.json"), verbosity=0)
            _reset_sequences()
    except BaseException:
        for placed_path in placed:
            placed_path.unlink(missing_ok=True)
        raise
    finally:
        for leftover in work.iterdir():
            leftover.unlink()
        work.rmdir()
    return manifest


def _extract(
    tar: tarfile.TarFile, member: tarfile.TarInfo, work: Path, files_dir: Path, placed: list[Path]
) -> dict[str, object] | None:
    if not member.isfile():
        raise BackupError(f"unexpected entry in the backup: {member.name}")
    handle = tar.extractfile(member)
    if handle is None:
        raise BackupError(f"unreadable entry in the backup: {member.name}")
    if member.name == "manifest.json":
        loaded: dict[str, object] = json.loads(handle.read())
        return loaded
    if member.name == "database.json":
        target = work / "database.json"
    elif _FILE_MEMBER.match(member.name):
        target = files_dir / member.name.removeprefix("files/")
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        placed.append(target)
    else:
        raise BackupError(f"unexpected entry in the backup: {member.name}")
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as out:
        while piece := handle.read(1 << 20):
            out.write(piece)
    return None


def _clear_reference_rows() -> None:
    """A fresh instance holds only the reference data its migrations seeded (countries, stay
    rules, outreach pages...). The archive carries the backed-up instance's own copy, whose row
    ids need not match a fresh seed's (a rule deleted and added again has a new id), so the
    seeded rows go first, inside the restore's transaction."""
    from django.apps import apps

    for model in apps.get_models():
        if model.__module__.startswith("safepassage.") and model._default_manager.exists():
            model._default_manager.all().delete()


def _reset_sequences() -> None:
    """After loading rows with their ids, let PostgreSQL's sequences continue past them."""
    from django.apps import apps

    statements = connection.ops.sequence_reset_sql(no_style(), list(apps.get_models()))
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
