"""Vetters open evidence as its safe copy; the original, untouched, only by the deliberate step."""

from __future__ import annotations

import hashlib
import io
from datetime import date, timedelta

import pikepdf
import pytest

from safepassage.audit.models import AuditEntry
from safepassage.safecopy.tests.conftest import body, named, run_queue
from safepassage.safeview import rebuild
from safepassage.safeview.tests import hostile
from safepassage.testing import verified_client
from safepassage.vault import objects
from safepassage.vault.models import EncryptedFile
from safepassage.vetting.models import Evidence

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_ocr")]

RETENTION = date.today() + timedelta(days=900)


@pytest.fixture
def no_ocr(settings):
    settings.SAFECOPY_OCR = False


def _add(client, reference, name, data, kind="document_copy"):
    return client.post(
        f"/cases/{reference}/vetting/evidence/new/",
        {
            "kind": kind,
            "title": "trapped",
            "retention_date": RETENTION.isoformat(),
            "file": named(name, data),
        },
    )


def _urls(team):
    item = Evidence.objects.get()
    row = EncryptedFile.objects.get(ring=objects.ring_of("evidence", item.pk))
    base = f"/cases/{team['reference']}/vetting/evidence/{item.pk}/files/{row.pk}/"
    return base, base + "original/"


def test_a_vetter_downloads_the_safe_copy_and_the_original_only_by_the_deliberate_step(team):
    trapped = hostile.booby_trapped_pdf(["Evidence"])
    vetter = team["vetters"][0]
    client = verified_client(vetter)
    assert _add(client, team["reference"], "summons.pdf", trapped).status_code == 302
    safe_url, original_url = _urls(team)

    waiting = client.get(safe_url)
    assert waiting.status_code == 200
    assert "waiting for its safe copy" in waiting.content.decode()
    assert run_queue() == ["done"]

    page = client.get(f"/cases/{team['reference']}/vetting/").content.decode()
    assert "safe copy made, 1 page, no text recognised" in page
    safe = client.get(safe_url)
    assert safe["Content-Type"] == "application/pdf"
    assert "summons-safe.pdf" in safe["Content-Disposition"]
    copy = body(safe)
    assert copy != trapped
    assert rebuild.problems(copy) == []
    with pikepdf.open(io.BytesIO(copy)) as pdf:
        assert len(pdf.attachments) == 0

    # The step names the risk and shows the hash recorded when the original arrived.
    confirm = client.get(original_url)
    text = confirm.content.decode()
    assert "may carry a program" in text
    assert hashlib.sha256(trapped).hexdigest() in text
    assert not confirm.streaming
    refused = client.post(original_url, {})
    assert refused.status_code == 200
    assert not refused.streaming
    assert "Tick the box" in refused.content.decode()
    actions = AuditEntry.objects.values_list("action", flat=True)
    assert "vetting.evidence_original_downloaded" not in actions

    original = client.post(original_url, {"confirm": "on"})
    assert original["Content-Type"] == "application/octet-stream"
    assert body(original) == trapped  # untouched: the provenance holds
    entry = AuditEntry.objects.get(action="vetting.evidence_original_downloaded")
    assert entry.actor_id == vetter.pk
    assert entry.target_ref == team["reference"]


def test_the_caseworker_reaches_neither_copy_nor_original(team):
    _add(verified_client(team["vetters"][0]), team["reference"], "a.pdf", b"%PDF-1.4\n%%EOF")
    safe_url, original_url = _urls(team)
    client = verified_client(team["caseworker"])
    for url in (safe_url, original_url):
        assert client.get(url).status_code in (403, 404)
    assert client.post(original_url, {"confirm": "on"}).status_code in (403, 404)


def test_a_file_that_cannot_be_converted_says_so_and_keeps_its_original(team):
    client = verified_client(team["vetters"][0])
    _add(client, team["reference"], "broken.pdf", b"%PDF-1.4 nothing else")
    assert run_queue() == ["failed"]
    safe_url, original_url = _urls(team)
    page = client.get(safe_url).content.decode()
    assert "could not be converted" in page
    assert "its original can be downloaded only after confirming the risk" in page
    assert original_url in page
