"""Signed, age-encrypted messages without Django: what was signed comes out, anything else is
refused with its reason, and the standard `age` tool reads and writes the outer layer."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import tarfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from safepassage.partners import envelope
from safepassage.partners.tests.party import Keys

NOW = datetime.now(UTC).replace(microsecond=0)
AGE = shutil.which("age") or "/usr/bin/age"


Party = Keys


def _fields(sender: Party, recipient: Party, **overrides) -> dict[str, object]:
    fields = {
        "kind": "handover",
        "id": envelope.new_message_id(),
        "sender_name": sender.name,
        "sender_key": sender.public,
        "recipient_name": recipient.name,
        "recipient_key": recipient.public,
        "recipient_encryption_key": recipient.recipient,
        "created_at": NOW,
        "expires_at": NOW + timedelta(days=14),
        "about": {"scope": ["identity"]},
    }
    fields.update(overrides)
    return fields


def _message(sender: Party, recipient: Party, parts=None, **overrides) -> tuple[bytes, bytes]:
    """(the tar stream as plaintext, the age file)."""
    parts = parts or [
        envelope.part_from_bytes("case.json", '{"имя": "Иван"}'.encode()),
        envelope.part_from_bytes("files/001.txt", b"x" * 200_000),
    ]
    _manifest, chunks = envelope.plaintext(
        _fields(sender, recipient, **overrides), parts, sender.sign
    )
    plain = b"".join(chunks)
    out = io.BytesIO()
    envelope.encrypt(iter([plain]), recipient.recipient, out)
    return plain, out.getvalue()


def _open(data: bytes, recipient: Party, tmp_path: Path, limit: int = 10**8) -> envelope.Reader:
    return envelope.Reader(io.BytesIO(data), [str(recipient.identity)], tmp_path / "spool", limit)


def _read_all(reader: envelope.Reader, key: bytes) -> dict[str, bytes]:
    reader.verify(key)
    return {entry.name: b"".join(chunks) for entry, chunks in reader.parts()}


def test_what_was_signed_comes_out(tmp_path):
    alpha, beta = Party("Alpha"), Party("Beta")
    _plain, data = _message(alpha, beta)
    with _open(data, beta, tmp_path) as reader:
        assert reader.manifest.sender_key == alpha.public
        assert reader.manifest.recipient_encryption_key == beta.recipient
        parts = _read_all(reader, alpha.public)
    assert json.loads(parts["case.json"]) == {"имя": "Иван"}
    assert parts["files/001.txt"] == b"x" * 200_000
    assert list((tmp_path / "spool").iterdir()) == []  # the spool is gone


def test_every_flipped_byte_of_the_age_file_is_refused(tmp_path):
    alpha, beta = Party("Alpha"), Party("Beta")
    _plain, data = _message(alpha, beta, parts=[envelope.part_from_bytes("case.json", b"{}")])
    for position in range(0, len(data), max(1, len(data) // 300)):
        changed = bytearray(data)
        changed[position] ^= 0x01
        with pytest.raises(envelope.MessageError) as refused:
            _open(bytes(changed), beta, tmp_path)
        assert refused.value.code in {"damaged", "not_for_us"}


def test_truncated_empty_or_foreign_files_are_refused(tmp_path):
    alpha, beta = Party("Alpha"), Party("Beta")
    _plain, data = _message(alpha, beta)
    for bad in (data[:-1], data[: len(data) // 2], b"", b"%PDF-1.4 not age", os.urandom(4096)):
        with pytest.raises(envelope.MessageError) as refused:
            _open(bad, beta, tmp_path)
        assert refused.value.code == "damaged"


def test_a_file_for_someone_else_is_refused(tmp_path):
    alpha, beta, gamma = Party("Alpha"), Party("Beta"), Party("Gamma")
    _plain, data = _message(alpha, gamma)
    with pytest.raises(envelope.MessageError) as refused:
        _open(data, beta, tmp_path)
    assert refused.value.code == "not_for_us"


def test_an_oversized_file_is_refused_while_it_is_read(tmp_path):
    alpha, beta = Party("Alpha"), Party("Beta")
    _plain, data = _message(alpha, beta)
    with pytest.raises(envelope.MessageError) as refused:
        _open(data, beta, tmp_path, limit=50_000)
    assert refused.value.code == "too_large"
    assert list((tmp_path / "spool").iterdir()) == []


def test_a_signature_by_another_key_is_refused(tmp_path):
    alpha, beta, mallory = Party("Alpha"), Party("Beta"), Party("Mallory")
    # Mallory signs a manifest claiming to be Alpha.
    _m, chunks = envelope.plaintext(
        _fields(alpha, beta), [envelope.part_from_bytes("case.json", b"{}")], mallory.sign
    )
    out = io.BytesIO()
    envelope.encrypt(chunks, beta.recipient, out)
    with _open(out.getvalue(), beta, tmp_path) as reader:
        with pytest.raises(envelope.MessageError) as refused:
            reader.verify(alpha.public)
        assert refused.value.code == "bad_signature"
        with pytest.raises(RuntimeError):
            next(reader.parts())  # nothing is read before the signature verifies


def test_a_part_changed_after_signing_is_refused(tmp_path):
    alpha, beta = Party("Alpha"), Party("Beta")
    plain, _data = _message(alpha, beta)
    # Re-encrypt the same signed manifest around a changed part (age needs no sender key).
    tampered = plain.replace(b"x" * 1000, b"y" * 1000, 1)
    out = io.BytesIO()
    envelope.encrypt(iter([tampered]), beta.recipient, out)
    with _open(out.getvalue(), beta, tmp_path) as reader:
        with pytest.raises(envelope.MessageError) as refused:
            _read_all(reader, alpha.public)
        assert refused.value.code == "bad_part"


def test_an_expired_message_is_refused(tmp_path):
    alpha, beta = Party("Alpha"), Party("Beta")
    _plain, data = _message(
        alpha, beta, created_at=NOW - timedelta(days=20), expires_at=NOW - timedelta(days=6)
    )
    with _open(data, beta, tmp_path) as reader:
        reader.verify(alpha.public)
        with pytest.raises(envelope.MessageError) as refused:
            reader.check_times(NOW)
        assert refused.value.code == "expired"


def test_a_manifest_not_in_its_canonical_form_is_refused():
    alpha, beta = Party("Alpha"), Party("Beta")
    manifest, _chunks = envelope.plaintext(
        _fields(alpha, beta), [envelope.part_from_bytes("case.json", b"{}")], alpha.sign
    )
    raw = manifest.to_bytes()
    assert envelope.parse_manifest(raw) == manifest
    with pytest.raises(envelope.MessageError, match="signed form"):
        envelope.parse_manifest(json.dumps(json.loads(raw), indent=1).encode())
    bad = json.loads(raw)
    bad["parts"][0]["name"] = "../escape"
    from safepassage.crypto.signing import canonical_json

    with pytest.raises(envelope.MessageError, match="allowed form"):
        envelope.parse_manifest(canonical_json(bad))


def test_the_age_tool_decrypts_what_we_make(tmp_path):
    alpha, beta = Party("Alpha"), Party("Beta")
    _plain, data = _message(alpha, beta)
    (tmp_path / "beta.key").write_text(str(beta.identity) + "\n")
    (tmp_path / "bundle.age").write_bytes(data)
    opened = subprocess.run(
        [AGE, "-d", "-i", str(tmp_path / "beta.key"), str(tmp_path / "bundle.age")],
        capture_output=True,
        check=True,
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(opened)) as archive:
        names = archive.getnames()
        manifest = archive.extractfile("manifest.json").read()  # type: ignore[union-attr]
        signature = archive.extractfile("manifest.sig").read()  # type: ignore[union-attr]
        case = archive.extractfile("case.json").read()  # type: ignore[union-attr]
    assert names == ["manifest.json", "manifest.sig", "case.json", "files/001.txt"]
    alpha.signing.verify_key.verify(manifest, signature)  # any Ed25519 verifier will do
    assert json.loads(case) == {"имя": "Иван"}
    # The wrong identity opens nothing.
    (tmp_path / "other.key").write_text(str(Party("Other").identity) + "\n")
    refused = subprocess.run(
        [AGE, "-d", "-i", str(tmp_path / "other.key"), str(tmp_path / "bundle.age")],
        capture_output=True,
        check=False,
    )
    assert refused.returncode != 0


def test_we_accept_what_the_age_tool_encrypts(tmp_path):
    alpha, beta = Party("Alpha"), Party("Beta")
    plain, _data = _message(alpha, beta)
    (tmp_path / "plain.tar").write_bytes(plain)
    subprocess.run(
        [
            AGE,
            "-r",
            beta.recipient,
            "-o",
            str(tmp_path / "by-age.age"),
            str(tmp_path / "plain.tar"),
        ],
        check=True,
    )
    with _open((tmp_path / "by-age.age").read_bytes(), beta, tmp_path) as reader:
        parts = _read_all(reader, alpha.public)
    assert parts["files/001.txt"] == b"x" * 200_000
