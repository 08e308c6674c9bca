"""Evidence is for the case's vetters only: web, command line and vault."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from PIL import Image

from safepassage.testing import PASSWORD, verified_client
from safepassage.vault import objects
from safepassage.vault.models import KeyWrapper
from safepassage.vetting import services as vetting
from safepassage.vetting.models import Evidence
from safepassage.vetting.tests.conftest import open_as, vault_of

pytestmark = pytest.mark.django_db

RETENTION = date.today() + timedelta(days=900)


@pytest.fixture
def item(team):
    va = open_as(team, team["vetters"][0])
    return vetting.add_evidence(va, "osint", {"title": "CANARY-EVIDENCE unit photo"}, RETENTION)


def test_vetters_read_evidence(team, item):
    from safepassage.vault import fields

    va = open_as(team, team["vetters"][1])
    assert (
        fields.read(vetting.evidence_key(va, item), item, "title") == "CANARY-EVIDENCE unit photo"
    )


def test_staff_who_are_not_its_vetters_never_reach_a_vetting_page(team, item, make_staff):
    from safepassage.cases import services as case_services
    from safepassage.core.roles import Role

    other_vetter = make_staff(Role.VETTER)
    case_services.assign(team["case"], other_vetter, "legal")  # on the case, not as vetter
    reference = team["reference"]
    urls = [
        f"/cases/{reference}/vetting/",
        f"/cases/{reference}/vetting/evidence/new/",
        f"/cases/{reference}/vetting/evidence/{item.pk}/files/00000000-0000-4000-8000-000000000000/",
    ]
    for staff, refused in ((team["caseworker"], {403}), (other_vetter, {404})):
        client = verified_client(staff)
        for url in urls:
            assert client.get(url).status_code in refused, url
        assert client.post(f"/cases/{reference}/vetting/conclusion/").status_code in refused


def test_the_case_page_shows_an_index_without_contents(team, item):
    page = verified_client(team["caseworker"]).get(f"/cases/{team['reference']}/")
    body = page.content.decode()
    assert "Open-source finding" in body
    assert "CANARY-EVIDENCE" not in body


def test_the_caseworker_holds_no_key_to_evidence(team, item):
    ring = objects.ring_of("evidence", item.pk)
    assert not KeyWrapper.objects.filter(ring=ring, staff=team["caseworker"]).exists()
    for wrapper in KeyWrapper.objects.filter(ring=ring):
        with pytest.raises(objects.NoAccess):
            objects._unwrap(ring, wrapper, team["caseworker"]._test_private_key)
    with pytest.raises(objects.NoAccess):
        objects.open_with(ring, vault_of(team["caseworker"]))


def test_the_command_line_refuses_non_vetters(team, item, monkeypatch):
    monkeypatch.setenv("SAFEPASSAGE_PASSWORD", PASSWORD)
    out = io.StringIO()
    call_command(
        "vetting", "--as", team["vetters"][0].email, "evidence", team["reference"], stdout=out
    )
    assert "CANARY-EVIDENCE" in out.getvalue()
    with pytest.raises(CommandError):
        call_command(
            "vetting",
            "--as",
            team["caseworker"].email,
            "evidence",
            team["reference"],
            stdout=io.StringIO(),
        )


def _upload(name: str, data: bytes):
    from django.test import RequestFactory

    request = RequestFactory().post("/", {"file": _named(name, data)})
    return request.FILES["file"]


def _named(name: str, data: bytes):
    handle = io.BytesIO(data)
    handle.name = name
    return handle


def test_evidence_that_is_not_what_it_claims_is_refused(team):
    client = verified_client(team["vetters"][0])
    url = f"/cases/{team['reference']}/vetting/evidence/new/"
    before = Evidence.objects.count()
    response = client.post(
        url,
        {
            "kind": "photo_video",
            "title": "photo",
            "retention_date": RETENTION.isoformat(),
            "file": _named("photo.jpg", b"%PDF-1.4 not a photo at all"),
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    # The refusal names the kinds a photo or video may be.
    assert (
        "not accepted here. Accepted: JPEG photos, PNG images, MP4 videos, WebP images, "
        "HEIC photos." in page
    )
    assert Evidence.objects.count() == before


def test_an_original_photo_is_kept_untouched_with_its_hash(team):
    image = io.BytesIO()
    exif = Image.Exif()
    exif[0x010F] = "CameraMaker"
    Image.new("RGB", (20, 20), (0, 90, 0)).save(image, format="JPEG", exif=exif)
    original = image.getvalue()
    client = verified_client(team["vetters"][0])
    response = client.post(
        f"/cases/{team['reference']}/vetting/evidence/new/",
        {
            "kind": "photo_video",
            "title": "original",
            "retention_date": RETENTION.isoformat(),
            "file": _named("original.jpg", original),
        },
    )
    assert response.status_code == 302
    page = client.get(f"/cases/{team['reference']}/vetting/").content.decode()
    import hashlib

    assert hashlib.sha256(original).hexdigest() in page
    from safepassage.vault.models import EncryptedFile

    item = Evidence.objects.get()
    row = EncryptedFile.objects.get(ring=objects.ring_of("evidence", item.pk))
    # The original is kept untouched; it is had by the deliberate step (safecopy's tests).
    url = f"/cases/{team['reference']}/vetting/evidence/{item.pk}/files/{row.pk}/original/"
    download = client.post(url, {"confirm": "on"})
    assert download.streaming
    assert b"".join(download.streaming_content) == original  # type: ignore[attr-defined]
