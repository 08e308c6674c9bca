"""Transparency log figures: appends per second, proof generation at 1,000,000 leaves, storage.

    .venv/bin/python bench/tlog.py [--leaves 1000000] [--single 300]

`single_appends_per_s` is the real path: one transaction per entry, with its audit entry and
a freshly signed checkpoint, against an audit-only transaction in the same process
(`single_append_vs_audit_record`). `bulk_appends_per_s` loads the large log through
`append_many` in batches of 10,000. Proofs are computed from the tiles in the database, the
way the pages and the witnesses get them, each with a fresh reader (no tile cached).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import emit, scratch_instance


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--leaves", type=int, default=1_000_000)
    parser.add_argument("--single", type=int, default=300)
    parser.add_argument("--proofs", type=int, default=200)
    args = parser.parse_args()
    with scratch_instance("sqlite"):
        from django.db import connection, transaction

        from safepassage.audit.merkle import leaf_hash
        from safepassage.audit.services import record
        from safepassage.tlog import leaf, services
        from safepassage.tlog.models import LogEntry, LogTile
        from safepassage.tlog.tiles import verify_inclusion

        day = date(2026, 5, 31)

        start = time.perf_counter()
        for i in range(args.single):
            with transaction.atomic():
                record("bench.baseline", target_type="bench", target_ref=i)
        audit_seconds = time.perf_counter() - start

        start = time.perf_counter()
        for i in range(args.single):
            with transaction.atomic():
                services.append(leaf.ATTESTATION, day, f"single {i}".encode())
        single_seconds = time.perf_counter() - start
        emit("single_appends_per_s", round(args.single / single_seconds, 1))
        emit("single_append_vs_audit_record", round(single_seconds / audit_seconds, 2))

        remaining = args.leaves - args.single
        batch = 10_000
        start = time.perf_counter()
        done = 0
        while done < remaining:
            count = min(batch, remaining - done)
            services.append_many(
                leaf.of_file(leaf.ATTESTATION, day, (done + i).to_bytes(8, "big"))
                for i in range(count)
            )
            done += count
        bulk_seconds = time.perf_counter() - start
        emit("bulk_appends_per_s", round(remaining / bulk_seconds))
        size = services.size()
        emit("leaves", size)

        rng = random.Random(7)
        inclusion, consistency = [], []
        for _ in range(args.proofs):
            index = rng.randrange(size)
            t0 = time.perf_counter()
            reader = services.reader(size)
            proof = reader.inclusion_proof(index)
            root = reader.root()
            inclusion.append(time.perf_counter() - t0)
            row = LogEntry.objects.get(index=index)
            data = services.leaf_of(row).encode()
            assert verify_inclusion(index, size, leaf_hash(data), proof, root)
            old = rng.randrange(1, size)
            t0 = time.perf_counter()
            services.reader(size).consistency_proof(old)
            consistency.append(time.perf_counter() - t0)
        emit("inclusion_proof_ms_median", round(statistics.median(inclusion) * 1000, 2))
        emit(
            "inclusion_proof_ms_p95", round(sorted(inclusion)[int(len(inclusion) * 0.95)] * 1000, 2)
        )
        emit("consistency_proof_ms_median", round(statistics.median(consistency) * 1000, 2))

        tiles = LogTile.objects.count()
        with connection.cursor() as cursor:
            cursor.execute("SELECT SUM(LENGTH(hashes)) FROM tlog_logtile")
            tile_bytes = int(cursor.fetchone()[0])
        bundle_bytes = (
            sum(
                2 + len(leaf.Leaf(k, d, bytes.fromhex(h)).encode())
                for k, d, h in LogEntry.objects.values_list("kind", "day", "digest")[:1000]
            )
            * size
            // 1000
        )
        emit("tiles", tiles)
        emit("tile_storage_mb", round(tile_bytes / 1e6, 1))
        emit("tile_bytes_per_leaf", round(tile_bytes / size, 1))
        emit("entry_bundles_mb", round(bundle_bytes / 1e6, 1))


if __name__ == "__main__":
    main()
