"""Dossier figures: building a signed dossier with 40 MB of annexes, time and peak memory
growth (goal: under 10 s and 100 MB), and verifying it.

    .venv/bin/python bench/dossiers.py [--annexes-mb 40] [--postgres]

The annexes are PDF-headed files of random bytes (nothing compresses), stored in the vault as
case files. Memory growth is the process's peak resident size during the step (Linux VmHWM,
reset just before it) minus its resident size before. The baseline is reading the same annexes
out of the vault once in this process (`_vs_reading_annexes`): a build reads them twice (once to
check and hash them, once to embed them) and signs the whole file.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from harness import emit, scratch_instance

ANNEX_MB = 10
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


def _measured(fn: Callable[[], T]) -> tuple[T, float, float]:
    with open("/proc/self/clear_refs", "w") as handle:
        handle.write("5")
    before, _peak = _status()
    start = time.perf_counter()
    result = fn()
    seconds = time.perf_counter() - start
    _resident, peak = _status()
    return result, seconds, (peak - before) / 1024


def _annex(size: int) -> Iterator[bytes]:
    yield b"%PDF-1.4\n"
    left = size - 9
    while left > 0:
        piece = os.urandom(min(left, 1024 * 1024))
        left -= len(piece)
        yield piece


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--annexes-mb", type=int, default=40)
    parser.add_argument("--postgres", action="store_true")
    args = parser.parse_args()
    with scratch_instance("postgres" if args.postgres else "sqlite"):
        run(args.annexes_mb)


def run(annexes_mb: int) -> None:
    from django.apps import apps

    from safepassage.cases import seed, services
    from safepassage.cases.models import Person
    from safepassage.core.roles import Role
    from safepassage.dossiers import building
    from safepassage.dossiers import seed as dossier_seed
    from safepassage.dossiers.models import Authority
    from safepassage.testing import make_organisation, make_staff
    from safepassage.vault import files
    from safepassage.vault.session import VaultSession

    seed.load(apps)
    dossier_seed.load(apps)
    organisation = make_organisation("Bench organisation")
    coordinator = make_staff(organisation, Role.COORDINATOR)
    access = services.create_case(coordinator, "Иван Петров", country="KZ")
    vault = VaultSession(coordinator.pk, coordinator._test_private_key)  # type: ignore[attr-defined]
    tokens = []
    for number in range(max(1, annexes_mb // ANNEX_MB)):
        row = files.store_stream(
            access.key, _annex(ANNEX_MB * 1024 * 1024), f"scan-{number}.pdf", "pdf"
        )
        tokens.append(f"file:{row.pk}")
    emit("dossiers_annexes_mb", annexes_mb)

    def read_annexes() -> None:
        for annex in building.annex_choices(access, vault):
            for _chunk in annex.open_chunks():
                pass

    _r, baseline, _g = _measured(read_annexes)
    authority = Authority.objects.get(code="fr-visa-asile")
    people = [p.pk for p in Person.objects.filter(case=access.case)]
    built, seconds, growth = _measured(
        lambda: building.build(access, authority, people=people, annexes=tokens, vault=vault)
    )
    size = built.pdf.getbuffer().nbytes
    emit("dossiers_pdf_mb", round(size / 2**20, 1))
    emit("dossiers_build_seconds", round(seconds, 2))
    emit("dossiers_build_vs_reading_annexes", round(seconds / baseline, 2))
    emit("dossiers_build_memory_growth_mb", round(growth, 1))
    out = Path(tempfile.mkdtemp(prefix="safepassage-bench-dossier-")) / "dossier.pdf"
    with out.open("wb") as handle:
        for chunk in building.chunks_of(built.pdf):
            handle.write(chunk)
    del built
    raw = out.read_bytes()
    verdict, seconds, growth = _measured(lambda: building.verify(raw))
    emit("dossiers_verify_valid", verdict.valid)
    emit("dossiers_verify_seconds", round(seconds, 2))
    emit("dossiers_verify_memory_growth_mb", round(growth, 1))
    out.unlink()


if __name__ == "__main__":
    main()
