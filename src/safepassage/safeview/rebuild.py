"""A new, plain file made from pixels: a PDF of page images with an invisible text layer, or a
PNG for an image.

The PDF is written by fpdf2 from two things only: each page's pixels (which we encode as JPEG
ourselves) and the words OCR found with their boxes. Nothing of the original's structure is
carried over, so there is nothing to strip; `problems()` still checks the result, as a guard and
for the tests. The text layer uses text rendering mode 3 (invisible), one word at a time at the
place OCR found it, stretched to the word's width, so that selecting, searching and screen
readers meet the words where the picture shows them.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field

import pikepdf
from fpdf import FPDF
from fpdf.enums import TextMode
from PIL import Image

JPEG_QUALITY = 80


@dataclass(frozen=True)
class Word:
    """A recognised word, in pixels: where it starts, its line's baseline and letter height."""

    left: int
    baseline: int
    width: int
    height: int
    text: str
    line_end: bool = False


@dataclass
class Page:
    width: int  # pixels
    height: int
    dpi: int
    jpeg: bytes = field(repr=False)
    words: list[Word] = field(default_factory=list)


def page_from_pixels(width: int, height: int, rgb: bytes, dpi: int) -> tuple[Page, Image.Image]:
    image = Image.frombytes("RGB", (width, height), rgb)
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=JPEG_QUALITY, optimize=True)
    return Page(width, height, dpi, out.getvalue()), image


def build_png(width: int, height: int, rgb: bytes) -> bytes:
    out = io.BytesIO()
    Image.frombytes("RGB", (width, height), rgb).save(out, format="PNG", optimize=False)
    return out.getvalue()


def build_pdf(pages: Sequence[Page], font_path: str) -> bytes:
    pdf = FPDF(unit="pt")
    pdf.set_auto_page_break(False)
    pdf.set_margins(0, 0, 0)
    has_font = False
    for page in pages:
        scale = 72 / page.dpi
        width_pt, height_pt = page.width * scale, page.height * scale
        pdf.add_page(format=(width_pt, height_pt))
        pdf.image(io.BytesIO(page.jpeg), x=0, y=0, w=width_pt, h=height_pt)
        if not page.words:
            continue
        if not has_font:
            pdf.add_font("ocr", fname=font_path)
            has_font = True
        pdf.text_mode = TextMode.INVISIBLE
        for word in page.words:
            size = max(word.height * scale, 1.0)
            pdf.set_font("ocr", size=size)
            text = word.text if word.line_end else word.text + " "
            pdf.set_stretching(100)  # measured unstretched
            natural = pdf.get_string_width(word.text) or 1.0
            pdf.set_stretching(max(1.0, min(1000.0, 100 * word.width * scale / natural)))
            pdf.text(word.left * scale, word.baseline * scale, text)
        pdf.set_stretching(100)
        pdf.text_mode = TextMode.FILL
    raw = bytes(pdf.output())
    return _without_info(raw)


def _without_info(raw: bytes) -> bytes:
    """fpdf2 names itself in the document information and sets an opening view (under the key
    actions use); a safe copy's catalogue holds its pages and nothing else."""
    with pikepdf.open(io.BytesIO(raw)) as pdf:
        if "/Info" in pdf.trailer:
            del pdf.trailer["/Info"]
        for key in list(pdf.Root.keys()):
            if key not in ("/Type", "/Pages"):
                del pdf.Root[key]
        out = io.BytesIO()
        pdf.save(out, fix_metadata_version=False, deterministic_id=True)
    return out.getvalue()


# Keys that make a PDF do something beyond showing pages, or say something about its maker.
FORBIDDEN_KEYS = (
    "/JavaScript",
    "/JS",
    "/OpenAction",
    "/AA",
    "/Launch",
    "/URI",
    "/GoToR",
    "/SubmitForm",
    "/ImportData",
    "/EmbeddedFile",
    "/EmbeddedFiles",
    "/FileAttachment",
    "/RichMedia",
    "/AcroForm",
    "/XFA",
    "/Annots",
    "/Names",
    "/Metadata",
    "/Outlines",
    "/Action",
)


def names_in(pdf: pikepdf.Pdf) -> set[str]:
    """Every dictionary key and every name value reachable from the trailer."""
    found: set[str] = set()
    seen: set[tuple[int, int]] = set()
    todo: list[object] = [pdf.trailer]
    while todo:
        obj = todo.pop()
        if isinstance(obj, pikepdf.Object) and obj.is_indirect:
            if obj.objgen in seen:
                continue
            seen.add(obj.objgen)
        if isinstance(obj, pikepdf.Stream):
            obj = obj.stream_dict
        if isinstance(obj, pikepdf.Dictionary):
            for key, value in obj.items():
                found.add(key)
                todo.append(value)
        elif isinstance(obj, pikepdf.Array):
            todo.extend(obj)
        elif isinstance(obj, pikepdf.Name):
            found.add(str(obj))
    return found


def problems(data: bytes) -> list[str]:
    """Everything in a PDF that a safe copy must not hold (an empty list for a clean one)."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        found = names_in(pdf)
        if "/Info" in pdf.trailer:
            found.add("/Info")
    return sorted(found & {*FORBIDDEN_KEYS, "/Info", "/Action"})
