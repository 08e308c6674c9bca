"""Partner hand-over figures: a case with 50 MB of files goes to a second instance by file and
by HTTPS on loopback; time and peak memory growth on each side.

    .venv/bin/python bench/partners.py [--files-mb 50] [--postgres]

The sender is this process; the receiver is a second instance (its own folders and database)
run as separate processes, as in the tests. Memory growth is the process's peak resident size
during the step (Linux VmHWM, reset just before it) minus its resident size before: age and
the tar stream run in native code and Python, so only the operating system sees both. The
baseline is reading the same files back out of the vault in this process (`_vs_reading_files`).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from harness import emit, scratch_instance

PASSWORD = "correct horse battery staple 42"  # noqa: S105 - a throwaway bench account
FILE_MB = 10
T = TypeVar("T")


def _status() -> tuple[int, int]:
    """(resident, peak resident) of this process in KiB."""
    resident = peak = 0
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                resident = int(line.split()[1])
            elif line.startswith("VmHWM:"):
                peak = int(line.split()[1])
    return resident, peak


def _reset_peak(pid: str = "self") -> None:
    with open(f"/proc/{pid}/clear_refs", "w") as handle:
        handle.write("5")


def _measured(fn: Callable[[], T]) -> tuple[T, float, float]:
    _reset_peak()
    before, _peak = _status()
    start = time.perf_counter()
    result = fn()
    seconds = time.perf_counter() - start
    _resident, peak = _status()
    return result, seconds, (peak - before) / 1024


# Run inside the receiving instance (`safepassage shell -c`): receive and/or import, measured.
RECEIVER = """
import json, time
from pathlib import Path
from safepassage.cases.cli import staff_session
from safepassage.partners import inbox
def status():
    values = {}
    for line in open('/proc/self/status'):
        key, _sep, rest = line.partition(':')
        if key in ('VmRSS', 'VmHWM'):
            values[key] = int(rest.split()[0])
    return values
staff, vault = staff_session(EMAIL)
open('/proc/self/clear_refs', 'w').write('5')
before = status()['VmRSS']
start = time.perf_counter()
item = inbox.receive(Path(FILE)) if FILE else inbox.waiting(staff.organisation_id)[0]
access = inbox.import_item(staff, vault, item)
seconds = time.perf_counter() - start
print(json.dumps({'seconds': seconds, 'growth_mb': (status()['VmHWM'] - before) / 1024,
                  'reference': access.case.reference}))
"""


def _receive(beta: Any, path: str) -> dict[str, Any]:
    code = RECEIVER.replace("EMAIL", repr(beta.staff["coordinator"])).replace("FILE", repr(path))
    out = beta.run("shell", "-c", code, password=PASSWORD)
    figures: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--files-mb", type=int, default=50)
    parser.add_argument("--postgres", action="store_true")
    args = parser.parse_args()
    with scratch_instance("postgres" if args.postgres else "sqlite"):
        run(args.files_mb)


def run(files_mb: int) -> None:
    import trustme
    from django.apps import apps

    from safepassage.cases import seed, services
    from safepassage.core.roles import Role
    from safepassage.partners import channel, handover
    from safepassage.partners import scope as scopes
    from safepassage.partners import services as partner_services
    from safepassage.partners.tests.instance import Instance
    from safepassage.testing import make_organisation, make_staff
    from safepassage.vault import files

    seed.load(apps)
    organisation = make_organisation("Bench Sender")
    coordinator = make_staff(organisation, Role.COORDINATOR, password=PASSWORD)
    access = services.create_case(coordinator, "Иван Петров", country="KZ")
    file_ids = []
    for number in range(max(1, files_mb // FILE_MB)):
        text = (os.urandom(FILE_MB * 1024 * 1024 // 2).hex()).encode()
        file_ids.append(files.store_bytes(access.key, text, f"scan-{number}.txt", "text").id.hex)
        del text
    total_mb = sum(m.size for _r, m in scopes.case_files(access)) / (1024 * 1024)
    emit("partners_case_files_mb", round(total_mb, 1))

    def read_files() -> None:
        for row, _meta in scopes.case_files(access):
            for _chunk in files.read_chunks(access.key, row):
                pass

    _r, baseline, _g = _measured(read_files)

    root = Path(tempfile.mkdtemp(prefix="safepassage-bench-partner-"))
    beta = Instance(root / "beta", "Bench Receiver")
    authority = trustme.CA()
    authority.cert_pem.write_to_path(str(root / "ca.pem"))
    os.environ["SSL_CERT_FILE"] = str(root / "ca.pem")
    try:
        beta.setup()
        base = beta.serve_https(authority.issue_cert("127.0.0.1"))
        as_beta = ["partners", "--as", beta.staff["coordinator"]]
        beta.run(*as_beta, "set-inbox", f"{base}/partners/inbox/", password=PASSWORD)
        (root / "alpha.card").write_bytes(partner_services.our_card(organisation.pk).to_json())
        beta.run(*as_beta, "add", str(root / "alpha.card"), password=PASSWORD)
        words = " ".join(partner_services.our_words(organisation.pk))
        beta.run(*as_beta, "verify", "Bench Sender", "--words", words, password=PASSWORD)
        beta.run("partners", "card", "--out", str(root / "beta.card"))
        partner, _ = partner_services.add_partner(coordinator, (root / "beta.card").read_bytes())
        partner = partner_services.verify_partner(
            coordinator, partner, beta.run("partners", "words").strip()
        )
        partner_services.record_consent(access, partner, ["identity", "files"], "in_writing")
        scope = scopes.Scope(["identity", "files"], [], file_ids)

        bundle = root / "bundle.age"
        sent, seconds, growth = _measured(
            lambda: handover.send_to_file(access, partner, scope, bundle)
        )
        emit("partners_bundle_mb", round(sent.size / (1024 * 1024), 1))
        emit("partners_file_send_seconds", round(seconds, 2))
        emit("partners_file_send_vs_reading_files", round(seconds / baseline, 2))
        emit("partners_file_send_memory_growth_mb", round(growth, 1))
        received = _receive(beta, str(bundle))
        emit("partners_file_receive_import_seconds", round(received["seconds"], 2))
        emit("partners_file_receive_import_memory_growth_mb", round(received["growth_mb"], 1))

        server_pid = str(beta.server.pid) if beta.server else ""
        _reset_peak(server_pid)
        with open(f"/proc/{server_pid}/status") as status:
            server_before = next(int(x.split()[1]) for x in status if x.startswith("VmRSS:"))
        _sent, seconds, growth = _measured(lambda: handover.send_to_inbox(access, partner, scope))
        with open(f"/proc/{server_pid}/status") as status:
            server_peak = next(int(x.split()[1]) for x in status if x.startswith("VmHWM:"))
        emit("partners_https_send_and_inbox_check_seconds", round(seconds, 2))
        emit("partners_https_send_memory_growth_mb", round(growth, 1))
        emit(
            "partners_https_inbox_memory_growth_mb", round((server_peak - server_before) / 1024, 1)
        )
        imported = _receive(beta, "")
        emit("partners_https_import_seconds", round(imported["seconds"], 2))
        emit("partners_https_import_memory_growth_mb", round(imported["growth_mb"], 1))
        _r, seconds, _g = _measured(channel.fetch_receipts)
        emit("partners_https_receipt_fetch_seconds", round(seconds, 2))
    finally:
        beta.drop()


if __name__ == "__main__":
    main()
