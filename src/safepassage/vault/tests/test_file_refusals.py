"""Stored files: a key opens only its own object's files, an interrupted store leaves nothing,
an image too large to strip is refused, and `retention purge` clears what uploads left behind."""

from __future__ import annotations

import io
import os
import time
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import override_settings
from PIL import Image

from safepassage.crypto import aead
from safepassage.testing import verified_client
from safepassage.vault import files, storage
from safepassage.vault.models import EncryptedFile
from safepassage.vault.retention import INCOMING_MAX_AGE_SECONDS
from safepassage.vault.tests.test_files import _upload, _vault, probe  # noqa: F401 (fixture)
from safepassage.vault.tests.test_keys import _probe

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.vaultprobe.views_and_accounts")]


def test_a_key_does_not_open_another_objects_file(caseworker):
    _, mine = _probe(caseworker)
    _, theirs = _probe(caseworker)
    row = files.store_bytes(theirs, b"their note", "note.txt", "text")
    with pytest.raises(aead.DecryptionError, match="belongs to another object"):
        files.read_chunks(mine, row)
    assert b"".join(files.read_chunks(theirs, row)) == b"their note"
    assert files.meta_of(theirs, row).mime == "text/plain"


def test_a_store_interrupted_midway_leaves_no_file_and_no_row(caseworker, settings):
    _, key = _probe(caseworker)

    def chunks() -> Iterator[bytes]:
        yield b"first part"
        raise OSError("the source went away")

    with pytest.raises(OSError, match="went away"):
        files.store_stream(key, chunks(), "note.txt", "text")
    assert not EncryptedFile.objects.exists()
    assert not list(Path(settings.FILES_DIR).rglob("*.bin"))


@override_settings(VAULT_STRIP_MAX_BYTES=1000)
def test_an_image_too_large_to_strip_is_refused_in_words(caseworker, probe):  # noqa: F811
    out = io.BytesIO()
    Image.effect_noise((64, 64), 50).convert("RGB").save(out, format="PNG")
    assert len(out.getvalue()) > 1000
    response = _upload(verified_client(caseworker), probe, "photo.png", out.getvalue())
    assert response.status_code == 400
    assert "Images and PDF files may be at most" in response.json()["error"]
    assert not EncryptedFile.objects.exists()


def _aged(path: Path, seconds: float) -> Path:
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"sealed leftovers")
    then = time.time() - seconds
    os.utime(path, (then, then))
    return path


def test_retention_purge_removes_old_orphans_and_abandoned_uploads_only(caseworker, settings):
    _, key = _probe(caseworker)
    kept = files.store_bytes(key, b"a note", "note.txt", "text")
    _aged(storage.stored_path(kept.id), INCOMING_MAX_AGE_SECONDS * 2)
    old_orphan = _aged(storage.stored_path(uuid.uuid4()), INCOMING_MAX_AGE_SECONDS * 2)
    new_orphan = _aged(storage.stored_path(uuid.uuid4()), 60)
    incoming = Path(settings.FILES_DIR) / "incoming"
    old_part = _aged(incoming / "abandoned.part", INCOMING_MAX_AGE_SECONDS * 2)
    new_part = _aged(incoming / "receiving.part", 60)
    out = io.StringIO()
    call_command("retention", "purge", "--today", date.today().isoformat(), stdout=out)
    assert "2 orphan files removed" in out.getvalue()
    assert not old_orphan.exists()
    assert not old_part.exists()
    assert new_orphan.exists()
    assert new_part.exists()
    assert b"".join(files.read_chunks(key, kept)) == b"a note"
