"""Issuing and revoking log the signed file; the log is served as tiles; the verification page
and `safepassage attest verify` say where an attestation is logged, or that it is not."""

from __future__ import annotations

import hashlib
from io import StringIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from safepassage.audit.merkle import leaf_hash
from safepassage.tlog import keys, leaf, services
from safepassage.tlog.client import LogClient, Response
from safepassage.tlog.models import LogEntry, LogHead, LogTile, SignedCheckpoint
from safepassage.tlog.note import open_note, parse_checkpoint
from safepassage.tlog.tests.helpers import issue_one, revoke
from safepassage.tlog.tiles import read_bundle, verify_inclusion
from safepassage.vetting.models import Attestation

pytestmark = pytest.mark.django_db
PAGE = "/verify/attestation/"


def check_on_page(raw: bytes, name: str = "attestation.json") -> str:
    upload = SimpleUploadedFile(name, raw, content_type="application/octet-stream")
    response = Client().post(PAGE, {"file": upload})
    assert response.status_code == 200
    return response.content.decode()


def test_issuing_logs_the_hash_of_the_signed_file_and_nothing_personal(coordinator):
    issued = issue_one(coordinator)
    [entry] = LogEntry.objects.all()
    assert entry.kind == "attestation"
    assert entry.digest == hashlib.sha256(issued.json).hexdigest()
    data = services.bundle(0, 1)
    assert read_bundle(data) == [services.leaf_of(entry).encode()]
    assert leaf.parse(read_bundle(data)[0]) == leaf.of_file("attestation", entry.day, issued.json)
    assert issued.statement["subject"]["reference"].encode() not in data
    assert issued.statement["id"].encode() not in data


def test_each_issue_is_signed_into_a_checkpoint_served_at_tlog_checkpoint(coordinator):
    issue_one(coordinator)
    issue_one(coordinator)
    response = Client().get("/tlog/checkpoint")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    note, _ = open_note(response.content, [keys.log_signer().verifier])
    checkpoint = parse_checkpoint(note.text)
    assert checkpoint.size == 2
    assert checkpoint.origin == keys.log_signer().name
    assert checkpoint.root == services.reader().root()


def test_tiles_and_bundles_are_served_at_their_paths_and_widths(coordinator):
    issue_one(coordinator)
    issue_one(coordinator)
    tile = Client().get("/tlog/tile/0/000.p/2")
    assert tile.status_code == 200
    assert tile["Content-Type"] == "application/octet-stream"
    assert len(tile.content) == 64
    assert Client().get("/tlog/tile/0/000.p/1").content == tile.content[:32]
    bundle = Client().get("/tlog/tile/entries/000.p/2")
    entries = read_bundle(bundle.content)
    assert [leaf_hash(e) for e in entries] == [tile.content[:32], tile.content[32:]]
    for missing in ("0/000.p/3", "0/000", "1/000.p/1", "entries/000.p/3", "0/0", "00/000.p/1"):
        assert Client().get(f"/tlog/tile/{missing}").status_code == 404, missing


def test_a_revocation_is_logged_with_the_same_file_hash(coordinator):
    issued = issue_one(coordinator)
    revoke(issued, coordinator, "new_evidence")
    kinds = list(LogEntry.objects.values_list("kind", "digest"))
    digest = hashlib.sha256(issued.json).hexdigest()
    assert kinds == [("attestation", digest), ("attestation-revocation", digest)]


def test_the_page_shows_where_an_attestation_is_logged(coordinator):
    issued = issue_one(coordinator)
    issue_one(coordinator)
    page = check_on_page(issued.json)
    assert "Logged at index 0 in checkpoint of size 2" in page
    assert "The inclusion proof verifies" in page
    assert "Cosigned by 0 of the 0 known witnesses" in page


def test_the_page_reads_the_json_inside_a_pdf(coordinator):
    issue_one(coordinator)
    issued = issue_one(coordinator)
    page = check_on_page(issued.pdf, "attestation.pdf")
    assert "Logged at index 1 in checkpoint of size 2" in page


def test_a_revoked_attestation_shows_its_revocation_in_the_log(coordinator):
    issued = issue_one(coordinator)
    revoke(issued, coordinator, "new_evidence")
    page = check_on_page(issued.json)
    assert "Logged at index 0 in checkpoint of size 2" in page
    assert "Revocation logged at index 1 in checkpoint of size 2" in page


def test_an_attestation_whose_hash_is_not_in_the_log_is_reported_not_logged(coordinator):
    issued = issue_one(coordinator)
    # Signed with the organisation's own key, outside the issuing service: a stolen key would
    # make exactly this file.
    LogEntry.objects.all().delete()
    page = check_on_page(issued.json)
    assert "Not logged" in page
    assert hashlib.sha256(issued.json).hexdigest() in page


