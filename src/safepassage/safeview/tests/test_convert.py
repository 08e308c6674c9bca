"""Safe copies hold the pictures and words of a document and nothing else it carried."""

from __future__ import annotations

import io
import subprocess
import time

import pikepdf
import pytest
from fpdf import FPDF
from PIL import Image

from safepassage.safeview import convert, limits, rebuild
from safepassage.safeview.tests import hostile

FONT = hostile.FONT
WORDS = ["Привет, мир", "Дезертир Иванов", "Hello world"]


def text_of(pdf: bytes) -> str:
    return subprocess.run(
        ["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()


def every_key(pdf: pikepdf.Pdf) -> set[str]:
    """Keys and names anywhere in the document, walked with pikepdf from the trailer."""
    found: set[str] = set()
    todo: list[object] = [pdf.trailer]
    seen: set[tuple[int, int]] = set()
    while todo:
        obj = todo.pop()
        if isinstance(obj, pikepdf.Object) and obj.is_indirect:
            if obj.objgen in seen:
                continue
            seen.add(obj.objgen)
        if isinstance(obj, pikepdf.Stream):
            obj = obj.stream_dict
        if isinstance(obj, pikepdf.Dictionary):
            found.update(obj.keys())
            todo.extend(obj.values())
        elif isinstance(obj, pikepdf.Array):
            todo.extend(obj)
        elif isinstance(obj, pikepdf.Name):
            found.add(str(obj))
    return found


DANGEROUS = {"/JS", "/JavaScript", "/OpenAction", "/AA", "/Launch", "/URI", "/EmbeddedFile"}
DANGEROUS |= {"/EmbeddedFiles", "/Annots", "/AcroForm", "/Names", "/Metadata", "/Author"}


def test_a_booby_trapped_pdf_becomes_pictures_and_words():
    original = hostile.booby_trapped_pdf(WORDS)
    with pikepdf.open(io.BytesIO(original)) as trapped:
        # The trap is real: the test fails if the generator stops planting it.
        assert every_key(trapped) >= DANGEROUS - {"/Author"}
        assert "payload.exe" in trapped.attachments

    result = convert.convert([original], "pdf", limits.Limits(), font_path=FONT)

    assert (result.kind, result.pages) == ("pdf", 1)
    with pikepdf.open(io.BytesIO(result.data)) as safe:
        assert not (every_key(safe) & DANGEROUS)
        assert len(safe.attachments) == 0
        assert "/Info" not in safe.trailer
        assert set(safe.Root.keys()) <= {"/Type", "/Pages"}
        page = safe.pages[0]
        assert "/Annots" not in page
        assert list(page.get_images())  # the page is a picture
    assert rebuild.problems(result.data) == []
    text = text_of(result.data)
    for word in ("Привет", "мир", "Дезертир", "Иванов", "Hello", "world"):
        assert word in text


def test_the_guard_names_what_a_pdf_may_not_hold():
    assert {"/JS", "/Launch", "/EmbeddedFiles", "/AcroForm", "/Info"} <= set(
        rebuild.problems(hostile.booby_trapped_pdf(["x"]))
    )


def test_a_photo_becomes_a_plain_png_without_its_metadata():
    photo = Image.new("RGB", (300, 200), "navy")
    exif = Image.Exif()
    exif[0x013B] = "Artist Canary"  # Artist
    original = io.BytesIO()
    photo.save(original, format="JPEG", exif=exif)
    assert b"Artist Canary" in original.getvalue()

    result = convert.convert([original.getvalue()], "jpeg", limits.Limits(), font_path=FONT)

    assert result.kind == "png"
    assert b"Artist Canary" not in result.data
    with Image.open(io.BytesIO(result.data)) as safe:
        assert safe.size == (300, 200)
        assert not safe.info.get("exif")


def test_a_file_whose_type_lies_is_refused():
    png = io.BytesIO()
    Image.new("RGB", (10, 10)).save(png, format="PNG")
    with pytest.raises(limits.Stopped) as stopped:
        convert.convert([png.getvalue()], "pdf", limits.Limits(), font_path=FONT)
    assert stopped.value.reason == "type"


def test_a_pdf_that_is_also_a_zip_is_drawn_as_a_pdf():
    polyglot = hostile.booby_trapped_pdf(["Polyglot"]) + hostile.docx(["hidden"])
    result = convert.convert([polyglot], "pdf", limits.Limits(), font_path=FONT, ocr_text=False)
    assert result.pages == 1
    assert b"PK\x03\x04" not in result.data
    assert rebuild.problems(result.data) == []


def test_too_many_pages_stop_the_conversion():
    maker = FPDF()
    for _ in range(3):
        maker.add_page()
    with pytest.raises(limits.Stopped) as stopped:
        convert.convert([bytes(maker.output())], "pdf", limits.Limits(max_pages=2), font_path=FONT)
    assert stopped.value.reason == "pages"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("kind", "make"),
    [("docx", hostile.docx), ("odt", hostile.odt), ("rtf", lambda p: hostile.rtf(" ".join(p)))],
)
def test_office_documents_are_drawn_by_libreoffice_in_the_sandbox(kind, make):
    result = convert.convert(
        [make(["Повестка в военкомат", "Summons"])],
        kind,
        limits.Limits(),
        font_path=FONT,
        ocr_text=kind == "docx",  # one OCR run is enough to show the words survive
    )
    assert (result.kind, result.pages) == ("pdf", 1)
    assert rebuild.problems(result.data) == []
    if kind == "docx":
        text = text_of(result.data)
        assert "Повестка" in text
        assert "Summons" in text


# -- bombs: each stopped by its limit, quickly, with the reason named ------------------------------


@pytest.mark.parametrize(
    ("kind", "make", "reason"),
    [
        ("pdf", hostile.pdf_stream_bomb, "expands"),
        ("png", hostile.png_pixel_bomb, "pixels"),
        ("docx", hostile.docx_zip_bomb, "expands"),
    ],
)
def test_each_bomb_is_stopped_by_its_limit(kind, make, reason):
    bomb = make()
    assert len(bomb) < 2 * hostile.MB
    budget = limits.Limits(timeout_seconds=60)
    started = time.monotonic()
    with pytest.raises(limits.Stopped) as stopped:
        convert.convert([bomb], kind, budget, font_path=FONT)
    assert stopped.value.reason == reason
    assert time.monotonic() - started < budget.timeout_seconds


@pytest.mark.parametrize("kind", ["webp", "heic"])
def test_webp_and_heic_photos_become_plain_pngs(kind):
    import pillow_heif

    pillow_heif.register_heif_opener()
    original = io.BytesIO()
    Image.new("RGB", (64, 48), "red").save(original, format="WEBP" if kind == "webp" else "HEIF")
    result = convert.convert([original.getvalue()], kind, limits.Limits(), font_path=FONT)
    with Image.open(io.BytesIO(result.data)) as safe:
        assert (safe.format, safe.size) == ("PNG", (64, 48))
