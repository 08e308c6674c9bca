"""Attachments: received encrypted, checked by content, stripped of metadata, tamper-evident."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from django.test import override_settings
from PIL import Image
from tests.vaultprobe.models import Probe

from safepassage.crypto import stream
from safepassage.testing import verified_client
from safepassage.vault import files, objects, storage
from safepassage.vault.models import EncryptedFile

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.vaultprobe.views_and_accounts")]


@pytest.fixture
def probe(caseworker):
    row = Probe.objects.create()
    objects.create("probe", row.pk, date(2031, 1, 1), [caseworker.pk])
    return row


def _jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (64, 48), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "CameraMaker"  # Make
    exif[0x0131] = "PhoneSoftware 1.0"  # Software
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = (43.0, 14.0, 30.0)
    gps[3] = "E"
    gps[4] = (76.0, 53.0, 10.0)
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def _upload(client, probe, name, data, **extra):
    upload = io.BytesIO(data)
    upload.name = name
    return client.post(f"/probe/{probe.pk}/upload/", {"file": upload, **extra})


def _download(client, probe, file_id) -> bytes:
    response = client.get(f"/probe/{probe.pk}/files/{file_id}/")
    return b"".join(response.streaming_content)


def test_gps_data_is_stripped_from_photos(caseworker, probe, tmp_path):
    client = verified_client(caseworker)
    original = _jpeg_with_gps()
    with Image.open(io.BytesIO(original)) as image:
        assert image.getexif().get_ifd(0x8825)  # the fixture really carries GPS
    response = _upload(client, probe, "photo.jpg", original)
    assert response.status_code == 200, response.content
    stored = _download(client, probe, response.json()["id"])
    with Image.open(io.BytesIO(stored)) as image:
        assert image.size == (64, 48)
        assert not image.getexif()
    if shutil.which("exiftool"):
        path = tmp_path / "stored.jpg"
        path.write_bytes(stored)
        tags = json.loads(
            subprocess.run(
                ["exiftool", "-json", str(path)], capture_output=True, text=True, check=True
            ).stdout
        )[0]
        assert not any(k.startswith("GPS") for k in tags)
        assert "Make" not in tags
        assert "Software" not in tags


def test_pdf_metadata_is_stripped(caseworker, probe):
    import pikepdf

    pdf = pikepdf.new()
    pdf.add_blank_page()
    pdf.docinfo["/Author"] = "Ivan Petrov"
    pdf.docinfo["/Title"] = "statement"
    with pdf.open_metadata() as meta:
        meta["dc:creator"] = ["Ivan Petrov"]
    raw = io.BytesIO()
    pdf.save(raw)
    assert b"Ivan Petrov" in raw.getvalue()
    client = verified_client(caseworker)
    response = _upload(client, probe, "statement.pdf", raw.getvalue())
    stored = _download(client, probe, response.json()["id"])
    assert stored.startswith(b"%PDF-")
    assert b"Ivan Petrov" not in stored


def test_original_kept_for_evidence_on_request(caseworker, probe):
    client = verified_client(caseworker)
    original = _jpeg_with_gps()
    response = _upload(client, probe, "evidence.jpg", original, keep_original="1")
    assert _download(client, probe, response.json()["id"]) == original
    row = EncryptedFile.objects.get(pk=response.json()["id"])
    meta = files.meta_of(objects.open_with(row.ring, _vault(caseworker)), row)
    assert meta.original_kept
    assert not meta.stripped


def test_a_script_named_jpg_is_refused(caseworker, probe):
    client = verified_client(caseworker)
    response = _upload(client, probe, "photo.jpg", b"#!/bin/sh\nrm -rf /\n")
    assert response.status_code == 400
    assert "does not match" in response.json()["error"]
    assert not EncryptedFile.objects.exists()


def test_a_broken_image_is_refused(caseworker, probe):
    client = verified_client(caseworker)
    response = _upload(client, probe, "photo.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 200)
    assert response.status_code == 400
    assert not EncryptedFile.objects.exists()


def test_an_unaccepted_type_is_refused(caseworker, probe):
    client = verified_client(caseworker)
    response = _upload(client, probe, "tool.exe", b"MZ\x90\x00" + b"\x00" * 500)
    assert response.status_code == 400
    assert not EncryptedFile.objects.exists()


@override_settings(VAULT_FILE_MAX_BYTES=100_000)
def test_an_oversized_file_is_refused(caseworker, probe):
    client = verified_client(caseworker)
    response = _upload(client, probe, "notes.txt", b"a" * 150_000)
    assert response.status_code == 400
    assert "larger" in response.json()["error"]
    assert not EncryptedFile.objects.exists()


@override_settings(VAULT_FILES_PER_OBJECT=2)
def test_too_many_files_are_refused(caseworker, probe):
    client = verified_client(caseworker)
    for i in range(2):
        assert _upload(client, probe, f"n{i}.txt", b"note").status_code == 200
    assert _upload(client, probe, "n3.txt", b"note").status_code == 400
    assert EncryptedFile.objects.count() == 2


def test_nothing_plain_is_written_while_receiving(caseworker, probe, settings):
    client = verified_client(caseworker)
    canary = b"CANARY-UPLOAD-7f3e " * 5000
    response = _upload(client, probe, "notes.txt", canary)
    assert response.status_code == 200
    for path in Path(settings.FILES_DIR).rglob("*"):
        if path.is_file():
            assert b"CANARY-UPLOAD-7f3e" not in path.read_bytes()
    assert _download(client, probe, response.json()["id"]) == canary


def test_a_truncated_stored_file_is_detected(caseworker, probe):
    client = verified_client(caseworker)
    response = _upload(client, probe, "notes.txt", b"x" * 200_000)
    row = EncryptedFile.objects.get(pk=response.json()["id"])
    path = storage.stored_path(row.id)
    path.write_bytes(path.read_bytes()[:-100])
    key = objects.open_with(row.ring, _vault(caseworker))
    with pytest.raises(stream.StreamError):
        b"".join(files.read_chunks(key, row))


def test_a_file_swapped_for_another_is_detected(caseworker, probe):
    client = verified_client(caseworker)
    first = EncryptedFile.objects.get(pk=_upload(client, probe, "a.txt", b"a" * 1000).json()["id"])
    second = EncryptedFile.objects.get(pk=_upload(client, probe, "b.txt", b"b" * 1000).json()["id"])
    storage.stored_path(first.id).write_bytes(storage.stored_path(second.id).read_bytes())
    key = objects.open_with(first.ring, _vault(caseworker))
    with pytest.raises(stream.StreamError):
        b"".join(files.read_chunks(key, first))


def _vault(staff):
    from safepassage.vault.session import VaultSession

    return VaultSession(staff.pk, staff._test_private_key)
