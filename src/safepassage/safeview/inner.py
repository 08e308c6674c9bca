"""The converter that runs inside the sandbox: one document in on stdin, pixels out on stdout.

This file is started on its own (`python -I inner.py KIND DPI MAX_PAGES MAX_PIXELS MAX_EXPAND`)
inside bubblewrap, with no network, a read-only system, and a private in-memory /tmp that vanishes
with the sandbox. It imports nothing of safepassage: only the standard library, Pillow, pikepdf
and (when installed) pillow-heif, each reading hostile bytes here and nowhere else.

Output is a stream of frames the outside reads with strict checks (`safeview.frames`):
    b"NPGS" u32 pages       how many pages will follow (sent first)
    b"PAGE" u32 w u32 h     then w*h*3 bytes of RGB pixels
    b"FAIL" u16 n           then n ASCII bytes: why the conversion was stopped
    b"DONE"
Nothing else crosses the boundary: no file, no text, no structure of the original.
"""

from __future__ import annotations

import math
import os
import struct
import subprocess
import sys
import zipfile
import zlib

WORK = os.environ.get("TMPDIR", "/tmp")  # noqa: S108 - the sandbox's own private tmpfs
OUT = sys.stdout.buffer


class Stop(Exception):
    """The conversion stops for the reason given (a code the outside turns into words)."""


def frame(tag: bytes, payload: bytes = b"") -> None:
    OUT.write(tag + payload)


def fail(code: str) -> None:
    raw = code.encode("ascii")
    frame(b"FAIL", struct.pack(">H", len(raw)) + raw)
    OUT.flush()


# -- what the bytes are -------------------------------------------------------------------------

