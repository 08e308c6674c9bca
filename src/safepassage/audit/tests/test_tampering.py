"""S4: every kind of tampering with the stored log makes `safepassage audit verify` fail."""

from __future__ import annotations

import json
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from safepassage.audit import services
from safepassage.audit.chain import Checkpoint
from safepassage.audit.models import AuditCheckpoint, AuditEntry, AuditHead

# Real commits, so the signed head in the key folder is written as in production.
pytestmark = pytest.mark.django_db(transaction=True)


def _fill(n: int, start: int = 0) -> None:
    for i in range(start, start + n):
        services.record("test.event", target_type="thing", target_ref=i, details={"n": i})


def _verify(*args: str) -> str:
    out, err = StringIO(), StringIO()
    try:
        call_command("audit", "verify", *args, stdout=out, stderr=err)
    except CommandError as exc:
        raise AssertionError(f"{exc}\n{err.getvalue()}") from None
    return out.getvalue()


def _verify_fails(*args: str) -> str:
    err = StringIO()
    with pytest.raises(CommandError) as failure:
        call_command("audit", "verify", *args, stdout=StringIO(), stderr=err)
    return f"{failure.value}\n{err.getvalue()}"


def _sql(statement: str, params: list[Any]) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


@pytest.fixture
def log(organisation):
    _fill(30)
    return AuditEntry.objects.count()


def test_intact_log_verifies(log):
    assert f"{log} entries" in _verify()


def test_edited_entry_is_named(log):
    _sql("UPDATE audit_auditentry SET details = %s WHERE seq = %s", ['{"n":999}', 12])
    message = _verify_fails()
    assert "first bad entry: 12" in message


def test_edited_entry_with_recomputed_hashes_is_caught_by_the_signed_head(log):
    # An attacker who recomputes the edited entry's hashes and every later root still cannot
    # re-sign the head kept in the key folder.
    entry = AuditEntry.objects.get(seq=12)
    entry.details = '{"n":999}'
    entry.leaf_hash = services.entry_leaf(entry)
    _rewrite_from(entry)
    message = _verify_fails()
    assert "no longer match the checkpoint" in message


def _rewrite_from(changed: AuditEntry) -> None:
    """Recompute leaf and root hashes of every entry from `changed` on, as an attacker would."""
    from safepassage.audit.merkle import Frontier

    frontier = Frontier()
    for entry in AuditEntry.objects.order_by("seq"):
        if entry.seq == changed.seq:
            entry = changed
        leaf = services.entry_leaf(entry)
        frontier.append(leaf)
        AuditEntry.objects.filter(seq=entry.seq).update(
            details=entry.details, leaf_hash=leaf, root_hash=frontier.root()
        )
    AuditHead.objects.filter(pk=1).update(size=frontier.size, frontier=frontier.pack())


def test_deleted_entry_is_named(log):
    _sql("DELETE FROM audit_auditentry WHERE seq = %s", [7])
    message = _verify_fails()
    assert "entry 7 is missing" in message
    assert "first bad entry: 7" in message


def test_reordered_entries_are_named(log):
    # Swap the contents (and stored hashes) of entries 5 and 9 by moving their sequence numbers.
    _sql("UPDATE audit_auditentry SET seq = %s WHERE seq = %s", [-5, 5])
    _sql("UPDATE audit_auditentry SET seq = %s WHERE seq = %s", [5, 9])
    _sql("UPDATE audit_auditentry SET seq = %s WHERE seq = %s", [9, -5])
    message = _verify_fails()
    assert "first bad entry: 5" in message


def test_truncated_log_is_detected(log):
    _sql("DELETE FROM audit_auditentry WHERE seq > %s", [20])
    message = _verify_fails()
    assert "truncated" in message


def test_truncation_with_a_rewritten_head_row_is_caught_by_the_key_folder_head(log):
    _sql("DELETE FROM audit_auditentry WHERE seq > %s", [20])
    _rewrite_head(20)
    message = _verify_fails()
    assert "truncated" in message


def _rewrite_head(size: int) -> None:
    from safepassage.audit.merkle import Frontier

    frontier = Frontier()
    for entry in AuditEntry.objects.order_by("seq")[:size]:
        frontier.append(bytes(entry.leaf_hash))
    AuditHead.objects.filter(pk=1).update(size=size, frontier=frontier.pack())


