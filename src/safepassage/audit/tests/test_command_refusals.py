"""`safepassage audit` refuses bad arguments and damaged files in words, and finds tampering
that the whole-entry checks do not: a rewritten tree root, a damaged signed head."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from nacl.signing import SigningKey

from safepassage.audit import services
from safepassage.audit.chain import CHECKPOINT_KIND, ROOT_CHECK_EVERY
from safepassage.audit.models import AuditEntry, AuditHead

pytestmark = pytest.mark.django_db(transaction=True)


def _fill(n: int, start: int = 0) -> None:
    for i in range(start, start + n):
        services.record("test.event", target_type="thing", target_ref=i, details={"n": i})


def _audit(*args: str) -> str:
    out = StringIO()
    call_command("audit", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def _refused(*args: str) -> str:
    err = StringIO()
    with pytest.raises(CommandError) as failure:
        call_command("audit", *args, stdout=StringIO(), stderr=err)
    return f"{failure.value}\n{err.getvalue()}"


def _export(path: Path, *since: str) -> dict[str, object]:
    _audit("checkpoint", "--export", str(path), *since)
    data: dict[str, object] = json.loads(path.read_text())
    return data


@pytest.fixture
def log(organisation):
    _fill(12)
    return AuditEntry.objects.count()


@pytest.fixture
def public_hex(log) -> str:
    key = services.trusted_public_key()
    assert key is not None
    return key.hex()


def test_checkpoint_without_an_organisation_is_refused_in_words(db):
    assert "no organisation signing key" in _refused("checkpoint")


@pytest.mark.parametrize(
    ("content", "why"),
    [
        ("{not json", "not a readable audit checkpoint"),
        ('{"kind": "something else"}', "not an audit checkpoint"),
        (json.dumps({"kind": CHECKPOINT_KIND}), "malformed checkpoint"),
    ],
)
def test_a_damaged_checkpoint_file_is_refused_by_name(log, tmp_path, content, why):
    damaged = tmp_path / "damaged.json"
    damaged.write_text(content)
    message = _refused("verify", "--checkpoint", str(damaged))
    assert str(damaged) in message
    assert why in message


def test_a_missing_checkpoint_file_is_refused_by_name(log, tmp_path):
    assert "gone.json: not a readable audit checkpoint" in _refused(
        "verify", "--checkpoint", str(tmp_path / "gone.json")
    )


def test_a_checkpoint_with_a_short_root_is_refused(log, tmp_path):
    data = _export(tmp_path / "good.json")
    short = tmp_path / "short.json"
    short.write_text(json.dumps({**data, "root": "00" * 16}))
    assert "bad size or root" in _refused("verify", "--checkpoint", str(short))


@pytest.mark.parametrize("key", ["not-hex", "ab" * 16])
def test_a_public_key_that_is_not_64_hex_digits_is_refused(log, key):
    assert "--public-key must be 64 hexadecimal digits" in _refused("verify", "--public-key", key)


def test_verify_with_the_right_public_key_passes(public_hex):
    assert "audit log intact" in _audit("verify", "--public-key", public_hex)


def test_verify_with_another_key_fails_every_checkpoint(log):
    other = bytes(SigningKey.generate().verify_key).hex()
    assert "signed by another key" in _refused("verify", "--public-key", other)


def test_an_older_checkpoint_larger_than_the_new_one_is_refused_in_words(log, tmp_path):
    _fill(5, start=100)
    big = tmp_path / "big.json"
    _export(big)
    # The log is truncated in the database: the new checkpoint is smaller than the older one.
    AuditEntry.objects.filter(seq__gt=log).delete()
    AuditHead.objects.all().delete()
    small = tmp_path / "small.json"
    message = _refused("checkpoint", "--export", str(small), "--since", str(big))
    assert "older checkpoint is larger" in message
    assert not small.exists()


def test_witness_refuses_checkpoints_signed_by_another_key(public_hex, tmp_path):
    old, new = tmp_path / "old.json", tmp_path / "new.json"
    _export(old)
    _export(new, "--since", str(old))
    other = bytes(SigningKey.generate().verify_key).hex()
    message = _refused("witness", str(old), str(new), "--public-key", other)
    assert "signature check failed" in message


def test_witness_refuses_a_new_checkpoint_without_a_proof_from_the_old_size(public_hex, tmp_path):
    old, new = tmp_path / "old.json", tmp_path / "new.json"
    _export(old)
    _fill(3, start=100)
    _export(new)  # exported without --since: it proves nothing about the old one
    message = _refused("witness", str(old), str(new), "--public-key", public_hex)
    assert "no proof from the old one's size" in message


def test_witness_refuses_a_malformed_proof(public_hex, tmp_path):
    old, new = tmp_path / "old.json", tmp_path / "new.json"
    _export(old)
    _fill(3, start=100)
    data = _export(new, "--since", str(old))
    new.write_text(json.dumps({**data, "consistency": {"from_size": "x", "proof": ["zz"]}}))
    message = _refused("witness", str(old), str(new), "--public-key", public_hex)
    assert "malformed proof" in message


# Stored roots are checked once per block of entries, against the root recomputed from the
# leaves: a wrong root at the end of a block is named exactly.
def test_a_rewritten_tree_root_of_the_newest_entry_is_named(log):
    AuditEntry.objects.filter(seq=log).update(root_hash=b"\0" * 32)
    assert f"entry {log}: the tree root recorded with it disagrees" in _refused("verify")


def test_a_rewritten_tree_root_at_the_end_of_a_full_block_is_named(log):
    _fill(ROOT_CHECK_EVERY + 4 - log, start=100)
    seq = ROOT_CHECK_EVERY
    AuditEntry.objects.filter(seq=seq).update(root_hash=b"\0" * 32)
    message = _refused("verify")
    assert f"entry {seq}: the tree root recorded with it disagrees" in message
    assert f"first bad entry: {seq}" in message


def test_a_damaged_signed_head_in_the_key_folder_fails_verification(log):
    services.flush_head()
    services.head_path().write_text("{damaged")
    message = _refused("verify")
    assert "the signed head in the key folder is unreadable" in message


def test_a_checkpoint_without_export_is_signed_and_kept(log):
    out = _audit("checkpoint")
    assert f"checkpoint signed: size {log}" in out
    assert "audit log intact" in _audit("verify")


def test_an_entry_moved_before_the_start_of_the_log_is_named(log):
    AuditEntry.objects.filter(seq=5).update(seq=0)
    message = _refused("verify")
    assert "entry 0 appears out of order" in message
