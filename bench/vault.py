"""Vault figures: sealed field values per second, file stream MB/s and memory, unlock time.

    .venv/bin/python bench/vault.py [--file-mb 100]

The case detail page with and without encryption is measured by bench/cases.py
(detail_overhead_vs_noop_*), which seeds the cases that page needs.
"""

from __future__ import annotations

import argparse
import io
import sys
import time
import tracemalloc
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import emit, median_seconds, scratch_instance


class _Zeros(io.RawIOBase):
    """A source of `size` bytes that never holds more than one read in memory."""

    def __init__(self, size: int) -> None:
        self.left = size

    def readable(self) -> bool:
        return True

    def read(self, n: int = -1) -> bytes:
        n = self.left if n < 0 else min(n, self.left)
        self.left -= n
        return b"\x5a" * n


class _Sink(io.RawIOBase):
    def __init__(self) -> None:
        self.size = 0

    def writable(self) -> bool:
        return True

    def write(self, data: bytes) -> int:  # type: ignore[override] # buffer protocol not needed
        self.size += len(data)
        return len(data)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--file-mb", type=int, default=100)
    parser.add_argument("--fields", type=int, default=20_000)
    args = parser.parse_args()
    with scratch_instance("sqlite"):
        from django.conf import settings

        from safepassage.accounts.services import create_organisation
        from safepassage.crypto import aead, stream
        from safepassage.testing import make_staff
        from safepassage.vault import fields, objects, staffkeys
        from safepassage.vault.models import StaffKey

        organisation, _ = create_organisation("Bench")
        staff = make_staff(organisation)

        # Sealed values: encrypt + decrypt of a 40-byte name through the field API.
        from safepassage.cases.models import Case, Person

        case = Case.objects.create(
            reference="SP-BNCH-0001",
            organisation=organisation,
            retention_date=date(2031, 1, 1),
            created_by=staff,
        )
        key = objects.create("case", case.pk, date(2031, 1, 1), [staff.pk])
        person = Person(case=case, kind="principal")
        name = "Александр Сергеевич Пушкин-Иванов"
        start = time.perf_counter()
        for _ in range(args.fields):
            fields.write(key, person, "name_cyrillic", name)
            fields.read(key, person, "name_cyrillic")
        rate = args.fields / (time.perf_counter() - start)
        emit("field_encrypt_decrypt_per_s", f"{rate:.0f}")
        raw = aead.new_key()
        start = time.perf_counter()
        for _ in range(args.fields):
            aead.decrypt(raw, aead.encrypt(raw, name.encode(), b"ctx"), b"ctx")
        emit("field_vs_bare_aead", f"{rate / (args.fields / (time.perf_counter() - start)):.2f}")

        # Files: 100 MB through the chunked stream, memory traced.
        size = args.file_mb * 1024 * 1024
        sink = _Sink()
        tracemalloc.start()
        start = time.perf_counter()
        stream.encrypt(aead.new_key(), _Zeros(size), sink)  # type: ignore[arg-type]
        seconds = time.perf_counter() - start
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        emit("file_stream_encrypt_mb_per_s", f"{size / seconds / 2**20:.0f}")
        emit(f"file_stream_peak_memory_mb_for_{args.file_mb}_mb", f"{peak / 2**20:.2f}")
        file_key = aead.new_key()
        sealed = io.BytesIO()
        stream.encrypt(file_key, _Zeros(size // 4), sealed)  # type: ignore[arg-type]
        sealed.seek(0)
        start = time.perf_counter()
        total = sum(len(c) for c in stream.decrypt(file_key, sealed))
        emit("file_stream_decrypt_mb_per_s", f"{total / (time.perf_counter() - start) / 2**20:.0f}")

        # Unlock at sign-in with the production Argon2id costs.
        settings.VAULT_KDF_OPSLIMIT = 3
        settings.VAULT_KDF_MEMLIMIT = 64 * 1024 * 1024
        StaffKey.objects.filter(staff=staff).delete()
        staffkeys.create_staff_key(staff.pk, "a realistic passphrase of five words")
        stored = StaffKey.objects.get(staff=staff)
        emit(
            "unlock_kdf", f"argon2id ops={stored.kdf_opslimit} mem_mib={stored.kdf_memlimit >> 20}"
        )
        seconds = median_seconds(
            lambda: staffkeys.unlock(stored, "a realistic passphrase of five words"), repeat=9
        )
        emit("unlock_at_signin_median_s", f"{seconds:.3f}")


if __name__ == "__main__":
    main()
