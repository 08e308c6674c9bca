"""The first message: sealed on arrival, metadata stripped, and every kind of bad input refused
with a clear message in the page's language while nothing at all is stored."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from PIL import Image

from safepassage.intake import attachments, services
from safepassage.intake.models import Attachment, Conversation, Message
from safepassage.intake.tests.conftest import codename_of, form, jpeg_with_gps, send, upload
from safepassage.vault.intake import open_intake_key
from safepassage.vault.session import VaultSession

pytestmark = pytest.mark.django_db


BROKEN_JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 300


def _stored_files() -> list[Path]:
    root = Path(settings.FILES_DIR)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def _assert_nothing_stored() -> None:
    assert Conversation.objects.count() == 0
    assert Message.objects.count() == 0
    assert Attachment.objects.count() == 0
    assert _stored_files() == []


def _intake_private(staff) -> bytes:
    return open_intake_key(VaultSession(staff.pk, staff._test_private_key))


def test_a_message_is_stored_sealed_with_only_its_day(organisation, triager):
    response = send(text="Служу в в/ч 12345, ищу выход", country="KZ")
    assert response.status_code == 200
    conversation = Conversation.objects.get()
    message = Message.objects.get()
    assert conversation.started_on == message.day
    assert b"12345" not in bytes(message.sealed)
    payload = services.open_sealed(_intake_private(triager), bytes(message.sealed))
    assert payload["text"] == "Служу в в/ч 12345, ищу выход"
    assert payload["country"] == "KZ"
    assert payload["situation"] == "mobilised"
    # the thread's lookup id and key come from the codename the person was shown
    from safepassage.intake import codename

    derived = codename.derive(codename_of(response), services.kdf_params())
    assert conversation.lookup_id == derived.lookup_id
    assert bytes(conversation.person_public) == derived.public


def test_photo_location_is_removed_before_sealing(organisation, triager):
    original = jpeg_with_gps()
    with Image.open(io.BytesIO(original)) as image:
        assert image.getexif().get_ifd(0x8825)  # the fixture really carries GPS
    send(files=[upload("photo.jpg", original)])
    row = Attachment.objects.get()
    private = _intake_private(triager)
    meta = attachments.meta_of(row, private)
    assert meta.kind == "jpeg"
    assert meta.stripped
    stored = b"".join(attachments.read_chunks(row, private))
    with Image.open(io.BytesIO(stored)) as image:
        assert not image.getexif()
        assert image.size == (64, 48)
    assert b"CameraMaker" not in stored
    assert b"CameraMaker" not in attachments.stored_path(row.id).read_bytes()


def test_text_files_and_pdfs_are_accepted(organisation, triager):
    pdf = _pdf_with_author()
    send(files=[upload("notes.txt", "записка".encode()), upload("summons.pdf", pdf)])
    private = _intake_private(triager)
    kinds = sorted(attachments.meta_of(r, private).kind for r in Attachment.objects.all())
    assert kinds == ["pdf", "text"]
    pdf_row = next(
        r for r in Attachment.objects.all() if attachments.meta_of(r, private).kind == "pdf"
    )
    assert b"Ivanov Author" not in b"".join(attachments.read_chunks(pdf_row, private))


def _pdf_with_author() -> bytes:
    import pikepdf

    pdf = pikepdf.new()
    pdf.add_blank_page()
    pdf.docinfo["/Author"] = "Ivanov Author"
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def test_the_reply_contact_is_dropped_when_the_person_chose_this_site(organisation, triager):
    send(reply_via="site", handle="@should_not_be_kept")
    payload = services.open_sealed(_intake_private(triager), bytes(Message.objects.get().sealed))
    assert payload["handle"] == ""


# -- bad input: a clear message, and nothing stored ------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "kwargs", "status", "expected"),
    [
        ("", {"text": "   "}, 400, "Напишите сообщение"),
        ("en/", {"text": ""}, 400, "Write a message"),
        ("en/", {"text": "x" * 10_001}, 400, "too long"),
        ("", {"text": "x" * 10_001}, 400, "слишком длинное"),
        ("en/", {"situation": "general"}, 400, "Select a valid choice"),
        ("en/", {"reply_via": "signal", "handle": ""}, 400, "Give the contact"),
        ("en/", {"country": "XX"}, 400, "Select a valid choice"),
        ("en/", {"text": "\u200b\u2060\u00a0"}, 400, "Write a message"),
    ],
)
def test_bad_forms_are_refused_with_a_clear_message(organisation, lang, kwargs, status, expected):
    response = send(lang=lang, files=[upload("a.txt", b"kept only if all is well")], **kwargs)
    assert response.status_code == status
    assert expected in response.content.decode()
    _assert_nothing_stored()


@pytest.mark.parametrize(
    ("lang", "files", "expected"),
    [
        ("en/", lambda: [upload("photo.jpg", b"#!/bin/sh\nrm -rf /\n")], "must match its name"),
        ("", lambda: [upload("photo.jpg", b"#!/bin/sh\nrm -rf /\n")], "должно соответствовать"),
        ("en/", lambda: [upload("run.sh", b"#!/bin/sh\necho\n")], "was refused"),
        ("en/", lambda: [upload("x.exe", b"MZ\x90\x00\x03\x00\x00\x00" * 10)], "was refused"),
        ("en/", lambda: [upload("broken.jpg", BROKEN_JPEG)], "could not be read"),
        ("", lambda: [upload("broken.jpg", BROKEN_JPEG)], "не удалось прочитать"),
        ("en/", lambda: [upload(f"n{i}.txt", b"note") for i in range(6)], "at most 5 files"),
        ("en/", lambda: [upload("empty.txt", b"")], "is empty"),
    ],
)
def test_bad_files_are_refused_and_nothing_is_stored(organisation, lang, files, expected):
    response = send(lang=lang, files=files())
    assert response.status_code == 400
    assert expected in response.content.decode()
    _assert_nothing_stored()


def test_an_oversized_file_is_refused(organisation, settings):
    settings.INTAKE_FILE_MAX_BYTES = 1000
    response = send(lang="en/", files=[upload("big.txt", b"a" * 1001)])
    assert response.status_code == 400
    assert "too large" in response.content.decode()
    _assert_nothing_stored()


def test_an_oversized_photo_is_refused(organisation, settings):
    settings.INTAKE_STRIP_MAX_BYTES = 500
    response = send(lang="en/", files=[upload("p.jpg", jpeg_with_gps())])
    assert response.status_code == 400
    assert "photos and PDF files may be at most" in response.content.decode()
    _assert_nothing_stored()


def test_an_oversized_request_is_refused_before_it_is_read(organisation, settings):
    settings.INTAKE_REQUEST_MAX_BYTES = 2000
    response = send(lang="en/", files=[upload("big.txt", b"a" * 5000)])
    assert response.status_code == 413
    assert "too large" in response.content.decode()
    _assert_nothing_stored()


def test_a_full_queue_refuses_new_messages_in_the_readers_language(organisation, settings):
    settings.INTAKE_QUEUE_MAX = 2
    send()
    send()
    refused = send(lang="en/", files=[upload("a.txt", b"note")])
    assert refused.status_code == 503
    assert "more messages than we can read" in refused.content.decode()
    in_russian = send()
    assert in_russian.status_code == 503
    assert "больше сообщений" in in_russian.content.decode()
    assert Conversation.objects.count() == 2
    assert Attachment.objects.count() == 0
    assert not list((Path(settings.FILES_DIR) / "incoming").glob("*"))


CROSS_SITE: list[dict[str, Any]] = [
    {"HTTP_SEC_FETCH_SITE": "cross-site"},
    {"HTTP_SEC_FETCH_SITE": "same-site"},
    {"HTTP_ORIGIN": "https://copy-of-the-site.example"},
    {"HTTP_ORIGIN": "http://testserver.example"},
]


def test_a_post_from_another_site_is_refused_and_stores_nothing(organisation):
    from safepassage.intake.tests.conftest import form

    for headers in CROSS_SITE:
        response = Client().post("/write/", form(), **headers)
        assert response.status_code == 403, headers
        assert "другого сайта" in response.content.decode()
    _assert_nothing_stored()


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_SEC_FETCH_SITE": "same-origin", "HTTP_ORIGIN": "null"},
        {"HTTP_SEC_FETCH_SITE": "same-origin", "HTTP_ORIGIN": "http://testserver"},
        {"HTTP_SEC_FETCH_SITE": "none"},
        {},  # an older browser that sends neither header
    ],
)
def test_a_post_from_this_site_is_accepted(organisation, headers):
    from safepassage.intake.tests.conftest import form

    response = Client().post("/write/", form(), **headers)
    assert response.status_code == 200
    assert Conversation.objects.count() == 1


def test_a_message_sent_in_another_encoding_is_refused_not_stored_damaged(organisation):
    from urllib.parse import urlencode

    body = urlencode({k: v for k, v in form().items() if k != "text"}) + "&text=%FF%FE%FA"
    response = Client().post(
        "/en/write/",
        body,
        content_type="application/x-www-form-urlencoded",
        HTTP_SEC_FETCH_SITE="same-origin",
    )
    assert response.status_code == 400
    assert "could not be read" in response.content.decode()
    _assert_nothing_stored()
