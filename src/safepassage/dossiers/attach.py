"""Embedding annexes in a PDF as file attachments, streamed (framework-free).

A dossier's annexes may weigh tens of megabytes. A PDF library holds every stream it embeds in
memory, some twice; here the annexes are written into the output one chunk at a time, as an
incremental update of the small PDF the text was typeset into: new objects (each embedded file,
its file specification and the name tree), a new catalogue pointing at them, and a classic
cross-reference section chained to the first. Any reader (pdfdetach, Acrobat, qpdf) lists them;
the PAdES signature added afterwards covers them.
"""

from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import BinaryIO

import pikepdf


@dataclass(frozen=True)
class Attachment:
    name: str  # a generated ASCII file name: annex-01.pdf
    description: str
    mime: str
    size: int
    sha256: str
    chunks: Callable[[], Iterable[bytes]]


class AttachmentChanged(ValueError):
    """An annex read differently the second time (size or SHA-256): nothing is signed."""


SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,80}$")


def _text_string(text: str) -> bytes:
    """A PDF text string in UTF-16BE hex: no escaping to get wrong."""
    return b"<FEFF" + text.encode("utf-16-be").hex().upper().encode("ascii") + b">"


def _name(mime: str) -> bytes:
    return b"/" + mime.replace("/", "#2F").encode("ascii")


def _base_facts(base: bytes) -> tuple[int, int, bytes, bytes, int]:
    """Root object number, first free object number, the catalogue's entries, the trailer's
    other entries (/Info, /ID), and the offset of the base's cross-reference section."""
    with pikepdf.open(io.BytesIO(base)) as document:
        root_number, root_generation = document.Root.objgen
        if root_generation != 0:
            raise ValueError("the base PDF's catalogue has a generation number")
        size = int(document.trailer.Size)
        entries = b""
        for key, value in document.Root.items():
            if key in ("/Names", "/PageMode"):
                continue
            text = (
                f"{value.objgen[0]} {value.objgen[1]} R".encode()
                if value.is_indirect
                else value.unparse()
            )
            entries += key.encode("ascii") + b" " + text + b"\n"
    found = re.findall(rb"startxref\s+(\d+)\s+%%EOF\s*$", base)
    tail = base[base.rindex(b"trailer") :]
    extra = b"".join(re.findall(rb"(/Info\s+\d+\s+\d+\s+R|/ID\s*\[[^\]]*\])", tail))
    if not found:
        raise ValueError("the base PDF has no cross-reference offset")
    return root_number, size, entries, extra, int(found[-1])


def write(out: BinaryIO, base: bytes, attachments: list[Attachment]) -> None:
    """Write `base` and then the attachments as an incremental update into `out`."""
    for attachment in attachments:
        if not SAFE_NAME.match(attachment.name):
            raise ValueError("attachment names are generated, ASCII only")
    root, size, entries, extra, previous = _base_facts(base)
    start = out.tell()
    out.write(base)
    if not base.endswith(b"\n"):
        out.write(b"\n")
    offsets: dict[int, int] = {}
    number = size

    def begin(n: int) -> None:
        offsets[n] = out.tell() - start
        out.write(f"{n} 0 obj\n".encode())

    specs: list[tuple[str, int]] = []
    for attachment in attachments:
        stream_number, spec_number = number, number + 1
        number += 2
        begin(stream_number)
        out.write(
            b"<< /Type /EmbeddedFile /Subtype "
            + _name(attachment.mime)
            + f" /Length {attachment.size} /Params << /Size {attachment.size} >> >>".encode()
            + b"\nstream\n"
        )
        digest, written = hashlib.sha256(), 0
        for chunk in attachment.chunks():
            digest.update(chunk)
            written += len(chunk)
            if written > attachment.size:
                break
            out.write(chunk)
        if written != attachment.size or digest.hexdigest() != attachment.sha256:
            raise AttachmentChanged(attachment.name)
        out.write(b"\nendstream\nendobj\n")
        begin(spec_number)
        file_name = attachment.name.encode("ascii")
        out.write(
            b"<< /Type /Filespec /F ("
            + file_name
            + b") /UF "
            + _text_string(attachment.name)
            + b" /Desc "
            + _text_string(attachment.description)
            + f" /EF << /F {stream_number} 0 R /UF {stream_number} 0 R >>".encode()
            + b" /AFRelationship /Supplement >>\nendobj\n"
        )
        specs.append((attachment.name, spec_number))
    tree_number, names_number = number, number + 1
    number += 2
    begin(tree_number)
    pairs = b" ".join(
        b"(" + name.encode("ascii") + b") " + f"{n} 0 R".encode() for name, n in sorted(specs)
    )
    out.write(b"<< /Names [" + pairs + b"] >>\nendobj\n")
    begin(names_number)
    out.write(f"<< /EmbeddedFiles {tree_number} 0 R >>\nendobj\n".encode())
    begin(root)
    files = b" ".join(f"{n} 0 R".encode() for _name_, n in specs)
    out.write(
        b"<<\n"
        + entries
        + f"/Names {names_number} 0 R\n/PageMode /UseAttachments\n".encode()
        + b"/AF ["
        + files
        + b"]\n>>\nendobj\n"
    )
    xref = out.tell() - start
    out.write(b"xref\n0 1\n0000000000 65535 f\r\n")
    out.write(f"{root} 1\n{offsets[root]:010d} 00000 n\r\n".encode())
    out.write(f"{size} {number - size}\n".encode())
    for n in range(size, number):
        out.write(f"{offsets[n]:010d} 00000 n\r\n".encode())
    out.write(
        f"trailer\n<< /Size {number} /Root {root} 0 R /Prev {previous} ".encode()
        + extra
        + f" >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