MAGIC = {
    "pdf": (b"%PDF-",),
    "jpeg": (b"\xff\xd8\xff",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "rtf": (b"{\\rtf",),
    "docx": (b"PK\x03\x04",),
    "odt": (b"PK\x03\x04",),
}


def check_type(kind: str, head: bytes) -> None:
    """The content must be what the upload was identified as, whatever else it also is."""
    if kind == "webp":
        ok = head[:4] == b"RIFF" and head[8:12] == b"WEBP"
    elif kind == "heic":
        ok = head[4:8] == b"ftyp"
    else:
        ok = any(head.startswith(m) for m in MAGIC.get(kind, ()))
    if not ok:
        raise Stop("type")


# -- decompression limits -----------------------------------------------------------------------


def inflate_size(raw: bytes, limit: int) -> int:
    """How large a zlib stream inflates to, counting in slices and giving up past the limit."""
    inflater = zlib.decompressobj()
    total = 0
    data = raw
    while True:
        piece = inflater.decompress(data, 1 << 20)
        total += len(piece)
        if total > limit:
            raise Stop("expands")
        data = inflater.unconsumed_tail
        if inflater.eof or not (piece or data):
            return total


def check_pdf_streams(pdf: object, limit: int) -> None:
    import pikepdf

    total = 0
    for obj in pdf.objects:  # type: ignore[attr-defined]
        if not isinstance(obj, pikepdf.Stream):
            continue
        filters = obj.get("/Filter")
        names = [str(f) for f in filters] if isinstance(filters, pikepdf.Array) else [str(filters)]
        if names == ["/FlateDecode"]:
            try:
                total += inflate_size(obj.read_raw_bytes(), limit - total)
            except zlib.error:
                continue  # a broken stream renders as nothing
        elif names == ["None"] or all(n in ("/DCTDecode", "/JPXDecode") for n in names):
            total += len(obj.read_raw_bytes())  # images are limited by their pixels instead
        else:
            try:
                total += len(obj.read_bytes())  # other filters: the memory limit still holds
            except pikepdf.PdfError:
                continue
        if total > limit:
            raise Stop("expands")


def check_zip(path: str, limit: int, kind: str) -> None:
    """An office file is a ZIP: few entries, and their content within the limit when inflated."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        raise Stop("unreadable") from None
    with archive:
        entries = archive.infolist()
        if len(entries) > 2000:
            raise Stop("expands")
        names = {e.filename for e in entries}
        if kind == "docx" and not {"[Content_Types].xml", "word/document.xml"} <= names:
            raise Stop("type")
        if kind == "odt" and archive.read("mimetype") != b"application/vnd.oasis.opendocument.text":
            raise Stop("type")
        total = 0
        for entry in entries:
            try:
                with archive.open(entry) as member:
                    while piece := member.read(1 << 20):
                        total += len(piece)
                        if total > limit:
                            raise Stop("expands")
            except (zipfile.BadZipFile, zlib.error, NotImplementedError, RuntimeError):
                raise Stop("unreadable") from None


# -- rendering ----------------------------------------------------------------------------------


def emit_pixels(width: int, height: int, rgb: bytes) -> None:
    frame(b"PAGE", struct.pack(">II", width, height))
    OUT.write(rgb)
    OUT.flush()


def read_ppm(data: bytes) -> tuple[int, int, bytes]:
    """A binary PPM as pdftoppm writes it: P6, width, height, 255, then RGB."""
    fields: list[bytes] = []
    pos = 0
    while len(fields) < 4:
        while data[pos : pos + 1].isspace():
            pos += 1
        start = pos
        while not data[pos : pos + 1].isspace():
            pos += 1
        fields.append(data[start:pos])
    pos += 1
    if fields[0] != b"P6" or fields[3] != b"255":
        raise Stop("unreadable")
    width, height = int(fields[1]), int(fields[2])
    return width, height, data[pos : pos + width * height * 3]


def render_pdf(path: str, dpi: int, max_pages: int, max_pixels: int, expand: int) -> None:
    import pikepdf

    try:
        pdf = pikepdf.open(path)
    except pikepdf.PasswordError:
        raise Stop("password") from None
    except pikepdf.PdfError:
        raise Stop("unreadable") from None
    with pdf:
        count = len(pdf.pages)
        if count == 0:
            raise Stop("unreadable")
        if count > max_pages:
            raise Stop("pages")
        check_pdf_streams(pdf, expand)
        sizes = []
        for page in pdf.pages:
            box = page.cropbox
            width = abs(float(box[2]) - float(box[0])) / 72
            height = abs(float(box[3]) - float(box[1])) / 72
            sizes.append((width, height))
    frame(b"NPGS", struct.pack(">I", count))
    OUT.flush()
    for number, (width, height) in enumerate(sizes, start=1):
        # A huge page (a poster, or a trap) is drawn smaller rather than refused.
        area = max(width * height, 1e-6)
        page_dpi = max(1, min(dpi, int(math.sqrt(max_pixels / area))))
        result = subprocess.run(  # noqa: S603 - a fixed tool on our own working copy
            [
                "/usr/bin/pdftoppm",
                "-r",
                str(page_dpi),
                "-f",
                str(number),
                "-l",
                str(number),
                "-singlefile",
                "-cropbox",
                "-q",
                path,  # without an output name, the page goes to stdout
            ],
            capture_output=True,
            check=False,
        )
        if result.returncode != 0 or not result.stdout:
            raise Stop("unreadable")
        w, h, rgb = read_ppm(result.stdout)
        if w * h > max_pixels:
            raise Stop("pixels")
        emit_pixels(w, h, rgb)


def render_image(path: str, max_pixels: int) -> None:
    from PIL import Image, ImageOps

    Image.MAX_IMAGE_PIXELS = max_pixels
    try:
        import pillow_heif

        pillow_heif.register_heif_opener()
    except ImportError:
        pass
    try:
        with Image.open(path) as image:
            if image.width * image.height > max_pixels:
                raise Stop("pixels")
            if image.format not in ("JPEG", "PNG", "WEBP", "HEIF"):
                raise Stop("type")
            frame(b"NPGS", struct.pack(">I", 1))
            upright = ImageOps.exif_transpose(image) or image
            if upright.mode in ("RGBA", "LA", "P", "PA"):
                rgba = upright.convert("RGBA")
                flat = Image.new("RGB", rgba.size, "white")
                flat.paste(rgba, mask=rgba.getchannel("A"))
            else:
                flat = upright.convert("RGB")
            emit_pixels(flat.width, flat.height, flat.tobytes())
    except Image.DecompressionBombError:
        raise Stop("pixels") from None
    except (OSError, SyntaxError, ValueError):
        raise Stop("unreadable") from None


# LibreOffice reads its settings from the profile: no macro may run, whatever the document asks.
NO_MACROS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="DisableMacrosExecution" oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="MacroSecurityLevel" oor:op="fuse"><value>3</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Misc"><prop oor:name="UseLocking" oor:op="fuse"><value>false</value></prop></item>
</oor:items>
"""  # noqa: E501


def office_to_pdf(path: str) -> str:
    profile = os.path.join(WORK, "profile")
    os.makedirs(os.path.join(profile, "user"), exist_ok=True)
    with open(os.path.join(profile, "user", "registrymodifications.xcu"), "w") as handle:
        handle.write(NO_MACROS)
    out = os.path.join(WORK, "out")
    subprocess.run(  # noqa: S603 - a fixed tool on our own working copy
        [
            "/usr/bin/soffice",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--nologo",
            "--nodefault",
            f"-env:UserInstallation=file://{profile}",
            "--convert-to",
            "pdf:writer_pdf_Export",
            "--outdir",
            out,
            path,
        ],
        capture_output=True,
        check=False,
    )
    converted = os.path.join(out, os.path.splitext(os.path.basename(path))[0] + ".pdf")
    if not os.path.exists(converted):
        raise Stop("unreadable")
    return converted


def main(argv: list[str]) -> int:
    kind = argv[1]
    dpi, max_pages, max_pixels, expand = (int(a) for a in argv[2:6])
    path = os.path.join(WORK, f"input.{kind}")
    try:
        # The document arrives on stdin and is written only to this sandbox's own memory.
        with open(path, "wb") as handle:
            head = b""
            while chunk := sys.stdin.buffer.read(1 << 16):
                if len(head) < 16:
                    head += chunk[:16]
                handle.write(chunk)
        check_type(kind, head)
        if kind in ("jpeg", "png", "webp", "heic"):
            render_image(path, max_pixels)
        else:
            if kind in ("docx", "odt"):
                check_zip(path, expand, kind)
            if kind in ("docx", "odt", "rtf"):
                path = office_to_pdf(path)
            render_pdf(path, dpi, max_pages, max_pixels, expand)
    except Stop as stop:
        fail(str(stop))
        return 0
    except MemoryError:
        fail("memory")
        return 0
    frame(b"DONE")
    OUT.flush()
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv))
    except BrokenPipeError:
        sys.exit(1)