def test_truncate_and_regrow_past_an_exported_checkpoint_is_detected(log, tmp_path, key_folder):
    exported = tmp_path / "witness.json"
    call_command("audit", "checkpoint", "--export", str(exported), stdout=StringIO())
    assert json.loads(exported.read_text())["size"] == log
    # The attacker holds the whole server: truncates, removes every anchor it can reach and
    # grows the log again past the exported size with entries of its own.
    _sql("DELETE FROM audit_auditentry WHERE seq > %s", [10])
    _rewrite_head(10)
    AuditCheckpoint.objects.all().delete()
    services.head_path().unlink()
    _fill(40, start=100)
    assert AuditEntry.objects.count() > log
    _verify()  # nothing left on the server shows it...
    message = _verify_fails("--checkpoint", str(exported))  # ...but the partner's copy does
    assert "no longer match the checkpoint" in message


def test_forged_checkpoint_signature_is_rejected(log, tmp_path):
    checkpoint = services.create_checkpoint()
    data = checkpoint.to_json()
    data["size"] = checkpoint.size - 1
    forged = tmp_path / "forged.json"
    forged.write_text(json.dumps(data))
    message = _verify_fails("--checkpoint", str(forged))
    assert "signature does not verify" in message


def test_signed_checkpoint_verifies_with_only_the_public_key(log):
    checkpoint = services.create_checkpoint()
    public_key = services.trusted_public_key()
    assert public_key is not None
    exported = Checkpoint.from_json(json.loads(json.dumps(checkpoint.to_json())))
    exported.check_signature(public_key)  # raises if it does not verify
    from safepassage.crypto.signing import SignatureError

    other = Checkpoint.from_json({**checkpoint.to_json(), "root": "00" * 32})
    with pytest.raises(SignatureError):
        other.check_signature(public_key)


def test_witness_accepts_an_extension_and_refuses_a_rewrite(log, tmp_path):
    old = tmp_path / "old.json"
    call_command("audit", "checkpoint", "--export", str(old), stdout=StringIO())
    _fill(17, start=200)
    new = tmp_path / "new.json"
    call_command(
        "audit", "checkpoint", "--export", str(new), "--since", str(old), stdout=StringIO()
    )
    key = services.trusted_public_key()
    assert key is not None
    out = StringIO()
    call_command("audit", "witness", str(old), str(new), "--public-key", key.hex(), stdout=out)
    assert "consistent" in out.getvalue()
    # Rewrite an early entry and export again: the proof no longer links to the old checkpoint.
    entry = AuditEntry.objects.get(seq=3)
    entry.details = '{"n":-1}'
    entry.leaf_hash = services.entry_leaf(entry)
    _rewrite_from(entry)
    rewritten = tmp_path / "rewritten.json"
    call_command(
        "audit", "checkpoint", "--export", str(rewritten), "--since", str(old), stdout=StringIO()
    )
    with pytest.raises(CommandError, match="NOT consistent"):
        call_command(
            "audit",
            "witness",
            str(old),
            str(rewritten),
            "--public-key",
            key.hex(),
            stdout=StringIO(),
        )


def test_details_that_could_carry_a_name_are_refused(organisation):
    with pytest.raises(services.UnsafeDetails):
        services.record("test.event", details={"note": "Ivan Petrov"})
    with pytest.raises(services.UnsafeDetails):
        services.record("test.event", details={"city": "Алматы"})
    with pytest.raises(services.UnsafeDetails):
        services.record("test.event", target_ref="Ivanov Street 5")
    assert not AuditEntry.objects.filter(action="test.event").exists()


def test_entry_is_rolled_back_with_the_change_it_records(organisation):
    from django.db import transaction

    before = AuditEntry.objects.count()

    def failing_change() -> None:
        with transaction.atomic():
            services.record("test.event", details={"n": 1})
            raise RuntimeError("the change failed")

    with pytest.raises(RuntimeError):
        failing_change()
    assert AuditEntry.objects.count() == before
    assert AuditHead.objects.get(pk=1).size == before
    _verify()
