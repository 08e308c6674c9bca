"""`safepassage tlog prove`: an authority finds an attestation in the log with public keys only."""

from __future__ import annotations

from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from safepassage.tlog import prove, services, witnessing
from safepassage.tlog.models import LogEntry
from safepassage.tlog.note import NoteError, parse_vkey
from safepassage.tlog.tests.helpers import PREFIX, client_transport, issue_one, revoke
from safepassage.tlog.tests.test_witness import cosigned_by_ourselves

pytestmark = pytest.mark.django_db


def test_an_issued_and_revoked_attestation_is_found_with_its_witness(coordinator):
    cosigned_by_ourselves(coordinator)
    issued = issue_one(coordinator)
    revoke(issued, coordinator, "superseded")
    services.request_cosignatures(client_transport())
    witness = parse_vkey(witnessing.witness_vkey())
    found = prove.find(
        issued.json,
        PREFIX,
        parse_vkey(services.log_vkey()),
        [witness],
        client_transport(),
    )
    assert [(index, entry.kind) for index, entry in found.entries] == [
        (1, "attestation"),
        (2, "attestation-revocation"),
    ]
    assert found.size == 3
    assert found.cosigned_by == [witness.name]


def test_entries_that_do_not_hash_to_the_root_are_refused(coordinator):
    issued = issue_one(coordinator)
    issue_one(coordinator)
    LogEntry.objects.filter(index=1).update(digest="ab" * 32)
    with pytest.raises(NoteError, match="do not hash to its signed root"):
        prove.find(issued.json, PREFIX, parse_vkey(services.log_vkey()), [], client_transport())


def test_another_log_key_is_refused(coordinator):
    issued = issue_one(coordinator)
    other = witnessing.witness_vkey()  # a real key, but not the log's
    with pytest.raises(NoteError):
        prove.find(issued.json, PREFIX, parse_vkey(other), [], client_transport())


@pytest.mark.django_db(transaction=True)
def test_the_command_says_logged_or_not_logged(live_server: Any, coordinator, tmp_path: Path):
    issued = issue_one(coordinator)
    file = tmp_path / "attestation.pdf"
    file.write_bytes(issued.pdf)
    url = f"{live_server.url}/tlog"
    out = StringIO()
    call_command(
        "tlog", "prove", str(file), "--log", url, "--vkey", services.log_vkey(), stdout=out
    )
    assert "logged at index 0 in checkpoint of size 1" in out.getvalue()
    assert "cosigned by 0 of the 0 witnesses given" in out.getvalue()
    stranger = tmp_path / "other.json"
    stranger.write_bytes(issued.json.replace(b"\n", b"\n ", 1))
    out = StringIO()
    with pytest.raises(CommandError):
        call_command(
            "tlog", "prove", str(stranger), "--log", url, "--vkey", services.log_vkey(), stdout=out
        )
    assert "NOT LOGGED" in out.getvalue()
