"""What stripping keeps and what it refuses: colours survive, metadata does not, damaged files
are refused in words, and text is known as text."""

from __future__ import annotations

import io

import pikepdf
import pytest
from PIL import Image

from safepassage.vault.strip import UnacceptableFile, identify, sniff, strip

TEXT = frozenset({"text"})


def test_a_palette_png_keeps_its_colours():
    image = Image.new("P", (4, 4))
    image.putpalette([255, 0, 0, 0, 0, 255] + [0] * 762)
    image.putpixel((1, 1), 1)
    out = io.BytesIO()
    image.save(out, format="PNG")
    with Image.open(io.BytesIO(strip("png", out.getvalue()))) as clean:
        rgb = clean.convert("RGB")
        assert rgb.getpixel((0, 0)) == (255, 0, 0)
        assert rgb.getpixel((1, 1)) == (0, 0, 255)


def test_a_cmyk_jpeg_is_stored_as_rgb():
    out = io.BytesIO()
    Image.new("CMYK", (8, 8), (0, 255, 255, 0)).save(out, format="JPEG")
    with Image.open(io.BytesIO(strip("jpeg", out.getvalue()))) as clean:
        assert clean.mode == "RGB"
        assert not clean.getexif()


def test_kinds_that_are_not_stripped_are_kept_byte_for_byte():
    assert strip("text", b"plain words") == b"plain words"


def _pdf_with_page_metadata() -> bytes:
    pdf = pikepdf.new()
    pdf.add_blank_page()
    metadata = pdf.make_stream(b"<x:xmpmeta>author: Ivan Petrov</x:xmpmeta>")
    pdf.pages[0].obj["/Metadata"] = metadata
    out = io.BytesIO()
    pdf.save(out, compress_streams=False)
    return out.getvalue()


def test_page_metadata_is_stripped_from_a_pdf():
    data = _pdf_with_page_metadata()
    assert b"Ivan Petrov" in data
    clean = strip("pdf", data)
    assert b"Ivan Petrov" not in clean
    with pikepdf.open(io.BytesIO(clean)) as pdf:
        assert "/Metadata" not in pdf.pages[0].obj
        assert "/Info" not in pdf.trailer


def test_a_damaged_pdf_is_refused_in_words():
    with pytest.raises(UnacceptableFile, match="PDF could not be read"):
        strip("pdf", b"%PDF-1.7\n" + b"\xff" * 40)


def test_text_cut_inside_a_character_is_still_text():
    head = ("слово " * 10).encode()[:-1]  # the last Cyrillic letter is cut in half
    assert sniff(head) == "text"
    assert identify("notes.txt", head, TEXT) == "text"


def test_bytes_that_are_not_utf8_are_not_text():
    assert sniff(b"\xff\xfe\xfd plain after a bad start") is None
    with pytest.raises(UnacceptableFile):
        identify("notes.txt", b"\xff\xfe\xfd plain after a bad start", TEXT)
