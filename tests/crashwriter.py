"""S9 helper, run as a separate process: writes sealed records until killed, or checks them.

    python tests/crashwriter.py setup|write|check   (environment names the instance)

`write` prints the id of each record only after its transaction has committed; the test kills
the process at random moments, then `check` opens every printed record and verifies the log.
"""

from __future__ import annotations

import json
import os
import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402

from safepassage.audit import services as audit  # noqa: E402
from safepassage.testing import make_organisation, make_staff  # noqa: E402
from safepassage.vault import fields, objects  # noqa: E402
from safepassage.vault.files import read_chunks, store_bytes  # noqa: E402
from safepassage.vault.models import EncryptedFile  # noqa: E402
from safepassage.vault.session import VaultSession  # noqa: E402
from tests.vaultprobe.models import Probe  # noqa: E402

STATE = Path(os.environ["SAFEPASSAGE_KEY_DIR"]) / "crash-state.json"


def setup() -> None:
    call_command("migrate", run_syncdb=True, verbosity=0)
    staff = make_staff(make_organisation())
    private = staff._test_private_key  # type: ignore[attr-defined]
    STATE.write_text(json.dumps({"staff": staff.pk, "private": private.hex()}))


def write() -> None:
    state = json.loads(STATE.read_text())
    n = 0
    while True:
        n += 1
        with transaction.atomic():
            probe = Probe.objects.create()
            key = objects.create("probe", probe.pk, date(2032, 1, 1), [state["staff"]])
            fields.write(key, probe, "name", f"record {probe.pk} " + "x" * (n % 300))
            fields.write(key, probe, "details", {"n": n, "pad": "y" * (n % 500)})
            probe.save()
            store_bytes(key, f"file of {probe.pk}".encode() * 50, "f.txt", "text")
            audit.record("probe.created", target_type="probe", target_ref=probe.pk)
        print(probe.pk, flush=True)


def check() -> None:
    state = json.loads(STATE.read_text())
    vault = VaultSession(state["staff"], bytes.fromhex(state["private"]))
    ids = [int(line) for line in sys.stdin.read().split()]
    opened = 0
    for probe in Probe.objects.filter(pk__in=ids):
        key = objects.open_with(objects.ring_of("probe", probe.pk), vault)
        assert fields.read(key, probe, "name").startswith(f"record {probe.pk} ")
        for row in EncryptedFile.objects.filter(ring=key.ring):
            assert b"".join(read_chunks(key, row)).startswith(f"file of {probe.pk}".encode())
        opened += 1
    # Rows committed but not yet printed when the process died are checked as well.
    for probe in Probe.objects.exclude(pk__in=ids):
        key = objects.open_with(objects.ring_of("probe", probe.pk), vault)
        fields.read(key, probe, "name")
    report = audit.verify()
    print(
        json.dumps(
            {
                "printed": len(ids),
                "opened": opened,
                "total": Probe.objects.count(),
                "audit_ok": report.ok,
                "problems": report.problems,
            }
        )
    )


if __name__ == "__main__":
    {"setup": setup, "write": write, "check": check}[sys.argv[1]]()