def test_a_file_whose_signature_fails_gets_no_log_line(coordinator):
    issued = issue_one(coordinator)
    start = issued.json.index(b'"signature": "') + len(b'"signature": "')
    flipped = b"B" if issued.json[start : start + 1] == b"A" else b"A"
    page = check_on_page(issued.json[:start] + flipped + issued.json[start + 1 :])
    assert "does not match the content" in page
    assert "Not logged" not in page
    assert "Logged at index" not in page


def test_attest_verify_prints_the_log_line(coordinator, tmp_path: Path):
    issued = issue_one(coordinator)
    file = tmp_path / "attestation.json"
    file.write_bytes(issued.json)
    out = StringIO()
    call_command("attest", "verify", str(file), stdout=out)
    assert "Logged at index 0 in checkpoint of size 1" in out.getvalue()
    LogEntry.objects.all().delete()
    out = StringIO()
    call_command("attest", "verify", str(file), stdout=out)
    assert "Not logged" in out.getvalue()


def test_the_proof_on_the_page_is_against_the_signed_root(coordinator):
    issued = issue_one(coordinator)
    for _ in range(4):
        issue_one(coordinator)
    status = services.status_of(issued.json)
    [entry] = status.entries
    data = leaf.of_file("attestation", entry.day, issued.json).encode()
    assert verify_inclusion(0, 5, leaf_hash(data), status.proofs[0], status.root)
    assert not verify_inclusion(0, 5, leaf_hash(data + b"x"), status.proofs[0], status.root)


def test_a_log_rewritten_in_the_database_refuses_to_grow_and_nothing_is_issued(coordinator):
    issue_one(coordinator)
    issue_one(coordinator)
    # Someone with the database rewrites entry 0 in its tile.
    tile = LogTile.objects.get(level=0, index=0)
    hashes = bytearray(bytes(tile.hashes))
    hashes[0] ^= 1
    LogTile.objects.filter(pk=tile.pk).update(hashes=bytes(hashes))
    with pytest.raises(services.LogError, match="refusing to sign"):
        issue_one(coordinator)
    assert Attestation.objects.count() == 2
    assert LogEntry.objects.count() == 2


def test_the_log_refuses_to_sign_after_its_database_was_rolled_back(
    coordinator, django_capture_on_commit_callbacks
):
    issue_one(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        issue_one(coordinator)
    assert keys.read_last_checkpoint() is not None
    # An older backup restored: the database forgets the second entry and its checkpoint.
    LogEntry.objects.filter(index=1).delete()
    SignedCheckpoint.objects.filter(size=2).delete()
    tile = LogTile.objects.get(level=0, index=0)
    LogTile.objects.filter(pk=tile.pk).update(hashes=bytes(tile.hashes)[:32])
    LogHead.objects.filter(pk=1).update(size=1)
    with pytest.raises(services.LogError, match="2 were signed before"):
        services.sign_checkpoint()


def test_tlog_check_finds_a_rewritten_entry(coordinator):
    issue_one(coordinator)
    issue_one(coordinator)
    out = StringIO()
    call_command("tlog", "check", stdout=out)
    assert "the log is intact" in out.getvalue()
    LogEntry.objects.filter(index=1).update(digest="ab" * 32)
    out = StringIO()
    with pytest.raises(CommandError):
        call_command("tlog", "check", stdout=out)
    assert "does not match the entries" in out.getvalue()


def test_publish_writes_the_static_layout(coordinator, tmp_path: Path):
    for _ in range(3):
        issue_one(coordinator)
    call_command("tlog", "publish", str(tmp_path / "site"), stdout=StringIO())
    site = tmp_path / "site"
    assert (site / "checkpoint").read_bytes() == services.served_checkpoint()
    assert (site / "tile/0/000.p/3").read_bytes() == services.read_tile(0, 0, 3)
    assert len(read_bundle((site / "tile/entries/000.p/3").read_bytes())) == 3


def test_after_an_older_backup_the_log_takes_back_its_entries_from_the_published_copy(
    coordinator, tmp_path: Path, django_capture_on_commit_callbacks
):
    for _ in range(3):
        with django_capture_on_commit_callbacks(execute=True):
            issue_one(coordinator)
    site = tmp_path / "site"
    call_command("tlog", "publish", str(site), stdout=StringIO())
    # The database of yesterday: the third entry and its checkpoint are gone.
    LogEntry.objects.filter(index=2).delete()
    SignedCheckpoint.objects.filter(size=3).delete()
    tile = LogTile.objects.get(level=0, index=0)
    LogTile.objects.filter(pk=tile.pk).update(hashes=bytes(tile.hashes)[:64])
    LogHead.objects.filter(pk=1).update(size=2)
    with pytest.raises(services.LogError, match="refusing to sign"):
        issue_one(coordinator)

    def folder(method: str, url: str, body: bytes | None, headers: dict[str, str]) -> Response:
        path = site / url.removeprefix("copy://log/")
        return Response(200, path.read_bytes()) if path.exists() else Response(404, b"")

    assert services.recover(LogClient("copy://log", folder)) == 1
    assert services.size() == 3
    issue_one(coordinator)
    assert services.size() == 4
