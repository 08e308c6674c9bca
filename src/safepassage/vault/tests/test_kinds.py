"""Uploads are told apart by their first bytes, whatever their names say."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from safepassage.safeview.tests import hostile
from safepassage.vault.strip import UnacceptableFile, identify, sniff

ALL = frozenset({"jpeg", "png", "webp", "heic", "pdf", "docx", "odt", "rtf", "text", "mp4"})


def _image(format_: str) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8)).save(out, format=format_)
    return out.getvalue()


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (hostile.docx(["x"]), "docx"),
        (hostile.odt(["x"]), "odt"),
        (hostile.rtf("x"), "rtf"),
        (_image("WEBP"), "webp"),
        (b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00", "heic"),
        (b"\x00\x00\x00\x18ftypisom\x00\x00\x00\x00", "mp4"),
        (hostile.booby_trapped_pdf(["x"]) + hostile.docx(["x"]), "pdf"),
    ],
)
def test_each_kind_is_known_by_its_content(head, kind):
    assert sniff(head[:4096]) == kind


def test_a_zip_that_is_no_office_text_is_refused():
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("payload.exe", b"MZ")
    assert sniff(out.getvalue()[:4096]) is None
    with pytest.raises(UnacceptableFile):
        identify("letter.docx", out.getvalue()[:4096], ALL)


def test_an_office_text_named_as_something_else_is_refused():
    with pytest.raises(UnacceptableFile):
        identify("photo.jpg", hostile.docx(["x"])[:4096], ALL)
