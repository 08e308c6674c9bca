"""Reading a built dossier the way an outsider would: every byte, every stream, every file."""

from __future__ import annotations

import base64
import io
import subprocess
import zlib
from pathlib import Path

import pikepdf


def pdf_views(raw: bytes) -> list[bytes]:
    """The raw file, every stream of every object decoded by qpdf, every attachment."""
    views = [raw]
    with pikepdf.open(io.BytesIO(raw)) as document:
        for obj in document.objects:
            if isinstance(obj, pikepdf.Stream):
                try:
                    views.append(bytes(obj.read_bytes()))
                except pikepdf.PdfError:
                    views.append(bytes(obj.read_raw_bytes()))
        for spec in document.attachments.values():
            views.append(bytes(spec.get_file().read_bytes()))
    return views


def forms_of(text: str) -> list[bytes]:
    """A canary as text in the encodings a PDF or a JSON file may hold it."""
    raw = text.encode("utf-8")
    return [
        raw,
        text.encode("utf-16-be"),
        raw.hex().encode(),
        raw.hex().upper().encode(),
        text.encode("utf-16-be").hex().upper().encode(),
        base64.b64encode(raw),
    ]


def absent(canary: str, views: list[bytes]) -> bool:
    forms = forms_of(canary)
    for view in views:
        try:
            candidates = [view, zlib.decompress(view)]
        except zlib.error:
            candidates = [view]
        if any(form in candidate for form in forms for candidate in candidates):
            return False
    return True


def run(*args: str) -> str:
    result = subprocess.run(list(args), capture_output=True, text=True, check=False)
    return result.stdout + result.stderr


def write(folder: Path, name: str, raw: bytes) -> Path:
    path = folder / name
    path.write_bytes(raw)
    return path


def text_of(raw: bytes, folder: Path) -> str:
    """The PDF's text as a reader copies it (fonts are subset: raw bytes hold glyph ids)."""
    text = run("pdftotext", "-enc", "UTF-8", str(write(folder, "text.pdf", raw)), "-")
    return " ".join(text.split())
