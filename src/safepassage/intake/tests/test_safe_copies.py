"""What a person sends is opened by staff as its safe copy, and the copy follows the file into a
case."""

from __future__ import annotations

import io

import pytest
from django.apps import apps
from PIL import Image

from safepassage.audit.models import AuditEntry
from safepassage.cases import seed
from safepassage.intake.models import Attachment, Conversation
from safepassage.intake.tests.conftest import jpeg_with_gps, send, upload
from safepassage.safecopy.models import SafeCopy, State
from safepassage.safecopy.tests.conftest import body, run_queue
from safepassage.safeview.tests import hostile
from safepassage.testing import verified_client
from safepassage.vault.models import EncryptedFile

pytestmark = pytest.mark.django_db


def test_a_photo_sent_through_intake_opens_as_its_safe_copy(organisation, triager):
    send(files=[upload("IMG_0001.jpg", jpeg_with_gps())])
    thread, row = Conversation.objects.get(), Attachment.objects.get()
    client = verified_client(triager)
    page = client.get(f"/intake/triage/{thread.pk}/").content.decode()
    assert "waiting for its safe copy" in page
    assert run_queue() == ["done"]
    assert "safe copy made" in client.get(f"/intake/triage/{thread.pk}/").content.decode()

    safe = client.get(f"/intake/triage/{thread.pk}/files/{row.id}/")
    assert safe["Content-Type"] == "image/png"
    assert "IMG_0001" not in safe["Content-Disposition"]
    with Image.open(io.BytesIO(body(safe))) as image:
        assert not image.getexif()
    assert "intake.file_opened" in AuditEntry.objects.values_list("action", flat=True)


def test_an_office_document_is_accepted_and_its_original_needs_the_step(organisation, triager):
    document = hostile.rtf("Повестка")
    response = send(files=[upload("povestka.rtf", document)])
    assert response.status_code in (200, 302)
    thread, row = Conversation.objects.get(), Attachment.objects.get()
    assert SafeCopy.objects.get().kind == "rtf"
    client = verified_client(triager)
    url = f"/intake/triage/{thread.pk}/files/{row.id}/original/"
    assert "may carry a program" in client.get(url).content.decode()
    original = client.post(url, {"confirm": "on"})
    assert body(original) == document
    assert "povestka" not in original["Content-Disposition"]
    entry = AuditEntry.objects.get(action="intake.file_original_downloaded")
    assert entry.target_ref == str(thread.pk)


def test_the_safe_copy_follows_the_file_into_a_case(organisation, triager):
    seed.load(apps)
    send(files=[upload("IMG_0002.jpg", jpeg_with_gps())])
    thread = Conversation.objects.get()
    assert run_queue() == ["done"]
    client = verified_client(triager)
    made = SafeCopy.objects.get()
    response = client.post(
        f"/intake/triage/{thread.pk}/case/",
        {
            "principal_name": "Иван Иванов",
            "country": "KZ",
            "contact_channel": "site",
            "summary": "from intake",
            "retention_date": "2031-01-01",
            "first_note": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    moved = EncryptedFile.objects.get()
    copy = SafeCopy.objects.get()
    assert (copy.pk, copy.state, copy.original_id) == (made.pk, State.DONE, moved.id)
    assert copy.intake_original is None
    reference = response["Location"].rstrip("/").rsplit("/", 1)[-1]
    safe = client.get(f"/cases/{reference}/files/{moved.id}/")
    assert safe["Content-Type"] == "image/png"


def test_deleting_an_intake_file_deletes_its_safe_copy(organisation, triager):
    from safepassage.intake import attachments

    send(files=[upload("IMG_0003.jpg", jpeg_with_gps())])
    row = Attachment.objects.get()
    assert SafeCopy.objects.filter(intake_original=row.id).exists()
    attachments.delete_files([row.id])
    assert not SafeCopy.objects.exists()
