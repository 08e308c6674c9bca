"""The signed head in the key folder: written before the answer for actions that hand out keys
or state something to others, by a writer thread for the rest, and a writer that fails says so
and keeps trying instead of stopping for good."""

from __future__ import annotations

import logging
import time

import pytest
from django.db import transaction

from safepassage.audit import services

pytestmark = pytest.mark.django_db(transaction=True)


def _head_size() -> int:
    head = services.read_head()
    return head.size if head is not None else 0


def _wait_for(condition, seconds: float = 10.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return False


def test_a_key_grant_is_under_a_signed_head_before_the_answer(organisation, settings):
    settings.AUDIT_HEAD_INTERVAL_SECONDS = 3600  # the writer thread would wait an hour
    with transaction.atomic():
        viewed = services.record("case.viewed", target_type="case", target_ref="SP-AAAA-BBBB")
    # An ordinary entry waits for the writer: the documented window a killed process leaves.
    assert _head_size() < viewed
    with transaction.atomic():
        granted = services.record("case.assigned", target_type="case", target_ref="SP-AAAA-BBBB")
    assert _head_size() == granted  # signed at commit, before any response could be sent
    services.flush_head()


def test_the_head_writer_survives_a_failure_says_so_and_writes_later(
    organisation, settings, monkeypatch, caplog
):
    settings.AUDIT_HEAD_INTERVAL_SECONDS = 0.05
    real = services._write_head
    calls = {"n": 0}

    def failing_once(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 1:
            raise OSError("key folder not writable")
        return real(*args, **kwargs)

    monkeypatch.setattr(services, "_write_head", failing_once)
    caplog.set_level(logging.ERROR, logger="safepassage.audit.services")
    with transaction.atomic():
        seq = services.record("test.event", target_type="thing", target_ref=1)
    assert _wait_for(lambda: calls["n"] >= 1)
    assert _wait_for(lambda: _head_size() == seq), "the writer stopped after its failure"
    assert calls["n"] >= 2
    status = services.head_writer_status()
    assert status.failures == 0
    assert status.written_at is not None
    assert any("audit head not written (OSError)" in r.getMessage() for r in caplog.records)
    assert not any("not writable" in r.getMessage() for r in caplog.records)  # kind only


def test_a_failing_writer_is_counted_until_it_writes_again(organisation, settings, monkeypatch):
    settings.AUDIT_HEAD_INTERVAL_SECONDS = 0.05

    def failing(*args, **kwargs):
        raise PermissionError("denied")

    monkeypatch.setattr(services, "_write_head", failing)
    with transaction.atomic():
        services.record("test.event", target_type="thing", target_ref=2)
    assert _wait_for(lambda: services.head_writer_status().failures >= 3)
    assert services.head_writer_status().last_failure == "PermissionError"
    monkeypatch.undo()
    assert _wait_for(lambda: services.head_writer_status().failures == 0)
