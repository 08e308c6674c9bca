"""A case's files: added through the case page, opened as safe copies by the staff on the case."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from safepassage.audit.models import AuditEntry
from safepassage.cases import services as case_services
from safepassage.core.roles import Role
from safepassage.safecopy.models import SafeCopy
from safepassage.safecopy.tests.conftest import body, named, run_queue
from safepassage.testing import verified_client
from safepassage.vault.models import EncryptedFile

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(caseworker):
    return case_services.create_case(caseworker, "Пётр Сидоров", country="KZ")


def _photo() -> bytes:
    out = io.BytesIO()
    exif = Image.Exif()
    exif[0x010F] = "CameraMaker"
    Image.new("RGB", (40, 30), (10, 120, 10)).save(out, format="JPEG", exif=exif)
    return out.getvalue()


def test_a_caseworker_adds_a_photo_and_opens_its_safe_copy(caseworker, case):
    client = verified_client(caseworker)
    reference = case.case.reference
    form = client.get(f"/cases/{reference}/files/new/").content.decode()
    assert "Accepted: JPEG photos" in form
    response = client.post(f"/cases/{reference}/files/new/", {"file": named("id.jpg", _photo())})
    assert response.status_code == 302
    row = EncryptedFile.objects.get()
    assert SafeCopy.objects.get().original_id == row.id
    assert "case.file_added" in AuditEntry.objects.values_list("action", flat=True)
    assert run_queue() == ["done"]

    page = client.get(f"/cases/{reference}/").content.decode()
    assert "safe copy made, a picture without metadata" in page
    safe = client.get(f"/cases/{reference}/files/{row.id}/")
    assert safe["Content-Type"] == "image/png"
    with Image.open(io.BytesIO(body(safe))) as image:
        assert image.format == "PNG"
        assert not image.getexif()


def test_a_disguised_file_is_refused_and_nothing_is_stored(caseworker, case):
    client = verified_client(caseworker)
    response = client.post(
        f"/cases/{case.case.reference}/files/new/",
        {"file": named("letter.docx", b"MZ\x90\x00 a program, not a letter")},
    )
    assert response.status_code == 200
    assert "not accepted here" in response.content.decode()
    assert not EncryptedFile.objects.exists()
    assert not SafeCopy.objects.exists()


def test_staff_not_on_the_case_reach_no_file(caseworker, case, make_staff):
    client = verified_client(caseworker)
    client.post(f"/cases/{case.case.reference}/files/new/", {"file": named("id.jpg", _photo())})
    row = EncryptedFile.objects.get()
    outsider = verified_client(make_staff(Role.CASEWORKER))
    base = f"/cases/{case.case.reference}/files/{row.id}/"
    for url in (base, base + "original/"):
        assert outsider.get(url).status_code == 404
    assert outsider.post(base + "original/", {"confirm": "on"}).status_code == 404
    assert outsider.post(base + "make/").status_code == 404


def test_the_original_needs_the_confirmation_and_is_audited(caseworker, case):
    client = verified_client(caseworker)
    photo = _photo()
    client.post(f"/cases/{case.case.reference}/files/new/", {"file": named("id.jpg", photo)})
    row = EncryptedFile.objects.get()
    url = f"/cases/{case.case.reference}/files/{row.id}/original/"
    assert not client.get(url).streaming
    original = client.post(url, {"confirm": "on"})
    data = body(original)
    assert data.startswith(b"\xff\xd8")  # the stored photo (metadata already stripped on arrival)
    assert AuditEntry.objects.filter(action="case.file_original_downloaded").count() == 1


def test_a_file_from_before_safe_copies_gets_one_on_request(caseworker, case):
    client = verified_client(caseworker)
    client.post(f"/cases/{case.case.reference}/files/new/", {"file": named("id.jpg", _photo())})
    SafeCopy.objects.all().delete()  # as if stored before safe copies existed
    row = EncryptedFile.objects.get()
    base = f"/cases/{case.case.reference}/files/{row.id}/"
    page = client.get(base).content.decode()
    assert "no safe copy yet" in page
    assert not SafeCopy.objects.exists()  # looking changes nothing
    client.post(base + "make/")
    assert SafeCopy.objects.get().state == "queued"
