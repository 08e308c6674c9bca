"""Checks that an upload is what it claims to be, and removal of identifying metadata.

Images are decoded and written again without EXIF, GPS, XMP, text chunks or ICC profiles
(Pillow); PDFs lose their document information and XMP metadata (pikepdf). Anything that fails
to decode is refused. Both work in memory, so nothing plain touches the disk.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import pikepdf
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from PIL import Image, ImageOps, UnidentifiedImageError

# Refuse decompression bombs early (Pillow's default warns at 89 million pixels).
Image.MAX_IMAGE_PIXELS = 60_000_000


class UnacceptableFile(ValueError):
    """The file is not of an allowed type, is not what its name says, or is broken."""


@dataclass(frozen=True)
class FileType:
    mime: str
    extensions: tuple[str, ...]
    strippable: bool


TYPES = {
    "jpeg": FileType("image/jpeg", (".jpg", ".jpeg"), True),
    "png": FileType("image/png", (".png",), True),
    "pdf": FileType("application/pdf", (".pdf",), True),
    "text": FileType("text/plain", (".txt",), False),
    "mp4": FileType("video/mp4", (".mp4", ".m4v"), False),
    # Kept as received: staff see their safe copy (safepassage.safecopy), made in the sandbox,
    # which holds none of their metadata; the server never decodes them itself.
    "webp": FileType("image/webp", (".webp",), False),
    "heic": FileType("image/heic", (".heic", ".heif"), False),
    "docx": FileType(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document", (".docx",), False
    ),
    "odt": FileType("application/vnd.oasis.opendocument.text", (".odt",), False),
    "rtf": FileType("application/rtf", (".rtf",), False),
}


# What each kind is called when a page says which files are accepted.
KIND_NAMES = {
    "jpeg": gettext_lazy("JPEG photos"),
    "png": gettext_lazy("PNG images"),
    "pdf": gettext_lazy("PDF files"),
    "text": gettext_lazy("plain text files (.txt)"),
    "mp4": gettext_lazy("MP4 videos"),
    "webp": gettext_lazy("WebP images"),
    "heic": gettext_lazy("HEIC photos"),
    "docx": gettext_lazy("Word documents (.docx)"),
    "odt": gettext_lazy("OpenDocument texts (.odt)"),
    "rtf": gettext_lazy("RTF documents"),
}


def accepted(allowed: frozenset[str]) -> str:
    """The kinds of file accepted, in words: "JPEG photos, PDF files"."""
    return ", ".join(str(KIND_NAMES[kind]) for kind in TYPES if kind in allowed)


def sniff(head: bytes) -> str | None:
    """The type the first bytes show, whatever the file's name says."""
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"%PDF-"):
        return "pdf"
    if len(head) >= 12 and head[4:8] == b"ftyp":
        return "heic" if head[8:12] in HEIF_BRANDS else "mp4"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head.startswith(b"{\\rtf"):
        return "rtf"
    if head.startswith(b"PK\x03\x04"):
        return _office(head)
    if b"\x00" not in head:
        try:
            head.decode("utf-8")
        except UnicodeDecodeError as exc:
            # A multi-byte character cut at the end of the sample is still text.
            if exc.start < len(head) - 3:
                return None
        return "text"
    return None


HEIF_BRANDS = {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1"}


def _office(head: bytes) -> str | None:
    """A ZIP is accepted only as an office text, told by its first entries' names."""
    if head[30:].startswith(b"mimetypeapplication/vnd.oasis.opendocument.text"):
        return "odt"
    if b"[Content_Types].xml" in head or b"word/" in head:
        return "docx"
    return None


def identify(name: str, head: bytes, allowed: frozenset[str]) -> str:
    """The file's type, checked against the allowed types and the name's extension."""
    kind = sniff(head)
    if kind is None or kind not in allowed:
        raise UnacceptableFile(
            _("This kind of file is not accepted here. Accepted: %(kinds)s.")
            % {"kinds": accepted(allowed)}
        )
    extension = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension and extension not in TYPES[kind].extensions:
        raise UnacceptableFile(
            _("The file's content does not match its name (%(extension)s).")
            % {"extension": extension}
        )
    return kind


def strip(kind: str, data: bytes) -> bytes:
    """The file without identifying metadata; raises UnacceptableFile when it does not decode."""
    if kind in ("jpeg", "png"):
        return _strip_image(kind, data)
    if kind == "pdf":
        return _strip_pdf(data)
    return data


def _strip_image(kind: str, data: bytes) -> bytes:
    try:
        with Image.open(io.BytesIO(data)) as probe:
            probe.verify()
        with Image.open(io.BytesIO(data)) as image:
            # Apply the orientation the EXIF data asked for, then drop EXIF altogether.
            upright = ImageOps.exif_transpose(image) or image
            # Only the pixels are carried over; every ancillary block stays behind.
            clean = Image.frombytes(upright.mode, upright.size, upright.tobytes())
            if upright.mode == "P":
                palette = upright.getpalette()
                if palette:
                    clean.putpalette(palette)
            out = io.BytesIO()
            if kind == "jpeg":
                clean = clean.convert("RGB") if clean.mode not in ("RGB", "L") else clean
                clean.save(out, format="JPEG", quality=92, optimize=True)
            else:
                clean.save(out, format="PNG", optimize=True)
    except (
        UnidentifiedImageError,
        OSError,
        SyntaxError,
        ValueError,
        Image.DecompressionBombError,
    ):
        raise UnacceptableFile(_("The image could not be read: it is damaged.")) from None
    return out.getvalue()


def _strip_pdf(data: bytes) -> bytes:
    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            if "/Info" in pdf.trailer:
                del pdf.trailer["/Info"]
            if "/Metadata" in pdf.Root:
                del pdf.Root["/Metadata"]
            for page in pdf.pages:
                if "/Metadata" in page.obj:
                    del page.obj["/Metadata"]
            out = io.BytesIO()
            pdf.save(out, fix_metadata_version=False, deterministic_id=False)
    except (pikepdf.PdfError, ValueError):
        raise UnacceptableFile(_("The PDF could not be read: it is damaged.")) from None
    return out.getvalue()
