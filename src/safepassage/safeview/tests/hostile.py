"""Hostile documents made on the spot for the tests: booby-trapped PDFs and decompression bombs.

Bombs are built without ever holding their expanded content: one megabyte of deflated zeros
(or spaces) is repeated after a full flush, which resets the compressor, so every repetition is
the same bytes; the checksum of the whole is computed piece by piece.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

import pikepdf
from fpdf import FPDF

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
MB = 1 << 20


def _raw_deflate_repeated(block: bytes, times: int) -> bytes:
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    piece = compressor.compress(block) + compressor.flush(zlib.Z_FULL_FLUSH)
    return piece * times + compressor.flush(zlib.Z_FINISH)


def zlib_bomb(block: bytes, times: int) -> bytes:
    """A zlib stream that inflates to `block` repeated `times` times."""
    checksum = 1
    for _ in range(times):
        checksum = zlib.adler32(block, checksum)
    return b"\x78\xda" + _raw_deflate_repeated(block, times) + struct.pack(">I", checksum)


def pdf_from_objects(objects: list[bytes]) -> bytes:
    """A PDF written by hand: object 1 is the catalogue; offsets and the xref computed here."""
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()


def pdf_stream_bomb(megabytes: int = 400) -> bytes:
    """A one-page PDF of about 400 KB whose content stream inflates to 400 MB of spaces."""
    content = zlib_bomb(b" " * MB, megabytes)
    return pdf_from_objects(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(content)
            + content
            + b"\nendstream",
        ]
    )


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    crc = zlib.crc32(kind + data)
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)


def png_pixel_bomb(side: int = 60_000) -> bytes:
    """A valid side x side black-and-white PNG (3.6 billion pixels at 60,000) of a few hundred
    kilobytes."""
    row = b"\x00" + b"\x00" * ((side + 7) // 8)  # filter byte, then one bit per pixel
    rows_per_block = max(1, MB // len(row))
    block = row * rows_per_block
    blocks, rest = divmod(side, rows_per_block)
    checksum = 1
    for _ in range(blocks):
        checksum = zlib.adler32(block, checksum)
    tail = row * rest
    checksum = zlib.adler32(tail, checksum)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    piece = compressor.compress(block) + compressor.flush(zlib.Z_FULL_FLUSH)
    body = piece * blocks + compressor.compress(tail) + compressor.flush(zlib.Z_FINISH)
    idat = b"\x78\xda" + body + struct.pack(">I", checksum)
    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", idat)
        + _png_chunk(b"IEND", b"")
    )


CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="rels" '
    b'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    b'<Default Extension="xml" ContentType="application/xml"/>'
    b'<Override PartName="/word/document.xml" '
    b'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    b"</Types>"
)
RELS = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    b'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)
W = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def docx(paragraphs: list[str]) -> bytes:
    """A minimal Word document with one paragraph per string, in a large font."""
    runs = b"".join(
        b'<w:p><w:r><w:rPr><w:sz w:val="48"/></w:rPr><w:t xml:space="preserve">'
        + text.encode()
        + b"</w:t></w:r></w:p>"
        for text in paragraphs
    )
    document = b"<w:document " + W + b"><w:body>" + runs + b"</w:body></w:document>"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", RELS)
        archive.writestr("word/document.xml", document)
    return out.getvalue()


def odt(paragraphs: list[str]) -> bytes:
    """A minimal OpenDocument text."""
    ns = (
        b'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        b'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"'
    )
    body = b"".join(b"<text:p>" + p.encode() + b"</text:p>" for p in paragraphs)
    content = (
        b'<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        + ns
        + b"><office:body><office:text>"
        + body
        + b"</office:text></office:body></office:document-content>"
    )
    manifest = (
        b'<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        b'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
        b'manifest:version="1.2">'
        b'<manifest:file-entry manifest:full-path="/" '
        b'manifest:media-type="application/vnd.oasis.opendocument.text"/>'
        b'<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        b"</manifest:manifest>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", b"application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        archive.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def rtf(text: str) -> bytes:
    escaped = "".join(c if ord(c) < 128 else f"\\u{ord(c)}?" for c in text)
    return (
        "{\\rtf1\\ansi\\deff0{\\fonttbl{\\f0 DejaVu Sans;}}\\f0\\fs48 " + escaped + "\\par}"
    ).encode()


def _zip(entries: list[tuple[bytes, int, bytes, int]]) -> bytes:
    """A ZIP written by hand from (name, crc, deflated data, inflated size) entries."""
    body = bytearray()
    directory = bytearray()
    for name, crc, data, size in entries:
        offset = len(body)
        sizes = (crc, len(data), size, len(name), 0)
        body += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, *sizes) + name + data
        directory += struct.pack(
            "<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0, *sizes, 0, 0, 0, 0, offset
        )
        directory += name
    end = struct.pack(
        "<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(directory), len(body), 0
    )
    return bytes(body + directory) + end


def _small_entry(name: str, data: bytes) -> tuple[bytes, int, bytes, int]:
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    return (
        name.encode(),
        zlib.crc32(data),
        compressor.compress(data) + compressor.flush(),
        len(data),
    )


def docx_zip_bomb(megabytes: int = 1024) -> bytes:
    """A Word document of about a megabyte whose text part inflates to a gigabyte of spaces."""
    block = b" " * MB
    crc = 0
    for _ in range(megabytes):
        crc = zlib.crc32(block, crc)
    return _zip(
        [
            _small_entry("[Content_Types].xml", CONTENT_TYPES),
            _small_entry("_rels/.rels", RELS),
            (b"word/document.xml", crc, _raw_deflate_repeated(block, megabytes), megabytes * MB),
        ]
    )


def booby_trapped_pdf(lines: list[str]) -> bytes:
    """A PDF showing `lines` in large type that also carries JavaScript (on opening and in the
    name tree), an embedded file, a launch action, an external link, a form field and an author.
    The links and the field sit low on the page, clear of the words.
    """
    maker = FPDF(unit="pt", format="A4")
    maker.add_page()
    maker.add_font("dejavu", fname=FONT)
    maker.set_font("dejavu", size=28)
    y = 100
    for line in lines:
        maker.text(60, y, line)
        y += 50
    with pikepdf.open(io.BytesIO(bytes(maker.output()))) as pdf:
        script = pdf.make_indirect(
            pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert('x');"))
        )
        pdf.Root.OpenAction = script
        pdf.Root.Names = pikepdf.Dictionary(
            JavaScript=pikepdf.Dictionary(Names=pikepdf.Array([pikepdf.String("run"), script]))
        )
        pdf.attachments["payload.exe"] = pikepdf.AttachedFileSpec(pdf, b"MZ not really a program")
        page = pdf.pages[0]
        launch = pikepdf.Dictionary(S=pikepdf.Name.Launch, F=pikepdf.String("cmd.exe"))
        link = pikepdf.Dictionary(S=pikepdf.Name.URI, URI=pikepdf.String("http://example.invalid/"))
        field = pdf.make_indirect(
            pikepdf.Dictionary(
                Type=pikepdf.Name.Annot,
                Subtype=pikepdf.Name.Widget,
                FT=pikepdf.Name.Tx,
                T=pikepdf.String("name"),
                Rect=[60, 100, 300, 130],
                AA=pikepdf.Dictionary(K=script),
            )
        )
        page.Annots = pdf.make_indirect(
            pikepdf.Array(
                [
                    pikepdf.Dictionary(
                        Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link, Rect=r, A=action
                    )
                    for r, action in (([60, 200, 300, 230], launch), ([60, 150, 300, 180], link))
                ]
                + [field]
            )
        )
        pdf.Root.AcroForm = pikepdf.Dictionary(Fields=pikepdf.Array([field]))
        with pdf.open_metadata() as meta:
            meta["dc:creator"] = ["Author Canary"]
        pdf.docinfo["/Author"] = "Author Canary"
        out = io.BytesIO()
        pdf.save(out)
    return out.getvalue()
